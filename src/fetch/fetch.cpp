// SPDX-License-Identifier: MIT
// URL snapshots with libcurl (loaded on first use: curl_api.hpp): one easy
// handle per call, with the scheme, size, time and redirect limits set on it
// before any byte moves.
#include <storydiff/fetch/fetch.hpp>
#include <storydiff/version.hpp>

#include "curl_api.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>

namespace storydiff::fetch {
namespace {

constexpr long k_max_timeout_ms = 3'600'000;
constexpr long k_max_redirects = 50;
// A server that sends under 1 byte/s for this long is stalled. The whole
// transfer limit ends it too, but that may be an hour away.
constexpr long k_stall_seconds = 30;

// libcurl's functions; only called once fetch_url has loaded them.
const detail::CurlApi& curl() {
  std::string unused;
  return *detail::curl_api(unused);
}

struct EasyDeleter {
  void operator()(CURL* handle) const { curl().easy_cleanup(handle); }
};
using EasyPtr = std::unique_ptr<CURL, EasyDeleter>;

struct UrlDeleter {
  void operator()(CURLU* url) const { curl().url_cleanup(url); }
};
using UrlPtr = std::unique_ptr<CURLU, UrlDeleter>;

struct CurlFree {
  void operator()(char* text) const { curl().free(text); }
};
using CurlString = std::unique_ptr<char, CurlFree>;

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) {
      return false;
    }
  }
  return true;
}

bool ascii_istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && ascii_iequals(text.substr(0, prefix.size()), prefix);
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view k_space = " \t\r\n";
  const auto first = text.find_first_not_of(k_space);
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(k_space);
  return text.substr(first, last - first + 1);
}

enum class Abort { none, too_large, http_status, no_memory };

// What the callbacks collect. The header fields describe the current header
// block only: each status line resets them, because redirects and 1xx
// responses each send a block and only the final response's count.
struct Transfer {
  std::size_t max_bytes = 0;
  std::string body;
  Abort abort = Abort::none;

  long status = 0;
  std::string reason;
  std::string date;
  std::string content_type;
  std::string content_encoding;
  std::optional<std::uint64_t> content_length;

  void start_block() {
    status = 0;
    reason.clear();
    date.clear();
    content_type.clear();
    content_encoding.clear();
    content_length.reset();
  }
};

// "HTTP/1.1 404 Not Found" or "HTTP/2 404": the status and the reason.
void parse_status_line(std::string_view line, Transfer& transfer) {
  const auto space = line.find(' ');
  if (space == std::string_view::npos) {
    return;
  }
  std::string_view rest = trim(line.substr(space + 1));
  long status = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), status);
  if (ec != std::errc{}) {
    return;
  }
  transfer.status = status;
  transfer.reason = std::string(trim(rest.substr(static_cast<std::size_t>(end - rest.data()))));
}

// At the end of a header block: refuse a final response we will not accept
// before its body arrives.
Abort check_block(const Transfer& transfer) {
  if (transfer.status >= 400 || (transfer.status != 0 && transfer.status < 100)) {
    return Abort::http_status;
  }
  // A declared length is the encoded size; compare it only when the bytes
  // are stored as sent. Encoded bodies are counted as they are decoded.
  const bool identity =
      transfer.content_encoding.empty() || ascii_iequals(transfer.content_encoding, "identity");
  if (transfer.status >= 200 && transfer.status < 300 && identity && transfer.content_length &&
      *transfer.content_length > transfer.max_bytes) {
    return Abort::too_large;
  }
  return Abort::none;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t length = size * count;
  const std::string_view line(data, length);
  try {
    if (ascii_istarts_with(line, "HTTP/")) {
      transfer.start_block();
      parse_status_line(trim(line), transfer);
      return length;
    }
    if (trim(line).empty()) {
      transfer.abort = check_block(transfer);
      return transfer.abort == Abort::none ? length : 0;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || line.front() == ' ' || line.front() == '\t') {
      return length; // a folded continuation or a malformed line: not ours to judge
    }
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim(line.substr(colon + 1));
    if (ascii_iequals(name, "Date") && transfer.date.empty()) {
      transfer.date = std::string(value);
    } else if (ascii_iequals(name, "Content-Type") && transfer.content_type.empty()) {
      transfer.content_type = std::string(value);
    } else if (ascii_iequals(name, "Content-Encoding")) {
      transfer.content_encoding = std::string(value);
    } else if (ascii_iequals(name, "Content-Length")) {
      std::uint64_t declared = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), declared);
      if (ec == std::errc{} && end == value.data() + value.size()) {
        transfer.content_length = declared;
      }
    }
  } catch (const std::bad_alloc&) {
    transfer.abort = Abort::no_memory;
    return 0;
  }
  return length;
}

