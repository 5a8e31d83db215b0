// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/check/policy.hpp>
#include <storydiff/core/result.hpp>
#include <storydiff/diff/changes.hpp>
#include <storydiff/text/pipeline.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Judging a change by a policy: a diff::Report of one file becomes findings
// with a level and a position in the NEW file.
namespace storydiff::check {

struct Finding {
  std::string file;          // the file's path as the policy matched it
  std::uint32_t line = 1;    // 1-based line in the new file's source bytes
  std::uint32_t column = 1;  // 1-based, in Unicode code points of that line
  Level level = Level::warning;
  diff::Change change;       // what the differ found (message, kind, spans)
  // True when the change has no position in the new file (a removed thing):
  // line/column then point at the nearest place in the new file, where it was.
  bool nearest = false;
  // 1-based line of the [[exemptions]] table that set the level, or 0.
  std::uint32_t exemption_line = 0;
};

// The new side of a comparison, for positions: the segmented document and
// the bytes it was read from. Both must outlive the call.
struct NewFile {
  const text::Document& document;
  std::string_view source;
};

// Findings for `report` (a comparison whose new side is `new_file`) in the
// file `path` under `policy`: one per change whose level is not off, ordered
// by position (ties keep the report's most-important-first order). Positions come from the change's
// new side (its span mapped back to the source bytes); a change without one
// (removed) gets the start of the new sentence aligned with its old
// sentence, else of the next new sentence after where it was, else of the
// one before, else 1:1. Always succeeds.
std::vector<Finding> evaluate(const diff::Report& report, const Policy& policy,
                              std::string_view path, const NewFile& new_file);

// One file's result in a check run.
struct FileResult {
  std::string path;             // repository-relative or as given; '/'-separated
  std::vector<Finding> findings;
  std::string skipped;          // why the file was not compared (empty = compared)
  diff::Significance significance = diff::Significance::none;
};

// Reads both sides (decode → normalize → segment; the format from `path`'s
// extension), compares them and evaluates the findings. An empty side is an
// empty document (added or deleted files).
// Errors: invalid_input when a side is refused by the decoder (binary).
core::Result<FileResult> check_texts(std::string_view path, std::string_view old_bytes,
                                     std::string_view new_bytes, const Policy& policy,
                                     std::string_view old_label = "old",
                                     std::string_view new_label = "new");

// Whether `path` names a draft `check --git` compares: one whose extension
// names an input format (text::format_of_name: .md, .markdown, .txt, .text,
// .html, .htm, .xhtml; any case).
bool is_text_draft(std::string_view path);

// The 1-based line and column of byte `offset` in `source` (clamped to its
// size). Columns count code points: every byte that is not a UTF-8
// continuation byte (10xxxxxx) starts one.
std::pair<std::uint32_t, std::uint32_t> line_column(std::string_view source,
                                                    std::uint32_t offset);

// The paths of results as matched by globs: '\' stays, a leading "./" goes.
std::string policy_path(std::string_view path);

} // namespace storydiff::check
