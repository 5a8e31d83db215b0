// SPDX-License-Identifier: MIT
#pragma once

// Private to the extract module: one extractor per fact family. Each appends
// its facts (any order) to `out`; extract_facts() sorts and indexes them.
// Extractors may read facts found by earlier ones (numbers and dates run
// first, then entities, quotes, attributions, then the polarity words).
// `info` is analyze_tokens(doc).
#include <storydiff/extract/facts.hpp>

#include "quotes_marks.hpp"
#include "token_info.hpp"

namespace storydiff::extract::detail {

void extract_numbers(const text::Document& doc, const TokenInfos& info, std::vector<Fact>& out);
void extract_dates(const text::Document& doc, const TokenInfos& info, std::vector<Fact>& out);
void extract_entities(const text::Document& doc, const TokenInfos& info, std::vector<Fact>& out);
// Returns the quote regions it found, so attributions can skip cue words
// inside quotations without pairing the marks again.
std::vector<QuoteRegion> extract_quotes(const text::Document& doc, const TokenInfos& info,
                                        const ExtractOptions& options, std::vector<Fact>& out);
void extract_attributions(const text::Document& doc, const TokenInfos& info,
                          const std::vector<QuoteRegion>& quotes, std::vector<Fact>& out);
// hedges, negations
void extract_polarity(const text::Document& doc, const TokenInfos& info, std::vector<Fact>& out);
void extract_corrections(const text::Document& doc, std::vector<Fact>& out);

} // namespace storydiff::extract::detail
