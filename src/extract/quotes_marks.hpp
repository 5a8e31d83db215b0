// SPDX-License-Identifier: MIT
#pragma once

// Private to the extract module: pairing of quotation marks into quotes,
// shared by the quote extractor (which adds speakers) and the attribution
// extractor (which skips cue words inside quoted words).
#include <storydiff/core/span.hpp>
#include <storydiff/extract/facts.hpp>

#include "quotes_speech.hpp"

#include <cstdint>
#include <vector>

namespace storydiff::extract::detail {

struct QuoteRegion {
  // The quoted words, mark to mark (marks excluded), one part per run:
  // a quote split by its attribution or continued on a new paragraph has
  // several parts, in text order.
  std::vector<core::Span> parts;
  std::uint32_t first_sentence = 0;
  std::uint32_t last_sentence = 0;
  std::uint32_t open_token = 0;  // the first opening mark (absolute token index)
  std::uint32_t close_token = 0; // the last closing mark; == open_token when unclosed
  bool closed = false;
  // When two marked runs were joined around their attribution: the tokens
  // between them [gap_first, gap_last) of sentence gap_sentence.
  bool split = false;
  std::uint32_t gap_sentence = 0;
  std::uint32_t gap_first = 0;
  std::uint32_t gap_last = 0;
};

// The top-level quotes of `doc` in text order (nested quotes are part of
// their outer quote's words). Linear in the number of tokens.
std::vector<QuoteRegion> find_quote_regions(const text::Document& doc,
                                            const ExtractOptions& options,
                                            const SpeechScanner& scanner);

} // namespace storydiff::extract::detail
