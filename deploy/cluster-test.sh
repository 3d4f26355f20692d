#!/usr/bin/env bash
# Baton on a real Temporal cluster, several instances of each process, failures included. Not part
# of ./deploy/test.sh (the first run builds the Temporal server, several minutes); CI runs it on a
# schedule (docs/production.md).
#
#   ./deploy/cluster-test.sh [--no-build]
#
# 1. builds the Temporal server and temporal-sql-tool (go.temporal.io/server $TEMPORAL_SERVER_VERSION)
#    from the Go module proxy, once, into ~/.cache/baton/tools;
# 2. starts PostgreSQL, sets up Temporal's persistence and visibility schemas with temporal-sql-tool,
#    and starts the server from deploy/temporal/cluster-test.yaml (frontend, history, matching and
#    worker services, 127.0.0.1 only);
# 3. creates the namespace and registers Baton's search attributes with
#    deploy/temporal/register-search-attributes.sh (the script a team runs on its own cluster);
# 4. starts two workers and two api instances on one shared PostgreSQL database;
# 5. runs deploy/cluster/drive.py: conversations through both apis, one worker and one api
#    SIGKILLed mid-flight, then checks nothing was lost or answered twice, takeover races give one
#    winner, a live stream on the other api keeps flowing, idle timers fire; prints its figures;
# 6. stops everything it started, whatever happened, within $CLUSTER_TEST_BUDGET seconds (900).
set -euo pipefail

# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TEMPORAL_SERVER_VERSION="v1.32.2"
budget="${CLUSTER_TEST_BUDGET:-900}"
build=true
[[ ${1:-} == --no-build ]] && build=false

# Ports apart from the local run's (the Temporal ones are fixed in cluster-test.yaml).
pg_port=55433
frontend=127.0.0.1:17233
worker_ports=(18081 18082)
api_ports=(18080 18090)

cd "$BATON_ROOT"
baton_require_java
baton_require curl python3 setsid
temporal_cli="$(baton_temporal_cli)"

# Prints the directory holding Temporal's server and temporal-sql-tool, building them once.
temporal_server() {
  local dir="$BATON_TOOLS_CACHE/temporal-server-$TEMPORAL_SERVER_VERSION" partial
  if [[ ! -x $dir/bin/server || ! -x $dir/bin/sql ]]; then
    baton_require_go
    baton_log "building the Temporal server $TEMPORAL_SERVER_VERSION into $dir (once; about 4 minutes on 2 cores)"
    mkdir -p "$BATON_TOOLS_CACHE"
    partial="$(mktemp -d "$dir.partial.XXXXXX")"
    GOTOOLCHAIN="$BATON_GO_TOOLCHAIN" GOBIN="$partial/bin" GOFLAGS=-mod=mod nice go install \
      "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" \
      "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" >&2 \
      || baton_die "could not build the Temporal server with go install"
    baton_tool_in_place "$partial" "$dir"
  fi
  echo "$dir"
}
server_dir="$(temporal_server)"
# The versioned schema files ship in the server's module, which the build put in the module cache.
schema="$(GOFLAGS=-mod=mod go env GOMODCACHE)/go.temporal.io/server@$TEMPORAL_SERVER_VERSION/schema/postgresql/v12"
[[ -d $schema/temporal/versioned ]] || baton_die "Temporal's schema files are not in $schema (module cache cleaned? delete $server_dir and run again)"

if $build; then
  baton_require mvn
  baton_log "building the jars (mvn package, tests skipped)"
  mvn -B -q -ntp -DskipTests package
fi
for port in "$pg_port" 17233 17234 17235 17239 17243 16933 16934 16935 16939 "${worker_ports[@]}" "${api_ports[@]}"; do
  baton_port_in_use "$port" && baton_die "port $port on 127.0.0.1 is in use (another cluster test running?)"
done

