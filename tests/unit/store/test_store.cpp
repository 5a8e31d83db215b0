// SPDX-License-Identifier: MIT
#include <storydiff/store/store.hpp>

#include "store_helpers.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <set>

using namespace storydiff;
using namespace storydiff::store;
using storydiff::test::fsck_clean;
using storydiff::test::git_in;
using storydiff::test::revision_of;
using storydiff::test::TempDir;

namespace {

Store make_store(const TempDir& dir) {
  auto s = Store::init(dir / "store");
  REQUIRE(s);
  return std::move(*s);
}

RevisionInfo append_ok(Store& s, std::string_view story, const PrepareRevision& prepare) {
  auto r = s.append(story, prepare);
  INFO((r ? std::string() : r.error().message));
  REQUIRE(r);
  REQUIRE(r->status == AppendStatus::recorded);
  return r->revision;
}

} // namespace

TEST_CASE("store::is_valid_slug accepts safe names only", "[store]") {
  for (const char* good : {"a", "flood-2024", "x.y_z", "9lives", "a.b.c"}) {
    CHECK(is_valid_slug(good));
  }
  CHECK(is_valid_slug(std::string(100, 'a')));
  for (const std::string& bad : std::vector<std::string>{"", "Foo", "foo bar", "..", "a..b", "a/b", "-x", ".x", "_x", "x.lock",
                          "x.", "caf\xc3\xa9", "a\nb", "x@{1}"}) {
    INFO(bad);
    CHECK_FALSE(is_valid_slug(bad));
  }
  CHECK_FALSE(is_valid_slug(std::string(101, 'a')));
}

TEST_CASE("store::Store::init and open report missing and foreign folders", "[store]") {
  TempDir dir;
  SECTION("open on a missing folder") {
    auto s = Store::open(dir / "nope");
    REQUIRE_FALSE(s);
    CHECK(s.error().code == core::ErrorCode::not_found);
    CHECK(s.error().message == "no story store at " + (dir / "nope").string() +
                                   " (run `storydiff init` first, or pass --store)");
  }
  SECTION("open on a folder that is not a store") {
    std::filesystem::create_directories(dir / "plain");
    auto s = Store::open(dir / "plain");
    REQUIRE_FALSE(s);
    CHECK(s.error().code == core::ErrorCode::not_found);
  }
  SECTION("init creates parents, and again opens the existing store") {
    auto s = Store::init(dir / "a" / "b");
    REQUIRE(s);
    CHECK(std::filesystem::exists(dir / "a" / "b" / "HEAD"));
    CHECK(git_in(dir / "a" / "b", {"rev-parse", "--is-bare-repository"}).out == "true\n");
    CHECK(git_in(dir / "a" / "b", {"symbolic-ref", "HEAD"}).out == "refs/heads/main\n");
    REQUIRE(s->append("x", revision_of("one\n")));
    auto again = Store::init(dir / "a" / "b");
    REQUIRE(again);
    auto log = again->log("x");
    REQUIRE(log);
    CHECK(log->size() == 1);
  }
  SECTION("init on a non-empty folder that is not a store") {
    test::write_file(dir / "busy" / "notes.txt", "hello");
    auto s = Store::init(dir / "busy");
    REQUIRE_FALSE(s);
    CHECK(s.error().code == core::ErrorCode::invalid_input);
    CHECK(s.error().message.find("not empty") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "busy" / "HEAD"));
  }
  SECTION("init on an empty folder") {
    std::filesystem::create_directories(dir / "empty");
    CHECK(Store::init(dir / "empty"));
  }
}

TEST_CASE("store::Store::resolve_path prefers the flag, then the environment", "[store]") {
  CHECK(Store::resolve_path(std::string("/x/y")) == "/x/y");
  setenv("STORYDIFF_STORE", "/from/env", 1);
  CHECK(Store::resolve_path(std::nullopt) == "/from/env");
  CHECK(Store::resolve_path(std::string("/flag")) == "/flag");
  unsetenv("STORYDIFF_STORE");
  CHECK(Store::resolve_path(std::nullopt) == ".storydiff");
}

TEST_CASE("store::Store::append rejects bad story names", "[store]") {
  TempDir dir;
  Store s = make_store(dir);
  for (const std::string& bad : std::vector<std::string>{"Foo Bar", "FOO", "foo bar", "..", "a/b", "-x", std::string(101, 'a'),
                          "x.lock", "../../etc"}) {
    INFO(bad);
    auto r = s.append(bad, revision_of("text\n"));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == core::ErrorCode::invalid_input);
    CHECK(r.error().message.find("invalid story name") == 0);
    CHECK(s.log(bad).error().code == core::ErrorCode::invalid_input);
  }
  auto r = s.append("Foo Bar", revision_of("text\n"));
  CHECK(r.error().message ==
        "invalid story name 'Foo Bar' (use lowercase letters, digits, '.', '_' and '-', starting "
        "with a letter or digit)");
  auto listed = s.list();
  REQUIRE(listed);
  CHECK(listed->empty());
  CHECK(git_in(s.path(), {"for-each-ref"}).out.empty());
}

