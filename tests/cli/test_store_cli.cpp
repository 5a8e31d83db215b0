// SPDX-License-Identifier: MIT
// Runs the real storydiff binary against temporary stores: init, snapshot
// (file, stdin, URL), import, list, log, show, and the errors around them.
#include "cli_checks.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

using storydiff::test::read_file;
using storydiff::test::run_process;
using storydiff::test::run_storydiff;
using storydiff::test::RunOptions;
using storydiff::test::RunResult;
using storydiff::test::check_one_line_error;
using storydiff::test::harbor_import_args;
using storydiff::test::TempDir;
using storydiff::test::write_file;

namespace {

// Our own invented story text, already in canonical form (one sentence per
// line, a blank line between paragraphs), so article.txt equals it.
const std::string k_v1 = "The harbor bridge closed at 9 a.m. on Tuesday.\n"
                         "\n"
                         "Officials said 12 people were hurt.\n";
const std::string k_v2 = "The harbor bridge closed at 9 a.m. on Tuesday.\n"
                         "\n"
                         "Officials said 15 people were hurt.\n"
                         "\n"
                         "“We are hopeful,” the mayor said.\n";
const std::string k_v3 = "The harbor bridge closed at 9 a.m. on Tuesday and reopened at noon.\n"
                         "\n"
                         "Officials said 15 people were hurt.\n";

// A temporary store and helpers that pass --store to every command.
struct StoreFixture {
  TempDir dir;
  std::string store = (dir.path() / "store").string();

  RunResult sd(std::vector<std::string> args, const std::string& stdin_bytes = {}) const {
    args.insert(args.begin(), {"--store", store});
    RunOptions options;
    options.stdin_bytes = stdin_bytes;
    return run_storydiff(args, options);
  }
  RunResult git(std::vector<std::string> args) const {
    args.insert(args.begin(), {"git", "--git-dir", store});
    return run_process(args);
  }
  std::string file(const std::string& name, const std::string& bytes) const {
    write_file(dir / name, bytes);
    return (dir / name).string();
  }
  void init() const { REQUIRE(sd({"init"}).exit_code == 0); }
  nlohmann::json log_json(const std::string& story) const {
    const RunResult r = sd({"log", "--format", "json", story});
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
  }
  std::size_t story_count() const {
    const RunResult r = sd({"list", "--format=json"});
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out)["stories"].size();
  }
};

// An error: exit 2 and exactly one line "storydiff: error: ..." on stderr.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    lines.push_back(text.substr(pos, end - pos));
    if (end == std::string::npos) {
      break;
    }
    pos = end + 1;
  }
  return lines;
}

} // namespace

TEST_CASE("cli store: init creates a bare repository and is idempotent", "[cli][store]") {
  StoreFixture f;
  const RunResult first = f.sd({"init"});
  CHECK(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("created"));
  CHECK(f.git({"rev-parse", "--is-bare-repository"}).out == "true\n");
  const RunResult again = f.sd({"init"});
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains("already exists"));
  CHECK(f.story_count() == 0);

  SECTION("the store may come from $STORYDIFF_STORE") {
    RunOptions options;
    options.env = {"STORYDIFF_STORE=" + (f.dir / "env-store").string()};
    // run_storydiff unsets STORYDIFF_STORE first; our entry comes after and wins.
    const RunResult r = run_storydiff({"init"}, options);
    CHECK(r.exit_code == 0);
    CHECK(std::filesystem::exists(f.dir / "env-store" / "HEAD"));
  }
}

TEST_CASE("cli store: a missing store is an error that suggests init", "[cli][store]") {
  StoreFixture f;
  const std::string source = f.file("v1.txt", k_v1);
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"snapshot", "harbor", source}, {"list"}, {"log", "harbor"}, {"show", "harbor"},
           {"import", "harbor", source}}) {
    const RunResult r = f.sd(args);
    check_one_line_error(r);
    CHECK_THAT(r.err, Catch::Contains("storydiff init"));
  }
  CHECK_FALSE(std::filesystem::exists(f.store));
}

