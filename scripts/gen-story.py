#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generates a made-up developing news story as a folder of revisions.

    scripts/gen-story.py OUT_DIR [-n 1000] [--seed 1]

Writes OUT_DIR/rev-0001.txt ... rev-NNNN.txt. The story starts with a few
paragraphs; each later revision makes one to three small edits of the kinds
live articles see: a toll rises, an "as of" time moves, a quote is added, a
sentence is reworded, a paragraph is added, moved or cut, and now and then the
text reverts to an earlier revision or is republished unchanged. The same
--seed gives the same files. All text is invented here.
"""

import argparse
import os
import random
import sys

PLACES = ["Marrow Bay", "Eastfield", "Port Alder", "Cinder Hill", "the Quay district",
          "Lowmarsh", "North Tarn", "Saltgate"]
PEOPLE = [("Mayor", "Ilse Varga"), ("Fire Chief", "Tomas Brenner"),
          ("Harbor Master", "Odile Fenn"), ("Police Spokesperson", "Rafe Okonjo"),
          ("Councillor", "Mina Castell"), ("Hospital Director", "Jonah Pell"),
          ("resident", "Aster Quill"), ("shop owner", "Delia Marsh")]
AGENCIES = ["the Coastal Safety Board", "Marrow Bay Police", "the regional fire service",
            "St. Brigid's Hospital", "the port authority", "the weather office"]
QUOTES = ["We are doing everything we can to reach the people still trapped",
          "The water came up faster than anyone expected",
          "I have never seen the harbor like this in thirty years",
          "Crews will work through the night",
          "Please stay away from the waterfront until further notice",
          "We lost the whole ground floor in a few minutes",
          "Our priority is the families who have been evacuated",
          "It is too early to say what caused the wall to fail",
          "We expect the river to crest some time tomorrow",
          "Everyone who can help is already down there"]
REWORDS = [(", officials said.", ", officials told reporters."),
           (", officials told reporters.", ", officials said."),
           ("the council said", "the council announced"),
           ("the council announced", "the council said"),
           ("At least", "More than"), ("More than", "At least"),
           ("were damaged", "were badly damaged"), ("were badly damaged", "were damaged"),
           ("stay closed", "remain shut"), ("remain shut", "stay closed"),
           ("forcing hundreds of residents", "driving hundreds of people"),
           ("driving hundreds of people", "forcing hundreds of residents"),
           ("Marrow Bay on Tuesday", "Marrow Bay early on Tuesday"),
           ("Marrow Bay early on Tuesday", "Marrow Bay on Tuesday"),
           ("crews were working", "teams were at work"),
           ("teams were at work", "crews were working")]
HOURS = ["6 a.m.", "7 a.m.", "8 a.m.", "9 a.m.", "10 a.m.", "11 a.m.", "noon", "1 p.m.",
         "2 p.m.", "3 p.m.", "4 p.m.", "5 p.m.", "6 p.m.", "7 p.m.", "8 p.m.", "9 p.m.",
         "10 p.m.", "11 p.m."]


class Story:
    """The mutable state of the article: paragraphs of sentences plus counters."""

    def __init__(self, rng):
        self.rng = rng
        self.injured = rng.randint(3, 12)
        self.dead = 0
        self.evacuated = rng.randint(40, 200)
        self.hour = rng.randrange(0, 6)
        self.toll_hedge = "At least"
        self.paragraphs = [
            ["A storm surge broke through the sea wall at Marrow Bay on Tuesday, "
             "flooding the harbor front and forcing hundreds of residents from their homes."],
            [self.toll_sentence(), self.asof_sentence()],
            [f"About {self.evacuated} people were evacuated to the Eastfield sports hall, "
             "the council said."],
            ["The harbor road closed at dawn and ferries to Port Alder were cancelled."],
            ["This is a developing story and will be updated."],
        ]

    def toll_sentence(self):
        s = f"{self.toll_hedge} {self.injured} people were injured"
        if self.dead:
            s += f" and {self.dead} {'person' if self.dead == 1 else 'people'} died"
        return s + ", officials said."

    def asof_sentence(self):
        return f"The figures were current as of {HOURS[self.hour]}, officials said."

    def text(self):
        return "\n\n".join(" ".join(p) for p in self.paragraphs if p) + "\n"

    def find(self, prefix):
        for p in self.paragraphs:
            for i, s in enumerate(p):
                if s.startswith(prefix):
                    return p, i
        return None, None

    # --- edits ---

    def raise_toll(self):
        self.injured += self.rng.randint(1, 4)
        if self.rng.random() < 0.15:
            self.dead += 1
        p, i = self.find(self.toll_hedge + " ")
        if p is None:
            self.paragraphs.insert(1, [self.toll_sentence()])
        else:
            p[i] = self.toll_sentence()

    def move_time(self):
        self.hour = (self.hour + 1) % len(HOURS)
        p, i = self.find("The figures were current as of")
        if p is None:
            self.paragraphs.insert(min(2, len(self.paragraphs)), [self.asof_sentence()])
        else:
            p[i] = self.asof_sentence()

    def add_quote(self):
        title, name = self.rng.choice(PEOPLE)
        quote = self.rng.choice(QUOTES)
        style = self.rng.randrange(3)
        if style == 0:
            s = f"“{quote},” said {name}, the {title.lower()}."
        elif style == 1:
            s = f"{title[0].upper() + title[1:]} {name} said: “{quote}.”"
        else:
            s = f"“{quote},” {name} told reporters."
        self.insert_paragraph([s])

    def add_paragraph(self):
        kind = self.rng.randrange(4)
        place = self.rng.choice(PLACES)
        agency = self.rng.choice(AGENCIES)
        n = self.rng.randint(2, 60)
        if kind == 0:
            p = [f"In {place}, {n} homes were damaged, according to {agency}.",
                 "Power was cut to parts of the town."]
        elif kind == 1:
            p = [f"{agency[0].upper() + agency[1:]} said {n} crews were working in {place}."]
        elif kind == 2:
            p = [f"Rain is expected to continue until {self.rng.choice(HOURS)} on Wednesday, "
                 "the weather office said.",
                 f"Gusts of up to {n + 40} km/h were recorded overnight."]
        else:
            p = [f"Schools in {place} will stay closed on Wednesday.",
                 f"About {n * 10} pupils are affected, the council said."]
        self.insert_paragraph(p)

    def insert_paragraph(self, p):
        if len(self.paragraphs) > 40:
            # Live stories get trimmed as they grow: keep the text a realistic size.
            self.cut_paragraph()
        # Never after the closing "developing story" line, never before the lede.
        end = len(self.paragraphs) - 1 if self.paragraphs else 0
        self.paragraphs.insert(self.rng.randint(1, max(1, end)), p)

    def reword(self):
        candidates = [(p, i, a, b) for p in self.paragraphs for i, s in enumerate(p)
                      for a, b in REWORDS if a in s]
        if not candidates:
            return self.add_quote()
        p, i, a, b = self.rng.choice(candidates)
        p[i] = p[i].replace(a, b, 1)
        if a in ("At least", "More than") and p[i].startswith(b):
            self.toll_hedge = b

    def move_paragraph(self):
        if len(self.paragraphs) < 4:
            return self.add_paragraph()
        i = self.rng.randint(1, len(self.paragraphs) - 2)
        p = self.paragraphs.pop(i)
        self.paragraphs.insert(self.rng.randint(1, len(self.paragraphs) - 1), p)

    def cut_paragraph(self):
        if len(self.paragraphs) < 7:
            return self.add_paragraph()
        i = self.rng.randint(2, len(self.paragraphs) - 2)
        del self.paragraphs[i]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("-n", "--revisions", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.revisions < 1:
        parser.error("-n must be at least 1")

    rng = random.Random(args.seed)
    story = Story(rng)
    os.makedirs(args.out_dir, exist_ok=True)
    width = max(4, len(str(args.revisions)))
    history = []
    edits = [(story.raise_toll, 20), (story.move_time, 20), (story.add_quote, 12),
             (story.reword, 20), (story.add_paragraph, 10), (story.move_paragraph, 8),
             (story.cut_paragraph, 10)]
    functions = [e[0] for e in edits]
    weights = [e[1] for e in edits]
    for n in range(1, args.revisions + 1):
        if n > 1:
            roll = rng.random()
            if roll < 0.01:
                pass  # republished unchanged
            elif roll < 0.03 and len(history) > 3:
                # A revert: go back to a recent earlier text (an editor undoing a change).
                back = history[-rng.randint(2, min(6, len(history)))]
                story.paragraphs = [list(p) for p in back]
            else:
                for _ in range(rng.choice([1, 1, 1, 2, 3])):
                    rng.choices(functions, weights)[0]()
        history.append([list(p) for p in story.paragraphs])
        if len(history) > 10:
            history.pop(0)
        path = os.path.join(args.out_dir, f"rev-{n:0{width}d}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(story.text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
