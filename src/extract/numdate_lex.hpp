// SPDX-License-Identifier: MIT
#pragma once

// Private to the numbers and dates extractors: small word lists and helpers
// shared by both (number words, month and weekday names, canonical number
// text). Everything here is allocation-free except format_number().
#include "word_hash.hpp"

#include <storydiff/text/segment.hpp>

#include <array>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace storydiff::extract::detail::numdate {

// A word lower-cased (ASCII) into a fixed buffer; words longer than the
// buffer read as empty (no word list here has such long entries).
class Lower {
public:
  explicit Lower(std::string_view word) {
    if (word.size() >= m_buf.size()) {
      return;
    }
    for (char c : word) {
      m_buf[m_size++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  std::string_view view() const { return {m_buf.data(), m_size}; }
  operator std::string_view() const { return view(); }

private:
  std::array<char, 32> m_buf{};
  std::size_t m_size = 0;
};

// Equality that rejects on length and first byte before comparing (the
// word lists are scanned for every token: this keeps the scans cheap).
inline bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || (a[0] == b[0] && a == b));
}

// A token's text in the ASCII-lower-cased copy of the document (see
// ascii_lower); valid as long as that copy.
struct LowView {
  std::string_view v;
  std::string_view view() const { return v; }
  operator std::string_view() const { return v; }
};

// `text` with ASCII capitals lowered; same length, so token spans index it.
inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

inline bool is_upper_initial(std::string_view word) {
  return !word.empty() && word[0] >= 'A' && word[0] <= 'Z';
}

template <std::size_t N>
bool in_list(std::string_view lower, const std::string_view (&list)[N]) {
  for (std::string_view w : list) {
    if (same(w, lower)) {
      return true;
    }
  }
  return false;
}

template <std::size_t N>
bool in_list(std::string_view lower, const std::array<std::string_view, N>& list) {
  for (std::string_view w : list) {
    if (same(w, lower)) {
      return true;
    }
  }
  return false;
}

// "one".."nineteen" → 1..19, "zero" → 0, "twenty".."ninety" → 20..90; -1 otherwise.
inline int cardinal_word(std::string_view lower) {
  static constexpr std::array<std::string_view, 20> k_small = {
      "zero",    "one",     "two",       "three",    "four",     "five",    "six",
      "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
      "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
  static constexpr std::array<std::string_view, 8> k_tens = {
      "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
  for (std::size_t i = 0; i < k_small.size(); ++i) {
    if (same(k_small[i], lower)) {
      return static_cast<int>(i);
    }
  }
  for (std::size_t i = 0; i < k_tens.size(); ++i) {
    if (same(k_tens[i], lower)) {
      return static_cast<int>(20 + 10 * i);
    }
  }
  return -1;
}

// "first".."nineteenth" → 1..19, "twentieth".."ninetieth" → 20..90,
// "hundredth" 100, "thousandth" 1000; -1 otherwise.
inline int ordinal_word(std::string_view lower) {
  static constexpr std::array<std::string_view, 19> k_small = {
      "first",      "second",     "third",       "fourth",      "fifth",
      "sixth",      "seventh",    "eighth",      "ninth",       "tenth",
      "eleventh",   "twelfth",    "thirteenth",  "fourteenth",  "fifteenth",
      "sixteenth",  "seventeenth", "eighteenth", "nineteenth"};
  static constexpr std::array<std::string_view, 8> k_tens = {
      "twentieth", "thirtieth", "fortieth", "fiftieth",
      "sixtieth",  "seventieth", "eightieth", "ninetieth"};
  for (std::size_t i = 0; i < k_small.size(); ++i) {
    if (same(k_small[i], lower)) {
      return static_cast<int>(i + 1);
    }
  }
  for (std::size_t i = 0; i < k_tens.size(); ++i) {
    if (same(k_tens[i], lower)) {
      return static_cast<int>(20 + 10 * i);
    }
  }
  if (lower == "hundredth") {
    return 100;
  }
  if (lower == "thousandth") {
    return 1000;
  }
  return -1;
}

// A number word, possibly a hyphenated compound ("twenty-five",
// "twenty-fifth"). Sets `ordinal`. -1 when it is none.
inline int number_word(std::string_view lower, bool& ordinal) {
  ordinal = false;
  // Every number word is 3..16 bytes and starts with one of these letters.
  if (lower.size() < 3 || lower.size() > 16 ||
      std::string_view("zotfsenh").find(lower[0]) == std::string_view::npos) {
    return -1;
  }
  // The single words of cardinal_word and ordinal_word in one table (they
  // share no word): one lookup instead of two list scans.
  struct Entry {
    std::int16_t value = 0;
    bool ordinal = false;
  };
  static const FlatWordMap<Entry> k_words = [] {
    FlatWordMap<Entry> map;
    for (std::string_view w :
         {"zero",       "one",        "two",        "three",       "four",       "five",
          "six",        "seven",      "eight",      "nine",        "ten",        "eleven",
          "twelve",     "thirteen",   "fourteen",   "fifteen",     "sixteen",    "seventeen",
          "eighteen",   "nineteen",   "twenty",     "thirty",      "forty",      "fifty",
          "sixty",      "seventy",    "eighty",     "ninety",      "first",      "second",
          "third",      "fourth",     "fifth",      "sixth",       "seventh",    "eighth",
          "ninth",      "tenth",      "eleventh",   "twelfth",     "thirteenth", "fourteenth",
          "fifteenth",  "sixteenth",  "seventeenth", "eighteenth", "nineteenth", "twentieth",
          "thirtieth",  "fortieth",   "fiftieth",   "sixtieth",    "seventieth", "eightieth",
          "ninetieth",  "hundredth",  "thousandth"}) {
      if (const int v = cardinal_word(w); v >= 0) {
        map.emplace(w, Entry{static_cast<std::int16_t>(v), false});
      } else {
        map.emplace(w, Entry{static_cast<std::int16_t>(ordinal_word(w)), true});
      }
    }
    return map;
  }();
  if (const Entry* e = k_words.find(lower); e != nullptr) {
    ordinal = e->ordinal;
    return e->value;
  }
  const std::size_t dash = lower.find('-');
  if (dash == std::string_view::npos) {
    return -1;
  }
  const int tens = cardinal_word(lower.substr(0, dash));
  if (tens < 20 || tens % 10 != 0) {
    return -1;
  }
  const std::string_view rest = lower.substr(dash + 1);
  if (int u = cardinal_word(rest); u >= 1 && u <= 9) {
    return tens + u;
  }
  if (int u = ordinal_word(rest); u >= 1 && u <= 9) {
    ordinal = true;
    return tens + u;
  }
  return -1;
}

// "hundred" 100, "thousand" 1e3, "million" 1e6, "billion" 1e9, "trillion"
// 1e12; 0 otherwise.
inline double multiplier_word(std::string_view lower) {
  if (lower == "hundred") {
    return 1e2;
  }
  if (lower == "thousand") {
    return 1e3;
  }
  if (lower == "million") {
    return 1e6;
  }
  if (lower == "billion") {
    return 1e9;
  }
  if (lower == "trillion") {
    return 1e12;
  }
  return 0;
}

// Month names and abbreviations ("Sept", "Dec"; the period is a separate
// token) → 1..12; 0 otherwise. `ambiguous` is set for names that are also
// common words ("May", "March", the short "Jan", "Mar", "Jun", "Aug").
inline int month_word(std::string_view lower, bool& ambiguous) {
  struct Entry {
    std::uint8_t month = 0;
    bool ambiguous = false;
  };
  // One flat lookup: called for every token of a document (token_info.cpp).
  static const FlatWordMap<Entry> k_names = [] {
    static constexpr std::array<std::string_view, 12> k_full = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    static constexpr std::array<std::string_view, 12> k_short = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    FlatWordMap<Entry> map;
    for (std::size_t i = 0; i < 12; ++i) {
      const bool common = i == 2 || i == 4 || i == 7; // march, may, august
      map.emplace(k_full[i], Entry{static_cast<std::uint8_t>(i + 1), common});
    }
    for (std::size_t i = 0; i < 12; ++i) {
      map.emplace(k_short[i], Entry{static_cast<std::uint8_t>(i + 1), true}); // "may" stays full
    }
    map.emplace("sept", Entry{9, false});
    return map;
  }();
  const Entry* e = k_names.find(lower);
  ambiguous = e != nullptr && e->ambiguous;
  return e == nullptr ? 0 : e->month;
}

// "monday".."sunday" and "mon", "tue(s)", "wed", "thu(r)(s)", "fri", "sat",
// "sun" → 1..7 (Monday = 1); 0 otherwise. `abbrev` is set for the short forms.
inline int weekday_word(std::string_view lower, bool& abbrev) {
  struct Entry {
    std::uint8_t day = 0;
    bool abbrev = false;
  };
  // One flat lookup: called for every token of a document (token_info.cpp).
  static const FlatWordMap<Entry> k_names = [] {
    static constexpr std::array<std::string_view, 7> k_full = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    static constexpr std::array<std::pair<std::string_view, int>, 10> k_short = {
        {{"mon", 1}, {"tue", 2}, {"tues", 2}, {"wed", 3}, {"thu", 4}, {"thur", 4}, {"thurs", 4},
         {"fri", 5}, {"sat", 6}, {"sun", 7}}};
    FlatWordMap<Entry> map;
    for (std::size_t i = 0; i < 7; ++i) {
      map.emplace(k_full[i], Entry{static_cast<std::uint8_t>(i + 1), false});
    }
    for (const auto& [w, d] : k_short) {
      map.emplace(w, Entry{static_cast<std::uint8_t>(d), true});
    }
    return map;
  }();
  const Entry* e = k_names.find(lower);
  abbrev = e != nullptr && e->abbrev;
  return e == nullptr ? 0 : e->day;
}

inline std::string_view weekday_key(int day) {
  static constexpr std::array<std::string_view, 8> k_keys = {"", "mon", "tue", "wed",
                                                             "thu", "fri", "sat", "sun"};
  return day >= 1 && day <= 7 ? k_keys[static_cast<std::size_t>(day)] : "";
}

// The shortest decimal text that reads back as `value`, never in exponent
// form and with no trailing zeros: 3e7 → "30000000", 1.25 → "1.25".
inline std::string format_number(double value) {
  std::array<char, 64> buf{};
  const auto result = std::to_chars(buf.data(), buf.data() + buf.size(), value,
                                    std::chars_format::fixed);
  if (result.ec != std::errc{}) {
    return "0";
  }
  std::string out(buf.data(), result.ptr);
  if (out == "-0") {
    out = "0";
  }
  return out;
}

// An integer value in [lo, hi] written as plain digits (no grouping, sign,
// decimals or suffix), e.g. a day of month or a year.
inline bool plain_integer(const text::Document& doc, std::size_t token, int lo, int hi, int& out) {
  const text::Token& t = doc.tokens[token];
  if (t.kind != text::TokenKind::number) {
    return false;
  }
  const std::string_view s = doc.token_text(token);
  if (s.empty() || s.size() > 4) {
    return false;
  }
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') {
      return false;
    }
    v = v * 10 + (c - '0');
  }
  if (v < lo || v > hi) {
    return false;
  }
  out = v;
  return true;
}

} // namespace storydiff::extract::detail::numdate
