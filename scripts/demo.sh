#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The README's main job: builds storydiff if needed and runs it on the bundled
# fixture story (fixtures/stories/<story>), showing what the pipeline makes of
# each revision.
#   scripts/demo.sh [STORY]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
story=${1:-harbor-bridge-collapse}
dir=$("$root/scripts/build.sh")
bin="$dir/bin/storydiff"
story_dir="$root/fixtures/stories/$story"
if [ ! -d "$story_dir" ]; then
  echo "storydiff: error: no fixture story '$story' (see fixtures/stories/)" >&2
  exit 2
fi
for rev in "$story_dir"/rev-*.*; do
  echo "== $(basename "$rev")"
  "$bin" sentences "$rev"
  echo
done
