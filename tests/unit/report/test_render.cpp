// SPDX-License-Identifier: MIT
// The renderers: storydiff.diff/1 JSON (checked field by field against the
// contract in DESIGN.md), reading it back, and the terminal view.
#include "test_support.hpp"

#include <storydiff/diff/changes.hpp>
#include <storydiff/report/render.hpp>
#include <storydiff/text/pipeline.hpp>
#include <storydiff/text/segment.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>
#include <string>
#include <vector>

namespace diff = storydiff::diff;
namespace report = storydiff::report;
namespace text = storydiff::text;
using Json = nlohmann::ordered_json;

namespace {

// Our own invented texts, in canonical form (one sentence per line).
const std::string k_old_text = "The fire burned for 14 hours and forced 120 people from their homes.\n"
                               "\n"
                               "Police said the cause is unknown.\n"
                               "\n"
                               "The plant will reopen on Monday.\n";
const std::string k_new_text = "The fire burned for 14 hours and forced 340 people from their homes.\n"
                               "\n"
                               "Officials said the cause is unknown.\n"
                               "\n"
                               "“We will rebuild,” the mayor said.\n";

bool is_number_kind(std::string_view kind) { return kind.rfind("number_", 0) == 0; }
bool is_quote_kind(std::string_view kind) {
  return kind.rfind("quote_", 0) == 0 || kind == "speaker_changed";
}
bool is_attribution_kind(std::string_view kind) { return kind.rfind("attribution_", 0) == 0; }

const std::set<std::string> k_kinds{
    "claim_added",        "claim_removed",       "claim_changed",     "reworded",
    "claim_moved",        "claim_split",         "claim_merged",      "number_added",
    "number_removed",     "number_changed",      "date_added",        "date_removed",
    "date_changed",       "entity_added",        "entity_removed",    "quote_added",
    "quote_removed",      "quote_changed",       "speaker_changed",   "attribution_added",
    "attribution_removed", "attribution_changed", "hedge_added",       "hedge_removed",
    "negation_added",     "negation_removed",    "correction_added"};
const std::set<std::string> k_ops{"equal", "edited", "added", "removed", "moved", "split", "merged"};

std::vector<std::string> keys_of(const Json& object) {
  std::vector<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) {
    keys.push_back(it.key());
  }
  return keys;
}

// Whitespace-separated words of `text`.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = text.find_first_not_of(" \n", pos);
    if (start == std::string_view::npos) {
      break;
    }
    const std::size_t end = std::min(text.find_first_of(" \n", start), text.size());
    words.emplace_back(text.substr(start, end - start));
    pos = end;
  }
  return words;
}

// One side of a change: null, or {text, sentence, start, end} whose span lies
// in `doc` and starts in that sentence. A fact inside one sentence spells its
// span exactly; a quote's words (its marks and any attribution inside left
// out) or a split/merge's sentences may run over several sentences and are
// joined with single spaces, so there the first and last words must be in
// the span.
void check_side(const Json& side, const text::Document& doc, std::string_view kind) {
  if (side.is_null()) {
    return;
  }
  REQUIRE(side.is_object());
  CHECK(keys_of(side) == std::vector<std::string>{"text", "sentence", "start", "end"});
  REQUIRE(side["text"].is_string());
  REQUIRE(side["sentence"].is_number_unsigned());
  REQUIRE(side["start"].is_number_unsigned());
  REQUIRE(side["end"].is_number_unsigned());
  const auto sentence = side["sentence"].get<std::size_t>();
  const auto start = side["start"].get<std::size_t>();
  const auto end = side["end"].get<std::size_t>();
  const std::string text = side["text"];
  REQUIRE(sentence < doc.sentences.size());
  REQUIRE(start < end);
  REQUIRE(end <= doc.text.size());
  const storydiff::core::Span own = doc.sentences[sentence].span;
  CHECK(start >= own.start);
  CHECK(start < own.end);
  const std::string spanned = doc.text.substr(start, end - start);
  if (end <= own.end && !is_quote_kind(kind)) {
    CHECK(text == spanned);
  } else {
    const auto words = words_of(text);
    REQUIRE(!words.empty());
    // Quote marks may sit outside the span or be folded: compare inner words.
    auto trimmed = [](std::string word) {
      for (std::string_view mark : {"\"", "'", "“", "‘", "«"}) {
        if (word.rfind(mark, 0) == 0) {
          word.erase(0, mark.size());
        }
      }
      for (std::string_view mark : {"”", "’", "»"}) {
        if (word.size() >= mark.size() && word.compare(word.size() - mark.size(), mark.size(), mark) == 0) {
          word.erase(word.size() - mark.size());
        }
      }
      while (!word.empty() && std::string_view(",.;:!?\"'").find(word.back()) != std::string_view::npos) {
        word.pop_back();
      }
      return word;
    };
    CHECK_THAT(spanned, Catch::Contains(trimmed(words.back())));
    CHECK_THAT(spanned, Catch::Contains(trimmed(words.front())));
  }
}

