// SPDX-License-Identifier: MIT
#include "input.hpp"

#include <storydiff/text/read_pair.hpp>

#include <fmt/format.h>

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
  auto [first_read, second_read] =
      text::read_two_documents(first.bytes, first.options, second.bytes, second.options);
  text::ReadResult first_taken = take_or_throw(ctx, first.name, std::move(first_read));
  text::ReadResult second_taken = take_or_throw(ctx, second.name, std::move(second_read));
  return {std::move(first_taken), std::move(second_taken)};
}

} // namespace storydiff::cli
