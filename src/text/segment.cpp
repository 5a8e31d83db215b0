// SPDX-License-Identifier: MIT
#include "abbreviations.hpp"
#include "byte_scan.hpp"

#include <storydiff/core/utf8.hpp>
#include <storydiff/text/segment.hpp>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>
#include <unordered_set>

namespace storydiff::text {
namespace {

using detail::AbbreviationKind;

// --- Characters -------------------------------------------------------------

// Text here is valid UTF-8 (decode repairs it); U_SENTINEL marks either end.
UChar32 code_point_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) {
    return U_SENTINEL;
  }
  return static_cast<UChar32>(core::decode_utf8(text, pos).value);
}

// The code point ending just before `pos` and where it starts.
UChar32 code_point_before(std::string_view text, std::size_t pos, std::size_t* start = nullptr) {
  if (pos == 0 || pos > text.size()) {
    return U_SENTINEL;
  }
  std::size_t i = pos - 1;
  while (i > 0 && pos - i < 4 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) {
    --i;
  }
  const core::CodePoint cp = core::decode_utf8(text, i);
  if (i + cp.length != pos) {
    i = pos - 1; // a stray continuation byte: step one byte
  }
  if (start != nullptr) {
    *start = i;
  }
  return i + cp.length == pos ? static_cast<UChar32>(cp.value) : 0xFFFD;
}

// Byte length of the code point at `pos` (at least 1).
std::size_t code_point_length(std::string_view text, std::size_t pos) {
  return pos < text.size() ? core::decode_utf8(text, pos).length : 1;
}

bool is_sentence_terminal(UChar32 c) {
  if (c < 0x80) {
    return c == '.' || c == '!' || c == '?';
  }
  const auto sb = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
  return sb == U_SB_STERM || sb == U_SB_ATERM;
}

bool is_opening_quote(UChar32 c) {
  return c == 0x201C || c == 0x201E || c == 0x00AB || c == '"' || c == 0x2018;
}

bool is_dash(UChar32 c) { return c == 0x2014 || c == 0x2013 || c == '-'; }

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// --- Quotations -------------------------------------------------------------

// A closed double quotation inside one paragraph: bytes [open, close) are
// its text, `close` is where its closing mark starts. `continues` says the sentence goes on after it
// (“…,” the mayor said), so a break inside it is not a sentence end.
struct Quotation {
  std::size_t open = 0;  // just after the opening mark
  std::size_t close = 0; // at the closing mark
  bool continues = false;
};

bool quotation_continues(std::string_view para, std::size_t close, std::size_t after) {
  const UChar32 last = code_point_before(para, close);
  if (last == ',' || last == ';' || is_dash(last)) {
    return true;
  }
  while (after < para.size() && para[after] == ' ') {
    ++after;
  }
  const UChar32 next = code_point_at(para, after);
  return next == ',' || next == ';' || next == ':' || is_dash(next) ||
         (next >= 0 && u_islower(next));
}

std::vector<Quotation> find_quotations(std::string_view para) {
  std::vector<Quotation> out;
  bool inside = false;
  std::size_t open = 0;
  std::size_t pos = 0;
  while (pos < para.size()) {
    // Quotation marks are '"' or start with a byte above 0x7F: skip 8
    // bytes of other ASCII at a time.
    if (pos + 8 <= para.size()) {
      const std::uint64_t word = detail::load8(para.data() + pos);
      if (!detail::has_high_byte(word) && !detail::has_byte(word, '"')) {
        pos += 8;
        continue;
      }
    }
    const auto byte = static_cast<unsigned char>(para[pos]);
    if (byte != '"' && byte != 0xE2 && byte != 0xC2) {
      ++pos;
      continue;
    }
    const std::size_t at = pos;
    const UChar32 c = code_point_at(para, pos);
    pos += code_point_length(para, pos);
    bool opens = c == 0x201C || c == 0x201E || c == 0x00AB;
    bool closes = c == 0x201D || c == 0x00BB;
    if (c == '"') {
      // A straight quote closes an open quotation, else opens one after a
      // space, a bracket or a dash (never after a digit: 5" is inches).
      const UChar32 before = code_point_before(para, at);
      closes = inside;
      opens = !inside && (before == U_SENTINEL || before == ' ' || before == '(' || before == '[' ||
                          is_dash(before));
    }
    if (opens) {
      inside = true;
      open = pos;
    } else if (closes && inside) {
      inside = false;
      out.push_back({open, at, quotation_continues(para, at, pos)});
    }
  }
  return out;
}

