// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

// The news abbreviation list used by segment()'s re-join pass (private to the
// text module).
namespace storydiff::text::detail {

// What a word followed by a period tells about a sentence break after it.
enum class AbbreviationKind {
  none,          // not a known abbreviation: the period may end a sentence
  title,         // "Dr.", "Mr.", "St.", "Gen.": never ends a sentence
  never_final,   // "vs.", "approx.", "e.g.": never ends a sentence
  before_number, // "No.", "Vol.", "Fig.": an abbreviation only before a number
  month,         // "Dec.", "Sept.": never breaks before a number
  final_capable, // "p.m.", "U.S.", "Inc.", "Jr.", initials: may end a sentence
};

// Classifies `word`, the text before the final period without that period
// ("Dr", "U.S", "p.m", "K"). An all-capitals word is also looked up in title
// case ("ST" → "St"). Single capital letters (initials) and dotted letter
// groups ("N.Y", "Ph.D") are final_capable.
AbbreviationKind classify_abbreviation(std::string_view word);

// True when `word` (letters only, case-sensitive) is a common first word of a
// news sentence: "The", "He", "However", ... Used as the evidence that a
// sentence really ended after an abbreviation.
bool is_sentence_starter(std::string_view word);

} // namespace storydiff::text::detail