TEST_CASE("store::Store::append records revisions readable by git", "[store]") {
  TempDir dir;
  Store s = make_store(dir);
  const std::int64_t t0 = 1733140800; // 2024-12-02T12:00:00Z

  auto prepare_first = [&](const std::optional<ParentView>& parent) {
    CHECK_FALSE(parent);
    NewRevision rev;
    rev.article = "The river rose.\n\nTwelve people were evacuated.\n";
    rev.source = "<p>The river rose.</p><p>Twelve people were evacuated.</p>";
    rev.source_ext = "html";
    rev.meta.captured_at = t0;
    rev.meta.utc_offset_minutes = 60;
    rev.meta.source_url = "https://example.org/flood";
    rev.meta.source_name = "flood.html";
    rev.meta.http_date = "Mon, 02 Dec 2024 12:00:00 GMT";
    rev.meta.title = "Flood";
    rev.meta.input_format = "html";
    rev.meta.extractor_version = "0.1.0";
    rev.meta.source_sha256 = std::string(64, 'b');
    rev.meta.revision = 99;  // the store assigns these
    rev.meta.story = "other";
    rev.headline = "first capture";
    rev.summary = {"Claim added: The river rose."};
    return rev;
  };
  const RevisionInfo r1 = append_ok(s, "flood", prepare_first);
  CHECK(r1.meta.revision == 1);
  CHECK(r1.meta.story == "flood");
  CHECK(r1.headline == "first capture");
  CHECK(r1.id.hex.size() == 40);

  std::string parent_article;
  auto prepare_second = [&](const std::optional<ParentView>& parent) {
    REQUIRE(parent);
    parent_article = parent->article;
    CHECK(parent->info.id == r1.id);
    NewRevision rev;
    rev.article = "The river rose.\n\nFifteen people were evacuated.\n";
    rev.source = rev.article; // same bytes: no source file
    rev.source_ext = "txt";
    rev.meta.captured_at = t0 + 3600;
    rev.meta.input_format = "txt";
    rev.changes_json = "{\"schema\": \"storydiff.diff/1\"}\n";
    rev.headline = "Number changed";
    return rev;
  };
  const RevisionInfo r2 = append_ok(s, "flood", prepare_second);
  CHECK(parent_article == "The river rose.\n\nTwelve people were evacuated.\n");
  CHECK(r2.meta.revision == 2);

  SECTION("log is newest first and resolve/read_file round-trip") {
    auto log = s.log("flood");
    REQUIRE(log);
    REQUIRE(log->size() == 2);
    CHECK((*log)[0].id == r2.id);
    CHECK((*log)[1].id == r1.id);
    CHECK((*log)[1].meta.source_url == "https://example.org/flood");
    CHECK((*log)[1].meta.utc_offset_minutes == 60);
    CHECK((*log)[1].headline == "first capture");
    auto text = s.read_file(r1.id, "article.txt");
    REQUIRE(text);
    CHECK(*text == "The river rose.\n\nTwelve people were evacuated.\n");
    auto source = s.read_file(r1.id, "source.html");
    REQUIRE(source);
    CHECK(*source == "<p>The river rose.</p><p>Twelve people were evacuated.</p>");
    CHECK(s.read_file(r2.id, "source.txt").error().code == core::ErrorCode::not_found);
    CHECK(s.read_file(r1.id, "changes.json").error().code == core::ErrorCode::not_found);
    CHECK(*s.read_file(r2.id, "changes.json") == "{\"schema\": \"storydiff.diff/1\"}\n");
    CHECK(s.read_file(RevisionId{std::string(40, '0')}, "article.txt").error().code ==
          core::ErrorCode::not_found);
    CHECK_FALSE(s.read_file(RevisionId{"xyz"}, "article.txt"));
  }

  SECTION("meta.json holds every field") {
    const auto json = nlohmann::json::parse(*s.read_file(r1.id, "meta.json"));
    CHECK(json.at("story") == "flood");
    CHECK(json.at("revision") == 1);
    CHECK(json.at("captured_at") == "2024-12-02T13:00:00+01:00");
    CHECK(json.at("source_url") == "https://example.org/flood");
    CHECK(json.at("source_name") == "flood.html");
    CHECK(json.at("http_date") == "Mon, 02 Dec 2024 12:00:00 GMT");
    CHECK(json.at("title") == "Flood");
    CHECK(json.at("input_format") == "html");
    CHECK(json.at("extractor") == "storydiff");
    CHECK(json.at("extractor_version") == "0.1.0");
    CHECK(json.at("source_sha256") == std::string(64, 'b'));
    CHECK_FALSE(json.contains("restores"));
  }

  SECTION("git sees the commits, messages, trailers and files") {
    const auto msg = git_in(s.path(), {"log", "-1", "--format=%B", "stories/flood"});
    REQUIRE(msg.exit_code == 0);
    CHECK(msg.out == "flood r2: Number changed\n\nStory: flood\nRevision: 2\n"
                     "Captured-At: 2024-12-02T13:00:00+00:00\n\n");
    const auto first = git_in(s.path(), {"log", "-1", "--format=%B", "stories/flood~1"});
    CHECK(first.out == "flood r1: first capture\n\nClaim added: The river rose.\n\n"
                       "Story: flood\nRevision: 1\nCaptured-At: 2024-12-02T13:00:00+01:00\n"
                       "Source-URL: https://example.org/flood\n\n");
    const auto trailers = git_in(s.path(), {"log", "-1", "--format=%(trailers:key=Revision,valueonly)",
                                            "stories/flood"});
    CHECK(trailers.out == "2\n\n");
    const auto who = git_in(s.path(), {"log", "--format=%an <%ae> %cn %ct %ci", "stories/flood"});
    CHECK(who.out == "storydiff <storydiff@localhost> storydiff 1733144400 2024-12-02 13:00:00 +0000\n"
                     "storydiff <storydiff@localhost> storydiff 1733140800 2024-12-02 13:00:00 +0100\n");
    const auto show = git_in(s.path(), {"show", "stories/flood:article.txt"});
    CHECK(show.out == "The river rose.\n\nFifteen people were evacuated.\n");
    const auto tree = git_in(s.path(), {"ls-tree", "--name-only", "stories/flood~1"});
    CHECK(tree.out == "article.txt\nmeta.json\nsource.html\n");
    const auto tree2 = git_in(s.path(), {"ls-tree", "--name-only", "stories/flood"});
    CHECK(tree2.out == "article.txt\nchanges.json\nmeta.json\n");
    std::string report;
    const bool clean = fsck_clean(s.path(), &report);
    INFO(report);
    CHECK(clean);
  }

  SECTION("list counts revisions per story, sorted") {
    append_ok(s, "alpha", revision_of("alpha text\n", t0 + 7200, "alpha begins"));
    auto stories = s.list();
    REQUIRE(stories);
    REQUIRE(stories->size() == 2);
    CHECK((*stories)[0].slug == "alpha");
    CHECK((*stories)[0].revisions == 1);
    CHECK((*stories)[0].last_headline == "alpha begins");
    CHECK((*stories)[1].slug == "flood");
    CHECK((*stories)[1].revisions == 2);
    CHECK((*stories)[1].last_captured_at == t0 + 3600);
    CHECK((*stories)[1].last_headline == "Number changed");
  }

  SECTION("a second Store sees the same history") {
    auto other = Store::open(s.path());
    REQUIRE(other);
    auto head = other->resolve("flood", "");
    REQUIRE(head);
    CHECK(head->id == r2.id);
    const auto r3 = append_ok(*other, "flood", revision_of("third\n", t0 + 7200));
    CHECK(r3.meta.revision == 3);
    // The first Store's cache must notice the head moved.
    const auto r4 = append_ok(s, "flood", revision_of("fourth\n", t0 + 9000));
    CHECK(r4.meta.revision == 4);
    CHECK_FALSE(r4.meta.restores);
  }
}

