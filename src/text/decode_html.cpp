// SPDX-License-Identifier: MIT
#include "decode_internal.hpp"

namespace storydiff::text::detail {

core::Result<DecodedText> decode_html(const PreparedInput& input, const std::string& select) {
  (void)select;
  return decode_plain(input); // TODO(decode helper)
}

} // namespace storydiff::text::detail
