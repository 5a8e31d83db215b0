// SPDX-License-Identifier: MIT
#include <storydiff/history/summary.hpp>

#include <storydiff/text/normalize.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <string_view>

namespace storydiff::history {

namespace {

using diff::Change;
using diff::ChangeKind;

bool is_tracked(ChangeKind kind) {
  return kind == ChangeKind::number_changed || kind == ChangeKind::date_changed ||
         kind == ChangeKind::speaker_changed || kind == ChangeKind::attribution_changed;
}

// A value as the story wrote it, with a hedge stored as its own change put
// back in front ("4 dead" + hedge_added "at least" → "at least 4 dead"): the
// differ reports the two separately, a reader of the chain wants them joined.
std::string with_hedge(const diff::ChangeSide& side, const std::vector<Change>& changes,
                       ChangeKind hedge_kind, bool old_side) {
  for (const Change& hedge : changes) {
    if (hedge.kind != hedge_kind) {
      continue;
    }
    const std::optional<diff::ChangeSide>& h = old_side ? hedge.old_side : hedge.new_side;
    if (h && h->sentence == side.sentence && h->span.end <= side.span.start &&
        side.span.start - h->span.end <= 1) {
      return h->text + " " + side.text;
    }
  }
  return side.text;
}

// One fact being followed through the revisions.
struct Track {
  FactChain chain;
  // Where the fact sits in the latest revision processed: 0-based sentence
  // indices (several after a split), empty when its sentence was removed or
  // a revision without a report broke the trail.
  std::vector<std::uint32_t> positions;
  std::string last_folded;            // folded text of the latest value
  std::optional<double> last_number;  // its parsed value
  std::uint32_t touched_in = 0;       // revision number of the latest change
};

// Whether (kind, unit, sentence) names one fact even when the values do not
// match: a counted noun does ("dead"), and a sentence has one speaker and
// one attribution; a bare number or a date does not ("5:10 a.m." and
// "Tuesday" sit in one sentence, and so do "nine" and "14").
bool position_is_identity(const Change& change) {
  switch (change.kind) {
  case ChangeKind::number_changed:
    return !change.unit.empty();
  case ChangeKind::speaker_changed:
  case ChangeKind::attribution_changed:
    return true;
  default:
    return false;
  }
}

// `old_folded`: text::fold of the change's old text.
bool same_value(const Track& track, const Change& change, const std::string& old_folded) {
  if (track.last_number && change.old_value) {
    return *track.last_number == *change.old_value;
  }
  return track.last_folded == old_folded;
}

// How a fact is followed from one revision to the next (the chaining).
//
// A tracked change (number_changed, date_changed, speaker_changed,
// attribution_changed) names the sentence it sits in on both sides: the old
// index is in the parent, the new one in this revision. A fact's identity is
// (kind, unit or counted noun, the sentence lineage it lives in); its value
// is what changes. So each fact keeps its current sentence positions, carried
// forward through every later revision's sentence alignment (the `sentences`
// ops of changes.json: equal/edited/moved map one to one, a split maps to
// all its parts, a merge maps its parts to the one sentence). A change
// continues a chain when, in order of preference:
//   1. same kind and unit, its old sentence is one of the chain's positions,
//      and its old value is the chain's latest value (numerically for
//      numbers, else after text::fold): the normal case;
//   2. same kind and unit and position, another value: an intermediate
//      change the differ classified differently (as claim_changed, say);
//      only where the position identifies the fact (position_is_identity);
//   3. same kind and unit and value, for a chain whose sentence was lost
//      (removed, or a revision without a report): the fact reappears in
//      rewritten or restored text.
// Otherwise it starts a new chain. A chain continues at most once per
// revision. Two sentences can state the same fact ("2 dead" in the headline,
// "two people" in the lede); their chains change in the same revisions with
// the same numbers and are merged afterwards (the later one becomes `also`).
// Values are never compared across kinds or units, so "2 dead" cannot chain
// into "2 injured".
class Tracker {
public:
  void add(const SummaryRevision& revision) {
    if (!revision.report) {
      for (Track& track : m_tracks) {
        track.positions.clear();
      }
      return;
    }
    const diff::Report& report = *revision.report;
    for (const Change& change : report.changes) {
      if (is_tracked(change.kind) && change.old_side && change.new_side) {
        follow(change, report, revision.revision);
      }
    }
    carry_positions(report, revision.revision);
  }

