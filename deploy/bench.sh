#!/usr/bin/env bash
# shellcheck disable=SC2317  # the stop function runs from a trap, which shellcheck cannot see
# The side-by-side benchmark (docs/performance.md): starts a fresh Baton stack of its own on
# 127.0.0.1 (the same deploy/run.sh, other ports, a throwaway data directory), times the worker's
# start (an extra worker, three times, while the stack is idle), runs the bare-engine reference and
# Baton's paths against the same Temporal server, prints P1-P6 as ratios (P1 with the bot's own
# reading time, from the worker's metrics), writes the figures into docs/performance.md, and stops
# everything it started.
#
#   ./deploy/bench.sh --quick      about 13 minutes: fewer turns and 1,000 idle conversations
#   ./deploy/bench.sh              the full run: 10,000 idle conversations, 5,000 messages in one
#   ./deploy/bench.sh --no-write   print the figures only
#   ./deploy/bench.sh --only P4    the named figures alone (P1, the reference, runs with any of
#                                  P2-P6; a comma list works too), with a profiler attached, say
#   ./deploy/bench.sh --only START the worker's start alone: from process start to healthy and
#                                  polling, three times, and the median (about 2 minutes)
#
# Build first (./deploy/run.sh builds; or mvn -DskipTests package). Rate limits are off and the
# idle timeout is 6 h in the benchmark's stack: it measures the engine, not the limits.
set -euo pipefail

# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mode=full
write=true
only=""
while (($# > 0)); do
  arg="$1"
  shift
  case "$arg" in
    --quick) mode=quick ;;
    --no-write) write=false ;;
    --only)
      (($# > 0)) || baton_die "--only needs the figures to run, e.g. --only P1,P4"
      only="$1"
      shift
      ;;
    -h | --help)
      sed -n '3,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *) baton_die "unknown argument '$arg' (try --help)" ;;
  esac
done

cd "$BATON_ROOT"
baton_require_java
baton_require curl ss jcmd timeout
temporal="$(baton_temporal_cli)"
bench_jars=("$BATON_ROOT"/bench/target/baton-bench-*-exec.jar)
[[ -f ${bench_jars[-1]} ]] || baton_die "no benchmark jar in bench/target; build first (./deploy/run.sh, or mvn -DskipTests package)"

# A stack of its own: other ports than run.sh's defaults, so a running local Baton is left alone.
export TEMPORAL_PORT="${BENCH_TEMPORAL_PORT:-27233}" TEMPORAL_UI_PORT="${BENCH_TEMPORAL_UI_PORT:-28233}"
export BATON_POSTGRES_PORT="${BENCH_POSTGRES_PORT:-25432}"
export BATON_WORKER_PORT="${BENCH_WORKER_PORT:-28081}" BATON_API_PORT="${BENCH_API_PORT:-28080}"
export BATON_LIMITS_PER_CLIENT_BURST=0 BATON_LIMITS_PER_CONVERSATION_BURST=0
# The load comes from one address and starts thousands of conversations: no start limit.
export BATON_LIMITS_STARTS_PER_ADDRESS_BURST=0 BATON_LIMITS_STARTS_PER_CUSTOMER_BURST=0
echo "Benchmark stack limits: none per client, per conversation or on starts (BATON_LIMITS_*_BURST=0)"
export BATON_CONVERSATION_IDLE_TIMEOUT=6h
bench_home="$(mktemp -d "${TMPDIR:-/tmp}/baton-bench.XXXXXX")"
stack_log="$bench_home/run.log"

stack_pid=""
stop_stack() {
  set +e
  if [[ -n $stack_pid ]] && kill -0 "$stack_pid" 2>/dev/null; then
    baton_log "stopping the benchmark's stack"
    kill -TERM "$stack_pid"
    wait "$stack_pid" 2>/dev/null
  fi
  rm -rf "$bench_home"
}
trap stop_stack EXIT
trap 'exit 130' INT TERM HUP

baton_log "starting a stack for the benchmark (log: $stack_log)"
# The Temporal CLI found above goes first on PATH, so the throwaway home installs nothing.
PATH="$(dirname "$temporal"):$PATH" BATON_HOME="$bench_home" ./deploy/run.sh --no-build >"$stack_log" 2>&1 &
stack_pid=$!
api="http://127.0.0.1:$BATON_API_PORT"
if ! baton_wait_until "the stack" "$stack_pid" "$stack_log" 300 baton_http_healthy "$api/actuator/health"; then
  exit 1
fi

# The process listening on a port of 127.0.0.1 (the worker's and api's, for their memory).
listener_pid() {
  ss -Hltnp "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1
}

# The worker's URL gives the bot's own reading time (its /actuator/prometheus); its process is the
# one the start measurement copies (command line, environment, directory), on another port.
args=(--mode "$mode" --api "$api" --temporal "127.0.0.1:$TEMPORAL_PORT" --namespace default
  --operator "${BATON_FIRST_OPERATOR_USERNAME:-operator}" --worker "http://127.0.0.1:$BATON_WORKER_PORT"
  --worker-pid "$(listener_pid "$BATON_WORKER_PORT")" --api-pid "$(listener_pid "$BATON_API_PORT")"
  --server "$("$temporal" --version | head -n 1) dev server")
[[ -n $only ]] && args+=(--only "$only")
# A partial run's figures are not a run of the mode: they are printed, not written.
$write && [[ -z $only ]] && args+=(--report "$BATON_ROOT/docs/performance.md")

BATON_BENCH_PASSWORD="$(<"$bench_home/secrets/operator-password")"
export BATON_BENCH_PASSWORD
limit=$([[ $mode == quick ]] && echo 25m || echo 90m)
baton_log "running the $mode benchmark (stops by itself after $limit at most)"
timeout --signal=TERM "$limit" java -jar "${bench_jars[-1]}" "${args[@]}"
