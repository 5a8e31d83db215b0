// SPDX-License-Identifier: MIT
#pragma once

// Private to the extract module: the sets and maps of short words the
// extractors look up for every token. std::unordered_set<std::string_view>
// dominated their profiles (a bucket division, a node chase and a memcmp per
// lookup, most of them misses), so these are flat open-addressing tables with
// a (first byte, length) pre-filter that rejects most words before hashing.
// Only the speed of lookups changes, never their results. Keys are views: the
// caller keeps the words alive (string literals, or a document's text).
#include <array>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

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

// word → T, flat. T must be default-constructible and copyable.
template <typename T>
class FlatWordMap {
public:
  FlatWordMap() { m_slots.resize(16); }
  FlatWordMap(std::initializer_list<std::pair<std::string_view, T>> items) : FlatWordMap() {
    for (const auto& [word, value] : items) {
      emplace(word, value);
    }
  }

  // Room for `n` words without growing.
  void reserve(std::size_t n) {
    if (n * 2 > m_slots.size()) {
      grow(n * 2);
    }
  }

  // Adds `word` → `value` unless `word` is present (then nothing changes,
  // like std::unordered_map::emplace). Returns whether it was added.
  bool emplace(std::string_view word, const T& value) {
    if ((m_size + 1) * 2 > m_slots.size()) {
      grow(m_slots.size() * 2);
    }
    Slot& slot = m_slots[index_of(word)];
    if (slot.used) {
      return false;
    }
    slot = Slot{word, value, true};
    ++m_size;
    m_filter[filter_bit(word) / 64] |= 1ULL << (filter_bit(word) % 64);
    return true;
  }

  // The value of `word`, nullptr if absent. Valid until the next emplace.
  const T* find(std::string_view word) const {
    const std::size_t bit = filter_bit(word);
    if ((m_filter[bit / 64] & (1ULL << (bit % 64))) == 0) {
      return nullptr;
    }
    const Slot& slot = m_slots[index_of(word)];
    return slot.used ? &slot.value : nullptr;
  }
  bool contains(std::string_view word) const { return find(word) != nullptr; }
  std::size_t count(std::string_view word) const { return contains(word) ? 1 : 0; }
  std::size_t size() const { return m_size; }

private:
  struct Slot {
    std::string_view word;
    T value{};
    bool used = false;
  };

  // One bit per (first byte, length up to 15): most words of a text miss
  // every list here without being hashed.
  static std::size_t filter_bit(std::string_view word) {
    if (word.empty()) {
      return 0;
    }
    const std::size_t len = word.size() < 15 ? word.size() : 15;
    return static_cast<std::size_t>(static_cast<unsigned char>(word[0])) * 16 + len;
  }

  // Every byte counts (WordHash), then a multiply mixes them into the low
  // bits the table uses: the entity recognizer fills these tables with a
  // document's own words, and a hash of a few sampled bytes would let a page
  // of look-alike words pile into one probe chain (quadratic).
  static std::uint64_t hash(std::string_view w) {
    std::uint64_t h = WordHash()(w);
    h *= 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
  }

  // The index of the slot holding `word`, or of the empty slot where it
  // would go (the table is never full).
  std::size_t index_of(std::string_view word) const {
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hash(word) & mask;; i = (i + 1) & mask) {
      const Slot& slot = m_slots[i];
      if (!slot.used || slot.word == word) {
        return i;
      }
    }
  }

  void grow(std::size_t at_least) {
    std::size_t capacity = m_slots.size();
    while (capacity < at_least) {
      capacity *= 2;
    }
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(capacity, Slot{});
    for (const Slot& slot : old) {
      if (slot.used) {
        m_slots[index_of(slot.word)] = slot;
      }
    }
  }

  std::vector<Slot> m_slots; // size a power of two, at most half full
  std::size_t m_size = 0;
  std::array<std::uint64_t, 256 * 16 / 64> m_filter{};
};

// A set of words, flat (see FlatWordMap).
class WordViewSet {
public:
  WordViewSet() = default;
  WordViewSet(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) {
      insert(w);
    }
  }
  template <typename It>
  WordViewSet(It begin, It end) {
    for (; begin != end; ++begin) {
      insert(*begin);
    }
  }
  void reserve(std::size_t n) { m_map.reserve(n); }
  bool insert(std::string_view word) { return m_map.emplace(word, Empty{}); }
  bool contains(std::string_view word) const { return m_map.contains(word); }
  std::size_t count(std::string_view word) const { return m_map.count(word); }
  std::size_t size() const { return m_map.size(); }

private:
  struct Empty {};
  FlatWordMap<Empty> m_map;
};

// A std::unordered_map keyed by word views (for maps that are iterated).
template <typename T>
using WordViewMap = std::unordered_map<std::string_view, T, WordHash>;

} // namespace storydiff::extract::detail
