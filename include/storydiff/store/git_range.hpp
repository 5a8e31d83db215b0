// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/core/result.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Reading drafts straight out of any git repository (not the story store):
// the files a range of commits changed, both sides' bytes from the object
// database, no checkout needed. For `storydiff check --git BASE..HEAD`.
// libgit2-free header; the code lives in src/store/ with the store's other
// libgit2 users.
namespace storydiff::store {

enum class FileStatus { added, deleted, modified, renamed, copied };

// "added", "deleted", ...
std::string_view to_string(FileStatus status);

// One side of a changed file.
struct FileVersion {
  std::string path;        // repository-relative, '/'-separated
  std::string content;     // the blob's bytes (empty when `binary` or `too_large`)
  bool binary = false;     // git's own binary heuristic (libgit2's git_blob_is_binary:
                           // a NUL, or mostly non-printable bytes, in the first 8000 bytes)
  bool too_large = false;  // over RangeOptions::max_blob_bytes; content not read
  std::string id;          // the blob's object id, 40 hex digits
  std::uint64_t size = 0;  // the blob's size in bytes (also when not read)
};

struct ChangedFile {
  FileStatus status = FileStatus::modified;
  std::optional<FileVersion> old_file; // absent for added files
  std::optional<FileVersion> new_file; // absent for deleted files
  std::uint16_t similarity = 100;      // renamed/copied: git's similarity, 0..100
};

struct RangeOptions {
  // Pathspecs as git takes them after `--` ("drafts/", "*.md"); empty = all.
  // A file is kept when its old or new path matches (so a rename into or out
  // of the pathspec is still seen as a rename). As with git, they are relative
  // to `start` when `start` is a subfolder of the work tree ("." and ".."
  // allowed; one that leaves the repository is invalid_input). No pathspec
  // magic (":(glob)", ":/").
  std::vector<std::string> pathspecs;
  // Follow renames (git's default 50% similarity threshold; up to 1,000
  // added x deleted candidates, git's diff.renameLimit default).
  bool find_renames = true;
  // Blobs larger than this are reported with too_large and not read.
  // Range 1 byte..1 GiB; default 50 MiB.
  std::uint64_t max_blob_bytes = 50ull << 20;
};

// The files changed between two commits of the repository found by walking
// up from `start` (a folder inside the work tree, the .git folder, or a bare
// repository). `range` is "BASE..HEAD" (tree of BASE against tree of HEAD),
// "BASE...HEAD" (against their merge base), or one revision "REV" (REV's
// first parent against REV; a root commit against the empty tree). Each side
// is any revision git understands (branch, tag, commit id prefix, HEAD~2).
// Files come in the order of their new (else old) path. Submodules and
// symbolic links are skipped.
// A side that is not a commit (a tree or blob id) is invalid_input; "A.."
// and "..B" mean HEAD for the missing side, as in git.
// Errors: not_found (no repository, no commits yet, unknown revision, no
// merge base for "..."), invalid_input (an empty or malformed range, a
// pathspec outside the repository, max_blob_bytes out of range), io, git.
core::Result<std::vector<ChangedFile>> read_changed_files(const std::filesystem::path& start,
                                                          std::string_view range,
                                                          const RangeOptions& options = {});

} // namespace storydiff::store
