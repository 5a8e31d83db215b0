// SPDX-License-Identifier: MIT
#pragma once

// Private to the extract module: what several extractors want to know about
// every token, computed once per document by extract_facts(). Before this
// pre-pass the numbers and dates extractors each lowered the whole text, and
// every matcher re-derived a token's number-word value, month or weekday at
// every token it tried; the quote and attribution scanners looked up a
// token's speech cue several times. The records only cache those answers:
// each field equals the function it names applied to the token's text.
#include "quotes_speech.hpp"

#include <storydiff/text/segment.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace storydiff::extract::detail {

struct TokenInfo {
  const Cue* cue = nullptr; // cue_of(token text) (find_cue_lower): nullptr when no cue
  std::int16_t number = -1; // numdate::number_word(lowered text); -1 when none
  std::uint8_t month = 0;   // numdate::month_word(lowered text) 1..12; 0 when none
  std::uint8_t weekday = 0; // numdate::weekday_word(lowered text) 1..7; 0 when none
  std::uint8_t flags = 0;   // k_* below

  static constexpr std::uint8_t k_ordinal = 1;         // number_word's `ordinal`
  static constexpr std::uint8_t k_month_ambiguous = 2; // month_word's `ambiguous`
  static constexpr std::uint8_t k_weekday_abbrev = 4;  // weekday_word's `abbrev`

  bool ordinal() const { return (flags & k_ordinal) != 0; }
  bool month_ambiguous() const { return (flags & k_month_ambiguous) != 0; }
  bool weekday_abbrev() const { return (flags & k_weekday_abbrev) != 0; }
};

struct TokenInfos {
  // The document's text with ASCII capitals lowered: same length, so token
  // spans index it. Lives as long as this object.
  std::string lower;
  std::vector<TokenInfo> tokens; // one per doc.tokens entry, same order

  // Token i's text in `lower`.
  std::string_view lower_of(const text::Document& doc, std::size_t i) const {
    return doc.tokens[i].span.of(lower);
  }
};

// The records of every token of `doc` (any kind: the fields are computed
// from the text alone). Linear in the text.
TokenInfos analyze_tokens(const text::Document& doc);

} // namespace storydiff::extract::detail
