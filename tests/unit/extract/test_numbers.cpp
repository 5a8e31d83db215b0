// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "test_support.hpp"

#include "fact_helpers.hpp"

#include <storydiff/extract/facts.hpp>
#include <storydiff/text/pipeline.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using namespace storydiff;
using extract::Fact;
using extract::FactKind;

namespace {

std::vector<Fact> numbers_of(std::string_view text) {
  return test::facts_of_kind(text, FactKind::number);
}

Fact number(std::string_view text, std::string_view span_text) {
  return test::the_fact(text, FactKind::number, span_text);
}

std::string key_of(std::string_view text, std::string_view span_text) {
  return number(text, span_text).key;
}

} // namespace

TEST_CASE("extract::extract_numbers reads digits, money, percent and ages", "[extract]") {
  SECTION("a count with its noun") {
    const Fact f = number("The fire forced 340 people from their homes.", "340 people");
    CHECK(f.key == "num:340|people");
    CHECK(f.value == 340);
    CHECK(f.unit == "people");
    CHECK(f.qualifier.empty());
    CHECK(f.sentence == 0);
  }
  SECTION("plural nouns are made singular, up to the first plural") {
    const Fact f = number("Crews found 30 mobile homes destroyed.", "30 mobile homes");
    CHECK(f.unit == "mobile home");
    CHECK(f.key == "num:30|mobile home");
    CHECK(number("The Fed cut rates by 25 basis points.", "25 basis points").unit == "basis point");
    CHECK(number("They lost 12,000 acres of forest.", "12,000 acres").key == "num:12000|acre");
  }
  SECTION("a unit of measure ends the noun even as a modifier") {
    CHECK(number("It approved a 50 basis point reduction.", "50 basis point").key ==
          "num:50|basis point");
  }
  SECTION("state words") {
    CHECK(number("The storm left 12 dead and 40 injured.", "12 dead").unit == "dead");
    CHECK(number("The storm left 12 dead and 40 injured.", "40 injured").unit == "injured");
    CHECK(key_of("The storm left 12 dead.", "12 dead") !=
          key_of("The storm left 12 injured.", "12 injured"));
  }
  SECTION("money keeps the currency as unit") {
    const Fact f = number("The city will spend $30 million on repairs.", "$30 million");
    CHECK(f.value == 30e6);
    CHECK(f.unit == "USD");
    CHECK(f.key == "num:30000000|USD");
    CHECK(number("It cost £2.5bn.", "£2.5bn").key == "num:2500000000|GBP");
    CHECK(number("Tickets cost €40 each.", "€40").unit == "EUR");
    CHECK(number("He was held on $5,000 bail.", "$5,000").key == "num:5000|USD");
  }
  SECTION("percent, including fractions and words") {
    const Fact f = number("The target rate is 5-1/2 percent.", "5-1/2 percent");
    CHECK(f.value == 5.5);
    CHECK(f.unit == "percent");
    CHECK(f.key == "num:5.5|percent");
    CHECK(key_of("Rates rose 1-1/4 percent.", "1-1/4 percent") == "num:1.25|percent");
    CHECK(key_of("The levy rises 3.2%.", "3.2%") == "num:3.2|percent");
    CHECK(key_of("Turnout fell five percent.", "five percent") == "num:5|percent");
  }
  SECTION("ages; a hyphen less is the same age") {
    const Fact f = number("A 23-year-old man was arrested.", "23-year-old");
    CHECK(f.unit == "year-old");
    CHECK(f.key == "num:23|year-old");
    CHECK(key_of("A 23-year old man was arrested.", "23-year old") == f.key);
    CHECK(key_of("A 10-year-old student spoke.", "10-year-old") !=
          key_of("A 11-year-old student spoke.", "11-year-old"));
    CHECK(key_of("A three-year-old girl was found.", "three-year-old") == "num:3|year-old");
  }
  SECTION("a unit hyphenated to the number") {
    CHECK(key_of("A 3.5-mile stretch was closed.", "3.5-mile") == "num:3.5|mile");
    CHECK(key_of("It is a five-year plan.", "five-year") == "num:5|year");
  }
  SECTION("canonical values have no trailing zeros") {
    CHECK(key_of("It weighed 2.50 tons.", "2.50 tons") == "num:2.5|ton");
    CHECK(key_of("It weighed 2.5 tons.", "2.5 tons") == "num:2.5|ton");
  }
}

