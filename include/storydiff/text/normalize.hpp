// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/core/span.hpp>
#include <storydiff/text/decode.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Stage 2 of the pipeline: decoded blocks → one normalized text.
namespace storydiff::text {

// Maps byte offsets of a derived text back to byte offsets of the text it was
// made from. Piecewise: each anchor says derived offset `to` came from
// original offset `from`, and later bytes map one-to-one until the next
// anchor, never past the next anchor's original offset (a U+FFFD standing
// for one bad byte). Offsets inside folded whitespace map to the start of the run.
class OffsetMap {
public:
  // Adds an anchor; `derived` must not be smaller than the last one added.
  void add(std::uint32_t derived, std::uint32_t original);
  // The original offset of `derived` (0 if the map is empty).
  std::uint32_t to_original(std::uint32_t derived) const;
  std::size_t size() const { return m_anchors.size(); }
  // Calls fn(derived, original) for each anchor, in order (lets a later stage
  // compose its own map with this one).
  template <typename Fn>
  void for_each_anchor(Fn&& fn) const {
    for (const Anchor& anchor : m_anchors) {
      fn(anchor.derived, anchor.original);
    }
  }

private:
  struct Anchor {
    std::uint32_t derived;
    std::uint32_t original;
  };
  std::vector<Anchor> m_anchors;
};

struct Paragraph {
  BlockKind kind = BlockKind::paragraph;
  core::Span span; // into NormalizedText::text
};

struct NormalizedText {
  // Unicode NFC. Inside a paragraph every run of whitespace (spaces, tabs,
  // line breaks, NBSP, ...) is one U+0020 and there is none at either end;
  // paragraphs are separated by "\n\n". Original characters (curly quotes,
  // dashes) are kept: use fold() to compare.
  std::string text;
  std::vector<Paragraph> paragraphs; // in order, never empty spans
  // normalized offset → source byte offset (through the decoder's anchors).
  OffsetMap source_map;
};

// Folds and joins the decoded blocks. Re-wrapping a paragraph's lines
// changes nothing in the result. Always succeeds; linear in the input.
NormalizedText normalize(const DecodedText& decoded);

// The comparison form of a piece of text: NFKC case-folded, curly quotes and
// primes → ' or ", dashes (‐ ‑ ‒ – — ―) and minus → '-', ellipsis → "...",
// whitespace runs → one space. Two texts that differ only in these are equal
// after folding.
std::string fold(std::string_view text);

} // namespace storydiff::text
