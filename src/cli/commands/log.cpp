// SPDX-License-Identifier: MIT
// `storydiff log STORY`: a story's revisions, newest first.
#include "commands.hpp"
#include "store_access.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ostream>

namespace storydiff::cli {

namespace {

nlohmann::json revision_json(const store::RevisionInfo& info) {
  const store::RevisionMeta& meta = info.meta;
  return {{"revision", meta.revision},
          {"id", info.id.hex},
          {"captured_at", format_rfc3339(meta.captured_at, meta.utc_offset_minutes)},
          {"headline", info.headline},
          {"restores", meta.restores ? nlohmann::json(*meta.restores) : nlohmann::json(nullptr)},
          {"title", meta.title},
          {"source_url", meta.source_url},
          {"input_format", meta.input_format}};
}
} // namespace

int run_log(Context& ctx, int argc, const char* const* argv) {
  cxxopts::Options options("storydiff log",
                           "Lists a story's revisions, newest first: number, capture time, "
                           "commit id and headline.");
  options.positional_help("STORY");
  options.add_options()("format", "text or json",
                        cxxopts::value<std::string>()->default_value("text"))(
      "story", "story name", cxxopts::value<std::string>());
  options.parse_positional({"story"});
  auto parsed = parse_command_options(options, ctx, argc, argv);
  if (!parsed) {
    return 0;
  }
  if (parsed->count("story") == 0 || !parsed->unmatched().empty()) {
    throw UsageError("log takes one STORY name");
  }
  const std::string format = parse_text_or_json(*parsed);
  const std::string story = (*parsed)["story"].as<std::string>();
  require_valid_slug(story);
  const store::Store store = open_store(ctx);
  const std::vector<store::RevisionInfo> revisions = value_or_throw(store.log(story));

  if (format == "json") {
    nlohmann::json items = nlohmann::json::array();
    for (const store::RevisionInfo& info : revisions) {
      items.push_back(revision_json(info));
    }
    nlohmann::json out{{"schema", "storydiff.log/1"}, {"story", story}, {"revisions", items}};
    ctx.out << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return 0;
  }
  for (const store::RevisionInfo& info : revisions) {
    std::string headline = info.headline;
    if (info.meta.restores) {
      headline += fmt::format(" (restores r{})", *info.meta.restores);
    }
    ctx.out << fmt::format("r{:<4} {}  {}  {}\n", info.meta.revision,
                           format_short_time(info.meta.captured_at, info.meta.utc_offset_minutes),
                           short_id(info.id), headline);
  }
  return 0;
}

} // namespace storydiff::cli
