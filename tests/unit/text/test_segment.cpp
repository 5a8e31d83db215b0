// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <storydiff/text/pipeline.hpp>
#include <storydiff/text/segment.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace storydiff;
using text::BlockKind;

namespace {

// A NormalizedText made by hand (so these tests do not depend on normalize()):
// paragraphs joined by "\n\n"; paragraph i's source starts at 1000 * (i + 1).
text::NormalizedText normalized_of(const std::vector<std::pair<BlockKind, std::string>>& paragraphs) {
  text::NormalizedText out;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    if (!out.text.empty()) {
      out.text += "\n\n";
    }
    const auto start = static_cast<std::uint32_t>(out.text.size());
    out.source_map.add(start, static_cast<std::uint32_t>(1000 * (i + 1)));
    out.text += paragraphs[i].second;
    out.paragraphs.push_back({paragraphs[i].first, {start, static_cast<std::uint32_t>(out.text.size())}});
  }
  return out;
}

text::Document segment_paragraph(const std::string& paragraph, const text::SegmentOptions& options = {}) {
  return text::segment(normalized_of({{BlockKind::paragraph, paragraph}}), options);
}

std::vector<std::string> sentences_of(const text::Document& doc) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    out.emplace_back(doc.sentence_text(i));
  }
  return out;
}

std::vector<std::string> split(const std::string& paragraph) { return sentences_of(segment_paragraph(paragraph)); }

// The invariants every segmented Document must hold.
void check_document_invariants(const text::Document& doc) {
  if (doc.sentences.empty()) {
    CHECK(doc.text.empty());
    return;
  }
  REQUIRE(doc.text.size() >= 1);
  CHECK(doc.text.back() == '\n');
  std::uint32_t expected_token = 0;
  std::uint32_t previous_end = 0;
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    const text::Sentence& s = doc.sentences[i];
    INFO("sentence " << i << ": " << doc.sentence_text(i));
    CHECK_FALSE(s.span.empty());
    REQUIRE(s.span.end <= doc.text.size());
    const std::string_view body = doc.sentence_text(i);
    CHECK(body.find('\n') == std::string_view::npos);
    CHECK(body.front() != ' ');
    CHECK(body.back() != ' ');
    // Between two sentences: "\n", or "\n\n" at a paragraph change.
    const std::string_view gap = std::string_view(doc.text).substr(previous_end, s.span.start - previous_end);
    if (i == 0) {
      CHECK(gap.empty());
    } else if (s.paragraph == doc.sentences[i - 1].paragraph) {
      CHECK(gap == "\n");
    } else {
      CHECK(s.paragraph == doc.sentences[i - 1].paragraph + 1);
      CHECK(gap == "\n\n");
    }
    REQUIRE(s.paragraph < doc.paragraphs.size());
    const core::Span para = doc.paragraphs[s.paragraph].span;
    CHECK(para.start <= s.span.start);
    CHECK(s.span.end <= para.end);
    CHECK(s.first_token == expected_token);
    for (std::uint32_t t = s.first_token; t < s.first_token + s.token_count; ++t) {
      REQUIRE(t < doc.tokens.size());
      CHECK(s.span.start <= doc.tokens[t].span.start);
      CHECK(doc.tokens[t].span.end <= s.span.end);
    }
    expected_token += s.token_count;
    previous_end = s.span.end;
  }
  CHECK(expected_token == doc.tokens.size());
  CHECK(std::string_view(doc.text).substr(previous_end) == "\n");
}

void check_round_trip(const text::Document& doc) {
  const text::Document back = text::parse_canonical(doc.text);
  CHECK(back.text == doc.text);
  REQUIRE(back.sentences.size() == doc.sentences.size());
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    CHECK(back.sentences[i].span == doc.sentences[i].span);
    CHECK(back.sentences[i].paragraph == doc.sentences[i].paragraph);
    CHECK(back.sentences[i].first_token == doc.sentences[i].first_token);
    CHECK(back.sentences[i].token_count == doc.sentences[i].token_count);
  }
  REQUIRE(back.paragraphs.size() == doc.paragraphs.size());
  for (std::size_t i = 0; i < doc.paragraphs.size(); ++i) {
    CHECK(back.paragraphs[i].span == doc.paragraphs[i].span);
  }
  CHECK(back.tokens == doc.tokens);
}

} // namespace

