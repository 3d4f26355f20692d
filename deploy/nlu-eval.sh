#!/usr/bin/env bash
# Scores the bot customers meet, or the classifier code on data of your choice (docs/bot.md).
#
#   deploy/nlu-eval.sh --shipped [--model FILE] [--test FILE.csv]... [--out-of-scope FILE.csv [--split val]]
#     Exactly the model the worker loads (built into the jar, or FILE), read through the code a
#     turn takes (thresholds, languages, destructive pairs, out of scope, requests for a person).
#     Without --test and --out-of-scope: the held-out Bitext part (deploy/nlu/bitext-heldout.csv)
#     and CLINC150's validation split. Prints accuracy, precision and recall per intent,
#     calibration error, confusions, destructive confusions, how often it asked, out-of-scope
#     recall and false acceptances, requests for a person invented, against the targets.
#   deploy/nlu-eval.sh --train FILE.csv --test FILE.csv
#   deploy/nlu-eval.sh --train FILE.csv --holdout 0.2   # a stratified, fixed 20% held out
#     Trains the classifier code on one CSV and scores it on another.
#
# The CSVs need a header with the columns `instruction` and `intent` (others are ignored).
# Builds what it needs with Maven first (the first build trains the shipped model: 2 minutes).
# Exits 0 when it scored, whether or not the targets were met: it is a benchmark, not a test.
set -euo pipefail

# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $# -eq 0 || ${1:-} == --help || ${1:-} == -h ]]; then
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 0
fi
if [[ $* == --shipped ]]; then
  set -- --shipped --test "$BATON_ROOT/deploy/nlu/bitext-heldout.csv" \
    --out-of-scope "$BATON_ROOT/activities/src/main/resources/bot/data/clinc150/train-val.csv" --split val
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

baton_run_activities_main nlu-eval dev.baton.bot.NluEval "${args[@]}"
