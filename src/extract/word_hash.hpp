// SPDX-License-Identifier: MIT
#pragma once

// Private to the extract module: a cheap inline hash for the short words the
// extractors look up for every token (std::hash<std::string_view> calls an
// out-of-line murmur hash that dominated their profiles). Only the speed of
// lookups changes, never their results.
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace storydiff::extract::detail {

// FNV-1a over the bytes (64-bit).
struct WordHash {
  std::size_t operator()(std::string_view word) const noexcept {
    std::uint64_t h = 14695981039346656037ULL;
    for (const char c : word) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
    return static_cast<std::size_t>(h);
  }
};

using WordViewSet = std::unordered_set<std::string_view, WordHash>;
template <typename T>
using WordViewMap = std::unordered_map<std::string_view, T, WordHash>;

} // namespace storydiff::extract::detail
