// SPDX-License-Identifier: MIT
#include "extractors.hpp"
#include "numdate_lex.hpp"
#include "word_hash.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

// Dates, times and time references, normalized so that format-only changes
// compare equal.
//
// Keys (precision in brackets):
//   "date:2025-12-02" / "date:--12-02" (no year)  [day]    "Dec. 2, 2025", "2 December", "22nd of March",
//                                                           "2026-03-22", "3/22/2026" (US order
//                                                           unless the first part is > 12)
//   "month:2026-03" / "month:--03"                [month]  "March 2026", "May of 1846", "in March"
//   "season:1846-spring"                          [month]  "the spring of 1846", "summer 2025"
//   "year:1846"                                   [year]   a four-digit year in date role (below)
//   "decade:1980s"                                [year]   "1980s", "'90s"
//   "weekday:tue", "weekday:last tue", "weekday:tue night" [weekday]
//   "time:17:00" (":SS" when given)               [time]   "5 p.m.", "17:00", "0500 hrs", "noon";
//                                                           a zone word after it ("GMT", "local
//                                                           time") is in the span, not the key
//   "rel:yesterday", "rel:last week", "rel:that night", "rel:earlier this month",
//   "rel:2 day later", "rel:hours later", "part:night" ("during the night", "at night") [relative]
//
// Decisions:
// - A year is in date role after in/since/by/until/till/from/through/during/
//   before/after/circa/early/late/mid/of, after "the" when a word follows
//   ("the 2003 case"), next to a month or a season, and as the second year
//   of "from 2003 to 2005" / "between 2003 and 2005". Other four-digit
//   numbers ("1500 homes") stay numbers.
// - Month and weekday names count only capitalized. The names that are also
//   ordinary words (May, March, August and the short forms) need a day or
//   year next to them or a preposition of time before them ("in May"), so a
//   sentence-initial or headline "May" (the verb) is no date.
// - A time and a weekday next to each other are two facts ("2 p.m. Thursday").
// - Qualifiers that hedge a date ("about", "around", "shortly after",
//   "early", "late", "mid", ...) go to Fact::qualifier, outside span and key.
// - Numbers that a date covers are no numbers: after finding the dates this
//   extractor removes the number facts (extract_numbers ran first) whose
//   span overlaps a date's.
namespace storydiff::extract::detail {

namespace {

using text::Document;
using text::NumberForm;
using text::TokenKind;
namespace nd = numdate;

struct Sent {
  const Document& doc;
  std::uint32_t index;
  std::size_t first;
  std::size_t end;

  const TokenInfos& infos;

