// SPDX-License-Identifier: MIT
#include <storydiff/text/normalize.hpp>
#include <storydiff/text/pipeline.hpp>

namespace storydiff::text {

core::Result<ReadResult> read_document(std::string_view bytes, const PipelineOptions& options) {
  auto decoded = decode(bytes, options.decode);
  if (!decoded) {
    return core::Failure{decoded.error()};
  }
  ReadResult result;
  result.format = decoded->format;
  result.title = decoded->title;
  result.invalid_utf8 = decoded->invalid_utf8;
  result.document = segment(normalize(*decoded), options.segment);
  return result;
}

} // namespace storydiff::text