TEST_CASE("text::segment keeps abbreviations, initials and numbers inside a sentence", "[segment]") {
  // Each of these is one sentence: no break may fall inside it.
  const std::vector<std::string> cases = {
      "Officials in the U.S. Department of State confirmed the visit.",
      "The U.K. Foreign Office issued new advice on Friday.",
      "Observers from the U.N. Security Council arrived on Monday.",
      "The envoy arrived on Dec. 2 after a long delay.",
      "The deadline passed on Nov. 30 without a deal.",
      "The vote was held on Feb. 11 in the capital.",
      "Talks resumed on Sept. 14 and again on Oct. 3 at the mission.",
      "The session is set for 5 p.m. local time at the courthouse.",
      "Crews were called at 6 a.m. Tuesday to the bridge.",
      "The flooding reached St. Louis late on Sunday.",
      "ST. LOUIS (Wire) — The river crested overnight.",
      "PORT HALLEY, Ore. (Wire) — A section of the bridge fell.",
      "SACRAMENTO, Calif. — Officials in Wash. and Ariz. said the same.",
      "Dr. Alvarez said the clinic would stay open.",
      "Mr. Hale and Mrs. Hale met Ms. Chen at the door.",
      "Gov. Chen, Sen. Park and Rep. Diaz toured the levee.",
      "Gen. Diaz, Lt. Col. Okafor, Sgt. Lee and Capt. Moss led the convoy.",
      "Prof. Whitaker and Rev. Whitfield spoke before Det. Ruiz and Insp. Shaw.",
      "Marcus Hale Jr. arrived before James Whitfield Sr. left.",
      "The No. 10 pumping station failed overnight.",
      "Acme Pumps Inc. and Delta Corp. bid against Harbor Ltd. and Reed Co. for the work.",
      "It was the river vs. the city, approx. 40 miles of levee.",
      "Climbers on Mt. Hood and residents of Grand Ave. were told to wait.",
      "Mayor Anna K. Berg spoke first.",
      "The book by J. R. R. Tolkien was on the shelf.",
      "The water rose 3.5 feet in two hours.",
      "The maps are in ch. 3 and fig. 2 of the report.",
      "The engineers met at 10 a.m. 30 minutes after the alarm.",
      "“We waited… and waited,” she said.",
      "“We kept waiting for the boats... Nobody came until morning,” he said.",
      "“We will rebuild. We will not leave,” the mayor said.",
      "“We will rebuild. We will not leave,” Mayor Berg told reporters.",
      "“Is anyone there? Can you hear us?” the rescuers shouted.",
      "“Get out now!” she yelled at the crowd.",
      "\"We will rebuild. We will not leave,\" the mayor said.",
      "“This is the worst flooding since the 1980s,” said Gen. Diaz, “and it is not over.”",
  };
  for (const std::string& sentence : cases) {
    SECTION(sentence) {
      const auto got = split(sentence);
      CHECK(got == std::vector<std::string>{sentence});
    }
  }
}

TEST_CASE("text::segment breaks after an abbreviation that ends a sentence", "[segment]") {
  using Sentences = std::vector<std::string>;
  SECTION("p.m. then The") {
    CHECK(split("The talks ended at 5 p.m. The delegates left.") ==
          Sentences{"The talks ended at 5 p.m.", "The delegates left."});
  }
  SECTION("a.m. then He") {
    CHECK(split("He arrived at 6 a.m. He left at noon.") == Sentences{"He arrived at 6 a.m.", "He left at noon."});
  }
  SECTION("U.S. then It") {
    CHECK(split("It is the largest request in the U.S. It would pay for pumps.") ==
          Sentences{"It is the largest request in the U.S.", "It would pay for pumps."});
  }
  SECTION("U.K. then However") {
    CHECK(split("The advice came from the U.K. However, nobody left.") ==
          Sentences{"The advice came from the U.K.", "However, nobody left."});
  }
  SECTION("Inc. then The") {
    CHECK(split("The pumps were made by Acme Pumps Inc. The company declined to comment.") ==
          Sentences{"The pumps were made by Acme Pumps Inc.", "The company declined to comment."});
  }
  SECTION("Jr. then She") {
    CHECK(split("She met Marcus Hale Jr. She did not say why.") ==
          Sentences{"She met Marcus Hale Jr.", "She did not say why."});
  }
  SECTION("Ltd. then a quote opener") {
    CHECK(split("The contract went to Harbor Ltd. “We are ready,” its chief said.") ==
          Sentences{"The contract went to Harbor Ltd.", "“We are ready,” its chief said."});
  }
  SECTION("p.m. then a quote opener") {
    CHECK(split("The levee broke at 11 p.m. “It was sudden,” he said.") ==
          Sentences{"The levee broke at 11 p.m.", "“It was sudden,” he said."});
  }
  SECTION("etc. then They (a break ICU suppresses)") {
    CHECK(split("They brought pumps, boats, etc. They worked all night.") ==
          Sentences{"They brought pumps, boats, etc.", "They worked all night."});
  }
  SECTION("a month without a number then It") {
    CHECK(split("It happened in Dec. It was cold.") == Sentences{"It happened in Dec.", "It was cold."});
  }
  SECTION("an initial then a sentence starter") {
    CHECK(split("The plan was called Plan B. The city rejected it.") ==
          Sentences{"The plan was called Plan B.", "The city rejected it."});
  }
  SECTION("No. as a word") {
    CHECK(split("The answer was No. We left.") == Sentences{"The answer was No.", "We left."});
  }
  SECTION("a word, a period, then a figure") {
    CHECK(split("The blaze destroyed a barn. 30 homes were saved.") ==
          Sentences{"The blaze destroyed a barn.", "30 homes were saved."});
  }
  SECTION("a closing quote after a spaced full stop stays with its sentence") {
    CHECK(split("He said \"we are doing all we can . \" The next day it rained.") ==
          Sentences{"He said \"we are doing all we can . \"", "The next day it rained."});
  }
  SECTION("ordinary sentence ends") {
    CHECK(split("The river rose. Where will it go? Nobody knows! It rained.") ==
          Sentences{"The river rose.", "Where will it go?", "Nobody knows!", "It rained."});
  }
  SECTION("a closed quote ending a sentence") {
    CHECK(split("“We will rebuild.” The mayor left. “We will not leave.” She said it twice.") ==
          Sentences{"“We will rebuild.”", "The mayor left.", "“We will not leave.”", "She said it twice."});
  }
  SECTION("a quote with its own sentences, closed with a full stop") {
    CHECK(split("“We will rebuild. We will not leave.” The crowd cheered.") ==
          Sentences{"“We will rebuild.", "We will not leave.”", "The crowd cheered."});
  }
  SECTION("titles never end a sentence, even before a sentence starter") {
    CHECK(split("He thanked Dr. The Hon. Member.") == Sentences{"He thanked Dr. The Hon. Member."});
  }
}

