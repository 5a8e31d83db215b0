// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/core/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>

// Fetching a story's source over HTTP(S) with libcurl. Beside the pipeline,
// like the store: only the CLI connects it to anything.
namespace storydiff::fetch {

struct FetchOptions {
  // Whole-transfer limit in milliseconds. Range 1..3,600,000; default 30 s.
  long timeout_ms = 30'000;
  // Connection set-up limit in milliseconds. Range 1..timeout_ms; default 10 s.
  long connect_timeout_ms = 10'000;
  // Largest body accepted, in bytes; a bigger one is an error. Default 50 MiB.
  std::size_t max_bytes = 50u << 20;
  // Redirects followed (http/https only) before giving up. Range 0..50; default 5.
  long max_redirects = 5;
  // Sent as User-Agent; empty = "storydiff/<version>".
  std::string user_agent;
};

struct Fetched {
  std::string body;         // the bytes as received (after Content-Encoding is undone)
  std::string final_url;    // after redirects
  std::string http_date;    // the Date response header, verbatim; empty if absent
  std::string content_type; // the Content-Type header, verbatim; empty if absent
  long status = 0;          // the final HTTP status (always 2xx on success)
};

// Whether `text` looks like an http:// or https:// URL (case-insensitive scheme).
bool is_url(std::string_view text);

// GETs `url`. Only http and https are allowed, for the URL and every redirect.
// Errors (one line each, naming the URL): invalid_input for another scheme or
// a malformed URL; io for DNS/connect/TLS failures, timeouts, a non-2xx status,
// too many redirects, and a body over max_bytes.
core::Result<Fetched> fetch_url(const std::string& url, const FetchOptions& options = {});

} // namespace storydiff::fetch