// Receives the body after curl has undone any Content-Encoding.
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t length = size * count;
  if (length > transfer.max_bytes - transfer.body.size()) {
    transfer.abort = Abort::too_large;
    return 0;
  }
  try {
    transfer.body.append(data, length);
  } catch (const std::bad_alloc&) {
    transfer.abort = Abort::no_memory;
    return 0;
  }
  return length;
}

core::Failure failure(core::ErrorCode code, const std::string& url, std::string_view why) {
  std::string message = "fetching ";
  message += url;
  message += " failed (";
  message += why;
  message += ')';
  return core::fail(code, std::move(message));
}

std::string curl_reason(CURLcode code, const char* error_buffer) {
  std::string reason = curl().easy_strerror(code);
  if (error_buffer[0] != '\0') {
    reason += ": ";
    reason += trim(error_buffer);
  }
  return reason;
}

std::string status_reason(long status, std::string_view reason) {
  std::string text = "HTTP " + std::to_string(status);
  if (!reason.empty()) {
    text += ' ';
    text += reason;
  }
  return text;
}

// Checks the URL before any connection: parses, http or https, has a host.
std::optional<core::Failure> check_url(const std::string& url) {
  if (url.find('\0') != std::string::npos) {
    return failure(core::ErrorCode::invalid_input, url, "not a valid URL: contains a NUL byte");
  }
  UrlPtr parsed(curl().url());
  if (!parsed) {
    return failure(core::ErrorCode::io, url, "out of memory");
  }
  if (const CURLUcode rc = curl().url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0);
      rc != CURLUE_OK) {
    return failure(core::ErrorCode::invalid_input, url,
                   std::string("not a valid URL: ") + curl().url_strerror(rc));
  }
  char* scheme_text = nullptr;
  const CURLUcode rc = curl().url_get(parsed.get(), CURLUPART_SCHEME, &scheme_text, 0);
  const CurlString scheme(scheme_text);
  if (rc != CURLUE_OK || !scheme ||
      !(ascii_iequals(scheme.get(), "http") || ascii_iequals(scheme.get(), "https"))) {
    return failure(core::ErrorCode::invalid_input, url, "only http and https URLs are allowed");
  }
  char* host_text = nullptr;
  const CURLUcode host_rc = curl().url_get(parsed.get(), CURLUPART_HOST, &host_text, 0);
  const CurlString host(host_text);
  if (host_rc != CURLUE_OK || !host || host.get()[0] == '\0') {
    return failure(core::ErrorCode::invalid_input, url, "not a valid URL: no host");
  }
  return std::nullopt;
}

std::optional<core::Failure> check_options(const std::string& url, const FetchOptions& options) {
  std::string_view why;
  if (options.timeout_ms < 1 || options.timeout_ms > k_max_timeout_ms) {
    why = "timeout_ms must be 1..3600000";
  } else if (options.connect_timeout_ms < 1) {
    why = "connect_timeout_ms must be at least 1";
  } else if (options.max_redirects < 0 || options.max_redirects > k_max_redirects) {
    why = "max_redirects must be 0..50";
  } else {
    return std::nullopt;
  }
  return failure(core::ErrorCode::invalid_input, url, why);
}

} // namespace

bool is_url(std::string_view text) {
  for (const std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
    if (text.size() > scheme.size() && ascii_istarts_with(text, scheme)) {
      return true;
    }
  }
  return false;
}