// Everything DESIGN.md's "The JSON contract" says about a storydiff.diff/1
// document made from `old_doc` and `new_doc`.
void check_contract(const std::string& rendered, const text::Document& old_doc,
                    const text::Document& new_doc) {
  REQUIRE(!rendered.empty());
  CHECK(rendered.back() == '\n');
  CHECK(rendered.rfind("{\n  \"schema\": ", 0) == 0); // 2-space indent
  const Json root = Json::parse(rendered);
  REQUIRE(root.is_object());
  CHECK(keys_of(root) == std::vector<std::string>{"schema", "old", "new", "significance",
                                                  "degraded", "headline", "summary", "counts",
                                                  "changes", "sentences"});
  CHECK(root["schema"] == "storydiff.diff/1");
  for (const auto& [name, doc] : {std::pair{"old", &old_doc}, std::pair{"new", &new_doc}}) {
    const Json& label = root[name];
    REQUIRE(label.is_object());
    CHECK(keys_of(label) == std::vector<std::string>{"label", "sentences", "bytes"});
    CHECK(label["label"].is_string());
    REQUIRE(label["sentences"].is_number_unsigned());
    REQUIRE(label["bytes"].is_number_unsigned());
    CHECK(label["sentences"].get<std::size_t>() == doc->sentences.size());
    CHECK(label["bytes"].get<std::size_t>() == doc->text.size());
  }
  REQUIRE(root["significance"].is_string());
  const std::string significance = root["significance"];
  CHECK((significance == "none" || significance == "style" || significance == "substantive"));
  CHECK(root["degraded"].is_boolean());
  CHECK(root["headline"].is_string());
  CHECK(root["headline"].get<std::string>().find('\n') == std::string::npos);
  REQUIRE(root["summary"].is_array());
  for (const Json& line : root["summary"]) {
    CHECK(line.is_string());
  }

  REQUIRE(root["changes"].is_array());
  REQUIRE(root["counts"].is_object());
  std::map<std::string, std::size_t> counted;
  bool any_substantive = false;
  for (const Json& change : root["changes"]) {
    REQUIRE(change.is_object());
    REQUIRE(change["kind"].is_string());
    const std::string kind = change["kind"];
    INFO("change kind " << kind);
    CHECK(k_kinds.count(kind) == 1);
    ++counted[kind];
    std::vector<std::string> expected_keys{"kind", "significance", "old", "new"};
    if (is_number_kind(kind)) {
      expected_keys.push_back("value");
    }
    if (is_quote_kind(kind)) {
      expected_keys.push_back("speaker");
    }
    if (is_attribution_kind(kind)) {
      expected_keys.push_back("source");
    }
    expected_keys.push_back("message");
    CHECK(keys_of(change) == expected_keys);
    const std::string change_significance = change["significance"];
    CHECK(change_significance ==
          ((kind == "reworded" || kind == "claim_moved") ? "style" : "substantive"));
    any_substantive = any_substantive || change_significance == "substantive";
    CHECK((!change["old"].is_null() || !change["new"].is_null()));
    check_side(change["old"], old_doc, kind);
    check_side(change["new"], new_doc, kind);
    if (is_number_kind(kind)) {
      const Json& value = change["value"];
      REQUIRE(value.is_object());
      CHECK(keys_of(value) == std::vector<std::string>{"old", "new", "unit"});
      CHECK((value["old"].is_null() || value["old"].is_number()));
      CHECK((value["new"].is_null() || value["new"].is_number()));
      CHECK(value["unit"].is_string());
      // A value exists on the sides where the number does.
      CHECK(value["old"].is_null() == change["old"].is_null());
      CHECK(value["new"].is_null() == change["new"].is_null());
    }
    if (is_quote_kind(kind)) {
      CHECK((change["speaker"].is_null() || change["speaker"].is_string()));
    }
    if (is_attribution_kind(kind)) {
      CHECK((change["source"].is_null() || change["source"].is_string()));
    }
    CHECK(change["message"].is_string());
    CHECK(!change["message"].get<std::string>().empty());
  }
  // counts: kind → how many changes of that kind; they sum to the changes.
  std::size_t total = 0;
  for (auto it = root["counts"].begin(); it != root["counts"].end(); ++it) {
    REQUIRE(it.value().is_number_unsigned());
    CHECK(it.value().get<std::size_t>() == counted[it.key()]);
    total += it.value().get<std::size_t>();
  }
  CHECK(total == root["changes"].size());
  if (any_substantive) {
    CHECK(significance == "substantive");
  }
  if (significance == "none") {
    CHECK(root["changes"].empty());
  }

  // sentences: every old and every new sentence in exactly one op.
  REQUIRE(root["sentences"].is_array());
  std::vector<int> old_seen(old_doc.sentences.size(), 0);
  std::vector<int> new_seen(new_doc.sentences.size(), 0);
  for (const Json& op : root["sentences"]) {
    REQUIRE(op.is_object());
    CHECK(keys_of(op) == std::vector<std::string>{"op", "old", "new", "similarity"});
    REQUIRE(op["op"].is_string());
    CHECK(k_ops.count(op["op"].get<std::string>()) == 1);
    REQUIRE(op["old"].is_array());
    REQUIRE(op["new"].is_array());
    REQUIRE(op["similarity"].is_number());
    CHECK(op["similarity"].get<double>() >= 0.0);
    CHECK(op["similarity"].get<double>() <= 1.0);
    for (const Json& i : op["old"]) {
      REQUIRE(i.is_number_unsigned());
      REQUIRE(i.get<std::size_t>() < old_seen.size());
      ++old_seen[i.get<std::size_t>()];
    }
    for (const Json& i : op["new"]) {
      REQUIRE(i.is_number_unsigned());
      REQUIRE(i.get<std::size_t>() < new_seen.size());
      ++new_seen[i.get<std::size_t>()];
    }
  }
  CHECK(std::all_of(old_seen.begin(), old_seen.end(), [](int n) { return n == 1; }));
  CHECK(std::all_of(new_seen.begin(), new_seen.end(), [](int n) { return n == 1; }));
}

