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

} // namespace storydiff::report
