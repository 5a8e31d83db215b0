// SPDX-License-Identifier: MIT
#include "extractors.hpp"
#include "quotes_marks.hpp"
#include "quotes_speech.hpp"

#include <storydiff/core/utf8.hpp>

#include <algorithm>
#include <array>

// Quotes. Decisions:
// - Marks pair within their family: double (" “ ” „), single (' ‘ ’ ‚),
//   guillemets (« ») and single guillemets (‹ ›). Each family is paired on
//   its own; a quote inside another quote is part of the outer one's words,
//   and a single-quote pair that crosses a double quote is an apostrophe
//   misread, dropped.
// - A straight mark opens when it is preceded by space (or the start, or an
//   opening bracket or dash) and followed by a non-space, closes in the
//   mirror case, and otherwise toggles (`" huge "`).
// - A quote left open at the end of a paragraph continues when the next
//   paragraph starts with an opening mark of its family (news style), up to
//   ExtractOptions::max_quote_sentences sentences; otherwise it ends at its
//   paragraph's end (double quotes and guillemets) or is dropped (single
//   quotes: an unclosed one is most often an apostrophe).
// - “A,” she said, “B.” is one quote: Fact::text is "A, B." (the parts joined
//   by one space) and Fact::span runs from the first quoted word to the last
//   one, so it also covers the attribution between them. For every other
//   quote Fact::text is exactly the span's bytes with line breaks as spaces.
// - key = "quote:" + the folded words with punctuation dropped, so case and
//   punctuation changes inside the marks keep the key.
namespace storydiff::extract::detail {

namespace {

enum class Family : std::uint8_t { double_mark, single_mark, guillemet, single_guillemet };
enum class Dir : std::uint8_t { open, close, either };

struct Mark {
  std::uint32_t token = 0;
  std::uint32_t sentence = 0;
  std::uint32_t paragraph = 0;
  core::Span span;
  char32_t cp = 0;
  Family family = Family::double_mark;
  Dir dir = Dir::either;
  bool space_before = false; // preceded by space, start or opening punctuation
  bool para_start = false;   // the first token of its paragraph
};

bool is_space_or_open(char32_t cp) {
  return cp == 0 || cp == ' ' || cp == '\n' || cp == '\t' || cp == '(' || cp == '[' ||
         cp == '{' || cp == 0x2014 || cp == 0x2013 || cp == '-' || cp == '/' || cp == 0x201C ||
         cp == 0x2018 || cp == 0xAB || cp == 0x2039 || cp == 0x201E || cp == '"' || cp == '\'';
}

bool is_space_or_close(char32_t cp) {
  return cp == 0 || cp == ' ' || cp == '\n' || cp == '\t' || cp == ',' || cp == '.' ||
         cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == ')' || cp == ']' ||
         cp == '}' || cp == 0x2026 || cp == 0x2014 || cp == 0x2013 || cp == '-' ||
         cp == 0x201D || cp == 0x2019 || cp == 0xBB || cp == 0x203A || cp == '"' || cp == '\'';
}

// The code point ending just before byte `pos` (0 at the start).
char32_t cp_before(const std::string& text, std::uint32_t pos) {
  if (pos == 0) {
    return 0;
  }
  std::uint32_t start = pos - 1;
  while (start > 0 && pos - start < 4 &&
         (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  return core::decode_utf8(text, start).value;
}

char32_t cp_at(const std::string& text, std::uint32_t pos) {
  return pos < text.size() ? core::decode_utf8(text, pos).value : 0;
}

bool classify(char32_t cp, Family& family, Dir& dir) {
  switch (cp) {
  case '"': family = Family::double_mark; dir = Dir::either; return true;
  case 0x201C: family = Family::double_mark; dir = Dir::open; return true;
  case 0x201E: family = Family::double_mark; dir = Dir::open; return true;
  case 0x201D: family = Family::double_mark; dir = Dir::close; return true;
  case '\'': family = Family::single_mark; dir = Dir::either; return true;
  case 0x2018: family = Family::single_mark; dir = Dir::open; return true;
  case 0x201A: family = Family::single_mark; dir = Dir::open; return true;
  case 0x2019: family = Family::single_mark; dir = Dir::close; return true;
  case 0xAB: family = Family::guillemet; dir = Dir::open; return true;
  case 0xBB: family = Family::guillemet; dir = Dir::close; return true;
  case 0x2039: family = Family::single_guillemet; dir = Dir::open; return true;
  case 0x203A: family = Family::single_guillemet; dir = Dir::close; return true;
  default: return false;
  }
}

struct Pairing {
  const text::Document& doc;
  const ExtractOptions& options;
  const std::vector<std::uint32_t>& para_last_sentence; // by paragraph

  std::uint32_t max_sentences() const {
    return std::clamp<std::uint32_t>(options.max_quote_sentences, 1, 200);
  }

  // Trims whitespace inside [start, end).
  core::Span trimmed(std::uint32_t start, std::uint32_t end) const {
    while (start < end && (doc.text[start] == ' ' || doc.text[start] == '\n')) {
      ++start;
    }
    while (end > start && (doc.text[end - 1] == ' ' || doc.text[end - 1] == '\n')) {
      --end;
    }
    return {start, end};
  }

  std::uint32_t sentence_end(std::uint32_t sentence) const {
    return doc.sentences[sentence].span.end;
  }
};

// Pairs the marks of one family into quotes.
void pair_family(const Pairing& p, const std::vector<Mark>& marks, Family family,
                 std::vector<QuoteRegion>& out) {
  bool open = false;
  QuoteRegion cur;
  std::uint32_t part_start = 0;
  std::uint32_t cur_paragraph = 0;
  char32_t opener = 0;

  auto finish_unclosed = [&](std::uint32_t last_sentence) {
    open = false;
    last_sentence = std::min(last_sentence, cur.first_sentence + p.max_sentences() - 1);
    last_sentence = std::max(last_sentence, p.doc.sentences.size() > 0 ? cur.first_sentence : 0);
    const std::uint32_t end = p.sentence_end(last_sentence);
    if (end > part_start) {
      const core::Span part = p.trimmed(part_start, end);
      if (!part.empty()) {
        cur.parts.push_back(part);
      }
    }
    cur.last_sentence = last_sentence;
    cur.closed = false;
    cur.close_token = cur.open_token;
    // Single quotes left open are most often apostrophes ("'em", "rock 'n'").
    if (family != Family::single_mark && !cur.parts.empty()) {
      out.push_back(std::move(cur));
    }
    cur = QuoteRegion{};
  };
  auto start_quote = [&](const Mark& m) {
    open = true;
    cur = QuoteRegion{};
    cur.first_sentence = m.sentence;
    cur.last_sentence = m.sentence;
    cur.open_token = m.token;
    part_start = m.span.end;
    cur_paragraph = m.paragraph;
    opener = m.cp;
  };
  auto close_quote = [&](const Mark& m) {
    open = false;
    const core::Span part = p.trimmed(part_start, m.span.start);
    if (!part.empty()) {
      cur.parts.push_back(part);
    }
    cur.last_sentence = m.sentence;
    cur.close_token = m.token;
    cur.closed = true;
    if (!cur.parts.empty()) {
      out.push_back(std::move(cur));
    }
    cur = QuoteRegion{};
  };

  for (const Mark& m : marks) {
    if (m.family != family) {
      continue;
    }
    if (open && m.paragraph != cur_paragraph) {
      const std::uint32_t last = p.para_last_sentence[cur_paragraph];
      const bool continues = m.para_start && m.sentence == last + 1 && m.dir != Dir::close &&
                             m.sentence - cur.first_sentence + 1 <= p.max_sentences();
      if (continues) {
        const core::Span part = p.trimmed(part_start, p.sentence_end(last));
        if (!part.empty()) {
          cur.parts.push_back(part);
        }
        part_start = m.span.end;
        cur_paragraph = m.paragraph;
        cur.last_sentence = m.sentence;
        continue;
      }
      finish_unclosed(last);
    }
    if (open && m.sentence - cur.first_sentence + 1 > p.max_sentences()) {
      finish_unclosed(cur.first_sentence + p.max_sentences() - 1);
    }
    // A mark's direction: fixed for curly marks, by its neighbours for straight ones.
    Dir dir = m.dir;
    if (dir == Dir::either) {
      const bool space_after = is_space_or_close(cp_at(p.doc.text, m.span.end));
      if (m.space_before && !space_after) {
        dir = Dir::open;
      } else if (!m.space_before && space_after) {
        dir = Dir::close;
      }
    }
    if (!open) {
      if (dir == Dir::open || (dir == Dir::either && family != Family::single_mark)) {
        start_quote(m);
      } else if (dir == Dir::close && m.space_before && family != Family::single_mark &&
                 !is_space_or_close(cp_at(p.doc.text, m.span.end))) {
        start_quote(m); // ”Swedish” and »German« marks open with a closing glyph
      }
      continue;
    }
    if (dir == Dir::close || dir == Dir::either) {
      close_quote(m);
      continue;
    }
    if (opener == 0x201E && m.cp == 0x201C) {
      close_quote(m); // „German“
      continue;
    }
    if (m.cp == 0xBB || m.cp == 0x203A) {
      close_quote(m);
      continue;
    }
    // An opening mark while a quote is open: the earlier one was never closed.
    if (m.sentence > cur.first_sentence) {
      finish_unclosed(m.sentence - 1);
    } else {
      const std::uint32_t end = m.span.start;
      const core::Span part = p.trimmed(part_start, end);
      open = false;
      if (!part.empty() && family != Family::single_mark) {
        cur.parts.push_back(part);
        cur.closed = false;
        cur.close_token = cur.open_token;
        out.push_back(std::move(cur));
      }
      cur = QuoteRegion{};
    }
    start_quote(m);
  }
  if (open) {
    finish_unclosed(p.para_last_sentence[cur_paragraph]);
  }
}

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> tails) {
  for (std::string_view t : tails) {
    if (s.size() >= t.size() && s.substr(s.size() - t.size()) == t) {
      return true;
    }
  }
  return false;
}

std::uint32_t sentence_token_end(const text::Document& doc, std::uint32_t sentence) {
  const auto& s = doc.sentences[sentence];
  return std::min<std::uint32_t>(s.first_token + s.token_count,
                                 static_cast<std::uint32_t>(doc.tokens.size()));
}

// Joins “A,” she said, “B.” into one quote when the words between are an
// attribution.
std::vector<QuoteRegion> merge_split(const text::Document& doc, const SpeechScanner& scanner,
                                     std::vector<QuoteRegion> quotes) {
  std::vector<QuoteRegion> merged;
  merged.reserve(quotes.size());
  for (QuoteRegion& q : quotes) {
    if (merged.empty()) {
      merged.push_back(std::move(q));
      continue;
    }
    QuoteRegion& prev = merged.back();
    const bool same_paragraph = doc.sentences[prev.last_sentence].paragraph ==
                                doc.sentences[q.first_sentence].paragraph;
    const std::string_view prev_words = prev.parts.back().of(doc.text);
    const bool prev_continues = !ends_with_any(prev_words, {".", "?", "!", "…", ".\"", "...", ":"});
    const std::uint32_t gap_first = prev.close_token + 1;
    const std::uint32_t gap_last = q.open_token;
    bool join = false;
    std::uint32_t gap_sentence = prev.last_sentence;
    if (prev.closed && !prev.split && same_paragraph && prev_continues && gap_last > gap_first &&
        gap_last - gap_first <= 14) {
      const std::string_view last_gap = doc.token_text(gap_last - 1);
      bool only_words = true;
      for (std::uint32_t t = gap_first; t < gap_last; ++t) {
        only_words = only_words && doc.tokens[t].kind != text::TokenKind::quote;
      }
      const std::uint32_t gap_end_in_sentence =
          std::min(gap_last, sentence_token_end(doc, prev.last_sentence));
      auto attribution = only_words ? scanner.find_near(prev.last_sentence, gap_first,
                                                        gap_end_in_sentence, false)
                                    : std::nullopt;
      if (attribution && (last_gap == "," || last_gap == ":" || last_gap == "—")) {
        join = true;
      } else if (attribution && last_gap == "." && q.first_sentence == prev.last_sentence + 1 &&
                 doc.sentences[q.first_sentence].first_token == q.open_token) {
        // “A,” she said. “B.” joins unless B has its own attribution.
        join = true;
        if (q.closed) {
          const std::uint32_t after = q.close_token + 1;
          const std::uint32_t end = sentence_token_end(doc, q.last_sentence);
          if (after < end && scanner.find_near(q.last_sentence, after, std::min(end, after + 8),
                                               false)) {
            join = false;
          }
        }
      }
    }
    if (!join) {
      merged.push_back(std::move(q));
      continue;
    }
    prev.split = true;
    prev.gap_sentence = gap_sentence;
    prev.gap_first = gap_first;
    prev.gap_last = gap_last;
    prev.parts.insert(prev.parts.end(), q.parts.begin(), q.parts.end());
    prev.last_sentence = q.last_sentence;
    prev.close_token = q.closed ? q.close_token : prev.close_token;
    prev.closed = q.closed;
  }
  return merged;
}

std::string join_parts(const text::Document& doc, const QuoteRegion& q) {
  std::string out;
  for (const core::Span& part : q.parts) {
    if (!out.empty()) {
      out.push_back(' ');
    }
    bool space = false;
    for (char c : part.of(doc.text)) {
      if (c == ' ' || c == '\n') {
        space = true;
        continue;
      }
      if (space) {
        out.push_back(' ');
        space = false;
      }
      out.push_back(c);
    }
  }
  return out;
}

} // namespace

std::vector<QuoteRegion> find_quote_regions(const text::Document& doc,
                                            const ExtractOptions& options,
                                            const SpeechScanner& scanner) {
  std::vector<QuoteRegion> quotes;
  if (doc.sentences.empty()) {
    return quotes;
  }
  std::uint32_t paragraphs = 0;
  for (const auto& s : doc.sentences) {
    paragraphs = std::max(paragraphs, s.paragraph + 1);
  }
  std::vector<std::uint32_t> para_last(paragraphs, 0);
  std::vector<std::uint32_t> para_first_token(paragraphs, UINT32_MAX);
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const auto& sentence = doc.sentences[s];
    para_last[sentence.paragraph] = s;
    if (para_first_token[sentence.paragraph] == UINT32_MAX) {
      para_first_token[sentence.paragraph] = sentence.first_token;
    }
  }

