// SPDX-License-Identifier: MIT
// The store's pure helpers: RFC 3339 times, meta.json and commit messages.
#include "store/meta.hpp" // private to the store; tests/CMakeLists.txt adds src/

#include <catch2/catch.hpp>

using namespace storydiff::store;
using namespace storydiff::store::detail;

TEST_CASE("store::format_rfc3339 shows the time at its offset", "[store][meta]") {
  CHECK(format_rfc3339(0, 0) == "1970-01-01T00:00:00+00:00");
  // 2024-12-02T12:05:00Z
  CHECK(format_rfc3339(1733141100, 60) == "2024-12-02T13:05:00+01:00");
  CHECK(format_rfc3339(1733141100, -330) == "2024-12-02T06:35:00-05:30");
  CHECK(format_rfc3339(-1, 0) == "1969-12-31T23:59:59+00:00");
}

TEST_CASE("store::parse_rfc3339 reads what format_rfc3339 writes", "[store][meta]") {
  for (std::int64_t t : {std::int64_t{0}, std::int64_t{1733141100}, std::int64_t{-86401},
                         std::int64_t{4102444800}}) {
    for (int offset : {0, 60, -330, 840}) {
      const auto parsed = parse_rfc3339(format_rfc3339(t, offset));
      REQUIRE(parsed);
      CHECK(parsed->unix_seconds == t);
      CHECK(parsed->utc_offset_minutes == offset);
    }
  }
  SECTION("Z and fractions") {
    const auto z = parse_rfc3339("2024-12-02T12:05:00.250Z");
    REQUIRE(z);
    CHECK(z->unix_seconds == 1733141100);
    CHECK(z->utc_offset_minutes == 0);
  }
  SECTION("malformed") {
    for (const char* bad : {"", "2024-12-02", "2024-13-02T12:05:00Z", "2024-02-30T12:05:00Z",
                            "2024-12-02T12:05:00", "2024-12-02T12:05:00+1:00",
                            "2024-12-02T12:05:00Zjunk", "2024-12-02T25:05:00Z"}) {
      CHECK_FALSE(parse_rfc3339(bad));
    }
  }
}

TEST_CASE("store::meta_to_json round-trips every field", "[store][meta]") {
  RevisionMeta meta;
  meta.story = "flood";
  meta.revision = 7;
  meta.captured_at = 1733141100;
  meta.utc_offset_minutes = -300;
  meta.source_url = "https://example.org/a";
  meta.source_name = "a.html";
  meta.http_date = "Mon, 02 Dec 2024 12:05:00 GMT";
  meta.title = "A \"quoted\" title";
  meta.input_format = "html";
  meta.extractor_version = "0.1.0";
  meta.source_sha256 = std::string(64, 'a');
  const std::string json = meta_to_json(meta);
  CHECK(json.find("\"captured_at\": \"2024-12-02T07:05:00-05:00\"") != std::string::npos);
  CHECK(json.find("restores") == std::string::npos);
  CHECK(json.back() == '\n');
  auto back = meta_from_json(json);
  REQUIRE(back);
  CHECK(back->story == meta.story);
  CHECK(back->revision == 7);
  CHECK(back->captured_at == meta.captured_at);
  CHECK(back->utc_offset_minutes == -300);
  CHECK(back->title == meta.title);
  CHECK(back->http_date == meta.http_date);
  CHECK(back->source_sha256 == meta.source_sha256);
  CHECK_FALSE(back->restores);

  meta.restores = 3;
  auto restored = meta_from_json(meta_to_json(meta));
  REQUIRE(restored);
  REQUIRE(restored->restores);
  CHECK(*restored->restores == 3);

  CHECK_FALSE(meta_from_json("not json"));
  CHECK_FALSE(meta_from_json("{\"story\": \"x\"}"));
}

TEST_CASE("store::commit_message has subject, summary and trailers", "[store][meta]") {
  RevisionMeta meta;
  meta.story = "flood";
  meta.revision = 3;
  meta.captured_at = 1733141100;
  SECTION("with summary and URL") {
    meta.source_url = "https://example.org/a";
    const auto msg = commit_message(meta, "Toll rises", {"Number changed: 12 → 15", "two\nlines"});
    CHECK(msg == "flood r3: Toll rises\n\nNumber changed: 12 → 15\ntwo lines\n\n"
                 "Story: flood\nRevision: 3\nCaptured-At: 2024-12-02T12:05:00+00:00\n"
                 "Source-URL: https://example.org/a\n");
    CHECK(headline_of(msg, "flood", 3) == "Toll rises");
  }
  SECTION("no summary, no URL, restores") {
    meta.restores = 1;
    const auto msg = commit_message(meta, "", {});
    CHECK(msg == "flood r3: restores r1\n\nStory: flood\nRevision: 3\n"
                 "Captured-At: 2024-12-02T12:05:00+00:00\n");
  }
  SECTION("default headline") {
    CHECK(effective_headline("", std::nullopt) == "captured");
    CHECK(effective_headline("a\nb", 2) == "a b");
  }
}
