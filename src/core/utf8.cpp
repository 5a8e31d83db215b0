// SPDX-License-Identifier: MIT
#include <storydiff/core/utf8.hpp>

namespace storydiff::core {

CodePoint decode_utf8(std::string_view text, std::size_t pos) {
  constexpr CodePoint invalid{0xFFFD, 1, false};
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) {
    return {b0, 1, true};
  }
  std::uint32_t length;
  char32_t cp;
  char32_t min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2, cp = b0 & 0x1Fu, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3, cp = b0 & 0x0Fu, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4, cp = b0 & 0x07u, min = 0x10000;
  } else {
    return invalid; // continuation byte, overlong lead (C0/C1) or > U+10FFFF lead
  }
  if (pos + length > text.size()) {
    return invalid;
  }
  for (std::uint32_t i = 1; i < length; ++i) {
    const unsigned char b = byte(pos + i);
    if ((b & 0xC0u) != 0x80u) {
      return invalid;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  // Overlong forms, UTF-16 surrogates and values past U+10FFFF are invalid.
  if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    return invalid;
  }
  return {cp, length, true};
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

Utf8Repair repair_utf8(std::string_view bytes) {
  Utf8Repair result;
  result.text.reserve(bytes.size());
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    // Fast path for ASCII runs: most news text is mostly ASCII.
    std::size_t run = pos;
    while (run < bytes.size() && static_cast<unsigned char>(bytes[run]) < 0x80) {
      ++run;
    }
    result.text.append(bytes.substr(pos, run - pos));
    pos = run;
    if (pos >= bytes.size()) {
      break;
    }
    const CodePoint cp = decode_utf8(bytes, pos);
    if (cp.valid) {
      result.text.append(bytes.substr(pos, cp.length));
    } else {
      append_utf8(result.text, 0xFFFD);
      ++result.replaced;
    }
    pos += cp.length;
  }
  return result;
}

} // namespace storydiff::core
