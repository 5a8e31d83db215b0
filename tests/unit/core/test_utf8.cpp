// SPDX-License-Identifier: MIT
#include <storydiff/core/utf8.hpp>

#include <catch2/catch.hpp>

using namespace storydiff::core;

TEST_CASE("core::decode_utf8 reads valid sequences of every length", "[core][utf8]") {
  const std::string text = "a\xC3\xA9\xE2\x80\x9C\xF0\x9F\x98\x80"; // a é “ 😀
  CodePoint cp = decode_utf8(text, 0);
  CHECK(cp.value == U'a');
  CHECK(cp.length == 1);
  cp = decode_utf8(text, 1);
  CHECK(cp.value == 0xE9);
  CHECK(cp.length == 2);
  cp = decode_utf8(text, 3);
  CHECK(cp.value == 0x201C);
  CHECK(cp.length == 3);
  cp = decode_utf8(text, 6);
  CHECK(cp.value == 0x1F600);
  CHECK(cp.length == 4);
  CHECK(cp.valid);
}

TEST_CASE("core::decode_utf8 rejects malformed sequences with length 1", "[core][utf8]") {
  for (const std::string& bad : {std::string("\x80"), std::string("\xC0\xAF"),      // overlong '/'
                                std::string("\xED\xA0\x80"),                        // surrogate
                                std::string("\xF4\x90\x80\x80"),                    // > U+10FFFF
                                std::string("\xE2\x80"),                            // truncated
                                std::string("\xFF")}) {
    const CodePoint cp = decode_utf8(bad, 0);
    CHECK_FALSE(cp.valid);
    CHECK(cp.value == 0xFFFD);
    CHECK(cp.length == 1);
  }
}

TEST_CASE("core::repair_utf8 replaces each invalid byte and counts them", "[core][utf8]") {
  const Utf8Repair r = repair_utf8("ok \xFF\xFE done \xE2\x80\x9C");
  CHECK(r.replaced == 2);
  CHECK(r.text == "ok \xEF\xBF\xBD\xEF\xBF\xBD done \xE2\x80\x9C");
  CHECK(repair_utf8("plain ascii").replaced == 0);
}

TEST_CASE("core::append_utf8 round-trips through decode_utf8", "[core][utf8]") {
  for (char32_t cp : {U'A', char32_t(0xE9), char32_t(0x20AC), char32_t(0x10FFFF)}) {
    std::string s;
    append_utf8(s, cp);
    CHECK(decode_utf8(s, 0).value == cp);
    CHECK(decode_utf8(s, 0).length == s.size());
  }
}
