// SPDX-License-Identifier: MIT
#pragma once

// Helpers shared by the test executables: paths, temporary folders and running
// the real storydiff binary.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storydiff::test {

// The repository's root folder (for fixtures/).
std::filesystem::path source_dir();
// The shared corpus folder, or nullopt when it is absent (tests then skip).
std::optional<std::filesystem::path> corpus_dir();
// The revision files (NNN.txt, NNN.md, NNN.html) of the corpus's stories
// whose folder name starts with `story_prefix`, sorted.
std::vector<std::filesystem::path> corpus_revision_files(const std::filesystem::path& corpus,
                                                         std::string_view story_prefix = {});
// Reads a whole file; throws std::runtime_error when it cannot.
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& bytes);

// A fresh folder under the system's temp dir, removed with its contents when
// this object dies.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
  std::filesystem::path m_path;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

struct RunOptions {
  std::string stdin_bytes;
  std::vector<std::string> env; // "NAME=value" added to (or replacing in) the environment
  std::filesystem::path cwd;    // empty = current
};

// Runs `argv` (argv[0] found on PATH unless it holds a '/') and captures its
// output. For the storydiff binary use run_storydiff.
RunResult run_process(const std::vector<std::string>& argv, const RunOptions& options = {});
// Runs the storydiff binary under test with `args`.
RunResult run_storydiff(const std::vector<std::string>& args, const RunOptions& options = {});

} // namespace storydiff::test
