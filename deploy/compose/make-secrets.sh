#!/usr/bin/env bash
# Makes the secret files compose.yaml reads (secrets/, mode 600, never committed) and the .env
# line the Temporal server's image needs. Existing files are kept: run it again safely.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
umask 077
mkdir -p secrets
random() { head -c 36 /dev/urandom | base64 | tr -d '\n/+='; }
for name in postgres-password baton-db-password customer-token-key identity-key operator-password; do
  [[ -s secrets/$name ]] || random >"secrets/$name"
done
# Payload keys: id:base64 of 32 random bytes (docs/security.md).
[[ -s secrets/codec-keys ]] || printf 'k1:%s' "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >secrets/codec-keys
if ! grep -qs '^TEMPORAL_DB_PASSWORD=' .env; then
  echo "TEMPORAL_DB_PASSWORD=$(<secrets/postgres-password)" >>.env
fi
echo "secrets in $(pwd)/secrets; the first operator's password: secrets/operator-password"
