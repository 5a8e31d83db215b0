// SPDX-License-Identifier: MIT
#pragma once

// One-time libgit2 set-up shared by every libgit2 user in src/store.
#include <git2.h>

#include <mutex>

namespace storydiff::store::git {

// libgit2 is initialised once per process and never shut down: its state is
// freed at exit, and shutting down while another Store lives would break it.
// Owner validation is off because stores and drafts are routinely read by
// another user than the folder's owner (CI runners and containers run as root
// on mounted folders); libgit2 would refuse them with GIT_EOWNER. We never run
// hooks or config-defined programs, which is what the check guards against.
inline void ensure_libgit2() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    // Strict creation re-reads every object a new tree or commit names to
    // check it exists; the store only names objects it has just written or
    // read, and the checks cost a third of an append's file operations.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 0);
  });
}

} // namespace storydiff::store::git
