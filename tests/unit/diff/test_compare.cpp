// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "diff/compare_internal.hpp"

#include <storydiff/diff/changes.hpp>
#include <storydiff/text/pipeline.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

using namespace storydiff;
using diff::ChangeKind;
using diff::Significance;
using extract::Fact;
using extract::FactKind;

namespace {

text::Document doc_of(std::string_view bytes) {
  auto result = text::read_document(bytes);
  REQUIRE(result);
  return std::move(result->document);
}

std::uint32_t sentence_at(const text::Document& doc, std::uint32_t offset) {
  for (std::uint32_t i = 0; i < doc.sentences.size(); ++i) {
    if (offset < doc.sentences[i].span.end) {
      return i;
    }
  }
  return static_cast<std::uint32_t>(doc.sentences.size() - 1);
}

// A fact over the `occurrence`-th appearance of `text` in the document.
Fact fact(const text::Document& doc, FactKind kind, std::string_view text, std::string key,
          int occurrence = 0) {
  std::size_t at = doc.text.find(text);
  for (int i = 0; i < occurrence && at != std::string::npos; ++i) {
    at = doc.text.find(text, at + 1);
  }
  REQUIRE(at != std::string::npos);
  Fact f;
  f.kind = kind;
  f.span = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + text.size())};
  f.text = std::string(text);
  f.key = std::move(key);
  f.sentence = sentence_at(doc, f.span.start);
  f.last_sentence = sentence_at(doc, f.span.end - 1);
  return f;
}

Fact number(const text::Document& doc, std::string_view text, double value, std::string unit,
            int occurrence = 0) {
  Fact f = fact(doc, FactKind::number, text, "num:" + std::to_string(value) + " " + unit, occurrence);
  f.value = value;
  f.unit = std::move(unit);
  return f;
}

Fact quote(const text::Document& doc, std::string_view text, std::string key,
           std::string speaker = {}) {
  Fact f = fact(doc, FactKind::quote, text, std::move(key));
  f.speaker = std::move(speaker);
  return f;
}

extract::DocumentFacts index(const text::Document& doc, std::vector<Fact> facts) {
  extract::DocumentFacts out;
  std::sort(facts.begin(), facts.end(),
            [](const Fact& a, const Fact& b) { return a.span.start < b.span.start; });
  out.facts = std::move(facts);
  out.by_sentence.resize(doc.sentences.size());
  for (std::uint32_t i = 0; i < out.facts.size(); ++i) {
    for (std::uint32_t s = out.facts[i].sentence; s <= out.facts[i].last_sentence; ++s) {
      out.by_sentence[s].push_back(i);
    }
  }
  return out;
}

align::SentenceOp op(align::Op kind, std::vector<std::uint32_t> old_sentences,
                     std::vector<std::uint32_t> new_sentences, double similarity = 0.8) {
  return {kind, std::move(old_sentences), std::move(new_sentences), similarity};
}

// Equal ops for every sentence pair (i, i) except those listed.
align::Alignment aligned_by_index(std::size_t n, std::vector<align::SentenceOp> special) {
  align::Alignment a;
  for (std::uint32_t i = 0; i < n; ++i) {
    auto it = std::find_if(special.begin(), special.end(), [i](const align::SentenceOp& o) {
      return !o.new_sentences.empty() && o.new_sentences.front() == i;
    });
    a.ops.push_back(it != special.end() ? *it : op(align::Op::equal, {i}, {i}, 1.0));
  }
  return a;
}

struct Run {
  text::Document old_doc;
  text::Document new_doc;
  diff::Report report;

  std::size_t count(ChangeKind kind) const {
    return static_cast<std::size_t>(std::count_if(report.changes.begin(), report.changes.end(),
                                                  [kind](const diff::Change& c) { return c.kind == kind; }));
  }
  const diff::Change* find(ChangeKind kind) const {
    auto it = std::find_if(report.changes.begin(), report.changes.end(),
                           [kind](const diff::Change& c) { return c.kind == kind; });
    return it == report.changes.end() ? nullptr : &*it;
  }
};

// Classifies with hand-built facts and alignment, then writes the summary.
template <typename MakeOldFacts, typename MakeNewFacts>
Run classify(std::string_view old_text, std::string_view new_text, MakeOldFacts make_old,
             MakeNewFacts make_new, const std::function<align::Alignment(std::size_t)>& make_alignment) {
  Run run{doc_of(old_text), doc_of(new_text), {}};
  const extract::DocumentFacts old_facts = index(run.old_doc, make_old(run.old_doc));
  const extract::DocumentFacts new_facts = index(run.new_doc, make_new(run.new_doc));
  const align::Alignment alignment = make_alignment(run.new_doc.sentences.size());
  diff::CompareOptions options;
  diff::detail::Classified classified =
      diff::detail::classify(run.old_doc, run.new_doc, old_facts, new_facts, alignment, options);
  run.report.changes = std::move(classified.changes);
  run.report.sentences = std::move(classified.sentences);
  run.report.degraded = classified.degraded;
  diff::detail::finish_report(run.report, run.old_doc.text == run.new_doc.text, options);
  return run;
}

