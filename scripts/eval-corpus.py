#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Score `storydiff diff` against editor-written expectations for the real corpus.

For every consecutive revision pair of every story in the corpus (<story>/NNN.<ext>) this runs
`storydiff diff OLD NEW --format json` and matches the reported changes to the expectation
lines in fixtures/corpus-expectations/<story>.md (line format: fixtures/golden/README.md; one
"## 001 → 002" section per pair; a "(partial)" line in a section means only the listed lines
are scored for recall and the pair is left out of precision). One extension of that format: a
line may name alternative kinds, "- claim_changed|claim_merged: …", when an editor would accept
either representation of the same change; it is counted under its first kind.

Prints, per change kind: expected (required lines), found (recall), reported substantive changes
in fully specified pairs, correct (precision); totals; and the negative controls' count of false
substantive changes.

Exit status: 0 after a measurement (normal mode); with --check, 1 when a negative control shows a
substantive change, when total recall is below --min-recall (default 0.9) or when the script
cannot run a pair (or finds no pair to run); 77 when the corpus is absent. --check prints the
reasons it fails on stderr; the ctest `eval_corpus` runs it.
Python 3 standard library only.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

SKIP = 77
MIN_RECALL = 0.9
STYLE_KINDS = {"reworded", "claim_moved"}
# Sentence-level kinds under rule 4 of fixtures/golden/README.md: the facts inside such a
# sentence may be reported on their own lines as well.
WHOLE_SENTENCE_KINDS = {"claim_added", "claim_removed", "quote_added", "quote_removed",
                        "correction_added"}

QUOTE_GLYPHS = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2039": "'", "\u203a": "'",
    "\u2013": "-", "\u2014": "-", "\u00a0": " ",
})


def fold(text):
    """Case, quote glyphs and whitespace folded; quote marks dropped."""
    text = (text or "").translate(QUOTE_GLYPHS).casefold()
    text = text.replace('"', "").replace("'", "")
    return re.sub(r"\s+", " ", text).strip()


class Expectation:
    def __init__(self, kind, who, fragments, optional, raw):
        self.kinds = kind.split("|")
        self.kind = self.kinds[0]
        self.who = who
        self.fragments = fragments  # list of folded fragments; each may hold "…" parts
        self.optional = optional
        self.raw = raw


class PairSpec:
    def __init__(self, old, new):
        self.old = old
        self.new = new
        self.partial = False
        self.control = False
        self.significance = None
        self.lines = []


LINE_RE = re.compile(r"^-\s+(\(optional\)\s+)?([a-z_|]+)\s*(?:\(([^)]*)\))?\s*(?::\s*(.*))?$")
SECTION_RE = re.compile(r"^##\s+(\d+)\s*(?:→|->)\s*(\d+)\s*$")
FRAGMENT_RE = re.compile(r"“([^”]*)”|\"([^\"]*)\"")


def parse_fragments(detail):
    frags = []
    for m in FRAGMENT_RE.finditer(detail or ""):
        text = m.group(1) if m.group(1) is not None else m.group(2)
        parts = [fold(p) for p in re.split(r"…|\.\.\.", text) if fold(p)]
        if parts:
            frags.append(parts)
    return frags


def parse_expectations(path):
    """Returns {(old, new): PairSpec}. Raises ValueError on a malformed line."""
    specs = {}
    current = None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n").strip()
            m = SECTION_RE.match(line)
            if m:
                current = PairSpec(m.group(1), m.group(2))
                specs[(current.old, current.new)] = current
                continue
            if current is None or not line:
                continue
            if line.startswith("significance:"):
                current.significance = line.split(":", 1)[1].strip()
            elif line.startswith("(partial)"):
                current.partial = True
            elif line.startswith("- none (style only)"):
                current.control = True
            elif line.startswith("- "):
                m = LINE_RE.match(line)
                if not m:
                    raise ValueError(f"{path}:{number}: cannot parse {line!r}")
                current.lines.append(Expectation(m.group(2), (m.group(3) or "").strip(),
                                                 parse_fragments(m.group(4)),
                                                 bool(m.group(1)), line))
    return specs


def change_texts(change):
    texts = []
    for side in ("old", "new"):
        span = change.get(side)
        if isinstance(span, dict) and span.get("text"):
            texts.append(fold(span["text"]))
    if change.get("message"):
        texts.append(fold(change["message"]))
    return texts


def fragment_matches(parts, texts):
    joined = " ".join(parts)
    for t in texts:
        if all(p in t for p in parts):
            return True
        # A reported span may be shorter than the quoted fragment ("2" for "2 dead").
        if len(parts) == 1 and t and len(t) >= 1 and t in joined and len(t) * 3 >= len(joined):
            return True
    return False