// The span of the first `needle` in sentence `sentence` of `doc`.
storydiff::core::Span find_in(const text::Document& doc, std::uint32_t sentence,
                              std::string_view needle) {
  const std::size_t at = doc.text.find(needle, doc.sentences.at(sentence).span.start);
  REQUIRE(at != std::string::npos);
  return {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())};
}

diff::ChangeSide side_of(const text::Document& doc, std::uint32_t sentence,
                         std::string_view needle) {
  const auto span = find_in(doc, sentence, needle);
  return diff::ChangeSide{std::string(needle), sentence, span};
}

diff::Change make_change(diff::ChangeKind kind, std::optional<diff::ChangeSide> old_side,
                         std::optional<diff::ChangeSide> new_side, std::string message) {
  diff::Change change;
  change.kind = kind;
  change.significance = diff::significance_of(kind);
  change.old_side = std::move(old_side);
  change.new_side = std::move(new_side);
  change.message = std::move(message);
  return change;
}

// The word edits of an edited pair, token by token (keep/remove in the old
// text, insert in the new), from a hand-written list of (op, sentence text).
std::vector<diff::WordEdit> edits(const text::Document& old_doc, std::uint32_t old_sentence,
                                  const text::Document& new_doc, std::uint32_t new_sentence,
                                  std::vector<std::pair<diff::WordEdit::Op, std::string>> list) {
  std::vector<diff::WordEdit> out;
  std::uint32_t old_pos = old_doc.sentences.at(old_sentence).span.start;
  std::uint32_t new_pos = new_doc.sentences.at(new_sentence).span.start;
  for (const auto& [op, word] : list) {
    const bool insert = op == diff::WordEdit::Op::insert;
    const std::string& text = insert ? new_doc.text : old_doc.text;
    std::uint32_t& pos = insert ? new_pos : old_pos;
    const std::size_t at = text.find(word, pos);
    REQUIRE(at != std::string::npos);
    out.push_back({op, {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + word.size())}});
    pos = static_cast<std::uint32_t>(at + word.size());
    if (op == diff::WordEdit::Op::keep) {
      // A kept token exists on both sides: advance the new side past it too.
      const std::size_t in_new = new_doc.text.find(word, new_pos);
      REQUIRE(in_new != std::string::npos);
      new_pos = static_cast<std::uint32_t>(in_new + word.size());
    }
  }
  return out;
}

