// SPDX-License-Identifier: MIT
#include "input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <future>
#include <system_error>
#include <thread>
#include <utility>

namespace storydiff::cli {

void add_input_options(cxxopts::Options& options) {
  options.add_options()("input", "input format: auto, txt, md or html",
                        cxxopts::value<std::string>()->default_value("auto"))(
      "select", "HTML: XPath of the article body (default: <article>/<main> paragraphs)",
      cxxopts::value<std::string>());
}

text::PipelineOptions pipeline_options_from(const std::string& name,
                                           const cxxopts::ParseResult& parsed) {
  text::PipelineOptions options;
  options.decode.name = name;
  const std::string input = parsed["input"].as<std::string>();
  if (input != "auto") {
    options.decode.format = text::parse_input_format(input);
    if (!options.decode.format) {
      throw UsageError("--input takes auto, txt, md or html, not '" + input + "'");
    }
  }
  if (parsed.count("select") != 0) {
    options.decode.select = parsed["select"].as<std::string>();
  }
  return options;
}

text::ReadResult read_document_or_throw(Context& ctx, const std::string& name,
                                        const std::string& bytes,
                                        const cxxopts::ParseResult& parsed) {
  return read_document_or_throw(ctx, name, bytes, pipeline_options_from(name, parsed));
}

namespace {

text::ReadResult take_or_throw(Context& ctx, const std::string& name,
                               core::Result<text::ReadResult> read) {
  if (!read) {
    throw CommandError(read.error());
  }
  if (read->invalid_utf8 != 0) {
    ctx.warn(fmt::format("{}: {} invalid UTF-8 sequence{} replaced with U+FFFD", name,
                         read->invalid_utf8, read->invalid_utf8 == 1 ? "" : "s"));
  }
  return std::move(read).value();
}

} // namespace

text::ReadResult read_document_or_throw(Context& ctx, const std::string& name,
                                        const std::string& bytes,
                                        const text::PipelineOptions& options) {
  return take_or_throw(ctx, name, text::read_document(bytes, options));
}

std::pair<text::ReadResult, text::ReadResult> read_two_documents_or_throw(Context& ctx,
                                                                          const NamedInput& first,
                                                                          const NamedInput& second) {
  // Below this many bytes a side reads faster than a thread starts.
  constexpr std::size_t k_parallel_min_bytes = 4 * 1024;
  static const unsigned k_cores = std::thread::hardware_concurrency();
  std::future<core::Result<text::ReadResult>> second_later;
  if (k_cores >= 2 && std::min(first.bytes.size(), second.bytes.size()) >= k_parallel_min_bytes) {
    try {
      second_later = std::async(std::launch::async, [&second] {
        return text::read_document(second.bytes, second.options);
      });
    } catch (const std::system_error&) {
      // No thread to be had: read both here.
    }
  }
  text::ReadResult first_read =
      take_or_throw(ctx, first.name, text::read_document(first.bytes, first.options));
  text::ReadResult second_read =
      take_or_throw(ctx, second.name,
                    second_later.valid() ? second_later.get()
                                         : text::read_document(second.bytes, second.options));
  return {std::move(first_read), std::move(second_read)};
}

} // namespace storydiff::cli
