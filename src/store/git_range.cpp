// SPDX-License-Identifier: MIT
// PLACEHOLDER: replaced by the git-range implementation (issue 6).
#include <storydiff/store/git_range.hpp>

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

core::Result<std::vector<ChangedFile>> read_changed_files(const std::filesystem::path&,
                                                          std::string_view,
                                                          const RangeOptions&) {
  return core::fail(core::ErrorCode::git, "reading a git range is not implemented yet");
}

} // namespace storydiff::store
