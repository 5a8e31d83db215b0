// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/core/result.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The story store: a bare git repository in which each story is the branch
// refs/heads/stories/<slug> and each revision a commit (DESIGN.md, "The
// store"). This header is libgit2-free; only src/store/ includes <git2.h>.
namespace storydiff::store {

// Whether `slug` matches [a-z0-9][a-z0-9._-]{0,99} and is safe as a ref
// component (no "..", no ".lock" suffix, no trailing '.').
bool is_valid_slug(std::string_view slug);

// A commit id: 40 lowercase hex digits.
struct RevisionId {
  std::string hex;
  friend bool operator==(const RevisionId&, const RevisionId&) = default;
};

// meta.json of a revision.
struct RevisionMeta {
  std::string story;
  std::uint32_t revision = 0;      // 1-based; assigned by the store on append
  std::int64_t captured_at = 0;    // Unix seconds; also the commit time
  int utc_offset_minutes = 0;      // of captured_at, for RFC 3339 and the commit
  std::string source_url;          // empty when not from a URL
  std::string source_name;         // file path or "-" as given; may be empty
  std::string http_date;           // Date header of a URL fetch; may be empty
  std::string title;               // may be empty
  std::string input_format;        // "txt", "md" or "html"
  std::string extractor = "storydiff";
  std::string extractor_version;
  std::string source_sha256;       // of the source bytes, lowercase hex
  std::optional<std::uint32_t> restores; // revision this one's text equals; set by the store
};

// What a caller wants recorded. The store fills in meta.revision,
// meta.restores and meta.story.
struct NewRevision {
  std::string article;      // canonical text (article.txt); the dedupe key
  std::string source;       // source bytes; stored as source.<ext> when != article
  std::string source_ext;   // "txt", "md" or "html"
  RevisionMeta meta;
  std::string changes_json; // storydiff.diff/1 against the parent; empty = not stored
  std::string headline;     // commit subject after "<slug> r<N>: "; empty = "captured"
  std::vector<std::string> summary; // body lines before the trailers
};

struct RevisionInfo {
  RevisionId id;
  RevisionMeta meta;
  std::string headline; // the subject after "<slug> r<N>: "
  std::string message;  // the whole commit message
};

// What the parent of a revision being recorded looks like, given to the
// caller's `prepare` so it can compute changes.json against it.
struct ParentView {
  RevisionInfo info;
  std::string article; // its article.txt
};

enum class AppendStatus {
  recorded,  // a new commit is the story's head
  unchanged, // the article equals the head's; nothing written
};

struct AppendResult {
  AppendStatus status = AppendStatus::recorded;
  RevisionInfo revision; // the new head, or the unchanged head
};

struct StoryInfo {
  std::string slug;
  std::uint32_t revisions = 0;
  std::int64_t last_captured_at = 0;
  int last_utc_offset_minutes = 0;
  std::string last_headline;
};

// Builds the revision to record on top of `parent` (nullopt for a story's
// first revision). Called again with the new parent when a concurrent writer
// moved the head first, so what it returns must depend only on its argument
// and the caller's input.
using PrepareRevision = std::function<NewRevision(const std::optional<ParentView>& parent)>;

// What append does with a text equal to the head's article.
enum class OnUnchanged {
  skip,   // record nothing; the result is `unchanged`
  record, // record a new revision anyway (meta.restores = the head's number,
          // headline "re-captured (unchanged)"); the result is `recorded`
};

struct AppendOptions {
  // Compare-and-swap attempts before giving up with `conflict`. Range 1..1000;
  // default 100. Waits between attempts grow from 1 ms to 50 ms, jittered.
  int max_attempts = 100;
  OnUnchanged on_unchanged = OnUnchanged::skip;
};

struct BatchOptions {
  // Revisions staged in memory before the batch publishes them (one pack
  // file, one head move). Range 1..100000; default 100.
  std::size_t flush_every = 100;
  // Compare-and-swap attempts per publish, as AppendOptions::max_attempts.
  int max_attempts = 100;
};

class ImportBatch;

// An open store. Not thread-safe: use one Store per thread (libgit2 objects
// are per thread); any number of processes may append to one store at once.
class Store {
public:
  // Creates a bare repository at `path` (and its parents). Errors:
  // invalid_input if `path` exists and is not an empty folder or a store
  // (an existing store is opened, not an error); io, git.
  static core::Result<Store> init(const std::filesystem::path& path);
  // Opens an existing store. Errors: not_found (no store there; the message
  // suggests `storydiff init`), git.
  static core::Result<Store> open(const std::filesystem::path& path);
  // The store folder from --store, $STORYDIFF_STORE, else ./.storydiff.
  static std::filesystem::path resolve_path(const std::optional<std::string>& flag);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const std::filesystem::path& path() const;

