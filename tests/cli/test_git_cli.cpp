// SPDX-License-Identifier: MIT
// storydiff with real git: `git diff` through the storydiff driver configured
// with examples/gitattributes and examples/gitconfig, GIT_EXTERNAL_DIFF, the
// examples/pre-commit hook and the check step of examples/github-workflow.yml.
#include "draft_repo.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

using storydiff::test::DraftRepo;
using storydiff::test::read_file;
using storydiff::test::run_storydiff;
using storydiff::test::RunOptions;
using storydiff::test::RunResult;
using storydiff::test::source_dir;

namespace {

const std::string k_exe_dir = STORYDIFF_EXE_DIR;

// Our own invented draft, and edits of it.
const std::string k_draft = "# Harbor fire\n\n"
                            "A fire broke out at the harbor warehouse on Tuesday.\n\n"
                            "Officials said 12 people were hurt.\n\n"
                            "\"We are doing everything we can,\" the fire chief said.\n";
std::string edited(const std::string& from, const std::string& to) {
  std::string text = k_draft;
  const auto at = text.find(from);
  if (at == std::string::npos) {
    throw std::logic_error("not in the draft: " + from);
  }
  return text.replace(at, from.size(), to);
}
const std::string k_number = edited("12 people", "15 people");
const std::string k_quote = edited("doing everything we can", "doing all that we can");

// PATH with the storydiff under test first, so `storydiff git-diff` in the
// example config runs it.
std::string path_env() {
  const char* path = std::getenv("PATH");
  return "PATH=" + k_exe_dir + ":" + (path != nullptr ? path : "/usr/bin:/bin");
}

// A repository whose git diff uses the storydiff driver through the example
// files: .gitattributes copied, examples/gitconfig included by the local config.
struct DriverRepo {
  DraftRepo repo;
  DriverRepo() {
    storydiff::test::write_file(repo.work() / ".gitattributes",
                                read_file(source_dir() / "examples" / "gitattributes"));
    repo.must({"config", "include.path", (source_dir() / "examples" / "gitconfig").string()});
  }
  RunResult git(std::vector<std::string> args, std::vector<std::string> env = {}) const {
    env.push_back(path_env());
    return repo.git(std::move(args), std::move(env));
  }
};

} // namespace