  std::vector<FactChain> chains() && {
    std::vector<FactChain> out;
    for (Track& track : m_tracks) {
      if (track.chain.revisions.size() < 2) {
        continue;
      }
      bool merged = false;
      for (FactChain& kept : out) {
        if (kept.kind == track.chain.kind && kept.revisions == track.chain.revisions &&
            kept.numbers == track.chain.numbers &&
            std::all_of(kept.numbers.begin(), kept.numbers.end(),
                        [](const std::optional<double>& n) { return n.has_value(); })) {
          kept.also.push_back(track.chain.values.front());
          merged = true;
          break;
        }
      }
      if (!merged) {
        out.push_back(std::move(track.chain));
      }
    }
    // Most changes first; ties keep the order the facts first changed in.
    std::stable_sort(out.begin(), out.end(), [](const FactChain& a, const FactChain& b) {
      return a.revisions.size() > b.revisions.size();
    });
    return out;
  }

private:
  void follow(const Change& change, const diff::Report& report, std::uint32_t revision) {
    const std::uint32_t old_sentence = change.old_side->sentence;
    const std::string old_folded = text::fold(change.old_side->text);
    Track* found = nullptr;
    for (int tier = 1; tier <= 3 && found == nullptr; ++tier) {
      for (Track& track : m_tracks) {
        if (track.touched_in == revision || track.chain.kind != change.kind ||
            track.chain.unit != change.unit) {
          continue;
        }
        const bool here = std::find(track.positions.begin(), track.positions.end(),
                                    old_sentence) != track.positions.end();
        const bool ok = tier == 1   ? here && same_value(track, change, old_folded)
                        : tier == 2 ? here && position_is_identity(change)
                                    : track.positions.empty() && same_value(track, change, old_folded);
        if (ok) {
          found = &track;
          break;
        }
      }
    }
    if (found == nullptr) {
      Track track;
      track.chain.kind = change.kind;
      track.chain.unit = change.unit;
      track.chain.values.push_back(
          with_hedge(*change.old_side, report.changes, ChangeKind::hedge_removed, true));
      track.chain.numbers.push_back(change.old_value);
      m_tracks.push_back(std::move(track));
      found = &m_tracks.back();
    }
    found->chain.values.push_back(
        with_hedge(*change.new_side, report.changes, ChangeKind::hedge_added, false));
    found->chain.numbers.push_back(change.new_value);
    found->chain.revisions.push_back(revision);
    found->last_folded = text::fold(change.new_side->text);
    found->last_number = change.new_value;
    found->touched_in = revision;
    // Marked with the revision so carry_positions leaves it alone.
    found->positions = {change.new_side->sentence};
  }

  // Moves every chain not changed in this revision to its sentences' new
  // positions.
  void carry_positions(const diff::Report& report, std::uint32_t revision) {
    std::map<std::uint32_t, std::vector<std::uint32_t>> next; // old index → new indices
    for (const diff::SentenceDiff& sentence : report.sentences) {
      for (const std::uint32_t old_index : sentence.op.old_sentences) {
        std::vector<std::uint32_t>& to = next[old_index];
        to.insert(to.end(), sentence.op.new_sentences.begin(), sentence.op.new_sentences.end());
      }
    }
    for (Track& track : m_tracks) {
      if (track.touched_in == revision) {
        continue;
      }
      std::vector<std::uint32_t> moved;
      for (const std::uint32_t position : track.positions) {
        if (auto it = next.find(position); it != next.end()) {
          moved.insert(moved.end(), it->second.begin(), it->second.end());
        }
      }
      track.positions = std::move(moved);
    }
  }