auto no_facts = [](const text::Document&) { return std::vector<Fact>{}; };

// Every change side must be a valid span of its document holding its text
// (sentence and fact sides) and lie in the sentence it names.
void check_sides(const Run& run) {
  for (const diff::Change& change : run.report.changes) {
    for (int side = 0; side < 2; ++side) {
      const auto& s = side == 0 ? change.old_side : change.new_side;
      const text::Document& doc = side == 0 ? run.old_doc : run.new_doc;
      if (!s) {
        continue;
      }
      INFO(change.message);
      REQUIRE(s->span.end <= doc.text.size());
      REQUIRE(s->span.start < s->span.end);
      REQUIRE(s->sentence < doc.sentences.size());
      CHECK(doc.sentences[s->sentence].span.start <= s->span.start);
    }
  }
}

} // namespace

TEST_CASE("diff::classify compares the facts of an edited pair", "[diff]") {
  const std::string before = "The fire forced 120 people from their homes on Tuesday.\n\nNo one was hurt.\n";
  const std::string after = "The fire forced 340 people from their homes on Thursday.\n\nNo one was hurt.\n";
  auto facts = [](const char* people, double value, const char* day) {
    return [=](const text::Document& d) {
      Fact date = fact(d, FactKind::date, day, std::string("weekday:") + day);
      date.precision = extract::DatePrecision::weekday;
      return std::vector<Fact>{number(d, people, value, "people"), date};
    };
  };
  const Run run = classify(before, after, facts("120 people", 120, "Tuesday"),
                           facts("340 people", 340, "Thursday"), [](std::size_t n) {
                             return aligned_by_index(n, {op(align::Op::edited, {0}, {0})});
                           });
  check_sides(run);
  SECTION("a number with the same unit is number_changed with its values") {
    const diff::Change* change = run.find(ChangeKind::number_changed);
    REQUIRE(change != nullptr);
    REQUIRE(change->old_side);
    REQUIRE(change->new_side);
    CHECK(change->old_side->text == "120 people");
    CHECK(change->new_side->text == "340 people");
    CHECK(change->new_side->span.of(run.new_doc.text) == "340 people");
    CHECK(change->old_value == 120);
    CHECK(change->new_value == 340);
    CHECK(change->unit == "people");
    CHECK(change->message == "Number changed: “120 people” → “340 people”");
  }
  SECTION("a date is date_changed") {
    const diff::Change* change = run.find(ChangeKind::date_changed);
    REQUIRE(change != nullptr);
    CHECK(change->old_side->text == "Tuesday");
    CHECK(change->new_side->text == "Thursday");
  }
  SECTION("the typed changes explain the token diff: no claim_changed, no reworded") {
    CHECK(run.count(ChangeKind::claim_changed) == 0);
    CHECK(run.count(ChangeKind::reworded) == 0);
    CHECK(run.report.changes.size() == 2);
    CHECK(run.report.significance == Significance::substantive);
  }
  SECTION("the pair carries its word diff") {
    const diff::SentenceDiff& sd = run.report.sentences.at(0);
    REQUIRE_FALSE(sd.words.empty());
    std::string removed;
    std::string inserted;
    for (const diff::WordEdit& w : sd.words) {
      if (w.op == diff::WordEdit::Op::remove) {
        removed += std::string(w.span.of(run.old_doc.text)) + " ";
      } else if (w.op == diff::WordEdit::Op::insert) {
        inserted += std::string(w.span.of(run.new_doc.text)) + " ";
      }
    }
    CHECK(removed == "120 Tuesday ");
    CHECK(inserted == "340 Thursday ");
    CHECK(run.report.sentences.at(1).words.empty()); // equal pair
  }
}

