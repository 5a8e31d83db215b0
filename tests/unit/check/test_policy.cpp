// SPDX-License-Identifier: MIT
#include <storydiff/check/policy.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace storydiff;
using check::Level;
using diff::ChangeKind;

namespace {

check::Policy parse_ok(std::string_view text) {
  auto policy = check::parse_policy(text, "p.toml");
  INFO((policy ? std::string{} : policy.error().message));
  REQUIRE(policy);
  return std::move(policy).value();
}

std::string parse_error(std::string_view text) {
  auto policy = check::parse_policy(text, "p.toml");
  REQUIRE_FALSE(policy);
  CHECK(policy.error().code == core::ErrorCode::invalid_input);
  return policy.error().message;
}

Level level(const check::Policy& policy, ChangeKind kind) {
  return policy.levels[static_cast<std::size_t>(kind)];
}

} // namespace

TEST_CASE("check::default_policy makes quote and attribution changes errors", "[check]") {
  const check::Policy policy = check::default_policy();
  for (ChangeKind kind : {ChangeKind::quote_changed, ChangeKind::quote_removed,
                          ChangeKind::speaker_changed, ChangeKind::attribution_removed,
                          ChangeKind::attribution_changed}) {
    CHECK(level(policy, kind) == Level::error);
  }
  for (ChangeKind kind : {ChangeKind::number_changed, ChangeKind::date_changed,
                          ChangeKind::negation_added, ChangeKind::claim_removed}) {
    CHECK(level(policy, kind) == Level::warning);
  }
  CHECK(level(policy, ChangeKind::reworded) == Level::off);
  CHECK(level(policy, ChangeKind::claim_moved) == Level::off);
  CHECK(level(policy, ChangeKind::correction_added) == Level::info);
  // Every kind has a level that names something.
  for (ChangeKind kind : check::all_kinds()) {
    CHECK(check::parse_kind(diff::to_string(kind)) == kind);
  }
}

TEST_CASE("check::parse_policy reads levels, paths and exemptions", "[check]") {
  const check::Policy policy = parse_ok(R"(
# house rules
[levels]
number_changed = "error"
reworded = "info"

[[paths]]
glob = "opinion/**"
level = "info"
quote_changed = "warning"

[[exemptions]]
kind = "number_changed"
when = ["correction_added", "hedge_added"]
paths = ["news/*.md"]
level = "info"
)");
  CHECK(policy.source == "p.toml");
  CHECK(level(policy, ChangeKind::number_changed) == Level::error);
  CHECK(level(policy, ChangeKind::reworded) == Level::info);
  CHECK(level(policy, ChangeKind::quote_changed) == Level::error); // default kept
  REQUIRE(policy.paths.size() == 1);
  CHECK(policy.paths[0].glob == "opinion/**");
  CHECK(policy.paths[0].line == 7);
  CHECK(policy.paths[0].level == Level::info);
  CHECK(policy.paths[0].kinds[static_cast<std::size_t>(ChangeKind::quote_changed)] ==
        Level::warning);
  REQUIRE(policy.exemptions.size() == 1);
  const check::Exemption& exemption = policy.exemptions[0];
  CHECK(exemption.kind == ChangeKind::number_changed);
  CHECK(exemption.when ==
        std::vector<ChangeKind>{ChangeKind::correction_added, ChangeKind::hedge_added});
  CHECK(exemption.paths == std::vector<std::string>{"news/*.md"});
  CHECK(exemption.level == Level::info);
  CHECK(exemption.line == 12);

  SECTION("an empty file is the defaults") {
    const check::Policy empty = parse_ok("");
    CHECK(empty.levels == check::default_policy().levels);
    CHECK(empty.paths.empty());
  }
  SECTION("an exemption without level turns the finding off") {
    const check::Policy off =
        parse_ok("[[exemptions]]\nkind = \"number_changed\"\nwhen = [\"correction_added\"]\n");
    CHECK(off.exemptions.at(0).level == Level::off);
  }
}

