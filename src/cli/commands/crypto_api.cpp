// SPDX-License-Identifier: MIT
#include "crypto_api.hpp"

#include <dlfcn.h>

#include <cstring>
#include <mutex>

namespace storydiff::cli::detail {
namespace {

// The soname of the libcrypto we were compiled against (cmake/Dependencies.cmake
// reads it from the -dev package's libcrypto.so).
constexpr const char* k_library = STORYDIFF_LIBCRYPTO_SONAME;

struct Loaded {
  CryptoApi api{};
  std::string error; // empty when api is usable
};

template <typename Function> bool bind(void* library, const char* name, Function& out) {
  void* symbol = dlsym(library, name);
  if (symbol == nullptr) {
    return false;
  }
  // POSIX guarantees a data pointer from dlsym converts to a function
  // pointer; memcpy says so without a cast the compilers warn about.
  static_assert(sizeof(symbol) == sizeof(out));
  std::memcpy(&out, &symbol, sizeof(out));
  return true;
}

Loaded load() {
  Loaded loaded;
  // Never closed: libcrypto registers exit handlers.
  void* library = dlopen(k_library, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* why = dlerror();
    loaded.error = why != nullptr ? why : k_library;
    return loaded;
  }
  if (!bind(library, "EVP_Digest", loaded.api.digest) ||
      !bind(library, "EVP_sha256", loaded.api.sha256)) {
    loaded.error = std::string(k_library) + " is too old (a function storydiff needs is missing)";
  }
  return loaded;
}

} // namespace

const CryptoApi* crypto_api(std::string& why) {
  static std::once_flag once;
  static Loaded loaded;
  std::call_once(once, [] { loaded = load(); });
  if (!loaded.error.empty()) {
    why = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

} // namespace storydiff::cli::detail
