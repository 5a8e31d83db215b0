// SPDX-License-Identifier: MIT
// The shortcuts of the text module (word-at-a-time scans, ASCII fast paths,
// skipping ICU for NFC-inert text, UTF-16 for the sentence iterator) must
// decide exactly as the general code does. These tests put the cases the
// shortcuts treat specially (8-byte word edges, the ranges they assume
// inert, astral characters) against results worked out by hand.
#include <storydiff/text/decode.hpp>
#include <storydiff/text/normalize.hpp>
#include <storydiff/text/pipeline.hpp>
#include <storydiff/text/segment.hpp>
#include <storydiff/text/token.hpp>

#include "text/byte_scan.hpp"

#include <catch2/catch.hpp>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace storydiff;

namespace {

std::string normalized(const std::string& block_text) {
  text::DecodedText d;
  text::Block b;
  b.text = block_text;
  b.anchors.push_back({0, 0});
  d.blocks.push_back(b);
  return text::normalize(d).text;
}

// What normalize makes of ASCII text: whitespace runs → one space, trimmed.
std::string collapse_ascii(const std::string& s) {
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      space = !out.empty();
      continue;
    }
    if (space) {
      out.push_back(' ');
      space = false;
    }
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> sentences_of(const std::string& source) {
  text::PipelineOptions options;
  options.decode.format = text::InputFormat::txt;
  auto read = text::read_document(source, options);
  REQUIRE(read.has_value());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < read->document.sentences.size(); ++i) {
    out.emplace_back(read->document.sentence_text(i));
  }
  return out;
}

} // namespace

TEST_CASE("text fast paths: the characters normalize treats as NFC-inert are", "[normalize]") {
  // normalize skips ICU for text made only of U+0000–U+02FF and
  // U+2002–U+207F: each must be NFC_QC=Yes with combining class 0.
  auto inert = [](UChar32 c) {
    return u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
           u_getCombiningClass(c) == 0;
  };
  for (UChar32 c = 0; c < 0x300; ++c) {
    INFO("U+" << std::hex << c);
    CHECK(inert(c));
  }
  for (UChar32 c = 0x2002; c < 0x2080; ++c) {
    INFO("U+" << std::hex << c);
    CHECK(inert(c));
  }
  // The two excluded: singletons that NFC changes.
  CHECK_FALSE(inert(0x2000));
  CHECK_FALSE(inert(0x2001));
}

TEST_CASE("text fast paths: normalize still composes next to inert punctuation", "[normalize]") {
  // “Cafe\u0301” — curly quotes (skipped) with a decomposed é (not).
  CHECK(normalized("\xE2\x80\x9C" "Cafe\xCC\x81\xE2\x80\x9D said") ==
        "\xE2\x80\x9C" "Caf\xC3\xA9\xE2\x80\x9D said");
  CHECK(normalized("\xE2\x80\x98quoted\xE2\x80\x99 \xE2\x80\x94 dash") ==
        "\xE2\x80\x98quoted\xE2\x80\x99 \xE2\x80\x94 dash");
}

TEST_CASE("text fast paths: normalize folds spaces at every 8-byte position", "[normalize]") {
  const std::string word = "abcdefghijklmnopqrstuvwxyz";
  for (std::size_t shift = 0; shift < 9; ++shift) {
    for (const std::string gap : {" ", "  ", "\t", " \n ", "   "}) {
      std::string s = word.substr(0, shift);
      for (std::size_t k = 1; k < 12; ++k) {
        s += word.substr(0, k) + gap;
      }
      s += word.substr(0, 9 - shift);
      INFO("input '" << s << "'");
      CHECK(normalized(s) == collapse_ascii(s));
      CHECK(normalized("  " + s + " ") == collapse_ascii(s));
    }
  }
}

TEST_CASE("text fast paths: sentences around non-ASCII and astral characters", "[segment]") {
  // The sentence iterator reads UTF-16; boundaries must map back to the
  // right bytes before and after 2- 3- and 4-byte characters.
  CHECK(sentences_of("Caf\xC3\xA9 \xF0\x9F\x98\x80 opened. Then \xE2\x80\x9C" "it\xE2\x80\x9D closed! "
                     "\xC3\x9C" "ber \xF0\x9D\x92\xB3 ends here.") ==
        std::vector<std::string>{"Caf\xC3\xA9 \xF0\x9F\x98\x80 opened.",
                                 "Then \xE2\x80\x9C" "it\xE2\x80\x9D closed!",
                                 "\xC3\x9C" "ber \xF0\x9D\x92\xB3 ends here."});
  CHECK(sentences_of("\xF0\x9F\x98\x80\xF0\x9F\x98\x80. Second one.") ==
        std::vector<std::string>{"\xF0\x9F\x98\x80\xF0\x9F\x98\x80.", "Second one."});
}

