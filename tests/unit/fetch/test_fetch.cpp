// SPDX-License-Identifier: MIT
// fetch_url against real HTTP servers on 127.0.0.1: a cpp-httplib server run
// in a thread by each test case, and raw sockets for refused connections and
// for proving that no connection was made.
#include <storydiff/fetch/fetch.hpp>
#include <storydiff/version.hpp>

#include <catch2/catch.hpp>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using storydiff::core::ErrorCode;
using storydiff::fetch::FetchOptions;
using storydiff::fetch::fetch_url;
using storydiff::fetch::is_url;
using Catch::Contains;

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view k_ok_body = "Hello, loopback.\nA second line.\n";
constexpr std::string_view k_ok_date = "Tue, 01 Oct 2024 12:00:00 GMT";
constexpr std::string_view k_ok_type = "text/plain; charset=utf-8";
constexpr std::string_view k_redirect_date = "Mon, 30 Sep 2024 08:00:00 GMT";

// A proxy from the environment (http_proxy) would take loopback requests
// elsewhere; curl reads no_proxy on every transfer.
void bypass_proxies() { ::setenv("no_proxy", "*", 1); }

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A cpp-httplib server with every route the tests use, listening on an
// ephemeral port of 127.0.0.1 until the object dies. Handlers that stall wait
// for the destructor's release, so stopping never waits for them for long.
class LoopbackServer {
public:
  LoopbackServer() {
    bypass_proxies();
    add_routes();
    m_port = m_server.bind_to_any_port("127.0.0.1");
    if (m_port <= 0) {
      throw std::runtime_error("cannot bind a loopback port");
    }
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    // stop() before the accept loop runs would be lost and join() would hang.
    while (!m_server.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~LoopbackServer() {
    m_release = true;
    m_server.stop();
    m_thread.join();
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  std::string url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(m_port) + std::string(path);
  }
  int loop_requests() const { return m_loop_requests; }

private:
  void wait_for_release() const {
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    while (!m_release && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  void add_routes() {
    using httplib::Request;
    using httplib::Response;
    m_server.Get("/ok", [](const Request&, Response& res) {
      res.set_header("Date", std::string(k_ok_date));
      res.set_content(std::string(k_ok_body), std::string(k_ok_type));
    });
    // The redirect's own header block has another Date and Content-Type,
    // which must not leak into the result.
    m_server.Get("/old", [](const Request&, Response& res) {
      res.set_header("Date", std::string(k_redirect_date));
      res.set_content("<p>moved</p>", "text/html");
      res.set_redirect("/ok", 301);
    });
    // Counted in the handler, before the response leaves: a logger runs
    // after it, when the client may already have finished.
    m_server.Get("/loop", [this](const Request&, Response& res) {
      ++m_loop_requests;
      res.set_redirect("/loop");
    });
    m_server.Get(R"(/hop/(\d+))", [](const Request& req, Response& res) {
      const int left = std::stoi(req.matches[1].str());
      if (left == 0) {
        res.set_content("end of the chain", "text/plain");
      } else {
        res.set_redirect("/hop/" + std::to_string(left - 1));
      }
    });
    m_server.Get("/to-file", [](const Request&, Response& res) {
      res.set_redirect("file:///etc/passwd");
    });
    m_server.Get("/to-ftp", [](const Request&, Response& res) {
      res.set_redirect("ftp://127.0.0.1:1/secret");
    });
    m_server.Get("/fail", [](const Request&, Response& res) {
      res.status = 500;
      res.set_content("it broke", "text/plain");
    });
    m_server.Get("/ua", [](const Request& req, Response& res) {
      res.set_content(req.get_header_value("User-Agent"), "text/plain");
    });
    m_server.Get("/slow", [this](const Request&, Response& res) {
      wait_for_release();
      res.set_content("too late", "text/plain");
    });
    // Sends part of a declared body, then stalls.
    m_server.Get("/stall", [this](const Request&, Response& res) {
      res.set_content_provider(1000, "application/octet-stream",
                               [this](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                 if (offset == 0) {
                                   const std::string part(100, 'p');
                                   return sink.write(part.data(), part.size());
                                 }
                                 wait_for_release();
                                 return false;
                               });
    });
    // 5000 bytes with a Content-Length (octet-stream, so never compressed).
    m_server.Get("/sized", [](const Request&, Response& res) {
      res.set_content(std::string(5000, 's'), "application/octet-stream");
    });
    // Declares 10 MB but sends 1000 bytes and stalls: only a check of the
    // declared length can end this before the timeout.
    m_server.Get("/declared-huge", [this](const Request&, Response& res) {
      res.set_content_provider(10'000'000, "application/octet-stream",
                               [this](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                 if (offset == 0) {
                                   const std::string part(1000, 'h');
                                   return sink.write(part.data(), part.size());
                                 }
                                 wait_for_release();
                                 return false;
                               });
    });
    // 64 KiB in 1 KiB chunks, with no Content-Length.
    m_server.Get("/chunked", [](const Request&, Response& res) {
      res.set_chunked_content_provider(
          "application/octet-stream", [](std::size_t offset, httplib::DataSink& sink) {
            if (offset >= 64 * 1024) {
              sink.done();
              return true;
            }
            const std::string chunk(1024, 'c');
            return sink.write(chunk.data(), chunk.size());
          });
    });
    // httplib compresses text/* itself (brotli or gzip, as the client
    // offers): 100 kB of one letter becomes a few bytes on the wire.
    m_server.Get("/compressible", [](const Request&, Response& res) {
      res.set_content(std::string(100'000, 'z'), "text/plain");
    });
#ifdef CPPHTTPLIB_ZLIB_SUPPORT
    // gzip done by hand, so the test knows the encoding on the wire.
    m_server.Get("/gzip", [this](const Request&, Response& res) {
      res.set_header("Content-Encoding", "gzip");
      res.set_content(m_gzipped, "application/octet-stream");
    });
#endif
  }

public:
  static std::string gzip_text() {
    std::string text;
    for (int i = 0; i < 200; ++i) {
      text += "Line " + std::to_string(i) + " of a story that compresses well.\n";
    }
    return text;
  }
  // httplib's own gzip (an internal class it exports) saves linking zlib here.
  static std::string gzip(const std::string& text) {
    std::string out;
#ifdef CPPHTTPLIB_ZLIB_SUPPORT
    httplib::detail::gzip_compressor compressor;
    compressor.compress(text.data(), text.size(), true, [&](const char* data, std::size_t size) {
      out.append(data, size);
      return true;
    });
#else
    static_cast<void>(text);
#endif
    return out;
  }

private:
  httplib::Server m_server;
  std::thread m_thread;
  int m_port = -1;
  std::atomic<bool> m_release{false};
  std::atomic<int> m_loop_requests{0};
  std::string m_gzipped = gzip(gzip_text());
};

// A TCP socket bound to an ephemeral port of 127.0.0.1: not listening, a
// connection to it is refused; listening, poll() shows whether anyone came.
class RawSocket {
public:
  enum class Listen { no, yes };
  explicit RawSocket(Listen listen) : m_fd(::socket(AF_INET, SOCK_STREAM, 0)) {
    bypass_proxies();
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    auto* generic = reinterpret_cast<sockaddr*>(&address);
    if (m_fd < 0 || ::bind(m_fd, generic, sizeof(address)) != 0 ||
        ::getsockname(m_fd, generic, &length) != 0 ||
        (listen == Listen::yes && ::listen(m_fd, 4) != 0)) {
      throw std::runtime_error("cannot set up a raw loopback socket");
    }
    m_port = ntohs(address.sin_port);
  }
  ~RawSocket() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  int port() const { return m_port; }
  bool has_pending_connection() const {
    pollfd entry{m_fd, POLLIN, 0};
    return ::poll(&entry, 1, 0) > 0;
  }

private:
  int m_fd;
  int m_port = 0;
};

FetchOptions short_options() {
  FetchOptions options;
  options.timeout_ms = 2000;
  options.connect_timeout_ms = 1000;
  return options;
}

} // namespace

TEST_CASE("fetch::is_url accepts http and https only", "[fetch]") {
  CHECK(is_url("http://example.com/story"));
  CHECK(is_url("https://example.com"));
  CHECK(is_url("HTTPS://EXAMPLE.COM/"));
  CHECK(is_url("Http://x"));
  CHECK_FALSE(is_url("http://"));
  CHECK_FALSE(is_url("https://"));
  CHECK_FALSE(is_url(""));
  CHECK_FALSE(is_url("ftp://example.com/"));
  CHECK_FALSE(is_url("file:///etc/passwd"));
  CHECK_FALSE(is_url("httpx://example.com"));
  CHECK_FALSE(is_url("http:/example.com"));
  CHECK_FALSE(is_url("stories/flood.txt"));
  CHECK_FALSE(is_url(" http://example.com"));
}

TEST_CASE("fetch::fetch_url returns the body and the final response's headers", "[fetch]") {
  LoopbackServer server;

  SECTION("a plain 200") {
    const auto result = fetch_url(server.url("/ok"), short_options());
    REQUIRE(result);
    CHECK(result->body == k_ok_body);
    CHECK(result->status == 200);
    CHECK(result->http_date == k_ok_date);
    CHECK(result->content_type == k_ok_type);
    CHECK(result->final_url == server.url("/ok"));
  }
  SECTION("a connect_timeout_ms above timeout_ms is cut to it, not refused") {
    FetchOptions options;
    options.timeout_ms = 1000; // the connect limit stays at its 10 s default
    const auto result = fetch_url(server.url("/ok"), options);
    REQUIRE(result);
    CHECK(result->body == k_ok_body);
  }
  SECTION("the scheme is case-insensitive") {
    std::string url = server.url("/ok");
    url.replace(0, 4, "HTTP");
    const auto result = fetch_url(url, short_options());
    REQUIRE(result);
    CHECK(result->body == k_ok_body);
  }
  SECTION("after one redirect: the final URL and headers, not the redirect's") {
    const auto result = fetch_url(server.url("/old"), short_options());
    REQUIRE(result);
    CHECK(result->body == k_ok_body);
    CHECK(result->final_url == server.url("/ok"));
    CHECK(result->http_date == k_ok_date);
    CHECK(result->content_type == k_ok_type);
    CHECK(result->status == 200);
  }
  SECTION("User-Agent defaults to storydiff/<version>, or the one given") {
    const auto by_default = fetch_url(server.url("/ua"), short_options());
    REQUIRE(by_default);
    CHECK(by_default->body == std::string("storydiff/") + storydiff::k_version);

    FetchOptions options = short_options();
    options.user_agent = "newsroom-bot/2";
    const auto custom = fetch_url(server.url("/ua"), options);
    REQUIRE(custom);
    CHECK(custom->body == "newsroom-bot/2");
  }
  SECTION("several threads at once") {
    std::vector<std::thread> threads;
    std::atomic<int> good{0};
    for (int i = 0; i < 4; ++i) {
      threads.emplace_back([&] {
        const auto result = fetch_url(server.url("/ok"), short_options());
        if (result && result->body == k_ok_body) {
          ++good;
        }
      });
    }
    for (auto& thread : threads) {
      thread.join();
    }
    CHECK(good == 4);
  }
}

TEST_CASE("fetch::fetch_url follows redirects up to max_redirects", "[fetch]") {
  LoopbackServer server;
  FetchOptions options = short_options();

  SECTION("a chain as long as the limit is followed") {
    options.max_redirects = 3;
    const auto result = fetch_url(server.url("/hop/3"), options);
    REQUIRE(result);
    CHECK(result->body == "end of the chain");
    CHECK(result->final_url == server.url("/hop/0"));
  }
  SECTION("one more than the limit is an error") {
    options.max_redirects = 2;
    const auto result = fetch_url(server.url("/hop/3"), options);
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::io);
    CHECK_THAT(result.error().message, Contains("too many redirects"));
  }
  SECTION("max_redirects 0 refuses any redirect") {
    options.max_redirects = 0;
    const auto result = fetch_url(server.url("/old"), options);
    REQUIRE_FALSE(result);
    CHECK_THAT(result.error().message, Contains("too many redirects"));
  }
  SECTION("a loop ends in an error") {
    const auto start = Clock::now();
    const auto result = fetch_url(server.url("/loop"), options);
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::io);
    CHECK_THAT(result.error().message, Contains(server.url("/loop")));
    CHECK_THAT(result.error().message, Contains("too many redirects"));
    CHECK(seconds_since(start) < 1.5);
    // The default limit is 5: the first request plus five redirects.
    CHECK(server.loop_requests() == 6);
  }
  SECTION("a redirect to file:// or ftp:// is refused") {
    for (const char* path : {"/to-file", "/to-ftp"}) {
      const auto result = fetch_url(server.url(path), options);
      REQUIRE_FALSE(result);
      CHECK(result.error().code == ErrorCode::io);
      CHECK_THAT(result.error().message, Contains(server.url(path)));
      CHECK_THAT(result.error().message, Contains("refused"));
    }
  }
}

TEST_CASE("fetch::fetch_url turns a non-2xx status into an io error", "[fetch]") {
  LoopbackServer server;

  SECTION("404") {
    const auto result = fetch_url(server.url("/nowhere"), short_options());
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::io);
    CHECK_THAT(result.error().message, Contains(server.url("/nowhere")));
    CHECK_THAT(result.error().message, Contains("(HTTP 404 Not Found)"));
  }
  SECTION("500") {
    const auto result = fetch_url(server.url("/fail"), short_options());
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::io);
    CHECK_THAT(result.error().message, Contains("(HTTP 500 Internal Server Error)"));
  }
}

TEST_CASE("fetch::fetch_url gives up on a slow or stalled server", "[fetch]") {
  LoopbackServer server;
  FetchOptions options;
  options.timeout_ms = 300;
  options.connect_timeout_ms = 300;

  for (const char* path : {"/slow", "/stall"}) {
    DYNAMIC_SECTION("the server at " << path) {
      const auto start = Clock::now();
      const auto result = fetch_url(server.url(path), options);
      const double elapsed = seconds_since(start);
      REQUIRE_FALSE(result);
      CHECK(result.error().code == ErrorCode::io);
      CHECK_THAT(result.error().message, Contains(server.url(path)));
      CHECK_THAT(result.error().message, Contains("Timeout was reached"));
      CHECK(elapsed >= 0.25);
      CHECK(elapsed < 1.5);
    }
  }
}

TEST_CASE("fetch::fetch_url refuses a body over max_bytes", "[fetch]") {
  LoopbackServer server;
  FetchOptions options = short_options();

  SECTION("with a Content-Length: exactly max_bytes passes, one less fails") {
    options.max_bytes = 5000;
    const auto fits = fetch_url(server.url("/sized"), options);
    REQUIRE(fits);
    CHECK(fits->body.size() == 5000);

    options.max_bytes = 4999;
    const auto result = fetch_url(server.url("/sized"), options);
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::io);
    CHECK_THAT(result.error().message, Contains(server.url("/sized")));
    CHECK_THAT(result.error().message, Contains("(body larger than 4999 bytes)"));
  }
  SECTION("a declared Content-Length is refused before the body arrives") {
    options.max_bytes = 100'000;
    const auto start = Clock::now();
    const auto result = fetch_url(server.url("/declared-huge"), options);
    REQUIRE_FALSE(result);
    CHECK_THAT(result.error().message, Contains("(body larger than 100000 bytes)"));
    CHECK(seconds_since(start) < 1.5);
  }
  SECTION("chunked, with no Content-Length") {
    options.max_bytes = 1 << 20;
    const auto fits = fetch_url(server.url("/chunked"), options);
    REQUIRE(fits);
    CHECK(fits->body == std::string(64 * 1024, 'c'));

    options.max_bytes = 4096;
    const auto result = fetch_url(server.url("/chunked"), options);
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::io);
    CHECK_THAT(result.error().message, Contains("(body larger than 4096 bytes)"));
  }
  SECTION("the decoded size counts, not the compressed one") {
    options.max_bytes = 100'000;
    const auto fits = fetch_url(server.url("/compressible"), options);
    REQUIRE(fits);
    CHECK(fits->body == std::string(100'000, 'z'));

    options.max_bytes = 10'000;
    const auto result = fetch_url(server.url("/compressible"), options);
    REQUIRE_FALSE(result);
    CHECK_THAT(result.error().message, Contains("(body larger than 10000 bytes)"));
  }
}

TEST_CASE("fetch::fetch_url undoes a gzip Content-Encoding", "[fetch]") {
#ifdef CPPHTTPLIB_ZLIB_SUPPORT
  LoopbackServer server;
  const std::string text = LoopbackServer::gzip_text();
  const std::string wire = LoopbackServer::gzip(text);
  // The served bytes really are gzip (magic 1f 8b) and smaller than the text.
  REQUIRE(wire.size() > 2);
  CHECK(static_cast<unsigned char>(wire[0]) == 0x1f);
  CHECK(static_cast<unsigned char>(wire[1]) == 0x8b);
  CHECK(wire.size() < text.size() / 4);

  const auto result = fetch_url(server.url("/gzip"), short_options());
  REQUIRE(result);
  CHECK(result->body == text);
#else
  WARN("cpp-httplib built without zlib: gzip case skipped");
#endif
}

TEST_CASE("fetch::fetch_url reports a refused connection", "[fetch]") {
  const RawSocket closed(RawSocket::Listen::no);
  const std::string url = "http://127.0.0.1:" + std::to_string(closed.port()) + "/story";
  const auto start = Clock::now();
  const auto result = fetch_url(url, short_options());
  REQUIRE_FALSE(result);
  CHECK(result.error().code == ErrorCode::io);
  CHECK_THAT(result.error().message, Contains(url));
  CHECK_THAT(result.error().message, Contains("connect"));
  CHECK(seconds_since(start) < 1.5);
}

TEST_CASE("fetch::fetch_url refuses other schemes and bad input without connecting",
          "[fetch]") {
  const RawSocket listener(RawSocket::Listen::yes);
  const std::string port = std::to_string(listener.port());

  SECTION("other schemes") {
    const std::vector<std::string> urls = {"file:///etc/passwd", "ftp://127.0.0.1:" + port + "/",
                                           "gopher://127.0.0.1:" + port + "/",
                                           "FILE:///etc/passwd"};
    for (const std::string& url : urls) {
      INFO(url);
      const auto result = fetch_url(url, short_options());
      REQUIRE_FALSE(result);
      CHECK(result.error().code == ErrorCode::invalid_input);
      CHECK_THAT(result.error().message, Contains(url));
    }
  }
  SECTION("malformed URLs") {
    const std::vector<std::string> urls = {"",
                                           "http://",
                                           "http://:8080/story",
                                           "http://[::1/story",
                                           "127.0.0.1:" + port,
                                           "http://127.0.0.1:" + port + "/a b",
                                           "http://127.0.0.1:" + port + std::string("/\0x", 3)};
    for (const std::string& url : urls) {
      INFO(url);
      const auto result = fetch_url(url, short_options());
      REQUIRE_FALSE(result);
      CHECK(result.error().code == ErrorCode::invalid_input);
    }
  }
  SECTION("options out of range") {
    const std::string url = "http://127.0.0.1:" + port + "/";
    FetchOptions zero_timeout;
    zero_timeout.timeout_ms = 0;
    FetchOptions zero_connect;
    zero_connect.connect_timeout_ms = 0;
    FetchOptions many_redirects;
    many_redirects.max_redirects = 51;
    FetchOptions negative_redirects;
    negative_redirects.max_redirects = -1;
    for (const FetchOptions& options :
         {zero_timeout, zero_connect, many_redirects, negative_redirects}) {
      const auto result = fetch_url(url, options);
      REQUIRE_FALSE(result);
      CHECK(result.error().code == ErrorCode::invalid_input);
    }
  }
  CHECK_FALSE(listener.has_pending_connection());
}
