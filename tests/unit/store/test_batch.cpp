// SPDX-License-Identifier: MIT
// ImportBatch: many revisions staged in memory and published as packs.
#include <storydiff/store/store.hpp>

#include "store_helpers.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
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

namespace {

Store make_store(const TempDir& dir, const std::string& name = "store") {
  auto s = Store::init(dir / name);
  REQUIRE(s);
  return std::move(*s);
}

ImportBatch make_batch(Store& s, std::string_view story, std::size_t flush_every) {
  BatchOptions options;
  options.flush_every = flush_every;
  auto b = s.begin_batch(story, options);
  REQUIRE(b);
  return std::move(*b);
}

// Texts with an unchanged repeat (3 after 2), restores (A again, B again) and
// a run long enough to cross several batches.
std::vector<std::string> sample_texts() {
  std::vector<std::string> texts{"A\n", "B\n", "C\n", "C\n", "A\n", "D\n", "B\n"};
  for (int i = 0; i < 10; ++i) {
    texts.push_back("line " + std::to_string(i) + "\n");
  }
  texts.push_back("A\n");
  return texts;
}

std::size_t count_files(const std::filesystem::path& dir, const std::string& extension) {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    n += e.path().extension() == extension ? 1 : 0;
  }
  return n;
}

// Loose objects: files in the two-hex-digit folders of objects/.
std::size_t count_loose(const std::filesystem::path& store) {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(store / "objects")) {
    if (e.is_directory() && e.path().filename().string().size() == 2) {
      for ([[maybe_unused]] const auto& f : std::filesystem::directory_iterator(e.path())) {
        ++n;
      }
    }
  }
  return n;
}


} // namespace

TEST_CASE("store::ImportBatch records what appending one by one records", "[store][batch]") {
  TempDir dir;
  Store one = make_store(dir, "one");
  Store many = make_store(dir, "many");
  const auto texts = sample_texts();
  const std::size_t flush_every = GENERATE(1, 3, 100);
  INFO("flush_every " << flush_every);
  ImportBatch batch = make_batch(many, "x", flush_every);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto at = 1000 + static_cast<std::int64_t>(i) * 60;
    auto a = one.append("x", revision_of(texts[i], at));
    auto b = batch.add(revision_of(texts[i], at));
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->status == b->status);
    CHECK(a->revision.meta.revision == b->revision.meta.revision);
    CHECK(a->revision.meta.restores == b->revision.meta.restores);
    CHECK(a->revision.id == b->revision.id);
  }
  CHECK(batch.published() + batch.pending() == texts.size() - 1); // one unchanged
  REQUIRE(batch.flush());
  CHECK(batch.pending() == 0);
  CHECK(batch.published() == texts.size() - 1);

  // Same commits, so the same ids: articles, meta, messages, times, parents.
  const auto head_one = git_in(one.path(), {"rev-parse", "stories/x"});
  const auto head_many = git_in(many.path(), {"rev-parse", "stories/x"});
  CHECK(head_one.exit_code == 0);
  CHECK(head_one.out == head_many.out);
  auto log = many.log("x");
  REQUIRE(log);
  REQUIRE(log->size() == texts.size() - 1);
  CHECK(*log->front().meta.restores == 4); // the last "A" restores r4, the newest earlier "A"
  CHECK(*many.read_file(log->front().id, "article.txt") == "A\n");

  // Nothing loose: every batch is one pack with its index.
  CHECK(count_loose(many.path()) == 0);
  const std::size_t batches = (texts.size() - 1 + flush_every - 1) / flush_every;
  CHECK(count_files(many.path() / "objects" / "pack", ".pack") == batches);
  CHECK(count_files(many.path() / "objects" / "pack", ".idx") == batches);
  std::string report;
  const bool clean = fsck_clean(many.path(), &report);
  INFO(report);
  CHECK(clean);
}

