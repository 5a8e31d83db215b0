// SPDX-License-Identifier: MIT
// Throughput of the semantic differ's stages:
// - extract_facts on every revision of the shared corpus ($STORYDIFF_CORPUS,
//   else ../shared/corpus next to the source tree), on the whole corpus as one
//   document, and on a generated 1 MB document; bytes/s count document text
//   bytes (after decoding);
// - compare() of the generated 1 MB document against a copy with 1% of its
//   sentences edited (the target: < 50 ms, < 64 MB peak) and against
//   a complete rewrite (< 2 s, < 256 MB).
// The generated documents repeat the corpus's paragraphs with digits shifted
// per copy so that few sentences repeat exactly; nothing is written to the
// repository. Set STORYDIFF_BENCH_WRITE=DIR to also write them as
// DIR/{base,edited,rewrite}.txt, e.g. to time `storydiff diff` with
// /usr/bin/time for its peak memory.
// Run pinned to one core: taskset -c 0 bench_diff
#include "bench_corpus.hpp"

#include <storydiff/diff/changes.hpp>
#include <storydiff/extract/facts.hpp>
#include <storydiff/text/pipeline.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <vector>

namespace fs = std::filesystem;
namespace text = storydiff::text;
namespace extract = storydiff::extract;
namespace diff = storydiff::diff;

namespace {

constexpr std::size_t k_generated_bytes = 1'000'000;

using storydiff::bench::corpus_dir;
using storydiff::bench::is_revision_file;
using storydiff::bench::read_file;

std::optional<text::Document> read_as(std::string_view bytes, const std::string& name) {
  text::PipelineOptions options;
  options.decode.name = name;
  auto result = text::read_document(bytes, options);
  if (!result) {
    return std::nullopt;
  }
  return std::move(result->document);
}

// Every revision of every story, decoded and segmented, in path order.
std::vector<text::Document> load_corpus(const fs::path& dir) {
  std::vector<fs::path> paths;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec) && is_revision_file(entry.path())) {
      paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<text::Document> docs;
  for (const fs::path& path : paths) {
    auto bytes = read_file(path);
    auto doc = bytes ? read_as(*bytes, path.string()) : std::nullopt;
    if (doc) {
      docs.push_back(std::move(*doc));
    } else {
      std::fprintf(stderr, "bench_diff: cannot read %s; skipped\n", path.c_str());
    }
  }
  return docs;
}

// The distinct paragraphs of all revisions, in first-seen order.
std::vector<std::string> distinct_paragraphs(const std::vector<text::Document>& docs) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const text::Document& doc : docs) {
    for (const text::Paragraph& p : doc.paragraphs) {
      std::string para(p.span.of(doc.text));
      if (para.size() >= 40 && seen.insert(para).second) {
        out.push_back(std::move(para));
      }
    }
  }
  return out;
}

// Copy `k` of a paragraph: every digit shifted by k, so numbers (and the
// sentences holding them) differ between copies.
std::string shifted(const std::string& para, std::size_t k) {
  std::string out = para;
  for (char& c : out) {
    if (c >= '0' && c <= '9') {
      c = static_cast<char>('0' + (c - '0' + static_cast<int>(k % 10)) % 10);
    }
  }
  if (k >= 10) {
    out.insert(0, "Part " + std::to_string(k) + ". ");
  }
  return out;
}

// About `bytes` of plain text: the paragraphs, repeated with shifted digits.
std::string generate(const std::vector<std::string>& paragraphs, std::size_t bytes) {
  std::string out;
  for (std::size_t k = 0; out.size() < bytes; ++k) {
    for (const std::string& para : paragraphs) {
      out += shifted(para, k);
      out += "\n\n";
      if (out.size() >= bytes) {
        break;
      }
    }
  }
  return out;
}

// Every 100th sentence gets an edit: alternately a word inserted, a number
// changed (digits shifted) or a word dropped.
std::string edit_one_percent(const text::Document& doc) {
  std::string out = doc.text;
  std::vector<std::uint32_t> chosen;
  for (std::uint32_t s = 50; s < doc.sentences.size(); s += 100) {
    chosen.push_back(s);
  }
  // Back to front, so earlier spans stay valid.
  for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) {
    const storydiff::core::Span span = doc.sentences[*it].span;
    std::string sentence(span.of(doc.text));
    switch (*it / 100 % 3) {
    case 0: {
      const std::size_t space = sentence.find(' ');
      sentence.insert(space == std::string::npos ? sentence.size() : space, " reportedly");
      break;
    }
    case 1: {
      bool changed = false;
      for (char& c : sentence) {
        if (c >= '0' && c <= '9') {
          c = c == '9' ? '1' : static_cast<char>(c + 1);
          changed = true;
        }
      }
      if (!changed) {
        sentence.insert(0, "Officials said on Tuesday that ");
      }
      break;
    }
    default: {
      const std::size_t a = sentence.find(' ');
      const std::size_t b = a == std::string::npos ? a : sentence.find(' ', a + 1);
      if (b != std::string::npos) {
        sentence.erase(a, b - a);
      } else {
        sentence += " Not confirmed.";
      }
      break;
    }
    }
    out.replace(span.start, span.end - span.start, sentence);
  }
  return out;
}

