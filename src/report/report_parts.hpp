// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/diff/changes.hpp>
#include <storydiff/text/segment.hpp>

#include <string>
#include <string_view>
#include <vector>

// What the Markdown and HTML renderers share: clean text, the word runs of an
// edited sentence pair and the order of changes. Private to src/report.
namespace storydiff::report::detail {

// `text` as one clean line: invalid UTF-8 becomes U+FFFD; control characters
// (C0, DEL, C1), line and paragraph separators become spaces; runs of spaces
// fold to one. Escaping for a format is done after this.
std::string clean_text(std::string_view text);

// A run of consecutive word edits of one kind, as the text between its first
// and last token (so the document's own spacing and punctuation survive).
struct WordRun {
  diff::WordEdit::Op op = diff::WordEdit::Op::keep;
  std::string text;          // clean_text'ed, not escaped
  bool space_before = false; // a space separates it from the previous run
};

// Whether a sentence op's two sides differ in words and so get a word diff
// (edited, split, merged, and moved pairs that were also edited).
bool shows_word_diff(const diff::SentenceDiff& sentence);

// The runs of one sentence op. Without token edits (a degraded pair, or a
// report read back from JSON) the old side is one removed run and the new
// side one inserted run. Indices or spans outside the documents (a report
// that does not belong to them) are skipped; the result may be empty.
std::vector<WordRun> word_runs(const diff::SentenceDiff& sentence, const text::Document& old_doc,
                               const text::Document& new_doc);

// "3" or "3+4" (1-based, as editors count sentences); "-" for none.
std::string sentence_list(const std::vector<std::uint32_t>& sentences);

// The report's changes, substantive before style, each group in the
// report's (most important first) order. Pointers into `report`.
std::vector<const diff::Change*> ordered_changes(const diff::Report& report);

// "number changed" for ChangeKind::number_changed.
std::string kind_label(diff::ChangeKind kind);

// Whether the report says nothing changed at all.
bool is_no_change(const diff::Report& report);

} // namespace storydiff::report::detail
