#!/usr/bin/env bash
# shellcheck disable=SC2317  # on_signal runs from a trap, which shellcheck cannot see
# Runs Baton on this machine: the Temporal dev server with its Web UI, PostgreSQL, the worker and
# the api, all on 127.0.0.1. Waits until each is healthy, prints the URLs, and stops everything it
# started on Ctrl-C. Data lives in .baton/data, so a second run carries on where the first ended.
#
#   ./deploy/run.sh              build, then start everything
#   ./deploy/run.sh --no-build   start what was built last time
#   ./deploy/run.sh --real-hours keep the queues' business hours (by default every queue is open
#                                around the clock here, so the walk-through reaches a person at any
#                                hour; BATON_HOURS_ALWAYS_OPEN=false does the same)
#
# Ports come from the environment: TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233),
# BATON_POSTGRES_PORT (54329), BATON_WORKER_PORT (8081), BATON_API_PORT (8080). Set BATON_DB_URL
# (with BATON_DB_USER and BATON_DB_PASSWORD) to use an existing PostgreSQL instead of the local one.
# Any other BATON_* setting, such as BATON_CONVERSATION_IDLE_TIMEOUT=2m, reaches the apps as it is.
# BATON_CODEC_KEYS (id:base64,…) are the payload encryption keys; without, one is made in .baton/.
set -euo pipefail

# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build=true
# The local run is a demo: open around the clock unless asked otherwise (docs/after-hours.md).
export BATON_HOURS_ALWAYS_OPEN="${BATON_HOURS_ALWAYS_OPEN:-true}"
# Conversation starts: the api's defaults are strict (20 at once then 10/1m per client address;
# docs/security.md). The local demo, and every test and script driving it from one address, gets
# generous ones, printed in the banner; set these to try the strict ones.
export BATON_LIMITS_STARTS_PER_ADDRESS_BURST="${BATON_LIMITS_STARTS_PER_ADDRESS_BURST:-1000}"
export BATON_LIMITS_STARTS_PER_ADDRESS_REFILL="${BATON_LIMITS_STARTS_PER_ADDRESS_REFILL:-1000/1m}"
export BATON_LIMITS_STARTS_PER_CUSTOMER_BURST="${BATON_LIMITS_STARTS_PER_CUSTOMER_BURST:-1000}"
export BATON_LIMITS_STARTS_PER_CUSTOMER_REFILL="${BATON_LIMITS_STARTS_PER_CUSTOMER_REFILL:-1000/1m}"
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    --real-hours) BATON_HOURS_ALWAYS_OPEN=false ;;
    -h | --help)
      sed -n '3,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *) baton_die "unknown argument '$arg' (try --help)" ;;
  esac
done

temporal_port="${TEMPORAL_PORT:-7233}"
temporal_ui_port="${TEMPORAL_UI_PORT:-8233}"
postgres_port="${BATON_POSTGRES_PORT:-54329}"
export BATON_WORKER_PORT="${BATON_WORKER_PORT:-8081}"
export BATON_API_PORT="${BATON_API_PORT:-8080}"
export TEMPORAL_ADDRESS="127.0.0.1:$temporal_port"
export TEMPORAL_NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
local_postgres=true
if [[ -n ${BATON_DB_URL:-} ]]; then
  local_postgres=false
else
  export BATON_DB_URL="jdbc:postgresql://127.0.0.1:$postgres_port/postgres"
fi

baton_local_secrets
data_dir="$BATON_HOME/data"
log_dir="$BATON_HOME/logs"

cd "$BATON_ROOT"
baton_require_java
baton_require curl setsid
temporal="$(baton_temporal_cli)"

if $build; then
  baton_require mvn
  baton_log "building (mvn package, tests skipped; ./deploy/test.sh runs them)"
  mvn -B -q -DskipTests package
fi

worker_jar="$(baton_exec_jar worker)"
api_jar="$(baton_exec_jar api)"
postgres_jar="$(baton_exec_jar deploy)"

