# SPDX-License-Identifier: MIT
# Every third-party dependency is wrapped as a dep_* target so the rest of the
# build names one thing, whatever way the package is found (see DEPENDENCIES.md).
find_package(PkgConfig REQUIRED)
find_package(cxxopts 3 CONFIG REQUIRED)
find_package(nlohmann_json 3.11 CONFIG REQUIRED)
find_package(fmt 9 CONFIG REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n)
find_package(LibXml2 REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL 3 REQUIRED COMPONENTS Crypto)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2>=1.5)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
find_path(DTL_INCLUDE_DIR NAMES dtl/dtl.hpp REQUIRED)
# toml++ 3.3 (policy files): Debian ships it compiled (libtomlplusplus.so); its
# CMake config adds -DTOML_HEADER_ONLY=0 -DTOML_SHARED_LIB=1, which must match.
find_package(tomlplusplus 3 CONFIG REQUIRED)
find_package(Threads REQUIRED)

add_library(dep_dtl INTERFACE)
target_include_directories(dep_dtl SYSTEM INTERFACE ${DTL_INCLUDE_DIR})
add_library(dep_icu INTERFACE)
target_link_libraries(dep_icu INTERFACE ICU::uc ICU::i18n)
add_library(dep_libgit2 INTERFACE)
target_link_libraries(dep_libgit2 INTERFACE PkgConfig::LIBGIT2)
add_library(dep_utf8proc INTERFACE)
target_link_libraries(dep_utf8proc INTERFACE PkgConfig::UTF8PROC)
add_library(dep_libxml2 INTERFACE)
target_link_libraries(dep_libxml2 INTERFACE LibXml2::LibXml2)
# libcurl is loaded at run time (src/fetch/curl_api.hpp): its headers only.
add_library(dep_curl_headers INTERFACE)
target_include_directories(dep_curl_headers INTERFACE
  $<TARGET_PROPERTY:CURL::libcurl,INTERFACE_INCLUDE_DIRECTORIES>)
add_library(dep_crypto INTERFACE)
target_link_libraries(dep_crypto INTERFACE OpenSSL::Crypto)
add_library(dep_json INTERFACE)
target_link_libraries(dep_json INTERFACE nlohmann_json::nlohmann_json)
add_library(dep_fmt INTERFACE)
target_link_libraries(dep_fmt INTERFACE fmt::fmt)
add_library(dep_cxxopts INTERFACE)
target_link_libraries(dep_cxxopts INTERFACE cxxopts::cxxopts)
# cxxopts 3.1 defines its six std::regex objects in an anonymous namespace of
# its header, so every file that includes it builds them at start-up: ~80
# regex compilations before main(), most of storydiff's start-up time. Its
# hand-written parser (CXXOPTS_NO_REGEX) accepts the same options.
target_compile_definitions(dep_cxxopts INTERFACE CXXOPTS_NO_REGEX)
add_library(dep_tomlplusplus INTERFACE)
target_link_libraries(dep_tomlplusplus INTERFACE tomlplusplus::tomlplusplus)

if(STORYDIFF_BUILD_TESTS)
  find_package(Catch2 2 CONFIG REQUIRED)
  add_library(dep_catch2 INTERFACE)
  target_link_libraries(dep_catch2 INTERFACE Catch2::Catch2WithMain)
  # cpp-httplib for loopback test servers. Debian ships it compiled: the .pc's
  # -DCPPHTTPLIB_*_SUPPORT flags must match the library's build (class layouts
  # depend on them), so take them from pkg-config rather than the bare header.
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  add_library(dep_httplib INTERFACE)
  target_link_libraries(dep_httplib INTERFACE PkgConfig::HTTPLIB Threads::Threads)
endif()