def who_matches(who, change):
    if not who:
        return True
    names = [change.get("speaker"), change.get("source")]
    names = [fold(n) for n in names if isinstance(n, str) and n]
    if not names:
        return True  # the differ gave no speaker/source: judge by the text alone
    want = fold(who)
    want_last = want.split(" ")[-1] if want else ""
    for n in names:
        last = n.split(" ")[-1]
        if want_last in n or last in want:
            return True
    return False


def matches(exp, change):
    if change.get("kind") not in exp.kinds:
        return False
    if not who_matches(exp.who, change):
        return False
    texts = change_texts(change)
    return all(fragment_matches(parts, texts) for parts in exp.fragments)


def list_pairs(story_dir):
    revs = sorted(n for n in os.listdir(story_dir) if re.match(r"^\d{3}\.[A-Za-z0-9]+$", n))
    return [(revs[i - 1], revs[i]) for i in range(1, len(revs))]


def run_diff(binary, old_path, new_path):
    proc = subprocess.run([binary, "diff", old_path, new_path, "--format", "json"],
                          capture_output=True, timeout=120)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[:400]}")
    return json.loads(proc.stdout.decode("utf-8"))


def sentence_index(change, side):
    span = change.get(side)
    if isinstance(span, dict) and isinstance(span.get("sentence"), int):
        return span["sentence"]
    return None


def score_pair(spec, result, stats, controls, problems, label):
    changes = result.get("changes") or []
    required = [e for e in spec.lines if not e.optional]
    for exp in required:
        st = stats.setdefault(exp.kind, new_stat())
        st["expected"] += 1
        if any(matches(exp, c) for c in changes):
            st["found"] += 1
        else:
            problems["missed"].append(f"{label}: {exp.raw}")
    substantive = [c for c in changes if c.get("significance") == "substantive"
                   and c.get("kind") not in STYLE_KINDS]
    if spec.control:
        controls.append({"pair": label, "false_substantive": len(substantive),
                         "changes": [c.get("message") or c.get("kind") for c in substantive]})
    if spec.partial:
        return
    # Whole added/removed sentences judged correct make the facts inside them acceptable.
    ok_new, ok_old = set(), set()
    for c in substantive:
        if c.get("kind") in WHOLE_SENTENCE_KINDS and any(matches(e, c) for e in spec.lines):
            for side, bucket in (("new", ok_new), ("old", ok_old)):
                idx = sentence_index(c, side)
                if idx is not None:
                    bucket.add(idx)
    for c in substantive:
        st = stats.setdefault(c.get("kind", "?"), new_stat())
        st["reported"] += 1
        good = any(matches(e, c) for e in spec.lines)
        if not good and c.get("kind") not in WHOLE_SENTENCE_KINDS:
            n, o = sentence_index(c, "new"), sentence_index(c, "old")
            good = (n is not None and n in ok_new) or (o is not None and o in ok_old)
        if good:
            st["correct"] += 1
        else:
            problems["false"].append(f"{label}: {c.get('kind')}: {c.get('message', '')}")
    if spec.significance:
        problems["sig_total"] += 1
        if spec.significance != result.get("significance"):
            problems["sig_wrong"].append(
                f"{label}: expected {spec.significance}, got {result.get('significance')}")


def new_stat():
    return {"expected": 0, "found": 0, "reported": 0, "correct": 0}


def ratio(a, b):
    return None if b == 0 else a / b


def fmt(x):
    return "   -" if x is None else f"{x:4.2f}"


