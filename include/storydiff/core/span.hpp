// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string_view>

namespace storydiff::core {

// A 0-based byte range [start, end) into one text (which text is said by the
// owner of the span: normally NormalizedText::text).
struct Span {
  std::uint32_t start = 0;
  std::uint32_t end = 0;

  std::uint32_t size() const { return end - start; }
  bool empty() const { return start == end; }
  // The bytes of `text` this span covers; `text` must be the span's text.
  std::string_view of(std::string_view text) const { return text.substr(start, end - start); }
  friend bool operator==(const Span&, const Span&) = default;
};

} // namespace storydiff::core