struct Fixture {
  text::Document old_doc = text::parse_canonical(k_old_text);
  text::Document new_doc = text::parse_canonical(k_new_text);

  // A report such as compare would make of the two texts.
  diff::Report report() const {
    using diff::ChangeKind;
    using Op = diff::WordEdit::Op;
    diff::Report r;
    r.old_doc = {"old.txt", static_cast<std::uint32_t>(old_doc.sentences.size()), old_doc.text.size()};
    r.new_doc = {"new.txt", static_cast<std::uint32_t>(new_doc.sentences.size()), new_doc.text.size()};
    r.significance = diff::Significance::substantive;
    r.headline = "Number changed: 120 → 340; quote added; 1 claim removed";

    diff::Change number = make_change(ChangeKind::number_changed, side_of(old_doc, 0, "120 people"),
                                      side_of(new_doc, 0, "340 people"),
                                      "Number changed: “120 people” → “340 people”");
    number.old_value = 120;
    number.new_value = 340;
    number.unit = "people";
    diff::Change quote = make_change(ChangeKind::quote_added, std::nullopt,
                                     side_of(new_doc, 2, "We will rebuild,"),
                                     "Quote added (the mayor): “We will rebuild,”");
    quote.speaker = "the mayor";
    diff::Change attribution =
        make_change(ChangeKind::attribution_changed, side_of(old_doc, 1, "Police said"),
                    side_of(new_doc, 1, "Officials said"),
                    "Attribution changed: “Police said” → “Officials said”");
    attribution.source = "Officials";
    diff::Change removed =
        make_change(ChangeKind::claim_removed, side_of(old_doc, 2, "The plant will reopen on Monday."),
                    std::nullopt, "Claim removed: “The plant will reopen on Monday.”");
    r.changes = {number, quote, attribution, removed};
    for (const diff::Change& c : r.changes) {
      ++r.counts[std::string(diff::to_string(c.kind))];
      r.summary.push_back(c.message);
    }

    diff::SentenceDiff first{{storydiff::align::Op::edited, {0}, {0}, 0.93}, {}};
    first.words = edits(old_doc, 0, new_doc, 0,
                        {{Op::keep, "The"}, {Op::keep, "fire"}, {Op::keep, "burned"},
                         {Op::keep, "for"}, {Op::keep, "14"}, {Op::keep, "hours"},
                         {Op::keep, "and"}, {Op::keep, "forced"}, {Op::remove, "120"},
                         {Op::insert, "340"}, {Op::keep, "people"}, {Op::keep, "from"},
                         {Op::keep, "their"}, {Op::keep, "homes"}, {Op::keep, "."}});
    diff::SentenceDiff second{{storydiff::align::Op::edited, {1}, {1}, 0.857142857}, {}};
    second.words = edits(old_doc, 1, new_doc, 1,
                         {{Op::remove, "Police"}, {Op::insert, "Officials"}, {Op::keep, "said"},
                          {Op::keep, "the"}, {Op::keep, "cause"}, {Op::keep, "is"},
                          {Op::keep, "unknown"}, {Op::keep, "."}});
    r.sentences = {first, second,
                   {{storydiff::align::Op::added, {}, {2}, 0}, {}},
                   {{storydiff::align::Op::removed, {2}, {}, 0}, {}}};
    return r;
  }
};

