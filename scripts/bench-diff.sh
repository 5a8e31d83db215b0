#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The semantic differ's benchmarks (issue 4), measured side by side in one run:
#  a. all consecutive corpus pairs in ONE process: bench_corpus_pairs
#     (read_document + compare + render_json) vs one php process calling
#     wikidiff2_inline_json_diff on the same pairs; same repeat count. Wall
#     time is the figure (compare() extracts the two sides on two threads when
#     there are two cores, so CPU time is printed too), and a second run with
#     STORYDIFF_BENCH_REUSE=1 analyzes each revision once, as import does;
#  b. one `storydiff diff A B --format json` process per pair vs one
#     `git diff --no-index --word-diff=porcelain A B` process per pair,
#     interleaved rounds;
#  c. a generated 1 MB document vs a copy with 1% of its sentences edited,
#     and vs a complete rewrite: wall time and peak RSS (/usr/bin/time -v)
#     of `storydiff diff --format json`, and the report's `degraded`.
# Ratios are baseline time / storydiff time: >= 1.0 means storydiff is at
# least as fast. Figures only, never a pass/fail (exit 0 unless a step fails).
# Usage: scripts/bench-diff.sh [-n REPEAT] [-r ROUNDS]
#   STORYDIFF_CORPUS (default ../shared/corpus), STORYDIFF_BUILD_DIR (default
#   build-bench/; scripts/build.sh's release settings plus the benchmarks).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${STORYDIFF_CORPUS:-$root/../shared/corpus}
repeat=20   # passes over all pairs in one process (a)
rounds=5    # passes of one process per pair (b)
while getopts "n:r:" opt; do
  case "$opt" in
    n) repeat=$OPTARG ;;
    r) rounds=$OPTARG ;;
    *) echo "usage: scripts/bench-diff.sh [-n REPEAT] [-r ROUNDS]" >&2; exit 2 ;;
  esac
done
if [ ! -d "$corpus" ]; then
  echo "bench-diff: no corpus at $corpus" >&2
  exit 77
fi
corpus=$(cd "$corpus" && pwd)

"$root/scripts/install-deps.sh" php-cli php-wikidiff2 time
export STORYDIFF_BUILD_DIR=${STORYDIFF_BUILD_DIR:-$root/build-bench}
build=$("$root/scripts/build.sh" --bench --target storydiff_exe --target bench_corpus_pairs | tail -1)
sd="$build/bin/storydiff"
bench="$build/bin/bench_corpus_pairs"
[ -x "$bench" ] || bench="$build/bench/bench_corpus_pairs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

field() { # field NAME LINE: the value of NAME=... in a key=value line
  sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"
}
now_ns() { date +%s%N; }

echo "machine load before: $(uptime)"
echo "storydiff: $sd ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'), tree may be dirty)"

# --- a. one process, all pairs -------------------------------------------
"$bench" "$corpus" 1 >/dev/null                           # warm caches
php "$root/bench/wikidiff2_pairs.php" "$corpus" 1 >/dev/null
cpu_of() { # cpu_of FILE: user + system seconds from /usr/bin/time -f "%U %S"
  awk '{ print $1 + $2 }' "$1"
}
a_sd=$(/usr/bin/time -f "%U %S" -o "$tmp/a_sd.cpu" "$bench" "$corpus" "$repeat")
a_re=$(STORYDIFF_BENCH_REUSE=1 /usr/bin/time -f "%U %S" -o "$tmp/a_re.cpu" "$bench" "$corpus" "$repeat")
a_wd=$(/usr/bin/time -f "%U %S" -o "$tmp/a_wd.cpu" php "$root/bench/wikidiff2_pairs.php" "$corpus" "$repeat")
a_sd_s=$(field seconds "$a_sd"); a_wd_s=$(field seconds "$a_wd"); a_re_s=$(field seconds "$a_re")
a_sd_cpu=$(cpu_of "$tmp/a_sd.cpu"); a_re_cpu=$(cpu_of "$tmp/a_re.cpu"); a_wd_cpu=$(cpu_of "$tmp/a_wd.cpu")
pairs=$(field pairs "$a_sd")

# --- b. one process per pair ----------------------------------------------
mapfile -t files < <(find "$corpus" -mindepth 2 -maxdepth 2 -regextype posix-extended \
  -regex '.*/[0-9]{3}\.[A-Za-z0-9]+' | sort)
