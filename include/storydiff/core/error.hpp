// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace storydiff::core {

// The short list of expected failures (STYLE.md): a caller can branch on the
// code; the message is one line for a person and names what failed and why.
enum class ErrorCode {
  not_found,     // a story, revision, file or store that does not exist
  ambiguous,     // a revision prefix that names several commits
  invalid_input, // bytes or arguments we refuse (binary input, bad slug, ...)
  conflict,      // a concurrent writer won; the caller may retry
  io,            // the operating system or the network failed
  git,           // libgit2 failed in a way none of the above describes
};

// Returns the code's snake_case name ("not_found", ...).
std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message; // "<what> (<why>)", no trailing newline
};

} // namespace storydiff::core
