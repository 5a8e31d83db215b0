// SPDX-License-Identifier: MIT
#include <storydiff/text/decode.hpp>

#include <catch2/catch.hpp>
#include <test_support.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using storydiff::text::Block;
using storydiff::text::BlockKind;
using storydiff::text::decode;
using storydiff::text::DecodedText;
using storydiff::text::DecodeOptions;
using storydiff::text::detect_format;
using storydiff::text::InputFormat;

namespace {

DecodedText decode_as(std::string_view bytes, InputFormat format, std::string select = {}) {
  DecodeOptions options;
  options.format = format;
  options.select = std::move(select);
  auto result = decode(bytes, options);
  if (!result) {
    FAIL("decode failed: " << result.error().message);
  }
  return std::move(result).value();
}

std::vector<std::string> texts(const DecodedText& decoded) {
  std::vector<std::string> out;
  for (const Block& block : decoded.blocks) {
    out.push_back(block.text);
  }
  return out;
}

std::vector<BlockKind> kinds(const DecodedText& decoded) {
  std::vector<BlockKind> out;
  for (const Block& block : decoded.blocks) {
    out.push_back(block.kind);
  }
  return out;
}

// The source offset of block byte `pos`, through the block's anchors.
std::uint32_t source_of(const Block& block, std::size_t pos) {
  auto it = std::upper_bound(block.anchors.begin(), block.anchors.end(), pos,
                             [](std::size_t p, const storydiff::text::SourceAnchor& a) {
                               return p < a.text_offset;
                             });
  REQUIRE(it != block.anchors.begin());
  --it;
  return static_cast<std::uint32_t>(it->source_offset + (pos - it->text_offset));
}

void check_anchor_shape(const Block& block, std::size_t source_size) {
  REQUIRE_FALSE(block.anchors.empty());
  CHECK(block.anchors.front().text_offset == 0);
  for (std::size_t k = 1; k < block.anchors.size(); ++k) {
    CHECK(block.anchors[k - 1].text_offset < block.anchors[k].text_offset);
    CHECK(block.anchors[k].text_offset <= block.text.size()); // an end anchor bounds the map
  }
  for (const auto& anchor : block.anchors) {
    CHECK(anchor.source_offset <= source_size);
  }
}

// Every ASCII letter of every block maps back to the same letter.
void check_letters_map_back(const DecodedText& decoded, std::string_view source) {
  for (const Block& block : decoded.blocks) {
    check_anchor_shape(block, source.size());
    for (std::size_t i = 0; i < block.text.size(); ++i) {
      const char c = block.text[i];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        const std::uint32_t at = source_of(block, i);
        REQUIRE(at < source.size());
        CHECK(source[at] == c);
      }
    }
  }
}

} // namespace

TEST_CASE("text::format_of_name names a format only for known extensions", "[decode]") {
  CHECK(storydiff::text::format_of_name("drafts/A.MD") == InputFormat::md);
  CHECK(storydiff::text::format_of_name("page.htm") == InputFormat::html);
  CHECK(storydiff::text::format_of_name("notes.text") == InputFormat::txt);
  CHECK_FALSE(storydiff::text::format_of_name("photo.png").has_value());
  CHECK_FALSE(storydiff::text::format_of_name("Makefile").has_value());
  CHECK_FALSE(storydiff::text::format_of_name(".md").has_value());
  CHECK_FALSE(storydiff::text::format_of_name("dir.md/file").has_value());
}

TEST_CASE("text::detect_format reads the extension", "[decode]") {
  CHECK(detect_format("story.txt", "# looks like markdown") == InputFormat::txt);
  CHECK(detect_format("story.TEXT", "<html>") == InputFormat::txt);
  CHECK(detect_format("a/b/story.md", "") == InputFormat::md);
  CHECK(detect_format("story.Markdown", "") == InputFormat::md);
  CHECK(detect_format("page.HTML", "") == InputFormat::html);
  CHECK(detect_format("page.htm", "") == InputFormat::html);
  CHECK(detect_format("page.xhtml", "") == InputFormat::html);
  SECTION("a URL's query and fragment are ignored") {
    CHECK(detect_format("https://example.org/news/story.html?id=3&x=.txt", "") ==
          InputFormat::html);
    CHECK(detect_format("https://example.org/a.md#part", "") == InputFormat::md);
  }
  SECTION("an unknown extension falls back to the bytes") {
    CHECK(detect_format("story.dat", "<!DOCTYPE html><p>x") == InputFormat::html);
    CHECK(detect_format("a.b/story", "plain words.") == InputFormat::txt);
  }
}