  std::vector<Mark> marks;
  std::array<bool, 4> present{};
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const auto& sentence = doc.sentences[s];
    const std::uint32_t end = sentence_token_end(doc, s);
    for (std::uint32_t t = sentence.first_token; t < end; ++t) {
      const text::Token& tok = doc.tokens[t];
      if (tok.kind != text::TokenKind::quote || tok.span.empty()) {
        continue;
      }
      Mark m;
      m.cp = core::decode_utf8(doc.text, tok.span.start).value;
      if (!classify(m.cp, m.family, m.dir)) {
        continue;
      }
      m.token = t;
      m.sentence = s;
      m.paragraph = sentence.paragraph;
      m.span = tok.span;
      m.space_before = is_space_or_open(cp_before(doc.text, tok.span.start)) ||
                       tok.span.start == sentence.span.start;
      m.para_start = para_first_token[sentence.paragraph] == t;
      present[static_cast<std::size_t>(m.family)] = true;
      marks.push_back(m);
    }
  }
  const Pairing pairing{doc, options, para_last};
  for (std::size_t f = 0; f < present.size(); ++f) {
    if (present[f]) {
      pair_family(pairing, marks, static_cast<Family>(f), quotes);
    }
  }
  std::sort(quotes.begin(), quotes.end(), [&](const QuoteRegion& a, const QuoteRegion& b) {
    return a.open_token < b.open_token;
  });

