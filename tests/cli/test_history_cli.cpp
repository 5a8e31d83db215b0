// SPDX-License-Identifier: MIT
// Runs `storydiff summary` and `storydiff blame` on a store filled from the
// harbor-bridge-collapse fixture story (9 revisions: moves in r4, a split and
// a merge in r5, r7 restores r5, the death toll changes in r2, r4 and r8) and
// compares their output with the golden files in fixtures/history/.
// STORYDIFF_UPDATE_GOLDEN=1 rewrites the golden files instead (review the
// diff before committing it).
#include "cli_checks.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using storydiff::test::read_file;
using storydiff::test::run_storydiff;
using storydiff::test::RunOptions;
using storydiff::test::RunResult;
using storydiff::test::harbor_import_args;
using storydiff::test::source_dir;
using storydiff::test::TempDir;
using storydiff::test::write_file;

namespace {

const std::string k_story = "harbor-bridge-collapse";

// One store with the fixture story, imported once for all the tests here.
// Capture times come from --at/--interval, so the output is the same each run.
struct HistoryStore {
  TempDir dir;
  std::string store = (dir.path() / "store").string();

  HistoryStore() {
    REQUIRE(sd({"init"}).exit_code == 0);
    std::vector<std::string> args = harbor_import_args(k_story);
    args.insert(args.begin(), "-q");
    REQUIRE(sd(args).exit_code == 0);
  }
  RunResult sd(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--store", store});
    return run_storydiff(args, RunOptions{});
  }
};

const HistoryStore& history_store() {
  static const HistoryStore store;
  return store;
}

// Commit ids depend on meta.json, which names the files' absolute paths:
// they are masked so the golden files hold for any checkout.
std::string mask_ids(const std::string& text) {
  static const std::regex full("[0-9a-f]{40}");
  static const std::regex short_id("(r[0-9]+ +[0-9-]+ [0-9:]+Z  )[0-9a-f]{7}(  )");
  return std::regex_replace(std::regex_replace(text, full, "<id>"), short_id, "$1<id>$2");
}

void check_golden(const std::string& output, const std::string& name) {
  const fs::path path = source_dir() / "fixtures" / "history" / k_story / name;
  const std::string masked = mask_ids(output);
  const char* update = std::getenv("STORYDIFF_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    fs::create_directories(path.parent_path());
    write_file(path, masked);
    WARN("rewrote " << path.string());
    return;
  }
  INFO("golden file: " << path.string());
  CHECK(masked == read_file(path));
}

// (introduced, last_changed) revision numbers per sentence of a blame JSON.
std::vector<std::pair<int, int>> provenance(const nlohmann::json& blame) {
  std::vector<std::pair<int, int>> out;
  for (const auto& s : blame["sentences"]) {
    out.emplace_back(s["introduced"]["revision"].get<int>(),
                     s["last_changed"]["revision"].get<int>());
  }
  return out;
}

} // namespace