TEST_CASE("text::segment keeps headings and list items whole", "[segment]") {
  const text::Document doc = text::segment(normalized_of({
      {BlockKind::heading, "Update 3. Talks resume. What next?"},
      {BlockKind::paragraph, "The talks resumed. They ended late."},
      {BlockKind::list_item, "Bring water. Bring food."},
      {BlockKind::list_item, "Stay indoors."},
  }));
  CHECK(sentences_of(doc) == std::vector<std::string>{"Update 3. Talks resume. What next?", "The talks resumed.",
                                                      "They ended late.", "Bring water. Bring food.",
                                                      "Stay indoors."});
  REQUIRE(doc.paragraphs.size() == 4);
  CHECK(doc.paragraphs[0].kind == BlockKind::heading);
  CHECK(doc.paragraphs[1].kind == BlockKind::paragraph);
  CHECK(doc.paragraphs[2].kind == BlockKind::list_item);
  CHECK(doc.paragraphs[3].kind == BlockKind::list_item);
  check_document_invariants(doc);
}

TEST_CASE("text::segment writes the canonical text", "[segment]") {
  SECTION("sentences on lines, a blank line between paragraphs, one final newline") {
    const text::Document doc = text::segment(normalized_of({
        {BlockKind::paragraph, "The river rose. It rained."},
        {BlockKind::paragraph, "Crews worked all night."},
    }));
    CHECK(doc.text == "The river rose.\nIt rained.\n\nCrews worked all night.\n");
    REQUIRE(doc.paragraphs.size() == 2);
    CHECK(doc.paragraphs[0].span.of(doc.text) == "The river rose.\nIt rained.");
    CHECK(doc.paragraphs[1].span.of(doc.text) == "Crews worked all night.");
    check_document_invariants(doc);
  }
  SECTION("empty input gives empty text") {
    const text::Document doc = text::segment(text::NormalizedText{});
    CHECK(doc.text.empty());
    CHECK(doc.sentences.empty());
    CHECK(doc.paragraphs.empty());
    CHECK(doc.tokens.empty());
  }
  SECTION("a break without a space gets a newline inserted") {
    const text::Document doc = segment_paragraph("Where will it go?Nobody knows.");
    CHECK(doc.text == "Where will it go?\nNobody knows.\n");
    check_document_invariants(doc);
  }
  SECTION("an unspaced opening quote goes with the next sentence") {
    const text::Document doc = segment_paragraph("He left.“Now,” she said.");
    CHECK(doc.text == "He left.\n“Now,” she said.\n");
    check_document_invariants(doc);
  }
  SECTION("a paragraph without sentence terminals is one sentence") {
    const text::Document doc = segment_paragraph("Flood talks resume as river nears crest");
    CHECK(doc.text == "Flood talks resume as river nears crest\n");
  }
}

