// SPDX-License-Identifier: MIT
// read_changed_files: the files a commit range changed in any git repository,
// both sides read straight from the object database.
#include "git/api.hpp"
#include "git/check.hpp"
#include "git/handle.hpp"

#include <storydiff/store/git_range.hpp>

#include <algorithm>
#include <system_error>

namespace storydiff::store {

std::string_view to_string(FileStatus status) {
  switch (status) {
  case FileStatus::added: return "added";
  case FileStatus::deleted: return "deleted";
  case FileStatus::modified: return "modified";
  case FileStatus::renamed: return "renamed";
  case FileStatus::copied: return "copied";
  }
  return "modified";
}

namespace {

// git's default diff.renameLimit: rename detection gives up past this many
// candidates on either side (libgit2's own default is 200).
constexpr std::size_t k_rename_limit = 1000;
constexpr std::uint64_t k_max_blob_cap = 1ull << 30;

// The two trees a range compares; `old_tree` is null for the empty tree.
struct TreePair {
  git::TreePtr old_tree;
  git::TreePtr new_tree;
};

core::Result<git::CommitPtr> peel_to_commit(git_object* object, std::string_view spec) {
  git_object* peeled = nullptr;
  const int rc = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT);
  if (rc < 0) {
    return core::fail(core::ErrorCode::invalid_input, "'" + std::string(spec) +
                                                          "' does not name a commit (" +
                                                          git::last_message() + ")");
  }
  return git::CommitPtr(reinterpret_cast<git_commit*>(peeled));
}

core::Result<git::TreePtr> tree_of(git_commit* commit) {
  git_tree* tree = nullptr;
  STORYDIFF_TRY(git::check(git_commit_tree(&tree, commit), "cannot read a commit's tree"));
  return git::TreePtr(tree);
}

core::Result<TreePair> resolve_range(git_repository* repo, std::string_view range) {
  const std::string spec(range);
  git_revspec revspec{};
  const int rc = git_revparse(&revspec, repo, spec.c_str());
  // Owned even on failure: libgit2 leaves `from` set when only `to` fails.
  const git::ObjectPtr from(revspec.from);
  const git::ObjectPtr to(revspec.to);
  if (rc < 0) {
    const auto code = git::code_of(rc);
    const char* what =
        code == core::ErrorCode::not_found ? "unknown revision in '" : "cannot resolve the range '";
    return core::fail(code == core::ErrorCode::git ? core::ErrorCode::invalid_input : code,
                      what + spec + "' (" + git::last_message() + ")");
  }
  TreePair trees;
  if ((revspec.flags & GIT_REVSPEC_SINGLE) != 0) {
    // One revision: its first parent (or the empty tree) against it.
    auto commit = peel_to_commit(from.get(), spec);
    if (!commit) {
      return core::Failure{commit.error()};
    }
    auto new_tree = tree_of(commit->get());
    if (!new_tree) {
      return core::Failure{new_tree.error()};
    }
    trees.new_tree = std::move(new_tree).value();
    if (git_commit_parentcount(commit->get()) > 0) {
      git_commit* parent = nullptr;
      STORYDIFF_TRY(git::check(git_commit_parent(&parent, commit->get(), 0),
                               "cannot read the first parent of '" + spec + "'"));
      const git::CommitPtr parent_ptr(parent);
      auto old_tree = tree_of(parent);
      if (!old_tree) {
        return core::Failure{old_tree.error()};
      }
      trees.old_tree = std::move(old_tree).value();
    }
    return trees;
  }
  if (from == nullptr || to == nullptr) {
    return core::fail(core::ErrorCode::invalid_input, "malformed range '" + spec + "'");
  }
  auto old_commit = peel_to_commit(from.get(), spec);
  if (!old_commit) {
    return core::Failure{old_commit.error()};
  }
  auto new_commit = peel_to_commit(to.get(), spec);
  if (!new_commit) {
    return core::Failure{new_commit.error()};
  }
  git::CommitPtr base = std::move(old_commit).value();
  if ((revspec.flags & GIT_REVSPEC_MERGE_BASE) != 0) {
    // BASE...HEAD: what HEAD changed since it forked from BASE.
    git_oid base_id{};
    const int base_rc =
        git_merge_base(&base_id, repo, git_commit_id(base.get()), git_commit_id(new_commit->get()));
    if (base_rc == GIT_ENOTFOUND) {
      return core::fail(core::ErrorCode::not_found,
                        "no merge base in '" + spec + "' (the two sides share no history)");
    }
    STORYDIFF_TRY(git::check(base_rc, "cannot find the merge base of '" + spec + "'"));
    git_commit* merge_base = nullptr;
    STORYDIFF_TRY(git::check(git_commit_lookup(&merge_base, repo, &base_id),
                             "cannot read the merge base of '" + spec + "'"));
    base.reset(merge_base);
  }
  auto old_tree = tree_of(base.get());
  if (!old_tree) {
    return core::Failure{old_tree.error()};
  }
  auto new_tree = tree_of(new_commit->get());
  if (!new_tree) {
    return core::Failure{new_tree.error()};
  }
  trees.old_tree = std::move(old_tree).value();
  trees.new_tree = std::move(new_tree).value();
  return trees;
}

// The folder of `start` relative to the work tree ("drafts/"), or "" at the
// top, outside it, or in a bare repository: git reads pathspecs relative to
// the current folder.
std::string pathspec_prefix(git_repository* repo, const std::filesystem::path& start) {
  const char* workdir = git_repository_workdir(repo);
  if (workdir == nullptr) {
    return {};
  }
  std::error_code ec;
  const auto top = std::filesystem::weakly_canonical(workdir, ec);
  const auto here = std::filesystem::weakly_canonical(start, ec);
  if (ec) {
    return {};
  }
  const auto rel = here.lexically_relative(top);
  if (rel.empty() || rel == "." || *rel.begin() == ".." || *rel.begin() == ".git") {
    return {};
  }
  return rel.generic_string() + "/";
}

bool skipped_mode(std::uint16_t mode) {
  return mode == GIT_FILEMODE_COMMIT || mode == GIT_FILEMODE_LINK || mode == GIT_FILEMODE_TREE;
}

core::Result<FileVersion> read_side(git_repository* repo, git_odb* odb, const git_diff_file& file,
                                    std::uint64_t max_bytes) {
  FileVersion version;
  version.path = file.path;
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, &file.id);
  version.id = hex;
  // The header first, so a huge blob is never inflated into memory.
  std::size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  STORYDIFF_TRY(git::check(git_odb_read_header(&size, &type, odb, &file.id),
                           "cannot read the object of " + version.path));
  version.size = size;
  if (size > max_bytes) {
    version.too_large = true;
    return version;
  }
  git_blob* blob = nullptr;
  STORYDIFF_TRY(git::check(git_blob_lookup(&blob, repo, &file.id),
                           "cannot read the blob of " + version.path));
  const git::BlobPtr blob_ptr(blob);
  if (git_blob_is_binary(blob) != 0) {
    version.binary = true;
    return version;
  }
  const auto* bytes = static_cast<const char*>(git_blob_rawcontent(blob));
  version.content.assign(bytes, static_cast<std::size_t>(git_blob_rawsize(blob)));
  return version;
}

