// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/align/align.hpp>
#include <storydiff/text/segment.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// Story history: which revision introduced each sentence of a revision and
// which last changed it (`storydiff blame`). Works on revision texts only
// (article.txt: one sentence per line, blank lines between paragraphs); the
// caller reads them from wherever they live. No fact extraction is run.
namespace storydiff::history {

// Where one sentence of the latest revision comes from. Revisions are
// 0-based indices in the order they were given to Blame::add (oldest first).
struct SentenceBlame {
  std::string text;               // the sentence as written in the latest revision
  std::uint32_t paragraph = 0;    // 0-based paragraph index in the latest revision
  std::uint32_t introduced = 0;   // first revision of the sentence's lineage
  std::uint32_t last_changed = 0; // last revision that gave it its current wording
};

struct BlameOptions {
  // Passed to align::align for each pair of consecutive revisions.
  align::AlignOptions align;
};

// Blame built one revision at a time, oldest first; it keeps only the latest
// revision's document and a map of every wording seen, so memory grows with
// the number of distinct sentences, not with the number of revisions.
//
// Rules (each revision aligned with the one before it by align::align):
// - equal (and moved without edits): both revisions carried over;
// - edited (also moved with edits): `introduced` carried over, `last_changed`
//   = this revision;
// - split: every part inherits the old sentence's `introduced`;
//   `last_changed` = this revision;
// - merged: `introduced` = the earliest of the merged sentences;
//   `last_changed` = this revision;
// - added: `introduced` = `last_changed` = this revision;
// - restored wording: a sentence whose folded text (text::fold) appeared in
//   any earlier revision, and that is not carried over unchanged, takes the
//   provenance that wording had then (an earlier `introduced` wins). So text
//   cut and later put back keeps its origin, an edit undone by a revert goes
//   back to the wording's own revisions, and the blame of a revision that
//   restores an older one equals that older revision's blame.
// Cost per revision: one align::align (exact matches by hash first; see its
// work bound) plus one fold per sentence that is not carried over unchanged.
class Blame {
public:
  explicit Blame(BlameOptions options = {});

  // Adds the next revision's article.txt. Always succeeds.
  void add(std::string_view article);
  // Revisions added so far.
  std::uint32_t revisions() const { return m_revisions; }
  // The latest revision's sentences in order (empty before the first add).
  std::vector<SentenceBlame> sentences() const;
  // True when any alignment hit its work bound (see align::Alignment).
  bool degraded() const { return m_degraded; }

private:
  struct Provenance {
    std::uint32_t introduced = 0;
    std::uint32_t last_changed = 0;
  };
  // Records the wording of new sentence `i` (if unseen) or takes the
  // provenance the wording had before (if seen). Returns the result.
  Provenance remember(const text::Document& doc, std::uint32_t i, Provenance fresh);

  BlameOptions m_options;
  text::Document m_doc; // the latest revision
  std::vector<Provenance> m_provenance; // per sentence of m_doc
  // folded sentence text → provenance of the first sentence seen with it
  std::unordered_map<std::string, Provenance> m_wordings;
  std::uint32_t m_revisions = 0;
  bool m_degraded = false;
};

// Blame of the last of `articles` (oldest first). Always succeeds.
std::vector<SentenceBlame> blame(std::span<const std::string_view> articles,
                                 const BlameOptions& options = {});

} // namespace storydiff::history
