// SPDX-License-Identifier: MIT
// Runs the real storydiff binary: `check OLD NEW` and `check --git RANGE`
// in temporary git repositories made with the git command, every output
// format parsed the way CI tools read it, exit codes and policy files.
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using nlohmann::json;
using storydiff::test::read_file;
using storydiff::test::run_process;
using storydiff::test::run_storydiff;
using storydiff::test::RunOptions;
using storydiff::test::RunResult;
using storydiff::test::TempDir;
using storydiff::test::write_file;
namespace fs = std::filesystem;

namespace {

// Our own invented drafts.
const std::string k_draft = "# Bridge closed after barge strike\n\n"
                            "The Harbor Bridge was closed on Tuesday after a barge struck one of "
                            "its piers, officials said.\n\n"
                            "Twelve people were taken to hospital, police said.\n\n"
                            "\"We are hopeful the bridge will reopen soon,\" Mayor Ana Ortiz "
                            "said.\n";
// Quote changed (an error by default) and a number changed (a warning).
const std::string k_quote_edit = "# Bridge closed after barge strike\n\n"
                                 "The Harbor Bridge was closed on Tuesday after a barge struck "
                                 "one of its piers, officials said.\n\n"
                                 "Fifteen people were taken to hospital, police said.\n\n"
                                 "\"We were never hopeful the bridge would reopen,\" Mayor Ana "
                                 "Ortiz said.\n";
// Only the number changed: a warning, exit 0 by default.
const std::string k_number_edit = "# Bridge closed after barge strike\n\n"
                                  "The Harbor Bridge was closed on Tuesday after a barge struck "
                                  "one of its piers, officials said.\n\n"
                                  "Fifteen people were taken to hospital, police said.\n\n"
                                  "\"We are hopeful the bridge will reopen soon,\" Mayor Ana "
                                  "Ortiz said.\n";

const std::regex k_github_line(
    R"(^::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),title=([^,:]+)::(.+)$)");

// A folder with a `.git` entry so that policy discovery stops there.
struct Workspace {
  TempDir dir;
  Workspace() { fs::create_directories(dir / ".git"); }
  std::string file(const std::string& name, const std::string& bytes) const {
    fs::create_directories((dir / name).parent_path());
    write_file(dir / name, bytes);
    return (dir / name).string();
  }
  RunResult check(std::vector<std::string> args) const {
    args.insert(args.begin(), "check");
    RunOptions options;
    options.cwd = dir.path();
    return run_storydiff(args, options);
  }
};

// A real git repository with a draft history.
struct Repo {
  TempDir dir;
  Repo() { git({"init", "-q", "-b", "main"}); }
  RunResult git(std::vector<std::string> args) const {
    std::vector<std::string> argv{"git", "-C", dir.path().string(), "-c", "user.name=Test",
                                  "-c", "user.email=test@example.com", "-c",
                                  "commit.gpgsign=false"};
    argv.insert(argv.end(), args.begin(), args.end());
    RunOptions options;
    options.env = {"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null"};
    RunResult result = run_process(argv, options);
    INFO("git " << args.at(0) << ": " << result.err);
    REQUIRE(result.exit_code == 0);
    return result;
  }
  void write(const std::string& name, const std::string& bytes) const {
    fs::create_directories((dir / name).parent_path());
    write_file(dir / name, bytes);
  }
  void commit(const std::string& message) const {
    git({"add", "-A"});
    git({"commit", "-q", "-m", message});
  }
  RunResult check(std::vector<std::string> args, const fs::path& sub = {}) const {
    args.insert(args.begin(), "check");
    RunOptions options;
    options.cwd = dir.path() / sub;
    return run_storydiff(args, options);
  }
};

json parse_json(const RunResult& run) {
  INFO(run.out << run.err);
  REQUIRE_NOTHROW(json::parse(run.out));
  return json::parse(run.out);
}

std::vector<std::smatch> github_lines(const std::string& out, std::vector<std::string>& storage) {
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    storage.push_back(line);
  }
  std::vector<std::smatch> matches;
  for (const std::string& line : storage) {
    std::smatch match;
    INFO(line);
    REQUIRE(std::regex_match(line, match, k_github_line));
    matches.push_back(match);
  }
  return matches;
}