TEST_CASE("git diff with the example driver shows the semantic report", "[git-diff]") {
  DriverRepo d;
  d.repo.write("drafts/fire.md", k_draft);
  d.repo.write("notes.txt", "plain notes\n");
  d.repo.commit("first draft");
  d.repo.write("drafts/fire.md", k_number);
  d.repo.write("notes.txt", "plain notes, edited\n");
  d.repo.commit("toll updated");

  SECTION("between commits") {
    const RunResult r = d.git({"diff", "HEAD~1", "HEAD"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("storydiff drafts/fire.md\n"));
    CHECK_THAT(r.out, Catch::Contains("Number changed"));
    CHECK_THAT(r.out, Catch::Contains("15"));
    // No colors into a pipe; files without the attribute keep git's diff.
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK_THAT(r.out, Catch::Contains("+plain notes, edited"));
    CHECK(r.out.find("@@ -1 +1 @@") != std::string::npos);
  }
  SECTION("the work tree against the index, and git log -p --ext-diff") {
    d.repo.write("drafts/fire.md", k_quote);
    const RunResult r = d.git({"diff"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("storydiff drafts/fire.md"));
    CHECK_THAT(r.out, Catch::Contains("Quote"));
    const RunResult log = d.git({"log", "-p", "--ext-diff", "-1", "--", "drafts/fire.md"});
    REQUIRE(log.exit_code == 0);
    CHECK_THAT(log.out, Catch::Contains("Number changed"));
  }
  SECTION("--no-ext-diff gives git's own diff back") {
    const RunResult r = d.git({"diff", "--no-ext-diff", "HEAD~1", "HEAD"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Number changed") == std::string::npos);
    CHECK_THAT(r.out, Catch::Contains("+Officials said 15 people were hurt."));
  }
}

TEST_CASE("git diff with the driver: added, deleted, renamed and binary files", "[git-diff]") {
  DriverRepo d;
  // Unrelated texts, so git does not pair them as a rename.
  d.repo.write("old.md", storydiff::test::generated_story(1, 80));
  d.repo.write("moving.md", k_draft);
  d.repo.commit("one");
  d.repo.remove("old.md");
  d.repo.write("new.md", storydiff::test::generated_story(2, 80));
  d.repo.remove("moving.md");
  d.repo.write("moved.md", k_number);
  d.repo.write("photo.md", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20));
  d.repo.commit("two");

  const RunResult r = d.git({"diff", "-M", "HEAD~1", "HEAD"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("storydiff new.md (new file)\n"));
  CHECK_THAT(r.out, Catch::Contains("storydiff old.md (deleted)\n"));
  // A rename: git passes 9 arguments; the report compares the two texts.
  CHECK_THAT(r.out, Catch::Contains("storydiff moving.md → moved.md\n"));
  CHECK_THAT(r.out, Catch::Contains("Number changed"));
  CHECK_THAT(r.out, Catch::Contains("storydiff photo.md (new file)\nskipped: photo.md ("));
  // Every file got its header: git did not stop after the binary one.
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') > 6);
}

TEST_CASE("GIT_EXTERNAL_DIFF=storydiff git-diff works for any file", "[git-diff]") {
  DraftRepo repo; // no attributes, no config
  repo.write("story.txt", k_draft);
  repo.write("page.html",
             "<html><body><article><p>Officials said 12 people were hurt.</p></article></body>"
             "</html>\n");
  repo.commit("one");
  repo.write("story.txt", k_number);
  repo.write("page.html",
             "<html><body><article><p>Officials said 14 people were hurt.</p></article></body>"
             "</html>\n");
  repo.commit("two");
  const std::string external = "GIT_EXTERNAL_DIFF=" + k_exe_dir + "/storydiff git-diff";
  const RunResult r = repo.git({"diff", "HEAD~1", "HEAD"}, {external});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("storydiff story.txt\n"));
  CHECK_THAT(r.out, Catch::Contains("storydiff page.html\n"));
  // The HTML was read as HTML: the markup is not part of the report.
  CHECK(r.out.find("<article>") == std::string::npos);
  CHECK(r.out.find("14") != std::string::npos);
  const auto first = r.out.find("Number changed");
  REQUIRE(first != std::string::npos);
  CHECK(r.out.find("Number changed", first + 1) != std::string::npos);
}

TEST_CASE("storydiff git-diff called directly", "[git-diff]") {
  storydiff::test::TempDir dir;
  storydiff::test::write_file(dir / "a", k_draft);
  storydiff::test::write_file(dir / "b", k_number);
  const std::string a = (dir / "a").string();
  const std::string b = (dir / "b").string();
  const std::string hex_a(40, 'a');
  const std::string hex_b(40, 'b');

  SECTION("7 arguments; the format from the path, not the temporary file") {
    const RunResult r =
        run_storydiff({"git-diff", "drafts/fire.md", a, hex_a, "100644", b, hex_b, "100644"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("storydiff drafts/fire.md\n"));
    CHECK_THAT(r.out, Catch::Contains("Number changed"));
    // Markdown: the heading mark is not in the report's text.
    CHECK(r.out.find("# Harbor") == std::string::npos);
  }
  SECTION("colors when git's pager shows the output, unless NO_COLOR or --color=never") {
    const std::vector<std::string> args{"git-diff", "fire.md", a,     hex_a,
                                        "100644",   b,         hex_b, "100644"};
    RunOptions pager;
    pager.env = {"GIT_PAGER_IN_USE=true", "TERM=xterm"};
    CHECK(run_storydiff(args, pager).out.find("\x1b[") != std::string::npos);
    RunOptions no_color = pager;
    no_color.env.push_back("NO_COLOR=1");
    CHECK(run_storydiff(args, no_color).out.find('\x1b') == std::string::npos);
    std::vector<std::string> never = args;
    never.insert(never.begin(), "--color=never");
    CHECK(run_storydiff(never, pager).out.find('\x1b') == std::string::npos);
    CHECK(run_storydiff(args).out.find('\x1b') == std::string::npos);
  }
  SECTION("an unmerged path: one argument") {
    const RunResult r = run_storydiff({"git-diff", "drafts/fire.md"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "* Unmerged path drafts/fire.md\n");
  }
  SECTION("--format json: the report alone") {
    const RunResult r = run_storydiff(
        {"git-diff", "--format", "json", "fire.md", a, hex_a, "100644", b, hex_b, "100644"});
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("{"));
    CHECK_THAT(r.out, Catch::Contains("\"number_changed\""));
  }
  SECTION("undecodable input is skipped with exit 0") {
    storydiff::test::write_file(dir / "bin", std::string("GIF89a\0\0\x01\x02", 10));
    const RunResult r = run_storydiff(
        {"git-diff", "fire.md", a, hex_a, "100644", (dir / "bin").string(), hex_b, "100644"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("skipped: fire.md ("));
  }
  SECTION("wrong argument counts and unreadable files are trouble") {
    CHECK(run_storydiff({"git-diff", "a", "b"}).exit_code == 2);
    CHECK(run_storydiff({"git-diff"}).exit_code == 2);
    const RunResult missing = run_storydiff(
        {"git-diff", "fire.md", (dir / "nope").string(), hex_a, "100644", b, hex_b, "100644"});
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.err, Catch::StartsWith("storydiff: error: "));
  }
}

TEST_CASE("the example pre-commit hook stops a commit that changes a quote", "[git-diff]") {
  DraftRepo repo;
  const auto hook = repo.work() / ".git" / "hooks" / "pre-commit";
  std::filesystem::create_directories(hook.parent_path());
  std::filesystem::copy_file(source_dir() / "examples" / "pre-commit", hook);
  repo.write("drafts/fire.md", k_draft);
  repo.write("drafts/other.md", k_draft);
  auto commit = [&](const std::string& message) {
    repo.must({"add", "-A"});
    return repo.git({"commit", "-q", "-m", message}, {path_env()});
  };
  // The first commit has no HEAD to compare with: allowed.
  REQUIRE(commit("first").exit_code == 0);
  const std::string first = repo.head();

  SECTION("a changed quote: stopped, with the finding on stderr or stdout") {
    repo.write("drafts/fire.md", k_quote);
    const RunResult r = commit("quote edited");
    INFO(r.out << r.err);
    CHECK(r.exit_code != 0);
    CHECK(repo.head() == first);
    CHECK_THAT(r.out + r.err, Catch::Contains("drafts/fire.md"));
    CHECK_THAT(r.err, Catch::Contains("commit stopped"));
  }
  SECTION("a changed quote in a renamed draft: stopped") {
    repo.remove("drafts/other.md");
    repo.write("drafts/renamed.md", k_quote);
    const RunResult r = commit("moved and edited");
    INFO(r.out << r.err);
    CHECK(r.exit_code != 0);
    CHECK(repo.head() == first);
  }
  SECTION("a style-only edit passes") {
    repo.write("drafts/fire.md", edited("A fire broke", "A fire  broke"));
    repo.write("drafts/other.md", edited("harbor warehouse", "Harbor warehouse"));
    const RunResult r = commit("style");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(repo.head() != first);
  }
  SECTION("the repository's .storydiff.toml is the policy") {
    repo.write(".storydiff.toml", "[levels]\nquote_changed = \"warning\"\n");
    repo.write("drafts/fire.md", k_quote);
    const RunResult r = commit("quote edited, allowed by policy");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(repo.head() != first);
  }
  SECTION("--no-verify skips the hook") {
    repo.write("drafts/fire.md", k_quote);
    repo.must({"add", "-A"});
    const RunResult r = repo.git({"commit", "-q", "--no-verify", "-m", "x"}, {path_env()});
    CHECK(r.exit_code == 0);
    CHECK(repo.head() != first);
  }
}

TEST_CASE("the example workflow's check step reports a pull request's quote change", "[git-diff]") {
  const std::string workflow = read_file(source_dir() / "examples" / "github-workflow.yml");
  std::smatch m;
  REQUIRE(std::regex_search(workflow, m, std::regex(R"(run: (storydiff check --git [^\n]*))")));
  std::string command = m[1].str();
  DraftRepo repo;
  repo.write("drafts/fire.md", k_draft);
  const std::string base = repo.commit("base");
  repo.write("drafts/fire.md", k_quote);
  const std::string head = repo.commit("pull request");
  for (const auto& [expr, value] :
       {std::pair<std::string, std::string>{"${{ github.event.pull_request.base.sha }}", base},
        {"${{ github.sha }}", head}}) {
    const auto at = command.find(expr);
    REQUIRE(at != std::string::npos);
    command.replace(at, expr.size(), value);
  }
  RunOptions options;
  options.env = repo.env();
  options.env.push_back(path_env());
  options.cwd = repo.work();
  const RunResult r = storydiff::test::run_process({"sh", "-c", command}, options);
  INFO(command << "\n" << r.out << r.err);
  CHECK(r.exit_code == 1); // error findings fail the job
  CHECK_THAT(r.out, Catch::Contains("::error file=drafts/fire.md,line="));
}

TEST_CASE("the example policy examples/storydiff.toml is one check accepts", "[git-diff]") {
  storydiff::test::TempDir dir;
  const std::string before = (dir / "before.md").string();
  const std::string after = (dir / "after.md").string();
  storydiff::test::write_file(before, "Officials said 12 people were hurt.\n");
  storydiff::test::write_file(after, "Officials said 15 people were hurt.\n");
  const std::string policy = (source_dir() / "examples/storydiff.toml").string();
  const auto result = run_storydiff({"check", "--policy", policy, "--format", "json", before, after});
  INFO(result.err);
  REQUIRE((result.exit_code == 0 || result.exit_code == 1)); // 2 would be a policy error
  CHECK(result.err.find("error:") == std::string::npos);
  CHECK(result.out.find("number_changed") != std::string::npos);
}
