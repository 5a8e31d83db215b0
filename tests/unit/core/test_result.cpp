// SPDX-License-Identifier: MIT
#include <storydiff/core/result.hpp>

#include <catch2/catch.hpp>

using namespace storydiff::core;

namespace {
Result<int> parse_positive(int v) {
  if (v <= 0) {
    return fail(ErrorCode::invalid_input, "not positive (" + std::to_string(v) + ")");
  }
  return v;
}
Result<void> check_twice(int v) {
  STORYDIFF_TRY(parse_positive(v));
  STORYDIFF_TRY(parse_positive(v - 1));
  return {};
}
} // namespace

TEST_CASE("core::Result holds a value or an error", "[core][result]") {
  auto ok = parse_positive(3);
  REQUIRE(ok);
  CHECK(*ok == 3);
  auto bad = parse_positive(-1);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::invalid_input);
  CHECK(bad.error().message == "not positive (-1)");
}

TEST_CASE("core::STORYDIFF_TRY passes the first error up", "[core][result]") {
  CHECK(check_twice(5));
  auto r = check_twice(1);
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "not positive (0)");
  CHECK(to_string(r.error().code) == "invalid_input");
}