TEST_CASE("store::Store::append dedupes and detects restores", "[store]") {
  TempDir dir;
  Store s = make_store(dir);
  append_ok(s, "x", revision_of("A\n", 1000));
  const auto objects_before = git_in(s.path(), {"count-objects", "-v"}).out;

  auto same = s.append("x", revision_of("A\n", 2000));
  REQUIRE(same);
  CHECK(same->status == AppendStatus::unchanged);
  CHECK(same->revision.meta.revision == 1);
  CHECK(git_in(s.path(), {"count-objects", "-v"}).out == objects_before);

  append_ok(s, "x", revision_of("B\n", 3000));
  const auto r3 = append_ok(s, "x", revision_of("A\n", 4000));
  REQUIRE(r3.meta.restores);
  CHECK(*r3.meta.restores == 1);
  CHECK(r3.headline == "restores r1");
  CHECK(git_in(s.path(), {"log", "-1", "--format=%s", "stories/x"}).out == "x r3: restores r1\n");
  const auto json = nlohmann::json::parse(*s.read_file(r3.id, "meta.json"));
  CHECK(json.at("restores") == 1);

  SECTION("the newest equal revision is the one restored") {
    append_ok(s, "x", revision_of("B\n", 5000));
    const auto r5 = append_ok(s, "x", revision_of("A\n", 6000));
    REQUIRE(r5.meta.restores);
    CHECK(*r5.meta.restores == 3);
  }
  SECTION("a fresh Store finds restores by walking the history") {
    auto other = Store::open(s.path());
    REQUIRE(other);
    const auto r4 = append_ok(*other, "x", revision_of("B\n", 5000));
    REQUIRE(r4.meta.restores);
    CHECK(*r4.meta.restores == 2);
  }
  SECTION("other stories are independent") {
    const auto y1 = append_ok(s, "y", revision_of("A\n", 5000));
    CHECK(y1.meta.revision == 1);
    CHECK_FALSE(y1.meta.restores);
  }
}