TEST_CASE("text::detect_format sniffs the content", "[decode]") {
  CHECK(detect_format("", "\n  <!doctype HTML>\n<title>x</title>") == InputFormat::html);
  CHECK(detect_format("-", "<html lang=en><body>x</body></html>") == InputFormat::html);
  CHECK(detect_format("", "<!-- c -->\n<body><p>x</p></body>") == InputFormat::html);
  CHECK(detect_format("", "<p>One.</p>\n<p>Two.</p>") == InputFormat::html);
  CHECK(detect_format("", "# Title\n\nSome text.") == InputFormat::md);
  CHECK(detect_format("", "Title\n=====\n\nSome text.") == InputFormat::md);
  CHECK(detect_format("", "See [the report](https://x.org/r) now.") == InputFormat::md);
  CHECK(detect_format("", "It was **very** late.") == InputFormat::md);
  CHECK(detect_format("", "Items:\n\n- one\n- two\n") == InputFormat::md);
  CHECK(detect_format("", "**17 April**\n<br />Updated.\n") == InputFormat::md);
  CHECK(detect_format("", "Just a plain story.\n\nWith two paragraphs - and a dash.") ==
        InputFormat::txt);
  CHECK(detect_format("", "") == InputFormat::txt);
}

TEST_CASE("text::decode prepares the bytes", "[decode]") {
  SECTION("a UTF-8 BOM is dropped and anchors skip it") {
    const std::string source = "\xEF\xBB\xBFHello world.";
    const DecodedText d = decode_as(source, InputFormat::txt);
    REQUIRE(texts(d) == std::vector<std::string>{"Hello world."});
    CHECK(d.blocks[0].anchors.front().source_offset == 3);
    check_letters_map_back(d, source);
  }
  SECTION("CRLF and lone CR become LF") {
    const std::string source = "One\r\ntwo.\r\n\r\nThree\rfour.\r\rFive.";
    const DecodedText d = decode_as(source, InputFormat::txt);
    CHECK(texts(d) == std::vector<std::string>{"One\ntwo.", "Three\nfour.", "Five."});
    check_letters_map_back(d, source);
  }
  SECTION("invalid UTF-8 is replaced and counted") {
    const std::string source = "Caf\xE9 ol\xC3\xA9 \xF0\x9F bad\xFF end.";
    const DecodedText d = decode_as(source, InputFormat::txt);
    CHECK(d.invalid_utf8 == 3);
    REQUIRE(d.blocks.size() == 1);
    CHECK(d.blocks[0].text == "Caf\xEF\xBF\xBD ol\xC3\xA9 \xEF\xBF\xBD bad\xEF\xBF\xBD end.");
    check_letters_map_back(d, source);
  }
  SECTION("valid input reports no repairs") {
    CHECK(decode_as("Ol\xC3\xA9, \xE4\xB8\xAD\xE6\x96\x87.", InputFormat::txt).invalid_utf8 == 0);
  }
  SECTION("the format is detected from the name and recorded") {
    DecodeOptions options;
    options.name = "x.md";
    auto d = decode("# T\n\ntext", options);
    REQUIRE(d);
    CHECK(d->format == InputFormat::md);
    CHECK(d->title == "T");
  }
}

TEST_CASE("text::decode refuses binary input", "[decode]") {
  SECTION("a NUL byte") {
    const std::string source("text\0more", 9);
    auto d = decode(source);
    REQUIRE_FALSE(d);
    CHECK(d.error().code == storydiff::core::ErrorCode::invalid_input);
    CHECK(d.error().message.find("NUL") != std::string::npos);
    CHECK(d.error().message.find('\n') == std::string::npos);
  }
  SECTION("mostly control bytes") {
    std::string source;
    for (int i = 0; i < 4000; ++i) {
      source.push_back(static_cast<char>(1 + i % 8));
      source += "ab";
    }
    auto d = decode(source);
    REQUIRE_FALSE(d);
    CHECK(d.error().code == storydiff::core::ErrorCode::invalid_input);
    CHECK(d.error().message.find("control") != std::string::npos);
  }
  SECTION("a few stray controls and form feeds are text") {
    std::string source = "Page one.\f\nPage two with an \x1B escape.\v\n";
    source += std::string(200, 'x');
    auto d = decode(source);
    REQUIRE(d);
    CHECK(d->blocks.size() == 1);
  }
}