// Testcase names and failure counts of a JUnit report, parsed by libxml2.
struct Junit {
  std::vector<std::string> names;
  std::vector<std::size_t> failures;
  std::vector<bool> skipped;
  std::string tests;
};

Junit parse_junit(const std::string& text) {
  xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "junit.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  INFO(text);
  REQUIRE(doc != nullptr);
  Junit junit;
  xmlNodePtr suite = xmlDocGetRootElement(doc);
  REQUIRE(std::string_view{reinterpret_cast<const char*>(suite->name)} == "testsuite");
  auto attribute = [](xmlNodePtr node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    std::string out = value == nullptr ? "" : reinterpret_cast<const char*>(value);
    xmlFree(value);
    return out;
  };
  junit.tests = attribute(suite, "tests");
  for (xmlNodePtr tc = suite->children; tc != nullptr; tc = tc->next) {
    if (tc->type != XML_ELEMENT_NODE) {
      continue;
    }
    junit.names.push_back(attribute(tc, "name"));
    std::size_t failures = 0;
    bool skipped = false;
    for (xmlNodePtr child = tc->children; child != nullptr; child = child->next) {
      if (child->type == XML_ELEMENT_NODE) {
        const std::string_view name = reinterpret_cast<const char*>(child->name);
        failures += name == "failure" ? 1 : 0;
        skipped = skipped || name == "skipped";
      }
    }
    junit.failures.push_back(failures);
    junit.skipped.push_back(skipped);
  }
  xmlFreeDoc(doc);
  return junit;
}

std::size_t count_kind(const json& doc, const std::string& kind) {
  std::size_t n = 0;
  for (const json& f : doc.at("findings")) {
    n += f.at("kind") == kind ? 1 : 0;
  }
  return n;
}

} // namespace

TEST_CASE("check OLD NEW: exit codes follow the policy", "[cli][check]") {
  Workspace ws;
  const std::string old_file = ws.file("old.md", k_draft);
  const std::string quote_file = ws.file("quote.md", k_quote_edit);
  const std::string number_file = ws.file("number.md", k_number_edit);

  SECTION("a changed quote is an error by default: exit 1") {
    const RunResult run = ws.check({old_file, quote_file});
    INFO(run.out << run.err);
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out, Catch::Contains(quote_file + ":7:"));
    CHECK_THAT(run.out, Catch::Contains(": error: "));
    CHECK_THAT(run.out, Catch::Contains("[quote_changed]"));
    CHECK_THAT(run.out, Catch::Contains(quote_file + ":5:"));
    CHECK_THAT(run.out, Catch::Contains("(policy: built-in defaults)"));
  }
  SECTION("a changed number is a warning: exit 0") {
    const RunResult run = ws.check({old_file, number_file});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains(": warning: "));
    CHECK_THAT(run.out, Catch::Contains("[number_changed]"));
  }
  SECTION("--min-level error leaves warnings out") {
    const RunResult run = ws.check({"--min-level", "error", old_file, number_file});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, !Catch::Contains("number_changed"));
  }
  SECTION("identical files: exit 0, nothing found") {
    const RunResult run = ws.check({old_file, old_file});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::StartsWith("0 errors, 0 warnings, 0 info in 1 file checked"));
  }
  SECTION("--policy can make a number change an error") {
    const std::string policy = ws.file("strict.toml", "[levels]\nnumber_changed = \"error\"\n");
    const RunResult run = ws.check({"--policy", policy, old_file, number_file});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out, Catch::Contains("(policy: " + policy + ")"));
  }
  SECTION(".storydiff.toml in the current folder is found") {
    ws.file(".storydiff.toml", "[levels]\nquote_changed = \"info\"\n");
    const RunResult run = ws.check({old_file, quote_file});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains(": info: "));
    CHECK_THAT(run.err, Catch::Contains(".storydiff.toml"));
  }
  SECTION("--help") {
    const RunResult run = ws.check({"--help"});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("--min-level"));
  }
}

