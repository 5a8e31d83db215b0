// SPDX-License-Identifier: MIT
// Hostile and unusual input through the whole text pipeline: a clear error
// or a correct result, never a crash, a hang or invalid UTF-8.
#include <storydiff/core/utf8.hpp>
#include <storydiff/text/pipeline.hpp>

#include <catch2/catch.hpp>

#include <string>

using storydiff::text::InputFormat;
using storydiff::text::PipelineOptions;
using storydiff::text::read_document;
using storydiff::text::ReadResult;

namespace {

bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto cp = storydiff::core::decode_utf8(text, i);
    if (!cp.valid) {
      return false;
    }
    i += cp.length;
  }
  return true;
}

// What every successful read must satisfy.
void check_invariants(const ReadResult& result) {
  const auto& doc = result.document;
  CHECK(valid_utf8(doc.text));
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    const auto& s = doc.sentences[i];
    REQUIRE(s.span.end <= doc.text.size());
    CHECK(s.span.start < s.span.end);
    CHECK(s.paragraph < doc.paragraphs.size());
    CHECK(valid_utf8(doc.sentence_text(i)));
  }
}

ReadResult read_ok(std::string_view bytes, InputFormat format) {
  PipelineOptions options;
  options.decode.format = format;
  auto result = read_document(bytes, options);
  if (!result) {
    FAIL("read_document failed: " << result.error().message);
  }
  check_invariants(*result);
  return std::move(result).value();
}

storydiff::core::Error read_error(std::string_view bytes, InputFormat format) {
  PipelineOptions options;
  options.decode.format = format;
  auto result = read_document(bytes, options);
  REQUIRE_FALSE(result);
  CHECK(result.error().code == storydiff::core::ErrorCode::invalid_input);
  CHECK_FALSE(result.error().message.empty());
  CHECK(result.error().message.find('\n') == std::string::npos);
  return result.error();
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

} // namespace

TEST_CASE("text::read_document survives empty and blank input", "[bad_input]") {
  for (InputFormat format : {InputFormat::txt, InputFormat::md, InputFormat::html}) {
    CHECK(read_ok("", format).document.sentences.empty());
    CHECK(read_ok(" \n\t\r\n \n", format).document.sentences.empty());
  }
  SECTION("markup with no text") {
    CHECK(read_ok("---\n\n***\n<br />\n", InputFormat::md).document.sentences.empty());
    CHECK(read_ok("<html><body><script>x()</script></body></html>", InputFormat::html)
              .document.sentences.empty());
  }
}

TEST_CASE("text::read_document refuses binary bytes", "[bad_input]") {
  SECTION("NUL bytes") {
    const std::string bytes("PK\x03\x04\0\0\x08\0text", 12);
    for (InputFormat format : {InputFormat::txt, InputFormat::md, InputFormat::html}) {
      CHECK(contains(read_error(bytes, format).message, "NUL"));
    }
  }
  SECTION("UTF-16 text has NUL bytes") {
    const std::string bytes("\xFF\xFEH\0i\0", 6);
    CHECK(contains(read_error(bytes, InputFormat::txt).message, "NUL"));
  }
  SECTION("mostly control bytes") {
    std::string bytes;
    unsigned state = 12345;
    for (int i = 0; i < 100000; ++i) { // pseudo-random bytes without NUL
      state = state * 1103515245u + 12345u;
      bytes.push_back(static_cast<char>(1 + (state >> 16) % 255));
    }
    CHECK(contains(read_error(bytes, InputFormat::txt).message, "binary"));
  }
}

TEST_CASE("text::read_document repairs invalid UTF-8", "[bad_input]") {
  const std::string bytes = "The caf\xE9 opened. It cost \x80\x81 5 euros.\n\nTruncated \xE2\x82";
  const ReadResult result = read_ok(bytes, InputFormat::txt);
  CHECK(result.invalid_utf8 == 4);
  CHECK(contains(result.document.text, "caf\xEF\xBF\xBD opened"));
  CHECK(contains(result.document.text, "Truncated \xEF\xBF\xBD"));
}