TEST_CASE("extract::extract_numbers reads number words", "[extract]") {
  SECTION("cardinal words and compounds") {
    CHECK(key_of("Two people died.", "Two people") == "num:2|people");
    CHECK(key_of("There were twenty-five cars.", "twenty-five cars") == "num:25|car");
    CHECK(key_of("About two hundred and fifty homes flooded.", "two hundred and fifty homes") ==
          "num:250|home");
    CHECK(key_of("It needs two million doses.", "two million doses") == "num:2000000|dose");
    CHECK(key_of("He bought a dozen eggs.", "a dozen eggs") == "num:12|egg");
  }
  SECTION("the same value in words and digits has the same key") {
    CHECK(key_of("Two people died.", "Two people") == key_of("2 people died.", "2 people"));
    CHECK(key_of("nine injured", "nine injured") == key_of("9 injured", "9 injured"));
  }
  SECTION("ordinals, in words and digits") {
    const Fact f = number("It was the sixth meeting this year.", "sixth meeting");
    CHECK(f.key == "num:6th|meeting");
    CHECK(f.value == 6);
    CHECK(key_of("It was the 6th meeting.", "6th meeting") == f.key);
    CHECK(key_of("The second infected cow was found.", "second infected cow") ==
          "num:2nd|infected cow");
    CHECK(key_of("It was the twenty-first case.", "twenty-first case") == "num:21st|case");
  }
  SECTION("fractions in words") {
    CHECK(number("Half of the homes were lost.", "Half of the homes").value == 0.5);
    const Fact third = number("A third of the voters stayed home.", "A third of the voters");
    CHECK(third.value == Approx(1.0 / 3));
    CHECK(third.unit == "voter");
    CHECK(third.key.starts_with("num:0.333"));
    CHECK(number("Two-thirds of the homes flooded.", "Two-thirds of the homes").value ==
          Approx(2.0 / 3));
  }
  SECTION("vague quantities are numbers with a vague key") {
    const Fact dozens = number("Dozens of people were hurt.", "Dozens of people");
    CHECK(dozens.key == "num:~dozens|people");
    const Fact hundreds = number("Hundreds of people were hurt.", "Hundreds of people");
    CHECK(hundreds.key == "num:~hundreds|people");
    CHECK(hundreds.value > dozens.value);
    CHECK(key_of("Tens of thousands fled.", "Tens of thousands") == "num:~tens of thousands|");
    CHECK(key_of("Several buildings burned.", "Several buildings") == "num:~several|building");
    CHECK(key_of("A few residents stayed.", "A few residents") == "num:~a few|resident");
  }
  SECTION("partitives count the noun after 'of the'") {
    CHECK(key_of("One of the dead was a firefighter.", "One of the dead") == "num:1|dead");
    CHECK(key_of("Two of the dead were children.", "Two of the dead") == "num:2|dead");
  }
  SECTION("words between the number and its noun are not the unit") {
    CHECK(number("Police found two other victims.", "two other victims").unit == "victim");
    CHECK(number("It hired 12 more nurses.", "12 more nurses").unit == "nurse");
  }
}

// word_quantity() rejects a word up front unless it is a number word, a
// vague word, "a", "half" or a hyphenated word: each of those still starts
// its quantity.
TEST_CASE("extract::extract_numbers finds every kind of word quantity", "[extract]") {
  CHECK(key_of("Scores of people were hurt.", "Scores of people") == "num:~scores|people");
  CHECK(key_of("It cost millions of dollars.", "millions of dollars") == "num:~millions|dollar");
  CHECK(key_of("A handful of protesters stayed.", "A handful of protesters") ==
        "num:~a handful|protester");
  CHECK(key_of("He joined a hundred people.", "a hundred people") == "num:100|people");
  CHECK(key_of("A three-year-old girl was found.", "three-year-old") == "num:3|year-old");
  CHECK(key_of("They passed a five-year plan.", "five-year") == "num:5|year");
  CHECK(number("Floods hit half the homes.", "half").value == 0.5);
  CHECK(number("It was the eleventh time.", "eleventh time").key == "num:11th|time");
  SECTION("other words are no quantities") {
    CHECK(test::facts_of_kind("the mayor said an old dam broke near the town",
                              FactKind::number)
              .empty());
  }
}