TEST_CASE("check OLD NEW: trouble is exit 2 with one error line", "[cli][check]") {
  Workspace ws;
  const std::string old_file = ws.file("old.md", k_draft);
  const std::string new_file = ws.file("new.md", k_quote_edit);
  auto expect_trouble = [](const RunResult& run, const std::string& what) {
    INFO(run.out << run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::StartsWith("storydiff: error: "));
    CHECK_THAT(run.err, Catch::Contains(what));
  };
  SECTION("a bad policy file names its path, line and key") {
    const std::string policy =
        ws.file("bad.toml", "[levels]\nquote_changed = \"error\"\nnumber_chnged = \"error\"\n");
    expect_trouble(ws.check({"--policy", policy, old_file, new_file}),
                   policy + ":3:1: levels.number_chnged: unknown change kind (did you mean "
                            "'number_changed'?)");
  }
  SECTION("a bad discovered policy too") {
    ws.file(".storydiff.toml", "[[paths]]\nglob = \"*.md\"\nlevel = \"loud\"\n");
    expect_trouble(ws.check({old_file, new_file}), ".storydiff.toml:3:9: paths[0].level");
  }
  SECTION("a missing policy file") {
    expect_trouble(ws.check({"--policy", "nope.toml", old_file, new_file}), "nope.toml");
  }
  SECTION("a missing input") {
    expect_trouble(ws.check({old_file, (ws.dir / "missing.md").string()}), "missing.md");
  }
  SECTION("a binary input") {
    const std::string binary = ws.file("b.txt", std::string("\0\0\0\x01\x02", 5));
    expect_trouble(ws.check({old_file, binary}), "b.txt");
  }
  SECTION("bad options") {
    expect_trouble(ws.check({"--format", "xml", old_file, new_file}), "--format");
    expect_trouble(ws.check({"--min-level", "off", old_file, new_file}), "--min-level");
    expect_trouble(ws.check({old_file}), "OLD NEW");
    expect_trouble(ws.check({"--git", "HEAD~1..HEAD", old_file}), "after --");
  }
}

TEST_CASE("check OLD NEW: every format parses", "[cli][check]") {
  Workspace ws;
  const std::string old_file = ws.file("old.md", k_draft);
  const std::string new_file = ws.file("new.md", k_quote_edit);

  SECTION("json") {
    const RunResult run = ws.check({"--format", "json", old_file, new_file});
    CHECK(run.exit_code == 1);
    const json doc = parse_json(run);
    CHECK(doc.at("schema") == "storydiff.check/1");
    CHECK(doc.at("counts").at("error").get<int>() >= 1);
    REQUIRE(doc.at("files").size() == 1);
    CHECK(doc["files"][0].at("path") == new_file); // as given
  }
  SECTION("sarif") {
    const RunResult run = ws.check({"--format", "sarif", old_file, new_file});
    CHECK(run.exit_code == 1);
    const json doc = parse_json(run);
    CHECK(doc.at("version") == "2.1.0");
    const json& results = doc.at("runs").at(0).at("results");
    REQUIRE_FALSE(results.empty());
    bool quote_error = false;
    for (const json& result : results) {
      const json& region = result.at("locations").at(0).at("physicalLocation").at("region");
      CHECK(region.at("startLine").get<int>() >= 1);
      quote_error = quote_error ||
                    (result.at("ruleId") == "quote_changed" && result.at("level") == "error" &&
                     region.at("startLine") == 7);
    }
    CHECK(quote_error);
  }
  SECTION("junit") {
    const RunResult run = ws.check({"--format", "junit", old_file, new_file});
    CHECK(run.exit_code == 1);
    const Junit junit = parse_junit(run.out);
    CHECK(junit.tests == "1");
    REQUIRE(junit.names.size() == 1);
    CHECK(junit.failures[0] >= 1);
  }
  SECTION("github") {
    const RunResult run = ws.check({"--format", "github", old_file, new_file});
    CHECK(run.exit_code == 1);
    std::vector<std::string> storage;
    const auto lines = github_lines(run.out, storage);
    REQUIRE_FALSE(lines.empty());
    bool error_on_7 = false;
    for (const auto& match : lines) {
      error_on_7 = error_on_7 || (match[1] == "error" && match[3] == "7");
    }
    CHECK(error_on_7);
  }
}