def default_bin(root):
    for cand in ("build/bin/storydiff", "build-eval/bin/storydiff"):
        p = os.path.join(root, cand)
        if os.access(p, os.X_OK):
            return p
    return shutil.which("storydiff") or "storydiff"


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=None, help="storydiff binary")
    ap.add_argument("--corpus", default=os.environ.get(
        "STORYDIFF_CORPUS_DIR", os.path.join(root, os.pardir, "shared", "corpus")))
    ap.add_argument("--expectations", default=os.path.join(root, "fixtures",
                                                           "corpus-expectations"))
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 on a negative-control failure, recall below --min-recall "
                         "or a run failure")
    ap.add_argument("--min-recall", type=float, default=MIN_RECALL,
                    help="lowest total recall --check accepts (default %(default)s)")
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")
    args = ap.parse_args()

    if not args.corpus or not os.path.isdir(args.corpus):
        print(f"eval-corpus: corpus not found ({args.corpus!r}); skipping", file=sys.stderr)
        return SKIP
    binary = args.bin or default_bin(root)

    stats, controls = {}, []
    problems = {"missed": [], "false": [], "errors": [], "sig_wrong": [], "sig_total": 0}
    pairs_run = 0
    elapsed = 0.0
    stories = sorted(d for d in os.listdir(args.corpus)
                     if os.path.isdir(os.path.join(args.corpus, d)))
    for story in stories:
        exp_path = os.path.join(args.expectations, story + ".md")
        try:
            specs = parse_expectations(exp_path)
        except (OSError, ValueError) as err:
            problems["errors"].append(f"{story}: expectations: {err}")
            continue
        story_dir = os.path.join(args.corpus, story)
        for old, new in list_pairs(story_dir):
            key = (old.split(".")[0], new.split(".")[0])
            label = f"{story} {key[0]}→{key[1]}"
            spec = specs.get(key)
            if spec is None:
                problems["errors"].append(f"{label}: no expectation section")
                continue
            try:
                t0 = time.perf_counter()
                result = run_diff(binary, os.path.join(story_dir, old),
                                  os.path.join(story_dir, new))
                elapsed += time.perf_counter() - t0
            except (OSError, RuntimeError, ValueError, subprocess.TimeoutExpired) as err:
                problems["errors"].append(f"{label}: {err}")
                continue
            pairs_run += 1
            score_pair(spec, result, stats, controls, problems, label)

    total = new_stat()
    for st in stats.values():
        for k in total:
            total[k] += st[k]
    control_false = sum(c["false_substantive"] for c in controls)
    report = {
        "pairs": pairs_run,
        "seconds": round(elapsed, 3),
        "kinds": {k: dict(v, recall=ratio(v["found"], v["expected"]),
                          precision=ratio(v["correct"], v["reported"]))
                  for k, v in sorted(stats.items())},
        "total": dict(total, recall=ratio(total["found"], total["expected"]),
                      precision=ratio(total["correct"], total["reported"])),
        "negative_controls": controls,
        "negative_control_false_substantive": control_false,
        "significance_wrong": problems["sig_wrong"],
        "significance_checked": problems["sig_total"],
        "missed": problems["missed"],
        "false_positives": problems["false"],
        "errors": problems["errors"],
    }
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(f"storydiff: {binary}")
        print(f"pairs run: {pairs_run}  (storydiff time {elapsed:.2f} s)")
        print(f"{'kind':<22}{'expected':>9}{'found':>7}{'recall':>8}"
              f"{'reported':>10}{'correct':>9}{'precision':>10}")
        for k, v in sorted(stats.items()):
            print(f"{k:<22}{v['expected']:>9}{v['found']:>7}{fmt(ratio(v['found'], v['expected'])):>8}"
                  f"{v['reported']:>10}{v['correct']:>9}"
                  f"{fmt(ratio(v['correct'], v['reported'])):>10}")
        t = total
        print(f"{'TOTAL':<22}{t['expected']:>9}{t['found']:>7}{fmt(ratio(t['found'], t['expected'])):>8}"
              f"{t['reported']:>10}{t['correct']:>9}{fmt(ratio(t['correct'], t['reported'])):>10}")
        print("(precision counts substantive changes in fully specified pairs only)")
        print(f"document significance wrong: {len(problems['sig_wrong'])} of "
              f"{problems['sig_total']} fully specified pairs")
        print(f"negative controls: {len(controls)} pairs, "
              f"{control_false} false substantive changes")
        for c in controls:
            print(f"  {c['pair']}: {c['false_substantive']}"
                  + (f"  {c['changes']}" if c["changes"] else ""))
        if args.verbose:
            for title, key in (("missed", "missed"), ("false positives", "false"),
                               ("significance", "sig_wrong")):
                print(f"{title}:")
                for line in problems[key]:
                    print(f"  {line}")
        for e in problems["errors"]:
            print(f"error: {e}", file=sys.stderr)
    if args.check:
        failures = []
        recall = ratio(total["found"], total["expected"])
        if pairs_run == 0:
            failures.append("no revision pair was run")
        if recall is None or recall < args.min_recall:
            failures.append(f"recall {fmt(recall).strip()} below {args.min_recall}")
        for c in controls:
            if c["false_substantive"] > 0:
                failures.append(f"negative control {c['pair']}: {c['false_substantive']} false "
                                f"substantive changes {c['changes']}")
        if problems["errors"]:
            failures.append(f"{len(problems['errors'])} errors")
        for f in failures:
            print(f"eval-corpus: check failed: {f}", file=sys.stderr)
        if failures:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
