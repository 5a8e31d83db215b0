// SPDX-License-Identifier: MIT
#include <storydiff/check/findings.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace storydiff;
using check::Level;
using diff::ChangeKind;

namespace {

const char* const k_old = R"(# Bridge closed after barge strike

The Harbor Bridge was closed on Tuesday after a barge struck one of its piers, officials said.

Twelve people were taken to hospital, police said.

"We are hopeful the bridge will reopen soon," Mayor Ana Ortiz said.
)";

// A quote changed (line 7), a number changed (line 5).
const char* const k_new = R"(# Bridge closed after barge strike

The Harbor Bridge was closed on Tuesday after a barge struck one of its piers, officials said.

Fifteen people were taken to hospital, police said.

"We were never hopeful the bridge would reopen," Mayor Ana Ortiz said.
)";

check::FileResult check_ok(std::string_view path, std::string_view old_text,
                           std::string_view new_text,
                           const check::Policy& policy = check::default_policy()) {
  auto result = check::check_texts(path, old_text, new_text, policy);
  INFO((result ? std::string{} : result.error().message));
  REQUIRE(result);
  return std::move(result).value();
}

const check::Finding* find_kind(const check::FileResult& result, ChangeKind kind) {
  const auto it = std::find_if(result.findings.begin(), result.findings.end(),
                               [&](const check::Finding& f) { return f.change.kind == kind; });
  return it == result.findings.end() ? nullptr : &*it;
}

std::string_view line_of(std::string_view text, std::uint32_t line) {
  for (std::uint32_t i = 1; i < line; ++i) {
    text.remove_prefix(text.find('\n') + 1);
  }
  return text.substr(0, text.find('\n'));
}

} // namespace

TEST_CASE("check::line_column counts lines and code points", "[check]") {
  const std::string source = "ab\nc\xC3\xA9" "d\n\nx";
  CHECK(check::line_column(source, 0) == std::pair<std::uint32_t, std::uint32_t>{1, 1});
  CHECK(check::line_column(source, 2) == std::pair<std::uint32_t, std::uint32_t>{1, 3});
  CHECK(check::line_column(source, 3) == std::pair<std::uint32_t, std::uint32_t>{2, 1});
  CHECK(check::line_column(source, 6) == std::pair<std::uint32_t, std::uint32_t>{2, 3}); // after é
  CHECK(check::line_column(source, 8) == std::pair<std::uint32_t, std::uint32_t>{3, 1});
  CHECK(check::line_column(source, 9) == std::pair<std::uint32_t, std::uint32_t>{4, 1});
  CHECK(check::line_column(source, 1000) == std::pair<std::uint32_t, std::uint32_t>{4, 2});
  CHECK(check::line_column("", 5) == std::pair<std::uint32_t, std::uint32_t>{1, 1});
}

TEST_CASE("check::is_text_draft knows the draft extensions", "[check]") {
  CHECK(check::is_text_draft("a.md"));
  CHECK(check::is_text_draft("drafts/A.MARKDOWN"));
  CHECK(check::is_text_draft("x/y.txt"));
  CHECK(check::is_text_draft("page.HTM"));
  CHECK(check::is_text_draft("page.html"));
  CHECK(check::is_text_draft("page.xhtml")); // every extension the decoder knows
  CHECK_FALSE(check::is_text_draft("photo.png"));
  CHECK_FALSE(check::is_text_draft("Makefile"));
  CHECK_FALSE(check::is_text_draft(".md"));
  CHECK_FALSE(check::is_text_draft("md.d/file"));
}

TEST_CASE("check::check_texts finds changes at their place in the new file", "[check]") {
  const check::FileResult result = check_ok("news/bridge.md", k_old, k_new);
  CHECK(result.path == "news/bridge.md");
  CHECK(result.significance == diff::Significance::substantive);

  const check::Finding* quote = find_kind(result, ChangeKind::quote_changed);
  REQUIRE(quote != nullptr);
  CHECK(quote->level == Level::error);
  CHECK(quote->file == "news/bridge.md");
  CHECK(quote->line == 7);
  CHECK_FALSE(quote->nearest);
  REQUIRE(quote->change.new_side);
  // The column points at the quote's own text in the source line.
  const std::string_view line = line_of(k_new, quote->line);
  CHECK(line.substr(quote->column - 1).starts_with(quote->change.new_side->text));

  const check::Finding* number = find_kind(result, ChangeKind::number_changed);
  REQUIRE(number != nullptr);
  CHECK(number->level == Level::warning);
  CHECK(number->line == 5);
  CHECK(line_of(k_new, 5).substr(number->column - 1).starts_with(number->change.new_side->text));

  // Ordered by position; style kinds are off by default.
  CHECK(std::is_sorted(result.findings.begin(), result.findings.end(),
                       [](const check::Finding& a, const check::Finding& b) {
                         return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                       }));
  CHECK(find_kind(result, ChangeKind::reworded) == nullptr);
}

TEST_CASE("check::check_texts counts columns in code points", "[check]") {
  const std::string old_text = "Caf\xC3\xA9 owners said 12 stalls burned.\n";
  const std::string new_text = "Caf\xC3\xA9 owners said 14 stalls burned.\n";
  const check::FileResult result = check_ok("a.txt", old_text, new_text);
  const check::Finding* number = find_kind(result, ChangeKind::number_changed);
  REQUIRE(number != nullptr);
  CHECK(number->line == 1);
  CHECK(number->column == 18); // "Café owners said " is 17 code points (18 bytes)
}