  std::string_view text(std::size_t i) const { return doc.token_text(i); }
  nd::LowView lower(std::size_t i) const {
    return {i >= first && i < end ? infos.lower_of(doc, i) : std::string_view{}};
  }
  // Token i's record; an empty one outside the sentence (as lower() is empty there).
  const TokenInfo& info(std::size_t i) const {
    static const TokenInfo k_none;
    return i >= first && i < end ? infos.tokens[i] : k_none;
  }
  bool word(std::size_t i) const { return i < end && doc.tokens[i].kind == TokenKind::word; }
  bool number(std::size_t i) const { return i < end && doc.tokens[i].kind == TokenKind::number; }
  bool is(std::size_t i, std::string_view lower_word) const {
    return i < end && i >= first && lower(i).view() == lower_word;
  }
  bool glued(std::size_t i) const {
    return i + 1 < end && doc.tokens[i].span.end == doc.tokens[i + 1].span.start;
  }
};

struct Hit {
  std::size_t first = 0;
  std::size_t last = 0; // inclusive
  std::string key;
  DatePrecision precision = DatePrecision::none;
  std::uint32_t skip = 0; // bytes of the first token before the date ("HouseFebruary")
};

std::string pad2(int v) {
  std::string s;
  s += static_cast<char>('0' + (v / 10) % 10);
  s += static_cast<char>('0' + v % 10);
  return s;
}

std::string day_key(int year, int month, int day) {
  std::string key = "date:";
  key += year > 0 ? std::to_string(year) : std::string("-");
  key += '-';
  key += pad2(month);
  key += '-';
  key += pad2(day);
  return key;
}

std::string month_key(int year, int month) {
  std::string key = "month:";
  key += year > 0 ? std::to_string(year) : std::string("-");
  key += '-';
  key += pad2(month);
  return key;
}

std::string time_key(double minutes) {
  const double whole = std::floor(minutes);
  const int total = static_cast<int>(whole);
  const int seconds = static_cast<int>(std::lround((minutes - whole) * 60));
  std::string key = "time:" + pad2((total / 60) % 24) + ":" + pad2(total % 60);
  if (seconds > 0) {
    key += ":" + pad2(seconds);
  }
  return key;
}

// Strips "'s" / "’s" from a lower-case word.
std::string_view strip_possessive(std::string_view w) {
  if (w.ends_with("'s")) {
    w.remove_suffix(2);
  } else if (w.ends_with("\xE2\x80\x99s")) {
    w.remove_suffix(4);
  }
  return w;
}

// A day of month at token i: "2", "22nd".
bool day_at(const Sent& s, std::size_t i, int& day) {
  if (!s.number(i)) {
    return false;
  }
  const text::Token& t = s.doc.tokens[i];
  if (t.form == NumberForm::ordinal) {
    if (t.value >= 1 && t.value <= 31) {
      day = static_cast<int>(t.value);
      return true;
    }
    return false;
  }
  return t.form == NumberForm::cardinal && nd::plain_integer(s.doc, i, 1, 31, day);
}

// A four-digit year at token i.
bool year_at(const Sent& s, std::size_t i, int& year) {
  return i < s.end && s.doc.tokens[i].form == NumberForm::cardinal &&
         s.text(i).size() == 4 && nd::plain_integer(s.doc, i, 1000, 2199, year);
}

// A capitalized month name at token i (and its abbreviation period); sets
// `last` to the period when there is one.
int month_at(const Sent& s, std::size_t i, std::size_t& last, bool& ambiguous) {
  if (!s.word(i) || !nd::is_upper_initial(s.text(i))) {
    return 0;
  }
  const int m = s.info(i).month;
  ambiguous = s.info(i).month_ambiguous();
  last = i;
  // Short full names ("May.") end a sentence; only abbreviations take the period.
  const std::string_view name = s.lower(i);
  const bool full_name = name == "may" || name == "june" || name == "july";
  if (m != 0 && !full_name && s.glued(i) && s.text(i + 1) == "." && s.text(i).size() <= 4) {
    last = i + 1;
  }
  return m;
}

bool time_preposition(std::string_view w) {
  static constexpr std::string_view k_words[] = {
      "in",     "since", "until", "till",  "by",   "during", "early", "late", "mid",  "last",
      "next",   "this",  "of",    "before", "after", "through", "from", "to",  "on",   "throughout"};
  return nd::in_list(w, k_words);
}

bool year_role_word(std::string_view w) {
  static constexpr std::string_view k_words[] = {
      "in",     "since",  "by",    "until", "till", "from", "through", "during", "before",
      "after",  "circa",  "early", "late",  "mid",  "of",   "fiscal",  "year",   "throughout"};
  return nd::in_list(w, k_words);
}

// "Dec. 2, 2025", "December 2", "March 2026", "May of 1846", "in March".
bool match_month_first(const Sent& s, std::size_t i, Hit& hit) {
  std::size_t mlast = i;
  bool ambiguous = false;
  int month = month_at(s, i, mlast, ambiguous);
  std::uint32_t skip = 0;
  int day = 0;
  int year = 0;
  if (month == 0 && s.word(i) && day_at(s, i + 1, day)) {
    // Scraped text glues a dateline to the word before it: "HouseFebruary 2".
    const std::string_view w = s.text(i);
    for (std::size_t p = w.size(); p-- > 1;) {
      if (w[p] >= 'A' && w[p] <= 'Z' && w[p - 1] >= 'a' && w[p - 1] <= 'z') {
        const int m = nd::month_word(nd::Lower(w.substr(p)), ambiguous);
        if (m != 0 && w.size() - p >= 5) {
          month = m;
          skip = static_cast<std::uint32_t>(p);
        }
        break;
      }
    }
  }
  if (month == 0) {
    return false;
  }
  if (day_at(s, mlast + 1, day)) {
    hit = {i, mlast + 1, {}, DatePrecision::day};
    std::size_t y = mlast + 2;
    if (y < s.end && s.text(y) == ",") {
      ++y;
    }
    if (year_at(s, y, year)) {
      hit.last = y;
    } else {
      year = 0;
    }
    hit.key = day_key(year, month, day);
    hit.skip = skip;
    return true;
  }
  if (skip != 0) {
    return false;
  }
  if (day_at(s, mlast + 1, day) && s.doc.tokens[mlast + 1].form == NumberForm::ordinal) {
    hit = {i, mlast + 1, day_key(0, month, day), DatePrecision::day};
    return true;
  }
  std::size_t y = mlast + 1;
  if (s.is(y, "of") || (y < s.end && s.text(y) == ",")) {
    ++y;
  }
  if (year_at(s, y, year)) {
    hit = {i, y, month_key(year, month), DatePrecision::month};
    return true;
  }
  const std::string_view before = i > s.first ? s.lower(i - 1).view() : std::string_view{};
  // A month alone: after a preposition of time, or opening the sentence
  // when it is no ordinary word ("December was wet"; not "Black July").
  if (!time_preposition(before) && (ambiguous || i != s.first)) {
    return false;
  }
  // A capitalized non-ambiguous month at the start of a sentence is still a
  // month ("December was the wettest month").
  hit = {i, mlast, month_key(0, month), DatePrecision::month};
  return true;
}

// "2 December 2025", "22nd March", "the 22nd of March".
bool match_day_first(const Sent& s, std::size_t i, Hit& hit) {
  int day = 0;
  if (!day_at(s, i, day)) {
    return false;
  }
  std::size_t m = i + 1;
  if (s.is(m, "of")) {
    ++m;
  }
  // "24 and 27 May", "5, 6 or 7 April": a day listed before the month.
  int later_day = 0;
  std::size_t k = i + 1;
  while (k + 1 < s.end && k < i + 8 &&
         (s.is(k, "and") || s.is(k, "or") || s.is(k, "to") || s.text(k) == "," ||
          s.text(k) == "-" || s.text(k) == "\xE2\x80\x93") &&
         day_at(s, k + 1, later_day)) {
    k += 2;
  }
  const bool listed = k != i + 1;
  if (listed) {
    m = k;
  }
  std::size_t mlast = m;
  bool ambiguous = false;
  const int month = month_at(s, m, mlast, ambiguous);
  if (month == 0) {
    return false;
  }
  int year = 0;
  std::size_t y = mlast + 1;
  if (y < s.end && s.text(y) == ",") {
    ++y;
  }
  hit = {i, mlast, {}, DatePrecision::day};
  if (listed) {
    // The listed day alone; the last day takes the month's span.
    hit.last = i;
    if (!year_at(s, y, year)) {
      year = 0;
    }
    hit.key = day_key(year, month, day);
    return true;
  }
  if (year_at(s, y, year)) {
    hit.last = y;
  } else {
    year = 0;
  }
  hit.key = day_key(year, month, day);
  return true;
}

// "2026-03-22".
bool match_iso(const Sent& s, std::size_t i, Hit& hit) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (!year_at(s, i, year) || i + 4 >= s.end || !s.glued(i) || s.text(i + 1) != "-" ||
      !s.glued(i + 1) || !s.glued(i + 2) || s.text(i + 3) != "-" || !s.glued(i + 3)) {
    return false;
  }
  if (s.text(i + 2).size() != 2 || s.text(i + 4).size() != 2 ||
      !nd::plain_integer(s.doc, i + 2, 1, 12, month) || !day_at(s, i + 4, day)) {
    return false;
  }
  hit = {i, i + 4, day_key(year, month, day), DatePrecision::day};
  return true;
}

// "3/22/2026" (a word token to the tokenizer).
bool match_slashed(const Sent& s, std::size_t i, Hit& hit) {
  if (!s.word(i)) {
    return false;
  }
  const std::string_view w = s.text(i);
  int parts[3] = {0, 0, 0};
  std::size_t digits[3] = {0, 0, 0};
  std::size_t k = 0;
  for (char c : w) {
    if (c == '/') {
      if (++k > 2) {
        return false;
      }
    } else if (c >= '0' && c <= '9') {
      if (++digits[k] > 4) {
        return false;
      }
      parts[k] = parts[k] * 10 + (c - '0');
    } else {
      return false;
    }
  }
  if (k != 2 || digits[0] > 2 || digits[1] > 2 || digits[2] != 4 || digits[0] == 0 ||
      digits[1] == 0) {
    return false;
  }
  int month = parts[0];
  int day = parts[1];
  if (month > 12 && day <= 12) {
    std::swap(month, day);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return false;
  }
  hit = {i, i, day_key(parts[2], month, day), DatePrecision::day};
  return true;
}

bool part_of_day(std::string_view w) {
  return w == "morning" || w == "afternoon" || w == "evening" || w == "night";
}

// "Monday", "last Tuesday", "Tuesday night", "Wed."
bool match_weekday(const Sent& s, std::size_t i, Hit& hit) {
  if (!s.word(i) || !nd::is_upper_initial(s.text(i))) {
    return false;
  }
  bool abbrev = false;
  const int day = nd::weekday_word(strip_possessive(s.lower(i).view()), abbrev);
  if (day == 0) {
    return false;
  }
  std::size_t last = i;
  if (abbrev) {
    if (!s.glued(i) || s.text(i + 1) != ".") {
      return false;
    }
    last = i + 1;
  }
  std::size_t first = i;
  std::string key = "weekday:";
  const std::string_view before = i > s.first ? s.lower(i - 1).view() : std::string_view{};
  if (before == "last" || before == "next" || before == "this") {
    key += before;
    key += ' ';
    first = i - 1;
  }
  key += nd::weekday_key(day);
  if (s.word(last + 1)) {
    const nd::LowView after = s.lower(last + 1);
    if (part_of_day(after.view())) {
      key += ' ';
      key += after.view();
      last += 1;
    }
  }
  hit = {first, last, std::move(key), DatePrecision::weekday};
  return true;
}

// A time token, "noon", "midnight"; a zone word after it joins the span.
bool match_time(const Sent& s, std::size_t i, Hit& hit) {
  double minutes = -1;
  if (s.number(i) && s.doc.tokens[i].form == NumberForm::time) {
    minutes = s.doc.tokens[i].value;
  } else if (s.word(i)) {
    const nd::LowView w = s.lower(i);
    if (w.view() == "noon" || w.view() == "midday") {
      minutes = 12 * 60;
    } else if (w.view() == "midnight") {
      minutes = 0;
    }
  }
  if (minutes < 0) {
    return false;
  }
  hit = {i, i, time_key(minutes), DatePrecision::time};
  if (s.word(i + 1)) {
    static constexpr std::string_view k_zones[] = {
        "gmt", "utc", "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt",
        "pt",  "pst", "pdt", "bst", "cet", "cest", "eet", "eest", "ist", "jst", "aest"};
    const nd::LowView w = s.lower(i + 1);
    if (w.view() == "local") {
      hit.last = s.is(i + 2, "time") ? i + 2 : i + 1;
    } else if (nd::in_list(w.view(), k_zones) && nd::is_upper_initial(s.text(i + 1))) {
      hit.last = i + 1;
    }
  }
  return true;
}

bool time_unit(std::string_view w, std::string_view& singular) {
  static constexpr std::string_view k_units[] = {"second", "minute", "hour",  "day",
                                                 "week",   "month",  "year",  "decade"};
  for (std::string_view u : k_units) {
    if (w == u || (w.size() == u.size() + 1 && w.starts_with(u) && w.back() == 's')) {
      singular = u;
      return true;
    }
  }
  return false;
}

struct NumberWord {
  int value = -1;
  bool ordinal = false;
};

// numdate::number_word of `lw`, token i's lowered text with any possessive
// stripped: the token's record unless a possessive was stripped.
NumberWord number_word_of(const Sent& s, std::size_t i, std::string_view lw) {
  NumberWord out;
  if (lw.size() == s.lower(i).view().size()) {
    out.value = s.info(i).number;
    out.ordinal = s.info(i).ordinal();
  } else {
    out.value = nd::number_word(lw, out.ordinal);
  }
  return out;
}

// The first words of match_relative()'s phrases, the time units ("hours
// later") among them; number words start phrases too.
constexpr std::string_view k_relative_first[] = {
    "yesterday", "today",   "tomorrow", "tonight", "overnight", "earlier", "later",
    "this",      "last",    "next",     "that",    "the",       "during",  "in",
    "at",        "a",       "an",       "several", "few",       "second",  "seconds",
    "minute",    "minutes", "hour",     "hours",   "day",       "days",    "week",
    "weeks",     "month",   "months",   "year",    "years",     "decade",  "decades"};

const WordViewSet& relative_first_words() {
  static const WordViewSet k_first(std::begin(k_relative_first), std::end(k_relative_first));
  return k_first;
}

// Whether match_relative() can match at token i (lower-cased `lw`, possessive
// stripped). Its phrases start with a number token, one of the single words
// ("yesterday"), or a word of relative_first_words() or a number word
// followed by a number ("the 15 of this month") or by a word of k_second:
// each phrase's second word is listed there ("last week", "the following
// day", "in the morning", "a week ago", "hours later"; a capitalized second
// word is listed too, though the matcher then refuses it). Two lookups
// reject the most common words ("the", "a", "in") before any phrase is tried;
// the result is the same as trying each phrase.
bool may_start_relative(const Sent& s, std::size_t i, std::string_view lw) {
  if (s.number(i)) {
    return true;
  }
  if (lw == "yesterday" || lw == "today" || lw == "tomorrow" || lw == "tonight" ||
      lw == "overnight") {
    return true;
  }
  if (!relative_first_words().contains(lw) && number_word_of(s, i, lw).value <= 0) {
    return false;
  }
  static const WordViewSet k_second = {
      // earlier/later: "today", "this"; this/last/next/that: periods and parts of day
      "today", "tonight", "this", "week", "month", "year", "weekend", "decade", "century",
      "spring", "summer", "fall", "autumn", "winter", "season", "quarter", "morning",
      "afternoon", "evening", "night", "day",
      // the: "previous", ...; during/in: "the"
      "previous", "following", "next", "the",
      // counted time units ("two days later") and the direction after a bare unit
      "second", "seconds", "minute", "minutes", "hour", "hours", "days", "weeks", "months",
      "years", "decades", "ago", "later", "earlier"};
  return s.number(i + 1) || k_second.contains(s.lower(i + 1).view());
}

// Relative references; see the key list at the top.
bool match_relative(const Sent& s, std::size_t i, Hit& hit) {
  if (!s.word(i) && !s.number(i)) {
    return false;
  }
  const nd::LowView w0 = s.lower(i);
  const std::string_view lw = strip_possessive(w0.view());
  if (!may_start_relative(s, i, lw)) {
    return false;
  }
  if (lw == "yesterday" || lw == "today" || lw == "tomorrow" || lw == "tonight" ||
      lw == "overnight") {
    // "earlier today", "later today"
    hit = {i, i, "rel:" + std::string(lw), DatePrecision::relative};
    return true;
  }
  // A capital on the second word makes a title, not a time: "This Week".
  const bool titled = i + 1 < s.end && nd::is_upper_initial(s.text(i + 1));
  const std::string_view w1 = titled ? std::string_view{} : s.lower(i + 1).view();
  const std::string_view w2 = i + 2 < s.end ? s.lower(i + 2).view() : std::string_view{};
  const auto period = [](std::string_view w) {
    return w == "week" || w == "month" || w == "year" || w == "weekend" || w == "decade" ||
           w == "century" || w == "spring" || w == "summer" || w == "fall" || w == "autumn" ||
           w == "winter" || w == "season" || w == "quarter";
  };
  // "earlier this month", "later this week", "earlier today"
  if ((lw == "earlier" || lw == "later") && s.word(i + 1)) {
    if (w1 == "today" || w1 == "tonight") {
      hit = {i, i + 1, "rel:" + std::string(lw) + " " + std::string(w1), DatePrecision::relative};
      return true;
    }
    if (w1 == "this" && (period(w2) || part_of_day(w2))) {
      hit = {i, i + 2, "rel:" + std::string(lw) + " this " + std::string(w2),
             DatePrecision::relative};
      return true;
    }
  }
  // "this morning", "last week", "next month", "that night"
  if (lw == "this" || lw == "last" || lw == "next" || lw == "that") {
    const bool ok = (lw == "that" && (part_of_day(w1) || w1 == "day" || w1 == "week")) ||
                    (lw == "this" && (period(w1) || part_of_day(w1))) ||
                    ((lw == "last" || lw == "next") && (period(w1) || w1 == "night"));
    if (ok) {
      hit = {i, i + 1, "rel:" + std::string(lw) + " " + std::string(w1), DatePrecision::relative};
      return true;
    }
  }
  // "the previous day", "the following week", "the next morning"
  if (lw == "the" && (w1 == "previous" || w1 == "following" || w1 == "next") &&
      (part_of_day(w2) || w2 == "day" || w2 == "week" || w2 == "month" || w2 == "year")) {
    hit = {i, i + 2, "rel:" + std::string(w1) + " " + std::string(w2), DatePrecision::relative};
    return true;
  }
  // "the 15 of this month", "the 3rd of last month"
  if (lw == "the" && s.number(i + 1) && s.is(i + 2, "of") && s.is(i + 4, "month")) {
    int day = 0;
    const std::string_view which = s.lower(i + 3);
    if (day_at(s, i + 1, day) && (which == "this" || which == "last" || which == "next")) {
      hit = {i + 1, i + 4, "rel:" + std::string(which) + " month-" + pad2(day),
             DatePrecision::day};
      return true;
    }
  }
  // "during the night", "during the day", "at night", "in the morning"
  if ((lw == "during" || lw == "in") && w1 == "the" &&
      (part_of_day(w2) || (lw == "during" && w2 == "day"))) {
    hit = {i + 2, i + 2, "part:" + std::string(w2), DatePrecision::relative};
    return true;
  }
  if (lw == "at" && w1 == "night") {
    hit = {i + 1, i + 1, "part:night", DatePrecision::relative};
    return true;
  }
  // "two days later", "hours later", "a week ago", "3 years earlier"
  {
    std::string count;
    std::size_t u = i;
    const NumberWord nw = number_word_of(s, i, lw);
    if (s.number(i) && s.doc.tokens[i].form == NumberForm::cardinal) {
      count = nd::format_number(s.doc.tokens[i].value);
      u = i + 1;
    } else if (const int v = nw.value; v > 0 && !nw.ordinal) {
      count = std::to_string(v);
      u = i + 1;
    } else if (lw == "a" || lw == "an") {
      count = "1";
      u = i + 1;
    } else if (lw == "several" || lw == "few") {
      count = std::string(lw);
      u = i + 1;
    }
    std::string_view unit;
    if (s.word(u) && time_unit(s.lower(u).view(), unit) && s.word(u + 1)) {
      const std::string_view dir = s.lower(u + 1).view();
      if (dir == "ago" || dir == "later" || dir == "earlier") {
        std::string key = "rel:";
        if (count.empty()) {
          key += s.lower(u).view(); // "hours later"
        } else {
          key += count;
          key += ' ';
          key += unit;
        }
        key += ' ';
        key += dir;
        hit = {i, u + 1, std::move(key), DatePrecision::relative};
        return true;
      }
    }
  }
  return false;
}

bool season_word(std::string_view w) {
  return w == "spring" || w == "summer" || w == "autumn" || w == "fall" || w == "winter";
}

// "the spring of 1846", "summer 2025"
bool match_season(const Sent& s, std::size_t i, Hit& hit) {
  if (!s.word(i)) {
    return false;
  }
  const nd::LowView w = s.lower(i);
  if (!season_word(w.view())) {
    return false;
  }
  std::size_t y = i + 1;
  if (s.is(y, "of")) {
    ++y;
  }
  int year = 0;
  if (!year_at(s, y, year)) {
    return false;
  }
  const std::string_view season = w.view() == "autumn" ? std::string_view("fall") : w.view();
  hit = {i, y, "season:" + std::to_string(year) + "-" + std::string(season), DatePrecision::month};
  return true;
}

// A four-digit year in date role (see the decisions above). `prev_hit_last`
// is the last token of the previous date in the sentence, if any.
bool match_year(const Sent& s, std::size_t i, std::size_t prev_hit_end, Hit& hit) {
  int year = 0;
  if (!year_at(s, i, year)) {
    return false;
  }
  if (s.glued(i) && i + 1 < s.end && s.text(i + 1) != "," && s.text(i + 1) != "." &&
      s.text(i + 1) != ")" && s.text(i + 1) != ";" && s.text(i + 1) != ":") {
    return false; // "2003-05", "1836/7": not a plain year
  }
  const std::string_view before = i > s.first ? s.lower(i - 1).view() : std::string_view{};
  bool role = year_role_word(before);
  if (!role && before == "the" && i + 1 < s.end &&
      (s.word(i + 1) || s.doc.tokens[i + 1].kind == TokenKind::quote)) {
    role = true; // "the 2003 case"
  }
  if (!role && (before == "to" || before == "and" || before == "-" || before == "through") &&
      prev_hit_end + 1 == i - 1 + 1 && i >= 2) {
    role = true; // "from 2003 to 2005"
  }
  if (!role && i == s.first &&
      (i + 1 == s.end || s.text(i + 1) == "(" || s.text(i + 1) == ":")) {
    role = true; // a year heading: "2025 (24 updates)"
  }
  if (!role && i > s.first && s.text(i - 1) == "(" && s.is(i + 1, ")")) {
    role = true;
  }
  if (!role) {
    return false;
  }
  hit = {i, i, "year:" + std::to_string(year), DatePrecision::year};
  return true;
}

bool match_decade(const Sent& s, std::size_t i, Hit& hit) {
  if (!s.number(i) || s.doc.tokens[i].form != NumberForm::decade) {
    return false;
  }
  hit = {i, i, "decade:" + nd::format_number(s.doc.tokens[i].value) + "s", DatePrecision::year};
  return true;
}

// "mid-March": the month of a "mid-" word.
bool match_mid_month(const Sent& s, std::size_t i, Hit& hit) {
  if (!s.word(i)) {
    return false;
  }
  const nd::LowView w = s.lower(i);
  if (!w.view().starts_with("mid-")) {
    return false;
  }
  bool ambiguous = false;
  const int month = nd::month_word(w.view().substr(4), ambiguous);
  if (month == 0) {
    return false;
  }
  int year = 0;
  if (year_at(s, i + 1, year)) {
    hit = {i, i + 1, month_key(year, month), DatePrecision::month};
  } else {
    hit = {i, i, month_key(0, month), DatePrecision::month};
  }
  return true;
}

std::string_view qualifier_before(const Sent& s, std::size_t i) {
  const std::string_view w1 = i > s.first ? s.lower(i - 1).view() : std::string_view{};
  const std::string_view w2 = i > s.first + 1 ? s.lower(i - 2).view() : std::string_view{};
  if ((w2 == "shortly" || w2 == "just") && (w1 == "after" || w1 == "before")) {
    static constexpr std::string_view k_pairs[] = {"shortly after", "shortly before", "just after",
                                                   "just before"};
    for (std::string_view p : k_pairs) {
      if (p.starts_with(w2) && p.ends_with(w1)) {
        return p;
      }
    }
  }
  static constexpr std::string_view k_single[] = {"about", "around", "approximately", "roughly",
                                                  "early", "late", "mid", "circa"};
  for (std::string_view q : k_single) {
    if (w1 == q) {
      return q;
    }
  }
  return {};
}

constexpr std::string_view k_time_season_words[] = {"noon",   "midday", "midnight", "spring",
                                                    "summer", "autumn", "fall",     "winter"};

// Whether `lw` may be a word of k_time_season_words or k_relative_first, or
// start with "mid-": one bit per (first byte, length up to 15), every 'm'
// word passes. Exact as a rejection, cheaper than the set lookups it saves
// for the most common words ("of", "to", "and"); the words that pass go on
// to the lookups.
bool may_be_date_word(std::string_view lw) {
  static const auto k_bits = [] {
    std::array<std::uint64_t, 256 * 16 / 64> bits{};
    const auto add = [&bits](std::string_view w) {
      const std::size_t bit = static_cast<std::size_t>(static_cast<unsigned char>(w[0])) * 16 +
                              std::min<std::size_t>(w.size(), 15);
      bits[bit / 64] |= 1ULL << (bit % 64);
    };
    for (const std::string_view w : k_time_season_words) {
      add(w);
    }
    for (const std::string_view w : k_relative_first) {
      add(w);
    }
    return bits;
  }();
  if (lw.empty() || lw[0] == 'm') {
    return true;
  }
  const std::size_t bit = static_cast<std::size_t>(static_cast<unsigned char>(lw[0])) * 16 +
                          std::min<std::size_t>(lw.size(), 15);
  return (k_bits[bit / 64] & (1ULL << (bit % 64))) != 0;
}

// Whether any matcher can match at token i: a cheap exact pre-check, so
// that the common word ("police", "said") tries none of them. Each test only
// rejects tokens that every matcher rejects:
// - match_iso, match_decade, match_day_first and match_year want a number
//   token, all the others a number or a word token;
// - month and weekday names count only capitalized (month_at,
//   match_weekday), the glued "HouseFebruary 2" needs a number after the
//   word, and match_slashed a word of digits and slashes;
// - the rest of the word matchers read a capitalized word in lower case, as
//   any other word: they start at a word of k_time_season
//   (match_time's "noon", match_season's seasons: none ends in "s", so
//   stripping a possessive leaves them alone), at "mid-" (match_mid_month)
//   or where may_start_relative() says (match_relative's own pre-check).
bool may_start_date(const Sent& s, std::size_t i) {
  if (s.number(i)) {
    return true;
  }
  if (!s.word(i)) {
    return false;
  }
  const std::string_view t = s.text(i);
  if (t.empty() || (t[0] >= '0' && t[0] <= '9') || t[0] == '/' || s.number(i + 1)) {
    return true;
  }
  const std::string_view lower = s.lower(i).view();
  // Both possessive endings end in 's'.
  const std::string_view lw =
      lower.empty() || lower.back() != 's' ? lower : strip_possessive(lower);
  // month_at reads the token's month; match_weekday strips a possessive
  // first, so a possessive capitalized word goes on to the matchers.
  if (nd::is_upper_initial(t) &&
      (s.info(i).month != 0 || s.info(i).weekday != 0 || lw.size() != lower.size())) {
    return true;
  }
  if (!may_be_date_word(lw) && lw.size() == lower.size() && s.info(i).number <= 0) {
    // No possessive was stripped, so number_word_of() would read the token's
    // number (none), and the word misses every set below.
    return false;
  }
  static const WordViewSet k_time_season(std::begin(k_time_season_words),
                                         std::end(k_time_season_words));
  return k_time_season.contains(lw) || lower.starts_with("mid-") ||
         may_start_relative(s, i, lw);
}

} // namespace

