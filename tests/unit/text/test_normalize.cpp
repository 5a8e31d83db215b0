// SPDX-License-Identifier: MIT
#include <storydiff/text/decode.hpp>
#include <storydiff/text/normalize.hpp>

#include <catch2/catch.hpp>
#include <test_support.hpp>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

using namespace storydiff;
using text::Block;
using text::BlockKind;
using text::DecodedText;
using text::normalize;

namespace {

// A block whose text is the concatenation of `pieces`, each taken from
// source offset `first` (markup between pieces was removed).
Block block_from(const std::vector<std::pair<std::uint32_t, std::string>>& pieces,
                 BlockKind kind = BlockKind::paragraph) {
  Block b;
  b.kind = kind;
  for (const auto& [source, piece] : pieces) {
    b.anchors.push_back({static_cast<std::uint32_t>(b.text.size()), source});
    b.text += piece;
  }
  return b;
}

Block plain_block(std::string text, std::uint32_t source = 0) {
  return block_from({{source, std::move(text)}});
}

DecodedText doc_of(std::vector<Block> blocks) {
  DecodedText d;
  d.blocks = std::move(blocks);
  return d;
}

std::string normalized(const std::string& text) {
  return normalize(doc_of({plain_block(text)})).text;
}

// Every maximal run of non-space bytes in the normalized text that is ASCII
// must be found at its mapped source offset.
void check_ascii_words_map_back(const text::NormalizedText& n, std::string_view source) {
  std::size_t i = 0;
  while (i < n.text.size()) {
    while (i < n.text.size() && (n.text[i] == ' ' || n.text[i] == '\n')) {
      ++i;
    }
    std::size_t j = i;
    bool ascii = true;
    while (j < n.text.size() && n.text[j] != ' ' && n.text[j] != '\n') {
      ascii = ascii && static_cast<unsigned char>(n.text[j]) < 0x80;
      ++j;
    }
    if (j > i && ascii) {
      const std::string_view word = std::string_view(n.text).substr(i, j - i);
      const std::uint32_t at = n.source_map.to_original(static_cast<std::uint32_t>(i));
      INFO("word '" << word << "' at normalized " << i << " maps to source " << at);
      REQUIRE(at + word.size() <= source.size());
      CHECK(source.substr(at, word.size()) == word);
    }
    i = j;
  }
}

} // namespace

TEST_CASE("normalize::normalize composes to NFC", "[normalize]") {
  SECTION("decomposed e + acute becomes é") {
    CHECK(normalized("Cafe\u0301 au lait") == "Caf\u00e9 au lait");
  }
  SECTION("already composed text is unchanged") {
    CHECK(normalized("Caf\u00e9 na\u00efve \u00c5ngstr\u00f6m") ==
          "Caf\u00e9 na\u00efve \u00c5ngstr\u00f6m");
  }
  SECTION("canonical singletons are replaced (Ohm sign → Omega)") {
    CHECK(normalized("5 \u2126") == "5 \u03a9");
  }
  SECTION("offsets after a composition still map to the source") {
    const std::string source = "Cafe\u0301 au lait and more";
    const auto n = normalize(doc_of({plain_block(source)}));
    REQUIRE(n.text == "Caf\u00e9 au lait and more");
    const auto au = static_cast<std::uint32_t>(n.text.find("au"));
    CHECK(n.source_map.to_original(au) == source.find("au"));
    check_ascii_words_map_back(n, source);
  }
  SECTION("compatibility characters are kept (NFC, not NFKC)") {
    CHECK(normalized("\ufb01ne \u00bd") == "\ufb01ne \u00bd");
  }
}

TEST_CASE("normalize::normalize folds every kind of whitespace", "[normalize]") {
  SECTION("each whitespace character between words becomes one space") {
    const std::vector<std::string> spaces = {
        " ",      "\t",     "\n",     "\r",     "\v",     "\f",     "\u0085", "\u00a0",
        "\u1680", "\u2000", "\u2005", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f",
        "\u3000"};
    for (const std::string& s : spaces) {
      INFO("whitespace bytes: " << s.size());
      CHECK(normalized("a" + s + "b") == "a b");
      CHECK(normalized("a" + s + s + " " + s + "b") == "a b");
    }
  }
  SECTION("runs are trimmed at both ends") {
    CHECK(normalized(" \n\t\u00a0 Hello  \r\n world \u3000\n") == "Hello world");
  }
  SECTION("invisible characters are removed, joiners kept") {
    CHECK(normalized("re\u00adwrap") == "rewrap");
    CHECK(normalized("zero\u200bwidth \ufeffbom") == "zerowidth bom");
    CHECK(normalized("a \u200b b") == "a b");
    CHECK(normalized("bell\x07 ok") == "bell ok");
    CHECK(normalized("\U0001F469\u200d\U0001F4BB") == "\U0001F469\u200d\U0001F4BB");
  }
  SECTION("original punctuation is kept") {
    CHECK(normalized("\u201cYes\u201d \u2014 it\u2019s\u2026 \u00abok\u00bb") ==
          "\u201cYes\u201d \u2014 it\u2019s\u2026 \u00abok\u00bb");
  }
}

