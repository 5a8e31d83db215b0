// SPDX-License-Identifier: MIT
#include <storydiff/text/decode.hpp>
#include <storydiff/text/normalize.hpp>
#include <storydiff/text/token.hpp>

#include <catch2/catch.hpp>
#include <test_support.hpp>

#include <filesystem>
#include <string>
#include <vector>

using namespace storydiff;
using text::NumberForm;
using text::Token;
using text::TokenKind;
using text::tokenize;

namespace {

std::vector<std::string> texts_of(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : tokenize(text)) {
    out.emplace_back(t.span.of(text));
  }
  return out;
}

// The one token of `text` whose text is `want` (fails when there is none).
Token token_named(std::string_view text, std::string_view want) {
  for (const Token& t : tokenize(text)) {
    if (t.span.of(text) == want) {
      return t;
    }
  }
  FAIL("no token '" << want << "' in: " << text);
  return {};
}

void check_number(std::string_view text, std::string_view want, NumberForm form, double value) {
  INFO("text: " << text << " | token: " << want);
  const Token t = token_named(text, want);
  CHECK(t.kind == TokenKind::number);
  CHECK(t.form == form);
  CHECK(t.value == Approx(value));
  CHECK(t.span.start == text.find(want));
}

void check_kind(std::string_view text, std::string_view want, TokenKind kind) {
  INFO("text: " << text << " | token: " << want);
  const Token t = token_named(text, want);
  CHECK(t.kind == kind);
  CHECK(t.form == NumberForm::none);
}

// Spans are non-empty, ordered, within the text, and never start or end with
// whitespace; every non-space byte is covered.
void check_well_formed(std::string_view text, const std::vector<Token>& tokens,
                       std::uint32_t base = 0) {
  std::uint32_t last_end = base;
  std::vector<bool> covered(text.size(), false);
  for (const Token& t : tokens) {
    REQUIRE(t.span.start >= last_end);
    REQUIRE(t.span.end > t.span.start);
    REQUIRE(t.span.end <= base + text.size());
    const std::string_view s = text.substr(t.span.start - base, t.span.size());
    CHECK(s.front() != ' ');
    CHECK(s.back() != ' ');
    for (std::uint32_t i = t.span.start - base; i < t.span.end - base; ++i) {
      covered[i] = true;
    }
    last_end = t.span.end;
  }
  std::size_t uncovered = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c > ' ' && c < 0x80 && !covered[i]) {
      UNSCOPED_INFO("uncovered byte " << i << " '" << text[i] << "'");
      ++uncovered;
    }
  }
  CHECK(uncovered == 0);
}

} // namespace

