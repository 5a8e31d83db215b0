// SPDX-License-Identifier: MIT
// `storydiff summary STORY`: the story's change history, newest first, from
// the reports stored at snapshot time (nothing is diffed again).
#include "commands.hpp"
#include "store_access.hpp"

#include <storydiff/history/render.hpp>
#include <storydiff/history/summary.hpp>
#include <storydiff/report/render.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace storydiff::cli {

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
    revision.rfc3339 = format_rfc3339(info.meta.captured_at, info.meta.utc_offset_minutes);
    revision.id = info.id.hex;
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
    ctx.out << history::render_summary_json(story, since, summary, revisions);
  } else if (format == "markdown") {
    ctx.out << history::render_summary_markdown(story, summary, revisions);
  } else {
    ctx.out << history::render_summary_text(story, summary, revisions);
  }
  return 0;
}

} // namespace storydiff::cli
