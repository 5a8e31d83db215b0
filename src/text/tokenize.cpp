// SPDX-License-Identifier: MIT
#include <storydiff/text/token.hpp>

namespace storydiff::text {

void tokenize_into(std::string_view text, std::uint32_t base, std::vector<Token>& out) {
  // TODO(segment helper): number-aware tokens.
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') {
      ++pos;
    }
    std::size_t end = pos;
    while (end < text.size() && text[end] != ' ') {
      ++end;
    }
    if (end > pos) {
      out.push_back({{base + static_cast<std::uint32_t>(pos), base + static_cast<std::uint32_t>(end)},
                     TokenKind::word, NumberForm::none, 0});
    }
    pos = end;
  }
}

std::vector<Token> tokenize(std::string_view text, std::uint32_t base) {
  std::vector<Token> out;
  tokenize_into(text, base, out);
  return out;
}

} // namespace storydiff::text