  // Keep the top-level quotes: a quote inside another is part of its words.
  std::vector<QuoteRegion> top;
  top.reserve(quotes.size());
  auto end_of = [](const QuoteRegion& q) { return q.parts.back().end; };
  auto is_single = [&](const QuoteRegion& q) {
    const char32_t cp = core::decode_utf8(doc.text, doc.tokens[q.open_token].span.start).value;
    return cp == '\'' || cp == 0x2018 || cp == 0x201A;
  };
  for (QuoteRegion& q : quotes) {
    if (!top.empty() && q.parts.front().start < end_of(top.back())) {
      if (end_of(q) <= end_of(top.back())) {
        continue; // nested
      }
      if (is_single(top.back()) && !is_single(q)) {
        top.back() = std::move(q); // a single-quote pair crossing a double quote: apostrophes
      }
      continue;
    }
    top.push_back(std::move(q));
  }
  return merge_split(doc, scanner, std::move(top));
}

std::vector<QuoteRegion> extract_quotes(const text::Document& doc, const TokenInfos& info,
                                        const ExtractOptions& options, std::vector<Fact>& out) {
  const SpeechScanner scanner(doc, info);
  std::vector<QuoteRegion> quotes = find_quote_regions(doc, options, scanner);
  for (const QuoteRegion& q : quotes) {
    Fact fact;
    fact.kind = FactKind::quote;
    fact.sentence = q.first_sentence;
    fact.last_sentence = q.last_sentence;
    fact.span = {q.parts.front().start, q.parts.back().end};
    fact.text = join_parts(doc, q);
    const std::string words = quote_key_words(fact.text);
    if (words.empty()) {
      continue; // only punctuation between the marks
    }
    fact.key = "quote:" + words;

    // Who said it: the attribution inside a split quote, after it, before it,
    // or the sentence that introduces it.
    std::optional<SpeechAttribution> who;
    if (q.split) {
      who = scanner.find_near(q.gap_sentence, q.gap_first, q.gap_last, false);
    }
    if (!who && q.closed) {
      const std::uint32_t after = q.close_token + 1;
      const std::uint32_t end = sentence_token_end(doc, q.last_sentence);
      auto found = scanner.find_near(q.last_sentence, after, std::min(end, after + 8), false);
      if (found) {
        // Only a phrase right after the closing mark (", she said").
        bool adjacent = true;
        for (std::uint32_t t = after; t < end && doc.tokens[t].span.start < found->span.start; ++t) {
          adjacent = adjacent && doc.tokens[t].kind == text::TokenKind::punctuation;
        }
        if (adjacent) {
          who = std::move(found);
        }
      }
    }
    // "according to X" after a quote names where it was published; a
    // speaker before the quote ("Garrido described it as “…”") wins.
    if (!who || who->lemma == "according to") {
      const std::uint32_t first = doc.sentences[q.first_sentence].first_token;
      const std::uint32_t from = q.open_token > first + 16 ? q.open_token - 16 : first;
      auto before = scanner.find_near(q.first_sentence, from, q.open_token, true);
      if (before) {
        who = std::move(before);
      }
    }
    if (!who && q.first_sentence > 0 &&
        doc.sentences[q.first_sentence].first_token == q.open_token) {
      const std::uint32_t prev = q.first_sentence - 1;
      const std::string_view prev_text = doc.sentence_text(prev);
      if (!prev_text.empty() && prev_text.back() == ':') {
        who = scanner.introducer(prev);
      }
    }
    if (who) {
      fact.speaker = who->speaker;
      fact.cue = who->cue;
    }
    out.push_back(std::move(fact));
  }
  return quotes;
}

} // namespace storydiff::extract::detail
