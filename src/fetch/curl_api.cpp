// SPDX-License-Identifier: MIT
#include "curl_api.hpp"

#include <dlfcn.h>

#include <cstring>
#include <mutex>

namespace storydiff::fetch::detail {
namespace {

// The soname of Debian's libcurl4 (and every libcurl since 7.16).
constexpr const char* k_library = "libcurl.so.4";

struct Loaded {
  CurlApi api{};
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
  // Never closed: handles and callbacks may live until exit.
  void* library = dlopen(k_library, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* why = dlerror();
    loaded.error = why != nullptr ? why : k_library;
    return loaded;
  }
  CurlApi& api = loaded.api;
  const bool all = bind(library, "curl_global_init", api.global_init) &&
                   bind(library, "curl_easy_init", api.easy_init) &&
                   bind(library, "curl_easy_setopt", api.easy_setopt) &&
                   bind(library, "curl_easy_perform", api.easy_perform) &&
                   bind(library, "curl_easy_getinfo", api.easy_getinfo) &&
                   bind(library, "curl_easy_cleanup", api.easy_cleanup) &&
                   bind(library, "curl_easy_strerror", api.easy_strerror) &&
                   bind(library, "curl_url", api.url) &&
                   bind(library, "curl_url_cleanup", api.url_cleanup) &&
                   bind(library, "curl_url_set", api.url_set) &&
                   bind(library, "curl_url_get", api.url_get) &&
                   bind(library, "curl_url_strerror", api.url_strerror) &&
                   bind(library, "curl_free", api.free);
  if (!all) {
    loaded.error = std::string(k_library) + " is too old (a function storydiff needs is missing)";
    return loaded;
  }
  // curl_global_init is not guaranteed thread-safe on every build: once, here.
  // No matching cleanup: handles may live until exit, and the OS reclaims it.
  if (const CURLcode rc = api.global_init(CURL_GLOBAL_DEFAULT); rc != CURLE_OK) {
    loaded.error = std::string("cannot initialise libcurl: ") + api.easy_strerror(rc);
  }
  return loaded;
}

} // namespace

const CurlApi* curl_api(std::string& why) {
  static std::once_flag once;
  static Loaded loaded;
  std::call_once(once, [] { loaded = load(); });
  if (!loaded.error.empty()) {
    why = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

} // namespace storydiff::fetch::detail
