// SPDX-License-Identifier: MIT
// read_changed_files on temporary repositories made with the real git.
#include "draft_repo.hpp"

#include <storydiff/store/git_range.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <iostream>

using storydiff::core::ErrorCode;
using storydiff::store::ChangedFile;
using storydiff::store::FileStatus;
using storydiff::store::RangeOptions;
using storydiff::store::read_changed_files;
using storydiff::test::DraftRepo;
using storydiff::test::generated_story;

namespace {

std::vector<ChangedFile> read_ok(const std::filesystem::path& start, const std::string& range,
                                 const RangeOptions& options = {}) {
  auto files = read_changed_files(start, range, options);
  INFO(range << ": " << (files ? std::string("ok") : files.error().message));
  REQUIRE(files);
  return std::move(files).value();
}

const ChangedFile* find(const std::vector<ChangedFile>& files, const std::string& path) {
  for (const auto& f : files) {
    if ((f.new_file && f.new_file->path == path) || (!f.new_file && f.old_file->path == path)) {
      return &f;
    }
  }
  return nullptr;
}

std::vector<std::string> paths_of(const std::vector<ChangedFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) {
    out.push_back(f.new_file ? f.new_file->path : f.old_file->path);
  }
  return out;
}

} // namespace

TEST_CASE("store::read_changed_files reads both sides of each changed file", "[git_range]") {
  DraftRepo repo;
  repo.write("drafts/keep.md", "# Keep\n\nUnchanged text.\n");
  repo.write("drafts/edit.md", "# Fire\n\nOfficials said 12 people were hurt.\n");
  repo.write("drafts/gone.md", "# Gone\n\nThis draft is withdrawn.\n");
  repo.write("drafts/move-me.md", generated_story(1, 200));
  const std::string base = repo.commit("first drafts");
  repo.write("drafts/edit.md", "# Fire\n\nOfficials said 15 people were hurt.\n");
  repo.write("drafts/new.md", "# New\n\nA new draft.\n");
  repo.remove("drafts/gone.md");
  repo.remove("drafts/move-me.md");
  repo.write("drafts/moved.md", generated_story(1, 200) + "One added closing line.\n");
  const std::string head = repo.commit("edits");

  const auto files = read_ok(repo.work(), base + ".." + head);
  REQUIRE(files.size() == 4);
  // In the order of the new (else old) path.
  CHECK(paths_of(files) == std::vector<std::string>{"drafts/edit.md", "drafts/gone.md",
                                                    "drafts/moved.md", "drafts/new.md"});

  SECTION("modified") {
    const ChangedFile* f = find(files, "drafts/edit.md");
    REQUIRE(f != nullptr);
    CHECK(f->status == FileStatus::modified);
    REQUIRE(f->old_file);
    REQUIRE(f->new_file);
    CHECK(f->old_file->content == "# Fire\n\nOfficials said 12 people were hurt.\n");
    CHECK(f->new_file->content == "# Fire\n\nOfficials said 15 people were hurt.\n");
    CHECK(f->new_file->id == repo.rev_parse(head + ":drafts/edit.md"));
    CHECK(f->new_file->size == f->new_file->content.size());
    CHECK_FALSE(f->new_file->binary);
    CHECK_FALSE(f->new_file->too_large);
  }
  SECTION("added") {
    const ChangedFile* f = find(files, "drafts/new.md");
    REQUIRE(f != nullptr);
    CHECK(f->status == FileStatus::added);
    CHECK_FALSE(f->old_file);
    REQUIRE(f->new_file);
    CHECK(f->new_file->content == "# New\n\nA new draft.\n");
  }
  SECTION("deleted") {
    const ChangedFile* f = find(files, "drafts/gone.md");
    REQUIRE(f != nullptr);
    CHECK(f->status == FileStatus::deleted);
    CHECK_FALSE(f->new_file);
    REQUIRE(f->old_file);
    CHECK(f->old_file->content == "# Gone\n\nThis draft is withdrawn.\n");
  }
  SECTION("renamed with an edit") {
    const ChangedFile* f = find(files, "drafts/moved.md");
    REQUIRE(f != nullptr);
    CHECK(f->status == FileStatus::renamed);
    REQUIRE(f->old_file);
    CHECK(f->old_file->path == "drafts/move-me.md");
    CHECK(f->old_file->content == generated_story(1, 200));
    CHECK(f->new_file->content == generated_story(1, 200) + "One added closing line.\n");
    CHECK(f->similarity >= 50);
    CHECK(f->similarity < 100);
  }
  SECTION("without rename detection a rename is a delete and an add") {
    RangeOptions options;
    options.find_renames = false;
    const auto plain = read_ok(repo.work(), base + ".." + head, options);
    REQUIRE(plain.size() == 5);
    CHECK(find(plain, "drafts/move-me.md")->status == FileStatus::deleted);
    CHECK(find(plain, "drafts/moved.md")->status == FileStatus::added);
  }
  SECTION("the same commit on both sides changes nothing") {
    CHECK(read_ok(repo.work(), head + ".." + head).empty());
  }
}

