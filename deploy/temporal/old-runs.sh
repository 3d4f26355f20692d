#!/usr/bin/env bash
# How many running conversation runs are still on each workflow change's old branch: the runs that
# started before the change id (a static final String of workflows/.../conversation/legacy/Versions.java) was deployed.
# A branch kept for them may be deleted when its count is 0 (docs/operations.md, "Version gates").
#
# The worker upserts TemporalChangeVersion (the SDK's own search attribute) with "<change id>-1" at
# each version marker a run records, so a run on an old branch is one whose TemporalChangeVersion
# lacks it. Runs started before the worker did that (before this script existed) have no
# TemporalChangeVersion at all and count as old for every change: wait for them to end.
#
# Connection as for register-search-attributes.sh (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TLS, API key).
# Usage: old-runs.sh [path/to/temporal] [path/to/Versions.java]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
temporal="${1:-$(command -v temporal || true)}"
versions="${2:-$here/../../workflows/src/main/java/dev/baton/conversation/legacy/Versions.java}"
[[ -n $temporal && -x $temporal ]] || { echo "error: the Temporal CLI is needed (pass its path, or put 'temporal' on PATH)" >&2; exit 1; }
[[ -r $versions ]] || { echo "error: cannot read $versions" >&2; exit 1; }
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:7233}"
export TEMPORAL_NAMESPACE="${TEMPORAL_NAMESPACE:-default}"

mapfile -t changes < <(sed -n 's/^ *static final String [A-Z_]* = "\([a-z-]*\)";/\1/p' "$versions")
[[ ${#changes[@]} -gt 0 ]] || { echo "error: no change ids found in $versions" >&2; exit 1; }

running='WorkflowType="ConversationWorkflow" AND ExecutionStatus="Running"'
total="$("$temporal" workflow count --query "$running" --output json | sed -n 's/.*"count": *"\{0,1\}\([0-9]*\).*/\1/p' | head -n 1)"
echo "running conversation runs on $TEMPORAL_NAMESPACE: ${total:-0}"
for change in "${changes[@]}"; do
  old="$("$temporal" workflow count --query "$running AND TemporalChangeVersion != \"$change-1\"" --output json \
    | sed -n 's/.*"count": *"\{0,1\}\([0-9]*\).*/\1/p' | head -n 1)"
  printf '%-22s %s on the old branch\n' "$change" "${old:-0}"
done
