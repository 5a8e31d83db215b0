// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "fact_helpers.hpp"

#include <storydiff/extract/facts.hpp>
#include <storydiff/text/pipeline.hpp>

#include <string>
#include <vector>

using namespace storydiff;
using extract::DatePrecision;
using extract::Fact;
using extract::FactKind;

namespace {

std::vector<Fact> dates_of(std::string_view text) {
  return test::facts_of_kind(text, FactKind::date);
}

Fact date(std::string_view text, std::string_view span_text) {
  return test::the_fact(text, FactKind::date, span_text);
}

} // namespace

TEST_CASE("extract::extract_dates reads absolute dates", "[extract]") {
  const struct {
    const char* text;
    const char* span;
    const char* key;
    DatePrecision precision;
  } cases[] = {
      {"The vote is on Dec. 2.", "Dec. 2", "date:--12-02", DatePrecision::day},
      {"The vote is on December 2.", "December 2", "date:--12-02", DatePrecision::day},
      {"It ended 2 December 2025.", "2 December 2025", "date:2025-12-02", DatePrecision::day},
      {"It ended Dec. 2, 2025, in Ohio.", "Dec. 2, 2025", "date:2025-12-02", DatePrecision::day},
      {"Polls close March 22.", "March 22", "date:--03-22", DatePrecision::day},
      {"Polls close 22nd March.", "22nd March", "date:--03-22", DatePrecision::day},
      {"Polls close on the 22nd of March.", "22nd of March", "date:--03-22", DatePrecision::day},
      {"Filed 2026-03-22 in court.", "2026-03-22", "date:2026-03-22", DatePrecision::day},
      {"Filed 3/22/2026 in court.", "3/22/2026", "date:2026-03-22", DatePrecision::day},
      {"It opens in March 2026.", "March 2026", "month:2026-03", DatePrecision::month},
      {"In May of 1846, war came.", "May of 1846", "month:1846-05", DatePrecision::month},
      {"It rained in December.", "December", "month:--12", DatePrecision::month},
      {"Texas joined in 1846.", "1846", "year:1846", DatePrecision::year},
      {"Cases rose since 2003.", "2003", "year:2003", DatePrecision::year},
      {"The 2003 case was in Washington.", "2003", "year:2003", DatePrecision::year},
      {"By the spring of 1846 they voted.", "spring of 1846", "season:1846-spring",
       DatePrecision::month},
      {"Rents rose in the 1980s.", "1980s", "decade:1980s", DatePrecision::year},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Fact f = date(c.text, c.span);
    CHECK(f.key == c.key);
    CHECK(f.precision == c.precision);
  }
}

TEST_CASE("extract::extract_dates reads times and weekdays", "[extract]") {
  const struct {
    const char* text;
    const char* span;
    const char* key;
    DatePrecision precision;
  } cases[] = {
      {"The hearing is at 5 p.m. today.", "5 p.m.", "time:17:00", DatePrecision::time},
      {"It sank at 00:26 hrs.", "00:26 hrs", "time:00:26", DatePrecision::time},
      {"Raids began at 0600 local time.", "0600 local time", "time:06:00", DatePrecision::time},
      {"Raids began at 06:00 local time.", "06:00 local time", "time:06:00", DatePrecision::time},
      {"It closes at noon.", "noon", "time:12:00", DatePrecision::time},
      {"It struck at 01:00 UTC.", "01:00 UTC", "time:01:00", DatePrecision::time},
      {"The board met Monday.", "Monday", "weekday:mon", DatePrecision::weekday},
      {"The board met on Tuesday.", "Tuesday", "weekday:tue", DatePrecision::weekday},
      {"The board met last Tuesday.", "last Tuesday", "weekday:last tue",
       DatePrecision::weekday},
      {"Fires spread Monday morning.", "Monday morning", "weekday:mon morning",
       DatePrecision::weekday},
      {"In Monday's paper he spoke.", "Monday's", "weekday:mon", DatePrecision::weekday},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Fact f = date(c.text, c.span);
    CHECK(f.key == c.key);
    CHECK(f.precision == c.precision);
  }
  SECTION("a time next to a weekday is two facts") {
    const std::vector<Fact> facts = dates_of("A hearing is set for 2 p.m. Thursday.");
    REQUIRE(facts.size() == 2);
    CHECK(facts[0].key == "time:14:00");
    CHECK(facts[1].key == "weekday:thu");
  }
}