TEST_CASE("cli store: snapshot records files and stdin", "[cli][store]") {
  StoreFixture f;
  f.init();
  const RunResult first = f.sd({"snapshot", "harbor", f.file("v1.txt", k_v1)});
  CHECK(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::StartsWith("stories/harbor r1 recorded ("));
  CHECK_THAT(first.out, Catch::Contains("first capture: 2 sentences"));

  SECTION("from '-'") {
    const RunResult r = f.sd({"snapshot", "harbor", "-"}, k_v2);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("stories/harbor r2 recorded ("));
    // The headline of the change (test_diff_cli checks it against changes.json).
    REQUIRE(lines_of(r.out).size() >= 2);
    CHECK(lines_of(r.out)[1].size() > 2);
    CHECK(f.sd({"show", "harbor"}).out == k_v2);
  }
  SECTION("from stdin when SOURCE is omitted and stdin is not a terminal") {
    const RunResult r = f.sd({"snapshot", "harbor"}, k_v2);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("stories/harbor r2 recorded ("));
    const auto meta = nlohmann::json::parse(f.sd({"show", "--meta", "harbor"}).out);
    CHECK(meta["source_name"] == "-");
  }
  SECTION("empty stdin has no text and records nothing") {
    const RunResult r = f.sd({"snapshot", "harbor"});
    check_one_line_error(r);
    CHECK_THAT(r.err, Catch::Contains("has no text"));
    CHECK(f.log_json("harbor")["revisions"].size() == 1);
  }
  SECTION("the commit and git's own view of it") {
    const RunResult log = f.git({"log", "--format=%s", "stories/harbor"});
    CHECK(log.exit_code == 0);
    CHECK_THAT(log.out, Catch::StartsWith("harbor r1: "));
    CHECK(f.git({"show", "stories/harbor:article.txt"}).out == k_v1);
  }
}

TEST_CASE("cli store: unchanged text records nothing; an older text is a restore",
          "[cli][store]") {
  StoreFixture f;
  f.init();
  const std::string v1 = f.file("v1.txt", k_v1);
  const std::string v2 = f.file("v2.txt", k_v2);
  REQUIRE(f.sd({"snapshot", "harbor", v1}).exit_code == 0);

  const RunResult same = f.sd({"snapshot", "harbor", v1});
  CHECK(same.exit_code == 0);
  CHECK(same.out == "unchanged: stories/harbor r1 already has this text\n");
  // Re-wrapped lines normalize to the same text.
  const RunResult rewrapped =
      f.sd({"snapshot", "harbor", "-"},
           "The harbor bridge closed\nat 9 a.m. on Tuesday.\n\n\nOfficials said 12 people were hurt.\n");
  CHECK_THAT(rewrapped.out, Catch::StartsWith("unchanged: stories/harbor r1"));
  CHECK(f.log_json("harbor")["revisions"].size() == 1);

  REQUIRE(f.sd({"snapshot", "harbor", v2}).exit_code == 0);
  const RunResult restore = f.sd({"snapshot", "harbor", v1});
  CHECK(restore.exit_code == 0);
  CHECK_THAT(restore.out, Catch::StartsWith("stories/harbor r3 recorded ("));
  CHECK_THAT(restore.out, Catch::Contains("restores r1"));
  const auto log = f.log_json("harbor");
  REQUIRE(log["revisions"].size() == 3);
  CHECK(log["revisions"][0]["restores"] == 1);
  CHECK(log["revisions"][1]["restores"].is_null());
  CHECK_THAT(f.sd({"log", "harbor"}).out, Catch::Contains("(restores r1)"));
}

