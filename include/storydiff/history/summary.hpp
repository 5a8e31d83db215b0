// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/diff/changes.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

// Story history: the change log of a story (`storydiff summary`), made from
// the reports stored with each revision (changes.json). Nothing is
// recomputed: no text is read, aligned or extracted.
namespace storydiff::history {

// One revision as the store describes it.
struct SummaryRevision {
  std::uint32_t revision = 0;       // 1-based revision number
  std::int64_t captured_at = 0;     // Unix seconds
  std::string time;                 // captured_at as the caller prints it
  std::string rfc3339;              // captured_at in RFC 3339, for JSON
  std::string id;                   // where it is stored (a commit id), for JSON
  std::string headline;             // the commit headline
  std::optional<std::uint32_t> restores; // the revision whose text this one equals
  // Its storydiff.diff/1 report against the revision before it (changes.json);
  // nullopt for a first revision or when none was stored.
  std::optional<diff::Report> report;
};

// A fact that changed more than once, followed from revision to revision.
struct FactChain {
  diff::ChangeKind kind = diff::ChangeKind::number_changed; // number_, date_, speaker_ or attribution_changed
  std::string unit;                    // numbers: unit or counted noun ("dead"); may be empty
  std::vector<std::string> values;     // as written: the first old value, then each new one
  std::vector<std::optional<double>> numbers; // parsed values beside `values` (numbers only)
  std::vector<std::uint32_t> revisions; // revision number of each change; values.size() - 1 of them
  std::vector<std::string> also;       // first values of other chains that changed in step
  std::string description;             // "a number changed 3 times: 2 dead → … (r2, r4, r8)"
};

struct KindCount {
  std::string kind; // "number_changed"
  std::uint32_t count = 0;
};

struct StorySummary {
  std::uint32_t revisions = 0;    // revisions summarized
  std::int64_t first_at = 0;      // captured_at of the oldest, Unix seconds
  std::int64_t last_at = 0;       // captured_at of the newest
  std::uint32_t substantive = 0;  // revisions whose report is substantive
  std::uint32_t style = 0;        // ... style only
  std::uint32_t unchanged = 0;    // ... significance none (a re-capture)
  std::uint32_t without_report = 0; // first captures and revisions with no report
  std::vector<KindCount> kinds;   // change totals, most frequent first, then by name
  std::vector<FactChain> chains;  // facts changed more than once, most changes first
  std::string overview;           // one paragraph for people, from the fields above
};

struct SummaryOptions {
  // Most kinds named in the overview's "most frequent" clause. Range 1..30;
  // default 3.
  std::uint32_t overview_kinds = 3;
  // Most fact chains described in the overview (all are in `chains`).
  // Range 0..1000; default 5.
  std::uint32_t overview_chains = 5;
};

// Summarizes `revisions`, given OLDEST FIRST and consecutive (each report is
// against the revision before it in the list, except for the first). Always
// succeeds; linear in the number of changes and sentence ops.
StorySummary summarize(std::span<const SummaryRevision> revisions,
                       const SummaryOptions& options = {});

// "numbers changed" for "number_changed" with count != 1, "number changed"
// otherwise; any kind name.
std::string kind_phrase(std::string_view kind, std::uint32_t count);

} // namespace storydiff::history