ports=("$temporal_port" "$temporal_ui_port" "$BATON_WORKER_PORT" "$BATON_API_PORT")
$local_postgres && ports+=("$postgres_port")
for port in "${ports[@]}"; do
  if baton_port_in_use "$port"; then
    baton_die "port $port on 127.0.0.1 is already in use (another Baton still running?); free it or choose other ports (see --help)"
  fi
done

mkdir -p "$data_dir" "$log_dir"

# Everything it starts (baton_start, lib.sh) is stopped in reverse order when it ends.
start() { baton_start "$log_dir" "$@"; }

on_signal() {
  # A second Ctrl-C must not cut the orderly stop short and leave processes behind.
  trap '' INT TERM HUP PIPE
  echo >&2 2>/dev/null || true
  baton_stop_all
  baton_log "stopped"
  exit 130
}
trap on_signal INT TERM HUP
trap baton_stop_all EXIT

# ready NAME TIMEOUT COMMAND...: waits for the component started last, or stops everything.
ready() {
  local name="$1" timeout="$2"
  shift 2
  if ! baton_wait_until "$name" "${BATON_STARTED_PIDS[-1]}" "$log_dir/$name.log" "$timeout" "$@"; then
    exit 1
  fi
  baton_log "$name is ready"
}

# Temporal payloads are encrypted (docs/security.md). The local run makes one key, once, and keeps
# it in .baton/codec-keys with the data it can read; set BATON_CODEC_KEYS to bring your own.
if [[ -z ${BATON_CODEC_KEYS:-} ]]; then
  key_file="$BATON_HOME/codec-keys"
  if [[ ! -s $key_file ]]; then
    (umask 077 && echo "local-1:$(head -c 32 /dev/urandom | base64 | tr -d '\n')" > "$key_file")
    baton_log "made a payload encryption key in .baton/codec-keys (DEV ONLY: keep production keys in a secret store)"
  fi
  BATON_CODEC_KEYS="$(cat "$key_file")"
  export BATON_CODEC_KEYS
fi
export BATON_CODEC_CORS_ORIGINS="${BATON_CODEC_CORS_ORIGINS:-http://127.0.0.1:$temporal_ui_port,http://localhost:$temporal_ui_port}"

mapfile -t search_attribute_flags < <(baton_search_attribute_flags)
# The UI decodes payloads through the api's codec endpoint, in the browser of a supervisor signed in
# to the console (its codec session cookie; docs/security.md). BATON_CODEC_CORS_ORIGINS lets the
# UI's origin call it with credentials.
start temporal "$temporal" server start-dev \
  --ip 127.0.0.1 --port "$temporal_port" --ui-port "$temporal_ui_port" \
  --db-filename "$data_dir/temporal.db" --ui-disable-news-fetch \
  --ui-codec-endpoint "http://127.0.0.1:$BATON_API_PORT/api/v1/codec" \
  "${search_attribute_flags[@]}"
ready temporal 60 "$temporal" operator cluster health --address "$TEMPORAL_ADDRESS"

if $local_postgres; then
  start postgres java -jar "$postgres_jar" --data-dir "$data_dir/postgres" --port "$postgres_port"
  # The first run unpacks PostgreSQL and creates the cluster, which takes a little longer.
  ready postgres 120 grep -q 'PostgreSQL ready' "$log_dir/postgres.log"
fi