  // Records a revision of `story` built by `prepare`: dedupes against the head
  // (unchanged), marks restores of older revisions, writes every object, then
  // moves the head with compare-and-swap, retrying on conflict.
  // Errors: invalid_input (bad slug), conflict (attempts exhausted), io, git.
  core::Result<AppendResult> append(std::string_view story, const PrepareRevision& prepare,
                                    const AppendOptions& options = {});

  // Starts a batch of appends to `story` (see ImportBatch): the fast path for
  // many revisions in a row. Errors: invalid_input (bad slug), git.
  core::Result<ImportBatch> begin_batch(std::string_view story, const BatchOptions& options = {});

  // Stories with their revision counts, sorted by slug.
  core::Result<std::vector<StoryInfo>> list() const;
  // Revisions of `story`, newest first. Errors: invalid_input, not_found.
  core::Result<std::vector<RevisionInfo>> log(std::string_view story) const;
  // Resolves REV: "r<N>" or "<N>" (1-based revision number), a commit id
  // prefix (>= 4 hex digits), "HEAD" or "HEAD~k"; empty = the head.
  // Errors: invalid_input, not_found, ambiguous.
  core::Result<RevisionInfo> resolve(std::string_view story, std::string_view rev) const;
  // A file of a revision's tree ("article.txt", "meta.json", "changes.json",
  // "source.html", ...). Errors: not_found.
  core::Result<std::string> read_file(const RevisionId& id, std::string_view name) const;

  // Packs every object reachable from a ref into one pack, deletes the loose
  // copies and the older packs that it now holds (libgit2 has no prune), and
  // removes the object folders left empty. Safe with concurrent readers and
  // writers (objects written meanwhile stay where they are).
  core::Result<void> pack();
  // Pack files (with their index) in the store: an ImportBatch adds one per
  // publish, and lookups slow down as they pile up.
  std::size_t pack_files() const;

  struct Impl;

private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// Appends many revisions of one story with few file operations: each add()
// builds a revision on top of the previous one and keeps its objects in
// memory; every `flush_every` revisions, and on flush(), they are written as
// ONE pack file and then the head moves to the last of them with
// compare-and-swap (objects always before the ref). If another writer moved
// the head meanwhile, the unpublished revisions are built again on top of the
// new head, calling their `prepare` callbacks again, so numbers, restores and
// dedupe stay right; a revision that became equal to the head is dropped.
// A crash (or destroying the batch without flush) loses only the unpublished
// revisions and never damages the store. The batch has its own repository
// handle: it does not need the Store that made it. Not thread-safe.
class ImportBatch {
public:
  ImportBatch(ImportBatch&&) noexcept;
  ImportBatch& operator=(ImportBatch&&) noexcept;
  // Discards the unpublished revisions (call flush() to keep them).
  ~ImportBatch();

  // Stages the revision `prepare` builds on top of the last staged one (or
  // the head). `prepare` is kept until the revision is published and may be
  // called again after this returns, so it must own what it uses. Result:
  // `recorded` with the staged revision (published by a later flush; its
  // number may still change if a concurrent writer forces a rebuild), or
  // `unchanged` when its text equals the tip's. Publishes when the batch is
  // full; a failed publish is returned here and the revisions stay staged.
  // Errors: as Store::append.
  core::Result<AppendResult> add(PrepareRevision prepare);
  // Publishes the staged revisions. Errors: conflict (attempts exhausted;
  // the revisions stay staged), io, git.
  core::Result<void> flush();
  // Revisions this batch has made part of the story so far.
  std::size_t published() const;
  // Revisions staged and not yet published.
  std::size_t pending() const;

  struct Impl;

private:
  friend class Store;
  explicit ImportBatch(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

} // namespace storydiff::store
