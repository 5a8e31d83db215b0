// SPDX-License-Identifier: MIT
// `storydiff snapshot STORY [SOURCE]`: records one revision from a file,
// stdin or an http(s) URL.
#include "commands.hpp"
#include "input.hpp"
#include "store_access.hpp"

#include <storydiff/fetch/fetch.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <ostream>
#include <unistd.h>

namespace storydiff::cli {

namespace {

void print_snapshot_outcome(Context& ctx, const std::string& story, const SnapshotOutcome& outcome) {
  const store::RevisionInfo& head = outcome.result.revision;
  if (outcome.result.status == store::AppendStatus::unchanged) {
    ctx.out << fmt::format("unchanged: stories/{} r{} already has this text\n", story,
                           head.meta.revision);
    return;
  }
  std::string line = fmt::format("stories/{} r{} recorded ({})", story, head.meta.revision,
                                 short_id(head.id));
  if (head.meta.restores) {
    line += fmt::format(", restores r{}", *head.meta.restores);
  }
  const std::string& headline = head.headline.empty() ? outcome.headline : head.headline;
  ctx.out << line << '\n' << "  " << headline << '\n';
  // The change summary, unless it only repeats the headline.
  if (outcome.summary.size() == 1 && outcome.summary.front() == headline) {
    return;
  }
  for (const std::string& summary_line : outcome.summary) {
    ctx.out << "    - " << summary_line << '\n';
  }
}

} // namespace

int run_snapshot(Context& ctx, int argc, const char* const* argv) {
  cxxopts::Options options(
      "storydiff snapshot",
      "Records a revision of STORY from SOURCE: a file, - for standard input (the default when "
      "stdin is not a terminal), or an http(s) URL. A text equal to the story's latest revision "
      "records nothing (unless --force); one equal to an older revision is recorded as restoring "
      "it.");
  options.positional_help("STORY [SOURCE]");
  add_input_options(options);
  options.add_options()("at", "capture time: RFC 3339 (2026-11-26T09:30:00Z, +01:00 offsets) "
                              "or Unix seconds (default: now, UTC)",
                        cxxopts::value<std::string>())(
      "url", "source URL to record for a file or stdin source", cxxopts::value<std::string>())(
      "title", "title to record (default: the document's own title)",
      cxxopts::value<std::string>())(
      "force", "record even a text equal to the latest revision (a re-capture that restores it)")(
      "story", "story name", cxxopts::value<std::string>())(
      "source", "file, - or URL", cxxopts::value<std::string>());
  options.parse_positional({"story", "source"});
  auto parsed = parse_command_options(options, ctx, argc, argv);
  if (!parsed) {
    return 0;
  }
  if (!parsed->unmatched().empty()) {
    throw UsageError("snapshot takes STORY and one SOURCE, not '" + parsed->unmatched().front() +
                     "'");
  }
  if (parsed->count("story") == 0) {
    throw UsageError("snapshot needs a STORY name");
  }
  const std::string story = (*parsed)["story"].as<std::string>();
  require_valid_slug(story);
  if (parsed->count("source") == 0 && isatty(STDIN_FILENO) == 1) {
    throw UsageError("snapshot needs a SOURCE (a file, - for standard input, or a URL)");
  }
  // Without SOURCE, stdin (not a terminal here) is the source.
  const std::string source_arg =
      parsed->count("source") != 0 ? (*parsed)["source"].as<std::string>() : std::string("-");

  SnapshotSource source;
  source.captured_at = parsed->count("at") != 0
                           ? parse_time((*parsed)["at"].as<std::string>(), "--at")
                           : now_utc();
  if (parsed->count("title") != 0) {
    source.title = (*parsed)["title"].as<std::string>();
  }
  if (parsed->count("url") != 0) {
    if (fetch::is_url(source_arg)) {
      throw UsageError("--url is for a file or stdin source; a URL source records its own URL");
    }
    source.source_url = (*parsed)["url"].as<std::string>();
    if (!fetch::is_url(source.source_url)) {
      throw UsageError("--url takes an http:// or https:// URL, not '" + source.source_url + "'");
    }
  }
  if (!fetch::is_url(source_arg) && source_arg.find("://") != std::string::npos &&
      !std::filesystem::exists(source_arg)) {
    throw UsageError("cannot fetch " + source_arg + " (only http:// and https:// URLs are fetched)");
  }
  // Open the store before fetching, so a missing store costs no download.
  store::Store store = open_store(ctx);
  if (fetch::is_url(source_arg)) {
    fetch::Fetched fetched = value_or_throw(fetch::fetch_url(source_arg));
    source.name = fetched.final_url;
    source.source_url = fetched.final_url;
    source.http_date = fetched.http_date;
    source.bytes = std::move(fetched.body);
  } else {
    source.name = source_arg;
    source.bytes = read_input(source_arg);
  }
  RecordOptions record_options;
  if (parsed->count("force") != 0) {
    record_options.on_unchanged = store::OnUnchanged::record;
  }
  const SnapshotOutcome outcome =
      record_snapshot(ctx, store, story, source, *parsed, record_options);
  print_snapshot_outcome(ctx, story, outcome);
  return 0;
}

} // namespace storydiff::cli