olds=(); news=()
for ((i = 1; i < ${#files[@]}; i++)); do
  if [ "$(dirname "${files[i-1]}")" = "$(dirname "${files[i]}")" ]; then
    olds+=("${files[i-1]}"); news+=("${files[i]}")
  fi
done
b_sd_ns=0; b_git_ns=0
for ((r = 0; r < rounds; r++)); do
  t0=$(now_ns)
  for ((i = 0; i < ${#olds[@]}; i++)); do
    "$sd" diff "${olds[i]}" "${news[i]}" --format json >/dev/null || true
  done
  t1=$(now_ns)
  for ((i = 0; i < ${#olds[@]}; i++)); do
    git diff --no-index --word-diff=porcelain "${olds[i]}" "${news[i]}" >/dev/null || true
  done
  t2=$(now_ns)
  b_sd_ns=$((b_sd_ns + t1 - t0)); b_git_ns=$((b_git_ns + t2 - t1))
done

# --- c. generated 1 MB documents ------------------------------------------
python3 - "$tmp" <<'PY'
# Invented text (no corpus text): sentences from word lists with numbers,
# names and dates; `edited` changes 1% of the sentences, `rewrite` is
# generated from another seed so that no sentence is shared.
import random, sys
out = sys.argv[1]
def sentences(seed, count):
    rng = random.Random(seed)
    who = ["the mayor", "a police spokesperson", "officials", "the fire chief",
           "residents", "the council", "Dr. Ana Ortiz", "the ministry"]
    verb = ["said", "reported", "confirmed", "told reporters", "announced"]
    noun = ["houses", "vehicles", "people", "families", "roads", "schools", "bridges"]
    act = ["were damaged", "were evacuated", "remain closed", "were inspected",
           "will reopen", "were affected", "are being repaired"]
    day = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    place = ["Northfield", "Lake Corran", "Westbury", "Harlow Cross", "Pine Ridge",
             "Mossbank", "Eastvale"]
    res = []
    for i in range(count):
        res.append(f"{rng.randint(2, 9999)} {rng.choice(noun)} in {rng.choice(place)} "
                   f"{rng.choice(act)} on {rng.choice(day)}, {rng.choice(who)} "
                   f"{rng.choice(verb)} in update {i}.")
    return res
def write(name, sents):
    paras = [" ".join(sents[i:i + 5]) for i in range(0, len(sents), 5)]
    with open(f"{out}/{name}.txt", "w") as f:
        f.write("\n\n".join(paras) + "\n")
base = sentences(1, 1)
size = 0
count = 0
probe = sentences(1, 200)
avg = sum(len(s) + 1 for s in probe) / len(probe)
count = int(1_000_000 / avg)
base = sentences(1, count)
write("base", base)
rng = random.Random(7)
edited = list(base)
for i in rng.sample(range(count), count // 100):
    edited[i] = edited[i].replace(" on ", " late on ", 1).replace("in update", "in revised update", 1)
write("edited", edited)
write("rewrite", sentences(2, count))
PY
measure() { # measure OLD NEW -> "seconds rss_kib degraded" (best of 3 wall times, max RSS)
  local best="" rss=0 s k
  for _ in 1 2 3; do
    /usr/bin/time -v -o "$tmp/time.txt" "$sd" diff "$1" "$2" --format json >"$tmp/out.json" || true
    s=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time.txt" |
        awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    k=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time.txt")
    if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$s; fi
    if [ "$k" -gt "$rss" ]; then rss=$k; fi
  done
  local deg
  deg=$(python3 -c 'import json,sys; print(str(json.load(open(sys.argv[1])).get("degraded")).lower())' "$tmp/out.json" 2>/dev/null || echo "?")
  echo "$best $rss $deg"
}
read -r c1_s c1_k c1_deg < <(measure "$tmp/base.txt" "$tmp/edited.txt")
read -r c2_s c2_k c2_deg < <(measure "$tmp/base.txt" "$tmp/rewrite.txt")
base_bytes=$(stat -c %s "$tmp/base.txt")

echo "machine load after:  $(uptime)"
echo
awk -v pairs="$pairs" -v repeat="$repeat" -v rounds="$rounds" \
    -v a_sd="$a_sd_s" -v a_wd="$a_wd_s" -v b_sd="$b_sd_ns" -v b_git="$b_git_ns" \
    -v a_re="$a_re_s" -v a_sd_cpu="$a_sd_cpu" -v a_re_cpu="$a_re_cpu" -v a_wd_cpu="$a_wd_cpu" \
    -v c1_s="$c1_s" -v c1_k="$c1_k" -v c1_deg="$c1_deg" \
    -v c2_s="$c2_s" -v c2_k="$c2_k" -v c2_deg="$c2_deg" -v bytes="$base_bytes" 'BEGIN {
  printf "%-52s %12s %12s %8s\n", "benchmark", "storydiff", "baseline", "ratio"
  printf "%-52s %11.3fs %11.3fs %8.2f\n", \
    sprintf("a. %d pairs x %d, one process (vs wikidiff2)", pairs, repeat), a_sd, a_wd, a_wd / a_sd
  printf "%-52s %11.3fs %11.3fs %8s\n", "   CPU time of those processes (user+sys)", a_sd_cpu, a_wd_cpu, ""
  printf "%-52s %11.3fs %11.3fs %8.2f\n", "   each revision analyzed once (as import does)", a_re, a_wd, a_wd / a_re
  printf "%-52s %11.3fs %11.3fs %8s\n", "   CPU time of those processes (user+sys)", a_re_cpu, a_wd_cpu, ""
  printf "%-52s %11.3fs %11.3fs %8.2f\n", \
    sprintf("b. %d pairs x %d, one process per pair (vs git)", pairs, rounds), \
    b_sd / 1e9, b_git / 1e9, b_git / b_sd
  printf "%-52s %10.1fms %12s %8s\n", "   per pair, storydiff / git diff --word-diff", \
    b_sd / 1e6 / pairs / rounds, sprintf("%.1fms", b_git / 1e6 / pairs / rounds), ""
  printf "\n%-40s %10s %10s %9s %s\n", sprintf("c. %d-byte document", bytes), "wall", "peak RSS", "degraded", "target"
  printf "%-40s %9.3fs %8.1fMB %9s %s\n", "   1% of sentences edited", c1_s, c1_k / 1024, c1_deg, "< 0.050 s, < 64 MB"
  printf "%-40s %9.3fs %8.1fMB %9s %s\n", "   complete rewrite", c2_s, c2_k / 1024, c2_deg, "< 2 s, < 256 MB"
}'
