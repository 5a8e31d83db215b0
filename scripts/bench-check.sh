#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmarks `storydiff check --git`: a fresh git repository with N Markdown
# drafts of ~1,000 words (made-up text), then one commit that edits a few
# sentences in every draft (a number, a quote, a date, an added sentence),
# and `check --git HEAD~1..HEAD` over it. Target: under 2 s for 200 files.
#   scripts/bench-check.sh [-n FILES] [--words W] [--runs R] [--bin PATH/TO/storydiff]
# Without --bin it builds the release binary with scripts/build.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

files=200
words=1000
runs=3
bin=
while [ $# -gt 0 ]; do
  case "$1" in
    -n) files=$2; shift ;;
    --words) words=$2; shift ;;
    --runs) runs=$2; shift ;;
    --bin) bin=$2; shift ;;
    *) echo "usage: scripts/bench-check.sh [-n FILES] [--words W] [--runs R] [--bin PATH]" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$bin" ]; then
  bin="$("$root/scripts/build.sh")/bin/storydiff"
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

work=$(mktemp -d "${TMPDIR:-/tmp}/storydiff-bench-check.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
repo=$work/repo
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
git init -q -b main "$repo"
g() { git -C "$repo" -c user.name=bench -c user.email=bench@example.com "$@"; }

# Drafts: paragraphs of sentences with numbers, dates, names, quotes and
# attributions, so the differ has facts to extract. Seeded: the same run
# gives the same repository.
python3 - "$repo" "$files" "$words" <<'PY'
import os, random, sys
repo, files, words = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(6)
names = ["Ana Ortiz", "Ben Adler", "Chen Wei", "Dara Okafor", "Eli Novak", "Fatima Haddad"]
places = ["Harbor Bridge", "North Station", "Riverside Park", "the county hospital", "Elm Street"]
days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
verbs = ["said", "told reporters", "said in a statement", "confirmed"]
def sentence():
    kind = rng.randrange(5)
    n = rng.randrange(2, 900)
    if kind == 0:
        return f"About {n} people were evacuated from {rng.choice(places)} on {rng.choice(days)}, police {rng.choice(verbs)}."
    if kind == 1:
        return f"\"We are doing everything we can to keep {rng.choice(places)} open,\" {rng.choice(names)} {rng.choice(verbs)}."
    if kind == 2:
        return f"Crews worked through the night at {rng.choice(places)} and expected to finish by {rng.randrange(1, 12)} p.m."
    if kind == 3:
        return f"{rng.choice(names)}, who has lived near {rng.choice(places)} for {n % 40 + 2} years, described the damage as severe."
    return f"The city council will meet on {rng.choice(days)} to discuss a budget of ${n} million for repairs."
for i in range(files):
    paras, count = [f"# Story {i}: storm damage update"], 0
    while count < words:
        para = " ".join(sentence() for _ in range(rng.randrange(2, 5)))
        count += len(para.split())
        paras.append(para)
    with open(os.path.join(repo, f"story-{i:03}.md"), "w") as f:
        f.write("\n\n".join(paras) + "\n")
PY
g add -A && g commit -q -m drafts

python3 - "$repo" "$files" <<'PY'
import os, re, random, sys
repo, files = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
for i in range(files):
    path = os.path.join(repo, f"story-{i:03}.md")
    text = open(path).read()
    # A few edits: two numbers, one quote, one weekday, one added sentence.
    nums = [m for m in re.finditer(r"\b\d+\b", text)]
    for m in sorted(rng.sample(nums, min(2, len(nums))), key=lambda m: -m.start()):
        text = text[:m.start()] + str(int(m.group()) + 3) + text[m.end():]
    text = text.replace("We are doing everything", "We are not doing everything", 1)
    text = text.replace("on Tuesday", "on Wednesday", 1)
    text = text.replace("\n\n", "\n\nOfficials added that 14 more families were moved overnight.\n\n", 1)
    open(path, "w").write(text)
PY
g add -A && g commit -q -m edits

bytes=$(cat "$repo"/*.md | wc -c)
words_total=$(cat "$repo"/*.md | wc -w)
echo "repository: $files files, $words_total words, $bytes bytes; $runs runs of check --git HEAD~1..HEAD"
cd "$repo"
best=
for r in $(seq "$runs"); do
  start=$(date +%s.%N)
  set +e
  /usr/bin/time -f "%U %S %M" -o "$work/cpu" "$bin" check --git HEAD~1..HEAD --format json >"$work/out.json" 2>"$work/err"
  status=$?
  set -e
  end=$(date +%s.%N)
  if [ $status -gt 1 ]; then
    echo "check failed (exit $status):" >&2
    cat "$work/err" >&2
    exit 1
  fi
  # GNU time puts "Command exited with non-zero status" first on exit 1.
  read -r user sys rss < <(tail -n 1 "$work/cpu")
  wall=$(echo "$end - $start" | bc -l)
  printf 'run %d: %.3f s wall, %.3f s CPU, %d MiB max RSS, exit %d\n' "$r" "$wall" \
    "$(echo "$user + $sys" | bc -l)" $((rss / 1024)) "$status"
  if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc -l)" = 1 ]; then best=$wall; fi
done
python3 - "$work/out.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
print(f"files checked: {len(doc['files'])}, findings: {doc['counts']}")
PY
printf 'best wall time: %.3f s (target < 2 s); load: %s\n' "$best" "$(cut -d' ' -f1-3 /proc/loadavg)"
