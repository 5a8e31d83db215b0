// SPDX-License-Identifier: MIT
// `storydiff report STORY [-o FILE.html] [--since REV]`: one self-contained
// HTML page with a story's timeline, each revision's typed changes and the
// word diff of its edited sentences.
#include "commands.hpp"
#include "store_access.hpp"

#include "../progress.hpp"

#include <storydiff/diff/changes.hpp>
#include <storydiff/report/render.hpp>
#include <storydiff/report/story.hpp>
#include <storydiff/text/segment.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <utility>

namespace storydiff::cli {

namespace {

using SentenceKey = std::pair<std::vector<std::uint32_t>, std::vector<std::uint32_t>>;

// changes.json has no word edits: give each of the stored report's sentence
// ops the token edits of the same op (same old and new sentences) in a
// report computed now. Ops the two reports do not share keep none and are
// rendered whole (old removed, new added).
void add_word_edits(diff::Report& stored, const diff::Report& fresh) {
  std::map<SentenceKey, const std::vector<diff::WordEdit>*> words;
  for (const diff::SentenceDiff& sentence : fresh.sentences) {
    if (!sentence.words.empty()) {
      words.emplace(SentenceKey{sentence.op.old_sentences, sentence.op.new_sentences},
                    &sentence.words);
    }
  }
  for (diff::SentenceDiff& sentence : stored.sentences) {
    const auto it = words.find(SentenceKey{sentence.op.old_sentences, sentence.op.new_sentences});
    if (it != words.end() && sentence.words.empty()) {
      sentence.words = *it->second;
    }
  }
}

// Writes `bytes` to `path` so that readers see the old file or the whole new
// one, never a part: a temporary file in the same folder, then rename.
void write_atomically(const std::filesystem::path& path, std::string_view bytes) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  const auto fail = [&](const std::string& what, int error) {
    return CommandError(fmt::format("cannot write {} ({}: {})", path.string(), what,
                                    std::strerror(error)));
  };
  std::string temp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    temp = (dir / fmt::format(".{}.tmp-{}-{}", path.filename().string(), ::getpid(), attempt))
               .string();
    // 0666 before the umask: the mode a plain new file gets.
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) {
      throw fail("creating a temporary file", errno);
    }
  }
  if (fd < 0) {
    throw fail("creating a temporary file", EEXIST);
  }
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      const int error = n < 0 ? errno : EIO;
      ::close(fd);
      ::unlink(temp.c_str());
      throw fail("writing", error);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw fail("flushing", error);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw fail("renaming the temporary file", error);
  }
}

} // namespace

int run_report(Context& ctx, int argc, const char* const* argv) {
  cxxopts::Options options(
      "storydiff report",
      "Writes one self-contained HTML page (inline CSS; no scripts; loads nothing; works "
      "offline, on a phone and in print) with a story's timeline, each revision's typed "
      "changes, and the word diff of its edited sentences. Typed changes come from each "
      "revision's stored changes.json; word diffs are computed again from the stored texts.");
  options.positional_help("STORY");
  options.add_options()("o,output", "write the page to FILE (atomically) instead of stdout",
                        cxxopts::value<std::string>())(
      "since", "only the revisions after REV (r<N>, N, a commit id prefix, HEAD~k)",
      cxxopts::value<std::string>())("story", "story name", cxxopts::value<std::string>());
  options.parse_positional({"story"});
  auto parsed = parse_command_options(options, ctx, argc, argv);
  if (!parsed) {
    return 0;
  }
  if (parsed->count("story") == 0 || !parsed->unmatched().empty()) {
    throw UsageError("report takes one STORY name");
  }
  const std::string story = (*parsed)["story"].as<std::string>();
  require_valid_slug(story);
  const store::Store store = open_store(ctx);
  std::vector<store::RevisionInfo> revisions = value_or_throw(store.log(story));
  std::reverse(revisions.begin(), revisions.end()); // oldest first
  std::uint32_t since = 0;
  std::string scope;
  if (parsed->count("since") != 0) {
    since = value_or_throw(store.resolve(story, (*parsed)["since"].as<std::string>())).meta.revision;
    scope = fmt::format("revisions after r{}", since);
  }
  // The first revision shown needs its parent's text too.
  const auto first_needed = std::find_if(
      revisions.begin(), revisions.end(),
      [&](const store::RevisionInfo& info) { return info.meta.revision + 1 > since; });
  const std::size_t start = static_cast<std::size_t>(first_needed - revisions.begin());
  const std::size_t shown = std::count_if(revisions.begin(), revisions.end(),
                                          [&](const store::RevisionInfo& info) {
                                            return info.meta.revision > since;
                                          });

  report::StoryPage page;
  page.story = story;
  page.scope = scope;
  // Every analysed text stays alive until the page is rendered: the
  // revisions point into them.
  std::vector<std::shared_ptr<const diff::AnalyzedDocument>> texts;
  std::shared_ptr<const diff::AnalyzedDocument> previous;
  Progress progress(ctx, "report", revisions.size() - start);
  for (std::size_t i = start; i < revisions.size(); ++i) {
    const store::RevisionInfo& info = revisions[i];
    const std::string article = value_or_throw(store.read_file(info.id, "article.txt"));
    auto current = std::make_shared<const diff::AnalyzedDocument>(
        diff::analyze(text::parse_canonical(article)));
    texts.push_back(current);
    if (info.meta.revision > since) {
      report::StoryRevision revision;
      revision.number = info.meta.revision;
      revision.captured_at = format_short_time(info.meta.captured_at, info.meta.utc_offset_minutes);
      revision.captured_at_rfc3339 =
          format_rfc3339(info.meta.captured_at, info.meta.utc_offset_minutes);
      revision.headline = info.headline;
      revision.restores = info.meta.restores;
      if (previous != nullptr) {
        const std::uint32_t number = info.meta.revision;
        diff::Report fresh =
            diff::compare(*previous, *current, fmt::format("stories/{}@r{}", story, number - 1),
                          fmt::format("stories/{}@r{}", story, number));
        auto stored_json = store.read_file(info.id, "changes.json");
        core::Result<diff::Report> stored =
            stored_json ? report::parse_report_json(*stored_json)
                        : core::Result<diff::Report>(core::Failure{stored_json.error()});
        if (stored) {
          add_word_edits(*stored, fresh);
          revision.report = std::move(*stored);
        } else {
          // An older store or a damaged file: the report computed now.
          ctx.warn(fmt::format("r{}: no usable changes.json ({}); using a fresh diff", number,
                               stored.error().message));
          revision.report = std::move(fresh);
        }
        revision.old_doc = &previous->doc;
        revision.new_doc = &current->doc;
      }
      page.revisions.push_back(std::move(revision));
    }
    previous = current;
    progress.update(i + 1 - start);
  }
  progress.finish();
  std::reverse(page.revisions.begin(), page.revisions.end()); // newest first
  if (shown == 0) {
    page.scope = fmt::format("no revisions after r{}", since);
  }

  const std::string html = report::render_story_html(page);
  if (parsed->count("output") != 0 && (*parsed)["output"].as<std::string>() != "-") {
    write_atomically((*parsed)["output"].as<std::string>(), html);
  } else {
    ctx.out << html;
  }
  return 0;
}

} // namespace storydiff::cli
