// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/core/result.hpp>
#include <storydiff/text/decode.hpp>
#include <storydiff/text/segment.hpp>

#include <string_view>

namespace storydiff::text {

struct PipelineOptions {
  DecodeOptions decode;
  SegmentOptions segment;
};

// What read_document made of some bytes.
struct ReadResult {
  Document document;
  InputFormat format = InputFormat::txt;
  std::string title;
  std::size_t invalid_utf8 = 0; // sequences repaired with U+FFFD
};

// decode → normalize → segment in one call.
// Errors: those of decode (invalid_input).
core::Result<ReadResult> read_document(std::string_view bytes, const PipelineOptions& options = {});

} // namespace storydiff::text
