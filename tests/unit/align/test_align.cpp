// SPDX-License-Identifier: MIT
#include <storydiff/align/align.hpp>
#include <storydiff/text/pipeline.hpp>
#include <storydiff/text/segment.hpp>

#include <test_support.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace storydiff;
using align::Op;

namespace {

// A Document from canonical text: one sentence per line, blank line between
// paragraphs.
text::Document canonical(const std::string& text) { return text::parse_canonical(text); }

// A Document through the whole text pipeline (decode, normalize, segment).
text::Document read(const std::string& bytes, const std::string& name = "article.txt") {
  text::PipelineOptions options;
  options.decode.name = name;
  auto result = text::read_document(bytes, options);
  REQUIRE(result);
  return std::move(result)->document;
}

std::string describe(const align::Alignment& alignment) {
  std::ostringstream out;
  for (const align::SentenceOp& op : alignment.ops) {
    out << align::to_string(op.op) << " [";
    for (const auto o : op.old_sentences) {
      out << ' ' << o;
    }
    out << " ] -> [";
    for (const auto n : op.new_sentences) {
      out << ' ' << n;
    }
    out << " ] " << op.similarity << '\n';
  }
  return out.str();
}

// The contract of align.hpp, checked on any result.
void check_invariants(const align::Alignment& alignment, const text::Document& old_doc,
                      const text::Document& new_doc) {
  INFO(describe(alignment));
  std::vector<int> old_seen(old_doc.sentences.size(), 0);
  std::vector<int> new_seen(new_doc.sentences.size(), 0);
  std::vector<std::size_t> op_of_old(old_doc.sentences.size(), 0);
  std::vector<std::uint32_t> new_order;
  for (std::size_t k = 0; k < alignment.ops.size(); ++k) {
    const align::SentenceOp& op = alignment.ops[k];
    for (const auto o : op.old_sentences) {
      REQUIRE(o < old_doc.sentences.size());
      ++old_seen[o];
      op_of_old[o] = k;
    }
    for (const auto n : op.new_sentences) {
      REQUIRE(n < new_doc.sentences.size());
      ++new_seen[n];
      new_order.push_back(n);
    }
    CHECK(op.similarity >= 0.0);
    CHECK(op.similarity <= 1.0);
    switch (op.op) {
    case Op::equal:
      CHECK(op.old_sentences.size() == 1);
      CHECK(op.new_sentences.size() == 1);
      CHECK(op.similarity == 1.0);
      break;
    case Op::edited:
      CHECK(op.old_sentences.size() == 1);
      CHECK(op.new_sentences.size() == 1);
      CHECK(op.similarity < 1.0);
      break;
    case Op::moved:
      CHECK(op.old_sentences.size() == 1);
      CHECK(op.new_sentences.size() == 1);
      break;
    case Op::added:
      CHECK(op.old_sentences.empty());
      CHECK(op.new_sentences.size() == 1);
      CHECK(op.similarity == 0.0);
      break;
    case Op::removed:
      CHECK(op.old_sentences.size() == 1);
      CHECK(op.new_sentences.empty());
      CHECK(op.similarity == 0.0);
      break;
    case Op::split:
      CHECK(op.old_sentences.size() == 1);
      CHECK(op.new_sentences.size() >= 2);
      break;
    case Op::merged:
      CHECK(op.old_sentences.size() >= 2);
      CHECK(op.new_sentences.size() == 1);
      break;
    }
    // The parts of a split or merge are consecutive sentences.
    for (std::size_t i = 1; i < op.old_sentences.size(); ++i) {
      CHECK(op.old_sentences[i] == op.old_sentences[i - 1] + 1);
    }
    for (std::size_t i = 1; i < op.new_sentences.size(); ++i) {
      CHECK(op.new_sentences[i] == op.new_sentences[i - 1] + 1);
    }
  }
  CHECK(std::all_of(old_seen.begin(), old_seen.end(), [](int c) { return c == 1; }));
  CHECK(std::all_of(new_seen.begin(), new_seen.end(), [](int c) { return c == 1; }));
  // Ordered by the new side.
  CHECK(std::is_sorted(new_order.begin(), new_order.end()));
  // A removed sentence comes after the op of the old sentence before it,
  // when that one stayed in place.
  for (std::size_t o = 1; o < old_doc.sentences.size(); ++o) {
    const align::SentenceOp& op = alignment.ops[op_of_old[o]];
    const Op before = alignment.ops[op_of_old[o - 1]].op;
    if (op.op == Op::removed && before != Op::moved) {
      CHECK(op_of_old[o] > op_of_old[o - 1]);
    }
  }
}

std::size_t count(const align::Alignment& alignment, Op op) {
  return static_cast<std::size_t>(std::count_if(alignment.ops.begin(), alignment.ops.end(),
                                                [&](const align::SentenceOp& x) { return x.op == op; }));
}

const align::SentenceOp* find_op(const align::Alignment& alignment, Op op) {
  for (const align::SentenceOp& x : alignment.ops) {
    if (x.op == op) {
      return &x;
    }
  }
  return nullptr;
}

// A deterministic article of `sentences` sentences, 4 to a paragraph, over a
// vocabulary with a few very common words and many rare ones (like prose).
std::vector<std::string> generate_sentences(std::size_t sentences, std::uint32_t seed) {
  std::mt19937 rng(seed);
  static const char* const k_common[] = {"the", "of", "and", "to", "a", "in", "said", "was", "on", "for"};
  const auto rare_word = [&]() {
    static const char* const k_syllables[] = {"ka", "lo", "mer", "tin", "sa", "ve", "ron", "dal",
                                              "pi", "que", "bor", "nu", "ish", "tal", "ge", "wen"};
    std::uniform_int_distribution<int> syllable(0, 15);
    // Three syllables: 4,096 distinct rare words.
    return std::string(k_syllables[syllable(rng)]) + k_syllables[syllable(rng)] + k_syllables[syllable(rng)];
  };
  std::uniform_int_distribution<int> length(8, 22);
  std::uniform_int_distribution<int> pick(0, 9);
  std::uniform_int_distribution<int> coin(0, 2);
  std::uniform_int_distribution<int> number(2, 999);
  std::vector<std::string> out;
  out.reserve(sentences);
  for (std::size_t s = 0; s < sentences; ++s) {
    std::string sentence = "Report";
    const int words = length(rng);
    for (int w = 0; w < words; ++w) {
      sentence += ' ';
      if (w == words / 2) {
        sentence += std::to_string(number(rng));
      } else if (coin(rng) == 0) {
        sentence += k_common[pick(rng)];
      } else {
        sentence += rare_word();
      }
      if (w == words / 3) {
        sentence += ',';
      }
    }
    sentence += '.';
    out.push_back(std::move(sentence));
  }
  return out;
}

std::string join_canonical(const std::vector<std::string>& sentences) {
  std::string text;
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    if (s > 0) {
      text += s % 4 == 0 ? "\n\n" : "\n";
    }
    text += sentences[s];
  }
  text += '\n';
  return text;
}

