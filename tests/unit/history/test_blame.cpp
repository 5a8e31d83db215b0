// SPDX-License-Identifier: MIT
#include <storydiff/history/blame.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

using namespace storydiff;

namespace {

// Blame of the last of `articles`, as (introduced, last_changed) per sentence.
std::vector<std::pair<std::uint32_t, std::uint32_t>> provenance(
    const std::vector<std::string>& articles) {
  history::Blame blame;
  for (const std::string& article : articles) {
    blame.add(article);
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  for (const history::SentenceBlame& s : blame.sentences()) {
    out.emplace_back(s.introduced, s.last_changed);
  }
  return out;
}

using P = std::pair<std::uint32_t, std::uint32_t>;

const std::string k_lede = "The harbor ferry ran aground near Saltgate on Friday morning.";
const std::string k_toll = "Officials said 12 passengers were hurt in the grounding.";
const std::string k_toll_edit = "Officials said 15 passengers were hurt in the grounding.";
const std::string k_captain = "The captain told reporters the engines failed without warning.";
const std::string k_tide = "Tugboats pulled the vessel free when the tide rose at noon.";
const std::string k_ferry_service = "Ferry service to North Tarn was suspended until Sunday.";

std::string doc(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (!out.empty()) {
      out += "\n";
    }
    out += p + "\n";
  }
  return out;
}

} // namespace

TEST_CASE("history::Blame credits every sentence of a first revision to it", "[history]") {
  history::Blame blame;
  CHECK(blame.sentences().empty());
  blame.add(doc({k_lede + "\n" + k_toll, k_captain}));
  const std::vector<history::SentenceBlame> s = blame.sentences();
  REQUIRE(s.size() == 3);
  CHECK(s[0].text == k_lede);
  CHECK(s[1].text == k_toll);
  CHECK(s[0].paragraph == 0);
  CHECK(s[1].paragraph == 0);
  CHECK(s[2].paragraph == 1);
  for (const history::SentenceBlame& one : s) {
    CHECK(one.introduced == 0);
    CHECK(one.last_changed == 0);
  }
  CHECK(blame.revisions() == 1);
  CHECK_FALSE(blame.degraded());
}

TEST_CASE("history::Blame keeps origins through edits, additions and moves", "[history]") {
  SECTION("an edited sentence keeps its origin and is changed by the editing revision") {
    const auto p = provenance({doc({k_lede, k_toll, k_captain}), doc({k_lede, k_toll, k_captain}),
                               doc({k_lede, k_toll_edit, k_captain})});
    CHECK(p == std::vector<P>{{0, 0}, {0, 2}, {0, 0}});
  }
  SECTION("an added sentence is introduced and changed by the revision that adds it") {
    const auto p = provenance({doc({k_lede, k_captain}), doc({k_lede, k_toll, k_captain})});
    CHECK(p == std::vector<P>{{0, 0}, {1, 1}, {0, 0}});
  }
  SECTION("a sentence moved without edits keeps both revisions") {
    const auto p = provenance({doc({k_lede, k_toll, k_captain, k_tide}),
                               doc({k_lede, k_toll_edit, k_captain, k_tide}),
                               doc({k_tide, k_lede, k_toll_edit, k_captain})});
    CHECK(p == std::vector<P>{{0, 0}, {0, 0}, {0, 1}, {0, 0}});
  }
  SECTION("a sentence moved and edited keeps its origin and is changed") {
    const auto p = provenance({doc({k_lede, k_toll, k_captain, k_tide}),
                               doc({k_toll_edit, k_lede, k_captain, k_tide})});
    CHECK(p == std::vector<P>{{0, 1}, {0, 0}, {0, 0}, {0, 0}});
  }
}

TEST_CASE("history::Blame gives splits and merges the earliest origin", "[history]") {
  const std::string joined = "The captain told reporters the engines failed without warning, "
                             "and tugboats pulled the vessel free when the tide rose at noon.";
  const std::string first = "The captain told reporters the engines failed without warning.";
  const std::string second = "Tugboats pulled the vessel free when the tide rose at noon.";
  SECTION("split: both parts inherit the old sentence's origin") {
    const auto p = provenance({doc({k_lede, joined}), doc({k_lede, k_toll, joined}),
                               doc({k_lede, k_toll, first + "\n" + second})});
    CHECK(p == std::vector<P>{{0, 0}, {1, 1}, {0, 2}, {0, 2}});
  }
  SECTION("merge: the merged sentence takes the earliest of its parts") {
    const auto p = provenance({doc({k_lede, first}), doc({k_lede, first + "\n" + second}),
                               doc({k_lede, joined})});
    CHECK(p == std::vector<P>{{0, 0}, {0, 2}});
  }
}

TEST_CASE("history::Blame lets restored text keep its origin", "[history]") {
  SECTION("a sentence cut and later put back keeps both revisions") {
    const auto p = provenance({doc({k_lede, k_toll, k_captain}),
                               doc({k_lede, k_toll_edit, k_captain}),
                               doc({k_lede, k_toll_edit}),
                               doc({k_lede, k_toll_edit, k_captain})});
    CHECK(p == std::vector<P>{{0, 0}, {0, 1}, {0, 0}});
  }
  SECTION("a reverted edit goes back to the wording's own revisions") {
    const auto p = provenance({doc({k_lede, k_toll, k_captain}),
                               doc({k_lede, k_toll_edit, k_captain}),
                               doc({k_lede, k_toll, k_captain})});
    CHECK(p == std::vector<P>{{0, 0}, {0, 0}, {0, 0}});
  }
  SECTION("a revision restoring an older one has that revision's blame") {
    const std::vector<std::string> revs{
        doc({k_lede, k_toll}), doc({k_lede, k_toll_edit, k_captain}),
        doc({k_lede, k_toll_edit, k_captain, k_tide}),
        doc({k_tide, k_lede, k_toll, k_ferry_service}), doc({k_lede, k_toll_edit, k_captain})};
    const auto restored = provenance(revs);
    const auto original = provenance({revs[0], revs[1]});
    CHECK(restored == original);
    CHECK(restored == std::vector<P>{{0, 0}, {0, 1}, {1, 1}});
  }
  SECTION("text added again in another place keeps its origin") {
    const auto p = provenance({doc({k_lede, k_ferry_service, k_toll}), doc({k_lede, k_toll}),
                               doc({k_lede, k_toll, k_captain}),
                               doc({k_lede, k_toll, k_captain, k_ferry_service})});
    CHECK(p == std::vector<P>{{0, 0}, {0, 0}, {2, 2}, {0, 0}});
  }
}

TEST_CASE("history::blame handles empty and one-sentence histories", "[history]") {
  SECTION("no revisions") {
    CHECK(history::blame({}).empty());
  }
  SECTION("an empty latest revision has no sentences") {
    const std::vector<std::string_view> revs{"One sentence here.\n", ""};
    CHECK(history::blame(revs).empty());
  }
  SECTION("a sentence rewritten beyond recognition is new") {
    const std::vector<std::string_view> revs{
        "The council approved the harbor budget on Monday.\n",
        "Heavy snow closed every school in the county.\n"};
    const std::vector<history::SentenceBlame> s = history::blame(revs);
    REQUIRE(s.size() == 1);
    CHECK(s[0].introduced == 1);
    CHECK(s[0].last_changed == 1);
  }
}