// --- Break decisions --------------------------------------------------------

enum class Verdict { keep, join, unknown };

struct ParagraphContext {
  std::string_view para;
  const std::vector<Quotation>* quotations;
  const std::unordered_set<std::string_view>* extra_abbreviations;
  std::size_t quote_cursor = 0; // candidates come in order: first quotation not yet passed
};

// The letters-only word at `pos`, or empty.
std::string_view ascii_word_at(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end < text.size() && ((text[end] >= 'A' && text[end] <= 'Z') || (text[end] >= 'a' && text[end] <= 'z'))) {
    ++end;
  }
  return text.substr(pos, end - pos);
}

// Evidence that a new sentence starts at `pos`: a quote opener or a common
// sentence-starting word ("The", "He", "It's") that is not itself an
// abbreviation or initial ("A." in "J. A. Smith").
bool starts_sentence(std::string_view para, std::size_t pos) {
  const UChar32 c = code_point_at(para, pos);
  if (c >= 0 && is_opening_quote(c) && c != 0x2018) {
    return true;
  }
  const std::string_view word = ascii_word_at(para, pos);
  if (word.empty() || !detail::is_sentence_starter(word)) {
    return false;
  }
  const UChar32 after = code_point_at(para, pos + word.size());
  return after == U_SENTINEL || !(after == '.' || (after >= 0 && (u_isalnum(after) != 0)));
}

bool ends_with_ellipsis(std::string_view segment_text) {
  return segment_text.ends_with("...") || segment_text.ends_with("\u2026");
}

// Decides a candidate break before `next` (the first byte of the would-be
// next sentence); `end` is the end of the previous sentence's text.
Verdict judge_break(ParagraphContext& ctx, std::size_t segment_start, std::size_t end,
                    std::size_t next) {
  const std::string_view para = ctx.para;
  const UChar32 first = code_point_at(para, next);
  // News sentences do not start in lower case: “Why?” she asked.
  if (first >= 0 && u_islower(first)) {
    return Verdict::join;
  }
  const std::string_view previous = para.substr(segment_start, end - segment_start);
  const std::vector<Quotation>& quotations = *ctx.quotations;
  while (ctx.quote_cursor < quotations.size() && quotations[ctx.quote_cursor].close < next) {
    ++ctx.quote_cursor;
  }
  if (ctx.quote_cursor < quotations.size()) {
    const Quotation& q = quotations[ctx.quote_cursor];
    if (q.open < next && (q.continues || ends_with_ellipsis(previous))) {
      return Verdict::join;
    }
  }
  if (!previous.ends_with('.')) {
    return Verdict::unknown;
  }
  // The word before the period, without opening brackets or quotes.
  std::size_t word_start = end - 1;
  while (word_start > segment_start && !is_space(para[word_start - 1])) {
    --word_start;
  }
  std::string_view word = para.substr(word_start, end - 1 - word_start);
  while (!word.empty()) {
    const UChar32 c = code_point_at(word, 0);
    const std::size_t cp_len = code_point_length(word, 0);
    if (c == '(' || c == '[' || is_opening_quote(c) || is_dash(c)) {
      word.remove_prefix(std::min(cp_len, word.size()));
    } else {
      break;
    }
  }
  if (!ctx.extra_abbreviations->empty()) {
    const std::string_view with_period = para.substr(end - 1 - word.size(), word.size() + 1);
    if (ctx.extra_abbreviations->contains(with_period)) {
      return Verdict::join;
    }
  }
  const bool digit_follows = first >= '0' && first <= '9';
  switch (detail::classify_abbreviation(word)) {
  case AbbreviationKind::none:
    // "accident. 30 homes": an ordinary word, a period, then a figure.
    return digit_follows && word.size() >= 2 &&
                   std::all_of(word.begin(), word.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; })
               ? Verdict::keep
               : Verdict::unknown;
  case AbbreviationKind::title:
  case AbbreviationKind::never_final:
    return Verdict::join;
  case AbbreviationKind::before_number:
    return digit_follows ? Verdict::join : Verdict::unknown;
  case AbbreviationKind::month:
    if (digit_follows) {
      return Verdict::join;
    }
    [[fallthrough]];
  case AbbreviationKind::final_capable:
    return starts_sentence(para, next) ? Verdict::keep : Verdict::join;
  }
  return Verdict::unknown;
}

