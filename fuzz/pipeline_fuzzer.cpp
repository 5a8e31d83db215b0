// SPDX-License-Identifier: MIT
// Fuzz target for the text pipeline (decode → normalize → segment) through
// its public API. The first input byte picks the format (value % 4: txt, md,
// html, detect); the rest is the document. Every Document that read_document
// returns is checked against the contracts in segment.hpp and normalize.hpp;
// a broken one traps, so libFuzzer (or the standalone driver) stops there.
#include <storydiff/core/error.hpp>
#include <storydiff/text/decode.hpp>
#include <storydiff/text/pipeline.hpp>
#include <storydiff/text/segment.hpp>
#include <storydiff/text/token.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string_view>

// Says which invariant failed before trapping: a trap alone gives no clue in
// a replayed crash log.
#define STORYDIFF_FUZZ_CHECK(cond)                                                         \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      std::fprintf(stderr, "pipeline_fuzzer: invariant failed at %s:%d: %s\n", __FILE__,  \
                   __LINE__, #cond);                                                       \
      __builtin_trap();                                                                    \
    }                                                                                      \
  } while (false)

namespace {

namespace text = storydiff::text;

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above
// U+10FFFF. Written here rather than taken from core so that the check does
// not share a bug with the code under test.
bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      length = 2;
    } else if (b0 == 0xE0) {
      length = 3;
      lo = 0xA0;
    } else if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) {
      length = 3;
    } else if (b0 == 0xED) {
      length = 3;
      hi = 0x9F;
    } else if (b0 == 0xF0) {
      length = 4;
      lo = 0x90;
    } else if (b0 >= 0xF1 && b0 <= 0xF3) {
      length = 4;
    } else if (b0 == 0xF4) {
      length = 4;
      hi = 0x8F;
    } else {
      return false;
    }
    if (s.size() - i < length) {
      return false;
    }
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b1 < lo || b1 > hi) {
      return false;
    }
    for (std::size_t k = 2; k < length; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (b < 0x80 || b > 0xBF) {
        return false;
      }
    }
    i += length;
  }
  return true;
}

bool is_space_byte(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool same_value(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}

bool same_token(const text::Token& a, const text::Token& b) {
  return a.span == b.span && a.kind == b.kind && a.form == b.form && same_value(a.value, b.value);
}

// The layout of canonical text: one sentence per line, one blank line between
// paragraphs, one final "\n"; empty when there are no sentences.
void check_canonical_layout(const text::Document& doc) {
  const std::string_view t = doc.text;
  STORYDIFF_FUZZ_CHECK(t.empty() == doc.sentences.empty());
  if (t.empty()) {
    return;
  }
  STORYDIFF_FUZZ_CHECK(t.front() != '\n');
  STORYDIFF_FUZZ_CHECK(t.back() == '\n');
  STORYDIFF_FUZZ_CHECK(t.size() < 2 || t[t.size() - 2] != '\n');
  STORYDIFF_FUZZ_CHECK(t.find("\n\n\n") == std::string_view::npos);
}

void check_paragraphs(const text::Document& doc) {
  std::uint32_t previous_end = 0;
  for (const text::Paragraph& p : doc.paragraphs) {
    STORYDIFF_FUZZ_CHECK(!p.span.empty());
    STORYDIFF_FUZZ_CHECK(p.span.start >= previous_end);
    STORYDIFF_FUZZ_CHECK(p.span.end <= doc.text.size());
    previous_end = p.span.end;
  }
}

void check_sentences(const text::Document& doc) {
  std::uint32_t previous_end = 0;
  std::uint32_t previous_paragraph = 0;
  std::uint32_t next_token = 0;
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    const text::Sentence& s = doc.sentences[i];
    // Non-empty, in order, inside the text.
    STORYDIFF_FUZZ_CHECK(!s.span.empty());
    STORYDIFF_FUZZ_CHECK(s.span.start >= previous_end);
    STORYDIFF_FUZZ_CHECK(s.span.end <= doc.text.size());
    previous_end = s.span.end;

    // One line of normalized text without surrounding space.
    const std::string_view st = doc.sentence_text(i);
    STORYDIFF_FUZZ_CHECK(!is_space_byte(st.front()));
    STORYDIFF_FUZZ_CHECK(!is_space_byte(st.back()));
    STORYDIFF_FUZZ_CHECK(st.find_first_of("\n\r\t") == std::string_view::npos);
    STORYDIFF_FUZZ_CHECK(st.find("  ") == std::string_view::npos);

    // Inside its paragraph; paragraphs in order.
    STORYDIFF_FUZZ_CHECK(s.paragraph < doc.paragraphs.size());
    STORYDIFF_FUZZ_CHECK(s.paragraph >= previous_paragraph);
    previous_paragraph = s.paragraph;
    const storydiff::core::Span para = doc.paragraphs[s.paragraph].span;
    STORYDIFF_FUZZ_CHECK(s.span.start >= para.start && s.span.end <= para.end);

    // The sentence's tokens follow the previous sentence's and lie inside it.
    STORYDIFF_FUZZ_CHECK(s.first_token == next_token);
    STORYDIFF_FUZZ_CHECK(s.token_count <= doc.tokens.size() - s.first_token);
    std::uint32_t token_end = s.span.start;
    for (std::uint32_t k = s.first_token; k < s.first_token + s.token_count; ++k) {
      const text::Token& tok = doc.tokens[k];
      STORYDIFF_FUZZ_CHECK(!tok.span.empty());
      STORYDIFF_FUZZ_CHECK(tok.span.start >= token_end);
      STORYDIFF_FUZZ_CHECK(tok.span.end <= s.span.end);
      STORYDIFF_FUZZ_CHECK(!is_space_byte(doc.text[tok.span.start]));
      STORYDIFF_FUZZ_CHECK(!is_space_byte(doc.text[tok.span.end - 1]));
      STORYDIFF_FUZZ_CHECK((tok.kind == text::TokenKind::number) ==
                           (tok.form != text::NumberForm::none));
      token_end = tok.span.end;
    }
    next_token = s.first_token + s.token_count;
  }
  // Every token belongs to a sentence.
  STORYDIFF_FUZZ_CHECK(next_token == doc.tokens.size());
}

