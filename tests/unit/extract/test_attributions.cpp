// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <storydiff/extract/facts.hpp>
#include <storydiff/text/pipeline.hpp>

#include <test_support.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace {

using storydiff::extract::Fact;
using storydiff::extract::FactKind;

struct Attributions {
  storydiff::text::Document doc;
  std::vector<Fact> facts;
};

Attributions attributions_of(const std::string& input) {
  auto read = storydiff::text::read_document(input);
  REQUIRE(read.has_value());
  Attributions out;
  out.doc = std::move(read->document);
  const auto facts = storydiff::extract::extract_facts(out.doc);
  for (const Fact& fact : facts.facts) {
    if (fact.kind == FactKind::attribution) {
      REQUIRE(fact.span.start < fact.span.end);
      REQUIRE(fact.span.end <= out.doc.text.size());
      REQUIRE(fact.key.rfind("attr:", 0) == 0);
      REQUIRE_FALSE(fact.speaker.empty());
      REQUIRE_FALSE(fact.cue.empty());
      out.facts.push_back(fact);
    }
  }
  return out;
}

// The only attribution of `input`.
Fact single(const std::string& input) {
  const auto a = attributions_of(input);
  REQUIRE(a.facts.size() == 1);
  return a.facts[0];
}

} // namespace

TEST_CASE("extract::extract_attributions reads each attribution form",
          "[extract][attributions]") {
  SECTION("X said") {
    const Fact f = single("A tanker overturned on the highway, spilling diesel, police said.\n");
    CHECK(f.speaker == "police");
    CHECK(f.cue == "said");
    CHECK(f.text == "police said");
    CHECK(f.key == "attr:police|say");
  }
  SECTION("said X") {
    const Fact f = single("The pier will reopen in May, said Mayor Ruth Okafor.\n");
    CHECK(f.speaker == "Mayor Ruth Okafor");
    CHECK(f.text == "said Mayor Ruth Okafor");
  }
  SECTION("X says, present tense, with a country as source") {
    const Fact f = single("Hundreds died in attacks, which Israel says are aimed at the rockets.\n");
    CHECK(f.speaker == "Israel");
    CHECK(f.cue == "says");
  }
  SECTION("according to X") {
    const Fact f = single("The dam will be inspected again, according to the state Department "
                          "of Natural Resources.\n");
    CHECK(f.cue == "according to");
    CHECK(f.speaker.find("Department of Natural Resources") != std::string::npos);
    CHECK(f.text.rfind("according to", 0) == 0);
  }
  SECTION("X told Y") {
    const Fact f = single("The plant will lay off 140 workers, the company told state labor "
                          "officials.\n");
    CHECK(f.speaker == "the company");
    CHECK(f.cue == "told");
    CHECK(f.text == "the company told state labor officials");
    CHECK(f.key == "attr:the company|tell");
  }
  SECTION("X, who ..., said") {
    const Fact f = single("Okafor, who has led the city since 2019, said the budget was "
                          "balanced.\n");
    CHECK(f.speaker == "Okafor");
    CHECK(f.cue == "said");
  }
  SECTION("titles, names with 'of', and adverbs between source and cue") {
    const Fact f = single("The United States Secretary of State Condoleezza Rice also denied "
                          "that an attack was imminent.\n");
    CHECK(f.speaker == "The United States Secretary of State Condoleezza Rice");
    CHECK(f.cue == "denied");
    CHECK(f.key.find("|deny") != std::string::npos);
  }
  SECTION("claimed, confirmed, said in a statement") {
    CHECK(single("Brose claimed the pressure was huge.\n").key == "attr:brose|claim");
    CHECK(single("The ministry confirmed the deaths.\n").key == "attr:the ministry|confirm");
    CHECK(single("The Coast Guard said in a statement that the search was over.\n").speaker ==
          "The Coast Guard");
  }
}

TEST_CASE("extract::extract_attributions keys follow the verb, not its tense",
          "[extract][attributions]") {
  const Fact says = single("A top US commander says the country is not planning an attack.\n");
  const Fact said = single("A top US commander said the country is not planning an attack.\n");
  CHECK(says.key == said.key);
  CHECK(says.speaker == "A top US commander");
  const Fact stated = single("Rice stated that there is no authorization.\n");
  const Fact denied = single("Rice denied that there is an authorization.\n");
  CHECK(stated.key != denied.key);
  CHECK(single("Police said the road was closed.\n").key !=
        single("Officials said the road was closed.\n").key);
}

