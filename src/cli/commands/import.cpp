// SPDX-License-Identifier: MIT
// `storydiff import STORY FILES...|DIR`: many snapshots in order, through one
// long-lived Store (so its caches pay off), with a progress bar on a terminal.
#include "../progress.hpp"
#include "commands.hpp"
#include "input.hpp"
#include "store_access.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ostream>
#include <sys/stat.h>

namespace storydiff::cli {

namespace {

// Revisions per pack file written by an import.
constexpr std::size_t k_batch_revisions = 100;
// An import ends by packing the whole store into one pack only when more
// packs than this have piled up (git's gc.autoPackLimit). Not after every
// import: the batch packs are already compact (bench-import.sh: 1000
// revisions in 10 packs are 1.2x `git gc --aggressive`; one libgit2 pack of
// them is larger), and repacking costs time proportional to the store.
constexpr std::size_t k_max_packs = 50;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Natural order: runs of digits compare by value, so rev-2 < rev-10.
bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t ie = i;
      std::size_t je = j;
      while (ie < a.size() && is_digit(a[ie])) {
        ++ie;
      }
      while (je < b.size() && is_digit(b[je])) {
        ++je;
      }
      // Compare the values without leading zeros: by length, then digit by digit.
      std::string_view da = a.substr(i, ie - i);
      std::string_view db = b.substr(j, je - j);
      da.remove_prefix(std::min(da.find_first_not_of('0'), da.size()));
      db.remove_prefix(std::min(db.find_first_not_of('0'), db.size()));
      if (da.size() != db.size()) {
        return da.size() < db.size();
      }
      if (da != db) {
        return da < db;
      }
      i = ie;
      j = je;
      continue;
    }
    if (a[i] != b[j]) {
      return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    }
    ++i;
    ++j;
  }
  if ((a.size() - i) != (b.size() - j)) {
    return (a.size() - i) < (b.size() - j);
  }
  return a < b; // equal by value ("rev-1" vs "rev-01"): any fixed order
}

// Files of a folder that are revisions: regular, not hidden, not notes.
bool is_revision_file(const std::filesystem::directory_entry& entry) {
  std::error_code ec;
  if (!entry.is_regular_file(ec)) {
    return false;
  }
  const std::string name = entry.path().filename().string();
  // Notes that sit beside revisions in story folders (the shared corpus,
  // fixtures/stories) are not revisions.
  for (const std::string_view note : {"SOURCE.md", "CHANGES.md"}) {
    if (name == note) {
      return false;
    }
  }
  return !name.empty() && name[0] != '.' && name.rfind("README", 0) != 0 &&
         name.rfind("LICENSE", 0) != 0;
}

std::vector<std::string> expand_sources(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (!std::filesystem::is_directory(arg, ec)) {
      files.push_back(arg); // read_input reports a missing file with its reason
      continue;
    }
    std::vector<std::string> in_dir;
    std::filesystem::directory_iterator it(arg, ec);
    if (ec) {
      throw CommandError(fmt::format("cannot read {} ({})", arg, ec.message()));
    }
    for (const auto& entry : it) {
      if (is_revision_file(entry)) {
        in_dir.push_back(entry.path().string());
      }
    }
    std::sort(in_dir.begin(), in_dir.end(),
              [](const std::string& a, const std::string& b) { return natural_less(a, b); });
    files.insert(files.end(), in_dir.begin(), in_dir.end());
  }
  return files;
}

Timestamp file_mtime(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) {
    throw CommandError(fmt::format("cannot read {} ({})", path, std::strerror(errno)));
  }
  return Timestamp{static_cast<std::int64_t>(info.st_mtime), 0};
}

} // namespace

