// SPDX-License-Identifier: MIT
// `storydiff blame STORY[@REV]`: for each sentence of a revision, the
// revision that introduced it and the one that last changed it. The store
// gives the texts; the history library does the work.
#include "commands.hpp"
#include "store_access.hpp"

#include <storydiff/history/blame.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace storydiff::cli {

namespace {

nlohmann::json revision_ref(const store::RevisionInfo& info) {
  return {{"revision", info.meta.revision},
          {"id", info.id.hex},
          {"captured_at", format_rfc3339(info.meta.captured_at, info.meta.utc_offset_minutes)}};
}

} // namespace

int run_blame(Context& ctx, int argc, const char* const* argv) {
  cxxopts::Options options(
      "storydiff blame",
      "For every sentence of a revision (default: the latest), the revision that first "
      "introduced it and the one that last changed its wording. Sentences keep their origin "
      "when moved, split, merged, edited, or cut and later restored.");
  options.positional_help("STORY[@REV]");
  options.add_options()("format", "text or json",
                        cxxopts::value<std::string>()->default_value("text"))(
      "target", "STORY[@REV]", cxxopts::value<std::string>());
  options.parse_positional({"target"});
  auto parsed = parse_command_options(options, ctx, argc, argv);
  if (!parsed) {
    return 0;
  }
  if (parsed->count("target") == 0 || !parsed->unmatched().empty()) {
    throw UsageError("blame takes one STORY[@REV]");
  }
  const std::string format = parse_text_or_json(*parsed);
  const std::string target = (*parsed)["target"].as<std::string>();
  const StoryRev story_rev = parse_story_rev(target);
  const std::string& story = story_rev.story;
  const std::string& rev = story_rev.rev;
  const store::Store store = open_store(ctx);
  const store::RevisionInfo head = value_or_throw(store.resolve(story, rev));
  std::vector<store::RevisionInfo> infos = value_or_throw(store.log(story));
  std::erase_if(infos, [&](const store::RevisionInfo& info) {
    return info.meta.revision > head.meta.revision;
  });
  std::reverse(infos.begin(), infos.end()); // oldest first

  // One revision's text at a time: Blame keeps only what it needs.
  history::Blame blame;
  for (const store::RevisionInfo& info : infos) {
    blame.add(value_or_throw(store.read_file(info.id, "article.txt")));
  }
  const std::vector<history::SentenceBlame> sentences = blame.sentences();
  if (blame.degraded()) {
    ctx.warn("an alignment hit its work bound; some sentences may be blamed on later revisions");
  }

  if (format == "json") {
    nlohmann::json items = nlohmann::json::array();
    for (std::size_t i = 0; i < sentences.size(); ++i) {
      const history::SentenceBlame& s = sentences[i];
      items.push_back({{"sentence", i},
                       {"paragraph", s.paragraph},
                       {"text", s.text},
                       {"introduced", revision_ref(infos[s.introduced])},
                       {"last_changed", revision_ref(infos[s.last_changed])}});
    }
    nlohmann::json out{{"schema", "storydiff.blame/1"},
                       {"story", story},
                       {"revision", revision_ref(infos.back())},
                       {"degraded", blame.degraded()},
                       {"sentences", items}};
    ctx.out << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return 0;
  }

  // Like git blame: the two revisions, then the text; a blank line between
  // paragraphs; then a legend of the revisions named.
  std::set<std::uint32_t> named;
  std::string out = fmt::format("{}@r{}  (introduced, last changed)\n\n", story,
                                infos.back().meta.revision);
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const history::SentenceBlame& s = sentences[i];
    if (i > 0 && s.paragraph != sentences[i - 1].paragraph) {
      out += '\n';
    }
    out += fmt::format("{:<6}{:<6}{}\n", fmt::format("r{}", infos[s.introduced].meta.revision),
                       fmt::format("r{}", infos[s.last_changed].meta.revision), s.text);
    named.insert(s.introduced);
    named.insert(s.last_changed);
  }
  out += '\n';
  for (const std::uint32_t index : named) {
    const store::RevisionInfo& info = infos[index];
    std::string headline = info.headline;
    if (info.meta.restores) {
      headline += fmt::format(" (restores r{})", *info.meta.restores);
    }
    out += fmt::format("r{:<4} {}  {}  {}\n", info.meta.revision,
                       format_short_time(info.meta.captured_at, info.meta.utc_offset_minutes),
                       short_id(info.id), headline);
  }
  ctx.out << out;
  return 0;
}

} // namespace storydiff::cli
