// SPDX-License-Identifier: MIT
#pragma once

// Checks and fixtures shared by the CLI tests (header-only: they use Catch2).
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace storydiff::test {

// A refused command: exit 2, one line on stderr, `storydiff: error: …`, and
// nothing on stdout.
inline void check_one_line_error(const RunResult& r) {
  INFO("stdout: " << r.out.substr(0, 200) << "\nstderr: " << r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("storydiff: error: "));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK(r.out.empty());
}

// `import STORY rev-001.txt … rev-009.txt` of fixtures/stories/harbor-bridge-
// collapse (its other files are notes) at fixed times, one hour apart from
// 2026-11-24T06:00Z, so outputs that show times are the same on every run.
inline std::vector<std::string> harbor_import_args(const std::string& story) {
  const auto fixture = source_dir() / "fixtures" / "stories" / "harbor-bridge-collapse";
  std::vector<std::string> args{"import", "--at", "2026-11-24T06:00:00Z", "--interval", "3600",
                                story};
  for (int n = 1; n <= 9; ++n) {
    args.push_back((fixture / ("rev-00" + std::to_string(n) + ".txt")).string());
  }
  return args;
}

} // namespace storydiff::test