TEST_CASE("diff::classify judges facts against the whole document", "[diff]") {
  const std::string lede = "Officials closed 23 schools on Monday after the storm.\n\n";
  SECTION("a number that leaves a sentence but is still stated elsewhere is not removed") {
    const Run run = classify(
        lede + "The 23 schools will reopen Friday.\n", lede + "The schools will reopen Friday.\n",
        [](const text::Document& d) {
          return std::vector<Fact>{number(d, "23 schools", 23, "schools", 0),
                                   number(d, "23 schools", 23, "schools", 1)};
        },
        [](const text::Document& d) {
          return std::vector<Fact>{number(d, "23 schools", 23, "schools")};
        },
        [](std::size_t n) { return aligned_by_index(n, {op(align::Op::edited, {1}, {1})}); });
    CHECK(run.count(ChangeKind::number_removed) == 0);
    CHECK(run.count(ChangeKind::reworded) == 1); // the number's tokens changed: style
    CHECK(run.count(ChangeKind::claim_changed) == 0);
    CHECK(run.report.significance == Significance::style);
  }
  SECTION("a number stated nowhere else in the new document is removed") {
    const Run run = classify(
        "Crews restored power to 8,200 customers by noon.\n", "Crews restored power by noon.\n",
        [](const text::Document& d) {
          return std::vector<Fact>{number(d, "8,200 customers", 8200, "customers")};
        },
        no_facts, [](std::size_t n) { return aligned_by_index(n, {op(align::Op::edited, {0}, {0})}); });
    const diff::Change* change = run.find(ChangeKind::number_removed);
    REQUIRE(change != nullptr);
    CHECK(change->old_side->text == "8,200 customers");
    CHECK_FALSE(change->new_side);
    CHECK(change->old_value == 8200);
    CHECK(run.report.significance == Significance::substantive);
  }
  SECTION("a number already stated in the old document is not added") {
    const Run run = classify(
        lede + "The schools will reopen Friday.\n", lede + "The 23 schools will reopen Friday.\n",
        [](const text::Document& d) {
          return std::vector<Fact>{number(d, "23 schools", 23, "schools")};
        },
        [](const text::Document& d) {
          return std::vector<Fact>{number(d, "23 schools", 23, "schools", 0),
                                   number(d, "23 schools", 23, "schools", 1)};
        },
        [](std::size_t n) { return aligned_by_index(n, {op(align::Op::edited, {1}, {1})}); });
    CHECK(run.count(ChangeKind::number_added) == 0);
    CHECK(run.report.significance == Significance::style);
  }
  SECTION("a name that leaves its sentence but stays in the document is not removed") {
    const std::string first = "Mayor Ruth Okafor spoke on Monday.\n\n";
    const Run run = classify(
        first + "Okafor and Carl Mendes toured the site.\n", first + "Okafor toured the site.\n",
        [](const text::Document& d) {
          return std::vector<Fact>{fact(d, FactKind::entity, "Ruth Okafor", "ent:ruth okafor"),
                                   fact(d, FactKind::entity, "Carl Mendes", "ent:carl mendes")};
        },
        [](const text::Document& d) {
          return std::vector<Fact>{fact(d, FactKind::entity, "Ruth Okafor", "ent:ruth okafor")};
        },
        [](std::size_t n) { return aligned_by_index(n, {op(align::Op::edited, {1}, {1})}); });
    REQUIRE(run.count(ChangeKind::entity_removed) == 1);
    CHECK(run.find(ChangeKind::entity_removed)->old_side->text == "Carl Mendes");
  }
  SECTION("a sentence removed while stated word for word elsewhere is not a claim removed") {
    const std::string para = "The bill now goes to the House.\n\n";
    const Run run = classify(lede + para + para, lede + para, no_facts, no_facts, [](std::size_t) {
      align::Alignment a;
      a.ops = {op(align::Op::equal, {0}, {0}, 1), op(align::Op::equal, {1}, {1}, 1),
               op(align::Op::removed, {2}, {}, 0)};
      return a;
    });
    CHECK(run.report.changes.empty());
    CHECK(run.report.significance == Significance::style);
    CHECK(run.report.headline == "Style only: formatting changed");
  }
}

TEST_CASE("diff::classify treats one value written two ways as one value", "[diff]") {
  const Run run = classify(
      "The curfew ends at 0600 local time.\n", "The curfew ends at 06:00 local time.\n",
      [](const text::Document& d) {
        return std::vector<Fact>{fact(d, FactKind::date, "0600", "time:06:00")};
      },
      [](const text::Document& d) {
        return std::vector<Fact>{fact(d, FactKind::date, "06:00", "time:06:00")};
      },
      [](std::size_t n) { return aligned_by_index(n, {op(align::Op::edited, {0}, {0})}); });
  CHECK(run.count(ChangeKind::date_changed) == 0);
  REQUIRE(run.count(ChangeKind::reworded) == 1);
  CHECK(run.report.significance == Significance::style);
  CHECK(run.report.headline == "Style only: 1 sentence reworded");

  SECTION("a number whose key changed but whose value and unit did not is no number change") {
    const Run same = classify(
        "A 23-year-old man was arrested.\n", "A 23-year old man was arrested.\n",
        [](const text::Document& d) {
          Fact f = number(d, "23-year-old", 23, "year-old");
          f.key = "num:23 year-old";
          return std::vector<Fact>{f};
        },
        [](const text::Document& d) {
          Fact f = number(d, "23-year old", 23, "year old");
          f.key = "num:23 year old"; // a key that failed to fold the hyphen
          return std::vector<Fact>{f};
        },
        [](std::size_t n) { return aligned_by_index(n, {op(align::Op::edited, {0}, {0})}); });
    CHECK(same.count(ChangeKind::number_changed) == 0);
    CHECK(same.report.significance == Significance::style);
  }
}

