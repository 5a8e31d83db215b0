// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/align/align.hpp>
#include <storydiff/core/span.hpp>
#include <storydiff/extract/facts.hpp>
#include <storydiff/text/segment.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Stages 6–7 of the pipeline: compare aligned sentences (token diff with dtl,
// facts by type and value) and classify the differences into typed changes.
namespace storydiff::diff {

// The closed list of change kinds of storydiff.diff/1 (DESIGN.md).
enum class ChangeKind {
  claim_added,
  claim_removed,
  claim_changed,
  reworded,
  claim_moved,
  claim_split,
  claim_merged,
  number_added,
  number_removed,
  number_changed,
  date_added,
  date_removed,
  date_changed,
  entity_added,
  entity_removed,
  quote_added,
  quote_removed,
  quote_changed,
  speaker_changed,
  attribution_added,
  attribution_removed,
  attribution_changed,
  hedge_added,
  hedge_removed,
  negation_added,
  negation_removed,
  correction_added,
};

// The snake_case name used in JSON ("number_changed").
std::string_view to_string(ChangeKind kind);

enum class Significance { none, style, substantive };
std::string_view to_string(Significance significance);

// The significance a kind always has: style for reworded and claim_moved,
// substantive for every other kind.
Significance significance_of(ChangeKind kind);

// One side of a change: the thing itself in one document.
struct ChangeSide {
  std::string text;           // as written
  std::uint32_t sentence = 0; // 0-based sentence index
  core::Span span;            // 0-based byte offsets into that document's text
};

struct Change {
  ChangeKind kind = ChangeKind::claim_changed;
  Significance significance = Significance::substantive;
  std::optional<ChangeSide> old_side; // null where the thing does not exist
  std::optional<ChangeSide> new_side;
  // Numbers: old/new parsed values and the unit (JSON "value").
  std::optional<double> old_value;
  std::optional<double> new_value;
  std::string unit;
  std::string speaker; // quote kinds: who is quoted (new side, else old)
  std::string source;  // attribution kinds: the source where known
  std::string message; // one line a person would write, with curly quotes
};

// A token-level edit inside an aligned sentence pair, for word diffs.
struct WordEdit {
  enum class Op { keep, remove, insert };
  Op op = Op::keep;
  core::Span span; // in the old text for keep/remove, the new text for insert
};

// The comparison of one alignment op, with the token diff for edited pairs.
struct SentenceDiff {
  align::SentenceOp op;
  std::vector<WordEdit> words; // empty unless the pair was edited
};

struct DocumentLabel {
  std::string label;          // "stories/x@r2" or a file path
  std::uint32_t sentences = 0;
  std::uint64_t bytes = 0;
};

// A finished comparison: what renderers take (storydiff.diff/1).
struct Report {
  DocumentLabel old_doc;
  DocumentLabel new_doc;
  Significance significance = Significance::none;
  bool degraded = false;
  std::string headline;              // one line, most important first
  std::vector<std::string> summary;  // lines a person would write, most important first
  std::map<std::string, std::uint32_t> counts; // kind name → how many
  std::vector<Change> changes;       // most important first
  std::vector<SentenceDiff> sentences; // every alignment op
};

struct CompareOptions {
  align::AlignOptions align;
  extract::ExtractOptions extract;
  // Work bound for one sentence pair's token diff (dtl), in tokens of the
  // longer side; past it the pair is reported whole (remove + insert) and
  // the report is degraded. Range 1..1e6; default 5,000.
  std::uint32_t max_pair_tokens = 5'000;
  // At most this many summary lines; the rest are counted in the last one.
  // Range 1..1000; default 12.
  std::uint32_t max_summary_lines = 12;
  // compare() on two Documents extracts the new side's facts on a second
  // thread while it extracts the old side's, when the machine has two cores
  // and both documents hold at least parallel_min_bytes of text (below that,
  // starting a thread costs more than it saves). The report is the same
  // either way. analyze() of one document uses the second core inside its
  // extraction instead (ExtractOptions::parallel).
  // parallel_min_bytes: range 0..4 GiB; default 4 KiB.
  bool parallel = true;
  std::uint32_t parallel_min_bytes = 4 * 1024;
};

// Compares two segmented documents. Labels are copied into the report.
// Always succeeds; bounded by the options' work limits. May use a second
// thread (CompareOptions::parallel); the documents must not change meanwhile.
Report compare(const text::Document& old_doc, const text::Document& new_doc,
               std::string_view old_label, std::string_view new_label,
               const CompareOptions& options = {});

// A segmented document with its facts: what compare() works on. Callers that
// compare one document with several others (import diffs each revision
// against the one before) analyze each document once and keep it.
struct AnalyzedDocument {
  text::Document doc;
  extract::DocumentFacts facts;
};

// Extracts the facts of `doc` (with options.extract). Always succeeds.
AnalyzedDocument analyze(text::Document doc, const CompareOptions& options = {});

// compare() on documents already analyzed with the same options.
Report compare(const AnalyzedDocument& old_doc, const AnalyzedDocument& new_doc,
               std::string_view old_label, std::string_view new_label,
               const CompareOptions& options = {});

} // namespace storydiff::diff
