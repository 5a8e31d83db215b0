// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <storydiff/text/read_pair.hpp>

#include <string>

using namespace storydiff;

namespace {

// A Markdown story of about `paragraphs` × 120 bytes.
std::string story(int paragraphs, const std::string& place) {
  std::string out = "# Floods in " + place + "\n\n";
  for (int i = 0; i < paragraphs; ++i) {
    out += "Officials said " + std::to_string(i * 3) + " homes in " + place +
           " were flooded on Monday. The *river* rose again overnight, residents said.\n\n";
  }
  return out;
}

void check_same(const core::Result<text::ReadResult>& got, const core::Result<text::ReadResult>& want) {
  REQUIRE(got.has_value() == want.has_value());
  if (!want) {
    CHECK(got.error().message == want.error().message);
    return;
  }
  CHECK(got->document.text == want->document.text);
  CHECK(got->document.sentences.size() == want->document.sentences.size());
  CHECK(got->document.tokens == want->document.tokens);
  CHECK(got->format == want->format);
  CHECK(got->title == want->title);
  CHECK(got->invalid_utf8 == want->invalid_utf8);
}

} // namespace

TEST_CASE("text::read_two_documents gives what two read_document calls give", "[text]") {
  text::PipelineOptions md;
  md.decode.name = "story.md";
  text::PipelineOptions html;
  html.decode.name = "page.html";

  SECTION("large inputs (read on two threads where there are two cores)") {
    const std::string a = story(80, "Westbury");
    const std::string b = story(90, "Eastvale") + "Bad byte: \xff.\n";
    REQUIRE(a.size() >= text::k_parallel_read_min_bytes);
    const auto [first, second] = text::read_two_documents(a, md, b, md);
    check_same(first, text::read_document(a, md));
    check_same(second, text::read_document(b, md));
    REQUIRE(second);
    CHECK(second->invalid_utf8 == 1);
    CHECK(first->document.text != second->document.text);
  }
  SECTION("small inputs, and an error on one side only") {
    const std::string a = story(2, "Westbury");
    const std::string page = "<html><body><article><p>One line.</p></article></body></html>";
    text::PipelineOptions bad = html;
    bad.decode.select = "//p[";
    const auto [first, second] = text::read_two_documents(a, md, page, bad);
    check_same(first, text::read_document(a, md));
    check_same(second, text::read_document(page, bad));
    CHECK_FALSE(second);
  }
}