TEST_CASE("diff::judge_wording tells style from substance", "[diff]") {
  auto judge = [](std::string_view a, std::string_view b) {
    const text::Document old_doc = doc_of(a);
    const text::Document new_doc = doc_of(b);
    const auto edits = diff::detail::diff_tokens(old_doc, 0, new_doc, 0, 5000);
    REQUIRE(edits);
    return diff::detail::judge_wording(old_doc, new_doc, *edits, {}, {});
  };
  using diff::detail::Wording;
  SECTION("spelling, case, punctuation, word order and function words are style") {
    CHECK(judge("The goverment said so.", "The government said so.") == Wording::style);
    CHECK(judge("the Mayor spoke.", "The mayor spoke.") == Wording::same);
    CHECK(judge("Banks A, B and C agreed.", "Banks A, B, and C agreed.") == Wording::style);
    CHECK(judge("On Monday the council voted.", "The council voted on Monday.") == Wording::style);
    CHECK(judge("He said the plan was good.", "He said that the plan is good.") == Wording::style);
  }
  SECTION("content words, negators and modals are substance") {
    CHECK(judge("The bridge will reopen after repairs.", "The bridge will be demolished.") ==
          Wording::substantive);
    CHECK(judge("He will attend.", "He will not attend.") == Wording::substantive);
    CHECK(judge("The road will close.", "The road may close.") == Wording::substantive);
    CHECK(judge("The cat sat.", "The dog sat.") == Wording::substantive); // short words: no spelling
  }
  SECTION("numbers compare by value, never as spelling") {
    CHECK(judge("It will cost $640,000 in all.", "It will cost $460,000 in all.") ==
          Wording::substantive);
    CHECK(judge("Deputies arrived at 0600 Sunday.", "Deputies arrived at 06:00 Sunday.") ==
          Wording::style);
    CHECK(judge("A 23-year-old man was held.", "A 23-year old man was held.") == Wording::style);
    CHECK(judge("Crews cleared 12 roads.", "Crews cleared 15 roads.") == Wording::substantive);
  }
  SECTION("tokens inside fact spans are explained, not wording") {
    const text::Document old_doc = doc_of("Police said the road is closed.");
    const text::Document new_doc = doc_of("Officials said the road is closed.");
    const auto edits = diff::detail::diff_tokens(old_doc, 0, new_doc, 0, 5000);
    REQUIRE(edits);
    CHECK(diff::detail::judge_wording(old_doc, new_doc, *edits, {}, {}) == Wording::substantive);
    CHECK(diff::detail::judge_wording(old_doc, new_doc, *edits, {{0, 11}}, {{0, 14}}) ==
          Wording::style);
  }
  SECTION("helpers") {
    CHECK(diff::detail::is_function_word("the"));
    CHECK_FALSE(diff::detail::is_function_word("not"));
    CHECK_FALSE(diff::detail::is_function_word("will"));
    CHECK(diff::detail::is_spelling_variant("goverment", "government"));
    CHECK_FALSE(diff::detail::is_spelling_variant("cat", "cut"));
    CHECK_FALSE(diff::detail::is_spelling_variant("reopen", "closed"));
    CHECK(diff::detail::is_inflection_variant("involved", "involving"));
    CHECK(diff::detail::is_inflection_variant("age", "ages"));
    CHECK(diff::detail::is_inflection_variant("reported", "reports"));
    CHECK_FALSE(diff::detail::is_inflection_variant("reopen", "demolished"));
    CHECK_FALSE(diff::detail::is_inflection_variant("dead", "deal"));
  }
}

