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

#include <catch2/catch.hpp>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include <string>
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
