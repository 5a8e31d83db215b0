// SPDX-License-Identifier: MIT
#include "token_info.hpp"

#include "numdate_lex.hpp"

namespace storydiff::extract::detail {

TokenInfos analyze_tokens(const text::Document& doc) {
  namespace nd = numdate;
  TokenInfos infos;
  infos.lower = nd::ascii_lower(doc.text);
  infos.tokens.resize(doc.tokens.size());
  for (std::size_t i = 0; i < doc.tokens.size(); ++i) {
    TokenInfo& info = infos.tokens[i];
    const std::string_view low = infos.lower_of(doc, i);
    info.cue = find_cue_lower(low);
    bool flag = false;
    const int number = nd::number_word(low, flag);
    if (number >= 0) {
      info.number = static_cast<std::int16_t>(number);
      if (flag) {
        info.flags |= TokenInfo::k_ordinal;
      }
    }
    const int month = nd::month_word(low, flag);
    if (month != 0) {
      info.month = static_cast<std::uint8_t>(month);
      if (flag) {
        info.flags |= TokenInfo::k_month_ambiguous;
      }
    }
    const int weekday = nd::weekday_word(low, flag);
    if (weekday != 0) {
      info.weekday = static_cast<std::uint8_t>(weekday);
      if (flag) {
        info.flags |= TokenInfo::k_weekday_abbrev;
      }
    }
  }
  return infos;
}

} // namespace storydiff::extract::detail
