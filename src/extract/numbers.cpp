// SPDX-License-Identifier: MIT
#include "extractors.hpp"
#include "numdate_lex.hpp"
#include "word_hash.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

// Quantities, built on the tokenizer's number tokens plus number words.
//
// Decisions (the tests hold each of them):
// - A fact is one quantity: a number token ("12", "$30 million", "5-1/2
//   percent", "23-year old", "22nd"), a run of number words ("two hundred
//   and fifty", "twenty-five", "a dozen"), an ordinal word ("sixth"), a
//   fraction word ("half of", "a third of", "two-thirds"), or a vague
//   quantity ("dozens", "hundreds of thousands", "several", "a few").
// - key = "num:<value>|<unit>". <value> is the shortest decimal text (no
//   exponent, no trailing zeros); ordinals read "2nd", ranges "lo-hi", vague
//   quantities "~dozens". The unit is "percent", a currency code ("USD",
//   "GBP", "EUR", "JPY", "INR"; "money" for other signs), "year-old" for ages,
//   else the counted noun: up to three words after the number (or after a
//   partitive "of the"), lower-cased, the last one singular ("30 mobile
//   homes" → "mobile home"), stopping at function words, punctuation, names
//   of months and days, and after a plural noun or a state word ("12 dead").
//   "3.5-mile" / "five-year" give the unit of the compound ("mile", "year").
// - The span is the number and its counted noun ("340 people", "One of the
//   dead"); a qualifier before it ("at least", "more than", "about",
//   "nearly", "up to", "some", "an estimated", "as many as", ...) is NOT in
//   the span nor the key: it goes to Fact::qualifier, so "at least 15 dead"
//   and "15 dead" are the same number with a different hedge.
// - Ranges ("three to four", "10-12", "between 5 and 7", "two or three",
//   "5 to 7 percent") are one fact: value = the low end, key "lo-hi". "from
//   5 to 7" is a change, not a range: two facts. A hyphenated pair whose
//   first number is larger ("a 7-2 vote") is a tally, kept as one fact.
// - Not numbers: times and decades (dates), years and days in a date (the
//   date extractor removes number facts its dates cover), "one" as a
//   pronoun ("no one", "the one who", "one another"), ordinal words with no
//   determiner ("first reported", "at first"), numbers that name things
//   ("H.R. 4323", "No. 5", "Section 230", "Route 9"), and a list marker that
//   opens a sentence ("1)", "2.").
namespace storydiff::extract::detail {

namespace {

using text::Document;
using text::NumberForm;
using text::TokenKind;
namespace nd = numdate;

enum class QuantityKind { cardinal, ordinal, fraction, percent, money, age, vague };

struct Quantity {
  std::size_t first = 0; // first token (inclusive)
  std::size_t last = 0;  // last token (inclusive)
  double value = 0;
  double high = 0; // range: the high end
  bool range = false;
  bool tally = false; // "7-2": a pair, not a range
  bool from_words = false;
  QuantityKind kind = QuantityKind::cardinal;
  std::string_view vague; // vague: "dozens", "hundreds of thousands", ...
  std::string unit;       // a unit the number itself gives ("percent", "USD", "mile")
};

struct Sent {
  const Document& doc;
  std::uint32_t index;
  std::size_t first; // first token
  std::size_t end;   // one past the last token

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
  // Tokens i and i+1 touch (no space between them).
  bool glued(std::size_t i) const {
    return i + 1 < end && doc.tokens[i].span.end == doc.tokens[i + 1].span.start;
  }
};

constexpr std::string_view k_stop[] = {
    "a",        "an",       "the",      "of",       "in",        "on",       "at",
    "to",       "for",      "from",     "by",       "with",      "and",      "or",
    "but",      "as",       "than",     "that",     "this",      "these",    "those",
    "which",    "who",      "whom",     "whose",    "is",        "are",      "was",
    "were",     "be",       "been",     "being",    "has",       "have",     "had",
    "will",     "would",    "could",    "should",   "may",       "might",    "must",
    "can",      "do",       "does",     "did",      "not",       "no",       "it",
    "its",      "their",    "his",      "her",      "they",      "he",       "she",
    "we",       "i",        "you",      "our",      "my",        "your",     "them",
    "him",      "us",       "per",      "each",     "after",     "before",   "since",
    "until",    "during",   "into",     "over",     "under",     "about",    "around",
    "between",  "if",       "when",     "while",    "where",     "there",    "here",
    "so",       "also",     "more",     "less",     "nor",       "yet",      "said",
    "says",     "say",      "according", "ago",     "earlier",   "later",    "last",
    "next",     "out",      "up",       "down",     "off",       "all",      "both",
    "including", "such",    "what",     "today",    "yesterday", "tomorrow", "tonight",
    "am",       "then",     "now",      "because",  "through",   "against",  "across",
    "among",    "toward",   "towards",  "within",   "without",   "via",      "whereas"};

bool is_stop(std::string_view lower) {
  static const WordViewSet k_set(std::begin(k_stop), std::end(k_stop));
  return k_set.contains(lower);
}

// Words that describe the counted people and end the counted noun: "12 dead".
constexpr std::string_view k_state[] = {
    "dead",     "injured", "wounded",  "killed",  "missing",   "hurt",
    "displaced", "homeless", "arrested", "evacuated", "rescued", "detained"};

// A flat set: counted_noun() asks for every word after a number.
bool is_state(std::string_view lower) {
  static const WordViewSet k_set(std::begin(k_state), std::end(k_state));
  return k_set.contains(lower);
}

constexpr std::string_view k_irregular_plural[] = {
    "people", "men",  "women",  "children", "feet", "teeth",
    "police", "mice", "geese",  "cattle",   "staff", "personnel"};

bool is_plural(std::string_view w) {
  static const WordViewSet k_irregular(std::begin(k_irregular_plural),
                                       std::end(k_irregular_plural));
  if (k_irregular.contains(w)) {
    return true;
  }
  if (w.size() < 3 || w.back() != 's') {
    return false;
  }
  const char before = w[w.size() - 2];
  return before != 's' && before != 'u' && before != 'i' && w != "news" && w != "series" &&
         w != "species";
}

// The singular of a lower-case plural noun (light: no dictionary).
std::string singular(std::string_view w) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> k_irregular = {
      {{"men", "man"},
       {"women", "woman"},
       {"children", "child"},
       {"feet", "foot"},
       {"teeth", "tooth"},
       {"mice", "mouse"},
       {"geese", "goose"},
       {"persons", "person"}}};
  for (const auto& [plural, one] : k_irregular) {
    if (w == plural) {
      return std::string(one);
    }
  }
  if (!is_plural(w) || nd::in_list(w, k_irregular_plural)) {
    return std::string(w);
  }
  const auto ends = [&](std::string_view suffix) {
    return w.size() > suffix.size() + 1 && w.substr(w.size() - suffix.size()) == suffix;
  };
  if (ends("ies")) {
    return std::string(w.substr(0, w.size() - 3)) + "y";
  }
  if (ends("sses") || ends("shes") || ends("ches") || ends("xes") || ends("zzes")) {
    return std::string(w.substr(0, w.size() - 2));
  }
  return std::string(w.substr(0, w.size() - 1));
}

// Currency of a money token from its sign.
std::string currency_of(std::string_view token) {
  if (token.find('$') != std::string_view::npos) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> k_prefix = {
        {{"US", "USD"}, {"A", "AUD"}, {"C", "CAD"}, {"CA", "CAD"}, {"HK", "HKD"},
         {"NZ", "NZD"}, {"S", "SGD"}}};
    const std::string_view prefix = token.substr(0, token.find('$'));
    for (const auto& [p, code] : k_prefix) {
      if (prefix == p) {
        return std::string(code);
      }
    }
    return "USD";
  }
  if (token.find("\xC2\xA3") != std::string_view::npos) {
    return "GBP"; // £
  }
  if (token.find("\xE2\x82\xAC") != std::string_view::npos) {
    return "EUR"; // €
  }
  if (token.find("\xC2\xA5") != std::string_view::npos) {
    return "JPY"; // ¥
  }
  if (token.find("\xE2\x82\xB9") != std::string_view::npos) {
    return "INR"; // ₹
  }
  return "money";
}