work="$(mktemp -d "${TMPDIR:-/tmp}/baton-cluster.XXXXXX")"
logs="$BATON_HOME/cluster-logs"
rm -rf "$logs" && mkdir -p "$logs"
# Everything it starts (baton_start, lib.sh) is stopped, the last first, whatever happened.
start() { baton_start "$logs" "$@"; }
stop_all() {
  baton_stop_all 10
  [[ -n ${watchdog:-} ]] && kill "$watchdog" 2>/dev/null
  rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 130' INT TERM HUP
# Bounded in time: past the budget the script stops everything and fails.
(sleep "$budget" && baton_log "error: over the budget of ${budget}s; stopping" && kill -TERM $$) &
watchdog=$!
began=$SECONDS

# PostgreSQL for both Temporal and Baton (Baton in its own database).
start postgres java -jar "$(baton_exec_jar deploy)" --data-dir "$work/postgres" --port "$pg_port"
baton_wait_until postgres "${BATON_STARTED_PIDS[-1]}" "$logs/postgres.log" 120 grep -q 'PostgreSQL ready' "$logs/postgres.log"

sql() { "$server_dir/bin/sql" --ep 127.0.0.1 -p "$pg_port" -u postgres --pl postgres12 --db "$@"; }
for db in temporal temporal_visibility; do
  sql "$db" create >>"$logs/schema.log" 2>&1 || baton_die "temporal-sql-tool could not create $db ($logs/schema.log)"
  sql "$db" setup-schema -v 0.0 >>"$logs/schema.log" 2>&1 || baton_die "setup-schema failed for $db ($logs/schema.log)"
done
sql temporal update-schema -d "$schema/temporal/versioned" >>"$logs/schema.log" 2>&1 \
  || baton_die "update-schema failed for temporal ($logs/schema.log)"
sql temporal_visibility update-schema -d "$schema/visibility/versioned" >>"$logs/schema.log" 2>&1 \
  || baton_die "update-schema failed for temporal_visibility ($logs/schema.log)"
baton_log "Temporal schemas set up ($((SECONDS - began))s)"

start temporal "$server_dir/bin/server" --config-file "$BATON_ROOT/deploy/temporal/cluster-test.yaml" --allow-no-auth start
baton_wait_until temporal "${BATON_STARTED_PIDS[-1]}" "$logs/temporal.log" 180 \
  "$temporal_cli" operator cluster health --address "$frontend"
export TEMPORAL_ADDRESS="$frontend" TEMPORAL_NAMESPACE=default
"$temporal_cli" operator namespace create --namespace default --retention 24h >>"$logs/setup.log" 2>&1 || true
baton_wait_until namespace "${BATON_STARTED_PIDS[-1]}" "$logs/temporal.log" 60 \
  "$temporal_cli" operator namespace describe --namespace default
deploy/temporal/register-search-attributes.sh "$temporal_cli" >>"$logs/setup.log" 2>&1 \
  || { cat "$logs/setup.log" >&2; baton_die "could not register the search attributes"; }
baton_log "Temporal server up, namespace and search attributes ready ($((SECONDS - began))s)"

# Baton: the same secrets for every instance, open around the clock, short idle timeout.
password="$(head -c 24 /dev/urandom | base64 | tr -d '\n/+=')"
hours="$work/hours.yaml"
sed '/^default:/,$d' activities/src/main/resources/hours/hours.yaml >"$hours"
{
  echo "default:"
  echo "  zone: UTC"
  echo "  week:"
  for day in monday tuesday wednesday thursday friday saturday sunday; do echo "    $day: [\"00:00-24:00\"]"; done
  echo "queues: {}"
} >>"$hours"
export BATON_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/postgres" BATON_DB_USER=postgres
BATON_CODEC_KEYS="k1:$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
BATON_CUSTOMER_TOKEN_KEY="$(head -c 36 /dev/urandom | base64 | tr -d '\n')"
BATON_IDENTITY_KEY="$(head -c 36 /dev/urandom | base64 | tr -d '\n')"
export BATON_CODEC_KEYS BATON_CUSTOMER_TOKEN_KEY BATON_IDENTITY_KEY
export BATON_FIRST_OPERATOR_PASSWORD="$password" BATON_FIRST_OPERATOR_USERNAME=operator
export BATON_HOURS_DEFAULTS="file:$hours" BATON_CONVERSATION_IDLE_TIMEOUT=20s BATON_LIMITS_PER_CLIENT_BURST=0
export JAVA_TOOL_OPTIONS="-Xmx384m"

# instances APP PORT_VARIABLE PORT...: starts one APP (worker or api) per port, all at once, and
# waits until each is healthy; their ids are the last ones in BATON_STARTED_PIDS.
instances() {
  local app="$1" port_variable="$2" jar i
  shift 2
  local ports=("$@") started
  jar="$(baton_exec_jar "$app")"
  for i in "${!ports[@]}"; do
    start "$app-$((i + 1))" env "$port_variable=${ports[i]}" java -jar "$jar"
  done
  started=("${BATON_STARTED_PIDS[@]: -${#ports[@]}}")
  for i in "${!ports[@]}"; do
    baton_wait_until "$app-$((i + 1))" "${started[i]}" "$logs/$app-$((i + 1)).log" 240 \
      baton_http_healthy "http://127.0.0.1:${ports[i]}/actuator/health"
  done
}
# Both workers at once: their start-up (migrations, shipped hours) races on purpose.
instances worker BATON_WORKER_PORT "${worker_ports[@]}"
worker_pids=("${BATON_STARTED_PIDS[@]: -2}")
instances api BATON_API_PORT "${api_ports[@]}"
api_pids=("${BATON_STARTED_PIDS[@]: -2}")
baton_log "2 workers and 2 apis up ($((SECONDS - began))s); driving"

# In the background and waited for, so the watchdog's signal is handled at once.
python3 deploy/cluster/drive.py \
  --apis "http://127.0.0.1:${api_ports[0]},http://127.0.0.1:${api_ports[1]}" \
  --password "$password" --kill-worker "${worker_pids[0]}" --kill-api "${api_pids[0]}" &
driver=$!
BATON_STARTED_NAMES+=(driver)
BATON_STARTED_PIDS+=("$driver")
wait "$driver" || baton_die "the cluster checks failed (above; logs in $logs)"
baton_log "cluster test passed in $((SECONDS - began))s (logs in $logs)"
