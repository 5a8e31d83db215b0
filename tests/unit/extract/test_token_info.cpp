// SPDX-License-Identifier: MIT
// The extractors' per-document pre-pass (src/extract/token_info.hpp): each
// record must hold exactly what the lexicon functions say of the token.
#include "extract/numdate_lex.hpp" // private to extract; tests/CMakeLists.txt adds src/
#include "extract/quotes_speech.hpp"
#include "extract/token_info.hpp"

#include <storydiff/text/pipeline.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

namespace {

using storydiff::extract::detail::analyze_tokens;
using storydiff::extract::detail::cue_of;
using storydiff::extract::detail::CueStrength;
using storydiff::extract::detail::TokenInfo;
using storydiff::extract::detail::TokenInfos;
namespace nd = storydiff::extract::detail::numdate;

storydiff::text::Document read(std::string_view text) {
  auto result = storydiff::text::read_document(text);
  REQUIRE(result);
  return std::move(result->document);
}

// The record of the first token whose text is `word`.
const TokenInfo& info_of(const storydiff::text::Document& doc, const TokenInfos& infos,
                         std::string_view word) {
  for (std::size_t i = 0; i < doc.tokens.size(); ++i) {
    if (doc.token_text(i) == word) {
      return infos.tokens[i];
    }
  }
  FAIL("no token " << word);
  return infos.tokens.front();
}

} // namespace

TEST_CASE("extract::analyze_tokens records each token's lexicon answers", "[extract]") {
  const auto doc = read("Officials said Twenty-five people, a third of them children, left on "
                        "Tues. in May. The FIRST convoy reached Sept camp Wednesday's night; "
                        "police told reporters, according to Reuters. Ninetieth 45 mid-March.");
  const TokenInfos infos = analyze_tokens(doc);
  REQUIRE(infos.tokens.size() == doc.tokens.size());

  SECTION("the lowered text indexes like the document's") {
    REQUIRE(infos.lower.size() == doc.text.size());
    CHECK(infos.lower_of(doc, 0) == "officials");
  }
  SECTION("number words, compounds and ordinals") {
    CHECK(info_of(doc, infos, "Twenty-five").number == 25);
    CHECK_FALSE(info_of(doc, infos, "Twenty-five").ordinal());
    CHECK(info_of(doc, infos, "third").number == 3);
    CHECK(info_of(doc, infos, "third").ordinal());
    CHECK(info_of(doc, infos, "FIRST").number == 1);
    CHECK(info_of(doc, infos, "Ninetieth").number == 90);
    CHECK(info_of(doc, infos, "people").number == -1);
    CHECK(info_of(doc, infos, "45").number == -1); // a number token is no number word
  }
  SECTION("months and weekdays with their flags") {
    CHECK(info_of(doc, infos, "May").month == 5);
    CHECK(info_of(doc, infos, "May").month_ambiguous());
    CHECK(info_of(doc, infos, "Sept").month == 9);
    CHECK_FALSE(info_of(doc, infos, "Sept").month_ambiguous());
    CHECK(info_of(doc, infos, "Tues").weekday == 2);
    CHECK(info_of(doc, infos, "Tues").weekday_abbrev());
    CHECK(info_of(doc, infos, "Tues").month == 0);
    // The record holds the plain word: a possessive is no weekday here.
    CHECK(info_of(doc, infos, "Wednesday's").weekday == 0);
    CHECK(info_of(doc, infos, "camp").month == 0);
  }
  SECTION("speech cues") {
    REQUIRE(info_of(doc, infos, "said").cue != nullptr);
    CHECK(info_of(doc, infos, "said").cue->lemma == "say");
    CHECK(info_of(doc, infos, "said").cue->strength == CueStrength::strong);
    CHECK(info_of(doc, infos, "told").cue != nullptr);
    CHECK(info_of(doc, infos, "people").cue == nullptr);
    CHECK(info_of(doc, infos, ",").cue == nullptr);
  }
  SECTION("every record equals the functions it caches") {
    for (std::size_t i = 0; i < doc.tokens.size(); ++i) {
      const std::string_view word = doc.token_text(i);
      const std::string low = nd::ascii_lower(word);
      const TokenInfo& info = infos.tokens[i];
      bool flag = false;
      CHECK(info.number == nd::number_word(low, flag));
      CHECK(info.ordinal() == flag);
      CHECK(info.month == nd::month_word(low, flag));
      CHECK(info.month_ambiguous() == flag);
      CHECK(info.weekday == nd::weekday_word(low, flag));
      CHECK(info.weekday_abbrev() == flag);
      const auto cue = cue_of(word);
      CHECK((info.cue == nullptr ? std::string_view{} : info.cue->lemma) == cue.lemma);
      CHECK((info.cue == nullptr ? CueStrength::none : info.cue->strength) == cue.strength);
    }
  }
}

TEST_CASE("extract::analyze_tokens handles an empty document", "[extract]") {
  const storydiff::text::Document doc;
  const TokenInfos infos = analyze_tokens(doc);
  CHECK(infos.tokens.empty());
  CHECK(infos.lower.empty());
}
