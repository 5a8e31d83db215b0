// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/core/result.hpp>
#include <storydiff/diff/changes.hpp>
#include <storydiff/text/segment.hpp>

#include <string>
#include <string_view>

// Stage 8 of the pipeline: a finished Report as text for people and programs.
// Renderers take values and return strings; they never print.
namespace storydiff::report {

// The two documents a report was made from (for word diffs and sentence
// text). Both must outlive the call.
struct Sources {
  const text::Document& old_doc;
  const text::Document& new_doc;
};

// storydiff.diff/1 exactly as DESIGN.md describes it, pretty-printed with a
// final newline. Only the report is needed.
// Details the contract leaves open: keys in the order DESIGN.md shows them;
// 2-space indent; integral numbers print without ".0"; `similarity` is
// rounded to 3 decimals; `value` appears on number kinds only (a missing side
// is null); `speaker` on quote kinds and `source` on attribution kinds (null
// when unknown); invalid UTF-8 in any string comes out as U+FFFD.
std::string render_json(const diff::Report& report);

// One change as render_json writes it in `changes`, on one line: for other
// formats that embed the differ's changes (storydiff.check/1).
std::string render_change_json(const diff::Change& change);

// Reads storydiff.diff/1 back (changes.json of a stored revision), for the
// history commands. Unknown extra fields are ignored (the contract lets
// fields be added); word edits are not part of the JSON, so every
// SentenceDiff::words comes back empty.
// Errors: invalid_input when `json` is not JSON, has another schema, or lacks
// or mistypes a field of the contract (the message names the field).
core::Result<diff::Report> parse_report_json(std::string_view json);

enum class Color { off, ansi };

// The terminal view: the headline, typed changes (most important first), then
// the word diff of edited sentences ([-old-]{+new+} without color, red/green
// with Color::ansi).
std::string render_text(const diff::Report& report, const Sources& sources,
                        Color color = Color::off);

// Markdown (CommonMark with the GFM strikethrough extension) for pasting into
// a chat, an issue or a wiki: the headline as a heading, the typed changes as
// a list (substantive before style, each marked), then the edited sentences
// with the word diff as ~~removed~~ and **added**. Story text is escaped so it
// reads as text and cannot make links, images, HTML, code or emphasis: the
// characters \ ` * _ [ ] < > # | ~ & $ get a backslash, line breaks and
// control characters become spaces (runs fold to one), and every line starts
// with storydiff's own markup, so a sentence cannot start a heading, list or
// block quote. Invalid UTF-8 comes out as U+FFFD. Not escaped: bare http(s)
// URLs, which GFM renderers may link (their visible text is the URL itself).
std::string render_markdown(const diff::Report& report, const Sources& sources);

// Story text escaped as render_markdown escapes it, for other Markdown
// outputs (storydiff summary --format markdown).
std::string escape_markdown(std::string_view text);

// One self-contained HTML page (UTF-8; inline CSS; no scripts, fonts, images
// or links to anything outside the page; a Content-Security-Policy that
// forbids loading anything) with the headline, the typed changes and the word
// diff of edited sentences (<del>/<ins>, struck through / underlined as well
// as colored). Every piece of text from the report or the documents is
// escaped; fluid layout for phones; a print style.
std::string render_html(const diff::Report& report, const Sources& sources);

} // namespace storydiff::report