int run_import(Context& ctx, int argc, const char* const* argv) {
  cxxopts::Options options(
      "storydiff import",
      "Records each file as a revision of STORY, in the order given; a DIR stands for its "
      "regular files in natural name order (rev-2 before rev-10), skipping dotfiles, SOURCE.md, "
      "CHANGES.md, README* and LICENSE*. Capture times are the files' modification times, or with --at the first "
      "file's time plus --interval seconds per file. A file whose text equals the story's latest "
      "revision records nothing and is counted as unchanged. Revisions are written 100 at a "
      "time, each batch as one pack file (an interrupted import keeps the batches written so "
      "far); the store is repacked when more than 50 packs have piled up. Prints: imported N "
      "revisions (K unchanged), N being the new revisions.");
  options.positional_help("STORY FILES...|DIR");
  add_input_options(options);
  options.add_options()("at", "capture time of the first file: RFC 3339 or Unix seconds "
                              "(default: each file's modification time)",
                        cxxopts::value<std::string>())(
      "interval", "with --at: seconds between consecutive files' capture times (default 60)",
      // A string, parsed here: cxxopts' integer parser trips GCC 12's -Wrestrict.
      cxxopts::value<std::string>())("title", "title to record for every revision",
                                   cxxopts::value<std::string>())(
      "story", "story name", cxxopts::value<std::string>())(
      "files", "files or folders", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"story", "files"});
  auto parsed = parse_command_options(options, ctx, argc, argv);
  if (!parsed) {
    return 0;
  }
  if (parsed->count("story") == 0 || parsed->count("files") == 0) {
    throw UsageError("import needs a STORY and at least one file or folder");
  }
  const std::string story = (*parsed)["story"].as<std::string>();
  require_valid_slug(story);
  std::optional<Timestamp> base;
  if (parsed->count("at") != 0) {
    base = parse_time((*parsed)["at"].as<std::string>(), "--at");
  }
  long long interval = 60;
  if (parsed->count("interval") != 0) {
    if (!base) {
      throw UsageError("--interval needs --at (without it, file modification times are used)");
    }
    const std::string value = (*parsed)["interval"].as<std::string>();
    if (value.empty() || value.size() > 8 ||
        value.find_first_not_of("0123456789") != std::string::npos ||
        (interval = std::stoll(value)) > 366LL * 86400) {
      throw UsageError("--interval takes 0 to 31622400 seconds, not '" + value + "'");
    }
  }
  std::optional<std::string> title;
  if (parsed->count("title") != 0) {
    title = (*parsed)["title"].as<std::string>();
  }

  store::Store store = open_store(ctx);
  const std::vector<std::string> files =
      expand_sources((*parsed)["files"].as<std::vector<std::string>>());
  if (files.empty()) {
    throw CommandError("nothing to import (the folder holds no revision files)");
  }

  const auto started = std::chrono::steady_clock::now();
  Progress progress(ctx, "importing", files.size());
  // Revisions go to the store k_batch_revisions at a time, each batch as one
  // pack file: loose objects would cost several file creations per revision.
  store::BatchOptions batch_options;
  batch_options.flush_every = k_batch_revisions;
  store::ImportBatch batch = value_or_throw(store.begin_batch(story, batch_options));
  RecordOptions record_options;
  record_options.batch = &batch;
  record_options.cache = std::make_shared<AnalysisCache>();
  for (std::size_t i = 0; i < files.size(); ++i) {
    SnapshotSource source;
    source.name = files[i];
    source.title = title;
    try {
      source.bytes = read_input(files[i]);
      if (base) {
        source.captured_at = Timestamp{base->unix_seconds + static_cast<std::int64_t>(i) * interval,
                                       base->utc_offset_minutes};
      } else {
        source.captured_at = file_mtime(files[i]);
      }
      record_snapshot(ctx, store, story, source, *parsed, record_options);
    } catch (const CommandError& e) {
      progress.finish();
      // The files before this one are kept: publish them, then say how far
      // the import got (only published revisions count as recorded).
      const auto flushed = batch.flush();
      throw CommandError(fmt::format("{}; import stopped after {} of {} files ({} revision{} "
                                     "recorded{})",
                                     e.what(), i, files.size(), batch.published(),
                                     batch.published() == 1 ? "" : "s",
                                     flushed ? "" : ", " + flushed.error().message),
                         e.exit_code());
    }
    progress.update(i + 1);
  }
  progress.finish();
  value_or_throw(batch.flush());
  // A rebuild after a concurrent writer may drop a staged revision whose
  // text became the head's: the published count is the true one.
  const std::size_t recorded = batch.published();
  const std::size_t unchanged = files.size() - recorded;
  if (store.pack_files() > k_max_packs) {
    value_or_throw(store.pack());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ctx.out << fmt::format("imported {} revision{} ({} unchanged) into stories/{} in {:.2f} s\n",
                         recorded, recorded == 1 ? "" : "s", unchanged, story, seconds);
  return 0;
}

} // namespace storydiff::cli