// --- ICU --------------------------------------------------------------------

// ICU objects are expensive to create: one set per thread, reused.
class IcuSentences {
public:
  IcuSentences() {
    UErrorCode status = U_ZERO_ERROR;
    m_iterator.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
    if (U_FAILURE(status)) {
      m_iterator.reset();
    }
  }
  ~IcuSentences() { utext_close(m_text); }
  IcuSentences(const IcuSentences&) = delete;
  IcuSentences& operator=(const IcuSentences&) = delete;

  // Appends ICU's boundaries inside `para` (byte offsets, excluding 0 and the
  // end). False when ICU is unavailable.
  bool boundaries(std::string_view para, std::vector<std::size_t>& out) {
    if (!m_iterator) {
      return false;
    }
    UErrorCode status = U_ZERO_ERROR;
    const bool utf16 = to_utf16(para);
    if (utf16) {
      m_text = utext_openUChars(m_text, m_units.data(), static_cast<std::int64_t>(m_units.size()),
                                &status);
    } else {
      m_text = utext_openUTF8(m_text, para.data(), static_cast<std::int64_t>(para.size()), &status);
    }
    m_iterator->setText(m_text, status);
    if (U_FAILURE(status)) {
      return false;
    }
    std::size_t shift = 0; // m_shifts cursor: boundaries come in increasing order
    for (std::int32_t b = m_iterator->next(); b != icu::BreakIterator::DONE; b = m_iterator->next()) {
      std::size_t at = static_cast<std::size_t>(b);
      if (utf16) {
        while (shift + 1 < m_shifts.size() && m_shifts[shift + 1].unit <= at) {
          ++shift;
        }
        at = m_shifts[shift].byte + (at - m_shifts[shift].unit);
      }
      if (at > 0 && at < para.size()) {
        out.push_back(at);
      }
    }
    return true;
  }

private:
  // Where UTF-16 offsets and byte offsets of the paragraph meet; between two
  // of these the text is ASCII, one unit per byte.
  struct Shift {
    std::size_t unit;
    std::size_t byte;
  };

  // Converts valid UTF-8 `para` to UTF-16 in m_units (and m_shifts); false
  // for invalid UTF-8, which is left to ICU's own UTF-8 reading so that its
  // handling of bad bytes stays what it was. Why: ICU reads UTF-8 through
  // per-chunk conversions (about a third of its instructions here), while
  // UTF-16 it reads in place; the sentence rules see the same code points either way, and
  // boundaries fall between code points, so they map back exactly.
  bool to_utf16(std::string_view para) {
    m_units.resize(para.size()); // never more units than bytes
    m_shifts.clear();
    m_shifts.push_back({0, 0});
    std::size_t u = 0;
    std::size_t i = 0;
    const std::size_t n = para.size();
    while (i < n) {
      if (i + 8 <= n && !detail::has_high_byte(detail::load8(para.data() + i))) {
        for (std::size_t k = 0; k < 8; ++k) { // 8 ASCII bytes: 8 units
          m_units[u + k] = static_cast<unsigned char>(para[i + k]);
        }
        u += 8;
        i += 8;
        continue;
      }
      const auto byte = static_cast<unsigned char>(para[i]);
      if (byte < 0x80) {
        m_units[u++] = byte;
        ++i;
        continue;
      }
      const core::CodePoint cp = core::decode_utf8(para, i);
      if (!cp.valid) {
        return false;
      }
      if (cp.value >= 0x10000) {
        m_units[u++] = static_cast<char16_t>(0xD800 + ((cp.value - 0x10000) >> 10));
        m_units[u++] = static_cast<char16_t>(0xDC00 + ((cp.value - 0x10000) & 0x3FF));
      } else {
        m_units[u++] = static_cast<char16_t>(cp.value);
      }
      i += cp.length;
      m_shifts.push_back({u, i});
    }
    m_units.resize(u);
    return true;
  }

  std::vector<char16_t> m_units;
  std::vector<Shift> m_shifts;
  std::unique_ptr<icu::BreakIterator> m_iterator;
  UText* m_text = nullptr;
};

