// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/check/findings.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// CI formats for `storydiff check` (DESIGN.md: "CI formats for check"). Each
// renderer takes a finished run and returns the whole output; none prints.
namespace storydiff::check {

enum class Format { text, json, github, sarif, junit };

// "text", "json", "github", "sarif", "junit"; nullopt otherwise.
std::optional<Format> parse_format(std::string_view name);

struct CheckRun {
  std::string policy;             // Policy::source
  std::vector<FileResult> files;  // every file looked at, in order
  Level min_level = Level::info;  // findings below it are left out
};

// How many findings at `level` the run reports (with min_level applied).
std::size_t count_at(const CheckRun& run, Level level);

// text: one "file:line:col: level: message [kind]" line per finding, then a
// summary line. json: storydiff.check/1 (see the function's .cpp for the
// fields). github: one workflow command per finding
// ("::error file=F,line=L,col=C,title=T::message"). sarif: SARIF 2.1.0, one
// rule per change kind. junit: one <testsuite>, one <testcase> per file, a
// <failure> per error finding.
std::string render(const CheckRun& run, Format format);

// GitHub workflow-command escaping: data escapes %, \r, \n; property values
// also : and ,.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

} // namespace storydiff::check
