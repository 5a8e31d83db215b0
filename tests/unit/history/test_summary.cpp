// SPDX-License-Identifier: MIT
#include <storydiff/diff/changes.hpp>
#include <storydiff/history/summary.hpp>
#include <storydiff/text/segment.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace storydiff;

namespace {

// SummaryRevisions for `articles` (oldest first), each with the real
// differ's report against the one before, one hour apart.
std::vector<history::SummaryRevision> history_of(const std::vector<std::string>& articles) {
  std::vector<history::SummaryRevision> out;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    history::SummaryRevision revision;
    revision.revision = static_cast<std::uint32_t>(i + 1);
    revision.captured_at = 1'800'000'000 + static_cast<std::int64_t>(i) * 3600;
    revision.time = "t" + std::to_string(i + 1);
    if (i > 0) {
      revision.report = diff::compare(text::parse_canonical(articles[i - 1]),
                                      text::parse_canonical(articles[i]), "old", "new");
      revision.headline = revision.report->headline;
    } else {
      revision.headline = "first capture";
    }
    out.push_back(std::move(revision));
  }
  return out;
}

const history::FactChain* chain_starting(const history::StorySummary& summary,
                                         const std::string& first_value) {
  for (const history::FactChain& chain : summary.chains) {
    if (chain.values.front() == first_value) {
      return &chain;
    }
  }
  return nullptr;
}

const std::string k_head = "Flood in Marrow Bay";
const std::string k_move = "The river had not flooded the town since 1952.";
const std::string k_other = "The regional fire service sent four boats to help.";

std::string toll(const std::string& dead, const std::string& injured) {
  return "Rescuers said " + dead + " people died and " + injured + " were injured on Tuesday.";
}

} // namespace

TEST_CASE("history::summarize follows a number through its sentence", "[history]") {
  const std::vector<std::string> articles{
      k_head + "\n\n" + toll("12", "30") + "\n\n" + k_other + "\n\n" + k_move + "\n",
      k_head + "\n\n" + toll("15", "30") + "\n\n" + k_other + "\n\n" + k_move + "\n",
      // The background paragraph moves above the toll: positions shift.
      k_head + "\n\n" + k_move + "\n\n" + toll("15", "30") + "\n\n" + k_other + "\n",
      k_head + "\n\n" + k_move + "\n\n" + toll("18", "41") + "\n\n" + k_other + "\n",
      k_head + "\n\n" + k_move + "\n\n" + toll("21", "41") + "\n\n" + k_other + "\n",
  };
  const std::vector<history::SummaryRevision> revisions = history_of(articles);
  const history::StorySummary summary = history::summarize(revisions);

  CHECK(summary.revisions == 5);
  CHECK(summary.without_report == 1);
  CHECK(summary.last_at - summary.first_at == 4 * 3600);
  const history::FactChain* dead = chain_starting(summary, "12 people");
  REQUIRE(dead != nullptr);
  CHECK(dead->kind == diff::ChangeKind::number_changed);
  CHECK(dead->values == std::vector<std::string>{"12 people", "15 people", "18 people", "21 people"});
  CHECK(dead->revisions == std::vector<std::uint32_t>{2, 4, 5});
  CHECK(dead->numbers.back() == 21.0);
  // "30" → "41" happened once: not a fact that changed more than once, and
  // it never joins the death toll's chain.
  CHECK(chain_starting(summary, "30") == nullptr);
  CHECK(summary.chains.size() == 1);
  CHECK_THAT(summary.overview, Catch::Contains("5 revisions (r1–r5) over 4 hours"));
  CHECK_THAT(summary.overview, Catch::Contains("changed 3 times: 12 people → 15 people → 18 people → 21 people (r2, r4, r5)"));
}

TEST_CASE("history::summarize merges facts stated twice and counts kinds", "[history]") {
  const auto rev = [](const std::string& a, const std::string& b) {
    return "Storm leaves " + a + " dead in Eastfield\n\nOfficials said " + b +
           " people died when the seawall failed.\n";
  };
  const std::vector<std::string> articles{rev("2", "two"), rev("4", "four"), rev("6", "six")};
  const history::StorySummary summary = history::summarize(history_of(articles));
  REQUIRE(summary.chains.size() == 1);
  const history::FactChain& chain = summary.chains.front();
  CHECK(chain.revisions == std::vector<std::uint32_t>{2, 3});
  REQUIRE(chain.also.size() == 1);
  CHECK_THAT(chain.description, Catch::Contains("also stated as"));
  REQUIRE_FALSE(summary.kinds.empty());
  CHECK(summary.kinds.front().kind == "number_changed");
  CHECK(summary.kinds.front().count == 4);
  CHECK(summary.substantive == 2);
  CHECK_THAT(summary.overview, Catch::Contains("Most frequent changes: 4 numbers changed"));
}

TEST_CASE("history::summarize follows a date reverted to its old value", "[history]") {
  const auto rev = [](const std::string& day) {
    return "The harbor wall failed on " + day + " after a week of rain, the port authority said.\n";
  };
  const std::vector<std::string> articles{rev("Tuesday"), rev("Monday"), rev("Tuesday")};
  std::vector<history::SummaryRevision> revisions = history_of(articles);
  revisions[2].restores = 1;
  const history::StorySummary summary = history::summarize(revisions);
  REQUIRE(summary.chains.size() == 1);
  CHECK(summary.chains[0].kind == diff::ChangeKind::date_changed);
  CHECK(summary.chains[0].values == std::vector<std::string>{"Tuesday", "Monday", "Tuesday"});
  CHECK_THAT(summary.overview, Catch::Contains("r3 restored r1"));
}

TEST_CASE("history::summarize handles short and report-less histories", "[history]") {
  SECTION("no revisions") {
    const history::StorySummary summary = history::summarize({});
    CHECK(summary.revisions == 0);
    CHECK(summary.overview == "No revisions.");
  }
  SECTION("one revision") {
    const history::StorySummary summary = history::summarize(history_of({"One line.\n"}));
    CHECK(summary.chains.empty());
    CHECK_THAT(summary.overview, Catch::StartsWith("1 revision, r1 at t1"));
  }
  SECTION("a missing report breaks the trail but not the value match") {
    const std::vector<std::string> articles{toll("3", "5") + "\n", toll("4", "5") + "\n",
                                            toll("4", "5") + "\n\n" + k_other + "\n",
                                            toll("5", "5") + "\n\n" + k_other + "\n"};
    std::vector<history::SummaryRevision> revisions = history_of(articles);
    revisions[2].report.reset();
    const history::StorySummary summary = history::summarize(revisions);
    CHECK(summary.without_report == 2);
    const history::FactChain* chain = chain_starting(summary, "3 people");
    REQUIRE(chain != nullptr);
    CHECK(chain->values == std::vector<std::string>{"3 people", "4 people", "5 people"});
  }
}

TEST_CASE("history::kind_phrase names kinds in the plural", "[history]") {
  CHECK(history::kind_phrase("number_changed", 1) == "number changed");
  CHECK(history::kind_phrase("number_changed", 2) == "numbers changed");
  CHECK(history::kind_phrase("entity_added", 3) == "entities added");
  CHECK(history::kind_phrase("reworded", 2) == "rewordings");
  CHECK(history::kind_phrase("claim_moved", 0) == "claims moved");
}