// The stored form reads back as it was segmented (segment.hpp, parse_canonical).
void check_round_trip(const text::Document& doc) {
  const text::Document back = text::parse_canonical(doc.text);
  STORYDIFF_FUZZ_CHECK(back.text == doc.text);
  STORYDIFF_FUZZ_CHECK(back.sentences.size() == doc.sentences.size());
  STORYDIFF_FUZZ_CHECK(back.paragraphs.size() == doc.paragraphs.size());
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    STORYDIFF_FUZZ_CHECK(back.sentence_text(i) == doc.sentence_text(i));
    STORYDIFF_FUZZ_CHECK(back.sentences[i].paragraph == doc.sentences[i].paragraph);
  }
  STORYDIFF_FUZZ_CHECK(back.tokens.size() == doc.tokens.size());
  for (std::size_t k = 0; k < doc.tokens.size(); ++k) {
    STORYDIFF_FUZZ_CHECK(same_token(back.tokens[k], doc.tokens[k]));
  }
}

void check_result(const text::ReadResult& result, std::string_view source,
                  std::optional<text::InputFormat> format) {
  const text::Document& doc = result.document;
  if (format) {
    STORYDIFF_FUZZ_CHECK(result.format == *format);
  }
  STORYDIFF_FUZZ_CHECK(is_valid_utf8(result.title));
  STORYDIFF_FUZZ_CHECK(is_valid_utf8(doc.text));
  // Only plain text and Markdown: libxml2 may turn valid bytes into
  // something the HTML decoder has to repair (character references).
  if (result.format != text::InputFormat::html && is_valid_utf8(source)) {
    STORYDIFF_FUZZ_CHECK(result.invalid_utf8 == 0);
  }
  check_canonical_layout(doc);
  check_paragraphs(doc);
  check_sentences(doc);
  check_round_trip(doc);
  // Offsets map back into the source bytes, in order. Not checked for HTML:
  // decode.hpp calls its anchors approximate (libxml2 gives no byte offsets),
  // and they can point past the end of the source.
  if (result.format != text::InputFormat::html) {
    std::uint32_t previous = 0;
    for (const text::Sentence& s : doc.sentences) {
      const std::uint32_t start = doc.source_map.to_original(s.span.start);
      const std::uint32_t end = doc.source_map.to_original(s.span.end);
      STORYDIFF_FUZZ_CHECK(start >= previous);
      STORYDIFF_FUZZ_CHECK(start <= end);
      STORYDIFF_FUZZ_CHECK(end <= source.size());
      previous = start;
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  std::optional<text::InputFormat> format;
  switch (data[0] % 4) {
  case 0: format = text::InputFormat::txt; break;
  case 1: format = text::InputFormat::md; break;
  case 2: format = text::InputFormat::html; break;
  default: break; // detect from the bytes
  }
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);

  text::PipelineOptions options;
  options.decode.format = format;
  const auto result = text::read_document(bytes, options);
  if (!result) {
    // decode's only expected error; binary input is refused, never crashed on.
    STORYDIFF_FUZZ_CHECK(result.error().code == storydiff::core::ErrorCode::invalid_input);
    STORYDIFF_FUZZ_CHECK(!result.error().message.empty());
    return 0;
  }
  check_result(*result, bytes, format);
  return 0;
}
