// SPDX-License-Identifier: MIT
#pragma once

#include "../cli.hpp"

#include <storydiff/text/pipeline.hpp>

namespace storydiff::cli {

// Adds --input auto|txt|md|html and --select XPATH to a command's options.
void add_input_options(cxxopts::Options& options);

// The pipeline options that --input and --select in `parsed` ask for, for a
// source named `name` (format nullopt for auto). Throws UsageError on a bad
// --input.
text::PipelineOptions pipeline_options_from(const std::string& name,
                                            const cxxopts::ParseResult& parsed);

// Runs the text pipeline on `bytes` read from `name` with the --input and
// --select options in `parsed`. Warns once when invalid UTF-8 was repaired;
// throws CommandError on refused input.
text::ReadResult read_document_or_throw(Context& ctx, const std::string& name,
                                        const std::string& bytes,
                                        const cxxopts::ParseResult& parsed);

// The same with the pipeline options given.
text::ReadResult read_document_or_throw(Context& ctx, const std::string& name,
                                        const std::string& bytes,
                                        const text::PipelineOptions& options);

// One input of read_two_documents_or_throw; the strings must outlive the call.
struct NamedInput {
  const std::string& name;
  const std::string& bytes;
  text::PipelineOptions options;
};

// read_document_or_throw on two inputs at once (text::read_two_documents: the
// second on another thread when both are large enough to pay for one).
// Warnings and errors come in the order of the arguments, as from two calls.
std::pair<text::ReadResult, text::ReadResult> read_two_documents_or_throw(Context& ctx,
                                                                          const NamedInput& first,
                                                                          const NamedInput& second);

} // namespace storydiff::cli