TEST_CASE("cli store: snapshot --force records an unchanged text as a re-capture",
          "[cli][store]") {
  StoreFixture f;
  f.init();
  const std::string v1 = f.file("v1.txt", k_v1);
  REQUIRE(f.sd({"snapshot", "--at", "2026-11-26T09:00:00Z", "harbor", v1}).exit_code == 0);
  const RunResult forced =
      f.sd({"snapshot", "--force", "--at", "2026-11-26T10:00:00Z", "harbor", v1});
  CHECK(forced.exit_code == 0);
  CHECK_THAT(forced.out, Catch::StartsWith("stories/harbor r2 recorded ("));
  CHECK_THAT(forced.out, Catch::Contains("restores r1"));
  CHECK_THAT(forced.out, Catch::Contains("re-captured (unchanged)"));
  const auto log = f.log_json("harbor");
  REQUIRE(log["revisions"].size() == 2);
  CHECK(log["revisions"][0]["revision"] == 2);
  CHECK(log["revisions"][0]["restores"] == 1);
  CHECK(log["revisions"][0]["captured_at"] == "2026-11-26T10:00:00Z");
  CHECK(f.sd({"show", "harbor@r2"}).out == k_v1);
  CHECK(f.git({"log", "-1", "--format=%s", "stories/harbor"}).out ==
        "harbor r2: re-captured (unchanged)\n");
  // Without --force the same text is still unchanged.
  CHECK_THAT(f.sd({"snapshot", "harbor", v1}).out,
             Catch::StartsWith("unchanged: stories/harbor r2"));
  // A changed text with --force is an ordinary revision.
  const RunResult changed = f.sd({"snapshot", "--force", "harbor", f.file("v2.txt", k_v2)});
  CHECK_THAT(changed.out, Catch::StartsWith("stories/harbor r3 recorded ("));
  CHECK_THAT(changed.out, !Catch::Contains("re-captured"));
  CHECK(f.log_json("harbor")["revisions"][0]["restores"].is_null());
}

TEST_CASE("cli store: log, show and list in text and json", "[cli][store]") {
  StoreFixture f;
  f.init();
  REQUIRE(f.sd({"snapshot", "--at", "2026-11-26T09:30:00Z", "harbor", f.file("1.txt", k_v1)})
              .exit_code == 0);
  REQUIRE(f.sd({"snapshot", "--at", "2026-11-26T11:45:00+01:00", "harbor", f.file("2.txt", k_v2)})
              .exit_code == 0);
  REQUIRE(f.sd({"snapshot", "--at", "1795701600", "--title", "Bridge closes", "harbor",
                f.file("3.txt", k_v3)})
              .exit_code == 0);
  REQUIRE(f.sd({"snapshot", "--at", "2026-11-25T08:00:00Z", "airport", f.file("a.txt", k_v1)})
              .exit_code == 0);

  const auto log = f.log_json("harbor");
  CHECK(log["schema"] == "storydiff.log/1");
  const auto& revs = log["revisions"];
  REQUIRE(revs.size() == 3);
  CHECK(revs[0]["revision"] == 3);
  CHECK(revs[2]["revision"] == 1);
  CHECK(revs[2]["captured_at"] == "2026-11-26T09:30:00Z");
  CHECK(revs[1]["captured_at"] == "2026-11-26T11:45:00+01:00");
  CHECK(revs[0]["captured_at"] == "2026-11-26T14:00:00Z");
  CHECK(revs[0]["title"] == "Bridge closes");
  const std::string id1 = revs[2]["id"];
  const std::string id2 = revs[1]["id"];
  const std::string id3 = revs[0]["id"];
  CHECK(id1.size() == 40);

  SECTION("log text is newest first, one line per revision") {
    const RunResult r = f.sd({"log", "harbor"});
    REQUIRE(r.exit_code == 0);
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 3);
    CHECK_THAT(lines[0], Catch::StartsWith("r3 ") && Catch::Contains("2026-11-26 14:00Z") &&
                             Catch::Contains(id3.substr(0, 7)));
    CHECK_THAT(lines[1], Catch::Contains("2026-11-26 11:45+01:00"));
    CHECK_THAT(lines[2], Catch::StartsWith("r1 ") && Catch::Contains(id1.substr(0, 7)) &&
                             Catch::Contains("first capture: 2 sentences"));
  }
  SECTION("git log shows the same commit times") {
    const RunResult r = f.git({"log", "--format=%ct %H", "stories/harbor"});
    CHECK(r.out == "1795701600 " + id3 + "\n1795689900 " + id2 + "\n1795685400 " + id1 + "\n");
  }
  SECTION("show resolves r<N>, N, a commit prefix and HEAD~k") {
    for (const std::string& rev : {std::string("r2"), std::string("2"), id2.substr(0, 7),
                                   std::string("HEAD~1")}) {
      const RunResult r = f.sd({"show", "harbor@" + rev});
      CHECK(r.exit_code == 0);
      CHECK(r.out == k_v2);
    }
    CHECK(f.sd({"show", "harbor"}).out == k_v3);
    CHECK(f.sd({"show", "harbor@r1"}).out == k_v1);
    const auto meta = nlohmann::json::parse(f.sd({"show", "--meta", "harbor@r1"}).out);
    CHECK(meta["story"] == "harbor");
    CHECK(meta["revision"] == 1);
    CHECK(meta["input_format"] == "txt");
    CHECK(meta["source_sha256"].get<std::string>().size() == 64);
    // A txt source equal to the article has no source file: --source prints the article.
    CHECK(f.sd({"show", "--source", "harbor@1"}).out == k_v1);
  }
  SECTION("show errors") {
    check_one_line_error(f.sd({"show", "harbor@r9"}));
    check_one_line_error(f.sd({"show", "harbor@"}));
    check_one_line_error(f.sd({"show", "nosuchstory"}));
  }
  SECTION("list") {
    const RunResult text = f.sd({"list"});
    REQUIRE(text.exit_code == 0);
    const auto lines = lines_of(text.out);
    REQUIRE(lines.size() == 2);
    CHECK_THAT(lines[0], Catch::StartsWith("airport") && Catch::Contains("1 rev") &&
                             Catch::Contains("2026-11-25T08:00:00Z"));
    CHECK_THAT(lines[1], Catch::StartsWith("harbor") && Catch::Contains("3 revs") &&
                             Catch::Contains("2026-11-26T14:00:00Z"));
    const auto json = nlohmann::json::parse(f.sd({"list", "--format", "json"}).out);
    CHECK(json["schema"] == "storydiff.stories/1");
    REQUIRE(json["stories"].size() == 2);
    CHECK(json["stories"][1]["story"] == "harbor");
    CHECK(json["stories"][1]["revisions"] == 3);
    CHECK(json["stories"][1]["last_captured_at"] == "2026-11-26T14:00:00Z");
    CHECK(json["stories"][1]["last_headline"] == revs[0]["headline"]);
  }
}