TEST_CASE("extract::extract_numbers records qualifiers as hedges", "[extract]") {
  const struct {
    const char* text;
    const char* span;
    const char* qualifier;
  } cases[] = {
      {"At least 15 dead were counted.", "15 dead", "at least"},
      {"More than 1200 people fled.", "1200 people", "more than"},
      {"It burned over 3700 acres.", "3700 acres", "over"},
      {"Fewer than 10 homes remain.", "10 homes", "fewer than"},
      {"It cost about $5 million.", "$5 million", "about"},
      {"Approximately 2,600 schools closed.", "2,600 schools", "approximately"},
      {"Nearly 40 buses ran.", "40 buses", "nearly"},
      {"Winds reached up to 60 mph.", "60 mph", "up to"},
      {"Some 30 people waited.", "30 people", "some"},
      {"An estimated 500 protesters came.", "500 protesters", "an estimated"},
      {"As many as 20 people died.", "20 people", "as many as"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Fact f = number(c.text, c.span);
    CHECK(f.qualifier == c.qualifier);
  }
  SECTION("the qualifier is neither in the key nor in the span") {
    const Fact hedged = number("At least 15 dead were counted.", "15 dead");
    const Fact plain = number("15 dead were counted.", "15 dead");
    CHECK(hedged.key == plain.key);
    CHECK(plain.qualifier.empty());
  }
}

TEST_CASE("extract::extract_numbers joins ranges and tallies", "[extract]") {
  SECTION("word ranges") {
    const Fact f = number("The storm is expected to last three to four days.", "three to four days");
    CHECK(f.value == 3);
    CHECK(f.key == "num:3-4|day");
  }
  SECTION("digit ranges") {
    CHECK(key_of("Expect 10-12 inches of snow.", "10-12 inches") == "num:10-12|inch");
    CHECK(key_of("Rates of 5 to 7 percent are likely.", "5 to 7 percent") == "num:5-7|percent");
    CHECK(key_of("It took between 5 and 7 hours.", "5 and 7 hours") == "num:5-7|hour");
    CHECK(key_of("Two or three men ran.", "Two or three men") == "num:2-3|man");
  }
  SECTION("a change is not a range") {
    CHECK(numbers_of("The toll rose from 5 to 7.").size() == 2);
    const std::vector<Fact> rose = numbers_of("The rate rose 1 percent to 2 percent.");
    REQUIRE(rose.size() == 2);
    CHECK(rose[0].key == "num:1|percent");
    CHECK(rose[1].key == "num:2|percent");
  }
  SECTION("a tally") {
    CHECK(key_of("The bill passed on a 7-2 vote.", "7-2 vote") == "num:7-2|vote");
  }
}

TEST_CASE("extract::extract_numbers skips what is not a quantity", "[extract]") {
  SECTION("pronoun 'one'") {
    CHECK(numbers_of("No one was hurt.").empty());
    CHECK(numbers_of("She is the one who called.").empty());
    CHECK(numbers_of("They helped one another.").empty());
    CHECK(numbers_of("An officer said that one said nothing.").empty());
    // "one of the victims" is a count.
    CHECK(key_of("One of the victims was named.", "One of the victims") == "num:1|victim");
  }
  SECTION("'first' as an adverb") {
    CHECK(numbers_of("The case was first reported in the press.").empty());
    CHECK(numbers_of("At first, nobody noticed.").empty());
    CHECK(numbers_of("He paused for a second, then spoke.").empty());
  }
  SECTION("numbers that name things") {
    CHECK(numbers_of("The President signed H.R. 4323 into law.").empty());
    CHECK(numbers_of("Traffic stopped on the 210 Freeway.").empty());
    CHECK(numbers_of("They met at the Sixth Avenue pier.").empty());
    CHECK(numbers_of("It falls under Section 230 of the act.").empty());
    CHECK(numbers_of("The COVID-19 rules ended. The A607 was shut.").empty());
  }
  SECTION("times, decades and years in date role are dates") {
    CHECK(numbers_of("The meeting starts at 5 p.m.").empty());
    CHECK(numbers_of("Rents rose in the 1980s.").empty());
    CHECK(numbers_of("Texas voted to join in 1846.").empty());
    CHECK(numbers_of("It happened on Dec. 2, 2025.").empty());
    CHECK(numbers_of("The hearing is on 22nd March.").empty());
    CHECK(numbers_of("He left two days ago.").empty());
  }
  SECTION("a list marker") {
    const std::vector<Fact> facts = numbers_of("1) Bring 3 bags.");
    REQUIRE(facts.size() == 1);
    CHECK(facts[0].key == "num:3|bag");
  }
}

TEST_CASE("extract::extract_numbers spans and sentences", "[extract]") {
  const std::string text = "Police said 12 people died. Later, 15 people were reported dead.";
  auto read = text::read_document(text);
  REQUIRE(read);
  const auto& doc = read->document;
  const std::vector<Fact> facts = numbers_of(text);
  REQUIRE(facts.size() == 2);
  CHECK(facts[0].sentence == 0);
  CHECK(facts[1].sentence == 1);
  for (const Fact& f : facts) {
    CHECK(f.span.of(doc.text) == f.text);
    CHECK(f.last_sentence == f.sentence);
  }
}

TEST_CASE("extract::extract_numbers and extract_dates over the corpus", "[extract][corpus]") {
  const auto corpus = test::corpus_dir();
  if (!corpus) {
    WARN("corpus absent: skipped");
    return;
  }
  namespace fs = std::filesystem;
  std::size_t files = 0;
  std::size_t numbers = 0;
  std::size_t dates = 0;
  for (const fs::path& file : test::corpus_revision_files(*corpus)) {
    INFO(file.string());
    const std::string bytes = test::read_file(file);
    text::PipelineOptions options;
    options.decode.name = file.filename().string();
    auto read = text::read_document(bytes, options);
    REQUIRE(read);
    const auto& doc = read->document;
    const extract::DocumentFacts facts = extract::extract_facts(doc);
    ++files;
    for (const Fact& f : facts.facts) {
      if (f.kind != FactKind::number && f.kind != FactKind::date) {
        continue;
      }
      (f.kind == FactKind::number ? numbers : dates) += 1;
      REQUIRE(f.sentence < doc.sentences.size());
      const core::Span sentence = doc.sentences[f.sentence].span;
      CHECK(!f.key.empty());
      CHECK(!f.span.empty());
      CHECK(f.span.start >= sentence.start);
      CHECK(f.span.end <= sentence.end);
      CHECK(f.span.of(doc.text) == f.text);
      if (f.kind == FactKind::date) {
        CHECK(f.precision != extract::DatePrecision::none);
      }
    }
  }
  CHECK(files > 50);
  CHECK(numbers > 100);
  CHECK(dates > 100);
}

TEST_CASE("extract::extract_numbers on corpus stories", "[extract][corpus]") {
  const auto corpus = test::corpus_dir();
  if (!corpus) {
    WARN("corpus absent: skipped");
    return;
  }
  const auto keys = [&](const std::string& rel) {
    auto read = text::read_document(test::read_file(*corpus / rel));
    REQUIRE(read);
    std::vector<std::string> out;
    for (const Fact& f : extract::extract_facts(read->document).facts) {
      if (f.kind == FactKind::number || f.kind == FactKind::date) {
        out.push_back(f.key);
      }
    }
    return out;
  };
  const auto has = [](const std::vector<std::string>& v, const std::string& key) {
    return std::find(v.begin(), v.end(), key) != v.end();
  };
  SECTION("the age correction") {
    const auto before = keys("whitehouse-sotu-guests-statement/001.txt");
    const auto after = keys("whitehouse-sotu-guests-statement/002.txt");
    CHECK(has(before, "num:10|year-old"));
    CHECK(!has(before, "num:11|year-old"));
    CHECK(has(after, "num:11|year-old"));
  }
  SECTION("the year correction is a date, not a number") {
    const auto before = keys("whitehouse-mexican-american-war-message/001.txt");
    const auto after = keys("whitehouse-mexican-american-war-message/002.txt");
    CHECK(has(before, "season:1856-spring"));
    CHECK(has(after, "season:1846-spring"));
    CHECK(!has(after, "num:1846|"));
  }
  SECTION("FOMC rates") {
    const auto fomc = keys("fomc-statements-2001-easing/001.txt");
    CHECK(has(fomc, "num:50|basis point"));
    CHECK(has(fomc, "num:5.5|percent"));
  }
  SECTION("mad cow cases: count and dates") {
    const auto r1 = keys("wikinews-us-mad-cow-cases/001.txt");
    const auto r2 = keys("wikinews-us-mad-cow-cases/002.txt");
    const auto r3 = keys("wikinews-us-mad-cow-cases/003.txt");
    CHECK(has(r1, "num:1|case"));
    CHECK(has(r2, "num:2|case"));
    CHECK(has(r3, "month:2003-12"));
    CHECK(has(r3, "year:2005"));
  }
}