// A complete rewrite: paragraphs in another order, and in each sentence about
// a third of the words replaced by words from elsewhere in the text.
std::string rewrite(const text::Document& doc) {
  std::mt19937 rng(20260);
  std::vector<std::string_view> words;
  for (std::uint32_t i = 0; i < doc.tokens.size(); ++i) {
    if (doc.tokens[i].kind == text::TokenKind::word) {
      words.push_back(doc.token_text(i));
    }
  }
  std::vector<std::uint32_t> order(doc.paragraphs.size());
  for (std::uint32_t p = 0; p < order.size(); ++p) {
    order[p] = p;
  }
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<std::string> paragraphs(doc.paragraphs.size());
  // Paragraph of each sentence's tokens, rebuilt word by word.
  for (const text::Sentence& s : doc.sentences) {
    std::string& para = paragraphs[s.paragraph];
    if (!para.empty()) {
      para += ' ';
    }
    const std::uint32_t end = s.first_token + s.token_count;
    for (std::uint32_t i = s.first_token; i < end; ++i) {
      const text::Token& t = doc.tokens[i];
      const bool glued = i > s.first_token && doc.tokens[i - 1].span.end == t.span.start;
      if (!glued && i > s.first_token) {
        para += ' ';
      }
      if (t.kind == text::TokenKind::word && !words.empty() && rng() % 3 == 0) {
        para += words[rng() % words.size()];
      } else {
        para += doc.token_text(i);
      }
    }
  }
  std::string out;
  for (std::uint32_t p : order) {
    if (!paragraphs[p].empty()) {
      out += paragraphs[p];
      out += "\n\n";
    }
  }
  return out;
}

std::int64_t text_bytes(const std::vector<text::Document>& docs) {
  std::int64_t total = 0;
  for (const text::Document& d : docs) {
    total += static_cast<std::int64_t>(d.text.size());
  }
  return total;
}

void bench_extract(benchmark::State& state, const std::vector<text::Document>& docs) {
  std::int64_t facts = 0;
  for (auto _ : state) {
    for (const text::Document& doc : docs) {
      extract::DocumentFacts result = extract::extract_facts(doc);
      facts = static_cast<std::int64_t>(result.facts.size());
      benchmark::DoNotOptimize(result);
    }
  }
  state.SetBytesProcessed(state.iterations() * text_bytes(docs));
  state.counters["facts_last_doc"] = static_cast<double>(facts);
}

void bench_compare(benchmark::State& state, const text::Document& old_doc,
                   const text::Document& new_doc) {
  bool degraded = false;
  std::size_t changes = 0;
  for (auto _ : state) {
    diff::Report report = diff::compare(old_doc, new_doc, "old", "new");
    degraded = report.degraded;
    changes = report.changes.size();
    benchmark::DoNotOptimize(report);
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(old_doc.text.size() + new_doc.text.size()));
  state.counters["degraded"] = degraded ? 1 : 0;
  state.counters["changes"] = static_cast<double>(changes);
}

void write_if_asked(const std::string& name, const std::string& bytes) {
  const char* dir = std::getenv("STORYDIFF_BENCH_WRITE");
  if (dir == nullptr || *dir == '\0') {
    return;
  }
  std::ofstream out(fs::path(dir) / name, std::ios::binary);
  out << bytes;
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
                 "bench_diff: no corpus at %s\n"
                 "Set STORYDIFF_CORPUS to the shared corpus folder (<story>/NNN.<ext> files).\n",
                 dir.c_str());
    return 1;
  }
  // Static: the registered benchmarks refer to these until Shutdown.
  static const std::vector<text::Document> revisions = load_corpus(dir);
  if (revisions.empty()) {
    std::fprintf(stderr, "bench_diff: no revision files in %s\n", dir.c_str());
    return 1;
  }
  const std::vector<std::string> paragraphs = distinct_paragraphs(revisions);
  std::string concatenated;
  for (const text::Document& d : revisions) {
    concatenated += d.text;
    concatenated += "\n\n";
  }
  static std::vector<text::Document> whole;
  static std::vector<text::Document> generated;
  static std::optional<text::Document> edited;
  static std::optional<text::Document> rewritten;
  const std::string base_text = generate(paragraphs, k_generated_bytes);
  if (auto d = read_as(concatenated, "corpus.txt")) {
    whole.push_back(std::move(*d));
  }
  if (auto d = read_as(base_text, "base.txt")) {
    generated.push_back(std::move(*d));
    const std::string edited_text = edit_one_percent(generated.front());
    const std::string rewrite_text = rewrite(generated.front());
    edited = read_as(edited_text, "edited.txt");
    rewritten = read_as(rewrite_text, "rewrite.txt");
    write_if_asked("base.txt", generated.front().text);
    write_if_asked("edited.txt", edited_text);
    write_if_asked("rewrite.txt", rewrite_text);
  }
  std::fprintf(stderr,
               "bench_diff: %zu revisions (%lld text bytes) from %s; generated %zu bytes, "
               "%zu sentences\n",
               revisions.size(), static_cast<long long>(text_bytes(revisions)), dir.c_str(),
               generated.empty() ? 0 : generated.front().text.size(),
               generated.empty() ? 0 : generated.front().sentences.size());

  benchmark::RegisterBenchmark("extract_facts/revisions", bench_extract, std::cref(revisions))
      ->Unit(benchmark::kMillisecond);
  if (!whole.empty()) {
    benchmark::RegisterBenchmark("extract_facts/corpus_as_one", bench_extract, std::cref(whole))
        ->Unit(benchmark::kMillisecond);
  }
  if (!generated.empty()) {
    benchmark::RegisterBenchmark("extract_facts/generated_1MB", bench_extract,
                                 std::cref(generated))
        ->Unit(benchmark::kMillisecond);
  }
  if (edited) {
    benchmark::RegisterBenchmark("compare/1MB_1pct_edited", bench_compare,
                                 std::cref(generated.front()), std::cref(*edited))
        ->Unit(benchmark::kMillisecond);
  }
  if (rewritten) {
    benchmark::RegisterBenchmark("compare/1MB_rewrite", bench_compare,
                                 std::cref(generated.front()), std::cref(*rewritten))
        ->Unit(benchmark::kMillisecond)
        ->Iterations(2);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
