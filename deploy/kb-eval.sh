#!/usr/bin/env bash
# Scores the help-center search on deploy/kb/questions.csv (docs/bot.md, "Help center").
#
#   deploy/kb-eval.sh                    # both splits: tune, then holdout, each labelled
#   deploy/kb-eval.sh --split tune       # only the split to tune on
#   deploy/kb-eval.sh --split tune --details --sweep
#     --details lists each question it got wrong, with the article it found and its confidence;
#     --sweep prints recall and answers to unanswerable questions at other thresholds.
#   deploy/kb-eval.sh --questions FILE.csv [...]   # other questions (id,question,expected_slug,split)
#
# Searches the shipped articles (the jar's helpcenter/, published ones only) with the search's
# default thresholds, as the bot will, and prints per split: recall@1 on the answerable questions
# (target >= 80%), how many unanswerable questions got an answer (target 0), how many answerable
# ones got none or a wrong article, the threshold, and the search's own time per question.
# Builds what it needs with Maven first. Exits 0 when it scored, whether or not the targets were
# met: it is a benchmark, not a test. Tune on `tune` only; `holdout` is scored at the end.
set -euo pipefail

# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ ${1:-} == --help || ${1:-} == -h ]]; then
  sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 0
fi

questions="$BATON_ROOT/deploy/kb/questions.csv"
args=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --questions)
      [[ $# -ge 2 && -f $2 ]] || baton_die "--questions needs a CSV file"
      # Read by Java from the caller's directory, before Maven changes it.
      questions="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
      shift 2
      ;;
    *)
      args+=("$1")
      shift
      ;;
  esac
done

baton_require_java
baton_require mvn

baton_run_activities_main kb-eval dev.baton.helpcenter.KbEval "$questions" ${args[@]+"${args[@]}"}
