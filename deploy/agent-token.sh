#!/usr/bin/env bash
# Prints a personal API token for an agent of the local run, creating the agent first when needed.
#
#   ./deploy/agent-token.sh AGENT_ID [QUEUES]      e.g. ./deploy/agent-token.sh alice general,orders
#
# Signs in as the first operator (the password deploy/run.sh keeps in .baton/secrets), creates the
# agent account for QUEUES (default general,orders) if there is none, and issues a 90-day token.
# Use it as: curl -H "Authorization: Bearer $(./deploy/agent-token.sh alice)" ...
# BATON_API (http://127.0.0.1:8080) and BATON_FIRST_OPERATOR_USERNAME/_PASSWORD override.
set -euo pipefail

# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -ge 1 && $1 != -h && $1 != --help ]] || { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
agent="$1"
queues="${2:-general,orders}"
api="${BATON_API:-http://127.0.0.1:${BATON_API_PORT:-8080}}/api/v1"
baton_require curl python3
operator="${BATON_FIRST_OPERATOR_USERNAME:-operator}"
password="${BATON_FIRST_OPERATOR_PASSWORD:-$(cat "$BATON_HOME/secrets/operator-password" 2>/dev/null || true)}"
[[ -n $password ]] || baton_die "no operator password: set BATON_FIRST_OPERATOR_PASSWORD or start Baton with deploy/run.sh"

json() { python3 -c 'import json,sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' "$@"; }
field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

operator_token="$(curl -fsS -X POST "$api/auth/token" -H 'Content-Type: application/json' \
  -d "$(json username "$operator" password "$password")" | field token)" \
  || baton_die "could not sign in as $operator at $api"
auth=(-H "Authorization: Bearer $operator_token")

queue_list="$(python3 -c 'import json,sys; print(json.dumps([q for q in sys.argv[1].split(",") if q]))' "$queues")"
status="$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$api/accounts" "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$agent\",\"role\":\"AGENT\",\"queues\":$queue_list}")"
case "$status" in
  201) baton_log "created agent $agent for $queues" ;;
  409) ;;
  *) baton_die "could not create agent $agent (HTTP $status)" ;;
esac
curl -fsS -X POST "$api/accounts/$agent/tokens" "${auth[@]}" -H 'Content-Type: application/json' \
  -d '{"label":"agent-token.sh"}' | field token