// "third(s)" → 3, "quarter(s)" → 4, "half"/"halves" → 2, "fifth(s)".."tenth(s)".
int denominator_word(std::string_view w) {
  if (w == "half" || w == "halves") {
    return 2;
  }
  if (w == "quarter" || w == "quarters") {
    return 4;
  }
  if (!w.empty() && w.back() == 's') {
    w.remove_suffix(1);
  }
  const int v = nd::ordinal_word(w);
  return v >= 3 && v <= 10 ? v : 0;
}

// Units a number word may be hyphenated to ("five-year plan", "two-day").
constexpr std::string_view k_compound_units[] = {
    "year",   "month",  "week",   "day",   "hour",      "minute",  "mile",  "foot",
    "meter",  "metre",  "kilometer", "kilometre", "inch", "yard", "story", "storey",
    "point",  "member", "person", "seat",  "game",      "page",    "bedroom", "vote"};

// Number words from `i` ("two hundred and fifty", "twenty-five", "a dozen",
// "sixth"). nullopt when token i starts none.
std::optional<Quantity> parse_words(const Sent& s, std::size_t i) {
  enum class Prev { none, unit, tens, hundred, big };
  double total = 0;
  double current = 0;
  Prev prev = Prev::none;
  bool ordinal = false;
  std::size_t j = i;
  std::size_t last = i;
  if ((s.is(i, "a") || s.is(i, "an")) && s.word(i + 1)) {
    const nd::LowView next = s.lower(i + 1);
    if (nd::multiplier_word(next) == 0 && next.view() != "dozen") {
      return std::nullopt;
    }
    current = 1;
    prev = Prev::unit;
    j = i + 1;
  }
  while (s.word(j)) {
    const nd::LowView w = s.lower(j);
    const bool ord = s.info(j).ordinal();
    if (const int v = s.info(j).number; v >= 0) {
      const bool unit_after_tens = prev == Prev::tens && v >= 1 && v <= 9;
      if (prev != Prev::none && prev != Prev::hundred && prev != Prev::big && !unit_after_tens) {
        break;
      }
      current += v;
      prev = (v >= 20 && v % 10 == 0 && v < 100 && !ord) ? Prev::tens : Prev::unit;
      last = j++;
      if (ord) {
        ordinal = true;
        break;
      }
      continue;
    }
    if (const double m = nd::multiplier_word(w); m > 0 && prev != Prev::none) {
      if (m == 100) {
        if (prev == Prev::hundred) {
          break;
        }
        current = (current == 0 ? 1 : current) * 100;
        prev = Prev::hundred;
      } else {
        total += (current == 0 ? 1 : current) * m;
        current = 0;
        prev = Prev::big;
      }
      last = j++;
      continue;
    }
    if (w.view() == "dozen" && prev == Prev::unit) {
      current *= 12;
      prev = Prev::big;
      last = j++;
      continue;
    }
    if (w.view() == "and" && (prev == Prev::hundred || prev == Prev::big) && s.word(j + 1)) {
      if (s.info(j + 1).number > 0) {
        ++j;
        continue;
      }
    }
    break;
  }
  if (prev == Prev::none) {
    return std::nullopt;
  }
  Quantity q;
  q.first = i;
  q.last = last;
  q.value = total + current;
  q.kind = ordinal ? QuantityKind::ordinal : QuantityKind::cardinal;
  q.from_words = true;
  return q;
}

