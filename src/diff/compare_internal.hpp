// SPDX-License-Identifier: MIT
#pragma once

// Private to the diff module: the steps of compare(), split out so tests can
// drive them with hand-built facts and alignments.
#include <storydiff/diff/changes.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storydiff::diff::detail {

// One token-level step of a sentence pair's diff. Token indices are 0-based
// into the respective Document::tokens; the missing side is k_no_token.
inline constexpr std::uint32_t k_no_token = 0xFFFF'FFFFu;
struct TokenEdit {
  WordEdit::Op op = WordEdit::Op::keep;
  std::uint32_t old_token = k_no_token; // keep, remove
  std::uint32_t new_token = k_no_token; // keep, insert
};

// dtl diff of the folded tokens of old sentence `old_sentence` and new
// sentence `new_sentence`. nullopt when the longer side has more than
// `max_tokens` tokens (the caller then reports the pair whole and degrades).
std::optional<std::vector<TokenEdit>> diff_tokens(const text::Document& old_doc,
                                                  std::uint32_t old_sentence,
                                                  const text::Document& new_doc,
                                                  std::uint32_t new_sentence,
                                                  std::uint32_t max_tokens);

// The pair as a whole: every old token removed, every new token inserted.
std::vector<TokenEdit> whole_pair(const text::Document& old_doc, std::uint32_t old_sentence,
                                  const text::Document& new_doc, std::uint32_t new_sentence);

std::vector<WordEdit> to_word_edits(const text::Document& old_doc, const text::Document& new_doc,
                                    const std::vector<TokenEdit>& edits);

// What the token changes of a pair amount to once the facts are set aside.
enum class Wording {
  same,        // no word changed (only spans inside facts, or folding-equal text)
  style,       // only punctuation, case, spelling, word order or function words
  substantive, // content words changed
};

// Judges the changed tokens of `edits`, ignoring tokens inside `old_fact_spans`
// (old text) and `new_fact_spans` (new text): those are explained by the
// typed fact comparison or are format-only changes of one value.
Wording judge_wording(const text::Document& old_doc, const text::Document& new_doc,
                      const std::vector<TokenEdit>& edits,
                      const std::vector<core::Span>& old_fact_spans,
                      const std::vector<core::Span>& new_fact_spans);

// When the only content change of a pair is words removed (no content word
// inserted, no number outside the facts changed): those removed content
// words, folded, one per occurrence. Empty otherwise, and for a pair whose
// changes are style only.
std::vector<std::string> removed_only_content(const text::Document& old_doc,
                                              const text::Document& new_doc,
                                              const std::vector<TokenEdit>& edits,
                                              const std::vector<core::Span>& old_fact_spans,
                                              const std::vector<core::Span>& new_fact_spans);

// `word` already folded (lower case). Articles, pronouns, auxiliaries,
// conjunctions and plain prepositions; never negators, modals or time words.
bool is_function_word(std::string_view word);
// Whether `a` and `b` (folded) are the same word spelled differently: equal,
// or within edit distance 2 when the shorter is at least 5 bytes long.
bool is_spelling_variant(std::string_view a, std::string_view b);
// Whether `a` and `b` (folded) are inflections of one word ("involved" /
// "involving", "age" / "ages"): a change of grammar, not of content.
bool is_inflection_variant(std::string_view a, std::string_view b);

// Everything compare() decides, before the summary is written.
struct Classified {
  std::vector<Change> changes; // unordered, messages empty
  std::vector<SentenceDiff> sentences;
  bool degraded = false;
};

// The heart of compare(): the changes between two documents given their facts
// and alignment. `alignment` must cover both documents (align's contract).
Classified classify(const text::Document& old_doc, const text::Document& new_doc,
                    const extract::DocumentFacts& old_facts,
                    const extract::DocumentFacts& new_facts, const align::Alignment& alignment,
                    const CompareOptions& options);

// `text` cut to at most about `max_bytes` bytes at a word (or UTF-8) boundary,
// with "…" appended when cut.
std::string truncate_text(std::string_view text, std::size_t max_bytes);

// The one-line message for a change ("Number changed: “12” → “15”").
std::string message_for(const Change& change);

// Orders the changes (most important first, then by position), writes their
// messages, counts, summary, headline and the document's significance.
// `identical` is true when the two texts are equal after normalization.
void finish_report(Report& report, bool identical, const CompareOptions& options);

} // namespace storydiff::diff::detail
