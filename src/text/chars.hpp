// SPDX-License-Identifier: MIT
#pragma once

// Character sets shared by normalize and tokenize (private to src/text).
namespace storydiff::text::detail {

// The whitespace normalize folds to one U+0020: ASCII space, tab, LF, VT, FF,
// CR, NEL, NBSP, Ogham space, U+2000–U+200A, line/paragraph separators,
// narrow NBSP, medium mathematical space and the ideographic space.
constexpr bool is_space(char32_t cp) {
  if (cp < 0x80) {
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
  }
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Invisible characters normalize removes: the soft hyphen (a hyphenation
// hint, "re\u00ADwrap" reads "rewrap"), zero-width space, word joiner, the
// Mongolian vowel separator, BOM / zero-width no-break space, and C0/C1
// control characters that are not whitespace. ZWJ and ZWNJ (U+200C/D) are
// kept: they change how emoji and Indic or Persian script render.
constexpr bool is_invisible(char32_t cp) {
  if (cp < 0x20 || cp == 0x7F) {
    return !is_space(cp);
  }
  return (cp >= 0x80 && cp <= 0x9F && cp != 0x85) || cp == 0xAD || cp == 0x180E || cp == 0x200B ||
         cp == 0x2060 || cp == 0xFEFF;
}

} // namespace storydiff::text::detail