TEST_CASE("text fast paths: plain words end where the full word rules end them", "[tokenize]") {
  auto texts = [](std::string_view s) {
    std::vector<std::string> out;
    for (const text::Token& t : text::tokenize(s)) {
      out.emplace_back(t.span.of(s));
    }
    return out;
  };
  CHECK(texts("word, word; (word) word: word!") ==
        std::vector<std::string>{"word", ",", "word", ";", "(", "word", ")", "word", ":", "word", "!"});
  CHECK(texts("don't long-term U.S. AT&T 9/11 US$5 word") ==
        std::vector<std::string>{"don't", "long-term", "U.S.", "AT&T", "9/11", "US$5", "word"});
  CHECK(texts("abc$ x") == std::vector<std::string>{"abc", "$", "x"});
  // Letters running into non-ASCII letters (also past an 8-byte word).
  CHECK(texts("na\xC3\xAFve caf\xC3\xA9 abcdefgh\xC3\xA9z abcdefghijklmnop\xE2\x80\x99s") ==
        std::vector<std::string>{"na\xC3\xAFve", "caf\xC3\xA9", "abcdefgh\xC3\xA9z",
                                 "abcdefghijklmnop\xE2\x80\x99s"});
}

TEST_CASE("text fast paths: number values from the integer shortcut", "[tokenize]") {
  auto value = [](std::string_view s) {
    const auto tokens = text::tokenize(s);
    REQUIRE(tokens.size() == 1);
    REQUIRE(tokens[0].kind == text::TokenKind::number);
    return tokens[0].value;
  };
  CHECK(value("123,456,789,012,345") == 123456789012345.0);
  CHECK(value("999999999999999") == 999999999999999.0);
  CHECK(value("1234567890123456789") == 1234567890123456789.0); // parsed, rounded
  CHECK(value("3.14") == 3.14);
  CHECK(value("007") == 7.0);
}

TEST_CASE("text fast paths: the binary check counts control bytes anywhere", "[decode]") {
  // More than 5% control bytes (here ESC) means binary, wherever they sit
  // relative to the 8-byte words of the scan.
  for (std::size_t offset = 0; offset < 8; ++offset) {
    std::string many(200, 'a');
    std::string few(200, 'a');
    for (std::size_t k = 0; k < 11; ++k) {
      many[offset + k * 17] = '\x1B';
    }
    for (std::size_t k = 0; k < 10; ++k) {
      few[offset + k * 17] = '\x1B';
    }
    INFO("offset " << offset);
    CHECK_FALSE(text::decode(many).has_value());
    CHECK(text::decode(few).has_value());
  }
}

TEST_CASE("text fast paths: control_byte_mask marks exactly the control bytes", "[decode]") {
  auto is_control = [](unsigned char c) {
    return (c < 0x20 && (c < '\t' || c > '\r')) || c == 0x7F;
  };
  // Every byte value at every position, next to bytes of every kind (a
  // borrow or carry from a neighbour would show as a wrong bit).
  for (const unsigned char filler : {0x00, 0x09, 0x0D, 0x1F, 0x20, 0x61, 0x7F, 0x80, 0xFF}) {
    for (unsigned value = 0; value < 256; ++value) {
      for (unsigned position = 0; position < 8; ++position) {
        std::uint64_t word = 0;
        std::uint64_t expected = 0;
        for (unsigned k = 0; k < 8; ++k) {
          const auto byte = static_cast<unsigned char>(k == position ? value : filler);
          word |= static_cast<std::uint64_t>(byte) << (8 * k);
          if (is_control(byte)) {
            expected |= std::uint64_t{0x80} << (8 * k);
          }
        }
        INFO("filler " << int(filler) << " value " << value << " position " << position);
        REQUIRE(text::detail::control_byte_mask(word) == expected);
      }
    }
  }
}

namespace {

std::vector<std::string> markdown_blocks(const std::string& source) {
  text::DecodeOptions options;
  options.format = text::InputFormat::md;
  auto decoded = text::decode(source, options);
  REQUIRE(decoded.has_value());
  std::vector<std::string> out;
  for (const text::Block& b : decoded->blocks) {
    out.push_back(b.text);
  }
  return out;
}

} // namespace