TEST_CASE("diff::classify reports reworded and claim_changed for unexplained edits", "[diff]") {
  auto edited = [](std::size_t n) { return aligned_by_index(n, {op(align::Op::edited, {0}, {0})}); };
  SECTION("content words beyond the facts: claim_changed with whole sentences") {
    const Run run = classify("The bridge will reopen after repairs.\n",
                             "The bridge will be demolished.\n", no_facts, no_facts, edited);
    const diff::Change* change = run.find(ChangeKind::claim_changed);
    REQUIRE(change != nullptr);
    CHECK(change->old_side->text == "The bridge will reopen after repairs.");
    CHECK(change->new_side->text == "The bridge will be demolished.");
    CHECK(change->significance == Significance::substantive);
    CHECK(run.count(ChangeKind::reworded) == 0);
  }
  SECTION("a spelling fix: reworded, style") {
    const Run run = classify("The goverment will act.\n", "The government will act.\n", no_facts,
                             no_facts, edited);
    REQUIRE(run.count(ChangeKind::reworded) == 1);
    CHECK(run.find(ChangeKind::reworded)->significance == Significance::style);
    CHECK(run.report.significance == Significance::style);
  }
  SECTION("a negation fact explains its word") {
    const Run run = classify(
        "The mayor will attend.\n", "The mayor will not attend.\n", no_facts,
        [](const text::Document& d) {
          return std::vector<Fact>{fact(d, FactKind::negation, "not", "neg:not")};
        },
        edited);
    REQUIRE(run.count(ChangeKind::negation_added) == 1);
    CHECK(run.find(ChangeKind::negation_added)->new_side->text == "not");
    CHECK(run.count(ChangeKind::claim_changed) == 0);
    CHECK(run.count(ChangeKind::reworded) == 0);
  }
}

TEST_CASE("diff::classify follows quotes over the whole document", "[diff]") {
  const std::string intro = "Divers searched the lake on Monday.\n\n";
  const std::string q1 = "“The water is cold,” said Sheriff Dale Hutchins.\n";
  SECTION("a quote that moves to another paragraph keeps its identity") {
    const Run run = classify(
        intro + q1, q1 + "\n" + intro,
        [](const text::Document& d) {
          return std::vector<Fact>{quote(d, "The water is cold,", "q:the water is cold", "Dale Hutchins")};
        },
        [](const text::Document& d) {
          return std::vector<Fact>{quote(d, "The water is cold,", "q:the water is cold", "Dale Hutchins")};
        },
        [](std::size_t) {
          align::Alignment a;
          a.ops = {op(align::Op::moved, {1}, {0}, 1), op(align::Op::equal, {0}, {1}, 1)};
          return a;
        });
    CHECK(run.count(ChangeKind::quote_added) == 0);
    CHECK(run.count(ChangeKind::quote_removed) == 0);
    CHECK(run.count(ChangeKind::claim_moved) == 1);
    CHECK(run.report.significance == Significance::style);
  }
  SECTION("changed words inside the marks: quote_changed, with the speaker") {
    const Run run = classify(
        "“Families are being priced out of Dover,” Vance said.\n",
        "“Families are being pushed out of Dover,” Vance said.\n",
        [](const text::Document& d) {
          return std::vector<Fact>{quote(d, "Families are being priced out of Dover,",
                                         "q:families are being priced out of dover", "Vance")};
        },
        [](const text::Document& d) {
          return std::vector<Fact>{quote(d, "Families are being pushed out of Dover,",
                                         "q:families are being pushed out of dover", "Vance")};
        },
        [](std::size_t n) { return aligned_by_index(n, {op(align::Op::edited, {0}, {0})}); });
    const diff::Change* change = run.find(ChangeKind::quote_changed);
    REQUIRE(change != nullptr);
    CHECK(change->speaker == "Vance");
    CHECK(change->significance == Significance::substantive);
    CHECK(change->message.rfind("Quote changed (Vance): “Families", 0) == 0);
    CHECK(run.count(ChangeKind::claim_changed) == 0);
    CHECK(run.count(ChangeKind::reworded) == 0);
    CHECK(run.report.changes.size() == 1);
  }
  SECTION("punctuation and case inside the marks are not a quote change") {
    const Run run = classify(
        "“we knew it, we had to,” she said.\n", "“We knew it. We had to,” she said.\n",
        [](const text::Document& d) {
          return std::vector<Fact>{quote(d, "we knew it, we had to,", "q:we knew it, we had to")};
        },
        [](const text::Document& d) {
          return std::vector<Fact>{quote(d, "We knew it. We had to,", "q:we knew it. we had to")};
        },
        [](std::size_t n) { return aligned_by_index(n, {op(align::Op::edited, {0}, {0})}); });
    CHECK(run.count(ChangeKind::quote_changed) == 0);
    CHECK(run.count(ChangeKind::reworded) == 1);
    CHECK(run.report.significance == Significance::style);
  }
  SECTION("the same quote from someone else: speaker_changed, sides are the names") {
    const std::string q2 = "“The water is cold,” said Sgt. Maria Olsen.\n";
    const Run run = classify(
        intro + q1, intro + q2,
        [](const text::Document& d) {
          return std::vector<Fact>{quote(d, "The water is cold,", "q:the water is cold",
                                         "Sheriff Dale Hutchins")};
        },
        [](const text::Document& d) {
          return std::vector<Fact>{quote(d, "The water is cold,", "q:the water is cold",
                                         "Sgt. Maria Olsen")};
        },
        [](std::size_t n) { return aligned_by_index(n, {op(align::Op::edited, {1}, {1})}); });
    check_sides(run);
    const diff::Change* change = run.find(ChangeKind::speaker_changed);
    REQUIRE(change != nullptr);
    CHECK(change->old_side->text == "Sheriff Dale Hutchins");
    CHECK(change->old_side->span.of(run.old_doc.text) == "Sheriff Dale Hutchins");
    CHECK(change->new_side->text == "Sgt. Maria Olsen");
    CHECK(run.count(ChangeKind::reworded) == 0);
  }
  SECTION("a new paragraph that is a quotation is quote_added, not claim_added") {
    const Run run = classify(
        intro, intro + q1, no_facts,
        [](const text::Document& d) {
          return std::vector<Fact>{quote(d, "The water is cold,", "q:the water is cold",
                                         "Sheriff Dale Hutchins")};
        },
        [](std::size_t) {
          align::Alignment a;
          a.ops = {op(align::Op::equal, {0}, {0}, 1), op(align::Op::added, {}, {1}, 0)};
          return a;
        });
    REQUIRE(run.count(ChangeKind::quote_added) == 1);
    CHECK(run.count(ChangeKind::claim_added) == 0);
    CHECK(run.report.changes.front().message ==
          "Quote added (Sheriff Dale Hutchins): “The water is cold,”");
  }
}