TEST_CASE("check --git: a draft history in a real repository", "[cli][check][git]") {
  Repo repo;
  repo.write("drafts/bridge.md", k_draft);
  repo.write("drafts/old.md", "An old note that will go. Police said nothing else.\n");
  repo.write("drafts/moved.md", k_number_edit);
  repo.write("assets/photo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  repo.write("drafts/blob.md", std::string("binary\0bytes\0here", 17));
  repo.write("data.csv", "a,b\n1,2\n");
  repo.commit("first drafts");
  repo.write("drafts/bridge.md", k_quote_edit);
  fs::remove(repo.dir / "drafts/old.md");
  fs::rename(repo.dir / "drafts/moved.md", repo.dir / "drafts/renamed.md");
  repo.write("drafts/new.md", "\"We will rebuild,\" the mayor said on Wednesday.\n");
  repo.write("assets/photo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR2", 17));
  repo.write("drafts/blob.md", std::string("binary\0bytes\0there", 18));
  repo.write("data.csv", "a,b\n1,3\n");
  repo.commit("edits");

  SECTION("json: every changed file, skips named, renames followed") {
    const RunResult run = repo.check({"--git", "HEAD~1..HEAD", "--format", "json"});
    INFO(run.err);
    CHECK(run.exit_code == 1);
    const json doc = parse_json(run);
    std::map<std::string, json> files;
    for (const json& file : doc.at("files")) {
      files[file.at("path")] = file;
    }
    REQUIRE(files.count("drafts/bridge.md") == 1);
    CHECK(files["drafts/bridge.md"].at("skipped") == nullptr);
    CHECK(files["drafts/bridge.md"].at("findings").get<int>() >= 2);
    REQUIRE(files.count("drafts/new.md") == 1);
    REQUIRE(files.count("drafts/old.md") == 1);
    REQUIRE(files.count("drafts/renamed.md") == 1); // followed: compared with moved.md
    CHECK(files["drafts/renamed.md"].at("significance") == "none");
    CHECK(files.count("drafts/moved.md") == 0);
    REQUIRE(files.count("assets/photo.png") == 1);
    CHECK(files["assets/photo.png"].at("skipped").is_string());
    REQUIRE(files.count("drafts/blob.md") == 1);
    CHECK(files["drafts/blob.md"].at("skipped") == "binary");
    REQUIRE(files.count("data.csv") == 1);
    CHECK(files["data.csv"].at("skipped").is_string());
    CHECK_THAT(run.err, Catch::Contains("skipped assets/photo.png"));
    CHECK_THAT(run.err, Catch::Contains("skipped data.csv"));
    // A deleted draft is skipped: no "quote removed" errors for retiring it.
    CHECK(files["drafts/old.md"].at("skipped") == "deleted");
    for (const json& f : doc.at("findings")) {
      CHECK(f.at("file") != "drafts/old.md");
    }
    CHECK(count_kind(doc, "quote_changed") >= 1);
  }
  SECTION("pathspecs after -- limit the files") {
    const RunResult run =
        repo.check({"--git", "HEAD~1..HEAD", "--format", "json", "--", "drafts/new.md"});
    INFO(run.err);
    CHECK(run.exit_code == 0); // a quote added is a warning by default
    const json doc = parse_json(run);
    REQUIRE(doc.at("files").size() == 1);
    CHECK(doc["files"][0].at("path") == "drafts/new.md");
    CHECK(count_kind(doc, "quote_added") == 1);
  }
  SECTION("a single revision and a subfolder work; the repository's policy is found") {
    repo.write(".storydiff.toml", "[levels]\nquote_changed = \"warning\"\nquote_removed = "
                                  "\"warning\"\nattribution_removed = \"off\"\n"
                                  "attribution_changed = \"off\"\nspeaker_changed = \"off\"\n");
    const RunResult run = repo.check({"--git", "HEAD", "--format", "json"}, "drafts");
    INFO(run.out << run.err);
    CHECK(run.exit_code == 0);
    const json doc = parse_json(run);
    CHECK_THAT(doc.at("policy").get<std::string>(), Catch::EndsWith(".storydiff.toml"));
    CHECK(doc.at("counts").at("error") == 0);
  }
  SECTION("github, sarif and junit over the range") {
    const RunResult github = repo.check({"--git", "HEAD~1..HEAD", "--format", "github"});
    CHECK(github.exit_code == 1);
    std::vector<std::string> storage;
    for (const auto& match : github_lines(github.out, storage)) {
      CHECK(match[2].str().rfind("drafts/", 0) == 0);
    }
    const RunResult sarif = repo.check({"--git", "HEAD~1..HEAD", "--format", "sarif"});
    const json doc = parse_json(sarif);
    for (const json& result : doc.at("runs").at(0).at("results")) {
      const std::string uri =
          result.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri");
      CHECK(uri.rfind("drafts/", 0) == 0);
    }
    const RunResult junit_run = repo.check({"--git", "HEAD~1..HEAD", "--format", "junit"});
    const Junit junit = parse_junit(junit_run.out);
    CHECK(junit.names.size() == 7);
    for (std::size_t i = 0; i < junit.names.size(); ++i) {
      if (junit.names[i] == "drafts/bridge.md") {
        CHECK(junit.failures[i] >= 1);
      }
      if (junit.names[i] == "data.csv") {
        CHECK(junit.skipped[i]);
      }
    }
  }
  SECTION("a bad range is trouble") {
    const RunResult run = repo.check({"--git", "nosuch..HEAD"});
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::StartsWith("storydiff: error: "));
  }
}