TEST_CASE("store::ImportBatch publishes only on flush", "[store][batch]") {
  TempDir dir;
  Store s = make_store(dir);
  auto r1 = s.append("x", revision_of("first\n", 1000));
  REQUIRE(r1);
  SECTION("staged revisions are invisible, and dropped with the batch") {
    {
      ImportBatch batch = make_batch(s, "x", 100);
      auto staged = batch.add(revision_of("second\n", 2000));
      REQUIRE(staged);
      CHECK(staged->status == AppendStatus::recorded);
      CHECK(staged->revision.meta.revision == 2);
      CHECK(batch.pending() == 1);
      CHECK(s.log("x")->size() == 1);
      CHECK(git_in(s.path(), {"cat-file", "-e", staged->revision.id.hex}).exit_code != 0);
    }
    CHECK(s.log("x")->size() == 1);
    CHECK(count_files(s.path() / "objects" / "pack", ".pack") == 0);
    CHECK(fsck_clean(s.path()));
  }
  SECTION("the batch continues the story and dedupes against its head") {
    ImportBatch batch = make_batch(s, "x", 100);
    auto same = batch.add(revision_of("first\n", 2000));
    REQUIRE(same);
    CHECK(same->status == AppendStatus::unchanged);
    CHECK(same->revision.id == r1->revision.id);
    REQUIRE(batch.add(revision_of("second\n", 3000)));
    REQUIRE(batch.flush());
    REQUIRE(batch.flush()); // nothing left: a no-op
    CHECK(batch.published() == 1);
    auto log = s.log("x");
    REQUIRE(log);
    REQUIRE(log->size() == 2);
    CHECK(log->front().meta.revision == 2);
    // A single append after the batch continues from the batch's head.
    auto r3 = s.append("x", revision_of("first\n", 4000));
    REQUIRE(r3);
    CHECK(r3->revision.meta.revision == 3);
    CHECK(*r3->revision.meta.restores == 1);
  }
  SECTION("a bad revision is refused and the batch goes on") {
    ImportBatch batch = make_batch(s, "x", 100);
    auto bad = batch.add([](const std::optional<ParentView>&) {
      NewRevision rev;
      rev.article = "text\n";
      rev.source = "<p>text</p>";
      rev.source_ext = "../x";
      return rev;
    });
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == core::ErrorCode::invalid_input);
    REQUIRE(batch.add(revision_of("second\n", 2000)));
    REQUIRE(batch.flush());
    CHECK(s.log("x")->size() == 2);
  }
  auto bad_slug = s.begin_batch("Bad Slug");
  REQUIRE_FALSE(bad_slug);
  CHECK(bad_slug.error().code == core::ErrorCode::invalid_input);
}

TEST_CASE("store::ImportBatch rebuilds on top of a concurrent writer's head", "[store][batch]") {
  TempDir dir;
  Store s = make_store(dir);
  REQUIRE(s.append("x", revision_of("base\n", 1000)));
  // A prepare that records which parent revision it was built on.
  auto parents = std::make_shared<std::vector<std::uint32_t>>();
  auto tracked = [parents](std::string text, std::int64_t at) -> PrepareRevision {
    auto inner = revision_of(std::move(text), at);
    return [parents, inner](const std::optional<ParentView>& parent) {
      parents->push_back(parent ? parent->info.meta.revision : 0);
      NewRevision rev = inner(parent);
      rev.headline = "on r" + std::to_string(parent ? parent->info.meta.revision : 0);
      return rev;
    };
  };
  ImportBatch batch = make_batch(s, "x", 100);
  REQUIRE(batch.add(tracked("one\n", 2000)));
  REQUIRE(batch.add(tracked("two\n", 3000)));
  REQUIRE(batch.add(tracked("three\n", 4000)));
  CHECK(*parents == std::vector<std::uint32_t>{1, 2, 3});

  // Another writer (another Store, as another process would) appends "two".
  auto other = Store::open(s.path());
  REQUIRE(other);
  REQUIRE(other->append("x", revision_of("elsewhere\n", 1500)));
  REQUIRE(other->append("x", revision_of("two\n", 1600)));

  parents->clear();
  REQUIRE(batch.flush());
  // Rebuilt on the new r3 ("two"): "one" becomes r4; "two" (on "one") is r5
  // and restores r3; "three" becomes r6.
  CHECK(*parents == std::vector<std::uint32_t>{3, 4, 5});
  CHECK(batch.published() == 3);
  auto log = s.log("x");
  REQUIRE(log);
  REQUIRE(log->size() == 6);
  CHECK((*log)[0].headline == "on r5");
  CHECK((*log)[0].meta.revision == 6);
  CHECK((*log)[1].meta.revision == 5);
  REQUIRE((*log)[1].meta.restores);
  CHECK(*(*log)[1].meta.restores == 3);
  CHECK((*log)[2].headline == "on r3");
  CHECK(*s.read_file((*log)[3].id, "article.txt") == "two\n");
  CHECK(git_in(s.path(), {"rev-list", "--count", "--min-parents=2", "stories/x"}).out == "0\n");

  SECTION("a staged text that became the head's is dropped") {
    REQUIRE(batch.add(tracked("four\n", 5000)));
    REQUIRE(other->append("x", revision_of("four\n", 4500)));
    REQUIRE(batch.flush());
    CHECK(batch.published() == 3);
    CHECK(s.log("x")->size() == 7);
  }
  std::string report;
  const bool clean = fsck_clean(s.path(), &report);
  INFO(report);
  CHECK(clean);
}