TEST_CASE("diff::classify pairs attributions", "[diff]") {
  auto attribution = [](const text::Document& d, const char* span, const char* source,
                        const char* cue) {
    Fact f = fact(d, FactKind::attribution, span, std::string("attr:") + source + "|" + cue);
    f.speaker = source;
    f.cue = cue;
    return f;
  };
  const Run run = classify(
      "The road is closed, police said.\n", "The road is closed, officials said.\n",
      [&](const text::Document& d) {
        return std::vector<Fact>{attribution(d, "police said", "police", "said")};
      },
      [&](const text::Document& d) {
        return std::vector<Fact>{attribution(d, "officials said", "officials", "said")};
      },
      [](std::size_t n) { return aligned_by_index(n, {op(align::Op::edited, {0}, {0})}); });
  const diff::Change* change = run.find(ChangeKind::attribution_changed);
  REQUIRE(change != nullptr);
  CHECK(change->message == "Attribution changed: “police said” → “officials said”");
  CHECK(change->source == "officials");
  CHECK(run.count(ChangeKind::claim_changed) == 0);
}

TEST_CASE("diff::classify reports whole sentences by their op", "[diff]") {
  const std::string a = "The council met on Monday.";
  const std::string b = "It approved the budget.";
  const std::string c = "Residents of 12 homes were asked to leave.";
  SECTION("added, removed, correction notices") {
    const Run run = classify(
        a + "\n\n" + b + "\n", a + "\n\n" + c + "\n\nCorrection: An earlier version misstated the date.\n",
        no_facts,
        [](const text::Document& d) {
          return std::vector<Fact>{fact(d, FactKind::correction, "Correction:", "corr:correction")};
        },
        [](std::size_t) {
          align::Alignment al;
          al.ops = {op(align::Op::equal, {0}, {0}, 1), op(align::Op::removed, {1}, {}, 0),
                    op(align::Op::added, {}, {1}, 0), op(align::Op::added, {}, {2}, 0)};
          return al;
        });
    check_sides(run);
    REQUIRE(run.count(ChangeKind::claim_added) == 1);
    CHECK(run.find(ChangeKind::claim_added)->new_side->text == c);
    REQUIRE(run.count(ChangeKind::claim_removed) == 1);
    CHECK(run.find(ChangeKind::claim_removed)->old_side->text == b);
    REQUIRE(run.count(ChangeKind::correction_added) == 1);
    CHECK(run.find(ChangeKind::correction_added)->new_side->text ==
          "Correction: An earlier version misstated the date.");
  }
  SECTION("split, merged and moved") {
    const Run split = classify(a + " " + b + "\n", a + "\n" + b + "\n", no_facts, no_facts, [](std::size_t) {
      align::Alignment al;
      al.ops = {op(align::Op::split, {0}, {0, 1}, 0.9)};
      return al;
    });
    // One sentence in the old text? The segmenter decides; only build a split when it made one.
    if (split.old_doc.sentences.size() == 1 && split.new_doc.sentences.size() == 2) {
      REQUIRE(split.count(ChangeKind::claim_split) == 1);
      const diff::Change* change = split.find(ChangeKind::claim_split);
      CHECK(change->new_side->text == a + " " + b);
      CHECK(change->significance == Significance::substantive);
    }
    const Run moved = classify(a + "\n\n" + b + "\n", b + "\n\n" + a + "\n", no_facts, no_facts,
                               [](std::size_t) {
                                 align::Alignment al;
                                 al.ops = {op(align::Op::equal, {1}, {0}, 1),
                                           op(align::Op::moved, {0}, {1}, 1)};
                                 return al;
                               });
    REQUIRE(moved.count(ChangeKind::claim_moved) == 1);
    CHECK(moved.report.significance == Significance::style);
    CHECK(moved.report.headline == "Style only: 1 sentence moved");
  }
}

