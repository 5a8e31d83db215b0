// SPDX-License-Identifier: MIT
#include "compare_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace storydiff::diff::detail {

namespace {

constexpr std::size_t k_message_text_bytes = 80;  // "~80 chars" per quoted text
constexpr std::size_t k_headline_text_bytes = 48; // shorter in the one-line headline

// Importance: lower first. Quotes, numbers, dates, attributions, negations,
// corrections, names, hedges, then whole claims and style.
int rank(ChangeKind kind) {
  switch (kind) {
  case ChangeKind::quote_changed: return 0;
  case ChangeKind::speaker_changed: return 1;
  case ChangeKind::quote_added: return 2;
  case ChangeKind::quote_removed: return 3;
  case ChangeKind::number_changed: return 10;
  case ChangeKind::number_added: return 11;
  case ChangeKind::number_removed: return 12;
  case ChangeKind::date_changed: return 20;
  case ChangeKind::date_added: return 21;
  case ChangeKind::date_removed: return 22;
  case ChangeKind::attribution_changed: return 30;
  case ChangeKind::attribution_removed: return 31;
  case ChangeKind::attribution_added: return 32;
  case ChangeKind::negation_added: return 40;
  case ChangeKind::negation_removed: return 41;
  case ChangeKind::correction_added: return 50;
  case ChangeKind::entity_added: return 60;
  case ChangeKind::entity_removed: return 61;
  case ChangeKind::hedge_added: return 70;
  case ChangeKind::hedge_removed: return 71;
  case ChangeKind::claim_changed: return 80;
  case ChangeKind::claim_added: return 81;
  case ChangeKind::claim_removed: return 82;
  case ChangeKind::claim_split: return 83;
  case ChangeKind::claim_merged: return 84;
  case ChangeKind::reworded: return 90;
  case ChangeKind::claim_moved: return 91;
  }
  return 99;
}

// "Number changed", "Quote added", ...: the start of a message.
std::string_view title_of(ChangeKind kind) {
  switch (kind) {
  case ChangeKind::claim_added: return "Claim added";
  case ChangeKind::claim_removed: return "Claim removed";
  case ChangeKind::claim_changed: return "Claim changed";
  case ChangeKind::reworded: return "Reworded";
  case ChangeKind::claim_moved: return "Moved";
  case ChangeKind::claim_split: return "Claim split";
  case ChangeKind::claim_merged: return "Claims merged";
  case ChangeKind::number_added: return "Number added";
  case ChangeKind::number_removed: return "Number removed";
  case ChangeKind::number_changed: return "Number changed";
  case ChangeKind::date_added: return "Date added";
  case ChangeKind::date_removed: return "Date removed";
  case ChangeKind::date_changed: return "Date changed";
  case ChangeKind::entity_added: return "Name added";
  case ChangeKind::entity_removed: return "Name removed";
  case ChangeKind::quote_added: return "Quote added";
  case ChangeKind::quote_removed: return "Quote removed";
  case ChangeKind::quote_changed: return "Quote changed";
  case ChangeKind::speaker_changed: return "Speaker changed";
  case ChangeKind::attribution_added: return "Attribution added";
  case ChangeKind::attribution_removed: return "Attribution removed";
  case ChangeKind::attribution_changed: return "Attribution changed";
  case ChangeKind::hedge_added: return "Hedge added";
  case ChangeKind::hedge_removed: return "Hedge removed";
  case ChangeKind::negation_added: return "Negation added";
  case ChangeKind::negation_removed: return "Negation removed";
  case ChangeKind::correction_added: return "Correction added";
  }
  return "Changed";
}

// For the headline's counts: "claim"/"claims" and what happened to them.
struct CountWords {
  std::string_view one;
  std::string_view many;
  std::string_view verb;
};

CountWords count_words(ChangeKind kind) {
  switch (kind) {
  case ChangeKind::claim_added: return {"claim", "claims", "added"};
  case ChangeKind::claim_removed: return {"claim", "claims", "removed"};
  case ChangeKind::claim_changed: return {"claim", "claims", "changed"};
  case ChangeKind::reworded: return {"sentence", "sentences", "reworded"};
  case ChangeKind::claim_moved: return {"sentence", "sentences", "moved"};
  case ChangeKind::claim_split: return {"sentence", "sentences", "split"};
  case ChangeKind::claim_merged: return {"merge of sentences", "merges of sentences", "made"};
  case ChangeKind::number_added: return {"number", "numbers", "added"};
  case ChangeKind::number_removed: return {"number", "numbers", "removed"};
  case ChangeKind::number_changed: return {"number", "numbers", "changed"};
  case ChangeKind::date_added: return {"date", "dates", "added"};
  case ChangeKind::date_removed: return {"date", "dates", "removed"};
  case ChangeKind::date_changed: return {"date", "dates", "changed"};
  case ChangeKind::entity_added: return {"name", "names", "added"};
  case ChangeKind::entity_removed: return {"name", "names", "removed"};
  case ChangeKind::quote_added: return {"quote", "quotes", "added"};
  case ChangeKind::quote_removed: return {"quote", "quotes", "removed"};
  case ChangeKind::quote_changed: return {"quote", "quotes", "changed"};
  case ChangeKind::speaker_changed: return {"speaker", "speakers", "changed"};
  case ChangeKind::attribution_added: return {"attribution", "attributions", "added"};
  case ChangeKind::attribution_removed: return {"attribution", "attributions", "removed"};
  case ChangeKind::attribution_changed: return {"attribution", "attributions", "changed"};
  case ChangeKind::hedge_added: return {"hedge", "hedges", "added"};
  case ChangeKind::hedge_removed: return {"hedge", "hedges", "removed"};
  case ChangeKind::negation_added: return {"negation", "negations", "added"};
  case ChangeKind::negation_removed: return {"negation", "negations", "removed"};
  case ChangeKind::correction_added: return {"correction", "corrections", "added"};
  }
  return {"change", "changes", "made"};
}

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Kinds whose sides are short values, shown without quotation marks in the
// headline ("Number changed: 10-year-old → 11-year-old").
bool is_value_kind(ChangeKind kind) {
  switch (kind) {
  case ChangeKind::number_added:
  case ChangeKind::number_removed:
  case ChangeKind::number_changed:
  case ChangeKind::date_added:
  case ChangeKind::date_removed:
  case ChangeKind::date_changed:
  case ChangeKind::entity_added:
  case ChangeKind::entity_removed:
  case ChangeKind::speaker_changed:
    return true;
  default:
    return false;
  }
}

// Where two long sides start to differ, moved back two words for context
// (0 when they differ early or fit whole): a person shows the changed part.
std::size_t focus_start(std::string_view a, std::string_view b, std::size_t max_bytes) {
  if (a.size() <= max_bytes && b.size() <= max_bytes) {
    return 0;
  }
  std::size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) {
    ++common;
  }
  std::size_t start = common;
  for (int words = 0; words < 3 && start > 0; ++words) {
    --start;
    while (start > 0 && a[start - 1] != ' ') {
      --start;
    }
  }
  return start < 24 ? 0 : start;
}