std::optional<FileStatus> status_of(git_delta_t status) {
  switch (status) {
  case GIT_DELTA_ADDED: return FileStatus::added;
  case GIT_DELTA_DELETED: return FileStatus::deleted;
  case GIT_DELTA_MODIFIED: return FileStatus::modified;
  case GIT_DELTA_RENAMED: return FileStatus::renamed;
  case GIT_DELTA_COPIED: return FileStatus::copied;
  default: return std::nullopt; // unmodified, typechange (split: not asked for), ...
  }
}

} // namespace

core::Result<std::vector<ChangedFile>> read_changed_files(const std::filesystem::path& start,
                                                          std::string_view range,
                                                          const RangeOptions& options) {
  STORYDIFF_TRY(git::load());
  if (range.empty()) {
    return core::fail(core::ErrorCode::invalid_input, "empty revision range");
  }
  if (options.max_blob_bytes < 1 || options.max_blob_bytes > k_max_blob_cap) {
    return core::fail(core::ErrorCode::invalid_input,
                      "max_blob_bytes must be between 1 byte and 1 GiB");
  }
  git_repository* raw_repo = nullptr;
  const std::string start_str = start.string();
  if (const int rc = git_repository_open_ext(&raw_repo, start_str.c_str(), 0, nullptr); rc < 0) {
    if (rc == GIT_ENOTFOUND) {
      return core::fail(core::ErrorCode::not_found,
                        "not a git repository (or any parent up to the root): " + start_str);
    }
    return git::failure(rc, "cannot open the git repository at " + start_str);
  }
  const git::RepoPtr repo(raw_repo);

  auto trees = resolve_range(repo.get(), range);
  if (!trees) {
    return core::Failure{trees.error()};
  }

  // Pathspecs relative to `start`, as git reads them.
  const std::string prefix = pathspec_prefix(repo.get(), start);
  std::vector<std::string> specs;
  bool whole_tree = false; // "." at the top: no filter at all
  for (const auto& spec : options.pathspecs) {
    const std::string joined =
        std::filesystem::path(prefix + spec).lexically_normal().generic_string();
    if (joined == ".." || joined.starts_with("../")) {
      return core::fail(core::ErrorCode::invalid_input,
                        "pathspec '" + spec + "' is outside the repository");
    }
    if (joined.empty() || joined == "." || joined == "./") {
      whole_tree = true;
    } else {
      specs.push_back(joined);
    }
  }
  if (whole_tree) {
    specs.clear();
  }
  std::vector<char*> spec_ptrs;
  for (auto& s : specs) {
    spec_ptrs.push_back(s.data());
  }
  const git_strarray spec_array{spec_ptrs.data(), spec_ptrs.size()};

  git_diff_options diff_options;
  git_diff_options_init(&diff_options, GIT_DIFF_OPTIONS_VERSION);
  // Renames pair a deleted with an added path, so with rename detection the
  // pathspec filters after pairing (either side may match), else in the diff.
  git::PathspecPtr pathspec;
  if (!specs.empty()) {
    if (options.find_renames) {
      git_pathspec* ps = nullptr;
      STORYDIFF_TRY(git::check(git_pathspec_new(&ps, &spec_array), "bad pathspec"));
      pathspec.reset(ps);
    } else {
      diff_options.pathspec = spec_array;
    }
  }
  git_diff* raw_diff = nullptr;
  STORYDIFF_TRY(git::check(git_diff_tree_to_tree(&raw_diff, repo.get(), trees->old_tree.get(),
                                                 trees->new_tree.get(), &diff_options),
                           "cannot compare the trees of '" + std::string(range) + "'"));
  const git::DiffPtr diff(raw_diff);
  if (options.find_renames) {
    git_diff_find_options find;
    git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
    find.flags = GIT_DIFF_FIND_RENAMES;
    find.rename_limit = k_rename_limit;
    STORYDIFF_TRY(git::check(git_diff_find_similar(diff.get(), &find),
                             "cannot detect renames in '" + std::string(range) + "'"));
  }

  git_odb* raw_odb = nullptr;
  STORYDIFF_TRY(
      git::check(git_repository_odb(&raw_odb, repo.get()), "cannot open the object database"));
  const git::OdbPtr odb(raw_odb);

  std::vector<ChangedFile> files;
  const std::size_t count = git_diff_num_deltas(diff.get());
  files.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
    const auto status = status_of(delta->status);
    if (!status) {
      continue;
    }
    const bool has_old = *status != FileStatus::added;
    const bool has_new = *status != FileStatus::deleted;
    if ((has_old && skipped_mode(delta->old_file.mode)) ||
        (has_new && skipped_mode(delta->new_file.mode))) {
      continue; // submodules and symbolic links: not drafts
    }
    if (pathspec && !(git_pathspec_matches_path(pathspec.get(), 0, delta->old_file.path) == 1 ||
                      git_pathspec_matches_path(pathspec.get(), 0, delta->new_file.path) == 1)) {
      continue;
    }
    ChangedFile file;
    file.status = *status;
    if (*status == FileStatus::renamed || *status == FileStatus::copied) {
      file.similarity = delta->similarity;
    }
    if (has_old) {
      auto side = read_side(repo.get(), odb.get(), delta->old_file, options.max_blob_bytes);
      if (!side) {
        return core::Failure{side.error()};
      }
      file.old_file = std::move(side).value();
    }
    if (has_new) {
      auto side = read_side(repo.get(), odb.get(), delta->new_file, options.max_blob_bytes);
      if (!side) {
        return core::Failure{side.error()};
      }
      file.new_file = std::move(side).value();
    }
    files.push_back(std::move(file));
  }
  auto key = [](const ChangedFile& f) -> const std::string& {
    return f.new_file ? f.new_file->path : f.old_file->path;
  };
  std::stable_sort(files.begin(), files.end(),
                   [&](const ChangedFile& a, const ChangedFile& b) { return key(a) < key(b); });
  return files;
}

} // namespace storydiff::store