TEST_CASE("text::read_document handles line ends and a BOM", "[bad_input]") {
  const ReadResult crlf = read_ok("First line\r\nsame paragraph.\r\n\r\nSecond one.\r\n", InputFormat::txt);
  CHECK_FALSE(contains(crlf.document.text, "\r"));
  CHECK(crlf.document.paragraphs.size() == 2);
  CHECK(contains(crlf.document.text, "First line same paragraph."));

  const ReadResult old_mac = read_ok("One.\r\rTwo.\r", InputFormat::txt);
  CHECK(old_mac.document.paragraphs.size() == 2);

  const ReadResult bom = read_ok("\xEF\xBB\xBF# Title\r\n\r\nBody text.", InputFormat::md);
  CHECK(bom.title == "Title");
  CHECK_FALSE(contains(bom.document.text, "\xEF\xBB\xBF"));
  CHECK(bom.document.text.rfind("Title", 0) == 0);
}

TEST_CASE("text::read_document keeps right-to-left and CJK text intact", "[bad_input]") {
  const std::string arabic = "\xD9\x82\xD8\xA7\xD9\x84\xD8\xAA \xD8\xA7\xD9\x84\xD8\xB4\xD8\xB1\xD8\xB7\xD8\xA9";
  const std::string hebrew = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D";
  const std::string chinese = "\xE6\x96\xB0\xE9\x97\xBB\xE6\x8A\xA5\xE9\x81\x93\xE3\x80\x82";
  const std::string japanese = "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xA7\xE9\x9B\xA8\xE3\x80\x82";
  const std::string text = arabic + ".\n\n" + hebrew + ".\n\n" + chinese + japanese + "\n";
  for (InputFormat format : {InputFormat::txt, InputFormat::md}) {
    const ReadResult result = read_ok(text, format);
    CHECK(result.invalid_utf8 == 0);
    for (const std::string& part : {arabic, hebrew, chinese, japanese}) {
      CHECK(contains(result.document.text, part));
    }
  }
  const ReadResult html = read_ok("<p dir=rtl>" + arabic + "</p><p>" + chinese + "</p>", InputFormat::html);
  CHECK(contains(html.document.text, arabic));
  CHECK(contains(html.document.text, chinese));
}

TEST_CASE("text::read_document reads broken HTML", "[bad_input]") {
  SECTION("unclosed tags") {
    const ReadResult result = read_ok("<html><body><div><p>One <b>bold <i>open\n<p>Two <span>never closed\n"
                                      "<li>Three<table><tr><td>Four",
                                      InputFormat::html);
    for (std::string_view word : {"One", "bold", "open", "Two", "never closed", "Three", "Four"}) {
      CHECK(contains(result.document.text, word));
    }
  }
  SECTION("nesting libxml2 accepts is read to the end") {
    std::string html = "<body><p>Before.</p>";
    for (int i = 0; i < 200; ++i) {
      html += "<div>";
    }
    html += "Deep text.";
    for (int i = 0; i < 200; ++i) {
      html += "</div>";
    }
    html += "<p>After.</p></body>";
    const ReadResult result = read_ok(html, InputFormat::html);
    CHECK(contains(result.document.text, "Deep text."));
    CHECK(contains(result.document.text, "After."));
  }
  SECTION("100,000 nested elements are a clear error, not a crash") {
    std::string html = "<html><body><p>Before.</p>";
    for (int i = 0; i < 100000; ++i) {
      html += "<div>";
    }
    html += "Deep text.";
    const auto error = read_error(html, InputFormat::html);
    CHECK(contains(error.message, "nested"));
  }
  SECTION("deep Markdown nesting") {
    std::string md(100000, '>');
    md += " quoted\n\n";
    md += std::string(50000, '[') + std::string(50000, '*') + "x" + std::string(50000, ']');
    const ReadResult result = read_ok(md, InputFormat::md);
    CHECK(contains(result.document.text, "quoted"));
  }
}

TEST_CASE("text::read_document reads a 50 MB input", "[bad_input][slow]") {
  std::string bytes;
  constexpr std::size_t k_size = 50u * 1024u * 1024u;
  bytes.reserve(k_size + 1024);
  std::size_t n = 0;
  while (bytes.size() < k_size) {
    bytes += "The council voted " + std::to_string(n % 97) +
             " to 3 on Tuesday, officials said. \xE2\x80\x9CWe are pleased,\xE2\x80\x9D the mayor said.\r\n";
    if (++n % 4 == 0) {
      bytes += "\r\n";
    }
  }
  const ReadResult result = read_ok(bytes, InputFormat::txt);
  CHECK(result.document.paragraphs.size() == (n + 3) / 4);
  CHECK(result.document.sentences.size() >= n);
}