TEST_CASE("store::read_changed_files flags binary and too large blobs", "[git_range]") {
  DraftRepo repo;
  repo.write("a.md", "old\n");
  repo.write("photo.bin", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  repo.write("big.md", std::string(300, 'x') + "\n");
  const std::string base = repo.commit("one");
  repo.write("a.md", "new\n");
  repo.write("photo.bin", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDX", 16));
  repo.write("big.md", std::string(400, 'y') + "\n");
  repo.commit("two");

  SECTION("binary: flagged, no content") {
    const auto files = read_ok(repo.work(), "HEAD~1..HEAD");
    const ChangedFile* f = find(files, "photo.bin");
    REQUIRE(f != nullptr);
    CHECK(f->old_file->binary);
    CHECK(f->new_file->binary);
    CHECK(f->new_file->content.empty());
    CHECK(f->new_file->size == 16);
    CHECK_FALSE(find(files, "a.md")->new_file->binary);
  }
  SECTION("too large: flagged by size, no content, small files still read") {
    RangeOptions options;
    options.max_blob_bytes = 350;
    const auto files = read_ok(repo.work(), "HEAD~1..HEAD", options);
    const ChangedFile* f = find(files, "big.md");
    REQUIRE(f != nullptr);
    CHECK_FALSE(f->old_file->too_large); // 301 bytes
    CHECK(f->old_file->content.size() == 301);
    CHECK(f->new_file->too_large); // 401 bytes
    CHECK(f->new_file->size == 401);
    CHECK(f->new_file->content.empty());
    CHECK(find(files, "a.md")->new_file->content == "new\n");
  }
  SECTION("a cap outside 1 byte..1 GiB is refused") {
    RangeOptions options;
    options.max_blob_bytes = 0;
    const auto r = read_changed_files(repo.work(), "HEAD", options);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::invalid_input);
  }
}

TEST_CASE("store::read_changed_files keeps the files a pathspec matches", "[git_range]") {
  DraftRepo repo;
  repo.write("drafts/a.md", "a1\n");
  repo.write("drafts/b.txt", "b1\n");
  repo.write("notes/c.md", "c1\n");
  repo.write("drafts/rename-out.md", generated_story(7, 100));
  repo.write("README", "r1\n");
  repo.commit("one");
  repo.write("drafts/a.md", "a2\n");
  repo.write("drafts/b.txt", "b2\n");
  repo.write("notes/c.md", "c2\n");
  repo.write("README", "r2\n");
  repo.remove("drafts/rename-out.md");
  repo.write("archive/renamed.md", generated_story(7, 100));
  repo.commit("two");

  auto with = [](std::vector<std::string> specs) {
    RangeOptions options;
    options.pathspecs = std::move(specs);
    return options;
  };
  SECTION("a folder") {
    const auto files = read_ok(repo.work(), "HEAD~1..HEAD", with({"drafts/"}));
    CHECK(paths_of(files) ==
          std::vector<std::string>{"archive/renamed.md", "drafts/a.md", "drafts/b.txt"});
    // Its old path matched: still a rename, not a deletion.
    CHECK(find(files, "archive/renamed.md")->status == FileStatus::renamed);
  }
  SECTION("a glob matches in every folder") {
    const auto files = read_ok(repo.work(), "HEAD~1..HEAD", with({"*.md"}));
    CHECK(paths_of(files) ==
          std::vector<std::string>{"archive/renamed.md", "drafts/a.md", "notes/c.md"});
  }
  SECTION("several pathspecs") {
    const auto files = read_ok(repo.work(), "HEAD~1..HEAD", with({"README", "notes"}));
    CHECK(paths_of(files) == std::vector<std::string>{"README", "notes/c.md"});
  }
  SECTION("without rename detection the pathspec filters in the diff") {
    auto options = with({"drafts/"});
    options.find_renames = false;
    const auto files = read_ok(repo.work(), "HEAD~1..HEAD", options);
    CHECK(paths_of(files) ==
          std::vector<std::string>{"drafts/a.md", "drafts/b.txt", "drafts/rename-out.md"});
  }
  SECTION("from a subfolder, pathspecs are relative to it, paths to the top") {
    const auto files = read_ok(repo.work() / "drafts", "HEAD~1..HEAD", with({"*.md"}));
    CHECK(paths_of(files) == std::vector<std::string>{"archive/renamed.md", "drafts/a.md"});
    const auto all = read_ok(repo.work() / "notes", "HEAD~1..HEAD");
    CHECK(all.size() == 5);
  }
  SECTION("pathspecs are normalized; . is everything; outside the repository is refused") {
    CHECK(read_ok(repo.work(), "HEAD~1..HEAD", with({"./notes/../notes/"})).size() == 1);
    CHECK(read_ok(repo.work(), "HEAD~1..HEAD", with({".", "notes"})).size() == 5);
    CHECK(read_ok(repo.work() / "drafts", "HEAD~1..HEAD", with({"../notes"})).size() == 1);
    const auto r = read_changed_files(repo.work(), "HEAD~1..HEAD", with({"../elsewhere"}));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::invalid_input);
  }
  SECTION("a pathspec nothing matches gives no files") {
    CHECK(read_ok(repo.work(), "HEAD~1..HEAD", with({"nowhere/"})).empty());
  }
}

