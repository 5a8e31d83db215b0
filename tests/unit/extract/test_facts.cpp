// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <storydiff/extract/facts.hpp>
#include <storydiff/text/pipeline.hpp>

#include <filesystem>
#include <string>

using namespace storydiff;
using extract::Fact;

namespace {

void check_same_facts(const extract::DocumentFacts& got, const extract::DocumentFacts& want) {
  REQUIRE(got.facts.size() == want.facts.size());
  for (std::size_t i = 0; i < want.facts.size(); ++i) {
    const Fact& a = got.facts[i];
    const Fact& b = want.facts[i];
    INFO("fact " << i << ": " << b.key);
    CHECK(a.kind == b.kind);
    CHECK(a.sentence == b.sentence);
    CHECK(a.last_sentence == b.last_sentence);
    CHECK(a.span == b.span);
    CHECK(a.text == b.text);
    CHECK(a.key == b.key);
    CHECK(a.value == b.value);
    CHECK(a.unit == b.unit);
    CHECK(a.qualifier == b.qualifier);
    CHECK(a.precision == b.precision);
    CHECK(a.entity_type == b.entity_type);
    CHECK(a.speaker == b.speaker);
    CHECK(a.cue == b.cue);
  }
  CHECK(got.by_sentence == want.by_sentence);
}

extract::DocumentFacts extract_with(const text::Document& doc, bool parallel) {
  extract::ExtractOptions options;
  options.parallel = parallel;
  options.parallel_min_bytes = 0;
  return extract::extract_facts(doc, options);
}

} // namespace

TEST_CASE("extract::extract_facts gives the same facts on one thread or two", "[extract]") {
  SECTION("a story with every kind of fact") {
    std::string story = "Correction: an earlier version misstated the toll.\n\n";
    for (int i = 0; i < 40; ++i) {
      story += "At least " + std::to_string(i + 2) + " people died on Monday, police said. ";
      story += "\"We are not giving up,\" said Mayor Ruth Okafor, who allegedly visited Westbury "
               "at 5 p.m. on March " + std::to_string(i % 28 + 1) + ".\n\n";
    }
    auto read = text::read_document(story);
    REQUIRE(read);
    const text::Document& doc = read->document;
    const extract::DocumentFacts serial = extract_with(doc, false);
    const extract::DocumentFacts parallel = extract_with(doc, true);
    CHECK(serial.facts.size() > 400);
    check_same_facts(parallel, serial);
  }
  SECTION("every revision of the corpus") {
    const auto corpus = test::corpus_dir();
    if (!corpus) {
      WARN("corpus absent: skipped");
      return;
    }
    std::size_t files = 0;
    for (const std::filesystem::path& file : test::corpus_revision_files(*corpus)) {
      INFO(file.string());
      text::PipelineOptions options;
      options.decode.name = file.filename().string();
      auto read = text::read_document(test::read_file(file), options);
      REQUIRE(read);
      check_same_facts(extract_with(read->document, true), extract_with(read->document, false));
      ++files;
    }
    CHECK(files > 50);
  }
}
