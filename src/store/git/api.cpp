// SPDX-License-Identifier: MIT
#include "api.hpp"

#include <storydiff/core/shared_library.hpp>

#include <string>

namespace storydiff::store::git {
namespace {

// The soname of the libgit2 we were compiled against (cmake/Dependencies.cmake
// reads it from the -dev package's libgit2.so): its ABI is the one <git2.h>
// describes.
constexpr const char* k_library = STORYDIFF_LIBGIT2_SONAME;

struct Loaded {
  Api api{};
  std::string error; // empty when api is usable
};

Loaded load_library() {
  Loaded loaded;
  const core::SharedLibrary library = core::SharedLibrary::open(k_library);
  if (!library.is_open()) {
    loaded.error = library.error();
    return loaded;
  }
  Api& api = loaded.api;
#define STORYDIFF_GIT_BIND(name)                                                                   \
  if (!library.bind(#name, api.name)) {                                                           \
    loaded.error = std::string(k_library) + " has no " #name;                                      \
    return loaded;                                                                                 \
  }
  STORYDIFF_GIT_FUNCTIONS(STORYDIFF_GIT_BIND)
  STORYDIFF_GIT_SETUP_FUNCTIONS(STORYDIFF_GIT_BIND)
#undef STORYDIFF_GIT_BIND

  // Initialised once per process and never shut down: its state is freed at
  // exit, and shutting down while another Store lives would break it.
  if (api.git_libgit2_init() < 0) {
    const git_error* e = api.git_error_last();
    loaded.error = std::string("git_libgit2_init failed: ") +
                   (e != nullptr && e->message != nullptr ? e->message : "unknown error");
    return loaded;
  }
  // Owner validation is off because stores and drafts are routinely read by
  // another user than the folder's owner (CI runners and containers run as
  // root on mounted folders); libgit2 would refuse them with GIT_EOWNER. We
  // never run hooks or config-defined programs, which is what the check
  // guards against.
  api.git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
  // Strict creation re-reads every object a new tree or commit names to check
  // it exists; the store only names objects it has just written or read, and
  // the checks cost a third of an append's file operations.
  api.git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 0);
  return loaded;
}

const Loaded& loaded() {
  static const Loaded instance = load_library(); // once per process, thread-safe
  return instance;
}

} // namespace

core::Result<void> load() {
  const Loaded& state = loaded();
  if (!state.error.empty()) {
    return core::fail(core::ErrorCode::io, "cannot load libgit2 (" + state.error + ")");
  }
  return {};
}

const Api& api() { return loaded().api; }

} // namespace storydiff::store::git