TEST_CASE("tokenize::tokenize splits words and punctuation", "[tokenize]") {
  SECTION("plain sentence") {
    CHECK(texts_of("The fire spread, officials said.") ==
          std::vector<std::string>{"The", "fire", "spread", ",", "officials", "said", "."});
  }
  SECTION("whitespace is never a token") {
    CHECK(texts_of("  a \n\t b\u00a0c  ") == std::vector<std::string>{"a", "b", "c"});
    CHECK(tokenize("").empty());
    CHECK(tokenize(" \n ").empty());
  }
  SECTION("internal apostrophes and hyphens") {
    for (const char* w : {"don't", "O\u2019Brien", "long-term", "post-war", "COVID-19", "F-16",
                          "A607", "rock'n'roll", "AT&T", "9/11", "24/7", "5G", "100km"}) {
      const std::string s = std::string("x ") + w + " y";
      CHECK(texts_of(s) == std::vector<std::string>{"x", w, "y"});
      check_kind(s, w, TokenKind::word);
    }
  }
  SECTION("abbreviations keep their final period, sentence periods are separate") {
    CHECK(texts_of("The U.S. and U.K. met.") ==
          std::vector<std::string>{"The", "U.S.", "and", "U.K.", "met", "."});
    CHECK(texts_of("a Ph.D. student, e.g. him") ==
          std::vector<std::string>{"a", "Ph.D.", "student", ",", "e.g.", "him"});
    CHECK(texts_of("He moved to the U.S.") ==
          std::vector<std::string>{"He", "moved", "to", "the", "U.S."});
    CHECK(texts_of("the p.m. slot") == std::vector<std::string>{"the", "p.m.", "slot"});
    check_kind("the p.m. slot", "p.m.", TokenKind::word);
    CHECK(texts_of("see example.com.") ==
          std::vector<std::string>{"see", "example.com", "."});
  }
  SECTION("each punctuation mark is a token; ellipses and dash runs are one") {
    CHECK(texts_of("a; b: c! d? (e) [f] {g}") ==
          std::vector<std::string>{"a", ";", "b", ":", "c", "!", "d", "?", "(", "e", ")", "[",
                                   "f", "]", "{", "g", "}"});
    CHECK(texts_of("wait... no\u2026 yes -- ok \u2014 x \u2013 y - z") ==
          std::vector<std::string>{"wait", "...", "no", "\u2026", "yes", "--", "ok", "\u2014",
                                   "x", "\u2013", "y", "-", "z"});
    for (const Token& t : tokenize("; \u2014 \u2026 ...")) {
      CHECK(t.kind == TokenKind::punctuation);
    }
  }
  SECTION("symbols, emoji sequences and flags") {
    CHECK(texts_of("#1 & \U0001F7E1 \u26a0\ufe0f \U0001F1EC\U0001F1E7 \U0001F44D\U0001F3FD") ==
          std::vector<std::string>{"#", "1", "&", "\U0001F7E1", "\u26a0\ufe0f",
                                   "\U0001F1EC\U0001F1E7", "\U0001F44D\U0001F3FD"});
    check_kind("a \u26a0\ufe0f b", "\u26a0\ufe0f", TokenKind::symbol);
    check_kind("a # b", "#", TokenKind::symbol);
  }
  SECTION("non-Latin scripts") {
    CHECK(texts_of("\u0642\u0627\u0644 \u05e9\u05dc\u05d5\u05dd") ==
          std::vector<std::string>{"\u0642\u0627\u0644", "\u05e9\u05dc\u05d5\u05dd"});
    CHECK(texts_of("\u6771\u4eac\u3002") ==
          std::vector<std::string>{"\u6771", "\u4eac", "\u3002"});
    CHECK(texts_of("na\u00efve cafe\u0301") ==
          std::vector<std::string>{"na\u00efve", "cafe\u0301"});
  }
}

TEST_CASE("tokenize::tokenize tells quotes from apostrophes", "[tokenize]") {
  SECTION("curly, straight and angle quotes") {
    const std::string s = "\u201cYes,\u201d he said. \"No\" \u00abnon\u00bb \u2039oui\u203a 'ok'";
    for (const char* q : {"\u201c", "\u201d", "\"", "\u00ab", "\u00bb", "\u2039", "\u203a"}) {
      check_kind(s, q, TokenKind::quote);
    }
    const auto t = tokenize(s);
    CHECK(t.back().kind == TokenKind::quote);
    CHECK(t.back().span.of(s) == "'");
    CHECK(texts_of(s).size() == 19);
  }
  SECTION("possessive apostrophe after s belongs to the word") {
    CHECK(texts_of("the Jones' car and the students\u2019 union") ==
          std::vector<std::string>{"the", "Jones'", "car", "and", "the", "students\u2019",
                                   "union"});
  }
  SECTION("a closing single quote after s when one is open") {
    CHECK(texts_of("\u2018Ask the students\u2019, he said") ==
          std::vector<std::string>{"\u2018", "Ask", "the", "students", "\u2019", ",", "he",
                                   "said"});
    CHECK(texts_of("'Ask the students', he said") ==
          std::vector<std::string>{"'", "Ask", "the", "students", "'", ",", "he", "said"});
  }
  SECTION("leading apostrophe of a decade is part of the number") {
    check_number("the '90s boom", "'90s", NumberForm::decade, 1990);
    check_number("the \u201990s boom", "\u201990s", NumberForm::decade, 1990);
  }
}

