// SPDX-License-Identifier: MIT
#pragma once

#include <curl/curl.h>

#include <string>

// libcurl, loaded the first time a URL is fetched (dlopen) rather than linked:
// linked, it brings some 30 shared libraries (TLS, Kerberos, LDAP, IDN, ...)
// into every storydiff process, and relocating and mapping them was most of
// the start-up time of commands that never touch the network.
namespace storydiff::fetch::detail {

// The libcurl functions fetch.cpp calls, with libcurl's own signatures.
struct CurlApi {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_perform) easy_perform;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_url) url;
  decltype(&::curl_url_cleanup) url_cleanup;
  decltype(&::curl_url_set) url_set;
  decltype(&::curl_url_get) url_get;
  decltype(&::curl_url_strerror) url_strerror;
  decltype(&::curl_free) free;
};

// Loads libcurl.so.4 once (thread-safe) and runs curl_global_init. Returns
// null when it cannot, with the reason in `why` ("libcurl.so.4: cannot open
// shared object file ...").
const CurlApi* curl_api(std::string& why);

} // namespace storydiff::fetch::detail
