#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks the architecture's one-way layering on #include lines:
#   core <- text <- extract <- align <- diff <- report      store, fetch: core only
#                                               report <- check (policy, CI formats)
#                                               report <- history
# and that only src/store/ includes <git2.h> (only src/fetch/ <curl/curl.h>).
# Exits 1 listing every violation.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# module -> modules it may include
declare -A allowed=(
  [core]="core"
  [text]="core text"
  [extract]="core text extract"
  [align]="core text extract align"
  [diff]="core text extract align diff"
  [report]="core text extract align diff report"
  [check]="core text extract align diff report check"
  [history]="core text extract align diff report history"
  [store]="core store"
  [fetch]="core fetch"
)

status=0
for module in "${!allowed[@]}"; do
  for dir in "include/storydiff/$module" "src/$module"; do
    [ -d "$dir" ] || continue
    while IFS= read -r line; do
      file=${line%%:*}
      used=$(sed -E 's/.*#include <storydiff\/([a-z_]+)\/.*/\1/' <<<"$line")
      if ! grep -qw "$used" <<<"${allowed[$module]}"; then
        echo "layering: $file ($module) includes storydiff/$used"
        status=1
      fi
    done < <(grep -rHE '#include <storydiff/[a-z_]+/' "$dir" || true)
  done
done

while IFS= read -r file; do
  case "$file" in src/store/*) ;; *) echo "layering: $file includes <git2.h> (only src/store/ may)"; status=1 ;; esac
done < <(grep -rlE '#include <git2(\.h|/)' src include tests 2>/dev/null | grep -v '^tests/unit/store/' || true)
while IFS= read -r file; do
  case "$file" in src/fetch/*) ;; *) echo "layering: $file includes <curl/curl.h> (only src/fetch/ may)"; status=1 ;; esac
done < <(grep -rlE '#include <curl/' src include 2>/dev/null || true)

[ $status -eq 0 ] && echo "layering: ok"
exit $status
