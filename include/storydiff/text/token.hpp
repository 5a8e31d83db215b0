// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/core/span.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

namespace storydiff::text {

enum class TokenKind {
  word,        // letters/digits not forming a number: "police", "U.S.", "don't", "COVID-19"
  number,      // a number or number group, see NumberForm; carries a value
  punctuation, // . , ; : ! ? ( ) [ ] - – — … and the like
  quote,       // " “ ” ' ‘ ’ « » ‹ › when used as quotation marks
  symbol,      // anything else that is not whitespace (emoji, #, &, ...)
};

// How a number token is written; `Token::value` holds its parsed value in the
// unit this says.
enum class NumberForm {
  none,     // not a number
  cardinal, // "12", "12,000", "3.5", "1,234.56"            value as written
  fraction, // "1-1/4", "3/4", "½", "5-1/2"                 value (1.25)
  percent,  // "55%", "5.5 percent"? (only the % sign here) value 55
  money,    // "$30", "$30 million", "£2.5bn", "€40"        value in units (3e7)
  time,     // "00:26", "5 p.m.", "10:30 a.m.", "0600"?     minutes after midnight
  age,      // "10-year-old", "23-year old"                 value in years
  decade,   // "1980s", "'90s"                              first year (1980)
  ordinal,  // "1st", "22nd", "3rd"                         value (22)
};

struct Token {
  core::Span span; // into the document's text
  TokenKind kind = TokenKind::word;
  NumberForm form = NumberForm::none;
  double value = 0; // meaningful only when kind == number
  friend bool operator==(const Token&, const Token&) = default;
};

// Splits `text` (one sentence, or any run of normalized text) into tokens.
// Spans are offsets into `text` plus `base` (so a caller can tokenize a
// sentence in place and get document offsets). Whitespace is never a token.
// Linear in the input; always succeeds.
std::vector<Token> tokenize(std::string_view text, std::uint32_t base = 0);

// Appends the tokens of `text` to `out` (same rules as tokenize).
void tokenize_into(std::string_view text, std::uint32_t base, std::vector<Token>& out);

} // namespace storydiff::text