TEST_CASE("diff::finish_report orders, counts and summarizes", "[diff]") {
  auto change = [](ChangeKind kind, std::string old_text, std::string new_text, std::uint32_t sentence) {
    diff::Change c;
    c.kind = kind;
    if (!old_text.empty()) {
      c.old_side = diff::ChangeSide{std::move(old_text), sentence, {0, 1}};
    }
    if (!new_text.empty()) {
      c.new_side = diff::ChangeSide{std::move(new_text), sentence, {0, 1}};
    }
    return c;
  };
  diff::CompareOptions options;
  SECTION("identical texts: none and No change") {
    diff::Report report;
    diff::detail::finish_report(report, true, options);
    CHECK(report.significance == Significance::none);
    CHECK(report.headline == "No change");
    CHECK(report.summary.empty());
  }
  SECTION("most important first, then by position; headline and counts") {
    diff::Report report;
    report.changes = {change(ChangeKind::claim_added, "", "A new claim.", 5),
                      change(ChangeKind::reworded, "a", "b", 1),
                      change(ChangeKind::number_changed, "10-year-old", "11-year-old", 3)};
    diff::detail::finish_report(report, false, options);
    REQUIRE(report.changes.size() == 3);
    CHECK(report.changes[0].kind == ChangeKind::number_changed);
    CHECK(report.changes[1].kind == ChangeKind::claim_added);
    CHECK(report.changes[2].kind == ChangeKind::reworded);
    CHECK(report.significance == Significance::substantive);
    CHECK(report.headline == "Number changed: 10-year-old → 11-year-old; 1 claim added; 1 more");
    CHECK(report.summary.front() == "Number changed: “10-year-old” → “11-year-old”");
    CHECK(report.counts.at("number_changed") == 1);
    CHECK(report.counts.at("claim_added") == 1);
    CHECK(report.counts.at("reworded") == 1);
  }
  SECTION("several of the top kind") {
    diff::Report report;
    report.changes = {change(ChangeKind::number_changed, "12", "15", 1),
                      change(ChangeKind::number_changed, "3", "4", 2),
                      change(ChangeKind::number_changed, "5", "6", 3)};
    diff::detail::finish_report(report, false, options);
    CHECK(report.headline == "Number changed: 12 → 15; 2 more numbers changed");
  }
  SECTION("the summary is bounded and the rest counted in the last line") {
    diff::Report report;
    for (std::uint32_t i = 0; i < 20; ++i) {
      report.changes.push_back(change(ChangeKind::claim_added, "", "Claim " + std::to_string(i), i));
    }
    options.max_summary_lines = 5;
    diff::detail::finish_report(report, false, options);
    REQUIRE(report.summary.size() == 5);
    CHECK(report.summary.back() == "… and 16 more changes");
    CHECK(report.summary.front() == "Claim added: “Claim 0”");
  }
  SECTION("long texts are cut near 80 bytes with an ellipsis") {
    const std::string long_text(200, 'x');
    const std::string cut = diff::detail::truncate_text(long_text, 80);
    CHECK(cut.size() <= 80 + 3);
    CHECK(cut.substr(cut.size() - 3) == "…");
    const std::string words = diff::detail::truncate_text(
        "The county emergency manager said on Thursday that crews would work through the night to clear the road.",
        80);
    CHECK(words.size() <= 83);
    CHECK(words.find("  ") == std::string::npos);
    CHECK(diff::detail::truncate_text("short", 80) == "short");
  }
}