std::vector<fs::path> corpus_revisions(const fs::path& story) {
  std::vector<fs::path> out;
  for (const auto& file : fs::directory_iterator(story)) {
    const std::string name = file.path().filename().string();
    if (file.is_regular_file() && !name.empty() && name[0] >= '0' && name[0] <= '9') {
      out.push_back(file.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

TEST_CASE("align::align pairs identical documents as equal", "[align]") {
  const auto doc = canonical("The storm hit the coast on Monday.\nPower was cut to 40,000 homes.\n\n"
                             "Officials said schools would stay closed.\n");
  const align::Alignment alignment = align::align(doc, doc);
  check_invariants(alignment, doc, doc);
  REQUIRE(alignment.ops.size() == 3);
  for (std::uint32_t i = 0; i < 3; ++i) {
    CHECK(alignment.ops[i].op == Op::equal);
    CHECK(alignment.ops[i].old_sentences == std::vector<std::uint32_t>{i});
    CHECK(alignment.ops[i].new_sentences == std::vector<std::uint32_t>{i});
  }
  CHECK_FALSE(alignment.degraded);

  SECTION("two empty documents give no ops") {
    const auto empty = canonical("");
    const align::Alignment none = align::align(empty, empty);
    CHECK(none.ops.empty());
    CHECK_FALSE(none.degraded);
  }
}

TEST_CASE("align::align pairs a lightly edited sentence", "[align]") {
  const auto old_doc = canonical("The storm hit the coast on Monday.\n"
                                 "The fire destroyed 30 homes near the river, officials said.\n"
                                 "Schools will stay closed.\n");
  const auto new_doc = canonical("The storm hit the coast on Monday.\n"
                                 "The fire destroyed 45 homes near the river, officials said.\n"
                                 "Schools will stay closed.\n");
  const align::Alignment alignment = align::align(old_doc, new_doc);
  check_invariants(alignment, old_doc, new_doc);
  REQUIRE(alignment.ops.size() == 3);
  CHECK(alignment.ops[0].op == Op::equal);
  CHECK(alignment.ops[1].op == Op::edited);
  CHECK(alignment.ops[1].old_sentences == std::vector<std::uint32_t>{1});
  CHECK(alignment.ops[1].new_sentences == std::vector<std::uint32_t>{1});
  CHECK(alignment.ops[1].similarity > 0.5);
  CHECK(alignment.ops[1].similarity < 1.0);
  CHECK(alignment.ops[1].similarity == Approx(align::sentence_similarity(old_doc, 1, new_doc, 1)));
  CHECK(alignment.ops[2].op == Op::equal);
}

TEST_CASE("align::align reports inserted and deleted sentences", "[align]") {
  const auto old_doc = canonical("Rescuers reached the village at dawn.\n"
                                 "The road had been washed away overnight.\n\n"
                                 "A shelter opened in the school gym.\n");
  SECTION("an inserted sentence is added, in place") {
    const auto new_doc = canonical("Rescuers reached the village at dawn.\n"
                                   "Two helicopters joined the search in the afternoon.\n"
                                   "The road had been washed away overnight.\n\n"
                                   "A shelter opened in the school gym.\n");
    const align::Alignment alignment = align::align(old_doc, new_doc);
    check_invariants(alignment, old_doc, new_doc);
    REQUIRE(alignment.ops.size() == 4);
    CHECK(alignment.ops[1].op == Op::added);
    CHECK(alignment.ops[1].new_sentences == std::vector<std::uint32_t>{1});
    CHECK(count(alignment, Op::equal) == 3);
  }
  SECTION("a deleted sentence is removed, where it was") {
    const auto new_doc = canonical("Rescuers reached the village at dawn.\n\n"
                                   "A shelter opened in the school gym.\n");
    const align::Alignment alignment = align::align(old_doc, new_doc);
    check_invariants(alignment, old_doc, new_doc);
    REQUIRE(alignment.ops.size() == 3);
    CHECK(alignment.ops[0].op == Op::equal);
    CHECK(alignment.ops[1].op == Op::removed);
    CHECK(alignment.ops[1].old_sentences == std::vector<std::uint32_t>{1});
    CHECK(alignment.ops[2].op == Op::equal);
  }
  SECTION("a sentence removed from the start comes first") {
    const auto new_doc = canonical("The road had been washed away overnight.\n\n"
                                   "A shelter opened in the school gym.\n");
    const align::Alignment alignment = align::align(old_doc, new_doc);
    check_invariants(alignment, old_doc, new_doc);
    REQUIRE(alignment.ops.size() == 3);
    CHECK(alignment.ops[0].op == Op::removed);
    CHECK(alignment.ops[0].old_sentences == std::vector<std::uint32_t>{0});
  }
}

TEST_CASE("align::align keeps one copy of a duplicated paragraph equal", "[align]") {
  const auto old_doc = canonical("The council met on Tuesday.\n\n"
                                 "The vote was 5-2.\nThe mayor abstained.\n\n"
                                 "The vote was 5-2.\nThe mayor abstained.\n\n"
                                 "The next meeting is in May.\n");
  const auto new_doc = canonical("The council met on Tuesday.\n\n"
                                 "The vote was 5-2.\nThe mayor abstained.\n\n"
                                 "The next meeting is in May.\n");
  const align::Alignment alignment = align::align(old_doc, new_doc);
  check_invariants(alignment, old_doc, new_doc);
  CHECK(count(alignment, Op::equal) == 4);
  CHECK(count(alignment, Op::removed) == 2);
  CHECK(count(alignment, Op::edited) == 0);
  CHECK(count(alignment, Op::moved) == 0);
  // The removed copy is one whole paragraph, both sentences in order.
  std::vector<std::uint32_t> removed;
  for (const auto& op : alignment.ops) {
    if (op.op == Op::removed) {
      removed.push_back(op.old_sentences.front());
    }
  }
  CHECK(removed.size() == 2);
  CHECK((removed == std::vector<std::uint32_t>{1, 2} || removed == std::vector<std::uint32_t>{3, 4}));
}

TEST_CASE("align::align marks only the moved paragraph as moved", "[align]") {
  const std::vector<std::string> paragraphs = {
      "Flood waters rose overnight in Carver Falls.\nThe river crested at 21 feet.",
      "About 300 residents left their homes.\nMost went to a shelter at the high school.",
      "The bridge on Route 9 was closed.\nEngineers will inspect it on Friday.",
      "The county opened a hotline for damage reports.\nVolunteers staffed it through the night.",
      "The last major flood here was in 1998.\nIt destroyed the old mill."};
  const auto build = [&](const std::vector<std::size_t>& order) {
    std::string text;
    for (const std::size_t p : order) {
      text += paragraphs[p] + "\n\n";
    }
    text.pop_back();
    return canonical(text);
  };
  const auto old_doc = build({0, 1, 2, 3, 4});
  SECTION("moved unchanged: two moved ops with similarity 1") {
    const auto new_doc = build({0, 4, 1, 2, 3});
    const align::Alignment alignment = align::align(old_doc, new_doc);
    check_invariants(alignment, old_doc, new_doc);
    CHECK(count(alignment, Op::moved) == 2);
    CHECK(count(alignment, Op::equal) == 8);
    for (const auto& op : alignment.ops) {
      if (op.op == Op::moved) {
        CHECK((op.old_sentences.front() == 8 || op.old_sentences.front() == 9));
        CHECK(op.similarity == 1.0);
      }
    }
    // In new order: the moved ops sit at new sentences 2 and 3.
    CHECK(alignment.ops[2].op == Op::moved);
    CHECK(alignment.ops[3].op == Op::moved);
  }
  SECTION("moved and edited: the moved op says so with similarity < 1") {
    std::string edited = build({0, 4, 1, 2, 3}).text;
    const std::string sentence = "The last major flood here was in 1998.";
    const std::size_t at = edited.find(sentence);
    REQUIRE(at != std::string::npos);
    edited.replace(at, sentence.size(), "The last major flood here was in the spring of 1998.");
    const auto new_doc = canonical(edited);
    const align::Alignment alignment = align::align(old_doc, new_doc);
    check_invariants(alignment, old_doc, new_doc);
    CHECK(count(alignment, Op::moved) == 2);
    bool saw_edited_move = false;
    for (const auto& op : alignment.ops) {
      if (op.op == Op::moved && op.old_sentences.front() == 8) {
        saw_edited_move = true;
        CHECK(op.similarity < 1.0);
        CHECK(op.similarity > 0.5);
      }
    }
    CHECK(saw_edited_move);
  }
}

TEST_CASE("align::align finds splits and merges", "[align]") {
  SECTION("one sentence split in two") {
    const auto old_doc = canonical(
        "The board voted on Monday to buy the old Harlan farm for $2 million and turn it into a park.\n"
        "The vote was unanimous.\n");
    const auto new_doc = canonical("The board voted on Monday to buy the old Harlan farm for $2 million.\n"
                                   "The town plans to turn it into a park.\n"
                                   "The vote was unanimous.\n");
    const align::Alignment alignment = align::align(old_doc, new_doc);
    check_invariants(alignment, old_doc, new_doc);
    const align::SentenceOp* split = find_op(alignment, Op::split);
    REQUIRE(split != nullptr);
    CHECK(split->old_sentences == std::vector<std::uint32_t>{0});
    CHECK(split->new_sentences == std::vector<std::uint32_t>{0, 1});
    CHECK(split->similarity >= 0.7);
    CHECK(count(alignment, Op::equal) == 1);
    CHECK(alignment.ops.size() == 2);
  }
  SECTION("two sentences merged into one") {
    const auto old_doc = canonical("The county fair opens Thursday.\n"
                                   "It will run for 10 days and feature a new horse barn.\n"
                                   "Tickets cost $12.\n");
    const auto new_doc = canonical("The county fair opens Thursday and will run for 10 days, featuring a new horse barn.\n"
                                   "Tickets cost $12.\n");
    const align::Alignment alignment = align::align(old_doc, new_doc);
    check_invariants(alignment, old_doc, new_doc);
    const align::SentenceOp* merged = find_op(alignment, Op::merged);
    REQUIRE(merged != nullptr);
    CHECK(merged->old_sentences == std::vector<std::uint32_t>{0, 1});
    CHECK(merged->new_sentences == std::vector<std::uint32_t>{0});
    CHECK(alignment.ops.size() == 2);
  }
  SECTION("an added sentence next to an edited one is not swallowed") {
    const auto old_doc = canonical("Crews contained the fire on Sunday.\nNo one was hurt.\n");
    const auto new_doc = canonical("Crews contained the fire late on Sunday.\n"
                                   "Investigators are looking into the cause.\nNo one was hurt.\n");
    const align::Alignment alignment = align::align(old_doc, new_doc);
    check_invariants(alignment, old_doc, new_doc);
    CHECK(count(alignment, Op::split) == 0);
    CHECK(count(alignment, Op::edited) == 1);
    CHECK(count(alignment, Op::added) == 1);
  }
  SECTION("max_split_parts bounds the parts") {
    const auto old_doc = canonical("Alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima.\n");
    const auto new_doc = canonical("Alpha bravo charlie.\nDelta echo foxtrot.\nGolf hotel india.\nJuliet kilo lima.\n");
    const align::Alignment four = align::align(old_doc, new_doc);
    check_invariants(four, old_doc, new_doc);
    const align::SentenceOp* split = find_op(four, Op::split);
    REQUIRE(split != nullptr);
    CHECK(split->new_sentences.size() == 4);
    align::AlignOptions options;
    options.max_split_parts = 2;
    const align::Alignment two = align::align(old_doc, new_doc, options);
    check_invariants(two, old_doc, new_doc);
    for (const auto& op : two.ops) {
      CHECK(op.new_sentences.size() <= 2);
    }
  }
}

TEST_CASE("align::align treats re-wrapping and quote glyphs as equal", "[align]") {
  const auto old_doc = read("The mayor said \"we will rebuild\" and thanked the\nvolunteers who came "
                            "from out of town.\n\nIt's the town's second flood this year – and "
                            "the worst.\n");
  const auto new_doc = read("The Mayor said “we will rebuild” and thanked the volunteers who came from "
                            "out of town.\n\nIt’s the town’s second flood this year — and the worst.\n");
  REQUIRE(old_doc.sentences.size() == new_doc.sentences.size());
  const align::Alignment alignment = align::align(old_doc, new_doc);
  check_invariants(alignment, old_doc, new_doc);
  CHECK(count(alignment, Op::equal) == old_doc.sentences.size());

  SECTION("case only, double spaces and spacing around punctuation are equal too") {
    const auto before = canonical("Officials said the bridge is closed.\nThe  road , too, is shut.\n"
                                  "Crews will work overnight.\n");
    const auto after = canonical("OFFICIALS SAID THE BRIDGE IS CLOSED.\nThe road, too, is shut.\n"
                                 "Crews will work overnight.\n");
    const align::Alignment result = align::align(before, after);
    check_invariants(result, before, after);
    CHECK(count(result, Op::equal) == 3);
  }
  SECTION("a changed dash style is a (light) edit, not equal") {
    const auto before = canonical("The vote -- the first in years -- passed.\n");
    const auto after = canonical("The vote — the first in years — passed.\n");
    const align::Alignment result = align::align(before, after);
    check_invariants(result, before, after);
    REQUIRE(result.ops.size() == 1);
    CHECK(result.ops[0].op == Op::edited);
    CHECK(result.ops[0].similarity > 0.9);
  }
}

TEST_CASE("align::align reports unrelated documents as added and removed", "[align]") {
  const auto old_doc = canonical("Wheat prices fell sharply in Chicago trading.\n"
                                 "Analysts blamed a strong harvest in Brazil.\n");
  const auto new_doc = canonical("A new library opens downtown next spring.\n"
                                 "Its reading room seats 200 people.\nParking is free.\n");
  const align::Alignment alignment = align::align(old_doc, new_doc);
  check_invariants(alignment, old_doc, new_doc);
  CHECK(count(alignment, Op::removed) == 2);
  CHECK(count(alignment, Op::added) == 3);
  CHECK(alignment.ops.size() == 5);
  CHECK_FALSE(alignment.degraded);
}

TEST_CASE("align::sentence_similarity is the documented measure", "[align]") {
  const auto a = canonical("Police said the suspect fled north.\n"
                           "Police said the suspect fled north!\n"
                           "Police said that the suspect had fled north.\n"
                           "Bananas are yellow.\n"
                           "POLICE SAID THE SUSPECT FLED NORTH.\n");
  CHECK(align::sentence_similarity(a, 0, a, 0) == 1.0);
  CHECK(align::sentence_similarity(a, 0, a, 4) == 1.0); // case folds
  const double punctuation = align::sentence_similarity(a, 0, a, 1);
  CHECK(punctuation < 1.0);
  CHECK(punctuation > 0.9);
  const double words = align::sentence_similarity(a, 0, a, 2);
  CHECK(words < punctuation);
  CHECK(words > 0.5);
  CHECK(align::sentence_similarity(a, 0, a, 3) < 0.3);
  CHECK(align::sentence_similarity(a, 2, a, 0) == Approx(words));
  CHECK(align::sentence_similarity(a, 0, a, 99) == 0.0);
}

TEST_CASE("align::align matches the golden fixtures' sentence structure", "[align][golden]") {
  const fs::path golden = test::source_dir() / "fixtures" / "golden";
  const auto load = [&](const std::string& name, const std::string& file) {
    return read(test::read_file(golden / name / file));
  };
  SECTION("claim_moved: only the background sentence moved") {
    const auto old_doc = load("claim_moved", "before.txt");
    const auto new_doc = load("claim_moved", "after.txt");
    const align::Alignment alignment = align::align(old_doc, new_doc);
    check_invariants(alignment, old_doc, new_doc);
    REQUIRE(count(alignment, Op::moved) == 1);
    const align::SentenceOp* moved = find_op(alignment, Op::moved);
    CHECK(old_doc.sentence_text(moved->old_sentences.front()).find("Bald eagles were removed") == 0);
    CHECK(moved->similarity == 1.0);
    CHECK(count(alignment, Op::equal) == alignment.ops.size() - 1);
  }
  SECTION("claim_split") {
    const auto old_doc = load("claim_split", "before.txt");
    const auto new_doc = load("claim_split", "after.txt");
    const align::Alignment alignment = align::align(old_doc, new_doc);
    check_invariants(alignment, old_doc, new_doc);
    REQUIRE(count(alignment, Op::split) == 1);
    const align::SentenceOp* split = find_op(alignment, Op::split);
    CHECK(old_doc.sentence_text(split->old_sentences.front()).find("The Fairview Township board") == 0);
    REQUIRE(split->new_sentences.size() == 2);
    CHECK(new_doc.sentence_text(split->new_sentences[1]).find("The township plans") == 0);
    CHECK(count(alignment, Op::equal) == alignment.ops.size() - 1);
  }
  SECTION("claim_merged") {
    const auto old_doc = load("claim_merged", "before.txt");
    const auto new_doc = load("claim_merged", "after.txt");
    const align::Alignment alignment = align::align(old_doc, new_doc);
    check_invariants(alignment, old_doc, new_doc);
    REQUIRE(count(alignment, Op::merged) == 1);
    const align::SentenceOp* merged = find_op(alignment, Op::merged);
    CHECK(merged->old_sentences.size() == 2);
    CHECK(new_doc.sentence_text(merged->new_sentences.front()).find("The Rowan County Fair") == 0);
    CHECK(count(alignment, Op::equal) == alignment.ops.size() - 1);
  }
  SECTION("duplicate_paragraph_removed: one equal copy, one removed") {
    const auto old_doc = load("duplicate_paragraph_removed", "before.txt");
    const auto new_doc = load("duplicate_paragraph_removed", "after.txt");
    const align::Alignment alignment = align::align(old_doc, new_doc);
    check_invariants(alignment, old_doc, new_doc);
    CHECK(count(alignment, Op::removed) == 1);
    CHECK(count(alignment, Op::equal) == new_doc.sentences.size());
    CHECK(alignment.ops.size() == new_doc.sentences.size() + 1);
  }
}

TEST_CASE("align::align stays fast and bounded on large documents", "[align][large]") {
  const std::vector<std::string> base = generate_sentences(10'000, 7);
  const auto old_doc = canonical(join_canonical(base));
  REQUIRE(old_doc.sentences.size() == 10'000);

  SECTION("1% of sentences edited: every edit found, nothing degraded") {
    std::vector<std::string> edited = base;
    std::size_t edits = 0;
    for (std::size_t s = 50; s < edited.size(); s += 100) {
      edited[s].insert(edited[s].find(' '), " quietly");
      ++edits;
    }
    const auto new_doc = canonical(join_canonical(edited));
    const align::Alignment alignment = align::align(old_doc, new_doc);
    check_invariants(alignment, old_doc, new_doc);
    CHECK_FALSE(alignment.degraded);
    CHECK(count(alignment, Op::edited) == edits);
    CHECK(count(alignment, Op::equal) == base.size() - edits);
  }
  SECTION("a complete rewrite finishes, bounded") {
    const auto new_doc = canonical(join_canonical(generate_sentences(10'000, 99)));
    const align::Alignment alignment = align::align(old_doc, new_doc);
    check_invariants(alignment, old_doc, new_doc);
    CHECK(count(alignment, Op::equal) == 0);
  }
  SECTION("a small work bound degrades to added/removed and keeps exact matches") {
    std::vector<std::string> mixed = generate_sentences(10'000, 99);
    for (std::size_t s = 0; s < mixed.size(); s += 10) {
      mixed[s] = base[s];
    }
    const auto new_doc = canonical(join_canonical(mixed));
    align::AlignOptions options;
    options.max_scored_pairs = 1'000;
    const align::Alignment alignment = align::align(old_doc, new_doc, options);
    check_invariants(alignment, old_doc, new_doc);
    CHECK(alignment.degraded);
    CHECK(count(alignment, Op::equal) == 1'000);
  }
}

// Timings, not a test: run with `test_align [.bench]`.
TEST_CASE("align::align timing on 1 MB documents", "[.bench]") {
  const std::vector<std::string> base = generate_sentences(10'000, 7);
  const auto old_doc = canonical(join_canonical(base));
  std::vector<std::string> edited = base;
  for (std::size_t s = 50; s < edited.size(); s += 100) {
    edited[s].insert(edited[s].find(' '), " quietly");
  }
  const auto edited_doc = canonical(join_canonical(edited));
  const auto rewrite_doc = canonical(join_canonical(generate_sentences(10'000, 99)));
  const auto time = [&](const text::Document& new_doc, const char* what) {
    double best = 1e9;
    bool degraded = false;
    for (int run = 0; run < 5; ++run) {
      const auto start = std::chrono::steady_clock::now();
      const align::Alignment alignment = align::align(old_doc, new_doc);
      const auto end = std::chrono::steady_clock::now();
      best = std::min(best, std::chrono::duration<double, std::milli>(end - start).count());
      degraded = alignment.degraded;
    }
    WARN(what << ": " << old_doc.text.size() << " B vs " << new_doc.text.size() << " B, best of 5: "
              << best << " ms, degraded " << degraded);
  };
  time(edited_doc, "1% of sentences edited");
  time(rewrite_doc, "complete rewrite");
}

TEST_CASE("align::align estimates huge sentence pairs and says so", "[align][large]") {
  // One 'sentence' of 20,000 words (a table flattened into a line), edited
  // at both ends so that trimming the common prefix and suffix does not help.
  std::string words;
  for (int w = 0; w < 20'000; ++w) {
    words += " w" + std::to_string(w % 7'919);
  }
  const auto old_doc = canonical("Start" + words + " end.\nA short closing line.\n");
  const auto new_doc = canonical("Begin" + words + " finish.\nA short closing line.\n");
  const align::Alignment alignment = align::align(old_doc, new_doc);
  check_invariants(alignment, old_doc, new_doc);
  REQUIRE(alignment.ops.size() == 2);
  CHECK(alignment.ops[0].op == Op::edited);
  CHECK(alignment.ops[0].similarity > 0.9);
  CHECK(alignment.ops[1].op == Op::equal);
  CHECK(alignment.degraded);
}

TEST_CASE("align::align holds its invariants on every corpus revision pair", "[align][corpus]") {
  const auto corpus = test::corpus_dir();
  if (!corpus) {
    WARN("shared corpus absent: skipped");
    return;
  }
  std::vector<fs::path> stories;
  for (const auto& entry : fs::directory_iterator(*corpus)) {
    if (entry.is_directory()) {
      stories.push_back(entry.path());
    }
  }
  std::sort(stories.begin(), stories.end());
  REQUIRE_FALSE(stories.empty());
  for (const fs::path& story : stories) {
    const auto revisions = corpus_revisions(story);
    for (std::size_t r = 1; r < revisions.size(); ++r) {
      SECTION(story.filename().string() + "/" + revisions[r].filename().string()) {
        const auto old_doc = read(test::read_file(revisions[r - 1]), revisions[r - 1].filename().string());
        const auto new_doc = read(test::read_file(revisions[r]), revisions[r].filename().string());
        const align::Alignment alignment = align::align(old_doc, new_doc);
        check_invariants(alignment, old_doc, new_doc);
        CHECK_FALSE(alignment.degraded);
        // Every aligned pair really shares text.
        for (const auto& op : alignment.ops) {
          if (op.op == Op::edited) {
            CHECK(op.similarity >= align::AlignOptions{}.edit_threshold);
          }
        }
      }
    }
  }
}