// With Color::ansi every line closes what it opens: after the last SGR
// sequence of a line that is not a reset, a reset follows on the same line.
void check_colors_balanced(const std::string& rendered) {
  std::size_t start = 0;
  while (start < rendered.size()) {
    std::size_t end = rendered.find('\n', start);
    if (end == std::string::npos) {
      end = rendered.size();
    }
    const std::string line = rendered.substr(start, end - start);
    INFO("line: " << line);
    bool open = false;
    for (std::size_t at = line.find('\x1b'); at != std::string::npos; at = line.find('\x1b', at + 1)) {
      const std::size_t m = line.find('m', at);
      REQUIRE(m != std::string::npos);
      open = line.substr(at, m - at + 1) != "\x1b[0m";
    }
    CHECK_FALSE(open);
    start = end + 1;
  }
}

std::vector<std::filesystem::path> golden_cases() {
  std::vector<std::filesystem::path> cases;
  for (const auto& entry :
       std::filesystem::directory_iterator(storydiff::test::source_dir() / "fixtures" / "golden")) {
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "before.txt")) {
      cases.push_back(entry.path());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

text::Document read_doc(const std::filesystem::path& path) {
  auto read = text::read_document(storydiff::test::read_file(path));
  REQUIRE(read.has_value());
  return read->document;
}

} // namespace

TEST_CASE("report::render_json writes the storydiff.diff/1 contract", "[report]") {
  const Fixture f;
  const diff::Report r = f.report();
  const std::string rendered = report::render_json(r);
  check_contract(rendered, f.old_doc, f.new_doc);
  const Json root = Json::parse(rendered);

  SECTION("the documents, significance, headline and summary") {
    CHECK(root["old"]["label"] == "old.txt");
    CHECK(root["new"]["label"] == "new.txt");
    CHECK(root["old"]["sentences"] == 3);
    CHECK(root["new"]["bytes"] == k_new_text.size());
    CHECK(root["significance"] == "substantive");
    CHECK(root["degraded"] == false);
    CHECK(root["headline"] == r.headline);
    CHECK(root["summary"].size() == 4);
    CHECK(root["summary"][0] == "Number changed: “120 people” → “340 people”");
  }
  SECTION("changes keep their order, spans and null sides") {
    REQUIRE(root["changes"].size() == 4);
    const Json& number = root["changes"][0];
    CHECK(number["kind"] == "number_changed");
    CHECK(number["old"]["text"] == "120 people");
    CHECK(number["old"]["sentence"] == 0);
    CHECK(number["old"]["start"] == k_old_text.find("120"));
    CHECK(number["old"]["end"] == k_old_text.find("120") + 10);
    const Json& quote = root["changes"][1];
    CHECK(quote["old"].is_null());
    CHECK(quote["new"]["sentence"] == 2);
    CHECK(quote["speaker"] == "the mayor");
    CHECK(root["changes"][2]["source"] == "Officials");
    CHECK(root["changes"][3]["new"].is_null());
    CHECK(root["counts"]["claim_removed"] == 1);
  }
  SECTION("integral numbers print without a fraction") {
    CHECK(rendered.find("\"old\": 120,") != std::string::npos);
    CHECK(rendered.find("\"new\": 340,") != std::string::npos);
    CHECK(rendered.find("120.0") == std::string::npos);
    CHECK(root["sentences"][2]["similarity"] == 0);
    CHECK(rendered.find("\"similarity\": 0\n") != std::string::npos);
    // Similarity is rounded to 3 decimals.
    CHECK(root["sentences"][1]["similarity"].get<double>() == Approx(0.857).margin(1e-12));
  }
  SECTION("the sentences list every alignment op") {
    REQUIRE(root["sentences"].size() == 4);
    CHECK(root["sentences"][0]["op"] == "edited");
    CHECK(root["sentences"][0]["old"] == Json::array({0}));
    CHECK(root["sentences"][2]["old"] == Json::array());
    CHECK(root["sentences"][3]["op"] == "removed");
  }
}

