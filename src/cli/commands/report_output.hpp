// SPDX-License-Identifier: MIT
#pragma once

// Printing one semantic diff report in the format the user chose: shared by
// `diff` and `git-diff` (defined in diff.cpp).
#include "../cli.hpp"

#include <storydiff/diff/changes.hpp>
#include <storydiff/report/render.hpp>

#include <string>

namespace storydiff::cli {

// The value of --format: text, json, markdown or html. Throws UsageError
// for anything else.
std::string parse_report_format(const cxxopts::ParseResult& parsed);

// Writes `report` to ctx.out in `format` (from parse_report_format); text
// is colored when ctx.use_color().
void print_report(Context& ctx, const diff::Report& report, const report::Sources& sources,
                  const std::string& format);

} // namespace storydiff::cli