TEST_CASE("tokenize::tokenize parses numbers", "[tokenize]") {
  SECTION("cardinals") {
    check_number("grew 3.5 points", "3.5", NumberForm::cardinal, 3.5);
    check_number("12,000 people", "12,000", NumberForm::cardinal, 12000);
    check_number("cost 1,234.56 total", "1,234.56", NumberForm::cardinal, 1234.56);
    check_number("fell to -3 today", "-3", NumberForm::cardinal, -3);
    check_number("in 1846.", "1846", NumberForm::cardinal, 1846);
    check_number("in 2004, the", "2004", NumberForm::cardinal, 2004);
    check_number("30 million people", "30 million", NumberForm::cardinal, 3e7);
    check_number("a 2.5bn loss", "2.5bn", NumberForm::cardinal, 2.5e9);
    CHECK(texts_of("1,2345") == std::vector<std::string>{"1", ",", "2345"});
  }
  SECTION("fractions") {
    check_number("rate of 1-1/4 now", "1-1/4", NumberForm::fraction, 1.25);
    check_number("to 5-1/2.", "5-1/2", NumberForm::fraction, 5.5);
    check_number("about 3/4 of", "3/4", NumberForm::fraction, 0.75);
    check_number("about \u00bd of", "\u00bd", NumberForm::fraction, 0.5);
    check_number("about 5\u00bd miles", "5\u00bd", NumberForm::fraction, 5.5);
    check_number("about 1 1/4 miles", "1 1/4", NumberForm::fraction, 1.25);
  }
  SECTION("percent") {
    check_number("up 55% today", "55%", NumberForm::percent, 55);
    check_number("up 55 percent today", "55 percent", NumberForm::percent, 55);
    check_number("up 55 per cent today", "55 per cent", NumberForm::percent, 55);
    check_number("to 1-1/4 percent.", "1-1/4 percent", NumberForm::percent, 1.25);
    check_number("up 5.5%.", "5.5%", NumberForm::percent, 5.5);
  }
  SECTION("money") {
    check_number("a $30 million fund", "$30 million", NumberForm::money, 3e7);
    check_number("a $30 fee", "$30", NumberForm::money, 30);
    check_number("lost \u00a32.5bn in", "\u00a32.5bn", NumberForm::money, 2.5e9);
    check_number("pay \u20ac40 now", "\u20ac40", NumberForm::money, 40);
    check_number("pay US$5 now", "US$5", NumberForm::money, 5);
    check_number("a $5m deal", "$5m", NumberForm::money, 5e6);
    check_number("lost $1.2 billion.", "$1.2 billion", NumberForm::money, 1.2e9);
  }
  SECTION("ages: every spelling has the same value") {
    check_number("a 10-year-old boy", "10-year-old", NumberForm::age, 10);
    check_number("a 23-year old man", "23-year old", NumberForm::age, 23);
    check_number("a 10 year-old boy", "10 year-old", NumberForm::age, 10);
    check_number("she is 10 years old.", "10 years old", NumberForm::age, 10);
    check_number("two 10-year-olds", "10-year-olds", NumberForm::age, 10);
  }
  SECTION("times in minutes after midnight") {
    check_number("at 00:26 on", "00:26", NumberForm::time, 26);
    check_number("at 10:30 on", "10:30", NumberForm::time, 630);
    check_number("at 5 p.m. on", "5 p.m.", NumberForm::time, 1020);
    check_number("at 5pm on", "5pm", NumberForm::time, 1020);
    check_number("at 10:30 a.m. on", "10:30 a.m.", NumberForm::time, 630);
    check_number("at 12:15 a.m. on", "12:15 a.m.", NumberForm::time, 15);
    check_number("at 12 p.m. on", "12 p.m.", NumberForm::time, 720);
    check_number("at 5.30pm on", "5.30pm", NumberForm::time, 1050);
    check_number("at 0600 hrs on", "0600 hrs", NumberForm::time, 360);
    check_number("at 1830 GMT on", "1830", NumberForm::time, 1110);
    check_number("at 0600, troops", "0600", NumberForm::time, 360);
    check_number("at 06:00, troops", "06:00", NumberForm::time, 360);
    SECTION("a sentence ending after p.m. keeps the period in the time") {
      const std::string s = "It ended at 5 p.m.";
      CHECK(texts_of(s) == std::vector<std::string>{"It", "ended", "at", "5 p.m."});
    }
  }
  SECTION("decades and ordinals") {
    check_number("the 1980s saw", "1980s", NumberForm::decade, 1980);
    check_number("the 1980's saw", "1980's", NumberForm::decade, 1980);
    check_number("the 1st and", "1st", NumberForm::ordinal, 1);
    check_number("the 22nd and", "22nd", NumberForm::ordinal, 22);
    check_number("the 3rd and", "3rd", NumberForm::ordinal, 3);
    check_number("the 4th and", "4th", NumberForm::ordinal, 4);
  }
  SECTION("numbers glued to letters in IDs are words, ranges are split") {
    check_kind("the COVID-19 virus", "COVID-19", TokenKind::word);
    check_kind("on the A607 road", "A607", TokenKind::word);
    CHECK(texts_of("call 555-1234") == std::vector<std::string>{"call", "555", "-", "1234"});
    CHECK(texts_of("pages 10-12") == std::vector<std::string>{"pages", "10", "-", "12"});
    check_kind("ip 192.168.0.1 x", "192.168.0.1", TokenKind::word);
  }
}

