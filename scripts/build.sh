#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing, configures and builds storydiff. Quick when done.
#   scripts/build.sh [--sanitize|--tsan|--fuzz] [--bench] [--target T]... [-- extra cmake args]
# Build folders: build/ (release with debug info), build-asan/ (ASan+UBSan,
# clang), build-tsan/ (ThreadSanitizer, clang), build-fuzz/ (libFuzzer, clang).
# Prints the build folder's path last.
# STORYDIFF_BUILD_DIR overrides the folder (e.g. a private one while others
# use the default). --target builds only the named targets (default: all).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

kind=release
extra=()
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --sanitize) kind=asan ;;
    --tsan) kind=tsan ;;
    --fuzz) kind=fuzz ;;
    --bench) extra+=(-DSTORYDIFF_BUILD_BENCH=ON) ;;
    --target)
      [ $# -ge 2 ] || { echo "scripts/build.sh: --target needs a name" >&2; exit 2; }
      targets+=(--target "$2"); shift ;;
    --) shift; extra+=("$@"); break ;;
    *) echo "usage: scripts/build.sh [--sanitize|--tsan|--fuzz] [--bench] [--target T]... [-- cmake args]" >&2; exit 2 ;;
  esac
  shift
done

case "$kind" in
  release) dir="$root/build"; "$root/scripts/install-deps.sh"
           cfg=(-DCMAKE_BUILD_TYPE=RelWithDebInfo) ;;
  asan)    dir="$root/build-asan"; "$root/scripts/install-deps.sh" libclang-rt-14-dev
           cfg=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DSTORYDIFF_SANITIZE=ON) ;;
  tsan)    dir="$root/build-tsan"; "$root/scripts/install-deps.sh" libclang-rt-14-dev
           cfg=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DSTORYDIFF_TSAN=ON) ;;
  fuzz)    dir="$root/build-fuzz"; "$root/scripts/install-deps.sh" libclang-rt-14-dev
           cfg=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++
                -DSTORYDIFF_BUILD_FUZZ=ON -DSTORYDIFF_BUILD_TESTS=OFF) ;;
esac
dir=${STORYDIFF_BUILD_DIR:-$dir}
if [ -n "${CI:-}" ]; then
  cfg+=(-DSTORYDIFF_WERROR=ON)
fi

jobs=$(nproc 2>/dev/null || echo 2)
# Configured every time (a second or two): a target added to the CMake files
# since the last build is then known even to a `--target` build.
cmake -S "$root" -B "$dir" "${cfg[@]}" "${extra[@]}" >/dev/null
cmake --build "$dir" -j "$jobs" "${targets[@]}" >&2
echo "$dir"
