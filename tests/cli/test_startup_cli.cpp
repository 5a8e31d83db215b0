// SPDX-License-Identifier: MIT
// libgit2 and libcrypto are loaded on first use, not linked (src/store/git/api.hpp,
// src/cli/commands/crypto_api.hpp): commands that never touch a store run
// without them, and store commands fail cleanly when libgit2 cannot be loaded.
// A folder on LD_LIBRARY_PATH holding unloadable files under their sonames
// stands in for a broken or missing library: the loader tries it first, so a
// binary that linked either library would not even start.
#include "cli_checks.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

using storydiff::test::check_one_line_error;
using storydiff::test::run_storydiff;
using storydiff::test::RunOptions;
using storydiff::test::RunResult;
using storydiff::test::source_dir;
using storydiff::test::TempDir;
using storydiff::test::write_file;

namespace {

// Options whose LD_LIBRARY_PATH makes dlopen of libgit2 and libcrypto fail.
RunOptions with_broken_libraries(const TempDir& dir) {
  write_file(dir / STORYDIFF_LIBGIT2_SONAME, "not a shared object\n");
  write_file(dir / STORYDIFF_LIBCRYPTO_SONAME, "not a shared object\n");
  RunOptions options;
  options.env = {"LD_LIBRARY_PATH=" + dir.path().string()};
  options.cwd = dir.path(); // check --git: no repository, no policy file around
  return options;
}

} // namespace

TEST_CASE("cli start-up: libgit2 and libcrypto are loaded only by the commands that need them",
          "[cli][store]") {
  TempDir dir;
  const RunOptions broken = with_broken_libraries(dir);
  const std::string store = (dir / "store").string();

  SECTION("commands without a store run as usual") {
    const auto story = source_dir() / "fixtures" / "stories" / "harbor-bridge-collapse";
    const std::vector<std::vector<std::string>> commands = {
        {"--version"},
        {"diff", (story / "rev-001.txt").string(), (story / "rev-002.txt").string()},
        {"diff", "--format", "json", (story / "rev-002.txt").string(),
         (story / "rev-003.txt").string()},
        {"sentences", (story / "rev-001.txt").string()},
    };
    for (const auto& args : commands) {
      INFO(args.front());
      const RunResult expected = run_storydiff(args);
      REQUIRE(expected.exit_code <= 1);
      const RunResult r = run_storydiff(args, broken);
      CHECK(r.exit_code == expected.exit_code);
      CHECK(r.out == expected.out);
      CHECK(r.err == expected.err);
    }
  }

  SECTION("store commands fail with one line naming libgit2") {
    const std::vector<std::vector<std::string>> commands = {
        {"--store", store, "init"},
        {"--store", store, "list"},
        {"--store", store, "log", "bridge"},
        {"check", "--git", "HEAD~1..HEAD"},
    };
    for (const auto& args : commands) {
      INFO(args.back());
      const RunResult r = run_storydiff(args, broken);
      check_one_line_error(r);
      CHECK_THAT(r.err, Catch::StartsWith("storydiff: error: cannot load libgit2 (") &&
                            Catch::Contains(STORYDIFF_LIBGIT2_SONAME));
    }
    // Nothing was created.
    CHECK_FALSE(std::filesystem::exists(store));
  }
}
