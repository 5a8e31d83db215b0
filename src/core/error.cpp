// SPDX-License-Identifier: MIT
#include <storydiff/core/error.hpp>

namespace storydiff::core {

std::string_view to_string(ErrorCode code) {
  switch (code) {
  case ErrorCode::not_found: return "not_found";
  case ErrorCode::ambiguous: return "ambiguous";
  case ErrorCode::invalid_input: return "invalid_input";
  case ErrorCode::conflict: return "conflict";
  case ErrorCode::io: return "io";
  case ErrorCode::git: return "git";
  }
  return "io";
}

} // namespace storydiff::core