IcuSentences& icu_sentences() {
  thread_local IcuSentences sentences;
  return sentences;
}

// Without ICU data: break after . ! ? (and closing marks) and a space.
void fallback_boundaries(std::string_view para, std::vector<std::size_t>& out) {
  for (std::size_t i = 0; i + 1 < para.size(); ++i) {
    if (para[i] == ' ' && i > 0) {
      std::size_t j = i;
      UChar32 c = 0;
      do {
        c = code_point_before(para, j, &j);
      } while (c >= 0 && j > 0 && u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK) == U_SB_CLOSE);
      if (c >= 0 && is_sentence_terminal(c)) {
        out.push_back(i + 1);
      }
    }
  }
}

// True when ICU could break somewhere inside `para`: a sentence terminal
// before the trailing run of terminals, closing marks and spaces.
bool may_break_inside(std::string_view para) {
  std::size_t core_end = para.size();
  while (core_end > 0) {
    std::size_t start = 0;
    const UChar32 c = code_point_before(para, core_end, &start);
    if (c < 0) {
      break;
    }
    const bool trailing = c == ' ' || is_sentence_terminal(c) ||
                          (c >= 0x80 && u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK) == U_SB_CLOSE) ||
                          c == '"' || c == '\'' || c == ')' || c == ']';
    if (!trailing) {
      break;
    }
    core_end = start;
  }
  const std::string_view core = para.substr(0, core_end);
  // One memchr per character: much faster than a byte loop or find_first_of.
  if (core.find('.') != std::string_view::npos || core.find('?') != std::string_view::npos ||
      core.find('!') != std::string_view::npos) {
    return true;
  }
  // Non-ASCII terminals start at U+0589 (lead byte 0xD6); the common
  // punctuation block E2 80 (quotes, dashes) holds only U+2024 ‥ U+203C ‼ U+203D ‽.
  for (std::size_t i = 0; i < core_end; ++i) {
    if (i + 8 <= core_end && !detail::has_high_byte(detail::load8(para.data() + i))) {
      i += 7; // 8 ASCII bytes, none a terminal (the finds above)
      continue;
    }
    const auto byte = static_cast<unsigned char>(para[i]);
    if (byte < 0xD6) {
      continue;
    }
    if (byte == 0xE2 && i + 2 < core_end && static_cast<unsigned char>(para[i + 1]) == 0x80) {
      const auto last = static_cast<unsigned char>(para[i + 2]);
      if (last == 0xA4 || last == 0xBC || last == 0xBD) {
        return true;
      }
      i += 2;
      continue;
    }
    if (is_sentence_terminal(code_point_at(para, i))) {
      return true;
    }
  }
  return false;
}

// Periods where ICU did not break but the evidence may say a sentence ends:
// after abbreviations its built-in list suppressed ("etc. The", "Jan. It",
// "Malcolm X. He"), and before a figure ("an accident. 30 homes burned").
void abbreviation_candidates(std::string_view para, std::vector<std::size_t>& out) {
  for (std::size_t pos = para.find(". "); pos != std::string_view::npos; pos = para.find(". ", pos + 1)) {
    const std::size_t next = pos + 2;
    if (next < para.size()) {
      const UChar32 c = code_point_at(para, next);
      if (c >= 0 && (u_isupper(c) || is_opening_quote(c) || (c >= '0' && c <= '9'))) {
        out.push_back(next);
      }
    }
  }
}

// Buffers reused across the paragraphs of one segment() call.
struct Scratch {
  std::vector<std::size_t> icu_breaks;
  std::vector<std::size_t> extra_breaks;
};