TEST_CASE("check::level_for: a later matching [[paths]] table wins", "[check]") {
  const check::Policy policy = parse_ok(R"([levels]
number_changed = "error"

[[paths]]
glob = "opinion/**"
level = "info"
quote_changed = "warning"

[[paths]]
glob = "*.txt"
number_changed = "off"

[[paths]]
glob = "opinion/letters/*.md"
level = "error"
)");
  SECTION("no table matches: [levels], else the defaults") {
    CHECK(check::level_for(policy, ChangeKind::number_changed, "news/a.md") == Level::error);
    CHECK(check::level_for(policy, ChangeKind::quote_changed, "news/a.md") == Level::error);
    CHECK(check::level_for(policy, ChangeKind::reworded, "news/a.md") == Level::off);
  }
  SECTION("a table's own kind beats its `level`") {
    CHECK(check::level_for(policy, ChangeKind::quote_changed, "opinion/a.md") == Level::warning);
    CHECK(check::level_for(policy, ChangeKind::number_changed, "opinion/a.md") == Level::info);
    CHECK(check::level_for(policy, ChangeKind::reworded, "opinion/deep/x/a.md") == Level::info);
  }
  SECTION("the last matching table wins, whatever its specificity") {
    // *.txt (less specific) comes after opinion/**: it wins for number_changed.
    CHECK(check::level_for(policy, ChangeKind::number_changed, "opinion/a.txt") == Level::off);
    // ...but leaves the kinds it does not name to the earlier table.
    CHECK(check::level_for(policy, ChangeKind::quote_changed, "opinion/a.txt") == Level::warning);
    // The last table sets every kind of its files.
    CHECK(check::level_for(policy, ChangeKind::quote_changed, "opinion/letters/a.md") ==
          Level::error);
    CHECK(check::level_for(policy, ChangeKind::reworded, "opinion/letters/a.md") == Level::error);
  }
}

TEST_CASE("check::glob_match with many ** is polynomial (found by the policy fuzzer)", "[check]") {
  // Ten "**" against a 60-segment path: trying every split point of each
  // "**" recursively takes ~60^10 steps; the table takes 11 x 61.
  std::string glob;
  for (int i = 0; i < 10; ++i) {
    glob += "**/a/";
  }
  glob += "b";
  std::string path;
  for (int i = 0; i < 60; ++i) {
    path += "a/";
  }
  CHECK_FALSE(check::glob_match(glob, path + "c"));
  CHECK(check::glob_match(glob, path + "b"));
  CHECK_FALSE(check::glob_match(glob, "a/a/a/b")); // ten a's needed
}

TEST_CASE("check::glob_match follows gitignore-like rules", "[check]") {
  struct Case {
    const char* glob;
    const char* path;
    bool match;
  };
  const Case cases[] = {
      {"*.md", "a.md", true},
      {"*.md", "drafts/deep/a.md", true}, // no '/': the file name anywhere
      {"*.md", "a.markdown", false},
      {"drafts/*.md", "drafts/a.md", true},
      {"drafts/*.md", "drafts/x/a.md", false}, // * stays inside a segment
      {"drafts/**/*.md", "drafts/a.md", true}, // ** matches no segment too
      {"drafts/**/*.md", "drafts/x/y/a.md", true},
      {"drafts/**", "drafts/x/y/a.md", true},
      {"**/a.md", "x/y/a.md", true},
      {"drafts/**", "other/a.md", false},
      {"/drafts/a.md", "drafts/a.md", true},
      {"./drafts/a.md", "./drafts/a.md", true},
      {"r?.md", "r1.md", true},
      {"r?.md", "r12.md", false},
      {"r[0-9].md", "r7.md", true},
      {"r[0-9].md", "rx.md", false},
      {"r[!0-9].md", "rx.md", true},
      {"r[abc.md", "r[abc.md", true}, // unclosed '[' is literal
      {"a*b*c", "axxbyyc", true},
      {"a*b*c", "axxbyy", false},
      {"**", "anything/at/all.txt", true},
      {"d/*", "d/", false},
  };
  for (const Case& c : cases) {
    INFO(c.glob << " vs " << c.path);
    CHECK(check::glob_match(c.glob, c.path) == c.match);
  }
}