void extract_dates(const text::Document& doc, const TokenInfos& info, std::vector<Fact>& out) {
  const std::size_t first_new = out.size();
  for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const text::Sentence& sentence = doc.sentences[si];
    const Sent s{doc, si, sentence.first_token, sentence.first_token + sentence.token_count, info};
    std::size_t prev_end = static_cast<std::size_t>(-2);
    std::size_t i = s.first;
    while (i < s.end) {
      if (!may_start_date(s, i)) {
        ++i;
        continue;
      }
      Hit hit;
      const bool found = match_iso(s, i, hit) || match_time(s, i, hit) ||
                         match_decade(s, i, hit) || match_day_first(s, i, hit) ||
                         match_month_first(s, i, hit) || match_mid_month(s, i, hit) ||
                         match_slashed(s, i, hit) || match_weekday(s, i, hit) ||
                         match_season(s, i, hit) || match_relative(s, i, hit) ||
                         match_year(s, i, prev_end, hit);
      if (!found) {
        ++i;
        continue;
      }
      Fact f;
      f.kind = FactKind::date;
      f.sentence = si;
      f.last_sentence = si;
      f.span = {doc.tokens[hit.first].span.start + hit.skip, doc.tokens[hit.last].span.end};
      f.text = std::string(f.span.of(doc.text));
      f.key = std::move(hit.key);
      f.precision = hit.precision;
      f.qualifier = std::string(qualifier_before(s, hit.first));
      out.push_back(std::move(f));
      prev_end = hit.last;
      i = std::max(hit.last, i) + 1;
    }
  }

  // Drop the number facts that these dates cover ("2" in "Dec. 2", "2003"
  // in "in 2003", "two days" in "two days later").
  if (first_new == out.size()) {
    return;
  }
  std::vector<core::Span> spans;
  spans.reserve(out.size() - first_new);
  for (std::size_t k = first_new; k < out.size(); ++k) {
    spans.push_back(out[k].span); // already in text order
  }
  const auto covered = [&](const Fact& f) {
    if (f.kind != FactKind::number) {
      return false;
    }
    // The first date span ending after the number's start.
    const auto it = std::upper_bound(spans.begin(), spans.end(), f.span.start,
                                     [](std::uint32_t pos, const core::Span& sp) {
                                       return pos < sp.end;
                                     });
    return it != spans.end() && it->start < f.span.end;
  };
  const auto new_begin = out.begin() + static_cast<std::ptrdiff_t>(first_new);
  const auto kept_end = std::remove_if(out.begin(), new_begin, covered);
  out.erase(kept_end, new_begin);
}

} // namespace storydiff::extract::detail
