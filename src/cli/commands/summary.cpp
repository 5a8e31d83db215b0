// SPDX-License-Identifier: MIT
// `storydiff summary STORY`: the story's change history, newest first, from
// the reports stored at snapshot time (nothing is diffed again).
#include "commands.hpp"
#include "store_access.hpp"

#include <storydiff/history/summary.hpp>
#include <storydiff/report/render.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace storydiff::cli {

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

std::string significance_name(const history::SummaryRevision& revision) {
  if (!revision.report) {
    return revision.revision == 1 ? "first" : "unknown";
  }
  return std::string(diff::to_string(revision.report->significance));
}

std::string headline_of(const history::SummaryRevision& revision) {
  std::string headline = revision.headline;
  if (revision.restores) {
    headline += fmt::format(" (restores r{})", *revision.restores);
  }
  return headline;
}

const std::vector<std::string>& summary_lines(const history::SummaryRevision& revision) {
  static const std::vector<std::string> none;
  return revision.report ? revision.report->summary : none;
}

std::string render_text(const std::string& story, const history::StorySummary& summary,
                        const std::vector<history::SummaryRevision>& revisions) {
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

std::string render_markdown(const std::string& story, const history::StorySummary& summary,
                            const std::vector<history::SummaryRevision>& revisions) {
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

nlohmann::json render_json(const std::string& story, std::optional<std::uint32_t> since,
                           const history::StorySummary& summary,
                           const std::vector<history::SummaryRevision>& revisions,
                           const std::vector<store::RevisionInfo>& infos) {
  nlohmann::json counts = nlohmann::json::object();
  for (const history::KindCount& kind : summary.kinds) {
    counts[kind.kind] = kind.count;
  }
  nlohmann::json facts = nlohmann::json::array();
  for (const history::FactChain& chain : summary.chains) {
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
    const history::SummaryRevision& revision = revisions[i];
    const store::RevisionInfo& info = infos[i];
    nlohmann::json revision_counts = nlohmann::json::object();
    if (revision.report) {
      for (const auto& [kind, count] : revision.report->counts) {
        revision_counts[kind] = count;
      }
    }
    items.push_back(
        {{"revision", revision.revision},
         {"id", info.id.hex},
         {"captured_at", format_rfc3339(info.meta.captured_at, info.meta.utc_offset_minutes)},
         {"significance", significance_name(revision)},
         {"headline", revision.headline},
         {"restores",
          revision.restores ? nlohmann::json(*revision.restores) : nlohmann::json(nullptr)},
         {"summary", summary_lines(revision)},
         {"counts", revision_counts}});
  }
  auto at = [&](std::size_t i) {
    return format_rfc3339(infos[i].meta.captured_at, infos[i].meta.utc_offset_minutes);
  };
  nlohmann::json span = nullptr;
  if (!revisions.empty()) {
    span = {{"revisions", summary.revisions},
            {"first", {{"revision", revisions.front().revision}, {"captured_at", at(0)}}},
            {"last",
             {{"revision", revisions.back().revision}, {"captured_at", at(revisions.size() - 1)}}},
            {"seconds", summary.last_at - summary.first_at}};
  }
  return {{"schema", "storydiff.summary/1"},
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
}

} // namespace

int run_summary(Context& ctx, int argc, const char* const* argv) {
  cxxopts::Options options(
      "storydiff summary",
      "A story's change history, newest first: each revision's time, headline and summary "
      "lines, read from the reports stored when it was recorded, under an overview of the "
      "whole history (span, most frequent changes, facts that changed more than once).");
  options.positional_help("STORY");
  options.add_options()("since", "only the revisions after REV (r<N>, N, a commit prefix, HEAD~k)",
                        cxxopts::value<std::string>())(
      "format", "text, markdown or json", cxxopts::value<std::string>()->default_value("text"))(
      "story", "story name", cxxopts::value<std::string>());
  options.parse_positional({"story"});
  auto parsed = parse_command_options(options, ctx, argc, argv);
  if (!parsed) {
    return 0;
  }
  if (parsed->count("story") == 0 || !parsed->unmatched().empty()) {
    throw UsageError("summary takes one STORY name");
  }
  const std::string format = (*parsed)["format"].as<std::string>();
  if (format != "text" && format != "markdown" && format != "json") {
    throw UsageError("--format must be text, markdown or json (not '" + format + "')");
  }
  const std::string story = (*parsed)["story"].as<std::string>();
  require_valid_slug(story);
  const store::Store store = open_store(ctx);
  std::vector<store::RevisionInfo> infos = value_or_throw(store.log(story));
  std::optional<std::uint32_t> since;
  if (parsed->count("since") != 0) {
    since = value_or_throw(store.resolve(story, (*parsed)["since"].as<std::string>())).meta.revision;
    std::erase_if(infos, [&](const store::RevisionInfo& info) { return info.meta.revision <= *since; });
  }
  std::reverse(infos.begin(), infos.end()); // oldest first

  std::vector<history::SummaryRevision> revisions;
  revisions.reserve(infos.size());
  for (const store::RevisionInfo& info : infos) {
    history::SummaryRevision revision;
    revision.revision = info.meta.revision;
    revision.captured_at = info.meta.captured_at;
    revision.time = format_short_time(info.meta.captured_at, info.meta.utc_offset_minutes);
    revision.headline = info.headline;
    revision.restores = info.meta.restores;
    if (info.meta.revision > 1) {
      auto json = store.read_file(info.id, "changes.json");
      auto report = json ? report::parse_report_json(*json) : core::Result<diff::Report>(core::Failure{json.error()});
      if (report) {
        revision.report = std::move(report).value();
      } else {
        ctx.warn(fmt::format("r{}: no usable changes.json ({})", info.meta.revision,
                             report.error().message));
      }
    }
    revisions.push_back(std::move(revision));
  }
  const history::StorySummary summary = history::summarize(revisions);

  if (format == "json") {
    ctx.out << render_json(story, since, summary, revisions, infos)
                   .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << '\n';
  } else if (format == "markdown") {
    ctx.out << render_markdown(story, summary, revisions);
  } else {
    ctx.out << render_text(story, summary, revisions);
  }
  return 0;
}

} // namespace storydiff::cli