TEST_CASE("text::decode reads plain text", "[decode]") {
  SECTION("blank lines, also of spaces and tabs, separate paragraphs") {
    const std::string source = "First line\nstill first.\n \t \nSecond.\n\n\n\nThird.\n";
    const DecodedText d = decode_as(source, InputFormat::txt);
    CHECK(texts(d) == std::vector<std::string>{"First line\nstill first.", "Second.", "Third."});
    CHECK(d.title.empty());
    check_letters_map_back(d, source);
  }
  SECTION("a short single line without final punctuation is a heading") {
    const std::string source =
        "Office of the Mayor\n\nThe bridge will reopen on Monday, officials said.\n\n"
        "the lower-case start\n\nIt closed.\n\n\xE2\x80\x9CWe are ready,\xE2\x80\x9D\n";
    const DecodedText d = decode_as(source, InputFormat::txt);
    CHECK(kinds(d) == std::vector<BlockKind>{BlockKind::heading, BlockKind::paragraph,
                                             BlockKind::paragraph, BlockKind::paragraph,
                                             BlockKind::paragraph});
  }
  SECTION("empty and blank input give no blocks") {
    CHECK(decode_as("", InputFormat::txt).blocks.empty());
    CHECK(decode_as(" \n\t\n\n", InputFormat::txt).blocks.empty());
  }
}

TEST_CASE("text::decode reads Markdown blocks", "[decode]") {
  const std::string source = "# Main title #\n"
                             "\n"
                             "Intro paragraph\nwrapped here.\n"
                             "\n"
                             "Second level\n"
                             "------------\n"
                             "\n"
                             "- first item\n"
                             "* second item\n  continued\n"
                             "+ third item\n"
                             "1. ordered one\n"
                             "2) ordered two\n"
                             "\n"
                             "> Quoted words\n> go on.\n"
                             "\n"
                             "***\n"
                             "\n"
                             "Year list:\n"
                             "2026. Not a list item here.\n"
                             "\n"
                             "Setext one\n"
                             "===\n";
  const DecodedText d = decode_as(source, InputFormat::md);
  CHECK(texts(d) == std::vector<std::string>{
                        "Main title", "Intro paragraph\nwrapped here.", "Second level",
                        "first item", "second item\ncontinued", "third item", "ordered one",
                        "ordered two", "Quoted words\ngo on.",
                        "Year list:\n2026. Not a list item here.", "Setext one"});
  CHECK(kinds(d) == std::vector<BlockKind>{
                        BlockKind::heading, BlockKind::paragraph, BlockKind::heading,
                        BlockKind::list_item, BlockKind::list_item, BlockKind::list_item,
                        BlockKind::list_item, BlockKind::list_item, BlockKind::paragraph,
                        BlockKind::paragraph, BlockKind::heading});
  CHECK(d.title == "Main title");
  check_letters_map_back(d, source);
}

TEST_CASE("text::decode removes Markdown inline markup", "[decode]") {
  auto one = [](std::string_view md) {
    const DecodedText d = decode_as(md, InputFormat::md);
    REQUIRE(d.blocks.size() == 1);
    check_letters_map_back(d, md);
    return d.blocks[0].text;
  };
  CHECK(one("It was **very** late and *dark* and __cold__ and _wet_.") ==
        "It was very late and dark and cold and wet.");
  CHECK(one("A ~~struck~~ word and snake_case_name stay.") == "A struck word and snake_case_name stay.");
  CHECK(one("2 * 3 * 4 = 24") == "2 * 3 * 4 = 24");
  CHECK(one("See [the report](https://x.org/r \"Title\") now.") == "See the report now.");
  CHECK(one("See [the (long) report](https://x.org/a_(b)) now.") == "See the (long) report now.");
  CHECK(one("Ref [link][1] here.") == "Ref link here.");
  CHECK(one("Go to <https://example.org/a> or <a@b.org>.") == "Go to https://example.org/a or a@b.org.");
  CHECK(one("Map: ![a map of the area](map.png) below.") == "Map:  below.");
  CHECK(one("Fish &amp; chips &mdash; &#8217;tis &#x1F600; &bogus; & more") ==
        "Fish & chips \xE2\x80\x94 \xE2\x80\x99tis \xF0\x9F\x98\x80 &bogus; & more");
  CHECK(one("Not \\*emphasis\\* and a \\[bracket].") == "Not *emphasis* and a [bracket].");
  CHECK(one("Code `a *b* c` stays.") == "Code a *b* c stays.");
  CHECK(one("**17 April 2026**\n<br />Updated information.") == "17 April 2026\nUpdated information.");
  CHECK(one("Line one<br>line two <span class=\"x\">inline</span>.") ==
        "Line one\nline two inline.");
  CHECK(one("Before <!-- a comment --> after.") == "Before  after.");
  CHECK(one("[**Bold link**](u) and **[link in bold](v)**") == "Bold link and link in bold");
  CHECK(one("An unclosed [bracket and *star.") == "An unclosed [bracket and *star.");
}