TEST_CASE("storydiff summary prints the story's history", "[cli][history]") {
  const HistoryStore& h = history_store();
  SECTION("text, markdown and json match their golden files") {
    for (const auto& [format, file] : std::vector<std::pair<std::string, std::string>>{
             {"text", "summary.txt"}, {"markdown", "summary.md"}, {"json", "summary.json"}}) {
      const RunResult r = h.sd({"summary", "--format", format, k_story});
      REQUIRE(r.exit_code == 0);
      CHECK(r.err.empty());
      check_golden(r.out, file);
    }
  }
  SECTION("json: newest first, the toll's chain of values") {
    const RunResult r = h.sd({"summary", "--format=json", k_story});
    REQUIRE(r.exit_code == 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    CHECK(j["schema"] == "storydiff.summary/1");
    REQUIRE(j["revisions"].size() == 9);
    CHECK(j["revisions"][0]["revision"] == 9);
    CHECK(j["revisions"][8]["revision"] == 1);
    CHECK(j["revisions"][2]["restores"] == 5);
    CHECK(j["span"]["seconds"] == 8 * 3600);
    bool toll = false;
    for (const auto& fact : j["facts"]) {
      if (fact["unit"] == "dead") {
        toll = true;
        CHECK(fact["revisions"] == nlohmann::json({2, 4, 8}));
        CHECK(fact["numbers"] == nlohmann::json({2, 4, 6, 7}));
        CHECK(fact["values"][1] == "at least 4 dead");
      }
      // A time and a weekday in one sentence are different facts.
      if (fact["kind"] == "date_changed") {
        CHECK(fact["values"] == nlohmann::json({"Tuesday", "Monday", "Tuesday"}));
      }
    }
    CHECK(toll);
  }
  SECTION("--since keeps only the later revisions") {
    const RunResult r = h.sd({"summary", "--since", "r6", "--format", "json", k_story});
    REQUIRE(r.exit_code == 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    CHECK(j["since"] == 6);
    REQUIRE(j["revisions"].size() == 3);
    CHECK(j["revisions"][2]["revision"] == 7);
  }
  SECTION("errors") {
    CHECK(h.sd({"summary", "--format", "html", k_story}).exit_code == 2);
    CHECK(h.sd({"summary", "no-such-story"}).exit_code == 2);
    CHECK(h.sd({"summary", "--since", "r99", k_story}).exit_code == 2);
    CHECK(h.sd({"summary"}).exit_code == 2);
  }
}

TEST_CASE("storydiff blame credits each sentence to its revisions", "[cli][history]") {
  const HistoryStore& h = history_store();
  SECTION("text and json match their golden files") {
    const RunResult text = h.sd({"blame", k_story});
    REQUIRE(text.exit_code == 0);
    check_golden(text.out, "blame.txt");
    const RunResult json = h.sd({"blame", "--format", "json", k_story});
    REQUIRE(json.exit_code == 0);
    check_golden(json.out, "blame.json");
  }
  SECTION("moves, splits, merges and restores keep their origin") {
    const nlohmann::json j = nlohmann::json::parse(h.sd({"blame", "--format=json", k_story}).out);
    CHECK(j["schema"] == "storydiff.blame/1");
    CHECK(j["revision"]["revision"] == 9);
    auto find = [&](const std::string& start) -> nlohmann::json {
      for (const auto& s : j["sentences"]) {
        if (s["text"].get<std::string>().rfind(start, 0) == 0) {
          return s;
        }
      }
      FAIL("no sentence starting with " << start);
      return {};
    };
    // Moved up in r4, text unchanged since r1.
    CHECK(find("A 2021 state study")["last_changed"]["revision"] == 1);
    // Split in r5 from an r1 sentence.
    CHECK(find("It was last inspected")["introduced"]["revision"] == 1);
    CHECK(find("It was last inspected")["last_changed"]["revision"] == 5);
    // Merged in r5 from two r1 sentences.
    CHECK(find("The U.S. Coast Guard closed")["introduced"]["revision"] == 1);
    // Cut in r6, restored in r7: its r3 wording keeps r1 and r3.
    CHECK(find("“It sounded like thunder")["introduced"]["revision"] == 1);
    CHECK(find("“It sounded like thunder")["last_changed"]["revision"] == 3);
  }
  SECTION("a revision that restores another has that revision's blame") {
    const RunResult r5 = h.sd({"blame", "--format=json", k_story + "@r5"});
    const RunResult r7 = h.sd({"blame", "--format=json", k_story + "@7"});
    REQUIRE(r5.exit_code == 0);
    REQUIRE(r7.exit_code == 0);
    CHECK(provenance(nlohmann::json::parse(r5.out)) == provenance(nlohmann::json::parse(r7.out)));
    CHECK(nlohmann::json::parse(r7.out)["revision"]["revision"] == 7);
  }
  SECTION("errors") {
    CHECK(h.sd({"blame", k_story + "@"}).exit_code == 2);
    CHECK(h.sd({"blame", k_story + "@r42"}).exit_code == 2);
    CHECK(h.sd({"blame", "--format", "markdown", k_story}).exit_code == 2);
    CHECK(h.sd({"blame", "Bad Slug"}).exit_code == 2);
  }
}
