// SPDX-License-Identifier: MIT
// Runs the real storydiff binary: `diff` of two files and of stored
// revisions, its errors and colors, and the changes.json that `snapshot`
// and `import` record.
#include "cli_checks.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using storydiff::test::run_process;
using storydiff::test::run_storydiff;
using storydiff::test::RunOptions;
using storydiff::test::RunResult;
using storydiff::test::check_one_line_error;
using storydiff::test::harbor_import_args;
using storydiff::test::TempDir;
using storydiff::test::write_file;

namespace {

// Our own invented texts.
const std::string k_before = "The harbor bridge closed at 9 a.m. on Tuesday.\n"
                             "\n"
                             "Officials said 12 people were hurt.\n";
// A number changed: substantive.
const std::string k_number = "The harbor bridge closed at 9 a.m. on Tuesday.\n"
                             "\n"
                             "Officials said 15 people were hurt.\n";
// The same text with other line breaks: identical after normalization.
const std::string k_rewrapped = "The harbor bridge closed at 9 a.m.\non Tuesday.\n"
                                "\n"
                                "Officials said 12 people\nwere hurt.\n";
// Only a spelling fix: style.
const std::string k_typo_old = "The goverment said the harbor bridge closed at 9 a.m. on Tuesday.\n";
const std::string k_typo_new = "The government said the harbor bridge closed at 9 a.m. on Tuesday.\n";

struct DiffFixture {
  TempDir dir;
  std::string store = (dir.path() / "store").string();

  std::string file(const std::string& name, const std::string& bytes) const {
    write_file(dir / name, bytes);
    return (dir / name).string();
  }
  RunResult sd(std::vector<std::string> args, const RunOptions& options = {}) const {
    args.insert(args.begin(), {"--store", store});
    return run_storydiff(args, options);
  }
  RunResult git(std::vector<std::string> args) const {
    args.insert(args.begin(), {"git", "--git-dir", store});
    return run_process(args);
  }
  void import_fixture_story(const std::string& story) const {
    REQUIRE(sd({"init"}).exit_code == 0);
    const RunResult r = sd(harbor_import_args(story));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }

};

nlohmann::json parse_json(const RunResult& r) {
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(!r.out.empty());
  return nlohmann::json::parse(r.out);
}

} // namespace

TEST_CASE("cli diff: two files as text and as json", "[cli][diff]") {
  DiffFixture f;
  const std::string a = f.file("a.txt", k_before);
  const std::string b = f.file("b.txt", k_number);

  SECTION("json is storydiff.diff/1 with the files as labels") {
    const RunResult r = run_storydiff({"diff", "--format", "json", a, b});
    CHECK(r.exit_code == 0);
    const nlohmann::json j = parse_json(r);
    CHECK(j["schema"] == "storydiff.diff/1");
    CHECK(j["old"]["label"] == a);
    CHECK(j["new"]["label"] == b);
    CHECK(j["old"]["sentences"] == 2);
    CHECK(j["new"]["bytes"] == k_number.size());
    CHECK(j["significance"] == "substantive");
    CHECK(!j["sentences"].empty());
    CHECK(r.out.back() == '\n');
  }
  SECTION("text (the default) starts with the headline and has no colors off a terminal") {
    const RunResult r = run_storydiff({"diff", a, b});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    const nlohmann::json j = parse_json(run_storydiff({"diff", "--format=json", a, b}));
    const std::string headline = j["headline"];
    if (!headline.empty()) {
      CHECK(r.out.rfind(headline + "\n", 0) == 0);
    }
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK_THAT(r.out, Catch::Contains(a + " → " + b));
    // The edited sentence's word diff, numbered 1-based.
    CHECK_THAT(r.out, Catch::Contains("2 → 2"));
    CHECK_THAT(r.out, Catch::Contains("12"));
    CHECK_THAT(r.out, Catch::Contains("15"));
  }
  SECTION("one side may be standard input") {
    RunOptions options;
    options.stdin_bytes = k_number;
    const RunResult r = run_storydiff({"diff", "--format", "json", a, "-"}, options);
    CHECK(r.exit_code == 0);
    const nlohmann::json j = parse_json(r);
    CHECK(j["new"]["label"] == "-");
    CHECK(j["new"]["bytes"] == k_number.size());
  }
  SECTION("--input applies to files") {
    const std::string html = f.file("b.html", "<html><body><article><p>Officials said 15 people "
                                              "were hurt.</p></article></body></html>");
    const RunResult r = run_storydiff({"diff", "--input", "html", "--format", "json", a, html});
    CHECK(r.exit_code == 0);
    CHECK(parse_json(r)["new"]["sentences"] == 1);
  }
}