TEST_CASE("tokenize::tokenize handles mixed sentences", "[tokenize]") {
  const std::string s = "At 5 p.m. on the 22nd, police said a 10-year-old and 12,000 others "
                        "lost $30 million (55%) in the 1980s \u2014 \u201cshocking\u201d.";
  const auto tokens = tokenize(s, 100);
  check_well_formed(s, tokens, 100);
  std::vector<std::string> got;
  for (const Token& t : tokens) {
    got.emplace_back(s.substr(t.span.start - 100, t.span.size()));
  }
  CHECK(got == std::vector<std::string>{"At", "5 p.m.", "on", "the", "22nd", ",", "police",
                                        "said", "a", "10-year-old", "and", "12,000", "others",
                                        "lost", "$30 million", "(", "55%", ")", "in", "the",
                                        "1980s", "\u2014", "\u201c", "shocking", "\u201d", "."});
  int numbers = 0;
  for (const Token& t : tokens) {
    numbers += t.kind == TokenKind::number ? 1 : 0;
    if (t.kind != TokenKind::number) {
      CHECK(t.form == NumberForm::none);
    }
  }
  CHECK(numbers == 7);

  SECTION("tokenize_into appends with the base offset") {
    std::vector<Token> out = tokenize("first");
    text::tokenize_into("second word", 6, out);
    REQUIRE(out.size() == 3);
    CHECK(out[1].span == core::Span{6, 12});
    CHECK(out[2].span == core::Span{13, 17});
  }
}

TEST_CASE("tokenize::tokenize never makes empty or overlapping tokens", "[tokenize]") {
  const std::vector<std::string> odd = {
      "$", "US$", "-", "--", "'", "\u2019", "\u00bd", "\u00bdx", "5-", "5/", "5/0", "1/",
      "1,", "1.", "1:", "12:3", "0600h", "5 p", "5 p.", "a.", ".a", "U.S", "'9", "'90",
      "\u0301", "x\u200d", "\U0001F1EC", "\xff\xfe", "a\xc3", "10-year", "10 years",
      "\u2212\u20ac5", "+5", "$$5", "5%%", "1-1/", "9-1/2-3/4", "3.5.", "..5", "1,000,00"};
  for (const std::string& s : odd) {
    INFO("input: " << s);
    check_well_formed(s, tokenize(s));
  }
}

TEST_CASE("tokenize::tokenize on the corpus gives well-formed tokens", "[tokenize][corpus]") {
  const auto dir = test::corpus_dir();
  if (!dir) {
    WARN("corpus absent: skipped");
    return;
  }
  int files = 0;
  std::size_t numbers = 0;
  for (const auto& story : std::filesystem::directory_iterator(*dir)) {
    if (!story.is_directory()) {
      continue;
    }
    for (const auto& file : std::filesystem::directory_iterator(story.path())) {
      const auto ext = file.path().extension();
      if (ext != ".txt" && ext != ".md") {
        continue;
      }
      const std::string bytes = test::read_file(file.path());
      auto decoded = text::decode(bytes, {std::nullopt, file.path().string(), {}});
      REQUIRE(decoded);
      const auto n = text::normalize(*decoded);
      INFO(file.path());
      const auto tokens = tokenize(n.text);
      check_well_formed(n.text, tokens);
      for (const Token& t : tokens) {
        numbers += t.kind == TokenKind::number ? 1 : 0;
      }
      ++files;
    }
  }
  CHECK(files > 0);
  CHECK(numbers > 0);
}