TEST_CASE("store::ImportBatch and a concurrent single-revision writer lose nothing",
          "[store][batch][concurrency]") {
  TempDir dir;
  Store s = make_store(dir);
  const auto path = s.path();
  constexpr int k_single = 40;
  constexpr int k_batched = 300;
  const pid_t pid = spawn([&] {
    auto writer = Store::open(path);
    if (!writer) {
      return 10;
    }
    AppendOptions options;
    options.max_attempts = 1000;
    for (int i = 0; i < k_single; ++i) {
      auto r = writer->append("x", revision_of("single " + std::to_string(i) + "\n", 1000 + i),
                              options);
      if (!r || r->status != AppendStatus::recorded) {
        return 11;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    return 0;
  });
  BatchOptions options;
  options.flush_every = 10;
  options.max_attempts = 1000;
  auto batch = s.begin_batch("x", options);
  REQUIRE(batch);
  for (int i = 0; i < k_batched; ++i) {
    auto r = batch->add(revision_of("batched " + std::to_string(i) + "\n", 5000 + i));
    INFO((r ? "" : r.error().message));
    REQUIRE(r);
    CHECK(r->status == AppendStatus::recorded);
  }
  REQUIRE(batch->flush());
  CHECK(wait_exit(pid) == 0);
  CHECK(batch->published() == k_batched);

  auto log = s.log("x");
  REQUIRE(log);
  REQUIRE(log->size() == k_single + k_batched);
  std::set<std::string> texts;
  int last_batched = -1;
  bool in_order = true;
  for (std::size_t i = 0; i < log->size(); ++i) {
    const auto& rev = (*log)[log->size() - 1 - i]; // oldest first
    CHECK(rev.meta.revision == i + 1);
    const std::string text = *s.read_file(rev.id, "article.txt");
    texts.insert(text);
    if (text.rfind("batched ", 0) == 0) {
      const int n = std::stoi(text.substr(8));
      in_order = in_order && n == last_batched + 1;
      last_batched = n;
    }
  }
  CHECK(in_order); // the batch's revisions keep their order
  CHECK(texts.size() == static_cast<std::size_t>(k_single + k_batched));
  CHECK(git_in(path, {"rev-list", "--count", "--min-parents=2", "stories/x"}).out == "0\n");
  std::string report;
  const bool clean = fsck_clean(path, &report);
  INFO(report);
  CHECK(clean);
}

TEST_CASE("store::ImportBatch killed at random moments leaves a complete head",
          "[store][batch][concurrency]") {
  TempDir dir;
  Store s = make_store(dir);
  const auto path = s.path();
  std::mt19937 rng(4242);
  std::uniform_int_distribution<int> delay_us(0, 20000);
  std::size_t last_count = 0;
  int grew = 0;
  for (int round = 0; round < 20; ++round) {
    const pid_t pid = spawn([&, round] {
      auto store = Store::open(path);
      if (!store) {
        return 10;
      }
      BatchOptions options;
      options.flush_every = 7;
      auto batch = store->begin_batch("x", options);
      if (!batch) {
        return 11;
      }
      for (int i = 0;; ++i) {
        const std::string text = "round " + std::to_string(round) + " text " + std::to_string(i) +
                                 "\n" + std::string(static_cast<std::size_t>(i % 50), 'x') + "\n";
        if (!batch->add(revision_of(text, 1000 + i))) {
          return 12;
        }
      }
    });
    // Wait for the child's first publish (the ref file changes), so every
    // kill lands in a running import, then a random moment later.
    const auto ref_file = path / "refs" / "heads" / "stories" / "x";
    auto ref_now = [&] {
      std::error_code ec;
      return std::filesystem::exists(ref_file, ec) ? test::read_file(ref_file) : std::string();
    };
    const std::string before = ref_now();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (ref_now() == before && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
    kill(pid, SIGKILL);
    INFO("round " << round);
    CHECK(wait_exit(pid) == 128 + SIGKILL);

    std::string report;
    const bool clean = fsck_clean(path, &report);
    INFO(report);
    CHECK(clean);
    const auto count = git_in(path, {"rev-list", "--count", "stories/x"});
    if (count.exit_code != 0) {
      continue; // killed before its first publish
    }
    const std::size_t n = std::stoul(count.out);
    CHECK(n % 7 == 0); // only whole batches are ever published
    grew += n > last_count ? 1 : 0;
    last_count = n;
    const auto meta = nlohmann::json::parse(git_in(path, {"show", "stories/x:meta.json"}).out);
    CHECK(meta.at("revision").get<std::size_t>() == n);
    CHECK(git_in(path, {"cat-file", "-e", "stories/x:article.txt"}).exit_code == 0);
  }
  CHECK(grew == 20); // every round published before its kill
  auto r = s.append("x", revision_of("after the crashes\n", 99999));
  REQUIRE(r);
  CHECK(r->revision.meta.revision == last_count + 1);
  REQUIRE(s.pack());
  CHECK(fsck_clean(path));
}
