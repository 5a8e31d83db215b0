#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the fuzzers (scripts/build.sh --fuzz: clang, build-fuzz/) and runs
# them: pipeline (decode → normalize → segment) and policy (.storydiff.toml
# parsing and glob matching).
#   scripts/fuzz.sh                  5 minutes per fuzzer
#   scripts/fuzz.sh --smoke          a fixed, seeded run of 100,000 inputs per fuzzer (CI,
#                                    .ci/run): the same inputs every time, so CI is reproducible
#   scripts/fuzz.sh --seconds N      N seconds per fuzzer
#   scripts/fuzz.sh --target NAME    only that fuzzer (pipeline or policy)
# Each fuzzer's seeds (fuzz/corpus/NAME/) are first replayed, then copied to a
# scratch folder that the fuzzer grows; the repository's seeds never change.
# On a crash, leak, timeout or out-of-memory: prints the reproducer's path and
# exits 1, keeping the scratch folder. Set STORYDIFF_FUZZ_WORK to choose the
# scratch folder (kept).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

seconds=300
smoke=0
targets=(pipeline policy)
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) seconds=180; smoke=1 ;;
    --seconds)
      [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: --seconds needs a number" >&2; exit 2; }
      seconds=$2; shift ;;
    --target)
      [ $# -ge 2 ] && [[ "$2" =~ ^(pipeline|policy)$ ]] || { echo "fuzz.sh: --target takes pipeline or policy" >&2; exit 2; }
      targets=("$2"); shift ;;
    *) echo "usage: scripts/fuzz.sh [--smoke | --seconds N] [--target pipeline|policy]" >&2; exit 2 ;;
  esac
  shift
done

build_targets=()
for t in "${targets[@]}"; do
  build_targets+=(--target "${t}_fuzzer" --target "${t}_fuzzer_replay")
done
dir=$("$root/scripts/build.sh" --fuzz "${build_targets[@]}" | tail -n 1)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if [ -n "${STORYDIFF_FUZZ_WORK:-}" ]; then
  base=$STORYDIFF_FUZZ_WORK
  keep=1
else
  base=$(mktemp -d "${TMPDIR:-/tmp}/storydiff-fuzz.XXXXXX")
  keep=0
fi

for name in "${targets[@]}"; do
  fuzzer="$dir/bin/${name}_fuzzer"
  replay="$dir/bin/${name}_fuzzer_replay"
  if [ ! -x "$fuzzer" ]; then
    echo "fuzz.sh: $fuzzer was not built (libFuzzer needs clang)" >&2
    exit 1
  fi
  work="$base/$name"
  mkdir -p "$work/corpus" "$work/artifacts"

  seeds="$root/fuzz/corpus/$name"
  echo "== replaying the seeds ($seeds)" >&2
  if ! "$replay" "$seeds" >"$work/replay.log" 2>&1; then
    tail -n 60 "$work/replay.log" >&2
    echo "fuzz.sh: a seed fails; the last 'running' line above names it" >&2
    exit 1
  fi
  tail -n 1 "$work/replay.log" >&2
  cp "$seeds"/* "$work/corpus/"

  echo "== fuzzing ${name}_fuzzer for ${seconds} s (log: $work/fuzz.log)" >&2
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
    echo "fuzz.sh: ${name}_fuzzer failed (exit $status)" >&2
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
  echo "fuzz.sh: ${name}: no crash; corpus grew to $(ls "$work/corpus" | wc -l) inputs" >&2
done
if [ "$keep" -eq 0 ]; then
  rm -rf "$base"
fi
