// SPDX-License-Identifier: MIT
#include "input.hpp"

#include <fmt/format.h>

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

text::ReadResult read_document_or_throw(Context& ctx, const std::string& name,
                                        const std::string& bytes,
                                        const text::PipelineOptions& options) {
  auto read = text::read_document(bytes, options);
  if (!read) {
    throw CommandError(read.error());
  }
  if (read->invalid_utf8 != 0) {
    ctx.warn(fmt::format("{}: {} invalid UTF-8 sequence{} replaced with U+FFFD", name,
                         read->invalid_utf8, read->invalid_utf8 == 1 ? "" : "s"));
  }
  return std::move(read).value();
}

} // namespace storydiff::cli