TEST_CASE("normalize::normalize makes re-wrapped paragraphs identical", "[normalize]") {
  const std::string wrapped_a =
      "The Committee decided today to lower its target for the federal\n"
      "funds rate by 50 basis points to 5-1/2 percent.  In a related action,\n"
      "the Board approved a reduction.  \n";
  const std::string wrapped_b =
      "The Committee decided today to lower its target\n"
      "for the federal funds rate by 50 basis points to 5-1/2\n"
      "percent.  In a related action, the Board approved a\r\n"
      "reduction.";
  const auto a = normalize(doc_of({plain_block(wrapped_a)}));
  const auto b = normalize(doc_of({plain_block(wrapped_b)}));
  CHECK(a.text == b.text);
  CHECK(a.text.find('\n') == std::string::npos);
  CHECK(a.text.find("  ") == std::string::npos);
  check_ascii_words_map_back(a, wrapped_a);
  check_ascii_words_map_back(b, wrapped_b);
}

TEST_CASE("normalize::normalize joins paragraphs and drops empty ones", "[normalize]") {
  DecodedText d = doc_of({block_from({{0, "Title"}}, BlockKind::heading),
                          block_from({{10, " \n\u00a0\u200b "}}),
                          block_from({{20, "First  para."}}),
                          block_from({{40, "item one"}}, BlockKind::list_item)});
  const auto out = normalize(d);
  CHECK(out.text == "Title\n\nFirst para.\n\nitem one");
  REQUIRE(out.paragraphs.size() == 3);
  CHECK(out.paragraphs[0].kind == BlockKind::heading);
  CHECK(out.paragraphs[1].kind == BlockKind::paragraph);
  CHECK(out.paragraphs[2].kind == BlockKind::list_item);
  CHECK(out.paragraphs[0].span.of(out.text) == "Title");
  CHECK(out.paragraphs[1].span.of(out.text) == "First para.");
  CHECK(out.paragraphs[2].span.of(out.text) == "item one");
  CHECK(out.source_map.to_original(out.paragraphs[1].span.start) == 20);
  CHECK(out.source_map.to_original(out.paragraphs[2].span.start) == 40);

  SECTION("no blocks or only empty blocks give an empty text") {
    CHECK(normalize(DecodedText{}).text.empty());
    const auto empty = normalize(doc_of({plain_block(" \t\n"), plain_block("\u00ad\u200b")}));
    CHECK(empty.text.empty());
    CHECK(empty.paragraphs.empty());
  }
}

TEST_CASE("normalize::normalize maps offsets back to the source", "[normalize]") {
  // Source with markup the decoder removed; the blocks say where each piece
  // of text came from.
  const std::string source = "<p>Hello   world,\n  again <b>bold</b>\ttext.</p>\n"
                             "<h2>  Next\r\nheading </h2>";
  auto at = [&](std::string_view s) { return static_cast<std::uint32_t>(source.find(s)); };
  DecodedText d = doc_of({block_from({{at("Hello"), "Hello   world,\n  again "},
                                      {at("bold<"), "bold"},
                                      {at("\ttext"), "\ttext."}}),
                          block_from({{at("  Next"), "  Next\r\nheading "}}, BlockKind::heading)});
  const auto n = normalize(d);
  REQUIRE(n.text == "Hello world, again bold text.\n\nNext heading");
  check_ascii_words_map_back(n, source);

  SECTION("an offset inside a folded run maps to the run's start") {
    const auto space = static_cast<std::uint32_t>(n.text.find(" world"));
    CHECK(n.source_map.to_original(space) == at("   world"));
  }
  SECTION("the map stays compact") {
    CHECK(n.source_map.size() <= 12);
  }
  SECTION("a long single-spaced ASCII paragraph needs one anchor") {
    std::string long_text;
    for (int i = 0; i < 1000; ++i) {
      long_text += "word" + std::to_string(i) + " ";
    }
    const auto big = normalize(doc_of({plain_block(long_text, 7)}));
    CHECK(big.source_map.size() == 1);
    CHECK(big.source_map.to_original(100) == 107);
  }
  SECTION("blocks without anchors map one-to-one from 0") {
    Block b;
    b.text = "plain text";
    const auto m = normalize(doc_of({b}));
    CHECK(m.source_map.to_original(6) == 6);
  }
}

TEST_CASE("normalize::normalize keeps right-to-left and CJK text intact", "[normalize]") {
  const std::string arabic = "\u0642\u0627\u0644 \u0627\u0644\u0645\u062a\u062d\u062f\u062b";
  const std::string hebrew = "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd";
  const std::string cjk = "\u6771\u4eac\u3067\u5730\u9707\u3002\ud55c\uad6d\uc5b4";
  CHECK(normalized(arabic) == arabic);
  CHECK(normalized(hebrew) == hebrew);
  CHECK(normalized(cjk) == cjk);
  CHECK(normalized("  " + arabic + "\n" + cjk + " ") == arabic + " " + cjk);
}