TEST_CASE("extract::extract_attributions keeps a caption out of the source",
          "[extract][attributions]") {
  SECTION("a place caption run into the name, with an appositive") {
    const Fact f = single("Location of Dunmore within Scotland Tomas Vell, from the harbour "
                          "police, said the ferry left on time.\n");
    CHECK(f.speaker == "Tomas Vell");
    CHECK(f.key == "attr:tomas vell|say");
  }
  SECTION("a place caption run into the name, with \"of the\"") {
    const Fact f = single("Location of Dunmore within Scotland Tomas Vell of the harbour police "
                          "said the ferry left on time.\n");
    CHECK(f.speaker == "Tomas Vell");
    CHECK(f.text == "Tomas Vell of the harbour police said");
  }
  SECTION("a pronoun resolves to the name without the caption") {
    const auto a = attributions_of("Location of Dunmore within Scotland Tomas Vell, from the "
                                   "harbour police, said the ferry left on time. He said the "
                                   "crew was safe.\n");
    REQUIRE(a.facts.size() == 2);
    CHECK(a.facts[1].speaker == "Tomas Vell");
  }
  SECTION("a place that is part of a title or an organization stays") {
    CHECK(single("Scotland Yard said the inquiry was closed.\n").speaker == "Scotland Yard");
    CHECK(single("Kenya Airways said the flight was delayed.\n").speaker == "Kenya Airways");
  }
}

TEST_CASE("extract::extract_attributions skips what is not an attribution",
          "[extract][attributions]") {
  SECTION("passives, hedges and nouns") {
    CHECK(attributions_of("The bridge is said to be the oldest in the state.\n").facts.empty());
    CHECK(attributions_of("The claims were never proven.\n").facts.empty());
    CHECK(attributions_of("The company added 30 jobs last year.\n").facts.empty());
    CHECK(attributions_of("The fighting continued overnight.\n").facts.empty());
  }
  SECTION("cue words inside quoted words") {
    const auto a = attributions_of("\xE2\x80\x9CThey said it was fine,\xE2\x80\x9D the "
                                   "inspector said.\n");
    REQUIRE(a.facts.size() == 1);
    CHECK(a.facts[0].speaker == "the inspector");
  }
  SECTION("an attribution that wraps a quote is also the quote's speaker") {
    const std::string input = "\xE2\x80\x9CWe will rebuild,\xE2\x80\x9D the mayor said.\n";
    const auto a = attributions_of(input);
    REQUIRE(a.facts.size() == 1);
    CHECK(a.facts[0].speaker == "the mayor");
    auto read = storydiff::text::read_document(input);
    REQUIRE(read.has_value());
    const auto facts = storydiff::extract::extract_facts(read->document);
    bool quote_found = false;
    for (const Fact& fact : facts.facts) {
      if (fact.kind == FactKind::quote) {
        quote_found = true;
        CHECK(fact.speaker == a.facts[0].speaker);
      }
    }
    CHECK(quote_found);
  }
  SECTION("weak cues count next to a quote") {
    const auto a = attributions_of("\"It is not over,\" Fallon continued.\n");
    REQUIRE(a.facts.size() == 1);
    CHECK(a.facts[0].key == "attr:fallon|continue");
  }
}

TEST_CASE("extract::extract_attributions runs over the corpus",
          "[extract][attributions][corpus]") {
  const auto corpus = storydiff::test::corpus_dir();
  if (!corpus) {
    WARN("corpus absent: skipped");
    return;
  }
  std::size_t found = 0;
  for (const auto& story : std::filesystem::directory_iterator(*corpus)) {
    if (!story.is_directory()) {
      continue;
    }
    for (const auto& file : std::filesystem::directory_iterator(story.path())) {
      const std::string name = file.path().filename().string();
      if (name == "SOURCE.md" || name == "README.md") {
        continue;
      }
      found += attributions_of(storydiff::test::read_file(file.path())).facts.size();
    }
  }
  CHECK(found > 0);
}