  std::vector<Track> m_tracks;
};

std::string revisions_list(const std::vector<std::uint32_t>& revisions) {
  std::vector<std::string> names;
  for (const std::uint32_t r : revisions) {
    names.push_back(fmt::format("r{}", r));
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string describe(const FactChain& chain) {
  std::string_view what = "a number";
  switch (chain.kind) {
  case ChangeKind::date_changed:
    what = "a date or time";
    break;
  case ChangeKind::speaker_changed:
    what = "the speaker of a quote";
    break;
  case ChangeKind::attribution_changed:
    what = "an attribution";
    break;
  default:
    break;
  }
  std::string out =
      fmt::format("{} changed {} times: {} ({}", what, chain.revisions.size(),
                  fmt::join(chain.values, " → "), revisions_list(chain.revisions));
  if (!chain.also.empty()) {
    out += fmt::format("; also stated as “{}”", fmt::join(chain.also, "”, “"));
  }
  out += ")";
  return out;
}

std::string duration(std::int64_t seconds) {
  auto amount = [](double value, std::string_view unit) {
    const double rounded = std::round(value * 10) / 10;
    if (rounded == std::floor(rounded)) {
      const auto whole = static_cast<long long>(rounded);
      return fmt::format("{} {}{}", whole, unit, whole == 1 ? "" : "s");
    }
    return fmt::format("{:.1f} {}s", rounded, unit);
  };
  if (seconds < 120) {
    return amount(static_cast<double>(seconds), "second");
  }
  if (seconds < 2 * 3600) {
    return amount(static_cast<double>(seconds) / 60, "minute");
  }
  if (seconds < 48 * 3600) {
    return amount(static_cast<double>(seconds) / 3600, "hour");
  }
  return amount(static_cast<double>(seconds) / 86400, "day");
}

std::string overview(const StorySummary& summary, std::span<const SummaryRevision> revisions,
                     const SummaryOptions& options) {
  if (revisions.empty()) {
    return "No revisions.";
  }
  const SummaryRevision& first = revisions.front();
  const SummaryRevision& last = revisions.back();
  std::string out;
  if (revisions.size() == 1) {
    out = fmt::format("1 revision, r{} at {}", first.revision, first.time);
  } else {
    out = fmt::format("{} revisions (r{}–r{}) over {}, from {} to {}", revisions.size(),
                      first.revision, last.revision, duration(summary.last_at - summary.first_at),
                      first.time, last.time);
  }
  std::vector<std::string> kinds_of_revision;
  if (summary.substantive > 0) {
    kinds_of_revision.push_back(fmt::format("{} with substantive changes", summary.substantive));
  }
  if (summary.style > 0) {
    kinds_of_revision.push_back(fmt::format("{} with style changes only", summary.style));
  }
  if (summary.unchanged > 0) {
    kinds_of_revision.push_back(fmt::format("{} unchanged", summary.unchanged));
  }
  if (first.revision == 1 && !first.report) {
    kinds_of_revision.push_back("r1 the first capture");
  }
  if (!kinds_of_revision.empty()) {
    out += fmt::format(": {}", fmt::join(kinds_of_revision, ", "));
  }
  out += ".";
  std::vector<std::string> restores;
  for (const SummaryRevision& revision : revisions) {
    if (revision.restores) {
      restores.push_back(fmt::format("r{} restored r{}", revision.revision, *revision.restores));
    }
  }
  if (!restores.empty()) {
    out += fmt::format(" {}.", fmt::join(restores, "; "));
  }
  if (!summary.kinds.empty()) {
    std::vector<std::string> top;
    for (std::size_t i = 0; i < summary.kinds.size() && i < options.overview_kinds; ++i) {
      top.push_back(fmt::format("{} {}", summary.kinds[i].count,
                                kind_phrase(summary.kinds[i].kind, summary.kinds[i].count)));
    }
    out += fmt::format(" Most frequent changes: {}.", fmt::join(top, ", "));
  }
  if (!summary.chains.empty() && options.overview_chains > 0) {
    std::vector<std::string> facts;
    for (std::size_t i = 0; i < summary.chains.size() && i < options.overview_chains; ++i) {
      facts.push_back(summary.chains[i].description);
    }
    std::string sentence = fmt::format("{}", fmt::join(facts, "; "));
    sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
    out += " " + sentence;
    if (summary.chains.size() > options.overview_chains) {
      out += fmt::format("; {} more facts changed more than once",
                         summary.chains.size() - options.overview_chains);
    }
    out += ".";
  } else if (revisions.size() > 1) {
    out += " No fact changed more than once.";
  }
  return out;
}

} // namespace

std::string kind_phrase(std::string_view kind, std::uint32_t count) {
  std::string phrase(kind);
  std::replace(phrase.begin(), phrase.end(), '_', ' ');
  if (count == 1) {
    return phrase;
  }
  if (phrase == "reworded") {
    return "rewordings";
  }
  const std::size_t space = phrase.find(' ');
  const std::string noun = phrase.substr(0, space);
  const std::string rest = space == std::string::npos ? "" : phrase.substr(space);
  if (noun == "entity") {
    return "entities" + rest;
  }
  return noun + "s" + rest;
}

StorySummary summarize(std::span<const SummaryRevision> revisions,
                       const SummaryOptions& options) {
  StorySummary summary;
  summary.revisions = static_cast<std::uint32_t>(revisions.size());
  if (!revisions.empty()) {
    summary.first_at = revisions.front().captured_at;
    summary.last_at = revisions.back().captured_at;
  }
  std::map<std::string, std::uint32_t> totals;
  Tracker tracker;
  for (const SummaryRevision& revision : revisions) {
    if (!revision.report) {
      ++summary.without_report;
    } else {
      switch (revision.report->significance) {
      case diff::Significance::substantive:
        ++summary.substantive;
        break;
      case diff::Significance::style:
        ++summary.style;
        break;
      case diff::Significance::none:
        ++summary.unchanged;
        break;
      }
      for (const auto& [kind, count] : revision.report->counts) {
        totals[kind] += count;
      }
    }
    tracker.add(revision);
  }
  for (const auto& [kind, count] : totals) {
    summary.kinds.push_back(KindCount{kind, count});
  }
  std::stable_sort(summary.kinds.begin(), summary.kinds.end(),
                   [](const KindCount& a, const KindCount& b) { return a.count > b.count; });
  summary.chains = std::move(tracker).chains();
  for (FactChain& chain : summary.chains) {
    chain.description = describe(chain);
  }
  summary.overview = overview(summary, revisions, options);
  return summary;
}

} // namespace storydiff::history