std::string describe(const Change& change, std::size_t max_bytes, bool marks) {
  auto quoted = [max_bytes, marks](std::string_view text, std::size_t from) {
    const std::string cut = (from > 0 ? "…" : "") + truncate_text(text.substr(from), max_bytes);
    return marks ? fmt::format("“{}”", cut) : cut;
  };
  std::string out(title_of(change.kind));
  const bool quote_kind = change.kind == ChangeKind::quote_added ||
                          change.kind == ChangeKind::quote_removed ||
                          change.kind == ChangeKind::quote_changed;
  if (quote_kind && !change.speaker.empty()) {
    out += fmt::format(" ({})", change.speaker);
  }
  const bool attribution_kind = change.kind == ChangeKind::attribution_added ||
                                change.kind == ChangeKind::attribution_removed;
  if (attribution_kind && !change.source.empty() && change.source.size() < 60) {
    out += fmt::format(" ({})", change.source);
  }
  out += ": ";
  if (change.old_side && change.new_side) {
    const std::size_t from = focus_start(change.old_side->text, change.new_side->text, max_bytes);
    out += quoted(change.old_side->text, from) + " → " + quoted(change.new_side->text, from);
  } else if (change.new_side) {
    out += quoted(change.new_side->text, 0);
  } else if (change.old_side) {
    out += quoted(change.old_side->text, 0);
  }
  return out;
}

