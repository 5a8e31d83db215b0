// SPDX-License-Identifier: MIT
#include "decode_internal.hpp"

#include <storydiff/core/utf8.hpp>

#include <algorithm>
#include <cctype>

namespace storydiff::text {

std::string_view to_string(InputFormat format) {
  switch (format) {
  case InputFormat::txt: return "txt";
  case InputFormat::md: return "md";
  case InputFormat::html: return "html";
  }
  return "txt";
}

std::optional<InputFormat> parse_input_format(std::string_view name) {
  if (name == "txt" || name == "text") {
    return InputFormat::txt;
  }
  if (name == "md" || name == "markdown") {
    return InputFormat::md;
  }
  if (name == "html" || name == "htm") {
    return InputFormat::html;
  }
  return std::nullopt;
}

InputFormat detect_format(std::string_view name, std::string_view bytes) {
  // TODO(decode helper): extension and content sniffing.
  (void)bytes;
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  if (ends_with(".html") || ends_with(".htm")) {
    return InputFormat::html;
  }
  if (ends_with(".md") || ends_with(".markdown")) {
    return InputFormat::md;
  }
  return InputFormat::txt;
}

core::Result<DecodedText> decode(std::string_view bytes, const DecodeOptions& options) {
  if (bytes.find('\0') != std::string_view::npos) {
    return core::fail(core::ErrorCode::invalid_input,
                      "input looks binary (it contains NUL bytes)");
  }
  core::Utf8Repair repaired = core::repair_utf8(bytes);
  detail::PreparedInput input{repaired.text, nullptr};
  const InputFormat format = options.format.value_or(detect_format(options.name, bytes));
  DecodedText decoded;
  switch (format) {
  case InputFormat::txt:
    decoded = detail::decode_plain(input);
    break;
  case InputFormat::md:
    decoded = detail::decode_markdown(input);
    break;
  case InputFormat::html: {
    auto html = detail::decode_html(input, options.select);
    if (!html) {
      return core::Failure{html.error()};
    }
    decoded = std::move(html).value();
    break;
  }
  }
  decoded.format = format;
  decoded.invalid_utf8 = repaired.replaced;
  return decoded;
}

namespace detail {

DecodedText decode_plain(const PreparedInput& input) {
  // Paragraphs are separated by blank lines.
  DecodedText out;
  std::string_view text = input.text;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find("\n\n", pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view para = text.substr(pos, end - pos);
    if (para.find_first_not_of(" \t\n\r") != std::string_view::npos) {
      Block block;
      block.text = std::string(para);
      block.anchors.push_back({0, input.source_offset(pos)});
      out.blocks.push_back(std::move(block));
    }
    pos = end + 2;
  }
  return out;
}

} // namespace detail
} // namespace storydiff::text