TEST_CASE("cli diff: --exit-code is 1 only for substantive changes", "[cli][diff]") {
  DiffFixture f;
  const std::string a = f.file("a.txt", k_before);
  auto exit_code = [&](const std::string& other) {
    return run_storydiff({"diff", "--exit-code", a, f.file("other.txt", other)}).exit_code;
  };
  CHECK(exit_code(k_before) == 0);    // identical
  CHECK(exit_code(k_rewrapped) == 0); // identical after normalization
  CHECK(exit_code(k_number) == 1);    // a number changed
  // Without --exit-code a found change still exits 0.
  CHECK(run_storydiff({"diff", a, f.file("n.txt", k_number)}).exit_code == 0);

  SECTION("identical texts say No change.") {
    const RunResult r = run_storydiff({"diff", a, f.file("same.txt", k_rewrapped)});
    CHECK(r.out == "No change.\n");
    CHECK(parse_json(run_storydiff({"diff", "--format", "json", a, f.file("same.txt", k_rewrapped)}))
              ["significance"] == "none");
  }
  SECTION("the exit status follows the reported significance") {
    // A spelling fix is style (0) once the classifier judges it; whatever it
    // reports, --exit-code must agree with the JSON's significance.
    const std::string old_file = f.file("typo-old.txt", k_typo_old);
    const std::string new_file = f.file("typo-new.txt", k_typo_new);
    const nlohmann::json j =
        parse_json(run_storydiff({"diff", "--format", "json", old_file, new_file}));
    const int code = run_storydiff({"diff", "--exit-code", old_file, new_file}).exit_code;
    CHECK(code == (j["significance"] == "substantive" ? 1 : 0));
  }
}