TEST_CASE("store::read_changed_files understands the three range forms", "[git_range]") {
  DraftRepo repo;
  repo.write("story.md", "Base text.\n");
  repo.write("other.md", "Other base.\n");
  const std::string root = repo.commit("root");
  repo.must({"checkout", "-q", "-b", "feature"});
  repo.write("story.md", "Feature text.\n");
  const std::string feature = repo.commit("feature edit");
  repo.must({"checkout", "-q", "main"});
  repo.write("other.md", "Main moved on.\n");
  const std::string main_tip = repo.commit("main edit");

  SECTION("A..B: tree of A against tree of B") {
    const auto files = read_ok(repo.work(), "main..feature");
    CHECK(paths_of(files) == std::vector<std::string>{"other.md", "story.md"});
    CHECK(find(files, "other.md")->old_file->content == "Main moved on.\n");
    CHECK(find(files, "other.md")->new_file->content == "Other base.\n");
  }
  SECTION("A...B: the merge base against B") {
    const auto files = read_ok(repo.work(), "main...feature");
    REQUIRE(paths_of(files) == std::vector<std::string>{"story.md"});
    CHECK(files[0].old_file->content == "Base text.\n");
    CHECK(files[0].new_file->content == "Feature text.\n");
  }
  SECTION("REV: its first parent against it") {
    const auto files = read_ok(repo.work(), "main");
    REQUIRE(paths_of(files) == std::vector<std::string>{"other.md"});
    CHECK(files[0].old_file->content == "Other base.\n");
    const auto by_id = read_ok(repo.work(), feature.substr(0, 10));
    CHECK(paths_of(by_id) == std::vector<std::string>{"story.md"});
  }
  SECTION("REV of a merge: the first parent against it") {
    repo.must({"merge", "-q", "--no-edit", "feature"});
    const auto files = read_ok(repo.work(), "HEAD");
    CHECK(paths_of(files) == std::vector<std::string>{"story.md"});
  }
  SECTION("a root commit: the empty tree against it") {
    const auto files = read_ok(repo.work(), root);
    REQUIRE(files.size() == 2);
    for (const auto& f : files) {
      CHECK(f.status == FileStatus::added);
      CHECK_FALSE(f.old_file);
    }
  }
  SECTION("sides may be any revision: HEAD~1, tags, an omitted side means HEAD") {
    repo.must({"tag", "v1", root});
    CHECK(paths_of(read_ok(repo.work(), "v1..HEAD~1")) == std::vector<std::string>{});
    CHECK(paths_of(read_ok(repo.work(), "v1..HEAD")) == std::vector<std::string>{"other.md"});
    CHECK(paths_of(read_ok(repo.work(), "v1..")) == std::vector<std::string>{"other.md"});
    CHECK(main_tip == repo.head());
  }
}

