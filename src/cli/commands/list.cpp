// SPDX-License-Identifier: MIT
// `storydiff list`: the stories in the store.
#include "commands.hpp"
#include "store_access.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>

namespace storydiff::cli {

int run_list(Context& ctx, int argc, const char* const* argv) {
  cxxopts::Options options("storydiff list",
                           "Lists the stories in the store: name, revisions, last update "
                           "(RFC 3339) and the last revision's headline.");
  options.add_options()("format", "text or json",
                        cxxopts::value<std::string>()->default_value("text"));
  auto parsed = parse_command_options(options, ctx, argc, argv);
  if (!parsed) {
    return 0;
  }
  if (!parsed->unmatched().empty()) {
    throw UsageError("list takes no arguments");
  }
  const std::string format = parse_text_or_json(*parsed);
  const store::Store store = open_store(ctx);
  const std::vector<store::StoryInfo> stories = value_or_throw(store.list());

  if (format == "json") {
    nlohmann::json items = nlohmann::json::array();
    for (const store::StoryInfo& story : stories) {
      items.push_back({{"story", story.slug},
                       {"ref", "refs/heads/stories/" + story.slug},
                       {"revisions", story.revisions},
                       {"last_captured_at",
                        format_rfc3339(story.last_captured_at, story.last_utc_offset_minutes)},
                       {"last_headline", story.last_headline}});
    }
    nlohmann::json out{{"schema", "storydiff.stories/1"}, {"stories", std::move(items)}};
    ctx.out << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return 0;
  }
  if (stories.empty()) {
    ctx.note("no stories yet (record one with `storydiff snapshot STORY SOURCE`)");
    return 0;
  }
  std::size_t width = 0;
  for (const store::StoryInfo& story : stories) {
    width = std::max(width, story.slug.size());
  }
  for (const store::StoryInfo& story : stories) {
    ctx.out << fmt::format("{:<{}}  {:>5} rev{}  {}  {}\n", story.slug, width, story.revisions,
                           story.revisions == 1 ? " " : "s",
                           format_rfc3339(story.last_captured_at, story.last_utc_offset_minutes),
                           story.last_headline);
  }
  return 0;
}

} // namespace storydiff::cli
