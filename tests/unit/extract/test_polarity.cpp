// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <storydiff/extract/facts.hpp>
#include <storydiff/text/pipeline.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using storydiff::extract::Fact;
using storydiff::extract::FactKind;

std::vector<Fact> facts_of(const std::string& text, FactKind kind) {
  storydiff::text::PipelineOptions options;
  options.decode.format = storydiff::text::InputFormat::txt;
  auto result = storydiff::text::read_document(text, options);
  REQUIRE(result);
  std::vector<Fact> out;
  for (Fact& fact : storydiff::extract::extract_facts(result->document).facts) {
    if (fact.kind == kind) {
      out.push_back(std::move(fact));
    }
  }
  return out;
}

std::vector<std::string> keys(const std::string& text, FactKind kind) {
  std::vector<std::string> out;
  for (const Fact& fact : facts_of(text, kind)) {
    out.push_back(fact.key);
  }
  return out;
}

using Keys = std::vector<std::string>;

} // namespace

TEST_CASE("extract::polarity finds hedges under a canonical key", "[extract]") {
  SECTION("alleged, allegedly and is alleged to are one hedge") {
    CHECK(keys("He allegedly stole a plow.", FactKind::hedge) == Keys{"hedge:alleged"});
    CHECK(keys("He is alleged to have stolen a plow.", FactKind::hedge) ==
          Keys{"hedge:alleged"});
    CHECK(keys("The alleged thief ran.", FactKind::hedge) == Keys{"hedge:alleged"});
    const auto f = facts_of("He is alleged to have stolen a plow.", FactKind::hedge);
    REQUIRE(f.size() == 1);
    CHECK(f[0].text == "is alleged to");
  }
  SECTION("belief, appearance, report and modal hedges") {
    const auto f = facts_of("The fire is believed to have started in a fan.", FactKind::hedge);
    REQUIRE(f.size() == 1);
    CHECK(f[0].text == "is believed to");
    CHECK(f[0].key == "hedge:believed");
    CHECK(keys("Hiring appears to have picked up.", FactKind::hedge) == Keys{"hedge:appears"});
    CHECK(keys("She reportedly left.", FactKind::hedge) == Keys{"hedge:reportedly"});
    CHECK(keys("It may rain and it might snow.", FactKind::hedge) ==
          Keys{"hedge:may", "hedge:may"});
    CHECK(keys("The suspected gunman fled.", FactKind::hedge) == Keys{"hedge:suspected"});
  }
  SECTION("not hedges") {
    CHECK(keys("Police believed the man and said so.", FactKind::hedge).empty());
    CHECK(keys("May was a busy month.", FactKind::hedge).empty());
    CHECK(keys("The fire started in a fan.", FactKind::hedge).empty());
  }
  SECTION("number qualifiers, with synonyms sharing a key") {
    const auto f = facts_of("At least 15 people died and about 200 fled.", FactKind::hedge);
    REQUIRE(f.size() == 2);
    CHECK(f[0].text == "At least");
    CHECK(f[0].key == "hedge:at least");
    CHECK(f[1].key == "hedge:about");
    CHECK(keys("Approximately 200 fled.", FactKind::hedge) == Keys{"hedge:about"});
    CHECK(keys("More than a dozen fled.", FactKind::hedge) == Keys{"hedge:more than"});
    CHECK(keys("Up to three people fled.", FactKind::hedge) == Keys{"hedge:up to"});
  }
  SECTION("qualifier words without a number are not hedges") {
    CHECK(keys("At least for now, the talk was about roads.", FactKind::hedge).empty());
  }
}

TEST_CASE("extract::polarity keys negations by the negated head", "[extract]") {
  SECTION("auxiliary + not + verb") {
    const auto f = facts_of("Gov. Lorraine Betts will not attend the reopening.",
                            FactKind::negation);
    REQUIRE(f.size() == 1);
    CHECK(f[0].key == "neg:attend");
    CHECK(f[0].text == "will not attend");
  }
  SECTION("auxiliaries between the negator and the head are skipped") {
    const auto f = facts_of("The driver has not been charged.", FactKind::negation);
    REQUIRE(f.size() == 1);
    CHECK(f[0].key == "neg:charged");
    CHECK(f[0].text == "has not been charged");
    CHECK(keys("The ship is not normally used here.", FactKind::negation) ==
          Keys{"neg:used"});
  }
  SECTION("contractions and other negators") {
    CHECK(keys("She didn't attend.", FactKind::negation) == Keys{"neg:attend"});
    CHECK(keys("She didn’t attend.", FactKind::negation) == Keys{"neg:attend"});
    CHECK(keys("He never returned.", FactKind::negation) == Keys{"neg:returned"});
    CHECK(keys("He no longer lives there.", FactKind::negation) == Keys{"neg:lives"});
    CHECK(keys("No injuries were reported.", FactKind::negation) == Keys{"neg:injuries"});
    CHECK(keys("The mayor refused to comment.", FactKind::negation) == Keys{"neg:comment"});
    CHECK(keys("He left without paying.", FactKind::negation) == Keys{"neg:paying"});
  }
  SECTION("moving a negation to another verb changes the key") {
    CHECK(keys("He did not sign the bill.", FactKind::negation) !=
          keys("He did not veto the bill.", FactKind::negation));
  }
  SECTION("not negations") {
    CHECK(keys("She will attend.", FactKind::negation).empty());
    CHECK(keys("Not only roads but bridges closed.", FactKind::negation).empty());
    CHECK(keys("He lives at No. 5 Elm Street.", FactKind::negation).empty());
    CHECK(keys("The mayor denied the report.", FactKind::negation).empty());
    CHECK(keys("No more than 20 came.", FactKind::negation).empty());
  }
}

TEST_CASE("extract::corrections finds notices and keys them by their text", "[extract]") {
  SECTION("a labelled notice takes its whole paragraph") {
    const std::string text =
        "The tower will be painted.\n\n"
        "Correction: An earlier version misstated the cost. It is $460,000.";
    const auto f = facts_of(text, FactKind::correction);
    REQUIRE(f.size() == 1);
    // Fact::text is the span's bytes: the canonical text puts each sentence on its own line.
    CHECK(f[0].text == "Correction: An earlier version misstated the cost.\nIt is $460,000.");
    CHECK(f[0].sentence == 1);
    CHECK(f[0].last_sentence == 2);
    CHECK(f[0].key.rfind("corr:", 0) == 0);
  }
  SECTION("stock phrases, editor's notes and updates") {
    CHECK(facts_of("This story has been updated to add a quote.", FactKind::correction).size() ==
          1);
    CHECK(facts_of("An earlier version of this story gave the wrong date.",
                   FactKind::correction)
              .size() == 1);
    CHECK(facts_of("Editor’s note: Names were changed.", FactKind::correction).size() == 1);
    CHECK(facts_of("Update: The road has reopened.", FactKind::correction).size() == 1);
    CHECK(facts_of("This is a developing story.", FactKind::correction).size() == 1);
  }
  SECTION("an edited notice is a new one") {
    CHECK(keys("Correction: The cost was misstated.", FactKind::correction) !=
          keys("Correction: The date was misstated.", FactKind::correction));
  }
  SECTION("not notices") {
    CHECK(facts_of("The correction came on Monday.", FactKind::correction).empty());
    CHECK(facts_of("Updates to the plan were approved.", FactKind::correction).empty());
    CHECK(facts_of("He said an update: was due.", FactKind::correction).empty());
  }
}