TEST_CASE("store::read_changed_files reports bad ranges and missing repositories", "[git_range]") {
  DraftRepo repo;
  repo.write("a.md", "a\n");
  repo.commit("one");

  SECTION("unknown revision") {
    for (const std::string range :
         {"nosuchbranch", "HEAD..nosuchbranch", "nope...HEAD", "HEAD~5"}) {
      const auto r = read_changed_files(repo.work(), range);
      INFO(range);
      REQUIRE_FALSE(r);
      CHECK(r.error().code == ErrorCode::not_found);
      CHECK_THAT(r.error().message, Catch::Contains(range));
    }
  }
  SECTION("empty or malformed range") {
    for (const std::string range : {"", "HEAD^{nonsense}", "HEAD:a.md"}) {
      const auto r = read_changed_files(repo.work(), range);
      INFO(range);
      REQUIRE_FALSE(r);
      CHECK(r.error().code == ErrorCode::invalid_input);
    }
  }
  SECTION("not a repository") {
    storydiff::test::TempDir plain;
    const auto r = read_changed_files(plain.path(), "HEAD");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::not_found);
    CHECK_THAT(r.error().message, Catch::Contains("not a git repository"));
  }
  SECTION("a repository without commits") {
    DraftRepo empty;
    const auto r = read_changed_files(empty.work(), "HEAD");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::not_found);
  }
  SECTION("unrelated histories have no merge base") {
    repo.must({"checkout", "-q", "--orphan", "other"});
    repo.write("b.md", "b\n");
    repo.commit("unrelated");
    const auto r = read_changed_files(repo.work(), "main...other");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::not_found);
    CHECK_THAT(r.error().message, Catch::Contains("merge base"));
    CHECK(read_changed_files(repo.work(), "main..other"));
  }
}

TEST_CASE("store::read_changed_files opens bare repositories and finds .git from below",
          "[git_range]") {
  DraftRepo repo;
  repo.write("drafts/deep/a.md", "a1\n");
  repo.commit("one");
  repo.write("drafts/deep/a.md", "a2\n");
  repo.commit("two");

  SECTION("from a nested folder of the work tree") {
    const auto files = read_ok(repo.work() / "drafts" / "deep", "HEAD~1..HEAD");
    REQUIRE(files.size() == 1);
    CHECK(files[0].new_file->path == "drafts/deep/a.md");
  }
  SECTION("from the .git folder") {
    CHECK(read_ok(repo.work() / ".git", "HEAD~1..HEAD").size() == 1);
  }
  SECTION("a bare clone") {
    const auto bare = repo.root() / "bare.git";
    repo.must({"clone", "-q", "--bare", repo.work().string(), bare.string()});
    const auto files = read_ok(bare, "HEAD~1..HEAD");
    REQUIRE(files.size() == 1);
    CHECK(files[0].old_file->content == "a1\n");
    CHECK(files[0].new_file->content == "a2\n");
    RangeOptions options;
    options.pathspecs = {"drafts/"};
    CHECK(read_ok(bare, "HEAD~1..HEAD", options).size() == 1);
  }
}