TEST_CASE("store::Store::append with on_unchanged = record re-captures the head", "[store]") {
  TempDir dir;
  Store s = make_store(dir);
  append_ok(s, "x", revision_of("A\n", 1000));
  append_ok(s, "x", revision_of("B\n", 2000));
  AppendOptions force;
  force.on_unchanged = OnUnchanged::record;
  auto r = s.append("x", revision_of("B\n", 3000, "the caller's headline"), force);
  REQUIRE(r);
  CHECK(r->status == AppendStatus::recorded);
  CHECK(r->revision.meta.revision == 3);
  REQUIRE(r->revision.meta.restores);
  CHECK(*r->revision.meta.restores == 2);
  CHECK(r->revision.headline == "re-captured (unchanged)");
  CHECK(git_in(s.path(), {"log", "-1", "--format=%s", "stories/x"}).out ==
        "x r3: re-captured (unchanged)\n");
  CHECK(*s.read_file(r->revision.id, "article.txt") == "B\n");
  const auto json = nlohmann::json::parse(*s.read_file(r->revision.id, "meta.json"));
  CHECK(json.at("restores") == 2);
  CHECK(json.at("captured_at") == "1970-01-01T00:50:00+00:00");

  SECTION("a changed text is recorded as usual; skip is still the default") {
    auto changed = s.append("x", revision_of("C\n", 4000, "new text"), force);
    REQUIRE(changed);
    CHECK(changed->revision.headline == "new text");
    CHECK_FALSE(changed->revision.meta.restores);
    auto same = s.append("x", revision_of("C\n", 5000));
    REQUIRE(same);
    CHECK(same->status == AppendStatus::unchanged);
    CHECK(s.log("x")->size() == 4);
  }
  SECTION("the first revision of a story has nothing to equal") {
    auto first = s.append("y", revision_of("B\n", 1000), force);
    REQUIRE(first);
    CHECK(first->revision.meta.revision == 1);
    CHECK_FALSE(first->revision.meta.restores);
    CHECK(first->revision.headline == "captured");
  }
  CHECK(fsck_clean(s.path()));
}

TEST_CASE("store::Store::resolve addresses revisions", "[store]") {
  TempDir dir;
  Store s = make_store(dir);
  std::vector<RevisionInfo> revs;
  for (int i = 1; i <= 5; ++i) {
    revs.push_back(append_ok(s, "x", revision_of("text " + std::to_string(i) + "\n", 1000 * i)));
  }
  append_ok(s, "other", revision_of("elsewhere\n"));
  auto id_of = [&](std::string_view spec) {
    auto r = s.resolve("x", spec);
    INFO(spec << ": " << (r ? "" : r.error().message));
    REQUIRE(r);
    return r->meta.revision;
  };
  CHECK(id_of("r2") == 2);
  CHECK(id_of("R2") == 2);
  CHECK(id_of("2") == 2);
  CHECK(id_of("") == 5);
  CHECK(id_of("HEAD") == 5);
  CHECK(id_of("HEAD~1") == 4);
  CHECK(id_of("HEAD~4") == 1);
  CHECK(id_of("HEAD^") == 4);
  CHECK(id_of(revs[2].id.hex.substr(0, 8)) == 3);
  CHECK(id_of(revs[2].id.hex) == 3);

  auto error_of = [&](std::string_view spec) {
    auto r = s.resolve("x", spec);
    INFO(spec);
    REQUIRE_FALSE(r);
    return r.error();
  };
  CHECK(error_of("r9").message == "story 'x' has no revision r9 (it has 5)");
  CHECK(error_of("r9").code == core::ErrorCode::not_found);
  CHECK(error_of("0").code == core::ErrorCode::not_found);
  CHECK(error_of("HEAD~5").code == core::ErrorCode::not_found);
  CHECK(error_of("HEAD~x").code == core::ErrorCode::invalid_input);
  CHECK(error_of("abc").code == core::ErrorCode::invalid_input);
  CHECK(error_of("r").code == core::ErrorCode::invalid_input);
  CHECK(error_of("main").code == core::ErrorCode::invalid_input);
  CHECK(error_of("../x").code == core::ErrorCode::invalid_input);
  // A commit of another story is not a revision of this one.
  const auto other_head = s.resolve("other", "HEAD");
  REQUIRE(other_head);
  CHECK(error_of(other_head->id.hex.substr(0, 10)).code == core::ErrorCode::not_found);
  CHECK(s.resolve("missing", "r1").error().code == core::ErrorCode::not_found);
  CHECK(s.log("missing").error().code == core::ErrorCode::not_found);
}

