// SPDX-License-Identifier: MIT
#include <storydiff/core/utf8.hpp>
#include <storydiff/text/token.hpp>

#include "byte_scan.hpp"
#include "chars.hpp"

#include <utf8proc.h>

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

// Number-aware tokenizer. One left-to-right pass; every branch either emits a
// token and moves past it or advances by at least one code point, so the
// whole is linear (look-ahead is bounded by a few words).
//
// Decisions (documented for the callers and the tests):
// - Words: letters, digits and marks, joined by an apostrophe or hyphen
//   between word characters ("don't", "O’Brien", "long-term", "COVID-19"), by
//   '/' between digits ("9/11", "24/7": not fractions), by '&' between capitals
//   ("AT&T") and by '.' followed by a word character ("U.S", "e.g",
//   "bbc.co.uk"). A word with internal periods whose parts all have at most 2
//   letters (initialisms: "U.S.", "Ph.D.", "e.g.", "p.m.") takes its final
//   period too; any other final period is punctuation.
// - A trailing apostrophe after s ("Jones'", "students’") belongs to the word
//   unless a single quotation mark is open in the same text; then it closes it.
// - Digits glued to letters that are no known suffix ("5G", "100km", "3D")
//   form a word, like IDs that start with a letter ("F-16", "A607").
// - Ideographs and kana (no spaces between words) are one token each.
// - Non-ASCII digits are word characters, never parsed as numbers.
// - Numbers (one token each, value in the unit of NumberForm):
//   "12,000" "1,234.56" "-3" → cardinal; "30 million" "2.5bn" → cardinal 3e7,
//   2.5e9 (the scale word is part of the token; glued "m"/"k"/"b" only after a
//   currency sign, since "100m" may be metres); "3/4" "1-1/4" "1 1/4" "½" "5½"
//   → fraction (numerator < denominator, a common denominator — 2, 3, 4, 5,
//   6, 8, 10, 16, 32, 64, 100 — else a word); "55%" "55 %"
//   "55 percent" "55 per cent" "5 pct" → percent; "$30" "$30 million" "US$5"
//   "£2.5bn" "€40" "40€" → money in currency units; "00:26" "10:30 a.m." "5pm"
//   "5 p.m." "5.30pm" → time in minutes after midnight (12 a.m. = 0);
//   "0600" (4 digits, leading 0, valid HHMM) and "1830 hrs"/"1830 GMT"/
//   "1830 UTC"/"1830 local"/"1830Z" → time ("hrs"/"hours"/"h"/"Z" are part of
//   the token, a zone word is not); "10-year-old" "23-year old" "10 year-old"
//   "10 years old" "10-year-olds" → age; "1980s" "1980's" "'90s" "90s" →
//   decade (two digits: 00–19 → 2000s, else 1900s, so "in their 20s" reads
//   as 1920: the value still changes when the text does); "1st" "22nd" →
//   ordinal. "H:MM" is always a time (a ratio "1:30" reads as one too).
//   Years ("1846") are cardinal; "555-1234" is two numbers and a hyphen.
// - Punctuation: each of . , ; : ! ? ( ) [ ] { } / and the dashes is one
//   token; "..." (any run of periods) and "--" runs are one token.
// - Quote marks " “ ” „ ' ‘ ’ « » ‹ › ` are quote tokens when not part of a word.
namespace storydiff::text {

namespace {

enum class Cls : unsigned char {
  space,
  letter, // letters and non-ASCII digits, letter-like numbers
  digit,  // ASCII 0-9
  mark,   // combining marks and format joiners: word-internal
  punct,
  quote,
  symbol,
  currency, // a currency sign (symbol unless a number follows)
  ideograph,
  vulgar, // ½ ¼ ¾ ⅓ …
};

constexpr std::array<Cls, 128> make_ascii_classes() {
  std::array<Cls, 128> t{};
  for (int c = 0; c < 128; ++c) {
    Cls k = Cls::symbol;
    if (c <= 0x20 || c == 0x7F) {
      k = Cls::space; // controls never form tokens
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      k = Cls::letter;
    } else if (c >= '0' && c <= '9') {
      k = Cls::digit;
    } else if (c == '"' || c == '\'' || c == '`') {
      k = Cls::quote;
    } else if (c == '$') {
      k = Cls::currency;
    } else {
      switch (c) {
      case '.':
      case ',':
      case ';':
      case ':':
      case '!':
      case '?':
      case '(':
      case ')':
      case '[':
      case ']':
      case '{':
      case '}':
      case '-':
      case '/':
        k = Cls::punct;
        break;
      default:
        break;
      }
    }
    t[static_cast<std::size_t>(c)] = k;
  }
  return t;
}
constexpr std::array<Cls, 128> k_ascii = make_ascii_classes();

bool is_quote_cp(char32_t cp) {
  switch (cp) {
  case 0x00AB: // «
  case 0x00BB: // »
  case 0x2018: // ‘
  case 0x2019: // ’
  case 0x201A: // ‚
  case 0x201B: // ‛
  case 0x201C: // “
  case 0x201D: // ”
  case 0x201E: // „
  case 0x201F: // ‟
  case 0x2039: // ‹
  case 0x203A: // ›
  case 0x300C: // 「
  case 0x300D: // 」
  case 0x300E: // 『
  case 0x300F: // 』
    return true;
  default:
    return false;
  }
}

double vulgar_value(char32_t cp) {
  switch (cp) {
  case 0x00BC: return 0.25;
  case 0x00BD: return 0.5;
  case 0x00BE: return 0.75;
  case 0x2150: return 1.0 / 7;
  case 0x2151: return 1.0 / 9;
  case 0x2152: return 0.1;
  case 0x2153: return 1.0 / 3;
  case 0x2154: return 2.0 / 3;
  case 0x2155: return 0.2;
  case 0x2156: return 0.4;
  case 0x2157: return 0.6;
  case 0x2158: return 0.8;
  case 0x2159: return 1.0 / 6;
  case 0x215A: return 5.0 / 6;
  case 0x215B: return 0.125;
  case 0x215C: return 0.375;
  case 0x215D: return 0.625;
  case 0x215E: return 0.875;
  default: return -1;
  }
}

Cls classify_non_ascii(char32_t cp) {
  if (detail::is_space(cp) || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF) {
    return Cls::space;
  }
  if (is_quote_cp(cp)) {
    return Cls::quote;
  }
  if (vulgar_value(cp) >= 0) {
    return Cls::vulgar;
  }
  if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0x20000 && cp <= 0x3FFFF)) {
    return Cls::ideograph;
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_ND:
  case UTF8PROC_CATEGORY_NL:
  case UTF8PROC_CATEGORY_NO:
    return Cls::letter;
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME:
  case UTF8PROC_CATEGORY_CF: // soft hyphen, ZWJ, ZWNJ: inside words
    return Cls::mark;
  case UTF8PROC_CATEGORY_PC:
  case UTF8PROC_CATEGORY_PD:
  case UTF8PROC_CATEGORY_PS:
  case UTF8PROC_CATEGORY_PE:
  case UTF8PROC_CATEGORY_PO:
    return Cls::punct;
  case UTF8PROC_CATEGORY_PI:
  case UTF8PROC_CATEGORY_PF:
    return Cls::quote;
  case UTF8PROC_CATEGORY_SC:
    return Cls::currency;
  case UTF8PROC_CATEGORY_ZS:
  case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP:
  case UTF8PROC_CATEGORY_CC:
    return Cls::space;
  default:
    return Cls::symbol;
  }
}