TEST_CASE("extract::extract_dates reads relative references", "[extract]") {
  const struct {
    const char* text;
    const char* span;
    const char* key;
  } cases[] = {
      {"He was detained yesterday.", "yesterday", "rel:yesterday"},
      {"The report is due today.", "today", "rel:today"},
      {"Rain is forecast tomorrow.", "tomorrow", "rel:tomorrow"},
      {"It was approved last week.", "last week", "rel:last week"},
      {"It opens next month.", "next month", "rel:next month"},
      {"Police arrived that night.", "that night", "rel:that night"},
      {"It was signed earlier this month.", "earlier this month", "rel:earlier this month"},
      {"The mayor spoke this morning.", "this morning", "rel:this morning"},
      {"Crews worked overnight.", "overnight", "rel:overnight"},
      {"He was found two days later.", "two days later", "rel:2 day later"},
      {"He was found 2 days later.", "2 days later", "rel:2 day later"},
      {"Hours later, the fire was out.", "Hours later", "rel:hours later"},
      {"He died during the night.", "night", "part:night"},
      {"He died during the day.", "day", "part:day"},
      {"A rocket hit on the 15 of this month.", "15 of this month", "rel:this month-15"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Fact f = date(c.text, c.span);
    CHECK(f.key == c.key);
    CHECK(f.precision == (std::string_view(c.key).starts_with("rel:this month-")
                              ? DatePrecision::day
                              : DatePrecision::relative));
  }
  SECTION("day and night differ") {
    CHECK(date("He died during the day.", "day").key !=
          date("He died during the night.", "night").key);
  }
}

TEST_CASE("extract::extract_dates keys ignore format", "[extract]") {
  const struct {
    const char* a_text;
    const char* a_span;
    const char* b_text;
    const char* b_span;
  } pairs[] = {
      {"at 0600 Sunday", "0600", "at 06:00 Sunday", "06:00"},
      {"due Dec. 2", "Dec. 2", "due December 2", "December 2"},
      {"due 2 December 2025", "2 December 2025", "due Dec. 2, 2025", "Dec. 2, 2025"},
      {"due 2025-12-02 now", "2025-12-02", "due 12/2/2025 now", "12/2/2025"},
      {"at 5 p.m. sharp", "5 p.m.", "at 17:00 sharp", "17:00"},
      {"at 5pm sharp", "5pm", "at 5 P.M. sharp", "5 P.M."},
      {"on Wed. night", "Wed. night", "on Wednesday night", "Wednesday night"},
      {"on Sept. 9", "Sept. 9", "on September 9", "September 9"},
  };
  for (const auto& p : pairs) {
    INFO(p.a_text << " | " << p.b_text);
    const Fact a = date(p.a_text, p.a_span);
    const Fact b = date(p.b_text, p.b_span);
    CHECK(a.key == b.key);
  }
  CHECK(date("at 10 a.m. Tuesday", "10 a.m.").key != date("at 2 p.m. Tuesday", "2 p.m.").key);
  CHECK(date("in 1856 they", "1856").key != date("in 1846 they", "1846").key);
}

TEST_CASE("extract::extract_dates hedges and negatives", "[extract]") {
  SECTION("qualifiers") {
    CHECK(date("It hit at about 5 p.m. on Friday.", "5 p.m.").qualifier == "about");
    CHECK(date("It hit shortly after midnight.", "midnight").qualifier == "shortly after");
    CHECK(date("It hit early Monday.", "Monday").qualifier == "early");
  }
  SECTION("May and March as words") {
    CHECK(dates_of("Officials may delay the vote.").empty());
    CHECK(dates_of("May said she would resign.").empty());
    CHECK(dates_of("Protesters March On Capitol").empty());
    CHECK(dates_of("Officials May Delay Vote").empty());
    CHECK(date("The vote was held in May.", "May").key == "month:--05");
    CHECK(date("Protesters plan to march on May 5.", "May 5").key == "date:--05-05");
  }
  SECTION("titles and names are no dates") {
    CHECK(dates_of("Rice spoke on This Week about it.").empty());
    CHECK(dates_of("Since the \"Black July\" riots, peace failed.").size() == 0);
  }
  SECTION("numbers are not years without a date role") {
    CHECK(dates_of("Crews saved 1500 homes.").empty());
    CHECK(dates_of("The 2,000 workers struck.").empty());
  }
  SECTION("days listed before a month") {
    const std::vector<Fact> facts = dates_of("Flights left on 24 and 27 May 2020.");
    REQUIRE(facts.size() == 2);
    CHECK(facts[0].key == "date:2020-05-24");
    CHECK(facts[1].key == "date:2020-05-27");
  }
  SECTION("a dateline glued to the word before it") {
    const Fact f = date("The White HouseFebruary 2, 2026", "February 2, 2026");
    CHECK(f.key == "date:2026-02-02");
  }
}

// extract_dates tries its matchers only at tokens that may start a date: a
// number, a capitalized word, a word of digits and slashes, a word before a
// number, or one of a few lower-case words. Each kind of lower-case start
// below must still be found.
TEST_CASE("extract::extract_dates finds dates that start with a lower-case word", "[extract]") {
  const struct {
    const char* text;
    const char* span;
    const char* key;
  } cases[] = {
      {"It closes at midnight.", "midnight", "time:00:00"},
      {"It closes at midday today.", "midday", "time:12:00"},
      {"Prices peaked in mid-March.", "mid-March", "month:--03"},
      {"Prices peaked in mid-March 2024.", "mid-March 2024", "month:2024-03"},
      {"By the summer of 2025 it was done.", "summer of 2025", "season:2025-summer"},
      {"Talks resumed the autumn of 1990.", "autumn of 1990", "season:1990-fall"},
      {"He skipped yesterday's vote.", "yesterday's", "rel:yesterday"},
      {"It was over seconds later.", "seconds later", "rel:seconds later"},
      {"They met a week ago.", "a week ago", "rel:1 week ago"},
      {"They met several years earlier.", "several years earlier", "rel:several year earlier"},
      {"They met twenty-five years ago.", "twenty-five years ago", "rel:25 year ago"},
      {"He returned eleven days later.", "eleven days later", "rel:11 day later"},
      {"He left the following week.", "the following week", "rel:following week"},
      {"He left the previous day.", "the previous day", "rel:previous day"},
      {"They met that day.", "that day", "rel:that day"},
      {"It ends next weekend.", "next weekend", "rel:next weekend"},
      {"Sales fell last quarter.", "last quarter", "rel:last quarter"},
      {"They return later tonight.", "later tonight", "rel:later tonight"},
      {"They met a few days later.", "few days later", "rel:few day later"},
      {"He died at night.", "night", "part:night"},
      {"He died in the morning.", "morning", "part:morning"},
      {"The filing homeFebruary 2 was late.", "February 2", "date:--02-02"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(date(c.text, c.span).key == c.key);
  }
  SECTION("the same starts capitalized") {
    CHECK(date("Yesterday's vote failed.", "Yesterday's").key == "rel:yesterday");
    CHECK(date("Summer of 2025 was hot.", "Summer of 2025").key == "season:2025-summer");
    CHECK(date("Mid-March brought snow.", "Mid-March").key == "month:--03");
    CHECK(date("Noon came and went.", "Noon").key == "time:12:00");
    CHECK(date("The following week he left.", "The following week").key ==
          "rel:following week");
    CHECK(date("Friday's vote failed.", "Friday's").key == "weekday:fri");
    CHECK(date("Talks ended Sept. 4.", "Sept. 4").key == "date:--09-04");
  }
  SECTION("ordinary lower-case words start no date") {
    CHECK(dates_of("the police said that a man was seen near the house").empty());
    CHECK(dates_of("it was a fall from the roof, they said.").empty());
    CHECK(dates_of("they said a day of the week was the last one").empty());
  }
}