// Sentence spans of one paragraph, as offsets into `para`.
void split_paragraph(std::string_view para, const std::unordered_set<std::string_view>& extra,
                     Scratch& scratch, std::vector<core::Span>& out) {
  auto emit = [&](std::size_t start, std::size_t end) {
    while (start < end && is_space(para[start])) {
      ++start;
    }
    while (end > start && is_space(para[end - 1])) {
      --end;
    }
    if (end > start) {
      out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)});
    }
  };
  if (!may_break_inside(para)) {
    emit(0, para.size());
    return;
  }
  std::vector<std::size_t>& icu_breaks = scratch.icu_breaks;
  icu_breaks.clear();
  if (!icu_sentences().boundaries(para, icu_breaks)) {
    fallback_boundaries(para, icu_breaks);
  }
  std::vector<std::size_t>& extra_breaks = scratch.extra_breaks;
  extra_breaks.clear();
  abbreviation_candidates(para, extra_breaks);
  if (icu_breaks.empty() && extra_breaks.empty()) {
    emit(0, para.size());
    return;
  }
  const std::vector<Quotation> quotations = find_quotations(para);
  ParagraphContext ctx{para, &quotations, &extra};

  // Merge the two sorted candidate lists; ICU's breaks stand unless judged
  // otherwise, ours only when the evidence says so.
  std::size_t start = 0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < icu_breaks.size() || j < extra_breaks.size()) {
    std::size_t next = 0;
    bool from_icu = false;
    if (j >= extra_breaks.size() || (i < icu_breaks.size() && icu_breaks[i] <= extra_breaks[j])) {
      next = icu_breaks[i];
      from_icu = true;
      if (j < extra_breaks.size() && extra_breaks[j] == next) {
        ++j;
      }
      ++i;
    } else {
      next = extra_breaks[j++];
    }
    std::size_t end = next;
    while (end > start && is_space(para[end - 1])) {
      --end;
    }
    std::size_t first = next;
    while (first < para.size() && is_space(para[first])) {
      ++first;
    }
    // ICU keeps an unspaced opening quote with the sentence before it
    // (He left.“Now…): it belongs to the next one.
    std::size_t quote_start = 0;
    while (end > start && first == end && is_opening_quote(code_point_before(para, end, &quote_start)) &&
           para[quote_start] != '"') {
      end = quote_start;
      first = quote_start;
    }
    // A closing mark ICU left to the next sentence (upstream "doing . " Next)
    // belongs to the one before it.
    const auto closing = std::lower_bound(quotations.begin(), quotations.end(), first,
                                          [](const Quotation& q, std::size_t at) { return q.close < at; });
    if (closing != quotations.end() && closing->close == first && first > start) {
      end = first + code_point_length(para, first);
      first = end;
      while (first < para.size() && is_space(para[first])) {
        ++first;
      }
    }
    if (end <= start || first >= para.size()) {
      continue;
    }
    const Verdict verdict = judge_break(ctx, start, end, first);
    if (verdict == Verdict::keep || (verdict == Verdict::unknown && from_icu)) {
      emit(start, end);
      start = first;
    }
  }
  emit(start, para.size());
}

} // namespace

