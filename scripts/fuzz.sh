#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the pipeline fuzzer (scripts/build.sh --fuzz: clang, build-fuzz/)
# and fuzzes the text pipeline (decode → normalize → segment).
#   scripts/fuzz.sh              5 minutes
#   scripts/fuzz.sh --smoke      a fixed, seeded run of 100,000 inputs (CI, .ci/run):
#                                the same inputs every time, so CI is reproducible
#   scripts/fuzz.sh --seconds N  N seconds
# The seeds (fuzz/corpus/pipeline/) are first replayed, then copied to a
# scratch folder that the fuzzer grows; the repository's seeds never change.
# On a crash, leak, timeout or out-of-memory: prints the reproducer's path and
# exits 1, keeping the scratch folder. Set STORYDIFF_FUZZ_WORK to choose the
# scratch folder (kept).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

seconds=300
smoke=0
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) seconds=180; smoke=1 ;;
    --seconds)
      [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: --seconds needs a number" >&2; exit 2; }
      seconds=$2; shift ;;
    *) echo "usage: scripts/fuzz.sh [--smoke | --seconds N]" >&2; exit 2 ;;
  esac
  shift
done

dir=$("$root/scripts/build.sh" --fuzz --target pipeline_fuzzer --target pipeline_fuzzer_replay | tail -n 1)
fuzzer="$dir/bin/pipeline_fuzzer"
replay="$dir/bin/pipeline_fuzzer_replay"
if [ ! -x "$fuzzer" ]; then
  echo "fuzz.sh: $fuzzer was not built (libFuzzer needs clang)" >&2
  exit 1
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if [ -n "${STORYDIFF_FUZZ_WORK:-}" ]; then
  work=$STORYDIFF_FUZZ_WORK
  keep=1
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/storydiff-fuzz.XXXXXX")
  keep=0
fi
mkdir -p "$work/corpus" "$work/artifacts"

seeds="$root/fuzz/corpus/pipeline"
echo "== replaying the seeds ($seeds)" >&2
if ! "$replay" "$seeds" >"$work/replay.log" 2>&1; then
  tail -n 60 "$work/replay.log" >&2
  echo "fuzz.sh: a seed fails; the last 'running' line above names it" >&2
  exit 1
fi
tail -n 1 "$work/replay.log" >&2
cp "$seeds"/* "$work/corpus/"

echo "== fuzzing pipeline_fuzzer for ${seconds} s (log: $work/fuzz.log)" >&2
status=0
limits=(-max_total_time="$seconds")
if [ "$smoke" -eq 1 ]; then
  limits+=(-seed=1 -runs=100000)
fi
"$fuzzer" "${limits[@]}" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
  -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
  "$work/corpus" >"$work/fuzz.log" 2>&1 || status=$?

if [ "$status" -ne 0 ]; then
  tail -n 60 "$work/fuzz.log" >&2
  echo "fuzz.sh: pipeline_fuzzer failed (exit $status)" >&2
  found=0
  for f in "$work/artifacts"/*; do
    [ -e "$f" ] || continue
    found=1
    echo "reproducer: $f" >&2
    echo "  replay: $replay $f" >&2
  done
  [ "$found" -eq 1 ] || echo "fuzz.sh: no reproducer written; see $work/fuzz.log" >&2
  exit 1
fi

grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/fuzz.log" >&2 || true
echo "fuzz.sh: no crash; corpus grew to $(ls "$work/corpus" | wc -l) inputs" >&2
if [ "$keep" -eq 0 ]; then
  rm -rf "$work"
fi
