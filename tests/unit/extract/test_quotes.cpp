// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <storydiff/extract/facts.hpp>
#include <storydiff/text/pipeline.hpp>

#include <test_support.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace {

using storydiff::extract::ExtractOptions;
using storydiff::extract::Fact;
using storydiff::extract::FactKind;

struct Extracted {
  storydiff::text::Document doc;
  std::vector<Fact> quotes;
};

Extracted quotes_of(const std::string& input, const ExtractOptions& options = {}) {
  auto read = storydiff::text::read_document(input);
  REQUIRE(read.has_value());
  Extracted out;
  out.doc = std::move(read->document);
  const auto facts = storydiff::extract::extract_facts(out.doc, options);
  for (const Fact& fact : facts.facts) {
    if (fact.kind == FactKind::quote) {
      out.quotes.push_back(fact);
    }
  }
  return out;
}

// Checks the invariants every quote fact keeps.
void check_quote_invariants(const Extracted& e) {
  for (const Fact& q : e.quotes) {
    REQUIRE(q.span.start < q.span.end);
    REQUIRE(q.span.end <= e.doc.text.size());
    REQUIRE(q.last_sentence >= q.sentence);
    REQUIRE(q.last_sentence < e.doc.sentences.size());
    REQUIRE(q.key.rfind("quote:", 0) == 0);
    REQUIRE(q.key.size() > 6);
    REQUIRE_FALSE(q.text.empty());
  }
}

} // namespace

TEST_CASE("extract::extract_quotes finds quotes in every mark style", "[extract][quotes]") {
  SECTION("straight double quotes, speaker after") {
    const auto e = quotes_of("\"We are hopeful,\" the fire chief said.\n");
    check_quote_invariants(e);
    REQUIRE(e.quotes.size() == 1);
    CHECK(e.quotes[0].text == "We are hopeful,");
    CHECK(e.quotes[0].span.of(e.doc.text) == "We are hopeful,");
    CHECK(e.quotes[0].speaker == "the fire chief");
    CHECK(e.quotes[0].cue == "said");
  }
  SECTION("curly quotes give the same key as straight ones") {
    const auto straight = quotes_of("\"We are hopeful,\" Okafor said.\n");
    const auto curly = quotes_of("\xE2\x80\x9CWe are hopeful,\xE2\x80\x9D Okafor said.\n");
    REQUIRE(straight.quotes.size() == 1);
    REQUIRE(curly.quotes.size() == 1);
    CHECK(straight.quotes[0].key == curly.quotes[0].key);
    CHECK(curly.quotes[0].speaker == "Okafor");
  }
  SECTION("guillemets") {
    const auto e = quotes_of("\xC2\xABWe will return,\xC2\xBB the minister said on Monday.\n");
    check_quote_invariants(e);
    REQUIRE(e.quotes.size() == 1);
    CHECK(e.quotes[0].text == "We will return,");
    CHECK(e.quotes[0].speaker == "the minister");
  }
  SECTION("single quotes inside double quotes are part of the outer quote") {
    const auto e = quotes_of("\xE2\x80\x9CHe told me \xE2\x80\x98never again\xE2\x80\x99 and "
                             "left,\xE2\x80\x9D she said.\n");
    check_quote_invariants(e);
    REQUIRE(e.quotes.size() == 1);
    CHECK(e.quotes[0].text == "He told me \xE2\x80\x98never again\xE2\x80\x99 and left,");
  }
  SECTION("British single quotes at top level") {
    const auto e = quotes_of("\xE2\x80\x98We are ready,\xE2\x80\x99 the captain said.\n");
    check_quote_invariants(e);
    REQUIRE(e.quotes.size() == 1);
    CHECK(e.quotes[0].text == "We are ready,");
    CHECK(e.quotes[0].speaker == "the captain");
  }
  SECTION("straight marks padded with spaces pair by position") {
    const auto e = quotes_of("The paper reported there is \" huge \" pressure on the staff.\n");
    check_quote_invariants(e);
    REQUIRE(e.quotes.size() == 1);
    CHECK(e.quotes[0].text == "huge");
  }
  SECTION("a scare quote of one word is a quote") {
    const auto e = quotes_of("He called the data \xE2\x80\x9Cgold\xE2\x80\x9D for the case.\n");
    REQUIRE(e.quotes.size() == 1);
    CHECK(e.quotes[0].text == "gold");
    CHECK(e.quotes[0].key == "quote:gold");
  }
}

