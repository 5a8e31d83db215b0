// SPDX-License-Identifier: MIT
#include "crypto_api.hpp"

#include <storydiff/core/shared_library.hpp>


namespace storydiff::cli::detail {
namespace {

// The soname of the libcrypto we were compiled against (cmake/Dependencies.cmake
// reads it from the -dev package's libcrypto.so).
constexpr const char* k_library = STORYDIFF_LIBCRYPTO_SONAME;

struct Loaded {
  CryptoApi api{};
  std::string error; // empty when api is usable
};

Loaded load() {
  Loaded loaded;
  const core::SharedLibrary library = core::SharedLibrary::open(k_library);
  if (!library.is_open()) {
    loaded.error = library.error();
    return loaded;
  }
  if (!library.bind("EVP_Digest", loaded.api.digest) ||
      !library.bind("EVP_sha256", loaded.api.sha256)) {
    loaded.error = std::string(k_library) + " is too old (a function storydiff needs is missing)";
  }
  return loaded;
}

} // namespace

const CryptoApi* crypto_api(std::string& why) {
  static const Loaded loaded = load(); // once per process, thread-safe
  if (!loaded.error.empty()) {
    why = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

} // namespace storydiff::cli::detail
