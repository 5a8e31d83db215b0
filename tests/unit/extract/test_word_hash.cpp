// SPDX-License-Identifier: MIT
// The extractors' flat word tables (src/extract/word_hash.hpp): they replace
// std::unordered_set/map for speed, so they must answer exactly like them.
#include "extract/word_hash.hpp" // private to extract; tests/CMakeLists.txt adds src/

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

using storydiff::extract::detail::FlatWordMap;
using storydiff::extract::detail::WordViewSet;

TEST_CASE("extract::WordViewSet answers like std::unordered_set", "[extract]") {
  SECTION("listed words are found, others and near misses are not") {
    const WordViewSet set = {"said", "says", "told", "a", "according", "Mr"};
    CHECK(set.contains("said"));
    CHECK(set.contains("a"));
    CHECK(set.contains("according"));
    CHECK(set.count("Mr") == 1);
    CHECK_FALSE(set.contains("mr"));   // case-sensitive
    CHECK_FALSE(set.contains("sai"));  // prefix
    CHECK_FALSE(set.contains("saidx")); // longer
    CHECK_FALSE(set.contains("sayd"));  // same length, same first byte
    CHECK_FALSE(set.contains(""));
    CHECK(set.size() == 6);
  }
  SECTION("the empty word is a word like any other") {
    WordViewSet set;
    CHECK_FALSE(set.contains(""));
    CHECK(set.insert(""));
    CHECK(set.contains(""));
    CHECK_FALSE(set.insert(""));
    CHECK(set.size() == 1);
  }
  SECTION("long words share a pre-filter bucket but are told apart") {
    const WordViewSet set = {"internationalization", "internationalizations"};
    CHECK(set.contains("internationalization"));
    CHECK(set.contains("internationalizations"));
    CHECK_FALSE(set.contains("internationalizationz"));
    CHECK_FALSE(set.contains("internationalizatio"));
  }
  SECTION("growing past many rehashes keeps every word and no other") {
    std::vector<std::string> words;
    for (int i = 0; i < 5000; ++i) {
      words.push_back("w" + std::to_string(i * 7919 % 10007));
    }
    WordViewSet set;
    std::unordered_set<std::string_view> reference;
    for (const std::string& w : words) {
      CHECK(set.insert(w) == reference.insert(w).second);
    }
    CHECK(set.size() == reference.size());
    for (int i = 0; i < 10007; ++i) {
      const std::string probe = "w" + std::to_string(i);
      CHECK(set.contains(probe) == (reference.count(probe) != 0));
    }
  }
}

TEST_CASE("extract::FlatWordMap keeps the first value of a word", "[extract]") {
  FlatWordMap<int> map = {{"one", 1}, {"two", 2}, {"one", 11}};
  REQUIRE(map.find("one") != nullptr);
  CHECK(*map.find("one") == 1); // like std::unordered_map's initializer list
  CHECK(*map.find("two") == 2);
  CHECK(map.find("three") == nullptr);
  CHECK_FALSE(map.emplace("two", 22));
  CHECK(*map.find("two") == 2);
  CHECK(map.emplace("three", 3));
  CHECK(*map.find("three") == 3);
  CHECK(map.size() == 3);
}
