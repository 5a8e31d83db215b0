// SPDX-License-Identifier: MIT
#include "curl_api.hpp"

#include <storydiff/core/shared_library.hpp>


namespace storydiff::fetch::detail {
namespace {

// The soname of Debian's libcurl4 (and every libcurl since 7.16).
constexpr const char* k_library = "libcurl.so.4";

struct Loaded {
  CurlApi api{};
  std::string error; // empty when api is usable
};

Loaded load() {
  Loaded loaded;
  const core::SharedLibrary library = core::SharedLibrary::open(k_library);
  if (!library.is_open()) {
    loaded.error = library.error();
    return loaded;
  }
  CurlApi& api = loaded.api;
  const bool all = library.bind("curl_global_init", api.global_init) &&
                   library.bind("curl_easy_init", api.easy_init) &&
                   library.bind("curl_easy_setopt", api.easy_setopt) &&
                   library.bind("curl_easy_perform", api.easy_perform) &&
                   library.bind("curl_easy_getinfo", api.easy_getinfo) &&
                   library.bind("curl_easy_cleanup", api.easy_cleanup) &&
                   library.bind("curl_easy_strerror", api.easy_strerror) &&
                   library.bind("curl_url", api.url) &&
                   library.bind("curl_url_cleanup", api.url_cleanup) &&
                   library.bind("curl_url_set", api.url_set) &&
                   library.bind("curl_url_get", api.url_get) &&
                   library.bind("curl_url_strerror", api.url_strerror) &&
                   library.bind("curl_free", api.free);
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
  static const Loaded loaded = load(); // once per process, thread-safe
  if (!loaded.error.empty()) {
    why = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

} // namespace storydiff::fetch::detail
