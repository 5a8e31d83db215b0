// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace storydiff::core {

// Decodes one UTF-8 code point at `text[pos]`. Returns the code point and its
// length in bytes; an invalid or truncated sequence gives U+FFFD with a
// length of 1 (so a caller always advances). `pos` must be < text.size().
struct CodePoint {
  char32_t value;
  std::uint32_t length;
  bool valid;
};
CodePoint decode_utf8(std::string_view text, std::size_t pos);

// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, char32_t cp);

// The result of repair_utf8: the text with every invalid sequence replaced by
// U+FFFD, and how many were replaced.
struct Utf8Repair {
  std::string text;
  std::size_t replaced = 0;
};
Utf8Repair repair_utf8(std::string_view bytes);

} // namespace storydiff::core
