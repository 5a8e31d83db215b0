// SPDX-License-Identifier: MIT
// `storydiff show STORY[@REV]`: a revision's article.txt, meta.json or source.
#include "commands.hpp"
#include "store_access.hpp"

#include <ostream>

namespace storydiff::cli {

int run_show(Context& ctx, int argc, const char* const* argv) {
  cxxopts::Options options(
      "storydiff show",
      "Prints a revision's text (article.txt: one sentence per line). REV is r<N> or N "
      "(1-based revision number), a commit id prefix (4+ hex digits), HEAD or HEAD~k; "
      "without @REV, the latest revision.");
  options.positional_help("STORY[@REV]");
  options.add_options()("meta", "print meta.json instead")(
      "source", "print the source bytes as captured (the article when they were equal)")(
      "target", "STORY[@REV]", cxxopts::value<std::string>());
  options.parse_positional({"target"});
  auto parsed = parse_command_options(options, ctx, argc, argv);
  if (!parsed) {
    return 0;
  }
  if (parsed->count("target") == 0 || !parsed->unmatched().empty()) {
    throw UsageError("show takes one STORY[@REV]");
  }
  const bool meta = parsed->count("meta") != 0;
  const bool source = parsed->count("source") != 0;
  if (meta && source) {
    throw UsageError("--meta and --source cannot be combined");
  }
  const std::string target = (*parsed)["target"].as<std::string>();
  const StoryRev story_rev = parse_story_rev(target);
  const std::string& story = story_rev.story;
  const std::string& rev = story_rev.rev;
  const store::Store store = open_store(ctx);
  const store::RevisionInfo info = value_or_throw(store.resolve(story, rev));

  if (meta) {
    const std::string json = value_or_throw(store.read_file(info.id, "meta.json"));
    ctx.out << json << (json.empty() || json.back() != '\n' ? "\n" : "");
    return 0;
  }
  if (source && !info.meta.input_format.empty()) {
    auto bytes = store.read_file(info.id, "source." + info.meta.input_format);
    if (bytes) {
      ctx.out << *bytes;
      return 0;
    }
    if (bytes.error().code != core::ErrorCode::not_found) {
      throw CommandError(bytes.error());
    }
    // No source file: the source was byte for byte the article.
  }
  ctx.out << value_or_throw(store.read_file(info.id, "article.txt"));
  return 0;
}

} // namespace storydiff::cli