TEST_CASE("cli diff: revisions of a stored story", "[cli][diff][store]") {
  DiffFixture f;
  f.import_fixture_story("harbor");
  const nlohmann::json log = parse_json(f.sd({"log", "--format", "json", "harbor"}));
  REQUIRE(log["revisions"].size() == 9);

  SECTION("no revisions: previous vs latest") {
    const RunResult r = f.sd({"diff", "--format", "json", "harbor"});
    CHECK(r.exit_code == 0);
    const nlohmann::json j = parse_json(r);
    CHECK(j["old"]["label"] == "stories/harbor@r8");
    CHECK(j["new"]["label"] == "stories/harbor@r9");
  }
  SECTION("one revision: that one vs latest") {
    const nlohmann::json j = parse_json(f.sd({"diff", "--format", "json", "harbor", "r3"}));
    CHECK(j["old"]["label"] == "stories/harbor@r3");
    CHECK(j["new"]["label"] == "stories/harbor@r9");
  }
  SECTION("two revisions, in any of the forms show accepts") {
    const nlohmann::json j = parse_json(f.sd({"diff", "--format", "json", "harbor", "1", "HEAD~7"}));
    CHECK(j["old"]["label"] == "stories/harbor@r1");
    CHECK(j["new"]["label"] == "stories/harbor@r2");
    CHECK(j["significance"] == "substantive");
    // The same pair as recorded at import time.
    const RunResult stored = f.git({"show", "stories/harbor~7:changes.json"});
    REQUIRE(stored.exit_code == 0);
    CHECK(nlohmann::json::parse(stored.out) == j);
    CHECK(f.sd({"diff", "--exit-code", "harbor", "r1", "r2"}).exit_code == 1);
    CHECK(f.sd({"diff", "--exit-code", "harbor", "r2", "r2"}).exit_code == 0);
  }
  SECTION("text output labels the revisions") {
    const RunResult r = f.sd({"diff", "harbor", "r1", "r2"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("stories/harbor@r1 → stories/harbor@r2"));
  }
  SECTION("errors") {
    check_one_line_error(f.sd({"diff", "harbor", "r99"}));
    check_one_line_error(f.sd({"diff", "nosuchstory"}));
    check_one_line_error(f.sd({"diff", "--input", "html", "harbor"}));
  }
}

TEST_CASE("cli diff: a story with one revision has nothing to compare", "[cli][diff][store]") {
  DiffFixture f;
  REQUIRE(f.sd({"init"}).exit_code == 0);
  REQUIRE(f.sd({"snapshot", "solo", f.file("v1.txt", k_before)}).exit_code == 0);
  const RunResult r = f.sd({"diff", "solo"});
  check_one_line_error(r);
  CHECK_THAT(r.err, Catch::Contains("story solo has only r1"));
}

TEST_CASE("cli diff: bad arguments exit 2 with one line", "[cli][diff]") {
  DiffFixture f;
  const std::string a = f.file("a.txt", k_before);
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"diff"},
           {"diff", a, a, a, a},
           {"diff", "--format", "xml", a, a},
           {"diff", "--format", "pdf", a, a},
           {"diff", "-", "-"},
           {"diff", "--nope", a, a},
           {"diff", a, "/no/such/file.txt"},
           {"diff", "/no/such/a.txt", "/no/such/b.txt"},
           {"diff", "missing-a.txt", "missing-b.txt"},
           {"diff", "Bad Story"}}) {
    INFO("args: " << args.size() << " " << args.back());
    check_one_line_error(f.sd(args));
  }
  const RunResult pdf = f.sd({"diff", "--format", "pdf", a, a});
  CHECK_THAT(pdf.err, Catch::Contains("text, json, markdown or html"));
  const RunResult missing = f.sd({"diff", "missing-a.txt", "missing-b.txt"});
  CHECK_THAT(missing.err, Catch::Contains("cannot read missing-a.txt"));
  const RunResult help = run_storydiff({"diff", "--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("storydiff diff"));
}

TEST_CASE("cli diff: colors on a terminal, never with NO_COLOR", "[cli][diff]") {
  DiffFixture f;
  const std::string a = f.file("a.txt", k_before);
  const std::string b = f.file("b.txt", k_number);

  const RunResult always = run_storydiff({"--color=always", "diff", a, b});
  CHECK(always.exit_code == 0);
  CHECK_THAT(always.out, Catch::Contains("\x1b[31m"));
  CHECK_THAT(always.out, Catch::Contains("\x1b[0m"));
  CHECK(run_storydiff({"--color=never", "diff", a, b}).out.find('\x1b') == std::string::npos);

  // Under a pseudo-terminal (util-linux `script`), auto turns colors on
  // unless NO_COLOR is set.
  const RunResult has_script = run_process({"sh", "-c", "command -v script"});
  if (has_script.exit_code != 0) {
    WARN("script(1) not found: terminal color detection not tested");
    return;
  }
  // The test executables sit beside storydiff in the build's bin/ folder.
  const std::filesystem::path binary =
      std::filesystem::read_symlink("/proc/self/exe").parent_path() / "storydiff";
  REQUIRE(std::filesystem::exists(binary));
  const std::string command = "'" + binary.string() + "' diff '" + a + "' '" + b + "'";
  RunOptions tty;
  tty.env = {"NO_COLOR", "STORYDIFF_STORE", "TERM=xterm"};
  const RunResult colored = run_process({"script", "-qec", command, "/dev/null"}, tty);
  CHECK(colored.exit_code == 0);
  CHECK_THAT(colored.out, Catch::Contains("\x1b[31m"));
  tty.env.push_back("NO_COLOR=1");
  const RunResult plain = run_process({"script", "-qec", command, "/dev/null"}, tty);
  CHECK(plain.exit_code == 0);
  CHECK_THAT(plain.out, Catch::Contains("12"));
  CHECK(plain.out.find('\x1b') == std::string::npos);
}

TEST_CASE("cli snapshot: records changes.json and the headline", "[cli][diff][store]") {
  DiffFixture f;
  REQUIRE(f.sd({"init"}).exit_code == 0);
  const RunResult first = f.sd({"snapshot", "--at", "2026-11-24T06:00:00Z", "bridge",
                                f.file("v1.txt", k_before)});
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("first capture: 2 sentences"));
  CHECK(f.git({"log", "-1", "--format=%s", "stories/bridge"}).out ==
        "bridge r1: first capture: 2 sentences\n");
  // The first revision has no parent, so no changes.json.
  CHECK(f.git({"cat-file", "-e", "stories/bridge:changes.json"}).exit_code != 0);

  const RunResult second = f.sd({"snapshot", "--at", "2026-11-24T07:00:00Z", "bridge",
                                 f.file("v2.txt", k_number)});
  REQUIRE(second.exit_code == 0);
  const RunResult shown = f.git({"show", "stories/bridge:changes.json"});
  REQUIRE(shown.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(shown.out);
  CHECK(j["schema"] == "storydiff.diff/1");
  CHECK(j["old"]["label"] == "stories/bridge@r1");
  CHECK(j["new"]["label"] == "stories/bridge@r2");
  CHECK(j["significance"] == "substantive");
  // It is what `diff STORY` reports for the same pair.
  CHECK(nlohmann::json::parse(f.sd({"diff", "--format", "json", "bridge"}).out) == j);

  const std::string subject = f.git({"log", "-1", "--format=%s", "stories/bridge"}).out;
  CHECK_THAT(subject, Catch::StartsWith("bridge r2: "));
  CHECK(subject.size() > std::string("bridge r2: \n").size());
  const std::string headline = j["headline"];
  if (!headline.empty()) {
    CHECK(subject == "bridge r2: " + headline + "\n");
  }
  // The headline is printed after "recorded", and log shows it.
  const std::string shown_headline = subject.substr(11, subject.size() - 12);
  CHECK_THAT(second.out, Catch::Contains("recorded"));
  CHECK_THAT(second.out, Catch::Contains("  " + shown_headline + "\n"));
  CHECK_THAT(f.sd({"log", "bridge"}).out, Catch::Contains(shown_headline));
  // The summary lines are in the commit body.
  const std::string body = f.git({"log", "-1", "--format=%b", "stories/bridge"}).out;
  for (const auto& line : j["summary"]) {
    CHECK_THAT(body, Catch::Contains(line.get<std::string>()));
  }
}

TEST_CASE("cli import: every revision after the first has changes.json", "[cli][diff][store]") {
  DiffFixture f;
  f.import_fixture_story("harbor");
  CHECK(f.git({"cat-file", "-e", "stories/harbor~8:changes.json"}).exit_code != 0);
  for (int back = 0; back < 8; ++back) {
    const RunResult r = f.git({"show", "stories/harbor~" + std::to_string(back) + ":changes.json"});
    INFO("stories/harbor~" << back);
    REQUIRE(r.exit_code == 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    CHECK(j["schema"] == "storydiff.diff/1");
    CHECK(j["new"]["label"] == "stories/harbor@r" + std::to_string(9 - back));
  }
  CHECK(f.git({"fsck", "--strict"}).exit_code == 0);
}
