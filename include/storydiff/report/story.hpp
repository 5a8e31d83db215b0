// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/diff/changes.hpp>
#include <storydiff/text/segment.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The report of a whole story: one self-contained HTML page with the
// timeline and, per revision, its typed changes and word diffs. The library
// does not read the store: the caller (the CLI) gathers the revisions.
namespace storydiff::report {

// One revision of the story as the page shows it.
struct StoryRevision {
  std::uint32_t number = 0;       // 1-based revision number
  std::string captured_at;        // as shown to people ("2026-11-24 06:00Z")
  std::string captured_at_rfc3339; // machine-readable form, for <time datetime>
  std::string headline;           // the commit headline
  std::optional<std::uint32_t> restores; // the earlier revision this one's text equals
  // The changes against the previous revision; nullopt for a story's first
  // revision (then `headline` says what was captured).
  std::optional<diff::Report> report;
  // The previous and this revision's texts, for sentence text and word diffs
  // (Report::sentences index into them). Both null when `report` is nullopt;
  // otherwise both non-null and they must outlive render_story_html.
  const text::Document* old_doc = nullptr;
  const text::Document* new_doc = nullptr;
};

struct StoryPage {
  std::string story;                   // the story's slug
  std::vector<StoryRevision> revisions; // newest first
  // Shown under the title when not empty ("revisions after r3").
  std::string scope;
};

// The page: title, a timeline of every revision (number, time, headline,
// linked to its section), then one section per revision, newest first.
// Self-contained and escaped as render_html (render.hpp) describes.
std::string render_story_html(const StoryPage& page);

} // namespace storydiff::report