TEST_CASE("normalize::OffsetMap maps piecewise", "[normalize]") {
  text::OffsetMap map;
  CHECK(map.to_original(5) == 0);
  map.add(0, 100);
  map.add(10, 200);
  map.add(20, 210); // implied by the previous anchor: not stored
  CHECK(map.size() == 2);
  CHECK(map.to_original(0) == 100);
  CHECK(map.to_original(9) == 109);
  CHECK(map.to_original(10) == 200);
  CHECK(map.to_original(25) == 215);
  map.add(5, 0); // out of order: ignored
  CHECK(map.to_original(5) == 105);
}

TEST_CASE("normalize::fold gives the comparison form", "[normalize]") {
  using text::fold;
  SECTION("case, whitespace and trimming") {
    CHECK(fold("  The  Fed\tRaised\n Rates ") == "the fed raised rates");
    CHECK(fold("ABC") == fold("abc"));
  }
  SECTION("curly and straight quotes compare equal") {
    CHECK(fold("\u201cWe are hopeful,\u201d she said") == fold("\"We are hopeful,\" she said"));
    CHECK(fold("it\u2019s \u2018fine\u2019") == "it's 'fine'");
    CHECK(fold("\u00abbien\u00bb \u2039x\u203a") == "\"bien\" 'x'");
    CHECK(fold("6\u2032 2\u2033") == "6' 2\"");
  }
  SECTION("dashes and minus become '-'") {
    CHECK(fold("a \u2013 b \u2014 c \u2212 1 \u2010 \u2011 \u2012 \u2015") ==
          "a - b - c - 1 - - - -");
  }
  SECTION("ellipsis becomes three periods") {
    CHECK(fold("wait\u2026") == fold("wait..."));
  }
  SECTION("NFKC and case folding of non-ASCII") {
    CHECK(fold("\ufb01nal") == "final");
    CHECK(fold("\uff21\uff22\uff23") == "abc");
    CHECK(fold("STRASSE") == "strasse");
    CHECK(fold("Stra\u00dfe") == "strasse");
    CHECK(fold("\u00c9T\u00c9") == fold("e\u0301te\u0301"));
    CHECK(fold("non\u00a0breaking\u3000space") == "non breaking space");
    CHECK(fold("soft\u00adhyphen zero\u200bwidth") == "softhyphen zerowidth");
  }
  SECTION("accents are not stripped") {
    CHECK(fold("Jos\u00e9") == "jos\u00e9");
    CHECK(fold("Jos\u00e9") != fold("Jose"));
  }
  SECTION("different words stay different") {
    CHECK(fold("We are hopeful") != fold("We were hopeful"));
  }
  SECTION("invalid UTF-8 is repaired, never dropped") {
    CHECK(fold("ab\xff" "C") == "ab\ufffdc");
  }
}

TEST_CASE("normalize::normalize on the corpus maps words back to the source", "[normalize][corpus]") {
  const auto dir = test::corpus_dir();
  if (!dir) {
    WARN("corpus absent: skipped");
    return;
  }
  int files = 0;
  for (const auto& story : std::filesystem::directory_iterator(*dir)) {
    if (!story.is_directory()) {
      continue;
    }
    for (const auto& file : std::filesystem::directory_iterator(story.path())) {
      if (file.path().extension() != ".txt") {
        continue;
      }
      const std::string bytes = test::read_file(file.path());
      auto decoded = text::decode(bytes, {text::InputFormat::txt, file.path().string(), {}});
      REQUIRE(decoded);
      const auto n = normalize(*decoded);
      INFO(file.path());
      CHECK(n.text.find("  ") == std::string::npos);
      for (const auto& p : n.paragraphs) {
        CHECK(!p.span.empty());
        CHECK(p.span.of(n.text).front() != ' ');
        CHECK(p.span.of(n.text).back() != ' ');
      }
      check_ascii_words_map_back(n, bytes);

      // Re-wrapping every block (spaces become line breaks, indents and
      // trailing blanks; line breaks become spaces) changes nothing.
      text::DecodedText rewrapped = *decoded;
      int k = 0;
      for (Block& b : rewrapped.blocks) {
        std::string t;
        for (const char c : b.text) {
          if (c == ' ' && ++k % 3 == 0) {
            t += k % 2 == 0 ? " \r\n  " : "\n";
          } else if (c == '\n') {
            t += ' ';
          } else {
            t += c;
          }
        }
        b.text = t + " \n";
        b.anchors = {{0, 0}};
      }
      CHECK(normalize(rewrapped).text == n.text);
      ++files;
    }
  }
  CHECK(files > 0);
}
