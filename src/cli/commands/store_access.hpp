// SPDX-License-Identifier: MIT
#pragma once

#include "../cli.hpp"

#include <storydiff/diff/changes.hpp>
#include <storydiff/store/store.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What the store commands share: opening the store, story names, times and
// recording one snapshot (used by both `snapshot` and `import`).
namespace storydiff::cli {

// Opens the store named by --store, $STORYDIFF_STORE or ./.storydiff.
// Throws CommandError; a missing store suggests `storydiff init`.
store::Store open_store(const Context& ctx);

// Throws CommandError(error) when `result` failed, else returns its value.
template <typename T> T value_or_throw(core::Result<T> result) {
  if (!result) {
    throw CommandError(result.error());
  }
  return std::move(result).value();
}
inline void value_or_throw(core::Result<void> result) {
  if (!result) {
    throw CommandError(result.error());
  }
}

// Throws UsageError unless `slug` is a valid story name.
void require_valid_slug(std::string_view slug);

// STORY[@REV] split into a valid story name and REV (empty = the head).
// Throws UsageError on a bad name or an empty REV after '@'.
struct StoryRev {
  std::string story;
  std::string rev;
};
StoryRev parse_story_rev(const std::string& target);

// The value of a command's --format option when it takes text or json;
// throws UsageError on anything else.
std::string parse_text_or_json(const cxxopts::ParseResult& parsed);

// A point in time with the UTC offset it was written in.
struct Timestamp {
  std::int64_t unix_seconds = 0;
  int utc_offset_minutes = 0;
};

// Parses RFC 3339 ("2026-11-26T09:30:00Z", "2026-11-26T10:30:00+01:00",
// fractional seconds dropped; a space may replace the 'T') or Unix seconds
// ("1795685400"). Throws UsageError naming `option` on anything else.
Timestamp parse_time(std::string_view text, std::string_view option);
// Now, in UTC, to the second.
Timestamp now_utc();
// "2026-11-26T09:30:00Z" or "2026-11-26T10:30:00+01:00".
std::string format_rfc3339(std::int64_t unix_seconds, int utc_offset_minutes);
// The short form `log` prints: "2026-11-26 09:30Z" or "2026-11-26 10:30+01:00".
std::string format_short_time(std::int64_t unix_seconds, int utc_offset_minutes);

// Lowercase hex SHA-256 of `bytes` (FIPS 180-4).
std::string sha256_hex(std::string_view bytes);

// The first 7 hex digits of a commit id, as git prints them.
std::string short_id(const store::RevisionId& id);

// One source to record as a revision.
struct SnapshotSource {
  std::string name;       // file path, "-" or the URL, for messages and format detection
  std::string bytes;      // as captured
  std::string source_url; // final URL of a fetch, or --url; may be empty
  std::string http_date;  // Date header of a fetch; may be empty
  Timestamp captured_at;
  std::optional<std::string> title; // --title; nullopt = the decoded title
};

struct SnapshotOutcome {
  store::AppendResult result;
  std::string headline;             // the commit's headline (the head's, when unchanged)
  std::vector<std::string> summary; // the change summary lines; empty when unchanged or first
};

// Decodes `source` with the --input/--select options in `parsed` and appends
// it to `story`. The revision's changes.json is the semantic diff
// (storydiff.diff/1) against the parent, and its headline and summary lines
// make the commit message. A story's first revision has no parent, so it
// gets no changes.json and the headline "first capture: N sentences".
// Throws CommandError when the text is refused or empty (then nothing is
// recorded) and on store errors.
// How record_snapshot appends.
// The analysis (segmented text and facts) of the latest article recorded, so
// that the next revision's diff need not analyse its parent again: import
// then analyses each revision once instead of twice.
struct AnalysisCache {
  std::string article;
  std::shared_ptr<const diff::AnalyzedDocument> analyzed;
};

struct RecordOptions {
  // Stage the revision in this batch (published by its flushes) instead of
  // appending it at once; the outcome is then the staged revision.
  store::ImportBatch* batch = nullptr;
  // snapshot --force: record a text equal to the head as a new revision.
  store::OnUnchanged on_unchanged = store::OnUnchanged::skip;
  // Shared by consecutive calls (import); null = analyse the parent each time.
  std::shared_ptr<AnalysisCache> cache;
};

SnapshotOutcome record_snapshot(Context& ctx, store::Store& store, const std::string& story,
                                const SnapshotSource& source, const cxxopts::ParseResult& parsed,
                                const RecordOptions& options = {});

// A fallback headline for when the differ gives none: a count of sentence
// lines added and removed between two article.txt texts ("captured (N
// sentences)" for a story's first revision).
std::string sentence_count_headline(const std::optional<std::string_view>& old_article,
                                    std::string_view new_article);

} // namespace storydiff::cli
