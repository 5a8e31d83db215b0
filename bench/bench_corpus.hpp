// SPDX-License-Identifier: MIT
#pragma once

// Finding and reading the shared corpus, for the benchmark programs. The
// default folder comes from CMake (STORYDIFF_DEFAULT_CORPUS).
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

namespace storydiff::bench {

// $STORYDIFF_CORPUS, else the default CMake compiled in.
inline std::filesystem::path corpus_dir() {
  if (const char* env = std::getenv("STORYDIFF_CORPUS"); env != nullptr && *env != '\0') {
    return env;
  }
  return STORYDIFF_DEFAULT_CORPUS;
}

// A revision file's stem is its number ("001"); SOURCE.md and README.md are not.
inline bool is_revision_file(const std::filesystem::path& path) {
  const std::string stem = path.stem().string();
  return !stem.empty() &&
         std::all_of(stem.begin(), stem.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The whole file, or nullopt when it cannot be read.
inline std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    return std::nullopt;
  }
  return bytes;
}

} // namespace storydiff::bench