TEST_CASE("cli store: the source is kept when it differs from the article", "[cli][store]") {
  StoreFixture f;
  f.init();
  const std::string html =
      "<!DOCTYPE html><html><head><title>Harbor bridge</title></head><body><article>"
      "<p>The harbor bridge closed at 9 a.m. on Tuesday.</p>"
      "<p>Officials said 12 people were hurt.</p></article></body></html>";
  REQUIRE(f.sd({"snapshot", "harbor", f.file("page.html", html)}).exit_code == 0);
  CHECK(f.sd({"show", "harbor"}).out == k_v1);
  CHECK(f.sd({"show", "--source", "harbor"}).out == html);
  const auto meta = nlohmann::json::parse(f.sd({"show", "--meta", "harbor"}).out);
  CHECK(meta["input_format"] == "html");
  CHECK(meta["title"] == "Harbor bridge");
  // Independent check of the digest with the system's sha256sum.
  const RunResult sum = run_process({"sha256sum", (f.dir / "page.html").string()});
  if (sum.exit_code == 0) {
    CHECK(meta["source_sha256"] == sum.out.substr(0, 64));
  }
  CHECK(f.git({"show", "stories/harbor:source.html"}).out == html);
}

TEST_CASE("cli store: bad input records nothing", "[cli][store]") {
  StoreFixture f;
  f.init();
  SECTION("bad story names") {
    const std::string source = f.file("v1.txt", k_v1);
    for (const std::string& slug : std::vector<std::string>{
             "Harbor", "a/b", "..", "x y", "../../etc", "stories/x", std::string(101, 'a')}) {
      const RunResult r = f.sd({"snapshot", slug, source});
      check_one_line_error(r);
      CHECK_THAT(r.err, Catch::Contains("bad story name"));
    }
    check_one_line_error(f.sd({"log", "Harbor"}));
    check_one_line_error(f.sd({"show", "a/b@r1"}));
  }
  SECTION("an unreadable source") {
    const RunResult r = f.sd({"snapshot", "harbor", (f.dir / "missing.txt").string()});
    check_one_line_error(r);
    CHECK_THAT(r.err, Catch::Contains("cannot read") && Catch::Contains("missing.txt"));
  }
  SECTION("a binary source") {
    std::string binary = "\x7f" "ELF";
    binary += std::string("\0\0\1\2\3\0\0", 7);
    binary += std::string(200, '\0');
    const RunResult r = f.sd({"snapshot", "harbor", f.file("a.out", binary)});
    check_one_line_error(r);
  }
  SECTION("a URL scheme that is not fetched") {
    const RunResult r = f.sd({"snapshot", "harbor", "ftp://example.com/story.txt"});
    check_one_line_error(r);
    CHECK_THAT(r.err, Catch::Contains("only http:// and https://"));
  }
  SECTION("a bad --at") {
    for (const char* at : {"tomorrow", "2026-13-01T00:00:00Z", "2026-11-26T09:30:00",
                                  "2026-02-30T00:00:00Z"}) {
      check_one_line_error(f.sd({"snapshot", "--at", at, "harbor", f.file("v1.txt", k_v1)}));
    }
  }
  CHECK(f.story_count() == 0);
}

