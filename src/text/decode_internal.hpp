// SPDX-License-Identifier: MIT
#pragma once

// Private to the text module: the per-format decoders behind text::decode.
#include <storydiff/text/decode.hpp>

namespace storydiff::text::detail {

// Each takes valid UTF-8 with LF line ends (decode() has dropped the BOM,
// converted CRLF/CR and repaired invalid sequences); `offsets` maps a byte of
// that text back to the original source when they differ (empty = identity).
struct PreparedInput {
  std::string_view text;
  const std::vector<std::uint32_t>* source_offsets = nullptr; // per byte; null = identity
  std::uint32_t source_offset(std::size_t i) const {
    return source_offsets == nullptr ? static_cast<std::uint32_t>(i) : (*source_offsets)[i];
  }
};

DecodedText decode_plain(const PreparedInput& input);
DecodedText decode_markdown(const PreparedInput& input);
core::Result<DecodedText> decode_html(const PreparedInput& input, const std::string& select);

} // namespace storydiff::text::detail
