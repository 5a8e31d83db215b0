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

# The soname (libgit2.so.1.5) of a library's linker name (libgit2.so), for the
# libraries loaded at run time: the ABI the headers we compile against describe.
function(storydiff_soname_of library out_var)
  execute_process(COMMAND "${CMAKE_OBJDUMP}" -p "${library}"
    OUTPUT_VARIABLE _dump RESULT_VARIABLE _rc ERROR_QUIET)
  if(NOT _rc EQUAL 0 OR NOT _dump MATCHES "SONAME +([^ \n]+)")
    message(FATAL_ERROR "cannot read the SONAME of ${library} (objdump: '${CMAKE_OBJDUMP}')")
  endif()
  set(${out_var} "${CMAKE_MATCH_1}" PARENT_SCOPE)
endfunction()

add_library(dep_dtl INTERFACE)
target_include_directories(dep_dtl SYSTEM INTERFACE ${DTL_INCLUDE_DIR})
# libgit2 is loaded at run time (src/store/git/api.hpp): its headers, and the
# soname to dlopen, read from the -dev package's libgit2.so (libgit2.so.1.5 on
# Debian 12) so that the library opened is the ABI the headers describe.
add_library(dep_libgit2_headers INTERFACE)
target_include_directories(dep_libgit2_headers INTERFACE
  $<TARGET_PROPERTY:PkgConfig::LIBGIT2,INTERFACE_INCLUDE_DIRECTORIES>)
target_compile_options(dep_libgit2_headers INTERFACE
  $<TARGET_PROPERTY:PkgConfig::LIBGIT2,INTERFACE_COMPILE_OPTIONS>)
list(FILTER LIBGIT2_LINK_LIBRARIES INCLUDE REGEX "git2")
list(GET LIBGIT2_LINK_LIBRARIES 0 _libgit2_library)
storydiff_soname_of("${_libgit2_library}" STORYDIFF_LIBGIT2_SONAME)
target_compile_definitions(dep_libgit2_headers INTERFACE
  STORYDIFF_LIBGIT2_SONAME="${STORYDIFF_LIBGIT2_SONAME}")

# ICU, utf8proc and libxml2 (with its zlib and xz): a target whose property
# STORYDIFF_STATIC_TEXT_DEPS is true (storydiff_exe) links Debian's static
# archives of them, which saves ~0.5 ms of every process's start-up (fewer
# libraries to map and relocate: docs/DEPENDENCIES.md, "What start-up costs").
# Every other target (tests, benchmarks) links the shared libraries, as ICU's
# data adds 35 MB to each binary. Without an archive, or with the option off,
# all link the shared libraries.
option(STORYDIFF_STATIC_TEXT_DEPS
  "Link ICU, utf8proc and libxml2 statically into the storydiff executable" ON)
set(_static_ok ${STORYDIFF_STATIC_TEXT_DEPS})
foreach(lib icudata icuuc icui18n utf8proc xml2 z lzma)
  find_library(STORYDIFF_${lib}_ARCHIVE NAMES lib${lib}.a)
  if(NOT STORYDIFF_${lib}_ARCHIVE)
    set(_static_ok OFF)
  endif()
endforeach()
if(_static_ok)
  foreach(lib icudata icuuc icui18n utf8proc xml2 z lzma)
    add_library(static_${lib} STATIC IMPORTED)
    set_target_properties(static_${lib} PROPERTIES IMPORTED_LOCATION "${STORYDIFF_${lib}_ARCHIVE}")
  endforeach()
  # What each archive needs after it (`pkg-config --static --libs`).
  set_target_properties(static_icuuc PROPERTIES INTERFACE_LINK_LIBRARIES
    "static_icudata;Threads::Threads;m;${CMAKE_DL_LIBS}")
  set_target_properties(static_icui18n PROPERTIES INTERFACE_LINK_LIBRARIES static_icuuc)
  set_target_properties(static_xml2 PROPERTIES INTERFACE_LINK_LIBRARIES
    "static_icui18n;static_icuuc;static_z;static_lzma;m")
  # The same headers as the shared libraries'.
  set_target_properties(static_icui18n PROPERTIES INTERFACE_INCLUDE_DIRECTORIES
    "$<TARGET_PROPERTY:ICU::uc,INTERFACE_INCLUDE_DIRECTORIES>")
  set_target_properties(static_utf8proc PROPERTIES INTERFACE_INCLUDE_DIRECTORIES
    "$<TARGET_PROPERTY:PkgConfig::UTF8PROC,INTERFACE_INCLUDE_DIRECTORIES>")
  set_target_properties(static_xml2 PROPERTIES INTERFACE_INCLUDE_DIRECTORIES
    "$<TARGET_PROPERTY:LibXml2::LibXml2,INTERFACE_INCLUDE_DIRECTORIES>")
  message(STATUS "storydiff_exe links ICU, utf8proc and libxml2 statically")
endif()
set(_static "$<AND:$<BOOL:${_static_ok}>,$<BOOL:$<TARGET_PROPERTY:STORYDIFF_STATIC_TEXT_DEPS>>>")
set(_shared "$<NOT:${_static}>")

add_library(dep_icu INTERFACE)
target_link_libraries(dep_icu INTERFACE
  $<${_shared}:ICU::uc> $<${_shared}:ICU::i18n> $<${_static}:static_icui18n>)
add_library(dep_utf8proc INTERFACE)
target_link_libraries(dep_utf8proc INTERFACE
  $<${_shared}:PkgConfig::UTF8PROC> $<${_static}:static_utf8proc>)
add_library(dep_libxml2 INTERFACE)
target_link_libraries(dep_libxml2 INTERFACE
  $<${_shared}:LibXml2::LibXml2> $<${_static}:static_xml2>)

# libcurl is loaded at run time (src/fetch/curl_api.hpp): its headers only.
add_library(dep_curl_headers INTERFACE)
target_include_directories(dep_curl_headers INTERFACE
  $<TARGET_PROPERTY:CURL::libcurl,INTERFACE_INCLUDE_DIRECTORIES>)
# libcrypto (one SHA-256 per recorded source) is loaded at run time too
# (src/cli/commands/crypto_api.hpp): its headers and its soname.
add_library(dep_crypto_headers INTERFACE)
target_include_directories(dep_crypto_headers INTERFACE
  $<TARGET_PROPERTY:OpenSSL::Crypto,INTERFACE_INCLUDE_DIRECTORIES>)
storydiff_soname_of("${OPENSSL_CRYPTO_LIBRARY}" STORYDIFF_LIBCRYPTO_SONAME)
target_compile_definitions(dep_crypto_headers INTERFACE
  STORYDIFF_LIBCRYPTO_SONAME="${STORYDIFF_LIBCRYPTO_SONAME}")
message(STATUS "Loaded at run time: ${STORYDIFF_LIBGIT2_SONAME}, ${STORYDIFF_LIBCRYPTO_SONAME}")
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
