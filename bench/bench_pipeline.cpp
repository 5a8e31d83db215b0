// SPDX-License-Identifier: MIT
// Throughput of the text pipeline on the shared corpus of real revisions:
// every revision file (<story>/NNN.<ext>) of $STORYDIFF_CORPUS, else of
// ../shared/corpus next to the source tree. Stages: decode, decode+normalize
// and the whole read_document (also split by input format), plus normalize
// and segment alone on precomputed input to show where the time goes.
// Every figure counts source bytes, so the bytes/s of all stages compare.
// The target: the whole pipeline at >= 50 MB/s on one core.
// Run through scripts/bench-pipeline.sh (pinned to one core).
#include "bench_corpus.hpp"

#include <storydiff/text/decode.hpp>
#include <storydiff/text/normalize.hpp>
#include <storydiff/text/pipeline.hpp>
#include <storydiff/text/segment.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;
namespace text = storydiff::text;

namespace {

struct Revision {
  std::string name;  // path, for format detection by extension
  std::string bytes; // the file as stored
};

using storydiff::bench::corpus_dir;
using storydiff::bench::is_revision_file;
using storydiff::bench::read_file;

// All revision files of all stories, in path order; empty when none.
std::vector<Revision> load_corpus(const fs::path& dir) {
  std::vector<fs::path> paths;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec) && is_revision_file(entry.path())) {
      paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<Revision> revisions;
  for (const fs::path& path : paths) {
    if (auto bytes = read_file(path)) {
      revisions.push_back({path.string(), std::move(*bytes)});
    } else {
      std::fprintf(stderr, "bench_pipeline: cannot read %s; skipped\n", path.c_str());
    }
  }
  return revisions;
}

std::int64_t total_bytes(const std::vector<Revision>& revisions) {
  std::int64_t total = 0;
  for (const Revision& r : revisions) {
    total += static_cast<std::int64_t>(r.bytes.size());
  }
  return total;
}

text::DecodeOptions decode_options(const Revision& r) {
  text::DecodeOptions options;
  options.name = r.name;
  return options;
}

void set_throughput(benchmark::State& state, const std::vector<Revision>& revisions) {
  state.SetBytesProcessed(state.iterations() * total_bytes(revisions));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(revisions.size()));
}

// Runs `stage` on every revision per iteration; stops with an error naming the
// first revision that decode refuses.
void run_stage(benchmark::State& state, const std::vector<Revision>& revisions,
               const std::function<bool(const Revision&)>& stage) {
  for (auto _ : state) {
    for (const Revision& r : revisions) {
      if (!stage(r)) {
        state.SkipWithError(("decode refused " + r.name).c_str());
        return;
      }
    }
  }
  set_throughput(state, revisions);
}

void bench_decode(benchmark::State& state, const std::vector<Revision>& revisions) {
  run_stage(state, revisions, [](const Revision& r) {
    auto decoded = text::decode(r.bytes, decode_options(r));
    benchmark::DoNotOptimize(decoded);
    return decoded.has_value();
  });
}

void bench_decode_normalize(benchmark::State& state, const std::vector<Revision>& revisions) {
  run_stage(state, revisions, [](const Revision& r) {
    auto decoded = text::decode(r.bytes, decode_options(r));
    if (!decoded) {
      return false;
    }
    auto normalized = text::normalize(*decoded);
    benchmark::DoNotOptimize(normalized);
    return true;
  });
}

void bench_read_document(benchmark::State& state, const std::vector<Revision>& revisions) {
  run_stage(state, revisions, [](const Revision& r) {
    text::PipelineOptions options;
    options.decode = decode_options(r);
    auto result = text::read_document(r.bytes, options);
    benchmark::DoNotOptimize(result);
    return result.has_value();
  });
}

// Stage inputs computed once, for the single-stage benchmarks.
struct Prepared {
  std::vector<text::DecodedText> decoded;
  std::vector<text::NormalizedText> normalized;
};

std::optional<Prepared> prepare(const std::vector<Revision>& revisions) {
  Prepared p;
  for (const Revision& r : revisions) {
    auto decoded = text::decode(r.bytes, decode_options(r));
    if (!decoded) {
      std::fprintf(stderr, "bench_pipeline: decode refused %s (%s)\n", r.name.c_str(),
                   decoded.error().message.c_str());
      return std::nullopt;
    }
    p.normalized.push_back(text::normalize(*decoded));
    p.decoded.push_back(std::move(*decoded));
  }
  return p;
}

void bench_normalize(benchmark::State& state, const std::vector<Revision>& revisions,
                     const Prepared& prepared) {
  for (auto _ : state) {
    for (const text::DecodedText& d : prepared.decoded) {
      auto normalized = text::normalize(d);
      benchmark::DoNotOptimize(normalized);
    }
  }
  set_throughput(state, revisions);
}

void bench_segment(benchmark::State& state, const std::vector<Revision>& revisions,
                   const Prepared& prepared) {
  for (auto _ : state) {
    for (const text::NormalizedText& n : prepared.normalized) {
      auto doc = text::segment(n);
      benchmark::DoNotOptimize(doc);
    }
  }
  set_throughput(state, revisions);
}

std::vector<Revision> with_extension(const std::vector<Revision>& revisions,
                                     const std::string& extension) {
  std::vector<Revision> out;
  for (const Revision& r : revisions) {
    if (fs::path(r.name).extension() == extension) {
      out.push_back(r);
    }
  }
  return out;
}

} // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
    return 2;
  }

  const fs::path dir = corpus_dir();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    std::fprintf(stderr,
                 "bench_pipeline: no corpus at %s\n"
                 "Set STORYDIFF_CORPUS to the shared corpus folder (<story>/NNN.<ext> files).\n",
                 dir.c_str());
    return 1;
  }
  // Static: the registered benchmarks refer to these until Shutdown.
  static const std::vector<Revision> all = load_corpus(dir);
  if (all.empty()) {
    std::fprintf(stderr, "bench_pipeline: no revision files (<story>/NNN.<ext>) in %s\n",
                 dir.c_str());
    return 1;
  }
  static const std::vector<Revision> txt = with_extension(all, ".txt");
  static const std::vector<Revision> md = with_extension(all, ".md");
  static const std::vector<Revision> html = with_extension(all, ".html");
  std::fprintf(stderr, "bench_pipeline: %zu revision files, %lld bytes from %s\n", all.size(),
               static_cast<long long>(total_bytes(all)), dir.c_str());

  benchmark::RegisterBenchmark("decode", bench_decode, std::cref(all));
  benchmark::RegisterBenchmark("decode+normalize", bench_decode_normalize, std::cref(all));
  benchmark::RegisterBenchmark("read_document", bench_read_document, std::cref(all));
  for (const auto* subset : {&txt, &md, &html}) {
    if (!subset->empty()) {
      const std::string name = "read_document/" + fs::path(subset->front().name).extension()
                                                      .string()
                                                      .substr(1);
      benchmark::RegisterBenchmark(name.c_str(), bench_read_document, std::cref(*subset));
    }
  }
  static std::optional<Prepared> prepared = prepare(all);
  if (prepared) {
    benchmark::RegisterBenchmark("normalize_only", bench_normalize, std::cref(all),
                                 std::cref(*prepared));
    benchmark::RegisterBenchmark("segment_only", bench_segment, std::cref(all),
                                 std::cref(*prepared));
  }

  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