TEST_CASE("text::decode keeps Markdown code and tables", "[decode]") {
  SECTION("fenced code is one verbatim paragraph") {
    const DecodedText d = decode_as("Text.\n\n```js\nlet *a* = [b](c);\n```\nAfter.", InputFormat::md);
    CHECK(texts(d) == std::vector<std::string>{"Text.", "let *a* = [b](c);", "After."});
  }
  SECTION("table rows are paragraphs, the delimiter row is dropped") {
    const DecodedText d = decode_as("| Name | Count |\n|---|:---:|\n| Alpha | 12 |\n| *Beta* | 7 |\n\nEnd.",
                                    InputFormat::md);
    CHECK(texts(d) == std::vector<std::string>{"Name | Count", "Alpha | 12", "Beta | 7", "End."});
  }
  SECTION("HTML block lines start paragraphs; reference definitions are dropped") {
    const DecodedText d = decode_as("Before.\n<details>\n<summary><strong>2025</strong> (2 updates)</summary>\n\n"
                                    "[1]: https://x.org\n\nAfter.\n</details>",
                                    InputFormat::md);
    CHECK(texts(d) == std::vector<std::string>{"Before.", "2025 (2 updates)", "After."});
  }
}

TEST_CASE("text::decode reads the corpus Markdown", "[decode][corpus]") {
  const auto corpus = storydiff::test::corpus_dir();
  if (!corpus) {
    WARN("corpus absent: skipped");
    return;
  }
  std::size_t files = 0;
  for (const auto& story : std::filesystem::directory_iterator(*corpus)) {
    if (!story.is_directory()) {
      continue;
    }
    for (const auto& file : std::filesystem::directory_iterator(story.path())) {
      if (file.path().extension() != ".md" || file.path().filename() == "SOURCE.md") {
        continue;
      }
      ++files;
      INFO(file.path());
      const std::string source = storydiff::test::read_file(file.path());
      DecodeOptions options;
      options.name = file.path().string();
      auto decoded = decode(source, options);
      REQUIRE(decoded);
      CHECK(decoded->format == InputFormat::md);
      CHECK(decoded->invalid_utf8 == 0);
      REQUIRE(decoded->blocks.size() > 10);
      CHECK(decoded->blocks.front().kind == BlockKind::heading);
      CHECK_FALSE(decoded->title.empty());
      CHECK(decoded->title == decoded->blocks.front().text);
      std::size_t headings = 0;
      for (const Block& block : decoded->blocks) {
        INFO(block.text);
        CHECK_FALSE(block.text.empty());
        for (std::string_view markup : {"<br", "**", "](", "<details", "<summary", "&amp;"}) {
          CHECK(block.text.find(markup) == std::string::npos);
        }
        headings += block.kind == BlockKind::heading ? 1 : 0;
      }
      CHECK(headings >= 2);
      check_letters_map_back(*decoded, source);
    }
  }
  if (files == 0) {
    WARN("no Markdown files in the corpus");
  }
}

namespace {

const std::string k_page = R"(<!DOCTYPE html>
<html><head><title>  The  Page
 Title </title><meta property="og:title" content="OG title">
<style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
<body>
<header><p>Site header</p></header>
<nav><ul><li>Home</li><li>World</li></ul></nav>
<div id="story">
<h1>Bridge &amp; tunnel reopen</h1>
<p>First paragraph with <b>bold</b> and <a href="/x">a link</a>.</p>
<p>Second paragraph<br>on two lines.</p>
<ul><li>One item</li><li><p>Item in a p</p></li></ul>
<figure><img src="a.png"><figcaption>A caption</figcaption></figure>
<div>Direct text <span>in a div</span></div>
<table><tr><td>Cell A</td><td>Cell B</td></tr></table>
<p hidden>Hidden text</p>
</div>
<aside><p>Related stories</p></aside>
<form><button>Subscribe</button></form>
<footer><p>Copyright</p></footer>
</body></html>
)";

} // namespace

