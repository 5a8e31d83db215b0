// SPDX-License-Identifier: MIT
#include <storydiff/text/read_pair.hpp>

#include <algorithm>
#include <future>
#include <system_error>
#include <thread>

namespace storydiff::text {

std::pair<core::Result<ReadResult>, core::Result<ReadResult>> read_two_documents(
    std::string_view first, const PipelineOptions& first_options, std::string_view second,
    const PipelineOptions& second_options) {
  static const unsigned k_cores = std::thread::hardware_concurrency();
  std::future<core::Result<ReadResult>> second_later;
  if (k_cores >= 2 && std::min(first.size(), second.size()) >= k_parallel_read_min_bytes) {
    try {
      second_later = std::async(std::launch::async, [second, &second_options] {
        return read_document(second, second_options);
      });
    } catch (const std::system_error&) {
      // No thread to be had: read both here.
    }
  }
  core::Result<ReadResult> first_read = read_document(first, first_options);
  core::Result<ReadResult> second_read =
      second_later.valid() ? second_later.get() : read_document(second, second_options);
  return {std::move(first_read), std::move(second_read)};
}

} // namespace storydiff::text
