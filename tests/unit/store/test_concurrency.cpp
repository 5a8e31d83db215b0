// SPDX-License-Identifier: MIT
// Several processes appending at once, and writers killed mid-append.
#include <storydiff/store/store.hpp>

#include "store_helpers.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <random>
#include <set>
#include <signal.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace storydiff;
using namespace storydiff::store;
using storydiff::test::fsck_clean;
using storydiff::test::git_in;
using storydiff::test::revision_of;
using storydiff::test::spawn;
using storydiff::test::TempDir;
using storydiff::test::wait_exit;

TEST_CASE("store::Store::append from concurrent processes loses nothing", "[store][concurrency]") {
  TempDir dir;
  REQUIRE(Store::init(dir / "store"));
  const auto path = dir / "store";
  constexpr int k_writers = 4;
  constexpr int k_each = 25;
  std::vector<pid_t> children;
  for (int w = 0; w < k_writers; ++w) {
    children.push_back(spawn([&, w] {
      auto s = Store::open(path);
      if (!s) {
        return 10;
      }
      AppendOptions options;
      options.max_attempts = 1000;
      for (int i = 0; i < k_each; ++i) {
        const std::string text = "writer " + std::to_string(w) + " text " + std::to_string(i) + "\n";
        auto r = s->append("shared", revision_of(text, 1000 + i), options);
        if (!r || r->status != AppendStatus::recorded) {
          return 11;
        }
      }
      return 0;
    }));
  }
  for (pid_t pid : children) {
    CHECK(wait_exit(pid) == 0);
  }
  auto s = Store::open(path);
  REQUIRE(s);
  auto log = s->log("shared");
  REQUIRE(log);
  REQUIRE(log->size() == k_writers * k_each);
  std::set<std::string> texts;
  for (std::size_t i = 0; i < log->size(); ++i) {
    CHECK((*log)[i].meta.revision == log->size() - i);
    texts.insert(*s->read_file((*log)[i].id, "article.txt"));
  }
  CHECK(texts.size() == static_cast<std::size_t>(k_writers * k_each));
  CHECK(git_in(path, {"rev-list", "--count", "stories/shared"}).out == "100\n");
  CHECK(git_in(path, {"rev-list", "--count", "--min-parents=2", "stories/shared"}).out == "0\n");
  std::string report;
  const bool clean = fsck_clean(path, &report);
  INFO(report);
  CHECK(clean);
}

TEST_CASE("store::Store::append survives writers killed at random moments", "[store][concurrency]") {
  TempDir dir;
  REQUIRE(Store::init(dir / "store"));
  const auto path = dir / "store";
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> delay_us(2000, 40000);
  for (int round = 0; round < 30; ++round) {
    const pid_t pid = spawn([&, round] {
      auto s = Store::open(path);
      if (!s) {
        return 10;
      }
      for (int i = 0;; ++i) {
        const std::string text = "round " + std::to_string(round) + " text " + std::to_string(i) + "\n";
        if (!s->append("x", revision_of(text, 1000 + i))) {
          return 11;
        }
      }
    });
    // Let the writer record at least one revision first (a slow machine or a
    // sanitizer build may need far longer than the random delay to start), so
    // every kill lands among real appends.
    const auto ref = path / "refs" / "heads" / "stories" / "x";
    const std::string before = std::filesystem::exists(ref) ? test::read_file(ref) : "";
    for (int wait = 0; wait < 2000; ++wait) {
      std::error_code ec;
      if (std::filesystem::exists(ref, ec) && test::read_file(ref) != before) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
    kill(pid, SIGKILL);
    const int code = wait_exit(pid);
    INFO("round " << round);
    CHECK(code == 128 + SIGKILL);

    std::string report;
    const bool clean = fsck_clean(path, &report);
    INFO(report);
    CHECK(clean);
    const auto count = git_in(path, {"rev-list", "--count", "stories/x"});
    if (count.exit_code != 0) {
      continue; // killed before its first revision
    }
    const auto meta = nlohmann::json::parse(git_in(path, {"show", "stories/x:meta.json"}).out);
    CHECK(std::to_string(meta.at("revision").get<int>()) + "\n" == count.out);
    CHECK(git_in(path, {"cat-file", "-e", "stories/x:article.txt"}).exit_code == 0);
  }
  // A lock left by a killed writer does not block the store for good.
  auto s = Store::open(path);
  REQUIRE(s);
  auto r = s->append("x", revision_of("after the crashes\n", 99999));
  INFO((r ? "" : r.error().message));
  REQUIRE(r);
  CHECK(r->status == AppendStatus::recorded);
  // The killed writers did record revisions (so the kills hit real appends).
  CHECK(r->revision.meta.revision > 1);
  CHECK(fsck_clean(path));
}

TEST_CASE("store::Store::append clears a stale ref lock", "[store][concurrency]") {
  TempDir dir;
  auto s = Store::init(dir / "store");
  REQUIRE(s);
  REQUIRE(s->append("x", revision_of("one\n")));
  const auto lock = dir / "store" / "refs" / "heads" / "stories" / "x.lock";
  test::write_file(lock, std::string(40, '0') + "\n");
  SECTION("a fresh lock makes the writer wait and give up") {
    AppendOptions options;
    options.max_attempts = 3;
    auto r = s->append("x", revision_of("two\n"), options);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == core::ErrorCode::conflict);
    CHECK(std::filesystem::exists(lock));
  }
  SECTION("an old lock is removed") {
    std::filesystem::last_write_time(
        lock, std::filesystem::file_time_type::clock::now() - std::chrono::minutes(5));
    auto r = s->append("x", revision_of("two\n"));
    REQUIRE(r);
    CHECK(r->revision.meta.revision == 2);
    CHECK_FALSE(std::filesystem::exists(lock));
  }
}

TEST_CASE("store::Store::pack is safe while another process appends", "[store][concurrency]") {
  TempDir dir;
  auto s = Store::init(dir / "store");
  REQUIRE(s);
  const auto path = dir / "store";
  constexpr int k_revisions = 150;
  const pid_t pid = spawn([&] {
    auto writer = Store::open(path);
    if (!writer) {
      return 10;
    }
    for (int i = 0; i < k_revisions; ++i) {
      auto r = writer->append("x", revision_of("text " + std::to_string(i) + "\n", 1000 + i));
      if (!r || r->status != AppendStatus::recorded) {
        return 11;
      }
    }
    return 0;
  });
  int packs = 0;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    auto packed = s->pack();
    INFO((packed ? "" : packed.error().message));
    CHECK(packed);
    ++packs;
  }
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(packs > 0);
  REQUIRE(s->pack());
  auto log = s->log("x");
  REQUIRE(log);
  CHECK(log->size() == k_revisions);
  for (const auto& rev : *log) {
    CHECK(s->read_file(rev.id, "article.txt"));
  }
  std::string report;
  const bool clean = fsck_clean(path, &report);
  INFO(report);
  CHECK(clean);
}