TEST_CASE("diff::compare runs the whole pipeline", "[diff]") {
  SECTION("identical text after normalization: none") {
    const text::Document a = doc_of("The storm hit the coast\non Friday night.\n");
    const text::Document b = doc_of("The storm hit the coast on Friday\nnight.\n");
    const diff::Report report = diff::compare(a, b, "a.txt", "b.txt");
    CHECK(report.significance == Significance::none);
    CHECK(report.headline == "No change");
    CHECK(report.changes.empty());
    CHECK(report.old_doc.label == "a.txt");
    CHECK(report.new_doc.bytes == b.text.size());
    CHECK(report.sentences.size() >= 1);
  }
  SECTION("every sentence is in exactly one op; spans lie in the texts") {
    const text::Document a = doc_of("One claim here.\n\nAnother claim there.\n");
    const text::Document b = doc_of("One claim here.\n\nA different claim entirely, officials said.\n");
    const diff::Report report = diff::compare(a, b, "a", "b");
    std::vector<int> old_seen(a.sentences.size(), 0);
    std::vector<int> new_seen(b.sentences.size(), 0);
    for (const diff::SentenceDiff& sd : report.sentences) {
      for (auto s : sd.op.old_sentences) {
        ++old_seen.at(s);
      }
      for (auto s : sd.op.new_sentences) {
        ++new_seen.at(s);
      }
    }
    CHECK(std::all_of(old_seen.begin(), old_seen.end(), [](int n) { return n == 1; }));
    CHECK(std::all_of(new_seen.begin(), new_seen.end(), [](int n) { return n == 1; }));
    CHECK(report.significance == Significance::substantive);
    for (const diff::Change& change : report.changes) {
      if (change.new_side) {
        CHECK(change.new_side->span.end <= b.text.size());
      }
      if (change.old_side) {
        CHECK(change.old_side->span.end <= a.text.size());
      }
    }
  }
  SECTION("a pair longer than max_pair_tokens is reported whole and degraded") {
    std::string long_a;
    std::string long_b;
    for (int i = 0; i < 60; ++i) {
      long_a += "word" + std::to_string(i) + " ";
      long_b += "word" + std::to_string(i == 30 ? 999 : i) + " ";
    }
    const text::Document a = doc_of(long_a + "end.\n");
    const text::Document b = doc_of(long_b + "end.\n");
    const auto bounded = diff::detail::diff_tokens(a, 0, b, 0, 10);
    CHECK_FALSE(bounded.has_value());
    const auto full = diff::detail::diff_tokens(a, 0, b, 0, 5000);
    REQUIRE(full);
    CHECK(std::count_if(full->begin(), full->end(), [](const diff::detail::TokenEdit& e) {
            return e.op != diff::WordEdit::Op::keep;
          }) == 2);
    const auto alignment = [&] {
      align::Alignment al;
      al.ops = {op(align::Op::edited, {0}, {0}, 0.9)};
      return al;
    }();
    diff::CompareOptions options;
    options.max_pair_tokens = 10;
    const diff::detail::Classified c = diff::detail::classify(
        a, b, index(a, {}), index(b, {}), alignment, options);
    CHECK(c.degraded);
    REQUIRE(c.sentences.size() == 1);
    CHECK(c.sentences[0].words.size() ==
          a.sentences[0].token_count + b.sentences[0].token_count);
  }
}

TEST_CASE("diff::compare gives the same report with and without its second thread", "[diff]") {
  // Large enough for the parallel path (parallel_min_bytes) on both sides,
  // with a change of every common kind.
  std::string old_text;
  std::string new_text;
  for (int i = 0; i < 60; ++i) {
    const std::string n = std::to_string(i);
    old_text += "Officials said " + n + " homes in Westbury were damaged on Monday. ";
    old_text += "\"We are hopeful,\" said Mayor Ruth Okafor in update " + n + ".\n\n";
    if (i % 7 == 3) {
      new_text += "Officials said at least " + std::to_string(i + 2) +
                  " homes in Westbury were damaged on Tuesday. ";
      new_text += "\"We were hopeful,\" said Mayor Ruth Okafor in update " + n + ".\n\n";
    } else {
      new_text += "Officials said " + n + " homes in Westbury were damaged on Monday. ";
      new_text += "\"We are hopeful,\" said Mayor Ruth Okafor in update " + n + ".\n\n";
    }
  }
  const text::Document old_doc = doc_of(old_text);
  const text::Document new_doc = doc_of(new_text);
  diff::CompareOptions parallel;
  parallel.parallel_min_bytes = 1024;
  REQUIRE(old_doc.text.size() >= parallel.parallel_min_bytes);
  diff::CompareOptions serial;
  serial.parallel = false;

  const diff::Report a = diff::compare(old_doc, new_doc, "old", "new", parallel);
  const diff::Report b = diff::compare(old_doc, new_doc, "old", "new", serial);
  const diff::Report c = diff::compare(diff::analyze(old_doc), diff::analyze(new_doc), "old", "new");
  REQUIRE(a.changes.size() == b.changes.size());
  CHECK(a.headline == b.headline);
  CHECK(a.summary == b.summary);
  CHECK(a.counts == b.counts);
  CHECK(a.counts == c.counts);
  CHECK(a.counts.count("number_changed") == 1);
  CHECK(a.counts.at("number_changed") >= 8);
  CHECK(a.counts.at("quote_changed") >= 8);
  for (std::size_t i = 0; i < a.changes.size(); ++i) {
    CHECK(a.changes[i].kind == b.changes[i].kind);
    CHECK(a.changes[i].message == b.changes[i].message);
  }
  REQUIRE(a.sentences.size() == b.sentences.size());
}