// find_first_of / find, without a library call per byte: the words are short.
bool has_byte(std::string_view w, char b) {
  return std::any_of(w.begin(), w.end(), [b](char c) { return c == b; });
}
bool has_digit(std::string_view w) {
  return std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_determiner(std::string_view w) {
  static constexpr std::string_view k_det[] = {
      "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that", "every"};
  return nd::in_list(w, k_det);
}

bool possessive(std::string_view word) {
  return word.ends_with("'s") || word.ends_with("\xE2\x80\x99s") || word.ends_with("s'") ||
         word.ends_with("s\xE2\x80\x99");
}

// A quantity written in words starting at token i, with the filters for
// pronoun "one" and adverb "first". nullopt when none.
std::optional<Quantity> word_quantity(const Sent& s, std::size_t i) {
  const nd::LowView w = s.lower(i);
  const std::string_view lw = w.view();
  if (lw.size() < 3 && lw != "a") {
    return std::nullopt; // no number word is shorter ("an" never starts one here)
  }
  // What follows accepts only a vague word (k_vague), "several", "a",
  // "half", a hyphenated compound, or what parse_words() accepts, and
  // parse_words() needs a number word at i ("an" is rejected above; a
  // multiplier, "dozen" or "and" never starts a run). So a word that is none
  // of these is rejected here, with one flag and one lookup (most words miss
  // the table's pre-filter) instead of the scans below.
  static const WordViewSet k_quantity_start = {
      "dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens",
      "several", "a", "half"};
  if (s.info(i).number < 0 && !k_quantity_start.contains(lw) && !has_byte(lw, '-')) {
    return std::nullopt;
  }

  // Vague quantities.
  static constexpr std::array<std::pair<std::string_view, double>, 7> k_vague = {
      {{"dozens", 24}, {"scores", 40}, {"hundreds", 200}, {"thousands", 2000},
       {"millions", 2e6}, {"billions", 2e9}, {"tens", 20}}};
  for (const auto& [name, value] : k_vague) {
    if (lw != name) {
      continue;
    }
    Quantity q;
    q.first = q.last = i;
    q.kind = QuantityKind::vague;
    q.value = value;
    q.vague = name;
    // "hundreds of thousands", "tens of millions".
    if (s.is(i + 1, "of") && s.word(i + 2)) {
      static constexpr std::array<std::pair<std::string_view, double>, 4> k_compound = {
          {{"tens of thousands", 2e4}, {"hundreds of thousands", 2e5},
           {"tens of millions", 2e7}, {"hundreds of millions", 2e8}}};
      const nd::LowView big = s.lower(i + 2);
      for (const auto& [compound, compound_value] : k_compound) {
        if (compound.starts_with(name) && compound.ends_with(big.view()) &&
            compound.size() == name.size() + 4 + big.view().size()) {
          q.vague = compound;
          q.value = compound_value;
          q.last = i + 2;
        }
      }
    }
    if (name == "tens" && q.last == i) {
      return std::nullopt; // "tens" alone is no quantity
    }
    return q;
  }
  if (lw == "several") {
    Quantity q;
    q.first = q.last = i;
    q.kind = QuantityKind::vague;
    q.value = 3;
    q.vague = "several";
    return q;
  }
  if ((lw == "a") && s.word(i + 1)) {
    const nd::LowView next = s.lower(i + 1);
    if (next.view() == "few" || (next.view() == "handful" && s.is(i + 2, "of"))) {
      Quantity q;
      q.first = i;
      q.last = i + 1;
      q.kind = QuantityKind::vague;
      q.value = next.view() == "few" ? 3 : 5;
      q.vague = next.view() == "few" ? "a few" : "a handful";
      return q;
    }
    // "a third of", "a quarter of", "a half"
    if (const int d = denominator_word(next); d != 0 && s.is(i + 2, "of")) {
      Quantity q;
      q.first = i;
      q.last = i + 1;
      q.kind = QuantityKind::fraction;
      q.value = 1.0 / d;
      q.from_words = true;
      return q;
    }
  }
  if (lw == "half") {
    const std::string_view next = i + 1 < s.end ? s.lower(i + 1).view() : std::string_view{};
    if (next == "of" || next == "the" || next == "a" || next == "an" || next == "its" ||
        next == "their" || next == "his" || next == "her" || next == "our" || next == "all") {
      Quantity q;
      q.first = q.last = i;
      q.kind = QuantityKind::fraction;
      q.value = 0.5;
      q.from_words = true;
      return q;
    }
    return std::nullopt;
  }

  // Hyphenated compounds that are not plain number words: "two-thirds",
  // "three-year-old", "five-year".
  if (const std::size_t dash = lw.find('-');
      dash != std::string_view::npos && s.info(i).number < 0) {
    const int n = nd::cardinal_word(lw.substr(0, dash));
    const std::string_view rest = lw.substr(dash + 1);
    if (n <= 0) {
      return std::nullopt;
    }
    Quantity q;
    q.first = q.last = i;
    q.from_words = true;
    if (const int d = denominator_word(rest); d != 0 && n < d) {
      q.kind = QuantityKind::fraction;
      q.value = static_cast<double>(n) / d;
      return q;
    }
    if (rest == "year-old" || rest == "year-olds" || rest == "years-old") {
      q.kind = QuantityKind::age;
      q.value = n;
      q.unit = "year-old";
      return q;
    }
    if (nd::in_list(rest, k_compound_units)) {
      q.value = n;
      q.unit = std::string(rest);
      return q;
    }
    return std::nullopt;
  }

  std::optional<Quantity> q = parse_words(s, i);
  if (!q) {
    return std::nullopt;
  }
  const std::string_view before = i > s.first ? s.lower(i - 1).view() : std::string_view{};
  const std::string_view after = q->last + 1 < s.end ? s.lower(q->last + 1).view()
                                                     : std::string_view{};
  if (q->first == q->last && lw == "one" && q->kind == QuantityKind::cardinal) {
    // Pronoun "one": "no one", "the one who", "one another", "any one".
    static constexpr std::string_view k_pronoun_before[] = {
        "no", "the", "this", "that", "every", "any", "each", "which", "only", "little", "loved",
        "someone"};
    if (nd::in_list(before, k_pronoun_before) || after == "another" || after == "'s" ||
        after == "\xE2\x80\x99s") {
      return std::nullopt;
    }
  }
  if (q->kind == QuantityKind::ordinal) {
    // "first reported", "at first": an ordinal word needs a determiner or a
    // possessive before it; after "a"/"an" also a following noun ("a second
    // attack", not "for a second").
    const bool det = is_determiner(before) || (i > s.first && possessive(s.text(i - 1)));
    if (!det) {
      return std::nullopt;
    }
    if ((before == "a" || before == "an") && (!s.word(q->last + 1) || is_stop(after))) {
      return std::nullopt;
    }
  }
  // "two thirds of"
  if (q->kind == QuantityKind::cardinal && s.word(q->last + 1)) {
    if (const int d = denominator_word(after); d != 0 && q->value < d && q->value >= 1 &&
                                               s.is(q->last + 2, "of")) {
      q->kind = QuantityKind::fraction;
      q->value /= d;
      q->last += 1;
    }
  }
  return q;
}

// A quantity from a number token.
std::optional<Quantity> token_quantity(const Sent& s, std::size_t i) {
  const text::Token& t = s.doc.tokens[i];
  Quantity q;
  q.first = q.last = i;
  q.value = t.value;
  switch (t.form) {
  case NumberForm::cardinal: q.kind = QuantityKind::cardinal; break;
  case NumberForm::fraction: q.kind = QuantityKind::fraction; break;
  case NumberForm::percent:
    q.kind = QuantityKind::percent;
    q.unit = "percent";
    break;
  case NumberForm::money:
    q.kind = QuantityKind::money;
    q.unit = currency_of(s.text(i));
    break;
  case NumberForm::age:
    q.kind = QuantityKind::age;
    q.unit = "year-old";
    break;
  case NumberForm::ordinal: q.kind = QuantityKind::ordinal; break;
  case NumberForm::time:
  case NumberForm::decade:
  case NumberForm::none: return std::nullopt;
  }
  return q;
}

std::optional<Quantity> quantity_at(const Sent& s, std::size_t i) {
  if (s.number(i)) {
    return token_quantity(s, i);
  }
  if (s.word(i)) {
    return word_quantity(s, i);
  }
  return std::nullopt;
}

// Numbers that name things: "H.R. 4323", "No. 5", "Section 230".
bool names_something(const Sent& s, std::size_t i) {
  if (i <= s.first) {
    return false;
  }
  static constexpr std::string_view k_id[] = {
      "h.r.",    "h.res.", "s.res.",  "s.",       "no.",     "nos.",    "number", "#",
      "section", "sec.",   "article", "art.",     "chapter", "title",   "room",   "route",
      "highway", "interstate", "flight", "docket", "apt.",   "suite",   "box",    "page",
      "p.",      "pp.",    "vol.",    "volume",   "item",    "amendment", "proposition",
      "prop.",   "law",    "exhibit"};
  const nd::LowView prev = s.lower(i - 1);
  if (nd::in_list(prev.view(), k_id)) {
    return true;
  }
  // "No. 5": the tokenizer may keep the period apart.
  if (s.text(i - 1) == "." && i - 1 > s.first) {
    const nd::LowView w = s.lower(i - 2);
    return w.view() == "no" || w.view() == "nos" || w.view() == "sec" || w.view() == "art" ||
           w.view() == "vol" || w.view() == "apt" || w.view() == "prop";
  }
  return s.text(i - 1) == "#";
}

// A road or street a number names: "the 210 Freeway", "14 Pell Road".
bool names_road(const Sent& s, std::size_t last) {
  std::size_t j = last + 1;
  for (int n = 0; n < 3 && s.word(j) && nd::is_upper_initial(s.text(j)); ++n, ++j) {
    static constexpr std::string_view k_roads[] = {
        "freeway", "highway", "road", "rd", "street", "st", "avenue", "ave", "boulevard",
        "blvd",    "lane",    "drive", "way", "place", "court", "motorway", "expressway"};
    if (nd::in_list(s.lower(j).view(), k_roads)) {
      return true;
    }
  }
  return false;
}

// "1)" or "2." opening a sentence.
bool list_marker(const Sent& s, std::size_t i) {
  if (i != s.first || i + 2 > s.end || s.doc.tokens[i].form != NumberForm::cardinal) {
    return false;
  }
  const std::string_view next = s.text(i + 1);
  return (next == ")" || next == ".") && s.glued(i) && i + 2 < s.end;
}

bool is_dash(std::string_view p) { return p == "-" || p == "\xE2\x80\x93"; } // - –

bool family(const Quantity& q) {
  return q.kind == QuantityKind::cardinal || q.kind == QuantityKind::fraction ||
         q.kind == QuantityKind::percent || q.kind == QuantityKind::money;
}

// Joins a range or tally to `q` when one follows.
void extend_range(const Sent& s, Quantity& q) {
  if (!family(q) || (!q.unit.empty() && q.kind != QuantityKind::percent &&
                         q.kind != QuantityKind::money)) {
    return;
  }
  const std::size_t sep = q.last + 1;
  if (sep + 1 >= s.end) {
    return;
  }
  std::optional<Quantity> b;
  bool tally_ok = false;
  if (!q.from_words && s.number(sep + 1) && is_dash(s.text(sep)) && s.glued(q.last) &&
      s.glued(sep)) {
    b = token_quantity(s, sep + 1);
    tally_ok = true;
  } else {
    const std::string_view w = s.lower(sep).view();
    const std::string_view before = q.first > s.first ? s.lower(q.first - 1).view()
                                                       : std::string_view{};
    // Spaced ranges need a bare first number ("5 to 7 percent", "three to
    // four"): "rose 1 percent to 2 percent" states two values.
    if (!q.unit.empty()) {
      return;
    }
    const bool ok = (w == "to" && before != "from") || (w == "and" && before == "between") ||
                    w == "or" || (is_dash(s.text(sep)) && !s.glued(q.last));
    if (!ok) {
      return;
    }
    b = quantity_at(s, sep + 1);
    if (b && b->from_words != q.from_words) {
      return;
    }
  }
  if (!b || !family(*b) || (b->kind != q.kind && q.kind != QuantityKind::cardinal)) {
    return;
  }
  if (b->value <= q.value && !tally_ok) {
    return;
  }
  q.range = b->value > q.value;
  q.tally = !q.range;
  q.high = b->value;
  q.last = b->last;
  if (b->kind != q.kind) {
    q.kind = b->kind;
    q.unit = b->unit;
  }
}

// Units of measure: a singular one ends the counted noun even when a noun
// follows it as a modifier ("a 50 basis point reduction").
constexpr std::string_view k_measure[] = {
    "point", "percent", "mile", "foot", "meter", "metre", "kilometer", "kilometre", "km",
    "inch", "yard", "acre", "hectare", "ton", "tonne", "pound", "kilogram", "kg", "gallon",
    "liter", "litre", "barrel", "degree", "mph", "second", "minute", "hour", "day", "week",
    "month", "year", "decade", "century"};

bool is_measure(std::string_view lower) {
  static const WordViewSet k_set(std::begin(k_measure), std::end(k_measure));
  return k_set.contains(lower);
}

// Words between a number and its noun that are not part of the unit.
constexpr std::string_view k_skip_first[] = {"other", "more", "additional", "further", "extra"};

// The counted noun after token `j`; returns the last token used (or j-1).
std::size_t counted_noun(const Sent& s, std::size_t j, std::string& unit) {
  std::size_t last = j - 1;
  std::size_t last_word_at = std::string::npos; // offset of the last word in `unit`
  // "12 more people", "two other cases": in the span, not in the unit.
  while (s.word(j) && nd::in_list(s.lower(j).view(), k_skip_first)) {
    ++j;
  }
  for (int n = 0; n < 3 && s.word(j); ++n, ++j) {
    const std::string_view raw = s.text(j);
    const nd::LowView w = s.lower(j);
    const std::string_view lw = w.view();
    if (lw.empty() || is_stop(lw) || has_digit(lw)) {
      break;
    }
    if (nd::is_upper_initial(raw) && (s.info(j).month != 0 || s.info(j).weekday != 0)) {
      break;
    }
    if (possessive(raw)) {
      break; // "one of our Nation's ...": a possessive is no counted noun
    }
    if (lw.ends_with("ly") || (n > 0 && lw.ends_with("ed"))) {
      break; // an adverb, or a verb after the noun ("one cow tested")
    }
    if (n == 0 && lw.ends_with("ed") && !is_state(lw)) {
      // "2 infected cows" (a modifier) but "thousands fled" (a verb).
      const std::string_view next = s.lower(j + 1);
      if (!s.word(j + 1) || is_stop(next) || next.ends_with("ed")) {
        break;
      }
    }
    if (!unit.empty()) {
      unit += ' ';
    }
    last_word_at = unit.size();
    unit += lw;
    last = j;
    if (is_plural(lw) || is_state(lw) || is_measure(lw)) {
      break; // "50 basis point reduction": the unit is "basis point"
    }
  }
  if (last_word_at != std::string::npos) {
    const std::string one = singular(std::string_view(unit).substr(last_word_at));
    unit.resize(last_word_at);
    unit += one;
  }
  return last;
}

// The unit words after the quantity; updates q.last and q.unit.
void attach_unit(const Sent& s, Quantity& q) {
  std::size_t j = q.last + 1;
  if (q.kind == QuantityKind::age || q.kind == QuantityKind::money ||
      q.kind == QuantityKind::percent || !q.unit.empty()) {
    return;
  }
  // "3.5-mile": a unit hyphenated to a number token.
  if (!q.from_words && j + 1 < s.end && s.text(j) == "-" && s.glued(q.last) && s.glued(j) &&
      s.word(j + 1) && q.kind != QuantityKind::ordinal) {
    const nd::LowView w = s.lower(j + 1);
    if (!w.view().empty()) {
      q.unit = singular(w.view());
      q.last = j + 1;
      return;
    }
  }
  if (q.kind != QuantityKind::ordinal && q.kind != QuantityKind::vague && s.word(j)) {
    const std::string_view w = s.lower(j).view();
    if (w == "percent" || w == "pct") {
      q.kind = QuantityKind::percent;
      q.unit = "percent";
      q.last = j;
      return;
    }
    if (w == "per" && s.is(j + 1, "cent")) {
      q.kind = QuantityKind::percent;
      q.unit = "percent";
      q.last = j + 1;
      return;
    }
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> k_currency = {
        {{"dollars", "USD"}, {"dollar", "USD"}, {"euros", "EUR"}, {"euro", "EUR"}, {"yen", "JPY"}}};
    for (const auto& [name, code] : k_currency) {
      if (w == name) {
        q.kind = QuantityKind::money;
        q.unit = code;
        q.last = j;
        return;
      }
    }
  }
  // Partitive: "one of the victims", "dozens of people".
  if (s.is(j, "of")) {
    std::size_t k = j + 1;
    const std::string_view det = k < s.end ? s.lower(k).view() : std::string_view{};
    static constexpr std::string_view k_partitive_det[] = {
        "the", "its", "their", "his", "her", "our", "these", "those"};
    const bool has_det = nd::in_list(det, k_partitive_det);
    if (has_det) {
      ++k;
    }
    if (has_det || q.kind == QuantityKind::vague) {
      std::string unit;
      const std::size_t last = counted_noun(s, k, unit);
      if (!unit.empty()) {
        q.unit = std::move(unit);
        q.last = last;
      }
    }
    return;
  }
  std::string unit;
  const std::size_t last = counted_noun(s, j, unit);
  if (!unit.empty()) {
    q.unit = std::move(unit);
    q.last = last;
  }
}

// The qualifier phrase that ends right before token i, or "".
std::string_view qualifier_before(const Sent& s, std::size_t i) {
  static constexpr std::string_view k_qualifiers[] = {
      "no more than", "no fewer than", "no less than", "as many as", "as much as", "as few as",
      "as little as", "as high as",    "more than",    "fewer than", "less than",  "greater than",
      "at least",     "at most",       "up to",        "close to",   "upwards of", "an estimated",
      "just over",    "just under",    "nearly",       "almost",     "about",      "around",
      "approximately", "roughly",      "some",         "over"};
  static constexpr std::string_view k_more[] = {"under", "estimated", "circa"};
  const auto matches = [&](std::string_view phrase) {
    // Count words, then compare backwards.
    std::size_t words = 1;
    for (char c : phrase) {
      words += c == ' ' ? 1 : 0;
    }
    if (i < s.first + words) {
      return false;
    }
    std::size_t pos = phrase.size();
    for (std::size_t k = 1; k <= words; ++k) {
      const std::size_t space = phrase.rfind(' ', pos == 0 ? 0 : pos - 1);
      const std::size_t begin = (space == std::string_view::npos || space >= pos) ? 0 : space + 1;
      const std::string_view part = phrase.substr(begin, pos - begin);
      if (!s.word(i - k) || s.lower(i - k).view() != part) {
        return false;
      }
      pos = begin == 0 ? 0 : begin - 1;
    }
    return true;
  };
  // Every phrase ends with the word right before i: one lookup of that word
  // rejects most numbers before the phrases are tried.
  static const WordViewSet k_last_words = [] {
    WordViewSet last;
    for (std::string_view q : k_qualifiers) {
      last.insert(q.substr(q.rfind(' ') + 1));
    }
    for (std::string_view q : k_more) {
      last.insert(q.substr(q.rfind(' ') + 1));
    }
    return last;
  }();
  if (i <= s.first || !s.word(i - 1) || !k_last_words.contains(s.lower(i - 1).view())) {
    return {};
  }
  for (std::string_view q : k_qualifiers) {
    if (matches(q)) {
      return q;
    }
  }
  for (std::string_view q : k_more) {
    if (matches(q)) {
      return q;
    }
  }
  return {};
}

std::string ordinal_text(double value) {
  const auto n = static_cast<long long>(value);
  std::string out = nd::format_number(value);
  const long long last2 = n % 100;
  const long long last1 = n % 10;
  if (last2 >= 11 && last2 <= 13) {
    return out + "th";
  }
  return out + (last1 == 1 ? "st" : last1 == 2 ? "nd" : last1 == 3 ? "rd" : "th");
}

Fact make_fact(const Sent& s, const Quantity& q) {
  Fact f;
  f.kind = FactKind::number;
  f.sentence = s.index;
  f.last_sentence = s.index;
  f.span = {s.doc.tokens[q.first].span.start, s.doc.tokens[q.last].span.end};
  f.text = std::string(f.span.of(s.doc.text));
  f.value = q.value;
  f.unit = q.unit;
  f.qualifier = std::string(qualifier_before(s, q.first));
  f.key = "num:";
  if (q.kind == QuantityKind::vague) {
    f.key += '~';
    f.key += q.vague;
  } else if (q.kind == QuantityKind::ordinal) {
    f.key += ordinal_text(q.value);
  } else {
    f.key += nd::format_number(q.value);
    if (q.range || q.tally) {
      f.key += '-';
      f.key += nd::format_number(q.high);
    }
  }
  f.key += '|';
  f.key += q.unit;
  return f;
}

} // namespace

void extract_numbers(const text::Document& doc, const TokenInfos& info, std::vector<Fact>& out) {
  for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const text::Sentence& sentence = doc.sentences[si];
    const Sent s{doc, si, sentence.first_token, sentence.first_token + sentence.token_count, info};
    std::size_t i = s.first;
    while (i < s.end) {
      std::optional<Quantity> q = quantity_at(s, i);
      if (!q || (!q->from_words && (names_something(s, i) || list_marker(s, i))) ||
          ((q->kind == QuantityKind::cardinal || q->kind == QuantityKind::ordinal) &&
           names_road(s, q->last))) {
        ++i;
        continue;
      }
      extend_range(s, *q);
      attach_unit(s, *q);
      out.push_back(make_fact(s, *q));
      i = q->last + 1;
    }
  }
}

} // namespace storydiff::extract::detail
