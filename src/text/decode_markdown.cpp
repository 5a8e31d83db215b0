// SPDX-License-Identifier: MIT
#include "decode_internal.hpp"

namespace storydiff::text::detail {

DecodedText decode_markdown(const PreparedInput& input) {
  return decode_plain(input); // TODO(decode helper)
}

} // namespace storydiff::text::detail