TEST_CASE("extract::extract_quotes follows quotes across sentences and paragraphs",
          "[extract][quotes]") {
  SECTION("several sentences in one paragraph") {
    const auto e = quotes_of("\xE2\x80\x9CWe found it at dawn. It was upside down. Nobody was "
                             "on it,\xE2\x80\x9D said Capt. Lena Ortiz.\n");
    check_quote_invariants(e);
    REQUIRE(e.quotes.size() == 1);
    CHECK(e.quotes[0].text.find("We found it at dawn. It was upside down.") == 0);
    CHECK(e.quotes[0].speaker.find("Lena Ortiz") != std::string::npos);
  }
  SECTION("news style: an opening mark on every paragraph, a closing mark on the last") {
    const auto e = quotes_of(
        "Capt. Lena Ortiz of the harbor patrol described the search on Sunday:\n\n"
        "\xE2\x80\x9CWe found the boat at first light. It was upside down.\n\n"
        "\xE2\x80\x9CWe searched the shoreline until dark. We will be back.\xE2\x80\x9D\n\n"
        "The fisherman has not been named.\n");
    check_quote_invariants(e);
    REQUIRE(e.quotes.size() == 1);
    const Fact& q = e.quotes[0];
    CHECK(q.text == "We found the boat at first light. It was upside down. We searched the "
                    "shoreline until dark. We will be back.");
    CHECK(q.last_sentence == q.sentence + 3);
    CHECK(e.doc.sentences[q.last_sentence].paragraph == e.doc.sentences[q.sentence].paragraph + 1);
    CHECK(q.speaker.find("Ortiz") != std::string::npos);
    CHECK(q.speaker.find("patrol") == std::string::npos);
  }
  SECTION("the continuation stops at max_quote_sentences") {
    std::string input;
    for (int i = 0; i < 6; ++i) {
      input += "\xE2\x80\x9CWe went on with part " + std::to_string(i) + ".\n\n";
    }
    ExtractOptions options;
    options.max_quote_sentences = 2;
    const auto e = quotes_of(input, options);
    check_quote_invariants(e);
    REQUIRE_FALSE(e.quotes.empty());
    for (const Fact& q : e.quotes) {
      CHECK(q.last_sentence - q.sentence + 1 <= 2);
    }
    const auto unbounded = quotes_of(input);
    REQUIRE(unbounded.quotes.size() == 1);
    CHECK(unbounded.quotes[0].last_sentence == 5);
  }
}