TEST_CASE("check::parse_policy names the file, line and key of mistakes", "[check]") {
  SECTION("unknown kind in [levels], with a suggestion") {
    const std::string message = parse_error("[levels]\nquote_changed = \"error\"\nnumber_chnged = \"error\"\n");
    CHECK_THAT(message, Catch::StartsWith("p.toml:3:1: "));
    CHECK_THAT(message, Catch::Contains("levels.number_chnged"));
    CHECK_THAT(message, Catch::Contains("did you mean 'number_changed'"));
  }
  SECTION("unknown level, pointing at the value") {
    const std::string message = parse_error("[levels]\nquote_changed = \"fatal\"\n");
    CHECK_THAT(message, Catch::StartsWith("p.toml:2:17: "));
    CHECK_THAT(message, Catch::Contains("levels.quote_changed"));
    CHECK_THAT(message, Catch::Contains("'fatal' is not a level"));
  }
  SECTION("messages are one line, whatever the file holds (found by the policy fuzzer)") {
    const std::string key = parse_error("\"line one\\nline two\" = 1\n");
    CHECK_THAT(key, Catch::Contains("line one line two"));
    CHECK(key.find('\n') == std::string::npos);
    const std::string syntax = parse_error("[levels]\nquote_changed =n\n");
    CHECK_THAT(syntax, Catch::StartsWith("p.toml:2:"));
    CHECK(syntax.find('\n') == std::string::npos);
  }
  SECTION("a level close to a real one gets a suggestion") {
    CHECK_THAT(parse_error("[levels]\nquote_changed = \"eror\"\n"),
               Catch::Contains("did you mean 'error'"));
  }
  SECTION("a level that is not a string") {
    CHECK_THAT(parse_error("[levels]\nquote_changed = 3\n"),
               Catch::StartsWith("p.toml:2:17: levels.quote_changed must be a string"));
  }
  SECTION("unknown top-level key") {
    const std::string message = parse_error("[level]\nquote_changed = \"error\"\n");
    CHECK_THAT(message, Catch::StartsWith("p.toml:1:"));
    CHECK_THAT(message, Catch::Contains("unknown key 'level'"));
    CHECK_THAT(message, Catch::Contains("did you mean 'levels'"));
  }
  SECTION("[levels] that is not a table") {
    CHECK_THAT(parse_error("levels = \"error\"\n"),
               Catch::StartsWith("p.toml:1:10: levels must be a table"));
  }
  SECTION("[paths] written as a single table") {
    CHECK_THAT(parse_error("[paths]\nglob = \"*.md\"\n"), Catch::Contains("paths must be an array of tables"));
  }
  SECTION("[[paths]] without glob") {
    CHECK_THAT(parse_error("[[paths]]\nglob = \"a/**\"\n\n[[paths]]\nlevel = \"off\"\n"),
               Catch::StartsWith("p.toml:4:1: paths[1]: missing key 'glob'"));
  }
  SECTION("[[paths]] with an unknown key") {
    const std::string message = parse_error("[[paths]]\nglob = \"a/**\"\nlevle = \"off\"\n");
    CHECK_THAT(message, Catch::StartsWith("p.toml:3:1: paths[0].levle: unknown key"));
    CHECK_THAT(message, Catch::Contains("did you mean 'level'"));
  }
  SECTION("[[paths]] with an empty glob") {
    CHECK_THAT(parse_error("[[paths]]\nglob = \"\"\n"),
               Catch::StartsWith("p.toml:2:8: paths[0].glob must be a non-empty string"));
  }
  SECTION("[[exemptions]] with an unknown kind in `when`") {
    const std::string message = parse_error(
        "[[exemptions]]\nkind = \"number_changed\"\nwhen = [\"correction_add\"]\n");
    CHECK_THAT(message, Catch::StartsWith("p.toml:3:9: exemptions[0].when: 'correction_add' is "
                                          "not a change kind"));
    CHECK_THAT(message, Catch::Contains("did you mean 'correction_added'"));
  }
  SECTION("[[exemptions]] without `when`") {
    CHECK_THAT(parse_error("\n[[exemptions]]\nkind = \"number_changed\"\n"),
               Catch::StartsWith("p.toml:2:1: exemptions[0]: missing key 'when'"));
  }
  SECTION("[[exemptions]] with an empty `when`") {
    CHECK_THAT(parse_error("[[exemptions]]\nkind = \"number_changed\"\nwhen = []\n"),
               Catch::Contains("exemptions[0].when must be a non-empty array"));
  }
  SECTION("[[exemptions]] with paths that are not strings") {
    CHECK_THAT(parse_error("[[exemptions]]\nkind = \"number_changed\"\nwhen = "
                           "[\"correction_added\"]\npaths = [1]\n"),
               Catch::StartsWith("p.toml:4:10: exemptions[0].paths must be an array of strings"));
  }
  SECTION("TOML syntax errors keep toml++'s position") {
    CHECK_THAT(parse_error("[levels]\nquote_changed = = \"error\"\n"),
               Catch::StartsWith("p.toml:2:"));
    CHECK_THAT(parse_error("[levels\n"), Catch::StartsWith("p.toml:1:"));
    CHECK_THAT(parse_error("[levels]\nquote_changed = \"error\"\nquote_changed = \"off\"\n"),
               Catch::StartsWith("p.toml:3:"));
  }
  SECTION("invalid UTF-8 and NUL bytes are refused, not crashed on") {
    CHECK_THAT(parse_error(std::string("[levels]\n\xff\xfe = 1\n")), Catch::StartsWith("p.toml:"));
    CHECK_THAT(parse_error(std::string("[levels]\nx = \"a\0b\"\n", 18)),
               Catch::StartsWith("p.toml:"));
  }
}

