// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/diff/changes.hpp>
#include <storydiff/text/segment.hpp>

#include <string>

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
std::string render_json(const diff::Report& report);

enum class Color { off, ansi };

// The terminal view: the headline, typed changes (most important first), then
// the word diff of edited sentences ([-old-]{+new+} without color, red/green
// with Color::ansi).
std::string render_text(const diff::Report& report, const Sources& sources,
                        Color color = Color::off);

} // namespace storydiff::report