TEST_CASE("extract::extract_quotes joins a quote split by its attribution",
          "[extract][quotes]") {
  SECTION("comma form") {
    const auto e = quotes_of("\xE2\x80\x9CWe will rebuild,\xE2\x80\x9D the mayor said, "
                             "\xE2\x80\x9C" "and we will do it together.\xE2\x80\x9D\n");
    check_quote_invariants(e);
    REQUIRE(e.quotes.size() == 1);
    CHECK(e.quotes[0].text == "We will rebuild, and we will do it together.");
    CHECK(e.quotes[0].speaker == "the mayor");
    CHECK(e.quotes[0].cue == "said");
    // The span runs from the first quoted word to the last one.
    CHECK(e.quotes[0].span.of(e.doc.text).find("the mayor said") != std::string::npos);
  }
  SECTION("a change in the second part changes the key; re-punctuation does not") {
    const auto a = quotes_of("\"We will rebuild the pier,\" Mayor Dana Kolb said Saturday, "
                             "\"and it will be stronger than before.\"\n");
    const auto b = quotes_of("\"We will rebuild the pier,\" Mayor Dana Kolb said Saturday, "
                             "\"and it will be longer than before.\"\n");
    const auto c = quotes_of("\xE2\x80\x9CWe will rebuild the pier\xE2\x80\x9D, Mayor Dana Kolb "
                             "said Saturday, \xE2\x80\x9C" "And it will be stronger than "
                             "before!\xE2\x80\x9D\n");
    REQUIRE(a.quotes.size() == 1);
    REQUIRE(b.quotes.size() == 1);
    REQUIRE(c.quotes.size() == 1);
    CHECK(a.quotes[0].speaker == "Mayor Dana Kolb");
    CHECK(a.quotes[0].key != b.quotes[0].key);
    CHECK(a.quotes[0].key == c.quotes[0].key);
  }
  SECTION("sentence form joins only when the second part has no attribution of its own") {
    const auto joined = quotes_of("\"People asked for years,\" Feld said. \"Now we have the "
                                  "staff.\"\n");
    REQUIRE(joined.quotes.size() == 1);
    CHECK(joined.quotes[0].speaker == "Feld");
    const auto apart = quotes_of("\"People asked for years,\" Feld said. \"Now we have the "
                                 "staff,\" Okafor replied.\n");
    REQUIRE(apart.quotes.size() == 2);
    CHECK(apart.quotes[0].speaker == "Feld");
    CHECK(apart.quotes[1].speaker == "Okafor");
  }
}

TEST_CASE("extract::extract_quotes degrades on unbalanced marks", "[extract][quotes]") {
  SECTION("unclosed at the end of the document") {
    const auto e = quotes_of("The chief spoke.\n\n\xE2\x80\x9CWe will never leave this town. "
                             "Never.\n");
    check_quote_invariants(e);
    REQUIRE(e.quotes.size() == 1);
    CHECK(e.quotes[0].text == "We will never leave this town. Never.");
  }
  SECTION("unclosed in the middle ends at its paragraph") {
    const auto e = quotes_of("\xE2\x80\x9CWe will never leave, she said.\n\n"
                             "The council met on Monday.\n\n"
                             "\xE2\x80\x9CIt is over,\xE2\x80\x9D Okafor said.\n");
    check_quote_invariants(e);
    REQUIRE(e.quotes.size() == 2);
    CHECK(e.quotes[0].last_sentence == e.quotes[0].sentence);
    CHECK(e.quotes[1].text == "It is over,");
  }
  SECTION("a stray closing mark at the start, only marks, empty quotes") {
    for (const char* input :
         {"\xE2\x80\x9D The council met.\n", "\"\n", "\xE2\x80\x9C\xE2\x80\x9D\n",
          "\" \" \" \"\n", "\xC2\xBB\xC2\xAB\n", "'\n\n'\n", "\xE2\x80\x9C\n\n\xE2\x80\x9C\n"}) {
      const auto e = quotes_of(input);
      check_quote_invariants(e);
    }
    CHECK(quotes_of("\xE2\x80\x9D The council met.\n").quotes.empty());
  }
  SECTION("apostrophes are not quotes") {
    const auto e = quotes_of("Don't worry about O\xE2\x80\x99" "Brien\xE2\x80\x99s dog or the "
                             "students\xE2\x80\x99 union, it's the '90s.\n");
    check_quote_invariants(e);
    CHECK(e.quotes.empty());
  }
}

