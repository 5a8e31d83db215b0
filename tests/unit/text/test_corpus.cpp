// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <storydiff/text/pipeline.hpp>
#include <storydiff/text/segment.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using namespace storydiff;
namespace fs = std::filesystem;

namespace {

text::Document read(const fs::path& path, const std::string& bytes) {
  text::PipelineOptions options;
  options.decode.name = path.filename().string();
  auto result = text::read_document(bytes, options);
  REQUIRE(result);
  return std::move(result)->document;
}

// The word a sentence ends with ("Dr." in "... by Dr.").
std::string_view last_word(std::string_view sentence) {
  const std::size_t space = sentence.find_last_of(" (“\"");
  return space == std::string_view::npos ? sentence : sentence.substr(space + 1);
}

// Titles and the like after which a sentence never ends.
constexpr std::array<std::string_view, 22> k_never_final{
    "Dr.", "Mr.", "Mrs.", "Ms.", "St.", "Gen.", "Gov.", "Sen.", "Rep.", "Lt.", "Col.",
    "Sgt.", "Capt.", "Prof.", "Rev.", "Det.", "Insp.", "Mt.", "vs.", "approx.", "e.g.", "i.e.",
};
constexpr std::array<std::string_view, 12> k_months{
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
};

// One paragraph's words re-wrapped at `width` columns (0 = one line).
std::string wrap(const std::vector<std::string>& words, std::size_t width) {
  std::string out;
  std::size_t column = 0;
  for (const std::string& word : words) {
    if (column > 0 && width > 0 && column + 1 + word.size() > width) {
      out += '\n';
      column = 0;
    } else if (column > 0) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
  }
  return out;
}

// The paragraphs (runs of non-blank lines) of a plain-text file, as words.
std::vector<std::vector<std::string>> paragraphs_of(const std::string& bytes) {
  std::vector<std::vector<std::string>> out;
  std::istringstream lines(bytes);
  std::string line;
  bool in_paragraph = false;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string word;
    bool any = false;
    while (words >> word) {
      if (!in_paragraph) {
        out.emplace_back();
        in_paragraph = true;
      }
      out.back().push_back(word);
      any = true;
    }
    if (!any) {
      in_paragraph = false;
    }
  }
  return out;
}

} // namespace

TEST_CASE("text::segment holds its invariants on every corpus revision", "[segment][corpus]") {
  const auto corpus = test::corpus_dir();
  if (!corpus) {
    WARN("shared corpus absent: skipped");
    return;
  }
  const auto files = test::corpus_revision_files(*corpus);
  REQUIRE_FALSE(files.empty());
  for (const fs::path& path : files) {
    SECTION(path.parent_path().filename().string() + "/" + path.filename().string()) {
      const std::string bytes = test::read_file(path);
      const text::Document doc = read(path, bytes);
      CHECK_FALSE(doc.sentences.empty());
      std::size_t position = 0;
      for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
        const text::Sentence& s = doc.sentences[i];
        const std::string_view sentence = doc.sentence_text(i);
        INFO("sentence " << i << ": " << sentence);
        REQUIRE_FALSE(s.span.empty());
        // Only "\n" (or "\n\n" between paragraphs) lies between sentences.
        const std::string_view gap = std::string_view(doc.text).substr(position, s.span.start - position);
        CHECK(gap.find_first_not_of('\n') == std::string_view::npos);
        CHECK(gap.size() == (i == 0 ? 0 : (s.paragraph == doc.sentences[i - 1].paragraph ? 1 : 2)));
        CHECK(sentence.find('\n') == std::string_view::npos);
        position = s.span.end;
        // A sentence followed by another in its paragraph never ends on a title,
        // nor on a month abbreviation whose day starts the next sentence.
        if (i + 1 < doc.sentences.size() && doc.sentences[i + 1].paragraph == s.paragraph) {
          const std::string_view word = last_word(sentence);
          CHECK(std::find(k_never_final.begin(), k_never_final.end(), word) == k_never_final.end());
          const std::string_view next = doc.sentence_text(i + 1);
          if (std::find(k_months.begin(), k_months.end(), word) != k_months.end()) {
            CHECK_FALSE((next.front() >= '0' && next.front() <= '9'));
          }
          if (word == "No.") {
            CHECK_FALSE((next.front() >= '0' && next.front() <= '9'));
          }
        }
      }
      CHECK(std::string_view(doc.text).substr(position) == "\n");

      const text::Document back = text::parse_canonical(doc.text);
      CHECK(back.text == doc.text);
      REQUIRE(back.sentences.size() == doc.sentences.size());
      for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
        CHECK(back.sentences[i].span == doc.sentences[i].span);
        CHECK(back.sentences[i].paragraph == doc.sentences[i].paragraph);
      }
      REQUIRE(back.paragraphs.size() == doc.paragraphs.size());
      for (std::size_t i = 0; i < doc.paragraphs.size(); ++i) {
        CHECK(back.paragraphs[i].span == doc.paragraphs[i].span);
      }
      CHECK(back.tokens == doc.tokens);
    }
  }
}

TEST_CASE("text::segment gives the same sentences for re-wrapped FOMC statements", "[segment][corpus]") {
  const auto corpus = test::corpus_dir();
  if (!corpus) {
    WARN("shared corpus absent: skipped");
    return;
  }
  const auto files = test::corpus_revision_files(*corpus, "fomc-statements-");
  REQUIRE_FALSE(files.empty());
  for (const fs::path& path : files) {
    SECTION(path.parent_path().filename().string() + "/" + path.filename().string()) {
      const auto paragraphs = paragraphs_of(test::read_file(path));
      REQUIRE_FALSE(paragraphs.empty());
      std::string baseline;
      for (const std::size_t width : std::array<std::size_t, 4>{0, 40, 72, 1}) {
        std::string rewrapped;
        for (const auto& words : paragraphs) {
          rewrapped += wrap(words, width);
          rewrapped += "\n\n";
        }
        const text::Document doc = read(path, rewrapped);
        INFO("width " << width);
        if (width == 0) {
          baseline = doc.text;
          CHECK(doc.sentences.size() >= paragraphs.size());
        } else {
          CHECK(doc.text == baseline);
        }
      }
    }
  }
}
