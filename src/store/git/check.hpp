// SPDX-License-Identifier: MIT
#pragma once

// Maps libgit2 return codes to core::ErrorCode and one-line messages.
#include <storydiff/core/result.hpp>

#include "api.hpp"

#include <string>
#include <string_view>

namespace storydiff::store::git {

// The code a libgit2 failure `rc` maps to (GIT_ENOTFOUND -> not_found, ...).
inline core::ErrorCode code_of(int rc) {
  switch (rc) {
  case GIT_ENOTFOUND: return core::ErrorCode::not_found;
  case GIT_EAMBIGUOUS: return core::ErrorCode::ambiguous;
  case GIT_EINVALIDSPEC:
  case GIT_EINVALID: return core::ErrorCode::invalid_input;
  case GIT_EMODIFIED:
  case GIT_ELOCKED:
  case GIT_EEXISTS: return core::ErrorCode::conflict;
  default: break;
  }
  const git_error* e = git_error_last();
  if (e != nullptr && e->klass == GIT_ERROR_OS) {
    return core::ErrorCode::io;
  }
  return core::ErrorCode::git;
}

// The last libgit2 error message of this thread, on one line.
inline std::string last_message() {
  const git_error* e = git_error_last();
  std::string msg = (e != nullptr && e->message != nullptr) ? e->message : "unknown libgit2 error";
  for (char& c : msg) {
    if (c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  while (!msg.empty() && (msg.back() == ' ' || msg.back() == '.')) {
    msg.pop_back();
  }
  return msg;
}

// A Failure "<what> (<libgit2's reason>)" for the failed call's `rc`.
inline core::Failure failure(int rc, std::string_view what) {
  return core::fail(code_of(rc), std::string(what) + " (" + last_message() + ")");
}

// Success, or the failure of `rc` described as `what`.
inline core::Result<void> check(int rc, std::string_view what) {
  if (rc < 0) {
    return failure(rc, what);
  }
  return {};
}

} // namespace storydiff::store::git
