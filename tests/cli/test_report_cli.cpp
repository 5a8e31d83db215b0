// SPDX-License-Identifier: MIT
// Runs the real storydiff binary: `diff --format markdown|html` and
// `report STORY [-o FILE] [--since REV]` on a stored story.
#include "cli_checks.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using storydiff::test::read_file;
using storydiff::test::run_storydiff;
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
const std::string k_after = "The harbor bridge closed at 9 a.m. on Tuesday.\n"
                            "\n"
                            "Officials said 15 people were hurt.\n";

struct ReportFixture {
  TempDir dir;
  std::string store = (dir.path() / "store").string();

  std::string file(const std::string& name, const std::string& bytes) const {
    write_file(dir / name, bytes);
    return (dir / name).string();
  }
  RunResult sd(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--store", store});
    return run_storydiff(args);
  }
  void import_harbor(const std::string& story) const {
    REQUIRE(sd({"init"}).exit_code == 0);
    const RunResult r = sd(harbor_import_args(story));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }

};

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) {
    ++n;
  }
  return n;
}

// The page's escaping, for finding stored text on it.
std::string html_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c; break;
    }
  }
  return out;
}

} // namespace

TEST_CASE("cli diff --format markdown and html", "[cli][report]") {
  ReportFixture f;
  const std::string a = f.file("a.txt", k_before);
  const std::string b = f.file("b.txt", k_after);

  SECTION("markdown") {
    const RunResult r = f.sd({"diff", "--format", "markdown", a, b});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("# Number changed"));
    CHECK_THAT(r.out, Catch::Contains("`number_changed`"));
    CHECK_THAT(r.out, Catch::Contains("Officials said ~~12~~**15** people were hurt."));
  }
  SECTION("html") {
    const RunResult r = f.sd({"diff", "--format", "html", a, b});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("<!DOCTYPE html>"));
    CHECK_THAT(r.out, Catch::Contains("Officials said <del>12</del><ins>15</ins> people were hurt."));
    CHECK_THAT(r.out, Catch::Contains("data-kind=\"number_changed\""));
    CHECK_THAT(r.out, Catch::EndsWith("</html>\n"));
  }
  SECTION("--exit-code still applies") {
    CHECK(f.sd({"diff", "--format", "html", "--exit-code", a, b}).exit_code == 1);
    CHECK(f.sd({"diff", "--format", "markdown", "--exit-code", a, a}).exit_code == 0);
  }
  SECTION("stored revisions") {
    f.import_harbor("harbor");
    const RunResult r = f.sd({"diff", "--format", "markdown", "harbor", "r5", "r6"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("stories/harbor@r5 → stories/harbor@r6"));
    CHECK_THAT(r.out, Catch::Contains("~~Tuesday~~**Monday**"));
  }
}