TEST_CASE("check::check_texts places removed things at the nearest new position", "[check]") {
  const std::string old_text = "First paragraph stays.\n\n\"We will rebuild,\" the mayor said.\n\n"
                               "Last paragraph stays.\n";
  const std::string new_text = "First paragraph stays.\n\nLast paragraph stays.\n";
  const check::FileResult result = check_ok("a.md", old_text, new_text);
  const check::Finding* quote = find_kind(result, ChangeKind::quote_removed);
  REQUIRE(quote != nullptr);
  CHECK(quote->level == Level::error);
  CHECK(quote->nearest);
  CHECK(quote->line == 3); // where the next surviving sentence is
  CHECK(quote->column == 1);

  SECTION("removed at the end: the last sentence") {
    const check::FileResult tail =
        check_ok("a.md", "Kept sentence here.\n\n\"We will rebuild,\" the mayor said.\n",
                 "Kept sentence here.\n");
    const check::Finding* removed = find_kind(tail, ChangeKind::quote_removed);
    REQUIRE(removed != nullptr);
    CHECK(removed->line == 1);
  }
  SECTION("a deleted file: everything at 1:1") {
    const check::FileResult deleted = check_ok("a.md", old_text, "");
    REQUIRE_FALSE(deleted.findings.empty());
    for (const check::Finding& finding : deleted.findings) {
      CHECK(finding.line == 1);
      CHECK(finding.column == 1);
      CHECK(finding.nearest);
    }
  }
  SECTION("an added file has positions in it") {
    const check::FileResult added = check_ok("a.md", "", new_text);
    CHECK(added.significance == diff::Significance::substantive);
    for (const check::Finding& finding : added.findings) {
      CHECK_FALSE(finding.nearest);
    }
  }
}

TEST_CASE("check::evaluate applies path levels and exemptions", "[check]") {
  const std::string old_text = "Twelve people were hurt in the fire, police said.\n";
  const std::string new_text = "Fifteen people were hurt in the fire, police said.\n\n"
                               "Correction: An earlier version of this story misstated the "
                               "number of people hurt.\n";
  const check::FileResult plain = check_ok("news/a.md", old_text, new_text);
  REQUIRE(find_kind(plain, ChangeKind::correction_added) != nullptr);
  REQUIRE(find_kind(plain, ChangeKind::number_changed) != nullptr);
  CHECK(find_kind(plain, ChangeKind::number_changed)->level == Level::warning);

  auto policy = check::parse_policy(R"([levels]
number_changed = "error"

[[paths]]
glob = "opinion/**"
number_changed = "info"

[[exemptions]]
kind = "number_changed"
when = ["correction_added"]
paths = ["news/**"]
)",
                                    "p.toml");
  REQUIRE(policy);
  SECTION("the exemption turns the number change off where it applies") {
    const check::FileResult news = check_ok("news/a.md", old_text, new_text, *policy);
    CHECK(find_kind(news, ChangeKind::number_changed) == nullptr);
    CHECK(find_kind(news, ChangeKind::correction_added) != nullptr);
  }
  SECTION("without the correction the exemption does not apply") {
    const check::FileResult news = check_ok(
        "news/a.md", old_text, "Fifteen people were hurt in the fire, police said.\n", *policy);
    REQUIRE(find_kind(news, ChangeKind::number_changed) != nullptr);
    CHECK(find_kind(news, ChangeKind::number_changed)->level == Level::error);
    CHECK(find_kind(news, ChangeKind::number_changed)->exemption_line == 0);
  }
  SECTION("paths outside the exemption's globs keep their level") {
    const check::FileResult opinion = check_ok("opinion/a.md", old_text, new_text, *policy);
    REQUIRE(find_kind(opinion, ChangeKind::number_changed) != nullptr);
    CHECK(find_kind(opinion, ChangeKind::number_changed)->level == Level::info);
    const check::FileResult other = check_ok("sports/a.md", old_text, new_text, *policy);
    REQUIRE(find_kind(other, ChangeKind::number_changed) != nullptr);
    CHECK(find_kind(other, ChangeKind::number_changed)->level == Level::error);
  }
  SECTION("an exemption with a level records its line") {
    auto info = check::parse_policy(
        "[[exemptions]]\nkind = \"number_changed\"\nwhen = [\"correction_added\"]\nlevel = "
        "\"info\"\n",
        "q.toml");
    REQUIRE(info);
    const check::FileResult news = check_ok("news/a.md", old_text, new_text, *info);
    REQUIRE(find_kind(news, ChangeKind::number_changed) != nullptr);
    CHECK(find_kind(news, ChangeKind::number_changed)->level == Level::info);
    CHECK(find_kind(news, ChangeKind::number_changed)->exemption_line == 1);
  }
}

TEST_CASE("check::check_texts refuses binary input and accepts empty sides", "[check]") {
  auto binary = check::check_texts("a.txt", std::string("abc\0\0\0def", 9), "text\n",
                                   check::default_policy(), "BASE:a.txt", "HEAD:a.txt");
  REQUIRE_FALSE(binary);
  CHECK(binary.error().code == core::ErrorCode::invalid_input);
  CHECK_THAT(binary.error().message, Catch::StartsWith("a.txt (BASE:a.txt): "));
  const check::FileResult nothing = check_ok("a.txt", "", "");
  CHECK(nothing.findings.empty());
  CHECK(nothing.significance == diff::Significance::none);
  CHECK(check_ok("./x/a.txt", "", "").path == "x/a.txt");
}