TEST_CASE("text fast paths: Markdown inline syntax found at every offset", "[decode]") {
  // The prose scan skips 16 bytes at a time: each construct starts at every
  // offset of a 16-byte block, and is rendered as without the skip.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"*em*", "em"},          {"_em_", "em"},          {"~~del~~", "del"},
      {"`code`", "code"},      {"[link](u)", "link"},   {"![img](u)", ""},
      {"\\*", "*"},            {"&amp;", "&"},          {"<b>x</b>", "x"},
      {"a ! b", "a ! b"},      {"a | b", "a | b"},      {"x ] y", "x ] y"}};
  for (const auto& [markup, rendered] : cases) {
    for (std::size_t offset = 0; offset < 40; ++offset) {
      const std::string before(offset, 'p');
      const std::string after = " tail of the line and more prose after it";
      INFO("markup " << markup << " at " << offset);
      CHECK(markdown_blocks("x" + before + " " + markup + after) ==
            std::vector<std::string>{"x" + before + " " + rendered + after});
    }
  }
}

TEST_CASE("text fast paths: Markdown edits in any order, few or many", "[decode]") {
  // "*x _y_ z*" records the inner pair's drops before the outer opener's:
  // unsorted edits, sorted by insertion (few) or stable_sort (many).
  for (const std::size_t groups : {1U, 2U, 8U, 9U, 30U}) {
    std::string source;
    std::string expected;
    for (std::size_t k = 0; k < groups; ++k) {
      source += (k == 0 ? "" : " ") + std::string("*x _y_ [z](u) ![i](v) w*");
      expected += (k == 0 ? "" : " ") + std::string("x y z  w");
    }
    INFO(groups << " groups");
    CHECK(markdown_blocks(source) == std::vector<std::string>{expected});
  }
}

TEST_CASE("text fast paths: blank lines and block trimming", "[decode]") {
  text::DecodeOptions options;
  options.format = text::InputFormat::txt;
  auto decoded = text::decode("\f\v First para.\v\f\n \f\v\t\nSecond para.\t\n", options);
  REQUIRE(decoded.has_value());
  REQUIRE(decoded->blocks.size() == 2);
  CHECK(decoded->blocks[0].text == "First para.");
  CHECK(decoded->blocks[1].text == "Second para.");
  CHECK(markdown_blocks("\f Heading\v\n===\n\n \v \n- item \f") ==
        std::vector<std::string>{"Heading", "item"});
}

TEST_CASE("text fast paths: numbers with and without suffixes", "[tokenize]") {
  struct Case {
    std::string_view text;
    std::string_view token; // the first token
    text::NumberForm form;
    double value;
  };
  using F = text::NumberForm;
  const std::vector<Case> cases = {
      {"30 people", "30", F::cardinal, 30},       {"30, then", "30", F::cardinal, 30},
      {"30.", "30", F::cardinal, 30},             {"30)", "30", F::cardinal, 30},
      {"30 percent", "30 percent", F::percent, 30}, {"30-percent", "30-percent", F::percent, 30},
      {"30 PCT", "30 PCT", F::percent, 30},       {"30 per cent", "30 per cent", F::percent, 30},
      {"30 %", "30 %", F::percent, 30},           {"30%", "30%", F::percent, 30},
      {"30 pens", "30", F::cardinal, 30},         {"30 per day", "30", F::cardinal, 30},
      {"3 million", "3 million", F::cardinal, 3e6}, {"3 Billion", "3 Billion", F::cardinal, 3e9},
      {"3 thousand", "3 thousand", F::cardinal, 3e3}, {"3 trillion", "3 trillion", F::cardinal, 3e12},
      {"3 bn", "3 bn", F::cardinal, 3e9},         {"3 mln", "3 mln", F::cardinal, 3e6},
      {"3 tn", "3 tn", F::cardinal, 3e12},        {"3 many", "3", F::cardinal, 3},
      {"3 tons", "3", F::cardinal, 3},            {"$3 billion", "$3 billion", F::money, 3e9},
      {"30-year-old", "30-year-old", F::age, 30}, {"30 years old", "30 years old", F::age, 30},
      {"30-yard", "30", F::cardinal, 30},         {"40\xE2\x82\xAC", "40\xE2\x82\xAC", F::money, 40},
      {"1830 hrs", "1830 hrs", F::time, 1110},    {"1830 Hours", "1830 Hours", F::time, 1110},
      {"1830h", "1830h", F::time, 1110},          {"1830Z", "1830Z", F::time, 1110},
      {"1830 GMT", "1830", F::time, 1110},        {"1830 utc", "1830", F::time, 1110},
      {"1830 local", "1830", F::time, 1110},      {"1830 lions", "1830", F::cardinal, 1830},
      {"2019 gardens", "2019", F::cardinal, 2019}, {"2019 was", "2019", F::cardinal, 2019},
      {"2019 utility", "2019", F::cardinal, 2019}, {"0600 was", "0600", F::time, 360},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const auto tokens = text::tokenize(c.text);
    REQUIRE_FALSE(tokens.empty());
    CHECK(tokens[0].span.of(c.text) == c.token);
    CHECK(tokens[0].form == c.form);
    CHECK(tokens[0].value == Approx(c.value));
  }
}
