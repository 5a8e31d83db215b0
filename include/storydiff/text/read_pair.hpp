// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/text/pipeline.hpp>

#include <string_view>
#include <utility>

namespace storydiff::text {

// read_document on two inputs at once: the second is read on another thread
// when the machine has two cores and both inputs hold at least
// k_parallel_read_min_bytes (below that, a side reads faster than a thread
// starts). A diff reads two documents, and reading is a fair share of its
// time. The results are those of two read_document calls; the bytes must not
// change meanwhile.
inline constexpr std::size_t k_parallel_read_min_bytes = 4 * 1024;

std::pair<core::Result<ReadResult>, core::Result<ReadResult>> read_two_documents(
    std::string_view first, const PipelineOptions& first_options, std::string_view second,
    const PipelineOptions& second_options);

} // namespace storydiff::text
