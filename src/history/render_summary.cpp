// SPDX-License-Identifier: MIT
// storydiff.summary/1 and the people's views of a story summary.
#include <storydiff/history/render.hpp>
#include <storydiff/report/render.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace storydiff::history {

namespace {

// Lines of at most `width` characters (UTF-8 code points), broken at spaces.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent = {}) {
  std::string out;
  std::size_t column = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view word = text.substr(pos, end - pos);
    std::size_t chars = 0;
    for (const char c : word) {
      chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    if (column > indent.size() && column + 1 + chars > width) {
      out += '\n';
      column = 0;
    }
    if (column == 0) {
      out += indent;
      column = indent.size();
    } else {
      out += ' ';
      ++column;
    }
    out += word;
    column += chars;
    pos = end + 1;
  }
  return out;
}

std::string significance_name(const SummaryRevision& revision) {
  if (!revision.report) {
    return revision.revision == 1 ? "first" : "unknown";
  }
  return std::string(diff::to_string(revision.report->significance));
}

std::string headline_of(const SummaryRevision& revision) {
  std::string headline = revision.headline;
  if (revision.restores) {
    headline += fmt::format(" (restores r{})", *revision.restores);
  }
  return headline;
}

const std::vector<std::string>& summary_lines(const SummaryRevision& revision) {
  static const std::vector<std::string> none;
  return revision.report ? revision.report->summary : none;
}

} // namespace

std::string render_summary_text(std::string_view story, const StorySummary& summary,
                        const std::vector<SummaryRevision>& revisions) {
  std::string out = fmt::format("Summary of {}\n\n{}\n", story, wrap(summary.overview, 78));
  for (auto it = revisions.rbegin(); it != revisions.rend(); ++it) {
    out += fmt::format("\nr{:<4} {}  [{}] {}\n", it->revision, it->time, significance_name(*it),
                       headline_of(*it));
    for (const std::string& line : summary_lines(*it)) {
      out += fmt::format("      - {}\n", line);
    }
  }
  return out;
}

std::string render_summary_markdown(std::string_view story, const StorySummary& summary,
                            const std::vector<SummaryRevision>& revisions) {
  std::string out = fmt::format("# Summary of {}\n\n{}\n", report::escape_markdown(story),
                                report::escape_markdown(summary.overview));
  for (auto it = revisions.rbegin(); it != revisions.rend(); ++it) {
    out += fmt::format("\n## r{} · {} · {}\n\n**{}**\n", it->revision,
                       report::escape_markdown(it->time), significance_name(*it),
                       report::escape_markdown(headline_of(*it)));
    const std::vector<std::string>& lines = summary_lines(*it);
    if (!lines.empty()) {
      out += '\n';
    }
    for (const std::string& line : lines) {
      out += fmt::format("- {}\n", report::escape_markdown(line));
    }
  }
  return out;
}

std::string render_summary_json(std::string_view story, std::optional<std::uint32_t> since,
                                const StorySummary& summary,
                                const std::vector<SummaryRevision>& revisions) {
  nlohmann::json counts = nlohmann::json::object();
  for (const KindCount& kind : summary.kinds) {
    counts[kind.kind] = kind.count;
  }
  nlohmann::json facts = nlohmann::json::array();
  for (const FactChain& chain : summary.chains) {
    nlohmann::json numbers = nlohmann::json::array();
    for (const std::optional<double>& n : chain.numbers) {
      // Integral values print without ".0", as in storydiff.diff/1.
      if (!n) {
        numbers.push_back(nullptr);
      } else if (std::abs(*n) < 1e15 && *n == std::floor(*n)) {
        numbers.push_back(static_cast<std::int64_t>(*n));
      } else {
        numbers.push_back(*n);
      }
    }
    facts.push_back({{"kind", diff::to_string(chain.kind)},
                     {"unit", chain.unit},
                     {"changes", chain.revisions.size()},
                     {"values", chain.values},
                     {"numbers", numbers},
                     {"revisions", chain.revisions},
                     {"also", chain.also},
                     {"description", chain.description}});
  }
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t i = revisions.size(); i-- > 0;) {
    const SummaryRevision& revision = revisions[i];
    nlohmann::json revision_counts = nlohmann::json::object();
    if (revision.report) {
      for (const auto& [kind, count] : revision.report->counts) {
        revision_counts[kind] = count;
      }
    }
    items.push_back(
        {{"revision", revision.revision},
         {"id", revision.id},
         {"captured_at", revision.rfc3339},
         {"significance", significance_name(revision)},
         {"headline", revision.headline},
         {"restores",
          revision.restores ? nlohmann::json(*revision.restores) : nlohmann::json(nullptr)},
         {"summary", summary_lines(revision)},
         {"counts", revision_counts}});
  }
  nlohmann::json span = nullptr;
  if (!revisions.empty()) {
    span = {{"revisions", summary.revisions},
            {"first", {{"revision", revisions.front().revision}, {"captured_at", revisions.front().rfc3339}}},
            {"last",
             {{"revision", revisions.back().revision}, {"captured_at", revisions.back().rfc3339}}},
            {"seconds", summary.last_at - summary.first_at}};
  }
  const nlohmann::json out = {{"schema", "storydiff.summary/1"},
          {"story", story},
          {"since", since ? nlohmann::json(*since) : nlohmann::json(nullptr)},
          {"overview", summary.overview},
          {"span", span},
          {"significance",
           {{"substantive", summary.substantive},
            {"style", summary.style},
            {"none", summary.unchanged},
            {"no_report", summary.without_report}}},
          {"counts", counts},
          {"facts", facts},
          {"revisions", items}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}


} // namespace storydiff::history
