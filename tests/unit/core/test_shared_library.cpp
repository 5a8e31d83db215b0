// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <storydiff/core/shared_library.hpp>

using storydiff::core::SharedLibrary;

TEST_CASE("core::SharedLibrary opens a library and binds its functions", "[core]") {
  SECTION("a library every Debian system has") {
    const SharedLibrary libm = SharedLibrary::open("libm.so.6");
    REQUIRE(libm.is_open());
    CHECK(libm.error().empty());
    double (*cosine)(double) = nullptr;
    REQUIRE(libm.bind("cos", cosine));
    REQUIRE(cosine != nullptr);
    CHECK(cosine(0.0) == 1.0);
    double (*missing)(double) = nullptr;
    CHECK_FALSE(libm.bind("storydiff_no_such_function", missing));
    CHECK(missing == nullptr);
  }
  SECTION("a library that is not there says why") {
    const SharedLibrary none = SharedLibrary::open("libstorydiff-none.so.9");
    CHECK_FALSE(none.is_open());
    CHECK(none.error().find("libstorydiff-none.so.9") != std::string::npos);
    int (*f)() = nullptr;
    CHECK_FALSE(none.bind("anything", f));
  }
}