TEST_CASE("report::render_json handles odd values", "[report]") {
  const Fixture f;
  diff::Report r = f.report();

  SECTION("fractional, missing and non-finite number values") {
    r.changes[0].old_value = 1.25;
    r.changes[0].new_value = std::numeric_limits<double>::quiet_NaN();
    const Json root = Json::parse(report::render_json(r));
    CHECK(root["changes"][0]["value"]["old"].get<double>() == 1.25);
    CHECK(root["changes"][0]["value"]["new"].is_null());
    r.changes[0].old_value.reset();
    CHECK(Json::parse(report::render_json(r))["changes"][0]["value"]["old"].is_null());
  }
  SECTION("value only on number kinds, speaker and source only on their kinds") {
    r.changes[3].old_value = 5;   // a claim kind: no value even if set
    r.changes[3].speaker = "someone";
    r.changes[3].source = "someone";
    const Json root = Json::parse(report::render_json(r));
    CHECK_FALSE(root["changes"][3].contains("value"));
    CHECK_FALSE(root["changes"][3].contains("speaker"));
    CHECK_FALSE(root["changes"][3].contains("source"));
    CHECK_FALSE(root["changes"][0].contains("speaker"));
  }
  SECTION("an unknown speaker is null") {
    r.changes[1].speaker.clear();
    CHECK(Json::parse(report::render_json(r))["changes"][1]["speaker"].is_null());
  }
  SECTION("invalid UTF-8 never reaches the output") {
    r.headline = "bad \xff\xfe bytes";
    r.changes[0].message = "cut \xe2\x80";
    const std::string rendered = report::render_json(r);
    const Json root = Json::parse(rendered); // throws on invalid UTF-8
    CHECK(root["headline"] == "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
    CHECK(root["changes"][0]["message"].get<std::string>().rfind("cut ", 0) == 0);
  }
  SECTION("an empty report is still the whole contract") {
    const text::Document empty = text::parse_canonical("");
    const diff::Report none;
    const std::string rendered = report::render_json(none);
    check_contract(rendered, empty, empty);
    const Json root = Json::parse(rendered);
    CHECK(root["significance"] == "none");
    CHECK(root["changes"].is_array());
    CHECK(root["counts"].is_object());
    CHECK(root["summary"].is_array());
  }
}

TEST_CASE("report::render_json lays the sentences list out as nlohmann's dump(2) would", "[report]") {
  // render_json writes `sentences` by hand (speed); the text must be exactly
  // what the JSON library prints for the same tree.
  const Fixture f;
  diff::Report r = f.report();
  const std::vector<double> similarities = {1.0, 0.0, 0.94, 0.9444, 0.1, 0.05, 0.001, 0.0004,
                                            0.999, 0.5005, 0.123456, -0.0};
  r.sentences.clear();
  for (std::size_t i = 0; i < similarities.size(); ++i) {
    storydiff::align::SentenceOp op;
    op.op = static_cast<storydiff::align::Op>(i % 7);
    if (i % 3 != 1) {
      op.old_sentences = {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i * 1000)};
    }
    if (i % 3 != 2) {
      op.new_sentences = {static_cast<std::uint32_t>(i + 4294967000u)};
    }
    op.similarity = similarities[i];
    r.sentences.push_back(diff::SentenceDiff{op, {}});
  }
  for (const bool empty : {false, true}) {
    if (empty) {
      r.sentences.clear();
    }
    const std::string rendered = report::render_json(r);
    const nlohmann::ordered_json tree = nlohmann::ordered_json::parse(rendered);
    CHECK(rendered == tree.dump(2) + "\n");
    CHECK(tree["sentences"].size() == r.sentences.size());
  }
}