// An ASCII byte that ends a word when it follows a word's letters or digits:
// any but the letters and digits (consumed before it is asked) and the
// joiners word() looks at (' - . / &). For these the checks below it all
// fail, so skipping them is the same decision, without decoding what
// follows.
constexpr std::array<bool, 256> make_ascii_word_ends() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x80; ++c) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    const bool joiner = c == '\'' || c == '-' || c == '.' || c == '/' || c == '&';
    t[static_cast<std::size_t>(c)] = !alnum && !joiner;
  }
  return t;
}
constexpr std::array<bool, 256> k_ascii_word_ends = make_ascii_word_ends();
bool is_ascii_word_end(char c) { return k_ascii_word_ends[static_cast<unsigned char>(c)]; }

bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }
bool is_hyphen(char32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
bool is_word_cls(Cls c) {
  return c == Cls::letter || c == Cls::digit || c == Cls::mark || c == Cls::ideograph;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

struct Char {
  char32_t cp = 0;
  std::uint32_t len = 0; // 0 at the end of the text
  Cls cls = Cls::space;
};

class Tokenizer {
public:
  Tokenizer(std::string_view text, std::uint32_t base, std::vector<Token>& out)
      : m_text(text), m_n(text.size()), m_base(base), m_out(out) {}

  void run() {
    std::size_t p = 0;
    while (p < m_n) {
      const auto byte = static_cast<unsigned char>(m_text[p]);
      if (byte < 0x80) {
        const Cls k = k_ascii[byte];
        if (k == Cls::space) {
          ++p;
        } else if (k == Cls::letter) {
          p = plain_word(p);
        } else if (k == Cls::digit) {
          p = number_or_word(p, p);
        } else {
          p = other(p, at(p));
        }
        continue;
      }
      const Char c = at(p);
      switch (c.cls) {
      case Cls::space:
        p += c.len;
        break;
      case Cls::letter:
      case Cls::mark:
        p = word(p);
        break;
      case Cls::ideograph:
        emit(p, p + c.len, TokenKind::word);
        p += c.len;
        break;
      case Cls::vulgar:
        p = number_or_word(p, p);
        break;
      default:
        p = other(p, c);
        break;
      }
    }
  }

private:
  // --- character access -------------------------------------------------

  Char at(std::size_t p) const {
    if (p >= m_n) {
      return {};
    }
    const auto byte = static_cast<unsigned char>(m_text[p]);
    if (byte < 0x80) {
      return {byte, 1, k_ascii[byte]};
    }
    const core::CodePoint cp = core::decode_utf8(m_text, p);
    if (!cp.valid) {
      return {cp.value, cp.length, Cls::symbol};
    }
    return {cp.value, cp.length, classify_non_ascii(cp.value)};
  }

  bool word_at(std::size_t p) const { return p < m_n && is_word_cls(at(p).cls); }
  bool letter_at(std::size_t p) const {
    if (p >= m_n) {
      return false;
    }
    const Cls c = at(p).cls;
    return c == Cls::letter || c == Cls::mark || c == Cls::ideograph;
  }
  bool digit_at(std::size_t p) const { return p < m_n && is_digit(m_text[p]); }
  char byte_at(std::size_t p) const { return p < m_n ? m_text[p] : '\0'; }

  // The code point ending at byte `p` (exclusive), or an empty Char at 0.
  Char before(std::size_t p) const {
    if (p == 0) {
      return {};
    }
    std::size_t q = p - 1;
    while (q > 0 && p - q < 4 && (static_cast<unsigned char>(m_text[q]) & 0xC0) == 0x80) {
      --q;
    }
    return at(q);
  }
  bool word_before(std::size_t p) const { return is_word_cls(before(p).cls); }

  // If `word` (ASCII, lower case) is at p, case-insensitively, and is not
  // followed by a word character, returns its end; else 0.
  std::size_t match(std::size_t p, std::string_view word) const {
    if (p + word.size() > m_n) {
      return 0;
    }
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (lower(m_text[p + i]) != word[i]) {
        return 0;
      }
    }
    const std::size_t end = p + word.size();
    return word_at(end) ? 0 : end;
  }
  // Like match, after one space or hyphen at p.
  std::size_t match_after_sep(std::size_t p, std::string_view word, bool hyphen_ok) const {
    const char c = byte_at(p);
    if (c == ' ' || (hyphen_ok && c == '-')) {
      return match(p + 1, word);
    }
    return 0;
  }

  // "am" "pm" "a.m." "p.m." "a.m" (any case) at p; sets `pm`. Returns the
  // end (after the final period when written) or 0.
  std::size_t match_ampm(std::size_t p, bool& pm) const {
    const char c = lower(byte_at(p));
    if (c != 'a' && c != 'p') {
      return 0;
    }
    pm = c == 'p';
    std::size_t q = p + 1;
    const bool dotted = byte_at(q) == '.';
    if (dotted) {
      ++q;
    }
    if (lower(byte_at(q)) != 'm') {
      return 0;
    }
    ++q;
    if (dotted && byte_at(q) == '.') {
      ++q;
    }
    return word_at(q) ? 0 : q;
  }

  // --- emitting ---------------------------------------------------------

  // Inlined: one call per token was 3-4% of read_document.
  [[gnu::always_inline]] void emit(std::size_t start, std::size_t end, TokenKind kind,
                                   NumberForm form = NumberForm::none, double value = 0) {
    m_out.push_back({{m_base + static_cast<std::uint32_t>(start), m_base + static_cast<std::uint32_t>(end)},
                     kind,
                     form,
                     value});
  }

  // --- words ------------------------------------------------------------

  // At an ASCII letter. Most words are ASCII letters up to a byte that
  // ends a word (a space, a comma, ...): word() would stop at the same byte
  // without looking further, so emit it here. Anything else (digits,
  // joiners, non-ASCII, a '$' after capitals as in "US$5") takes the full
  // path.
  std::size_t plain_word(std::size_t p) {
    const std::size_t q = end_of_letters(p + 1);
    if (q >= m_n || (is_ascii_word_end(m_text[q]) && m_text[q] != '$')) {
      emit(p, q, TokenKind::word);
      return q;
    }
    return letter_start(p);
  }

  // The end of the run of ASCII letters at p. Eight bytes at a time, the
  // first non-letter found by its bit position: no branch per letter, so no
  // mispredicted loop exit per word.
  std::size_t end_of_letters(std::size_t p) const {
    if constexpr (std::endian::native == std::endian::little) {
      while (p + 8 <= m_n) {
        const std::uint64_t others =
            ~detail::ascii_letter_mask(detail::load8(m_text.data() + p)) & detail::k_byte_highs;
        if (others != 0) {
          return p + static_cast<std::size_t>(std::countr_zero(others) / 8);
        }
        p += 8;
      }
    }
    while (p < m_n && is_ascii_letter(m_text[p])) {
      ++p;
    }
    return p;
  }

  // At an ASCII letter: "US$5" style money, else a word.
  std::size_t letter_start(std::size_t p) {
    // 1–3 capitals then "$" then a digit: a currency prefix (US$, A$, HK$).
    std::size_t q = p;
    while (q < m_n && q - p < 3 && m_text[q] >= 'A' && m_text[q] <= 'Z') {
      ++q;
    }
    if (q > p && byte_at(q) == '$' && digit_at(q + 1)) {
      const std::size_t end = number(p, q);
      if (end != 0) {
        return end;
      }
    }
    return word(p);
  }

  std::size_t word(std::size_t start) {
    // The first code point always belongs to the word, whatever it is (a
    // number that turned out to be a word may start with "½"): progress.
    const Char first = at(start);
    std::size_t p = start + first.len;
    bool internal_period = false;
    bool only_short_letters = true; // every part between periods: 1–2 letters
    bool digits = first.cls == Cls::digit;
    std::size_t part_letters = digits ? 0 : 1;
    while (p < m_n) {
      // Fast path over ASCII letters and digits.
      while (p < m_n) {
        const char ch = m_text[p];
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
          ++part_letters;
          ++p;
        } else if (is_digit(ch)) {
          digits = true;
          ++p;
        } else {
          break;
        }
      }
      if (p >= m_n || is_ascii_word_end(m_text[p])) {
        break; // the common end of a word
      }
      const Char c = at(p);
      if (c.cls == Cls::space) {
        break;
      }
      if (is_word_cls(c.cls)) {
        ++part_letters;
        p += c.len;
        continue;
      }
      const Char next = at(p + c.len);
      const bool next_word = is_word_cls(next.cls);
      if (is_apostrophe(c.cp) && next_word && next.cls != Cls::digit) {
        p += c.len; // don't, O’Brien
        continue;
      }
      if (is_apostrophe(c.cp)) {
        const Char prev = before(p);
        if ((prev.cp == 's' || prev.cp == 'S') && !m_open_single) {
          p += c.len; // Jones', students’
        }
        break;
      }
      if (is_hyphen(c.cp) && next_word) {
        p += c.len;
        continue;
      }
      if (c.cp == '.') {
        if (next_word) {
          internal_period = true;
          only_short_letters = only_short_letters && part_letters >= 1 && part_letters <= 2;
          part_letters = 0;
          ++p;
          continue;
        }
        if (internal_period && only_short_letters && part_letters >= 1 && part_letters <= 2 &&
            !digits) {
          ++p; // U.S., Ph.D., e.g.
        }
        break;
      }
      if (c.cp == '/' && next.cls == Cls::digit && before(p).cls == Cls::digit) {
        ++p;
        continue;
      }
      if (c.cp == '&' && next.cp >= 'A' && next.cp <= 'Z' && before(p).cp >= 'A' &&
          before(p).cp <= 'Z') {
        ++p;
        continue;
      }
      break;
    }
    emit(start, p, TokenKind::word);
    return p;
  }

  // --- everything that is not a word or number start ----------------------

  std::size_t other(std::size_t p, const Char& c) {
    switch (c.cls) {
    case Cls::quote:
      return quote(p, c);
    case Cls::currency:
      if (digit_at(p + c.len)) {
        const std::size_t end = number(p, p);
        if (end != 0) {
          return end;
        }
      }
      return symbol(p, c);
    case Cls::punct:
      return punct(p, c);
    case Cls::symbol:
      if (c.cp == '+' && digit_at(p + 1) && !word_before(p)) {
        const std::size_t end = number(p, p);
        if (end != 0) {
          return end;
        }
      }
      if (c.cp == 0x2212 && digit_at(p + c.len) && !word_before(p)) {
        const std::size_t end = number(p, p);
        if (end != 0) {
          return end;
        }
      }
      return symbol(p, c);
    default:
      return symbol(p, c);
    }
  }

  std::size_t punct(std::size_t p, const Char& c) {
    std::size_t end = p + c.len;
    if (c.cp == '.' || c.cp == '-') {
      if (c.cp == '-' && end < m_n && (digit_at(end) || (byte_at(end) == '$' && digit_at(end + 1))) &&
          !word_before(p)) {
        const std::size_t num = number(p, p); // -3, -$5
        if (num != 0) {
          return num;
        }
      }
      while (end < m_n && m_text[end] == static_cast<char>(c.cp)) {
        ++end; // "..." and "--" are one token
      }
    }
    emit(p, end, TokenKind::punctuation);
    return end;
  }

  std::size_t quote(std::size_t p, const Char& c) {
    const std::size_t end = p + c.len;
    // '90s / ’90s / ‘90s: a decade.
    if ((is_apostrophe(c.cp) || c.cp == 0x2018) && digit_at(end) && digit_at(end + 1) &&
        lower(byte_at(end + 2)) == 's' && !word_at(end + 3) && !word_before(p)) {
      const int yy = (m_text[end] - '0') * 10 + (m_text[end + 1] - '0');
      if (yy % 10 == 0) {
        emit(p, end + 3, TokenKind::number, NumberForm::decade, decade_from_two_digits(yy));
        return end + 3;
      }
    }
    if (c.cp == 0x2018) {
      m_open_single = true;
    } else if (c.cp == 0x2019) {
      m_open_single = false;
    } else if (c.cp == '\'') {
      m_open_single = !word_before(p) && word_at(end);
    }
    emit(p, end, TokenKind::quote);
    return end;
  }

  // A symbol with what renders as part of it: combining marks, variation
  // selectors, skin tones, ZWJ sequences, keycaps; flags are pairs of
  // regional indicators.
  std::size_t symbol(std::size_t p, const Char& c) {
    std::size_t end = p + c.len;
    const bool regional = c.cp >= 0x1F1E6 && c.cp <= 0x1F1FF;
    bool first = true;
    while (end < m_n) {
      const Char n = at(end);
      if (n.cls == Cls::mark && n.cp != 0x200D) {
        end += n.len;
      } else if (n.cp >= 0x1F3FB && n.cp <= 0x1F3FF) {
        end += n.len;
      } else if (n.cp == 0x200D && end + n.len < m_n) {
        end += n.len;
        end += at(end).len;
      } else if (regional && first && n.cp >= 0x1F1E6 && n.cp <= 0x1F1FF) {
        end += n.len;
      } else {
        break;
      }
      first = false;
    }
    emit(p, end, TokenKind::symbol);
    return end;
  }

  // --- numbers ------------------------------------------------------------

  static double decade_from_two_digits(int yy) { return yy < 20 ? 2000 + yy : 1900 + yy; }

  std::size_t number_or_word(std::size_t start, std::size_t p) {
    const std::size_t end = number(start, p);
    return end != 0 ? end : word(start);
  }

  // Parses digits [a, b) (commas skipped, at most one '.') as a double.
  double value_of(std::size_t a, std::size_t b) const {
    // Up to 15 digits without a '.': an integer below 2^53, which a double
    // holds exactly, so summing it here gives what from_chars would.
    constexpr std::size_t k_exact_digits = 15;
    if (b - a <= k_exact_digits + 5) { // room for the commas of 15 digits
      std::uint64_t whole = 0;
      std::size_t digit_count = 0;
      bool exact = true;
      for (std::size_t i = a; i < b && exact; ++i) {
        const char c = m_text[i];
        if (is_digit(c)) {
          whole = whole * 10 + static_cast<std::uint64_t>(c - '0');
          ++digit_count;
        } else if (c != ',') {
          exact = false; // a decimal point: from_chars rounds it correctly
        }
      }
      if (exact && digit_count <= k_exact_digits) {
        return static_cast<double>(whole);
      }
    }
    std::array<char, 64> buf{};
    std::size_t k = 0;
    for (std::size_t i = a; i < b; ++i) {
      if (m_text[i] != ',') {
        if (k == buf.size()) {
          // Absurdly long digit strings: the value is approximate.
          return std::strtod(std::string(m_text.substr(a, b - a)).c_str(), nullptr);
        }
        buf[k++] = m_text[i];
      }
    }
    double v = 0;
    std::from_chars(buf.data(), buf.data() + k, v);
    return v;
  }

  // Scale words after a number; 0 when none. `currency` allows the short
  // glued forms that are ambiguous without it ("100m" may be metres).
  struct Scale {
    std::size_t end = 0;
    double factor = 1;
  };
  Scale glued_scale(std::size_t p, bool currency) const {
    static constexpr std::pair<std::string_view, double> k_always[] = {
        {"bn", 1e9}, {"mn", 1e6}, {"mln", 1e6}, {"tn", 1e12}, {"trn", 1e12}};
    static constexpr std::pair<std::string_view, double> k_currency[] = {
        {"m", 1e6}, {"b", 1e9}, {"k", 1e3}};
    for (const auto& [w, f] : k_always) {
      if (const std::size_t e = match(p, w)) {
        return {e, f};
      }
    }
    if (currency) {
      for (const auto& [w, f] : k_currency) {
        if (const std::size_t e = match(p, w)) {
          return {e, f};
        }
      }
    }
    return {};
  }
  Scale spaced_scale(std::size_t p) const {
    static constexpr std::pair<std::string_view, double> k_words[] = {
        {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12},
        {"bn", 1e9},       {"mln", 1e6},     {"tn", 1e12}};
    if (byte_at(p) != ' ') {
      return {};
    }
    for (const auto& [w, f] : k_words) {
      if (const std::size_t e = match(p + 1, w)) {
        return {e, f};
      }
    }
    return {};
  }

  // Age suffix at p: [-| ]year[s][-| ]old[s]. Returns its end or 0.
  std::size_t age_suffix(std::size_t p) const {
    const char s1 = byte_at(p);
    if (s1 != '-' && s1 != ' ') {
      return 0;
    }
    std::size_t q = p + 1;
    for (const char* w = "year"; *w != '\0'; ++w, ++q) {
      if (lower(byte_at(q)) != *w) {
        return 0;
      }
    }
    if (lower(byte_at(q)) == 's') {
      ++q;
    }
    const char s2 = byte_at(q);
    if (s2 != '-' && s2 != ' ') {
      return 0;
    }
    ++q;
    for (const char* w = "old"; *w != '\0'; ++w, ++q) {
      if (lower(byte_at(q)) != *w) {
        return 0;
      }
    }
    if (lower(byte_at(q)) == 's') {
      ++q;
    }
    return word_at(q) ? 0 : q;
  }

  // Number starting at `start` (a currency prefix such as "US" may precede
  // the sign/currency/digits at `p`). Emits it and returns its end, or
  // returns 0 when the text there is not a number (the caller makes a word).
  std::size_t number(std::size_t start, std::size_t p) {
    double sign = 1;
    bool currency = false;
    {
      const Char c = at(p);
      if (c.cp == '-' || c.cp == 0x2212 || c.cp == '+') {
        sign = c.cp == '+' ? 1 : -1;
        p += c.len;
      }
      const Char d = at(p);
      if (d.cls == Cls::currency) {
        currency = true;
        p += d.len;
      }
    }
    // A lone vulgar fraction: "½".
    if (!digit_at(p)) {
      const Char v = at(p);
      if (v.cls != Cls::vulgar || word_at(p + v.len)) {
        return 0;
      }
      return finish(start, p + v.len, sign * vulgar_value(v.cp), NumberForm::fraction, currency);
    }

    // Integer part with optional thousands groups, then decimals.
    const std::size_t int_start = p;
    while (digit_at(p)) {
      ++p;
    }
    const std::size_t int_digits = p - int_start;
    bool grouped = false;
    if (int_digits <= 3) {
      while (byte_at(p) == ',' && digit_at(p + 1) && digit_at(p + 2) && digit_at(p + 3) &&
             !digit_at(p + 4)) {
        p += 4;
        grouped = true;
      }
    }
    const std::size_t int_end = p;
    std::size_t frac_digits = 0;
    if (byte_at(p) == '.' && digit_at(p + 1)) {
      ++p;
      while (digit_at(p)) {
        ++p;
        ++frac_digits;
      }
      if (byte_at(p) == '.' && digit_at(p + 1)) {
        return 0; // 10.5.2020, 192.168.0.1: a word
      }
    }
    const bool integer = frac_digits == 0;
    const bool plain = integer && !grouped; // digits only
    double value = value_of(int_start, p);

    // Times: H:MM[:SS] [am|pm], H.MM am|pm, HHMM.
    if (plain && int_digits <= 2 && byte_at(p) == ':' && digit_at(p + 1) && digit_at(p + 2) &&
        !digit_at(p + 3)) {
      const int hh = static_cast<int>(value);
      const int mm = (m_text[p + 1] - '0') * 10 + (m_text[p + 2] - '0');
      if (hh <= 24 && mm <= 59) {
        std::size_t q = p + 3;
        double minutes = hh * 60 + mm;
        if (byte_at(q) == ':' && digit_at(q + 1) && digit_at(q + 2) && !digit_at(q + 3)) {
          minutes += ((m_text[q + 1] - '0') * 10 + (m_text[q + 2] - '0')) / 60.0;
          q += 3;
        }
        q = time_suffix(q, hh, minutes);
        return finish(start, q, minutes, NumberForm::time, false);
      }
    }
    if (!grouped && !currency && int_digits <= 2 && frac_digits == 2) {
      const int hh = static_cast<int>(value_of(int_start, int_end));
      const int mm = (m_text[int_end + 1] - '0') * 10 + (m_text[int_end + 2] - '0');
      bool pm = false;
      const std::size_t e = ampm_after(p, pm);
      if (e != 0 && hh >= 1 && hh <= 12 && mm <= 59) {
        return finish(start, e, twelve_hour(hh, mm, pm), NumberForm::time, false);
      }
    }
    if (plain && int_digits <= 2 && !currency) {
      const int hh = static_cast<int>(value);
      bool pm = false;
      const std::size_t e = ampm_after(p, pm);
      if (e != 0 && hh >= 1 && hh <= 12) {
        return finish(start, e, twelve_hour(hh, 0, pm), NumberForm::time, false);
      }
    }
    if (plain && int_digits == 4 && !currency) {
      const int hh = (m_text[int_start] - '0') * 10 + (m_text[int_start + 1] - '0');
      const int mm = (m_text[int_start + 2] - '0') * 10 + (m_text[int_start + 3] - '0');
      if (hh <= 23 && mm <= 59) {
        const double minutes = hh * 60 + mm;
        // The time words start with 'h' or 'z' glued, or after one space
        // with 'h', 'g', 'u' or 'l' (any case): most years have none.
        const char glued = lower(byte_at(p));
        const char spaced = glued == ' ' ? lower(byte_at(p + 1)) : '\0';
        const bool time_word = glued == 'h' || glued == 'z' || spaced == 'h' || spaced == 'g' ||
                               spaced == 'u' || spaced == 'l';
        std::size_t e = 0;
        if (time_word && ((e = match(p, "hrs")) || (e = match(p, "h")) || (e = match(p, "z")) ||
                          (e = match_after_sep(p, "hrs", false)) ||
                          (e = match_after_sep(p, "hours", false)))) {
          return finish(start, e, minutes, NumberForm::time, false);
        }
        if ((time_word && (match_after_sep(p, "gmt", false) || match_after_sep(p, "utc", false) ||
                           match_after_sep(p, "local", false))) ||
            (m_text[int_start] == '0' && !word_at(p) &&
             !(byte_at(p) == '.' && digit_at(p + 1)))) {
          return finish(start, p, minutes, NumberForm::time, false);
        }
      }
    }

    // Glued letter suffixes: ordinals, decades, scales, possessive.
    if (integer && (byte_at(p) == '\'' || byte_at(p) == '\xE2')) {
      const Char c = at(p);
      if (is_apostrophe(c.cp) && lower(byte_at(p + c.len)) == 's' && !word_at(p + c.len + 1)) {
        const std::size_t e = p + c.len + 1;
        if (plain && int_digits == 4 && m_text[int_end - 1] == '0' && !currency) {
          return finish(start, e, value, NumberForm::decade, false); // 1980's
        }
        return finish(start, e, sign * value, NumberForm::cardinal, currency); // 2004's
      }
    }
    if (letter_at(p)) {
      if (integer && !currency) {
        if (std::size_t e = 0; (e = match(p, "st")) || (e = match(p, "nd")) ||
                               (e = match(p, "rd")) || (e = match(p, "th"))) {
          return finish(start, e, value, NumberForm::ordinal, false);
        }
        if (const std::size_t e = match(p, "s");
            e != 0 && plain && (int_digits == 4 || int_digits == 2) && m_text[int_end - 1] == '0') {
          const double first = int_digits == 4 ? value : decade_from_two_digits(static_cast<int>(value));
          return finish(start, e, first, NumberForm::decade, false);
        }
      }
      const Scale s = glued_scale(p, currency);
      if (s.end != 0) {
        return finish(start, s.end, sign * value * s.factor,
                      currency ? NumberForm::money : NumberForm::cardinal, currency);
      }
      return 0; // 5G, 100km, 3D: a word
    }

    // Fractions: "3/4", mixed "1-1/4" and "1 1/4", "5½".
    NumberForm form = NumberForm::cardinal;
    if (plain && byte_at(p) == '/' && digit_at(p + 1)) {
      double f = 0;
      const std::size_t e = fraction_at(p - int_digits, f);
      if (e == 0) {
        return 0; // 9/11, 24/7, 12/25/2020: a word
      }
      p = e;
      value = f;
      form = NumberForm::fraction;
    } else if (plain && (byte_at(p) == '-' || byte_at(p) == ' ') && digit_at(p + 1)) {
      double f = 0;
      if (const std::size_t e = fraction_at(p + 1, f); e != 0) {
        p = e;
        value += f;
        form = NumberForm::fraction;
      }
    } else if (plain) {
      const Char v = at(p);
      if (v.cls == Cls::vulgar) {
        p += v.len;
        value += vulgar_value(v.cp);
        form = NumberForm::fraction;
      }
    }
    if (word_at(p)) {
      return 0;
    }
    value *= sign;

    // Suffixes after the number: percent, scale words, age, currency after.
    // Most numbers have none ("30 people", "2019,"): skip the dozen failing
    // matches below when the next bytes rule all of them out.
    if (!may_have_suffix(p)) {
      return finish(start, p, value, form, currency);
    }
    if (!currency) {
      std::size_t e = 0;
      if (byte_at(p) == '%') {
        return finish(start, p + 1, value, NumberForm::percent, false);
      }
      if (byte_at(p) == ' ' && byte_at(p + 1) == '%') {
        return finish(start, p + 2, value, NumberForm::percent, false);
      }
      if ((e = match_after_sep(p, "percent", true)) || (e = match_after_sep(p, "pct", false))) {
        return finish(start, e, value, NumberForm::percent, false);
      }
      if ((e = match_after_sep(p, "per", false)) != 0 && (e = match_after_sep(e, "cent", false))) {
        return finish(start, e, value, NumberForm::percent, false);
      }
      if (integer && form == NumberForm::cardinal && (e = age_suffix(p)) != 0) {
        return finish(start, e, value, NumberForm::age, false);
      }
    }
    if (const Scale s = spaced_scale(p); s.end != 0) {
      return finish(start, s.end, value * s.factor,
                    currency ? NumberForm::money : NumberForm::cardinal, currency);
    }
    if (!currency && p < m_n) {
      const Char c = at(p);
      if (c.cls == Cls::currency) {
        return finish(start, p + c.len, value, NumberForm::money, false); // 40€
      }
    }
    return finish(start, p, value, form, currency);
  }

  // False only when none of the suffixes number() looks for after a number
  // ending at p can be there: each starts with '%', a currency sign ('$' or
  // a non-ASCII one), or a space or hyphen followed by '%' (" %"), 'p'
  // ("percent", "pct", "per cent"), 'y' ("year-old") or the initial of a
  // scale word (thousand, trillion, tn, million, mln, billion, bn), in
  // either case.
  bool may_have_suffix(std::size_t p) const {
    const char c = byte_at(p);
    if (c == '%' || c == '$' || static_cast<unsigned char>(c) >= 0x80) {
      return true;
    }
    if (c != ' ' && c != '-') {
      return false;
    }
    const char next = lower(byte_at(p + 1));
    return next == '%' || next == 'p' || next == 'y' || next == 't' || next == 'm' || next == 'b';
  }

  // Numerator/denominator at p: "3/4" with numerator < denominator. Returns
  // the end and sets `value`, or 0.
  std::size_t fraction_at(std::size_t p, double& value) const {
    std::size_t q = p;
    double num = 0;
    double den = 0;
    while (digit_at(q) && q - p < 6) {
      num = num * 10 + (m_text[q++] - '0');
    }
    if (q == p || byte_at(q) != '/' || !digit_at(q + 1)) {
      return 0;
    }
    const std::size_t d = ++q;
    while (digit_at(q) && q - d < 6) {
      den = den * 10 + (m_text[q++] - '0');
    }
    if (digit_at(q) || byte_at(q) == '/' || word_at(q) || num >= den || !common_denominator(den)) {
      return 0;
    }
    value = num / den;
    return q;
  }

  // Denominators written in prose fractions; others ("9/11", "3/12") are
  // more likely dates or IDs.
  static bool common_denominator(double den) {
    for (const double d : {2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 16.0, 32.0, 64.0, 100.0}) {
      if (den == d) {
        return true;
      }
    }
    return false;
  }

  static double twelve_hour(int hh, int mm, bool pm) {
    const int h = (hh % 12) + (pm ? 12 : 0);
    return h * 60 + mm;
  }

  // am/pm glued or after one space; returns its end or 0.
  std::size_t ampm_after(std::size_t p, bool& pm) const {
    if (const std::size_t e = match_ampm(p, pm)) {
      return e;
    }
    if (byte_at(p) == ' ') {
      return match_ampm(p + 1, pm);
    }
    return 0;
  }

  // After "H:MM": am/pm or hrs; adjusts `minutes`.
  std::size_t time_suffix(std::size_t q, int hh, double& minutes) const {
    bool pm = false;
    if (const std::size_t e = ampm_after(q, pm); e != 0 && hh >= 1 && hh <= 12) {
      minutes = twelve_hour(hh, 0, pm) + (minutes - hh * 60);
      return e;
    }
    if (std::size_t e = 0; (e = match(q, "hrs")) || (e = match_after_sep(q, "hrs", false)) ||
                           (e = match(q, "h"))) {
      return e;
    }
    return q;
  }

  std::size_t finish(std::size_t start, std::size_t end, double value, NumberForm form,
                     bool currency) {
    if (word_at(end)) {
      return 0;
    }
    emit(start, end, TokenKind::number, currency ? NumberForm::money : form, value);
    return end;
  }

  std::string_view m_text;
  std::size_t m_n;
  std::uint32_t m_base;
  std::vector<Token>& m_out;
  bool m_open_single = false; // a single quotation mark is open
};

} // namespace

void tokenize_into(std::string_view text, std::uint32_t base, std::vector<Token>& out) {
  Tokenizer(text, base, out).run();
}

std::vector<Token> tokenize(std::string_view text, std::uint32_t base) {
  std::vector<Token> out;
  out.reserve(text.size() / 5 + 1);
  tokenize_into(text, base, out);
  return out;
}

} // namespace storydiff::text
