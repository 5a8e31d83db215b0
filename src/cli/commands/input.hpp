// SPDX-License-Identifier: MIT
#pragma once

#include "../cli.hpp"

#include <storydiff/text/pipeline.hpp>

namespace storydiff::cli {

// Adds --input auto|txt|md|html and --select XPATH to a command's options.
void add_input_options(cxxopts::Options& options);

// Runs the text pipeline on `bytes` read from `name` with the --input and
// --select options in `parsed`. Warns once when invalid UTF-8 was repaired;
// throws CommandError on refused input.
text::ReadResult read_document_or_throw(Context& ctx, const std::string& name,
                                        const std::string& bytes,
                                        const cxxopts::ParseResult& parsed);

} // namespace storydiff::cli