TEST_CASE("report::parse_report_json reads back what render_json wrote", "[report]") {
  const Fixture f;
  diff::Report r = f.report();
  r.degraded = true;
  r.changes[0].old_value = 1.25;

  const std::string rendered = report::render_json(r);
  auto parsed = report::parse_report_json(rendered);
  REQUIRE(parsed.has_value());
  CHECK(report::render_json(*parsed) == rendered);
  CHECK(parsed->old_doc.label == "old.txt");
  CHECK(parsed->new_doc.bytes == k_new_text.size());
  CHECK(parsed->degraded);
  CHECK(parsed->headline == r.headline);
  CHECK(parsed->summary == r.summary);
  CHECK(parsed->counts == r.counts);
  REQUIRE(parsed->changes.size() == r.changes.size());
  for (std::size_t i = 0; i < r.changes.size(); ++i) {
    const diff::Change& a = r.changes[i];
    const diff::Change& b = parsed->changes[i];
    CHECK(a.kind == b.kind);
    CHECK(a.significance == b.significance);
    CHECK(a.old_side.has_value() == b.old_side.has_value());
    CHECK(a.new_side.has_value() == b.new_side.has_value());
    if (a.old_side && b.old_side) {
      CHECK(a.old_side->span == b.old_side->span);
      CHECK(a.old_side->text == b.old_side->text);
    }
    CHECK(a.message == b.message);
  }
  CHECK(parsed->changes[0].old_value == 1.25);
  CHECK(parsed->changes[0].new_value == 340);
  CHECK(parsed->changes[1].speaker == "the mayor");
  REQUIRE(parsed->sentences.size() == 4);
  CHECK(parsed->sentences[0].op.op == storydiff::align::Op::edited);
  CHECK(parsed->sentences[0].words.empty());
  CHECK(parsed->sentences[3].op.old_sentences == std::vector<std::uint32_t>{2});

  SECTION("added fields are ignored") {
    Json root = Json::parse(rendered);
    root["future_field"] = 1;
    root["changes"][0]["extra"] = "x";
    CHECK(report::parse_report_json(root.dump()).has_value());
  }
  SECTION("bad input is invalid_input with the reason") {
    auto expect_error = [](const std::string& json, std::string_view reason) {
      auto result = report::parse_report_json(json);
      REQUIRE_FALSE(result.has_value());
      CHECK(result.error().code == storydiff::core::ErrorCode::invalid_input);
      CHECK_THAT(result.error().message, Catch::Contains(std::string(reason)));
    };
    expect_error("", "not valid JSON");
    expect_error("{\"schema\": ", "not valid JSON");
    expect_error("[1, 2]", "not a JSON object");
    Json root = Json::parse(rendered);
    Json other = root;
    other["schema"] = "storydiff.diff/2";
    expect_error(other.dump(), "storydiff.diff/2");
    other = root;
    other.erase("headline");
    expect_error(other.dump(), "missing field headline");
    other = root;
    other["changes"][1]["kind"] = "quote_mangled";
    expect_error(other.dump(), "quote_mangled");
    other = root;
    other["changes"][0]["old"]["start"] = -4;
    expect_error(other.dump(), "changes[0].old.start");
    other = root;
    other["sentences"][0]["similarity"] = 2.5;
    expect_error(other.dump(), "similarity");
    other = root;
    other["counts"]["reworded"] = "two";
    expect_error(other.dump(), "counts.reworded");
  }
}

