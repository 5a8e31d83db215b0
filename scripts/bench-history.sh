#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmarks the history commands: generates a made-up story of N revisions
# (scripts/gen-story.py), imports it into a fresh store, then times
# `storydiff summary` and `storydiff blame` of its latest revision (each run
# --runs times; the best wall time and its CPU time and peak memory are shown).
#   scripts/bench-history.sh [-n REVISIONS] [--seed S] [--runs K] [--bin PATH/TO/storydiff]
# Without --bin it builds the release binary with scripts/build.sh.
# Targets (issue 5): 1,000 revisions: summary < 1 s, blame < 2 s.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

revisions=1000
seed=1
runs=3
bin=
while [ $# -gt 0 ]; do
  case "$1" in
    -n) revisions=$2; shift ;;
    --seed) seed=$2; shift ;;
    --runs) runs=$2; shift ;;
    --bin) bin=$2; shift ;;
    *) echo "usage: scripts/bench-history.sh [-n REVISIONS] [--seed S] [--runs K] [--bin PATH]" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$bin" ]; then
  bin="$("$root/scripts/build.sh")/bin/storydiff"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/storydiff-bench-history.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 "$root/scripts/gen-story.py" "$work/story" -n "$revisions" --seed "$seed"
"$bin" --store "$work/store" init >/dev/null
"$bin" --quiet --store "$work/store" import --at 2026-11-26T06:00:00Z --interval 60 \
  bench "$work/story" >/dev/null
recorded=$(git --git-dir "$work/store" rev-list --count refs/heads/stories/bench)
echo "story: $revisions generated, $recorded recorded (seed $seed); best of $runs runs"

# Runs "$@" $runs times; prints the best wall time with that run's CPU seconds
# and peak RSS (GNU time when present).
measure() {
  local label=$1; shift
  local best= best_cpu=? best_rss=?
  for ((i = 0; i < runs; i++)); do
    local start end wall
    start=$(date +%s.%N)
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f "%U %S %M" -o "$work/time" "$@" >"$work/out"
    else
      "$@" >"$work/out"
    fi
    end=$(date +%s.%N)
    wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall
      if [ -f "$work/time" ]; then
        best_cpu=$(awk '{ printf "%.3f", $1 + $2 }' "$work/time")
        best_rss=$(awk '{ printf "%.1f", $3 / 1024 }' "$work/time")
      fi
    fi
  done
  printf '%-28s %7s s wall  %7s s CPU  %6s MiB peak  (%s lines of output)\n' \
    "$label" "$best" "$best_cpu" "$best_rss" "$(wc -l <"$work/out")"
}

sd=("$bin" --store "$work/store")
measure "summary (text)" "${sd[@]}" summary bench
measure "summary --format json" "${sd[@]}" summary --format json bench
measure "blame (text)" "${sd[@]}" blame bench
measure "blame --format json" "${sd[@]}" blame --format json bench
echo "targets: summary < 1 s, blame < 2 s (load: $(cut -d' ' -f1 /proc/loadavg))"
