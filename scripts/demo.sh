#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The README's main job: builds storydiff if needed, records every revision of
# a bundled fixture story (fixtures/stories/<story>/rev-*) in a fresh store
# under build/demo-store (recreated each run, so the demo is repeatable), then
# prints the story's log and what changed between each pair of consecutive
# revisions.
#   scripts/demo.sh [STORY]     (default: harbor-bridge-collapse)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
story=${1:-harbor-bridge-collapse}
story_dir="$root/fixtures/stories/$story"
if [ ! -d "$story_dir" ]; then
  echo "storydiff: error: no fixture story '$story' (see fixtures/stories/)" >&2
  exit 2
fi
dir=$("$root/scripts/build.sh")
bin="$dir/bin/storydiff"
store="$dir/demo-store" # build/demo-store, or under $STORYDIFF_BUILD_DIR

# The revision files only (the folder also holds notes such as CHANGES.md),
# in natural order: rev-2 before rev-10.
mapfile -t revs < <(find "$story_dir" -maxdepth 1 -type f -name 'rev-*' | sort -V)
if [ ${#revs[@]} -lt 2 ]; then
  echo "storydiff: error: fixture story '$story' has fewer than two revisions" >&2
  exit 2
fi

rm -rf "$store"
sd() { "$bin" --store "$store" "$@"; }
sd -q init >/dev/null
# One revision per hour from a fixed time, so the log reads the same each run.
sd -q import --at 2026-11-24T06:00:00Z --interval 3600 "$story" "${revs[@]}"

echo
echo "== storydiff log $story"
sd log "$story"
for ((n = 1; n < ${#revs[@]}; n++)); do
  echo
  echo "== storydiff diff $story r$n r$((n + 1))"
  sd diff "$story" "r$n" "r$((n + 1))"
done
echo
echo "(store: $store; try: storydiff --store $store diff --format json $story)"
