#!/usr/bin/env bash
# Registers Baton's search attributes (deploy/search-attributes.txt) on a Temporal namespace through
# the operator API, with the Temporal CLI. Run it once per namespace before the first worker starts,
# and again after adding an attribute; an attribute already there is left as it is.
#
# The CLI reads its connection from the environment, so the same script serves every cluster:
#   TEMPORAL_ADDRESS      host:port of the frontend (default 127.0.0.1:7233)
#   TEMPORAL_NAMESPACE    the namespace (default "default")
#   TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH   client certificate and key (mTLS)
#   TEMPORAL_TLS_SERVER_CA_CERT_PATH   the CA of a server certificate no public CA signed
#   TEMPORAL_API_KEY      an API key (TLS is then on)
# Usage: register-search-attributes.sh [path/to/temporal] [path/to/search-attributes.txt]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
temporal="${1:-$(command -v temporal || true)}"
list="${2:-$here/../search-attributes.txt}"
[[ -n $temporal && -x $temporal ]] || { echo "error: the Temporal CLI is needed (pass its path, or put 'temporal' on PATH)" >&2; exit 1; }
[[ -r $list ]] || { echo "error: cannot read $list" >&2; exit 1; }
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:7233}"
export TEMPORAL_NAMESPACE="${TEMPORAL_NAMESPACE:-default}"

existing="$("$temporal" operator search-attribute list --output json 2>/dev/null || true)"
while IFS= read -r line || [[ -n $line ]]; do
  line="${line%%#*}"
  line="${line//[[:space:]]/}"
  [[ -z $line ]] && continue
  name="${line%%=*}"
  type="${line#*=}"
  if grep -q "\"$name\"" <<<"$existing"; then
    echo "$name: already registered on $TEMPORAL_NAMESPACE"
    continue
  fi
  # Two runs at once: the loser's "already exists" is success too.
  if out="$("$temporal" operator search-attribute create --name "$name" --type "$type" 2>&1)"; then
    echo "$name: registered as $type on $TEMPORAL_NAMESPACE"
  elif grep -qi "already exists" <<<"$out"; then
    echo "$name: already registered on $TEMPORAL_NAMESPACE"
  else
    echo "error: could not register $name ($type) on $TEMPORAL_NAMESPACE at $TEMPORAL_ADDRESS: $out" >&2
    exit 1
  fi
done <"$list"