TEST_CASE("check::closest_name suggests only close names", "[check]") {
  CHECK(check::closest_name("quote_chaged", {"quote_changed", "quote_added"}) == "quote_changed");
  CHECK(check::closest_name("banana", {"levels", "paths", "exemptions"}).empty());
}

TEST_CASE("check::load_policy and find_policy work on real files", "[check]") {
  test::TempDir dir;
  const auto root = dir.path();
  std::filesystem::create_directories(root / "repo/drafts/deep");
  std::filesystem::create_directories(root / "repo/.git");

  SECTION("no policy up to the repository root: none, even above it") {
    test::write_file(root / ".storydiff.toml", "[levels]\n");
    CHECK_FALSE(check::find_policy(root / "repo/drafts/deep"));
  }
  SECTION("the closest policy wins") {
    test::write_file(root / "repo/.storydiff.toml", "[levels]\nreworded = \"info\"\n");
    test::write_file(root / "repo/drafts/.storydiff.toml", "[levels]\nreworded = \"error\"\n");
    CHECK(check::find_policy(root / "repo/drafts/deep") == root / "repo/drafts/.storydiff.toml");
    CHECK(check::find_policy(root / "repo") == root / "repo/.storydiff.toml");
    auto policy = check::load_policy(root / "repo/drafts/.storydiff.toml");
    REQUIRE(policy);
    CHECK(level(*policy, ChangeKind::reworded) == Level::error);
    CHECK(policy->source == (root / "repo/drafts/.storydiff.toml").string());
  }
  SECTION("outside a repository the walk goes to the filesystem root") {
    std::filesystem::create_directories(root / "plain/a/b");
    test::write_file(root / "plain/.storydiff.toml", "");
    CHECK(check::find_policy(root / "plain/a/b") == root / "plain/.storydiff.toml");
  }
  SECTION("a missing or unreadable file is an io error naming it") {
    auto missing = check::load_policy(root / "nope.toml");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == core::ErrorCode::io);
    CHECK_THAT(missing.error().message, Catch::Contains("nope.toml"));
    CHECK_FALSE(check::load_policy(root / "repo"));
  }
  SECTION("a bad file's error names its path") {
    test::write_file(root / "bad.toml", "[levels]\nquote = \"error\"\n");
    auto bad = check::load_policy(root / "bad.toml");
    REQUIRE_FALSE(bad);
    CHECK_THAT(bad.error().message, Catch::StartsWith((root / "bad.toml").string() + ":2:1: "));
  }
}