TEST_CASE("check --git: a range with hundreds of files", "[cli][check][git]") {
  Repo repo;
  constexpr int k_files = 300;
  for (int i = 0; i < k_files; ++i) {
    repo.write("drafts/story-" + std::to_string(i) + ".md",
               "Officials said " + std::to_string(10 + i) + " homes were damaged on Tuesday.\n");
  }
  repo.commit("drafts");
  for (int i = 0; i < k_files; ++i) {
    repo.write("drafts/story-" + std::to_string(i) + ".md",
               "Officials said " + std::to_string(1000 + i) + " homes were damaged on Tuesday.\n");
  }
  repo.commit("new counts");
  const RunResult run = repo.check({"--git", "HEAD~1..HEAD", "--format", "json"});
  INFO(run.err);
  CHECK(run.exit_code == 0);
  const json doc = parse_json(run);
  CHECK(doc.at("files").size() == k_files);
  CHECK(count_kind(doc, "number_changed") == k_files);
  repo.write(".storydiff.toml", "[levels]\nnumber_changed = \"error\"\n");
  const RunResult strict = repo.check({"--git", "HEAD~1..HEAD", "--format", "junit"});
  CHECK(strict.exit_code == 1);
  const Junit junit = parse_junit(strict.out);
  CHECK(junit.names.size() == static_cast<std::size_t>(k_files));
  for (std::size_t failures : junit.failures) {
    CHECK(failures == 1);
  }
}