TEST_CASE("cli store: import records a folder in natural order", "[cli][store]") {
  StoreFixture f;
  f.init();
  // rev-1 .. rev-12: names that sort wrongly as plain strings (rev-10 < rev-2).
  std::vector<std::string> texts;
  for (int i = 1; i <= 12; ++i) {
    std::string text = "The harbor bridge closed at 9 a.m. on Tuesday.\n\nOfficials said " +
                       std::to_string(10 + i) + " people were hurt.\n";
    if (i == 7) {
      text = texts.back(); // an unchanged revision
    }
    texts.push_back(text);
    f.file("revs/rev-" + std::to_string(i) + ".txt", text);
  }
  f.file("revs/.hidden", "Not a revision.\n");
  f.file("revs/README.md", "Not a revision either.\n");
  f.file("revs/SOURCE.md", "Where these came from.\n");

  const RunResult r = f.sd({"import", "--at", "2026-11-26T09:00:00Z", "--interval", "120",
                            "harbor", (f.dir / "revs").string()});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("imported 11 revisions (1 unchanged) into stories/harbor in "));
  CHECK(r.err.empty()); // no progress bar when stderr is a pipe

  const auto revs = f.log_json("harbor")["revisions"];
  REQUIRE(revs.size() == 11);
  CHECK(revs[10]["captured_at"] == "2026-11-26T09:00:00Z");
  CHECK(revs[9]["captured_at"] == "2026-11-26T09:02:00Z");
  // r7 is rev-8 (rev-7 was unchanged), captured at its file's slot.
  CHECK(revs[4]["captured_at"] == "2026-11-26T09:14:00Z");
  CHECK(f.sd({"show", "harbor@r7"}).out == texts[7]);
  CHECK(f.sd({"show", "harbor"}).out == texts[11]);
  CHECK(f.sd({"show", "harbor@r10"}).out == texts[10]);

  SECTION("git reads the store") {
    const RunResult log = f.git({"log", "--format=%s", "stories/harbor"});
    CHECK(log.exit_code == 0);
    CHECK(lines_of(log.out).size() == 11);
    const RunResult fsck = f.git({"fsck", "--strict"});
    CHECK(fsck.exit_code == 0);
    CHECK(fsck.err.find("error") == std::string::npos);
  }
  SECTION("importing the folder again records its texts as restores") {
    const RunResult again = f.sd({"import", "harbor", (f.dir / "revs").string()});
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.out, Catch::StartsWith("imported 11 revisions (1 unchanged)"));
    const auto all = f.log_json("harbor")["revisions"];
    REQUIRE(all.size() == 22);
    CHECK(all[10]["revision"] == 12);
    CHECK(all[10]["restores"] == 1);
    CHECK(all[0]["restores"] == 11);
  }
  SECTION("explicit files keep their given order; a bad file stops the import") {
    const RunResult bad =
        f.sd({"import", "other", (f.dir / "revs/rev-2.txt").string(),
              (f.dir / "revs/rev-1.txt").string(), (f.dir / "nope.txt").string()});
    check_one_line_error(bad);
    CHECK_THAT(bad.err, Catch::Contains("import stopped after 2 of 3 files (2 revisions recorded)"));
    const auto other = f.log_json("other")["revisions"];
    REQUIRE(other.size() == 2);
    CHECK(f.sd({"show", "other@r1"}).out == texts[1]);
  }
  SECTION("--interval needs --at and takes whole seconds") {
    const std::string folder = (f.dir / "revs").string();
    check_one_line_error(f.sd({"import", "--interval", "5", "harbor", folder}));
    check_one_line_error(f.sd({"import", "--at", "0", "--interval=-5", "harbor", folder}));
    check_one_line_error(f.sd({"import", "--at", "0", "--interval", "1.5", "harbor", folder}));
    CHECK(f.log_json("harbor")["revisions"].size() == 11);
  }
}