TEST_CASE("report::render_text shows headline, changes and word diffs", "[report]") {
  const Fixture f;
  const diff::Report r = f.report();
  const report::Sources sources{f.old_doc, f.new_doc};

  SECTION("without color: plain text with [-old-]{+new+}") {
    const std::string out = report::render_text(r, sources, report::Color::off);
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.rfind(r.headline + "\n", 0) == 0);
    CHECK_THAT(out, Catch::Contains("old.txt → new.txt"));
    // One line per typed change, kind first, in the report's order.
    const std::size_t number_at = out.find("  number_changed ");
    const std::size_t quote_at = out.find("  quote_added ");
    REQUIRE(number_at != std::string::npos);
    REQUIRE(quote_at != std::string::npos);
    CHECK(number_at < quote_at);
    CHECK_THAT(out, Catch::Contains("Number changed: “120 people” → “340 people”\n"));
    CHECK_THAT(out, Catch::Contains(
                        "The fire burned for 14 hours and forced [-120-]{+340+} people from their "
                        "homes.\n"));
    CHECK_THAT(out, Catch::Contains("[-Police-]{+Officials+} said the cause is unknown.\n"));
    // 1-based sentence numbers, old → new.
    CHECK_THAT(out, Catch::Contains("1 → 1 edited"));
    CHECK_THAT(out, Catch::Contains("2 → 2 edited"));
    CHECK(out.back() == '\n');
  }
  SECTION("with color: red and green, bold kinds, every color closed") {
    const std::string out = report::render_text(r, sources, report::Color::ansi);
    CHECK_THAT(out, Catch::Contains("\x1b[31m120\x1b[0m\x1b[32m340\x1b[0m"));
    CHECK_THAT(out, Catch::Contains("\x1b[1mnumber_changed\x1b[0m"));
    CHECK(out.find("[-") == std::string::npos);
    check_colors_balanced(out);
  }
  SECTION("style changes come after substantive ones") {
    diff::Report styled = r;
    styled.changes.insert(styled.changes.begin(),
                          make_change(diff::ChangeKind::reworded, side_of(f.old_doc, 1, "Police"),
                                      side_of(f.new_doc, 1, "Officials"), "Reworded"));
    const std::string out = report::render_text(styled, sources);
    CHECK(out.find("  reworded ") > out.find("  claim_removed "));
  }
  SECTION("an edited pair without token edits shows both sides whole") {
    diff::Report bare = r;
    bare.sentences[0].words.clear();
    const std::string out = report::render_text(bare, sources);
    CHECK_THAT(out, Catch::Contains(
                        "[-The fire burned for 14 hours and forced 120 people from their homes.-] "
                        "{+The fire burned for 14 hours and forced 340 people from their homes.+}"));
  }
  SECTION("control characters from a document never reach the terminal") {
    diff::Report hostile = r;
    hostile.headline = "evil \x1b[2J headline\nsecond line";
    hostile.changes[0].message = "msg \x1b]0;title\x07 end";
    const std::string out = report::render_text(hostile, sources, report::Color::off);
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find('\x07') == std::string::npos);
    CHECK(out.rfind("evil [2J headline second line\n", 0) == 0);
    check_colors_balanced(report::render_text(hostile, sources, report::Color::ansi));
  }
  SECTION("spans that do not fit the documents are skipped, not read") {
    diff::Report broken = r;
    broken.sentences[0].words.push_back({diff::WordEdit::Op::insert, {5000, 5010}});
    broken.sentences.push_back({{storydiff::align::Op::edited, {99}, {99}, 0.5}, {}});
    const std::string out = report::render_text(broken, sources);
    CHECK_THAT(out, Catch::Contains("[-120-]{+340+}"));
  }
}

TEST_CASE("report::render_text says No change. when nothing changed", "[report]") {
  const text::Document doc = text::parse_canonical(k_old_text);
  diff::Report r;
  r.significance = diff::Significance::none;
  r.sentences = {{{storydiff::align::Op::equal, {0}, {0}, 1.0}, {}}};
  CHECK(report::render_text(r, {doc, doc}) == "No change.\n");
  const std::string colored = report::render_text(r, {doc, doc}, report::Color::ansi);
  CHECK_THAT(colored, Catch::Contains("No change."));
  check_colors_balanced(colored);
}

TEST_CASE("report renderers keep the contract on every golden case", "[report][golden]") {
  const auto cases = golden_cases();
  REQUIRE(cases.size() >= 10);
  for (const auto& dir : cases) {
    INFO("case " << dir.filename().string());
    const text::Document before = read_doc(dir / "before.txt");
    const text::Document after = read_doc(dir / "after.txt");
    const diff::Report r = diff::compare(before, after, "before.txt", "after.txt");
    const std::string rendered = report::render_json(r);
    check_contract(rendered, before, after);
    auto parsed = report::parse_report_json(rendered);
    REQUIRE(parsed.has_value());
    CHECK(report::render_json(*parsed) == rendered);

    const std::string plain = report::render_text(r, {before, after}, report::Color::off);
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(plain.back() == '\n');
    check_colors_balanced(report::render_text(r, {before, after}, report::Color::ansi));
    if (r.significance == diff::Significance::none) {
      CHECK(plain == "No change.\n");
    }
  }
}