# The worker starts from a class data sharing archive (docs/performance.md, "The worker's start"):
# once per build, the jar is unpacked into .baton/cds and one training start, which exits as soon
# as its context is ready (it migrates the schema and loads the bot, but polls nothing), records
# the classes a start loads. Later starts map them instead of loading and verifying them again. A
# missing or unusable archive only costs speed: the JVM then starts as usual.
worker_cds() {
  local cds="$BATON_HOME/cds" stamp
  stamp="$(sha256sum "$worker_jar" | cut -c1-16)-$(java -version 2>&1 | head -1 | tr -dc 'A-Za-z0-9._-')"
  if [[ ! -f $cds/worker.jsa || $(cat "$cds/stamp" 2>/dev/null) != "$stamp" ]]; then
    rm -rf "$cds" && mkdir -p "$cds"
    java -Djarmode=tools -jar "$worker_jar" extract --destination "$cds/worker" >"$log_dir/worker-cds.log" 2>&1 || return 1
    baton_log "recording the worker's classes for faster starts (once per build; log .baton/logs/worker-cds.log)"
    BATON_WORKER_PORT=0 timeout 300 java -XX:ArchiveClassesAtExit="$cds/worker.jsa" -Dspring.context.exit=onRefresh \
      -jar "$cds/worker/$(basename "$worker_jar")" >>"$log_dir/worker-cds.log" 2>&1 || { rm -f "$cds/worker.jsa"; return 1; }
    echo "$stamp" >"$cds/stamp"
  fi
  worker_command=(java -XX:SharedArchiveFile="$cds/worker.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$cds/worker/$(basename "$worker_jar")")
}
worker_command=(java -jar "$worker_jar")
worker_cds || baton_log "no class data sharing archive for the worker (see .baton/logs/worker-cds.log); it starts as usual"

# The worker first: it migrates the schema the api reads.
start worker "${worker_command[@]}"
ready worker 180 baton_http_healthy "http://127.0.0.1:$BATON_WORKER_PORT/actuator/health"

start api java -jar "$api_jar"
ready api 180 baton_http_healthy "http://127.0.0.1:$BATON_API_PORT/actuator/health"

api="http://127.0.0.1:$BATON_API_PORT"
starts() { [[ $1 == 0 ]] && echo "off" || echo "$1 at once, then $2"; }
cat <<EOF

Baton is running.

  API           $api/api/v1
  Swagger UI    $api/swagger-ui.html
  OpenAPI       $api/v3/api-docs
  Chat widget   $api/widget.html
  Agent console $api/console.html
  Temporal UI   http://127.0.0.1:$temporal_ui_port (payloads decoded by $api/api/v1/codec in the
                browser of a supervisor signed in to the console; once per browser, in the UI's
                codec settings, tick "Include cross-origin credentials": docs/security.md)
  Logs          .baton/logs/   Data: .baton/data/
  Starts        per client address $(starts "$BATON_LIMITS_STARTS_PER_ADDRESS_BURST" "$BATON_LIMITS_STARTS_PER_ADDRESS_REFILL"), per customer id $(starts "$BATON_LIMITS_STARTS_PER_CUSTOMER_BURST" "$BATON_LIMITS_STARTS_PER_CUSTOMER_REFILL")
                (local demo; the api's own defaults, for a site on the internet, are 20 then 10/1m and 10 then 20/1h)
  Hours         $([[ $BATON_HOURS_ALWAYS_OPEN == true ]] && echo "every queue open around the clock (local demo; --real-hours keeps hours.yaml's and operators' schedules)" || echo "the queues' business hours (hours.yaml and operators' changes)")

First operator (admin; sign in to the console with it, or manage accounts over the API):

  username  $BATON_FIRST_OPERATOR_USERNAME
  password  $BATON_FIRST_OPERATOR_PASSWORD     (kept in .baton/secrets/operator-password)

An agent credential (creates the agent for those queues if needed, prints a bearer token):

  ./deploy/agent-token.sh alice general,orders

Start a conversation (the answer carries the customerToken for its later calls):

  curl -s -X POST $api/api/v1/conversations \\
    -H 'Content-Type: application/json' \\
    -d '{"customer":{"id":"cust-1","name":"Ada"},"channel":"web","text":"where is my order 12345678"}'

Then find it in the Temporal UI with the query BatonStatus="BOT_ACTIVE".
Press Ctrl-C to stop everything.

EOF

# Runs until Ctrl-C, or until a component dies on its own, which takes the rest down with it.
wait -n "${BATON_STARTED_PIDS[@]}" || true
for i in "${!BATON_STARTED_PIDS[@]}"; do
  if ! kill -0 "${BATON_STARTED_PIDS[i]}" 2>/dev/null; then
    name="${BATON_STARTED_NAMES[i]}"
    baton_log "error: $name stopped unexpectedly; the end of .baton/logs/$name.log:"
    baton_log_tail "$log_dir/$name.log"
  fi
done
exit 1
