// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/core/span.hpp>
#include <storydiff/text/normalize.hpp>
#include <storydiff/text/token.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Stage 3 of the pipeline: normalized text → paragraphs → sentences → tokens.
namespace storydiff::text {

struct Sentence {
  core::Span span;              // into Document::text; never empty, no surrounding space
  std::uint32_t paragraph = 0;  // 0-based index into Document::paragraphs
  std::uint32_t first_token = 0; // 0-based index into Document::tokens
  std::uint32_t token_count = 0;
};

// A segmented revision: the value every later stage works on. Spans in it are
// 0-based byte offsets [start, end) into `text`; a Sentence or Token is only
// meaningful together with the Document it came from.
struct Document {
  // The canonical text, byte for byte what the store keeps as article.txt:
  // one sentence per line, a blank line between paragraphs, one final "\n"
  // (empty when there are no sentences). Built from the normalized text by
  // turning the space between two sentences into "\n" (inserting one where
  // ICU broke without a space).
  std::string text;
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences; // in text order
  std::vector<Token> tokens;       // in text order; each inside one sentence
  OffsetMap source_map;            // text offset → source byte offset

  std::string_view sentence_text(std::size_t i) const { return sentences[i].span.of(text); }
  std::string_view token_text(std::size_t i) const { return tokens[i].span.of(text); }
};

struct SegmentOptions {
  // Extra abbreviations (with their final period, e.g. "Gov.") after which a
  // sentence does not end, added to the built-in news list. Default: none.
  std::vector<std::string> extra_abbreviations;
};

// Splits each paragraph into sentences (ICU's en@ss=standard sentence
// iterator, then a pass that re-joins breaks after abbreviations, initials
// and inside quotations) and each sentence into tokens. Headings and list
// items are always single segments of their own. Always succeeds.
Document segment(const NormalizedText& normalized, const SegmentOptions& options = {});

// Rebuilds a Document from canonical text (article.txt): every non-empty line
// is one sentence, blank lines separate paragraphs. No sentence breaking is
// run, so a stored revision reads back exactly as it was segmented.
Document parse_canonical(std::string_view article_text);

} // namespace storydiff::text