TEST_CASE("store::Store::resolve reports an ambiguous commit prefix", "[store]") {
  TempDir dir;
  Store s = make_store(dir);
  // Commit ids are deterministic (fixed texts and times), so this loop stops
  // at the same revision every run: the first whose 4-digit prefix repeats.
  std::map<std::string, std::uint32_t> seen;
  std::string prefix;
  for (int i = 1; i <= 3000 && prefix.empty(); ++i) {
    const auto r = append_ok(s, "x", revision_of("text " + std::to_string(i) + "\n", 1000 + i));
    const auto key = r.id.hex.substr(0, 4);
    if (key.find_first_not_of("0123456789") == std::string::npos) {
      continue; // all digits: resolve reads it as a revision number first
    }
    if (!seen.emplace(key, r.meta.revision).second) {
      prefix = key;
    }
  }
  REQUIRE_FALSE(prefix.empty());
  auto r = s.resolve("x", prefix);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == core::ErrorCode::ambiguous);
  CHECK(r.error().message.find("r" + std::to_string(seen[prefix])) != std::string::npos);
}

TEST_CASE("store::Store::pack keeps everything readable and fsck-clean", "[store]") {
  TempDir dir;
  Store s = make_store(dir);
  std::string text = "Paragraph one stays.\n\n";
  for (int i = 1; i <= 30; ++i) {
    text += "Sentence number " + std::to_string(i) + " was added.\n";
    append_ok(s, "x", revision_of(text, 1000 * i));
  }
  append_ok(s, "y", revision_of("another story\n"));
  auto count_loose = [&] {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(s.path() / "objects")) {
      const auto name = e.path().filename().string();
      if (e.is_regular_file() && name.size() == 38) {
        ++n;
      }
    }
    return n;
  };
  // The two-hex-digit folders that loose objects live in.
  auto count_object_folders = [&] {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(s.path() / "objects")) {
      n += e.is_directory() && e.path().filename().string().size() == 2 ? 1 : 0;
    }
    return n;
  };
  CHECK(count_loose() > 100);
  CHECK(count_object_folders() > 50);
  REQUIRE(s.pack());
  CHECK(count_loose() == 0);
  // pack() leaves no empty folders behind, and a later append recreates its own.
  CHECK(count_object_folders() == 0);
  std::string report;
  const bool clean = fsck_clean(s.path(), &report);
  INFO(report);
  CHECK(clean);
  auto log = s.log("x");
  REQUIRE(log);
  REQUIRE(log->size() == 30);
  CHECK(*s.read_file((*log)[0].id, "article.txt") == text);

  SECTION("appending after a pack, and packing again, replaces the old pack") {
    text += "After the pack.\n";
    const auto r31 = append_ok(s, "x", revision_of(text, 99999));
    CHECK(r31.meta.revision == 31);
    REQUIRE(s.pack());
    std::size_t packs = 0;
    for (const auto& e : std::filesystem::directory_iterator(s.path() / "objects" / "pack")) {
      packs += e.path().extension() == ".pack" ? 1 : 0;
    }
    CHECK(packs == 1);
    CHECK(count_loose() == 0);
    CHECK(count_object_folders() == 0);
    CHECK(fsck_clean(s.path()));
    CHECK(*s.read_file(r31.id, "article.txt") == text);
    auto other = Store::open(s.path());
    REQUIRE(other);
    CHECK(other->log("x")->size() == 31);
  }
}
