#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmarks `storydiff import`: generates a made-up story of N revisions
# (scripts/gen-story.py), imports it into a fresh store, and compares the
# store's size with a copy after `git gc --aggressive --prune=now`.
#   scripts/bench-import.sh [-n REVISIONS] [--seed S] [--bin PATH/TO/storydiff]
# Without --bin it builds the release binary with scripts/build.sh. The temp
# folder is under $TMPDIR (default /tmp): its filesystem matters, since the
# store writes many small files. Targets: >= 500 revisions/s, <= 1.5x gc size.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

revisions=1000
seed=1
bin=
while [ $# -gt 0 ]; do
  case "$1" in
    -n) revisions=$2; shift ;;
    --seed) seed=$2; shift ;;
    --bin) bin=$2; shift ;;
    *) echo "usage: scripts/bench-import.sh [-n REVISIONS] [--seed S] [--bin PATH]" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$bin" ]; then
  bin="$("$root/scripts/build.sh")/bin/storydiff"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/storydiff-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 "$root/scripts/gen-story.py" "$work/story" -n "$revisions" --seed "$seed"
"$bin" --store "$work/store" init >/dev/null

# CPU time too: on a busy machine the wall time says more about the neighbours.
timer=()
if [ -x /usr/bin/time ]; then
  timer=(/usr/bin/time -f "%U %S" -o "$work/cpu")
fi
start=$(date +%s.%N)
# --at gives every run the same commit times (and so the same object ids).
"${timer[@]}" "$bin" --quiet --store "$work/store" import --at 2026-11-26T06:00:00Z \
  --interval 60 bench "$work/story" >"$work/import.out"
end=$(date +%s.%N)
cat "$work/import.out"
cpu=$(awk '{print $1 + $2}' "$work/cpu" 2>/dev/null || echo 0)

recorded=$(git --git-dir "$work/store" rev-list --count refs/heads/stories/bench)
store_kib=$(du -sk "$work/store/objects" | cut -f1)
store_pack_kib=$(git --git-dir "$work/store" count-objects -v | awk '/^size-pack:/ {print $2}')
store_loose_kib=$(git --git-dir "$work/store" count-objects -v | awk '/^size:/ {print $2}')

cp -a "$work/store" "$work/gc"
git --git-dir "$work/gc" gc --aggressive --prune=now --quiet
gc_kib=$(du -sk "$work/gc/objects" | cut -f1)
gc_pack_kib=$(git --git-dir "$work/gc" count-objects -v | awk '/^size-pack:/ {print $2}')

git --git-dir "$work/store" fsck --strict --no-progress >/dev/null 2>&1 &&
  fsck=clean || fsck=FAILED

awk -v n="$revisions" -v rec="$recorded" -v s="$start" -v e="$end" \
    -v st="$store_kib" -v sp="$store_pack_kib" -v sl="$store_loose_kib" \
    -v g="$gc_kib" -v gp="$gc_pack_kib" -v fsck="$fsck" -v cpu="$cpu" 'BEGIN {
  t = e - s
  printf "files:            %d (%d revisions recorded)\n", n, rec
  printf "import time:      %.2f s wall\n", t
  printf "import rate:      %.0f revisions/s (target >= 500)\n", n / t
  if (cpu > 0) printf "import CPU time:  %.2f s user+sys (%.0f revisions per CPU second)\n", cpu, n / cpu
  printf "store objects:    %d KiB (du; packs %d KiB, loose %d KiB)\n", st, sp, sl
  printf "after git gc:     %d KiB (du; packs %d KiB)\n", g, gp
  printf "size ratio:       %.2fx by du, %.2fx by pack size (target <= 1.5)\n", st / g, (sp + sl) / (gp > 0 ? gp : 1)
  printf "git fsck --strict: %s\n", fsck
}'