std::uint32_t position_of(const Change& change) {
  if (change.new_side) {
    return change.new_side->sentence;
  }
  return change.old_side ? change.old_side->sentence : 0;
}

} // namespace

std::string truncate_text(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) {
    return std::string(text);
  }
  std::size_t cut = max_bytes;
  while (cut > 0 && is_utf8_continuation(text[cut])) {
    --cut;
  }
  // Prefer a word boundary if one is near.
  const std::size_t space = text.substr(0, cut).rfind(' ');
  if (space != std::string_view::npos && space > max_bytes / 2) {
    cut = space;
  }
  std::string out(text.substr(0, cut));
  while (!out.empty() && (out.back() == ' ' || out.back() == ',')) {
    out.pop_back();
  }
  return out + "…";
}

std::string message_for(const Change& change) { return describe(change, k_message_text_bytes, true); }

void finish_report(Report& report, bool identical, const CompareOptions& options) {
  std::stable_sort(report.changes.begin(), report.changes.end(),
                   [](const Change& a, const Change& b) {
                     const int ra = rank(a.kind);
                     const int rb = rank(b.kind);
                     return ra != rb ? ra < rb : position_of(a) < position_of(b);
                   });
  report.counts.clear();
  bool substantive = false;
  for (Change& change : report.changes) {
    change.significance = significance_of(change.kind);
    change.message = message_for(change);
    ++report.counts[std::string(to_string(change.kind))];
    substantive = substantive || change.significance == Significance::substantive;
  }
  report.significance = identical     ? Significance::none
                        : substantive ? Significance::substantive
                                      : Significance::style;

  // Summary: the messages, most important first; the rest counted in the last line.
  report.summary.clear();
  const std::size_t max_lines = std::max<std::uint32_t>(options.max_summary_lines, 1);
  if (report.changes.size() <= max_lines) {
    for (const Change& change : report.changes) {
      report.summary.push_back(change.message);
    }
  } else {
    for (std::size_t i = 0; i + 1 < max_lines; ++i) {
      report.summary.push_back(report.changes[i].message);
    }
    const std::size_t rest = report.changes.size() - (max_lines - 1);
    report.summary.push_back(fmt::format("… and {} more changes", rest));
  }

  // Headline.
  if (report.significance == Significance::none) {
    report.headline = "No change";
    return;
  }
  if (report.significance == Significance::style) {
    const std::uint32_t reworded = report.counts.count("reworded") ? report.counts["reworded"] : 0;
    const std::uint32_t moved = report.counts.count("claim_moved") ? report.counts["claim_moved"] : 0;
    std::vector<std::string> parts;
    if (reworded > 0) {
      parts.push_back(fmt::format("{} sentence{} reworded", reworded, reworded == 1 ? "" : "s"));
    }
    if (moved > 0) {
      parts.push_back(fmt::format("{} sentence{} moved", moved, moved == 1 ? "" : "s"));
    }
    report.headline =
        parts.empty() ? "Style only: formatting changed" : "Style only: " + fmt::format("{}", fmt::join(parts, ", "));
    return;
  }
  // The top change in words, then the next kinds as counts, at most three
  // parts; the rest as "N more".
  const Change& top = report.changes.front();
  std::vector<std::string> parts{describe(top, k_headline_text_bytes, !is_value_kind(top.kind))};
  std::size_t i = 1;
  std::size_t shown = 1;
  while (i < report.changes.size() && parts.size() < 3) {
    const ChangeKind kind = report.changes[i].kind;
    std::size_t n = 0;
    while (i < report.changes.size() && report.changes[i].kind == kind) {
      ++n;
      ++i;
    }
    if (significance_of(kind) == Significance::style) {
      i -= n; // style changes are not headline material next to substance
      break;
    }
    const CountWords words = count_words(kind);
    parts.push_back(fmt::format("{} {}{} {}", n, kind == top.kind && parts.size() == 1 ? "more " : "",
                                n == 1 ? words.one : words.many, words.verb));
    shown += n;
  }
  std::string headline = fmt::format("{}", fmt::join(parts, "; "));
  if (shown < report.changes.size()) {
    headline += fmt::format("; {} more", report.changes.size() - shown);
  }
  report.headline = std::move(headline);
}

} // namespace storydiff::diff::detail
