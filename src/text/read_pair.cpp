// SPDX-License-Identifier: MIT
#include <storydiff/text/read_pair.hpp>

#include <storydiff/core/second_core.hpp>

#include <algorithm>
#include <future>

namespace storydiff::text {

std::pair<core::Result<ReadResult>, core::Result<ReadResult>> read_two_documents(
    std::string_view first, const PipelineOptions& first_options, std::string_view second,
    const PipelineOptions& second_options) {
  std::future<core::Result<ReadResult>> second_later = core::start_on_second_core(
      std::min(first.size(), second.size()) >= k_parallel_read_min_bytes,
      [second, &second_options] { return read_document(second, second_options); });
  core::Result<ReadResult> first_read = read_document(first, first_options);
  core::Result<ReadResult> second_read =
      second_later.valid() ? second_later.get() : read_document(second, second_options);
  return {std::move(first_read), std::move(second_read)};
}

} // namespace storydiff::text