TEST_CASE("text::segment fills spans and token indices consistently", "[segment]") {
  const text::Document doc = text::segment(normalized_of({
      {BlockKind::heading, "Flood update"},
      {BlockKind::paragraph, "Dr. Alvarez said 3.5 feet of water remained. Crews rescued a 10-year-old boy "
                             "at 00:26. “We will rebuild,” she said."},
      {BlockKind::paragraph, "The aid request is $30 million. It covers 55% of costs."},
  }));
  REQUIRE(doc.sentences.size() == 6);
  check_document_invariants(doc);
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    CHECK(doc.sentences[i].token_count > 0);
  }
  // Token text comes from the document text at its own offsets.
  REQUIRE(doc.sentences[1].token_count > 0);
  CHECK(doc.token_text(doc.sentences[1].first_token).starts_with("Dr"));
}

TEST_CASE("text::segment composes the source map", "[segment]") {
  SECTION("offsets map through the normalized map") {
    const text::Document doc = text::segment(normalized_of({
        {BlockKind::paragraph, "One two. Three four."},
        {BlockKind::paragraph, "Five six."},
    }));
    REQUIRE(doc.text == "One two.\nThree four.\n\nFive six.\n");
    CHECK(doc.source_map.to_original(0) == 1000);
    CHECK(doc.source_map.to_original(9) == 1009);  // "Three"
    CHECK(doc.source_map.to_original(15) == 1015); // "four"
    CHECK(doc.source_map.to_original(22) == 2000); // "Five"
    CHECK(doc.source_map.to_original(27) == 2005); // "six"
  }
  SECTION("offsets after an inserted newline still map to their source") {
    const text::Document doc = segment_paragraph("Rain fell!The end came.");
    REQUIRE(doc.text == "Rain fell!\nThe end came.\n");
    CHECK(doc.source_map.to_original(0) == 1000);
    CHECK(doc.source_map.to_original(11) == 1010); // "The"
    CHECK(doc.source_map.to_original(15) == 1014); // "end"
  }
  SECTION("anchors inside a sentence are kept") {
    text::NormalizedText normalized = normalized_of({{BlockKind::paragraph, "Rain fell!The end came."}});
    text::NormalizedText with_anchor;
    with_anchor.text = normalized.text;
    with_anchor.paragraphs = normalized.paragraphs;
    with_anchor.source_map.add(0, 1000);
    with_anchor.source_map.add(14, 1500); // "end" came from far away
    const text::Document doc = text::segment(with_anchor);
    REQUIRE(doc.text == "Rain fell!\nThe end came.\n");
    CHECK(doc.source_map.to_original(12) == 1011); // "he"
    CHECK(doc.source_map.to_original(15) == 1500); // "end"
    CHECK(doc.source_map.to_original(19) == 1504); // "came"
  }
}

TEST_CASE("text::segment honours extra abbreviations", "[segment]") {
  const std::string paragraph = "The motion was moved by Cllr. Jones and passed.";
  CHECK(split(paragraph).size() == 2);
  text::SegmentOptions options;
  options.extra_abbreviations = {"Cllr."};
  CHECK(sentences_of(segment_paragraph(paragraph, options)) == std::vector<std::string>{paragraph});
}

TEST_CASE("text::parse_canonical reads back what segment wrote", "[segment]") {
  SECTION("hand-made paragraphs") {
    const text::Document doc = text::segment(normalized_of({
        {BlockKind::heading, "Flood update"},
        {BlockKind::paragraph, "The talks ended at 5 p.m. The delegates left. “We will rebuild. "
                               "We will not leave,” the mayor said."},
        {BlockKind::list_item, "Bring water."},
    }));
    check_round_trip(doc);
  }
  SECTION("blank lines and a missing final newline") {
    const text::Document doc = text::parse_canonical("One.\nTwo.\n\nThree.");
    CHECK(sentences_of(doc) == std::vector<std::string>{"One.", "Two.", "Three."});
    REQUIRE(doc.paragraphs.size() == 2);
    CHECK(doc.sentences[2].paragraph == 1);
  }
  SECTION("empty text") {
    const text::Document doc = text::parse_canonical("");
    CHECK(doc.sentences.empty());
    CHECK(doc.paragraphs.empty());
  }
}

TEST_CASE("text::read_document segments the wire-story fixture", "[segment][fixture]") {
  const auto dir = test::source_dir() / "fixtures" / "segment";
  const std::string input = test::read_file(dir / "wire-story.txt");
  const std::string expected = test::read_file(dir / "wire-story.expected");
  text::PipelineOptions options;
  options.decode.name = "wire-story.txt";
  auto result = text::read_document(input, options);
  REQUIRE(result);
  const text::Document& doc = result->document;
  CHECK(doc.text == expected);
  check_document_invariants(doc);
  check_round_trip(doc);
}