TEST_CASE("extract::extract_quotes finds the speaker", "[extract][quotes]") {
  SECTION("before the quote") {
    const auto e = quotes_of("Okafor said: \xE2\x80\x9CWe are ready.\xE2\x80\x9D\n");
    REQUIRE(e.quotes.size() == 1);
    CHECK(e.quotes[0].speaker == "Okafor");
    CHECK(e.quotes[0].cue == "said");
    const auto that = quotes_of("Police said that \"the road is closed.\"\n");
    REQUIRE(that.quotes.size() == 1);
    CHECK(that.quotes[0].speaker == "Police");
  }
  SECTION("after the quote, cue first") {
    const auto e = quotes_of("\xE2\x80\x9CIt was gone,\xE2\x80\x9D said Mayor Ruth Okafor, who "
                             "was at the pier.\n");
    REQUIRE(e.quotes.size() == 1);
    CHECK(e.quotes[0].speaker == "Mayor Ruth Okafor");
    const auto role = quotes_of("\"It was gone,\" said board chair Harold Wynn.\n");
    REQUIRE(role.quotes.size() == 1);
    CHECK(role.quotes[0].speaker == "Harold Wynn");
    const auto of = quotes_of("\"It is cold,\" said Sgt. Maria Olsen of the dive team.\n");
    REQUIRE(of.quotes.size() == 1);
    CHECK(of.quotes[0].speaker == "Sgt. Maria Olsen");
  }
  SECTION("a pronoun resolves to the recent name") {
    const auto e = quotes_of("State Sen. Marisol Vance said Tuesday she would file a bill.\n\n"
                             "\xE2\x80\x9C" "Families are priced out,\xE2\x80\x9D she said.\n");
    REQUIRE(e.quotes.size() == 1);
    CHECK(e.quotes[0].speaker == "State Sen. Marisol Vance");
    const auto alone = quotes_of("\xE2\x80\x9C" "Families are priced out,\xE2\x80\x9D she said.\n");
    REQUIRE(alone.quotes.size() == 1);
    CHECK(alone.quotes[0].speaker == "she");
  }
  SECTION("no attribution, no speaker") {
    const auto e = quotes_of("The sign read \xE2\x80\x9C" "closed for repairs\xE2\x80\x9D on "
                             "Monday.\n");
    REQUIRE(e.quotes.size() == 1);
    CHECK(e.quotes[0].speaker.empty());
  }
}

TEST_CASE("extract::extract_quotes keys ignore case and punctuation only",
          "[extract][quotes]") {
  const auto a = quotes_of("\xE2\x80\x9Cwe knew we could do it, we just had to believe "
                           "it,\xE2\x80\x9D coach Anton Reyes said.\n");
  const auto b = quotes_of("\xE2\x80\x9CWe knew we could do it. We just had to believe "
                           "it,\xE2\x80\x9D coach Anton Reyes said.\n");
  const auto c = quotes_of("\xE2\x80\x9CWe knew we would do it. We just had to believe "
                           "it,\xE2\x80\x9D coach Anton Reyes said.\n");
  REQUIRE(a.quotes.size() == 1);
  REQUIRE(b.quotes.size() == 1);
  REQUIRE(c.quotes.size() == 1);
  CHECK(a.quotes[0].key == b.quotes[0].key);
  CHECK(b.quotes[0].key != c.quotes[0].key);
  CHECK(a.quotes[0].speaker == "Anton Reyes");
  // Numbers keep their decimal point.
  CHECK(quotes_of("\"It rose 3.5 percent\"\n").quotes[0].key !=
        quotes_of("\"It rose 35 percent\"\n").quotes[0].key);
}

TEST_CASE("extract::extract_quotes runs over the corpus", "[extract][quotes][corpus]") {
  const auto corpus = storydiff::test::corpus_dir();
  if (!corpus) {
    WARN("corpus absent: skipped");
    return;
  }
  std::size_t revisions = 0;
  std::size_t quotes = 0;
  for (const auto& story : std::filesystem::directory_iterator(*corpus)) {
    if (!story.is_directory()) {
      continue;
    }
    for (const auto& file : std::filesystem::directory_iterator(story.path())) {
      const std::string name = file.path().filename().string();
      if (name == "SOURCE.md" || name == "README.md") {
        continue;
      }
      const auto e = quotes_of(storydiff::test::read_file(file.path()));
      check_quote_invariants(e);
      quotes += e.quotes.size();
      ++revisions;
    }
  }
  CHECK(revisions > 0);
  CHECK(quotes > 0);
}