TEST_CASE("cli report: a story's page on stdout and in a file", "[cli][report]") {
  ReportFixture f;
  f.import_harbor("harbor");
  const RunResult page = f.sd({"report", "harbor"});
  INFO(page.err);
  REQUIRE(page.exit_code == 0);
  CHECK(page.err.empty()); // no progress bar when stderr is not a terminal
  CHECK_THAT(page.out, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK(count_of(page.out, "<section class=\"revision\" id=\"r") == 9);
  CHECK(count_of(page.out, "<li class=\"") - count_of(page.out, "<li class=\"change") == 9);
  // Newest first.
  CHECK(page.out.find("id=\"r9\"") < page.out.find("id=\"r1\""));
  CHECK(page.out.find("<time datetime=\"2026-11-24T14:00:00Z\">2026-11-24 14:00Z</time>") !=
        std::string::npos);

  SECTION("every revision's stored headline and typed changes are on the page") {
    const RunResult log = f.sd({"log", "--format", "json", "harbor"});
    REQUIRE(log.exit_code == 0);
    const nlohmann::json revisions = nlohmann::json::parse(log.out)["revisions"];
    REQUIRE(revisions.size() == 9);
    for (const nlohmann::json& revision : revisions) {
      const std::string headline = revision["headline"].get<std::string>();
      INFO(headline);
      CHECK(page.out.find("<span class=\"tl-headline\">" + html_escape(headline) + "</span>") !=
            std::string::npos);
      if (revision["revision"].get<int>() == 1) {
        continue; // the first capture has no changes.json
      }
      // The stored changes.json, read with plain git.
      const RunResult stored = storydiff::test::run_process(
          {"git", "--git-dir", f.store, "show", revision["id"].get<std::string>() + ":changes.json"});
      REQUIRE(stored.exit_code == 0);
      const nlohmann::json changes = nlohmann::json::parse(stored.out)["changes"];
      for (const nlohmann::json& change : changes) {
        const std::string message = html_escape(change["message"].get<std::string>());
        INFO(message);
        CHECK(page.out.find("data-kind=\"" + change["kind"].get<std::string>() + "\"") !=
              std::string::npos);
        CHECK(page.out.find("<p class=\"msg\">" + message + "</p>") != std::string::npos);
      }
    }
    // r6 moved the collapse to Monday (CHANGES.md): a typed change and a word diff.
    const std::size_t r6 = page.out.find("id=\"r6\"");
    const std::size_t r5 = page.out.find("id=\"r5\"");
    REQUIRE(r6 < r5);
    const std::string section = page.out.substr(r6, r5 - r6);
    CHECK_THAT(section, Catch::Contains("data-kind=\"date_changed\""));
    CHECK_THAT(section, Catch::Contains("<del>Tuesday</del><ins>Monday</ins>"));
  }
  SECTION("-o writes the same page atomically, replacing an older file") {
    const std::string out = (f.dir / "report.html").string();
    write_file(out, "old contents");
    const RunResult r = f.sd({"report", "harbor", "-o", out});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(read_file(out) == page.out);
    // No temporary file is left beside it.
    for (const auto& entry : std::filesystem::directory_iterator(f.dir.path())) {
      INFO(entry.path());
      CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
    }
  }
  SECTION("--since shows only the later revisions") {
    const RunResult r = f.sd({"report", "harbor", "--since", "r7"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(count_of(r.out, "<section class=\"revision\"") == 2);
    CHECK(r.out.find("id=\"r9\"") != std::string::npos);
    CHECK(r.out.find("id=\"r8\"") != std::string::npos);
    CHECK(r.out.find("id=\"r7\"") == std::string::npos);
    CHECK_THAT(r.out, Catch::Contains("revisions after r7"));
    // r8 is diffed against r7 even though r7 is not shown.
    CHECK_THAT(r.out, Catch::Contains("data-kind=\"number_changed\""));
    const RunResult none = f.sd({"report", "harbor", "--since", "HEAD"});
    REQUIRE(none.exit_code == 0);
    CHECK(count_of(none.out, "<section class=\"revision\"") == 0);
    CHECK_THAT(none.out, Catch::Contains("no revisions after r9"));
  }
}

TEST_CASE("cli report: hostile story text stays text", "[cli][report]") {
  ReportFixture f;
  REQUIRE(f.sd({"init"}).exit_code == 0);
  const std::string one = f.file("one.txt", "Officials said 12 people were hurt.\n");
  const std::string two = f.file(
      "two.txt", "Officials said 15 people were hurt <script>alert(1)</script>.\n\n"
                 "Police said \"><img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a> "
                 "</style>.\n");
  REQUIRE(f.sd({"snapshot", "--input", "txt", "story", one}).exit_code == 0);
  REQUIRE(f.sd({"snapshot", "--input", "txt", "story", two}).exit_code == 0);
  const RunResult r = f.sd({"report", "story"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  for (const char* raw : {"<script", "<img", "<a href=\"javascript", "onerror=alert(1)>"}) {
    INFO(raw);
    CHECK(r.out.find(raw) == std::string::npos);
  }
  CHECK(count_of(r.out, "</style>") == 1);
  CHECK_THAT(r.out, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_THAT(r.out, Catch::Contains("&lt;img src=x onerror=alert(1)&gt;"));
}

TEST_CASE("cli report: bad arguments exit 2 with one line", "[cli][report]") {
  ReportFixture f;
  f.import_harbor("harbor");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"report"},
           {"report", "Bad Story"},
           {"report", "missing"},
           {"report", "harbor", "extra"},
           {"report", "harbor", "--since", "r99"},
           {"report", "harbor", "--nope"},
           {"report", "harbor", "-o", (f.dir / "no-such-dir" / "x.html").string()}}) {
    INFO("args: " << args.back());
    check_one_line_error(f.sd(args));
  }
  CHECK_FALSE(std::filesystem::exists(f.dir / "no-such-dir"));
  const RunResult no_store = run_storydiff({"--store", (f.dir / "none").string(), "report", "x"});
  check_one_line_error(no_store);
  const RunResult help = run_storydiff({"report", "--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("storydiff report"));
}
