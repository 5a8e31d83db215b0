// SPDX-License-Identifier: MIT
#pragma once

// Helpers shared by the extractor tests: run a text through the whole
// pipeline and pick out the facts of one kind. Include after Catch2.
#include <storydiff/extract/facts.hpp>
#include <storydiff/text/pipeline.hpp>

#include <string_view>
#include <vector>

namespace storydiff::test {

// The facts of `kind` in `text`; checks that each fact's text is its span.
inline std::vector<extract::Fact> facts_of_kind(std::string_view text, extract::FactKind kind) {
  auto read = text::read_document(text);
  REQUIRE(read);
  std::vector<extract::Fact> out;
  for (const extract::Fact& f : extract::extract_facts(read->document).facts) {
    if (f.kind == kind) {
      CHECK(f.span.of(read->document.text) == f.text);
      out.push_back(f);
    }
  }
  return out;
}

// The one fact of `kind` in `text` whose text is `span_text`; fails the test
// (listing what was found) when there is none or more than one.
inline extract::Fact the_fact(std::string_view text, extract::FactKind kind,
                              std::string_view span_text) {
  const std::vector<extract::Fact> facts = facts_of_kind(text, kind);
  const extract::Fact* found = nullptr;
  for (const extract::Fact& f : facts) {
    if (f.text == span_text) {
      REQUIRE(found == nullptr);
      found = &f;
    }
  }
  INFO("text: " << text << "\nwanted: " << span_text);
  for (const extract::Fact& f : facts) {
    UNSCOPED_INFO("got: [" << f.text << "] " << f.key);
  }
  REQUIRE(found != nullptr);
  return *found;
}

} // namespace storydiff::test