Document segment(const NormalizedText& normalized, const SegmentOptions& options) {
  std::unordered_set<std::string_view> extra;
  for (const std::string& abbreviation : options.extra_abbreviations) {
    extra.insert(abbreviation);
  }

  // Pass 1: sentence spans in the normalized text, per paragraph.
  struct Piece {
    core::Span span; // into normalized.text
    std::uint32_t paragraph;
  };
  std::vector<Piece> pieces;
  std::vector<core::Span> local;
  Scratch scratch;
  const std::string_view text = normalized.text;
  for (std::size_t p = 0; p < normalized.paragraphs.size(); ++p) {
    const Paragraph& paragraph = normalized.paragraphs[p];
    const std::string_view para = paragraph.span.of(text);
    local.clear();
    if (paragraph.kind == BlockKind::paragraph) {
      split_paragraph(para, extra, scratch, local);
    } else {
      // Headings and list items are one segment each, never split.
      std::size_t start = 0;
      std::size_t end = para.size();
      while (start < end && is_space(para[start])) {
        ++start;
      }
      while (end > start && is_space(para[end - 1])) {
        --end;
      }
      if (end > start) {
        local.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)});
      }
    }
    for (const core::Span& s : local) {
      pieces.push_back({{paragraph.span.start + s.start, paragraph.span.start + s.end},
                        static_cast<std::uint32_t>(p)});
    }
  }

  // Pass 2: the canonical text, paragraphs, tokens and the composed source map.
  Document doc;
  std::size_t bytes = 0;
  for (const Piece& piece : pieces) {
    bytes += piece.span.size() + 2;
  }
  doc.text.reserve(bytes);
  doc.sentences.reserve(pieces.size());
  doc.tokens.reserve(bytes / 5);

  std::vector<std::pair<std::uint32_t, std::uint32_t>> anchors; // (normalized, source)
  normalized.source_map.for_each_anchor(
      [&](std::uint32_t derived, std::uint32_t original) { anchors.emplace_back(derived, original); });
  std::size_t next_anchor = 0;
  // normalized.source_map.to_original(derived) for non-decreasing `derived`
  // (sentence ends come in text order): the same lookup as its binary
  // search, walking the anchors forward once instead.
  std::size_t end_anchor = 0;
  auto original_of = [&](std::uint32_t derived) -> std::uint32_t {
    while (end_anchor < anchors.size() && anchors[end_anchor].first <= derived) {
      ++end_anchor;
    }
    if (end_anchor == 0) {
      return anchors.empty() ? 0 : anchors.front().second;
    }
    const auto& [from, original] = anchors[end_anchor - 1];
    const std::uint32_t linear = original + (derived - from);
    return end_anchor < anchors.size() ? std::min(linear, anchors[end_anchor].second) : linear;
  };

  std::uint32_t last_paragraph = 0;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const Piece& piece = pieces[k];
    if (k == 0 || piece.paragraph != last_paragraph) {
      if (k != 0) {
        doc.text += '\n';
      }
      const auto at = static_cast<std::uint32_t>(doc.text.size());
      doc.paragraphs.push_back({normalized.paragraphs[piece.paragraph].kind, {at, at}});
      last_paragraph = piece.paragraph;
    }
    const auto start = static_cast<std::uint32_t>(doc.text.size());
    doc.text.append(piece.span.of(text));
    const auto end = static_cast<std::uint32_t>(doc.text.size());
    doc.text += '\n';

    doc.paragraphs.back().span.end = end;

    // Source map: the sentence starts where its normalized start came from;
    // the normalized map's anchors inside it move by the same shift.
    while (next_anchor < anchors.size() && anchors[next_anchor].first <= piece.span.start) {
      ++next_anchor;
    }
    if (next_anchor > 0) {
      const auto& [derived, original] = anchors[next_anchor - 1];
      doc.source_map.add(start, original + (piece.span.start - derived));
    } else if (!anchors.empty()) {
      doc.source_map.add(start, 0); // before the first anchor: what to_original says
    }
    for (std::size_t a = next_anchor; a < anchors.size() && anchors[a].first < piece.span.end; ++a) {
      doc.source_map.add(start + (anchors[a].first - piece.span.start), anchors[a].second);
    }
    // Close the sentence's piece of the map, so its end never maps past
    // where the normalized text says it ends (a U+FFFD for one bad byte is
    // longer than its source).
    doc.source_map.add(end, original_of(piece.span.end));

    Sentence sentence{{start, end}, static_cast<std::uint32_t>(doc.paragraphs.size() - 1),
                      static_cast<std::uint32_t>(doc.tokens.size()), 0};
    tokenize_into(sentence.span.of(doc.text), start, doc.tokens);
    sentence.token_count = static_cast<std::uint32_t>(doc.tokens.size()) - sentence.first_token;
    doc.sentences.push_back(sentence);
  }
  return doc;
}

Document parse_canonical(std::string_view article_text) {
  Document doc;
  doc.text = std::string(article_text);
  std::size_t pos = 0;
  bool new_paragraph = true;
  while (pos < doc.text.size()) {
    std::size_t end = doc.text.find('\n', pos);
    if (end == std::string::npos) {
      end = doc.text.size();
    }
    if (end == pos) {
      new_paragraph = true;
    } else {
      const core::Span span{static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(end)};
      if (new_paragraph || doc.paragraphs.empty()) {
        doc.paragraphs.push_back({BlockKind::paragraph, span});
        new_paragraph = false;
      } else {
        doc.paragraphs.back().span.end = span.end;
      }
      Sentence sentence{span, static_cast<std::uint32_t>(doc.paragraphs.size() - 1),
                        static_cast<std::uint32_t>(doc.tokens.size()), 0};
      tokenize_into(span.of(doc.text), span.start, doc.tokens);
      sentence.token_count = static_cast<std::uint32_t>(doc.tokens.size()) - sentence.first_token;
      doc.sentences.push_back(sentence);
    }
    pos = end + 1;
  }
  // Canonical text maps onto itself.
  if (!doc.text.empty()) {
    doc.source_map.add(0, 0);
  }
  return doc;
}

} // namespace storydiff::text