namespace {

// A loopback HTTP server on a free port, serving a fixed page, a redirect to
// it and 404 for everything else; stopped when this object dies.
class TestServer {
public:
  static constexpr const char* k_date = "Thu, 26 Nov 2026 09:29:58 GMT";
  static constexpr const char* k_page =
      "<!DOCTYPE html><html><head><title>Harbor bridge</title></head><body><article>"
      "<p>The harbor bridge closed at 9 a.m. on Tuesday.</p>"
      "<p>Officials said 12 people were hurt.</p></article></body></html>";

  TestServer() {
    m_server.Get("/story.html", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Date", k_date);
      res.set_content(k_page, "text/html; charset=utf-8");
    });
    m_server.Get("/moved", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/story.html", 302);
    });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    while (!m_server.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~TestServer() {
    m_server.stop();
    m_thread.join();
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(m_port) + path;
  }

private:
  httplib::Server m_server;
  int m_port = 0;
  std::thread m_thread;
};

} // namespace

TEST_CASE("cli store: snapshot of a URL", "[cli][store][url]") {
  TestServer server;
  StoreFixture f;
  f.init();

  SECTION("200 is recorded with its URL, Date and a deterministic time") {
    const RunResult r =
        f.sd({"snapshot", "--at", "2026-11-26T10:30:00+01:00", "harbor", server.url("/story.html")});
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("stories/harbor r1 recorded ("));
    const auto meta = nlohmann::json::parse(f.sd({"show", "--meta", "harbor"}).out);
    CHECK(meta["source_url"] == server.url("/story.html"));
    CHECK(meta["http_date"] == TestServer::k_date);
    CHECK(meta["input_format"] == "html");
    CHECK(f.sd({"show", "harbor"}).out == k_v1);
    CHECK(f.sd({"show", "--source", "harbor"}).out == TestServer::k_page);
    CHECK(f.git({"log", "--format=%ct %ai", "stories/harbor"}).out ==
          "1795685400 2026-11-26 10:30:00 +0100\n");
  }
  SECTION("a redirect is followed and the final URL recorded") {
    const RunResult r = f.sd({"snapshot", "harbor", server.url("/moved")});
    REQUIRE(r.exit_code == 0);
    const auto meta = nlohmann::json::parse(f.sd({"show", "--meta", "harbor"}).out);
    CHECK(meta["source_url"] == server.url("/story.html"));
  }
  SECTION("404 is an error and records nothing") {
    const RunResult r = f.sd({"snapshot", "harbor", server.url("/gone")});
    check_one_line_error(r);
    CHECK_THAT(r.err, Catch::Contains("404"));
    CHECK(f.story_count() == 0);
  }
  SECTION("--url records a URL for a file source") {
    const RunResult r = f.sd({"snapshot", "--url", "https://example.com/harbor", "harbor",
                              f.file("v1.txt", k_v1)});
    REQUIRE(r.exit_code == 0);
    const auto meta = nlohmann::json::parse(f.sd({"show", "--meta", "harbor"}).out);
    CHECK(meta["source_url"] == "https://example.com/harbor");
    check_one_line_error(
        f.sd({"snapshot", "--url", "https://example.com/x", "harbor", server.url("/story.html")}));
  }
}

TEST_CASE("cli store: every store command has --help", "[cli][store]") {
  for (const char* command : {"init", "snapshot", "import", "list", "log", "show"}) {
    const RunResult r = run_storydiff({command, "--help"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains(std::string("storydiff ") + command));
  }
}
