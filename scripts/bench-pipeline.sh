#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds bench_pipeline (scripts/build.sh --bench) and measures the text
# pipeline's throughput on the shared corpus, pinned to one core, then prints
# MB/s (10^6 bytes of source per second) per stage. The issue's target is
# >= 50 MB/s for read_document (the whole pipeline) on one core.
#   scripts/bench-pipeline.sh [benchmark args, e.g. --benchmark_filter=segment]
# The corpus is $STORYDIFF_CORPUS, else ../shared/corpus.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

dir=$("$root/scripts/build.sh" --bench --target bench_pipeline | tail -n 1)
bench="$dir/bin/bench_pipeline"

pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
  pin=(taskset -c 0)
else
  echo "bench-pipeline.sh: taskset unavailable; running unpinned" >&2
fi

out=$(mktemp "${TMPDIR:-/tmp}/storydiff-bench.XXXXXX.json")
trap 'rm -f "$out"' EXIT
"${pin[@]}" "$bench" --benchmark_out="$out" --benchmark_out_format=json "$@"

python3 - "$out" <<'PY'
import json, sys
with open(sys.argv[1]) as f:
    data = json.load(f)
target = 50.0
scale = {"ns": 1e6, "us": 1e3, "ms": 1.0, "s": 1e-3}
print()
print("MB/s = 10^6 source bytes per CPU second (Google Benchmark's bytes_per_second)")
print(f"{'stage':<24} {'MB/s':>9} {'cpu ms/iter':>14} {'wall ms':>9}")
for b in data["benchmarks"]:
    if b.get("error_occurred"):
        print(f"{b['name']:<24} error: {b.get('error_message', '')}")
        continue
    mbs = b.get("bytes_per_second", 0.0) / 1e6
    unit = scale[b["time_unit"]]
    note = ""
    if b["name"] == "read_document":
        note = "  (target >= 50 MB/s: " + ("met" if mbs >= target else "NOT met") + ")"
    print(f"{b['name']:<24} {mbs:9.2f} {b['cpu_time'] / unit:14.2f} {b['real_time'] / unit:9.2f}{note}")
PY
