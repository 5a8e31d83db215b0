// SPDX-License-Identifier: MIT
// Runs the real storydiff binary: exit codes, help, errors.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using storydiff::test::run_storydiff;

TEST_CASE("cli: --help and --version", "[cli]") {
  auto help = run_storydiff({"--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("usage: storydiff"));
  CHECK_THAT(help.out, Catch::Contains("sentences"));
  auto version = run_storydiff({"--version"});
  CHECK(version.exit_code == 0);
  CHECK_THAT(version.out, Catch::StartsWith("storydiff "));
}

TEST_CASE("cli: every command has --help", "[cli]") {
  auto overview = run_storydiff({"--help"});
  for (const char* command : {"sentences"}) {
    auto r = run_storydiff({command, "--help"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains(std::string("storydiff ") + command));
    auto via_help = run_storydiff({"help", command});
    CHECK(via_help.out == r.out);
  }
}

TEST_CASE("cli: usage errors exit 2 with one line on stderr", "[cli]") {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{}, {"no-such-command"}, {"--bogus"},
                                             {"--color=sometimes", "sentences", "x"},
                                             {"sentences"}, {"sentences", "--format=xml", "-"},
                                             {"sentences", "--nope", "-"}}) {
    auto r = run_storydiff(args);
    CHECK(r.exit_code == 2);
    if (!args.empty()) {
      CHECK_THAT(r.err, Catch::StartsWith("storydiff: error: "));
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
  }
}

TEST_CASE("cli: unreadable input is a clear error", "[cli]") {
  auto missing = run_storydiff({"sentences", "/no/such/file.txt"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "storydiff: error: cannot read /no/such/file.txt (No such file or directory)\n");
  auto dir = run_storydiff({"sentences", "/"});
  CHECK(dir.exit_code == 2);
  CHECK_THAT(dir.err, Catch::Contains("directory"));
}

TEST_CASE("cli: sentences reads stdin", "[cli]") {
  storydiff::test::RunOptions options;
  options.stdin_bytes = "First paragraph.\n\nSecond paragraph.\n";
  auto r = run_storydiff({"sentences", "-"}, options);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "First paragraph.\n\nSecond paragraph.\n");
}
