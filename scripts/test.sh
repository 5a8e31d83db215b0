#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds storydiff and runs the whole test suite (the README's test command).
#   scripts/test.sh              release build, every test
#   scripts/test.sh --sanitize   the same under ASan+UBSan (clang)
#   scripts/test.sh --tsan       the tests of the stages that use two threads
#                                (text, extract, diff) under ThreadSanitizer
# Extra arguments after -- go to ctest (e.g. -- -R segment).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

build_args=()
ctest_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --sanitize) build_args+=(--sanitize) ;;
    --tsan) build_args+=(--tsan --target test_text --target test_extract --target test_diff)
            ctest_args+=(-R "^test_(text|extract|diff):") ;;
    --) shift; ctest_args+=("$@"); break ;;
    *) echo "usage: scripts/test.sh [--sanitize|--tsan] [-- ctest args]" >&2; exit 2 ;;
  esac
  shift
done

dir=$("$root/scripts/build.sh" "${build_args[@]}")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1}
cd "$dir"
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" "${ctest_args[@]}"
