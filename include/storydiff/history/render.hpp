// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/history/summary.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A story summary (summarize()) for people and programs. `revisions` are the
// ones given to summarize(), oldest first; every view lists them newest
// first. Renderers take values and return strings; they never print.
namespace storydiff::history {

// The terminal view: the overview wrapped at 78 columns, then per revision
// its number, time, significance, headline and summary lines.
std::string render_summary_text(std::string_view story, const StorySummary& summary,
                                const std::vector<SummaryRevision>& revisions);

// The same as Markdown: story text escaped as report::escape_markdown does.
std::string render_summary_markdown(std::string_view story, const StorySummary& summary,
                                    const std::vector<SummaryRevision>& revisions);

// storydiff.summary/1 (docs/HISTORY.md), pretty-printed with a final newline;
// `since` is the revision the summary starts after, if any. Uses each
// revision's `id` and `rfc3339`.
std::string render_summary_json(std::string_view story, std::optional<std::uint32_t> since,
                                const StorySummary& summary,
                                const std::vector<SummaryRevision>& revisions);

} // namespace storydiff::history