TEST_CASE("store::read_changed_files skips symbolic links and submodules", "[git_range]") {
  DraftRepo repo;
  repo.write("a.md", "a1\n");
  const std::string first = repo.commit("one");
  repo.write("a.md", "a2\n");
  std::filesystem::create_symlink("a.md", repo.work() / "link.md");
  repo.must({"add", "-A"});
  // A gitlink (a submodule entry) without cloning anything.
  repo.must({"update-index", "--add", "--cacheinfo", "160000," + first + ",vendor/sub"});
  repo.must({"commit", "-q", "-m", "two"});
  REQUIRE(repo.must({"ls-tree", "-r", "HEAD"}).find("160000 commit") != std::string::npos);

  const auto files = read_ok(repo.work(), "HEAD~1..HEAD");
  CHECK(paths_of(files) == std::vector<std::string>{"a.md"});
}

TEST_CASE("store::read_changed_files reads a range of 300 files", "[git_range]") {
  DraftRepo repo;
  for (int i = 0; i < 300; ++i) {
    repo.write("drafts/story-" + std::to_string(1000 + i) + ".md", generated_story(i, 150));
  }
  repo.commit("one");
  for (int i = 0; i < 300; ++i) {
    std::string text = generated_story(i, 150);
    text.replace(text.rfind("said "), 5, "said at least ");
    repo.write("drafts/story-" + std::to_string(1000 + i) + ".md", text);
  }
  repo.commit("two");

  const auto files = read_ok(repo.work(), "HEAD~1..HEAD");
  REQUIRE(files.size() == 300);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& f = files[i];
    INFO(i);
    REQUIRE(f.status == FileStatus::modified);
    CHECK(f.new_file->path == "drafts/story-" + std::to_string(1000 + i) + ".md");
    CHECK(f.old_file->content == generated_story(static_cast<int>(i), 150));
    CHECK(f.new_file->content.find("said at least ") != std::string::npos);
  }
  // The root commit's side: all 300 added.
  CHECK(read_ok(repo.work(), "HEAD~1").size() == 300);
}

// Not a test: `test_store "[.bench]"` prints the time to read 200 changed
// files of ~1,000 words.
TEST_CASE("bench: read_changed_files on 200 files of 1,000 words", "[.bench]") {
  DraftRepo repo;
  for (int i = 0; i < 200; ++i) {
    repo.write("drafts/s" + std::to_string(i) + ".md", generated_story(i));
  }
  repo.commit("one");
  for (int i = 0; i < 200; ++i) {
    std::string text = generated_story(i);
    text.replace(text.find("council"), 7, "committee");
    text.replace(text.rfind("said "), 5, "said nearly ");
    repo.write("drafts/s" + std::to_string(i) + ".md", text);
  }
  repo.commit("two");
  for (const bool packed : {false, true}) {
    if (packed) {
      repo.must({"gc", "-q"});
    }
    double best_wall = 1e9;
    double best_cpu = 1e9;
    for (int round = 0; round < 5; ++round) {
      const auto t0 = std::chrono::steady_clock::now();
      const std::clock_t c0 = std::clock();
      const auto files = read_ok(repo.work(), "HEAD~1..HEAD");
      const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
      const std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - t0;
      REQUIRE(files.size() == 200);
      best_wall = std::min(best_wall, ms.count());
      best_cpu = std::min(best_cpu, cpu_ms);
    }
    std::cout << "read_changed_files, 200 files x ~1,000 words, " << (packed ? "packed" : "loose")
              << " objects: best of 5 " << best_wall << " ms wall, " << best_cpu << " ms CPU\n";
  }
}
