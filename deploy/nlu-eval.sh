#!/usr/bin/env bash
# Trains the bot's intent classifier on one labelled CSV and scores it on another: overall
# accuracy, precision and recall per intent, the expected calibration error, the top confusions,
# and the targets of issue 12 (accuracy >= 98.5%, recall 1.0 on contact_human_agent, calibration
# error <= 0.03). The same classifier code the worker trains at start (see docs/bot.md).
#
#   deploy/nlu-eval.sh --train FILE.csv --test FILE.csv
#   deploy/nlu-eval.sh --train FILE.csv --holdout 0.2   # a stratified, fixed 20% held out
#
# The CSVs need a header with the columns `instruction` and `intent` (others are ignored), as in
# ../shared/datasets/bitext-customer-support/train.csv. Builds what it needs with Maven first.
# Exits 0 when it scored, whether or not the targets were met: it is a benchmark, not a test.
set -euo pipefail

# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $# -eq 0 || ${1:-} == --help || ${1:-} == -h ]]; then
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 0
fi

baton_require_java
baton_require mvn

# Paths are read by Java from the caller's directory, before Maven changes it.
args=()
for arg in "$@"; do
  if [[ -f $arg ]]; then
    args+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")")
  else
    args+=("$arg")
  fi
done

classpath="$BATON_ROOT/activities/target/nlu-eval.classpath"
baton_log "Building the bot (mvn -pl activities -am package)..."
mvn -B -ntp -q -f "$BATON_ROOT/pom.xml" -pl activities -am -DskipTests package dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$classpath" >&2

logback="$(mktemp --suffix=.xml)"
trap 'rm -f "$logback"' EXIT
# OpenNLP reports every training iteration at INFO; only the figures matter here.
cat >"$logback" <<'XML'
<configuration>
  <appender name="err" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%level %logger: %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="err"/></root>
</configuration>
XML

exec java -Dlogback.configurationFile="$logback" \
  -cp "$BATON_ROOT/activities/target/classes:$(cat "$classpath")" dev.baton.bot.NluEval "${args[@]}"