core::Result<Fetched> fetch_url(const std::string& url, const FetchOptions& options) {
  if (auto bad = check_options(url, options)) {
    return std::move(*bad);
  }
  if (std::string why; detail::curl_api(why) == nullptr) {
    return failure(core::ErrorCode::io, url, "URL snapshots need libcurl: " + why);
  }
  if (auto bad = check_url(url)) {
    return std::move(*bad);
  }
  const EasyPtr easy(curl().easy_init());
  if (!easy) {
    return failure(core::ErrorCode::io, url, "cannot create a libcurl handle");
  }
  CURL* const handle = easy.get();

  Transfer transfer;
  transfer.max_bytes = options.max_bytes;
  char error_buffer[CURL_ERROR_SIZE] = {};
  const std::string user_agent = options.user_agent.empty()
                                     ? std::string("storydiff/") + storydiff::k_version
                                     : options.user_agent;

  // Every option is checked: an option this libcurl lacks (the _STR
  // protocol lists need 7.85) must stop the fetch, not widen it.
  CURLcode rc = CURLE_OK;
  const auto set = [&](CURLoption option, auto value) {
    if (rc == CURLE_OK) {
      rc = curl().easy_setopt(handle, option, value);
    }
  };
  set(CURLOPT_URL, url.c_str());
  set(CURLOPT_ERRORBUFFER, static_cast<char*>(error_buffer));
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_NOPROGRESS, 1L);
  set(CURLOPT_HTTPGET, 1L);
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  set(CURLOPT_FOLLOWLOCATION, 1L);
  set(CURLOPT_MAXREDIRS, options.max_redirects);
  set(CURLOPT_TIMEOUT_MS, options.timeout_ms);
  // Above timeout_ms it could never apply; cutting it keeps a caller that
  // shortens only timeout_ms (leaving the 10 s default) from failing.
  set(CURLOPT_CONNECTTIMEOUT_MS, std::min(options.connect_timeout_ms, options.timeout_ms));
  set(CURLOPT_LOW_SPEED_LIMIT, 1L);
  set(CURLOPT_LOW_SPEED_TIME, k_stall_seconds);
  set(CURLOPT_ACCEPT_ENCODING, ""); // every encoding this curl decodes
  set(CURLOPT_USERAGENT, user_agent.c_str());
  set(CURLOPT_HEADERFUNCTION, &on_header);
  set(CURLOPT_HEADERDATA, static_cast<void*>(&transfer));
  set(CURLOPT_WRITEFUNCTION, &on_body);
  set(CURLOPT_WRITEDATA, static_cast<void*>(&transfer));
  if (rc != CURLE_OK) {
    return failure(core::ErrorCode::io, url,
                   std::string("cannot configure libcurl: ") + curl_reason(rc, error_buffer));
  }

  rc = curl().easy_perform(handle);
  if (rc != CURLE_OK) {
    switch (transfer.abort) {
    case Abort::too_large:
      return failure(core::ErrorCode::io, url,
                     "body larger than " + std::to_string(options.max_bytes) + " bytes");
    case Abort::http_status:
      return failure(core::ErrorCode::io, url, status_reason(transfer.status, transfer.reason));
    case Abort::no_memory:
      return failure(core::ErrorCode::io, url, "out of memory");
    case Abort::none:
      break;
    }
    if (rc == CURLE_TOO_MANY_REDIRECTS) {
      return failure(core::ErrorCode::io, url,
                     "too many redirects; the limit is " + std::to_string(options.max_redirects));
    }
    if (rc == CURLE_UNSUPPORTED_PROTOCOL) {
      // The URL itself was checked above, so a redirect led elsewhere.
      return failure(core::ErrorCode::io, url,
                     "redirect to a scheme other than http or https refused: " +
                         curl_reason(rc, error_buffer));
    }
    return failure(core::ErrorCode::io, url, curl_reason(rc, error_buffer));
  }

  long status = 0;
  curl().easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status >= 300) {
    // Reached for a 3xx that curl did not follow (no Location).
    return failure(core::ErrorCode::io, url, status_reason(status, transfer.reason));
  }
  char* effective_url = nullptr;
  curl().easy_getinfo(handle, CURLINFO_EFFECTIVE_URL, &effective_url);

  Fetched fetched;
  fetched.body = std::move(transfer.body);
  fetched.final_url = effective_url != nullptr ? effective_url : url;
  fetched.http_date = std::move(transfer.date);
  fetched.content_type = std::move(transfer.content_type);
  fetched.status = status;
  return fetched;
}

} // namespace storydiff::fetch