TEST_CASE("text::decode reads HTML", "[decode]") {
  SECTION("the body without boilerplate") {
    const DecodedText d = decode_as(k_page, InputFormat::html);
    CHECK(d.title == "The Page Title");
    CHECK(texts(d) == std::vector<std::string>{
                          "Bridge & tunnel reopen", "First paragraph with bold and a link.",
                          "Second paragraph\non two lines.", "One item", "Item in a p",
                          "Direct text in a div", "Cell A", "Cell B"});
    CHECK(kinds(d) == std::vector<BlockKind>{
                          BlockKind::heading, BlockKind::paragraph, BlockKind::paragraph,
                          BlockKind::list_item, BlockKind::list_item, BlockKind::paragraph,
                          BlockKind::paragraph, BlockKind::paragraph});
    SECTION("anchors point at the source text") {
      for (const Block& block : d.blocks) {
        check_anchor_shape(block, k_page.size());
      }
      const Block& second = d.blocks[2];
      CHECK(source_of(second, 0) == k_page.find("Second paragraph"));
      CHECK(source_of(d.blocks[1], 0) == k_page.find("First paragraph"));
    }
  }
  SECTION("<article> wins over the body, <main> over the body") {
    const std::string article = "<html><body><p>Outside.</p><article><p>Inside one.</p>"
                                "<article><p>Nested.</p></article></article>"
                                "<main><p>Main.</p></main><article><p>Inside two.</p></article></body></html>";
    CHECK(texts(decode_as(article, InputFormat::html)) ==
          std::vector<std::string>{"Inside one.", "Nested.", "Inside two."});
    const std::string main = "<body><p>Outside.</p><main><p>Main text.</p></main></body>";
    CHECK(texts(decode_as(main, InputFormat::html)) == std::vector<std::string>{"Main text."});
  }
  SECTION("title falls back to og:title, then the first h1") {
    CHECK(decode_as("<head><meta property='og:title' content='OG'></head><h1>H</h1>", InputFormat::html).title ==
          "OG");
    CHECK(decode_as("<body><h1>The <i>head</i>line</h1><p>x</p></body>", InputFormat::html).title ==
          "The headline");
  }
  SECTION("--select picks the article body") {
    const DecodedText d = decode_as(k_page, InputFormat::html, "//div[@id='story']/p[not(@hidden)]");
    CHECK(texts(d) == std::vector<std::string>{"First paragraph with bold and a link.",
                                               "Second paragraph\non two lines."});
    SECTION("nested matches are read once") {
      CHECK(texts(decode_as("<div id=a>A <div id=b>B</div> C</div>", InputFormat::html, "//div")) ==
            std::vector<std::string>{"A", "B", "C"});
    }
    SECTION("a selected boilerplate element is read") {
      CHECK(texts(decode_as(k_page, InputFormat::html, "//footer")) ==
            std::vector<std::string>{"Copyright"});
    }
    SECTION("text nodes and attributes can be selected") {
      CHECK(texts(decode_as(k_page, InputFormat::html, "//h1/text() | //a/@href")) ==
            std::vector<std::string>{"Bridge & tunnel reopen", "/x"});
    }
    SECTION("selecting nothing gives no blocks") {
      CHECK(decode_as(k_page, InputFormat::html, "//article").blocks.empty());
    }
  }
  SECTION("a bad XPath is invalid_input naming the expression") {
    for (const std::string bad : {"//div[", "count(//p)", "///"}) {
      DecodeOptions options;
      options.format = InputFormat::html;
      options.select = bad;
      auto d = decode(k_page, options);
      REQUIRE_FALSE(d);
      CHECK(d.error().code == storydiff::core::ErrorCode::invalid_input);
      CHECK(d.error().message.find("'" + bad + "'") != std::string::npos);
      CHECK(d.error().message.find('\n') == std::string::npos);
    }
  }
  SECTION("empty HTML gives no blocks") {
    CHECK(decode_as("", InputFormat::html).blocks.empty());
    CHECK(decode_as("<html></html>", InputFormat::html).blocks.empty());
  }
  SECTION("UTF-8 wins over a declared charset") {
    const DecodedText d = decode_as("<meta charset=\"iso-8859-1\"><p>Caf\xC3\xA9 \xE2\x80\x94 ok</p>",
                                    InputFormat::html);
    CHECK(texts(d) == std::vector<std::string>{"Caf\xC3\xA9 \xE2\x80\x94 ok"});
  }
}
