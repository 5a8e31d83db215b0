// SPDX-License-Identifier: MIT
// All consecutive revision pairs of the shared corpus diffed in one process:
// read_document (decode, normalize, segment) of both sides, compare() and
// render_json(), repeated N times. Prints the wall time so that
// scripts/bench-diff.sh can set it against wikidiff2 doing the same pairs in
// one php process. Not a Google Benchmark: a plain loop, like the php side.
// Usage: bench_corpus_pairs [CORPUS_DIR [N [OLD NEW]...]]  (default corpus:
// $STORYDIFF_CORPUS, else the build's default; N default 20; OLD NEW: extra
// pairs of files diffed after the corpus pairs).
// STORYDIFF_BENCH_DUMP=FILE writes every report of the first pass to FILE as
// JSON, one after another, so two builds' results can be checked identical.
// STORYDIFF_BENCH_REUSE=1: a revision that is the new side of one pair and the
// old side of the next is read and analyzed once per pass, as `import` and
// `report` do for a story's history (diff::analyze + compare of analyzed
// documents); by default every pair is read and compared from scratch, as one
// `storydiff diff OLD NEW` does.
#include "bench_corpus.hpp"

#include <storydiff/diff/changes.hpp>
#include <storydiff/report/render.hpp>
#include <storydiff/text/pipeline.hpp>
#include <storydiff/text/read_pair.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Revision {
  std::string name; // file path, for format detection
  std::string bytes;
};

std::string read_file(const fs::path& p) {
  return storydiff::bench::read_file(p).value_or(std::string());
}

// Consecutive pairs of every story, in story then revision order.
std::vector<std::pair<Revision, Revision>> load_pairs(const fs::path& corpus) {
  std::vector<fs::path> stories;
  for (const auto& e : fs::directory_iterator(corpus)) {
    if (e.is_directory()) stories.push_back(e.path());
  }
  std::sort(stories.begin(), stories.end());
  std::vector<std::pair<Revision, Revision>> pairs;
  for (const auto& story : stories) {
    std::vector<fs::path> revs;
    for (const auto& e : fs::directory_iterator(story)) {
      if (e.is_regular_file() && storydiff::bench::is_revision_file(e.path())) revs.push_back(e.path());
    }
    std::sort(revs.begin(), revs.end());
    for (std::size_t i = 1; i < revs.size(); ++i) {
      pairs.push_back({{revs[i - 1].string(), read_file(revs[i - 1])},
                       {revs[i].string(), read_file(revs[i])}});
    }
  }
  return pairs;
}

} // namespace

int main(int argc, char** argv) {
  const fs::path corpus = argc > 1 ? fs::path(argv[1]) : storydiff::bench::corpus_dir();
  const int repeat = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
  std::error_code ec;
  if (!fs::is_directory(corpus, ec)) {
    std::fprintf(stderr, "bench_corpus_pairs: no corpus at %s\n", corpus.string().c_str());
    return 77;
  }
  auto pairs = load_pairs(corpus);
  for (int i = 3; i + 1 < argc; i += 2) {
    pairs.push_back({{argv[i], read_file(argv[i])}, {argv[i + 1], read_file(argv[i + 1])}});
  }
  const char* dump_path = std::getenv("STORYDIFF_BENCH_DUMP");
  std::ofstream dump;
  if (dump_path != nullptr && *dump_path != '\0') {
    dump.open(dump_path, std::ios::binary);
  }
  const char* reuse_env = std::getenv("STORYDIFF_BENCH_REUSE");
  const bool reuse = reuse_env != nullptr && std::string(reuse_env) == "1";
  auto read = [](const Revision& rev) {
    storydiff::text::PipelineOptions options;
    options.decode.name = rev.name;
    auto doc = storydiff::text::read_document(rev.bytes, options);
    if (!doc) {
      std::fprintf(stderr, "bench_corpus_pairs: cannot read %s\n", rev.name.c_str());
      std::exit(1);
    }
    return std::move(doc->document);
  };
  std::size_t json_bytes = 0;
  std::size_t degraded = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r) {
    std::optional<storydiff::diff::AnalyzedDocument> previous; // reuse: the last new side
    const std::string* previous_name = nullptr;
    for (const auto& [old_rev, new_rev] : pairs) {
      storydiff::diff::Report report;
      if (reuse) {
        if (previous_name == nullptr || *previous_name != old_rev.name) {
          previous = storydiff::diff::analyze(read(old_rev));
        }
        storydiff::diff::AnalyzedDocument current = storydiff::diff::analyze(read(new_rev));
        report = storydiff::diff::compare(*previous, current, old_rev.name, new_rev.name);
        previous = std::move(current);
        previous_name = &new_rev.name;
      } else {
        // As `storydiff diff OLD NEW` does: both read at once, then compared.
        storydiff::text::PipelineOptions old_options;
        old_options.decode.name = old_rev.name;
        storydiff::text::PipelineOptions new_options;
        new_options.decode.name = new_rev.name;
        auto [old_doc, new_doc] = storydiff::text::read_two_documents(old_rev.bytes, old_options,
                                                                      new_rev.bytes, new_options);
        if (!old_doc || !new_doc) {
          std::fprintf(stderr, "bench_corpus_pairs: cannot read %s\n", old_rev.name.c_str());
          return 1;
        }
        report = storydiff::diff::compare(old_doc->document, new_doc->document, old_rev.name,
                                          new_rev.name);
      }
      const std::string json = storydiff::report::render_json(report);
      json_bytes += json.size();
      if (r == 0 && dump.is_open()) {
        dump << json << '\n';
      }
      degraded += report.degraded ? 1 : 0;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Machine-readable first line for scripts/bench-diff.sh.
  std::printf("seconds=%.6f pairs=%zu repeat=%d json_bytes=%zu degraded=%zu reuse=%d\n", seconds,
              pairs.size(), repeat, json_bytes, degraded / static_cast<std::size_t>(repeat),
              reuse ? 1 : 0);
  return 0;
}
