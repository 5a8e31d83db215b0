// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/text/segment.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

// Stage 5 of the pipeline: which old sentences became which new ones.
namespace storydiff::align {

enum class Op {
  equal,   // one old, one new, the same after folding, in order
  edited,  // one old, one new, similar but not the same
  added,   // no old, one new
  removed, // one old, no new
  moved,   // one old, one new (equal or edited) out of order relative to the rest
  split,   // one old became several new
  merged,  // several old became one new
};

// "equal", "edited", ...
std::string_view to_string(Op op);

struct SentenceOp {
  Op op = Op::equal;
  std::vector<std::uint32_t> old_sentences; // 0-based indices into the old Document
  std::vector<std::uint32_t> new_sentences; // 0-based indices into the new Document
  // Token similarity of the two sides in [0, 1]: 1 for equal text, 0 for
  // added/removed. For moved ops, < 1 means the sentence was also edited.
  double similarity = 0;
};

struct Alignment {
  // Every old and every new sentence appears in exactly one op. Ordered by
  // the new side (removed ops sit where the old sentence was).
  std::vector<SentenceOp> ops;
  // True when the work bound was hit and the similarity search was cut short
  // (remaining sentences are reported as added/removed).
  bool degraded = false;
};

struct AlignOptions {
  // Minimum similarity for two different sentences to be paired as edited.
  // Range 0..1; default 0.5. Lower pairs more loosely (rewrites become edits).
  double edit_threshold = 0.5;
  // Minimum similarity of the joined parts for a split or merge. Range 0..1;
  // default 0.7.
  double split_threshold = 0.7;
  // Most parts a split or merge may have. Range 2..8; default 4.
  std::uint32_t max_split_parts = 4;
  // Work bound: the most candidate sentence pairs scored for similarity.
  // Past it, alignment keeps the exact matches and degrades. Range
  // 1..1e9; default 4,000,000 (about 2,000 × 2,000 unmatched sentences).
  std::uint64_t max_scored_pairs = 4'000'000;
  // Sentences farther apart than this (in unmatched-sentence positions) are
  // not scored against each other unless both are short lists. Range 1..1e6;
  // default 500.
  std::uint32_t window = 500;
};

// Aligns the sentences of `old_doc` to those of `new_doc`: exact matches of
// the folded sentence first, then similarity on token ids for the rest
// (allowing splits and merges), then moves from crossing matches (the
// longest order-preserving chain stays; the rest moved). Always succeeds.
Alignment align(const text::Document& old_doc, const text::Document& new_doc,
                const AlignOptions& options = {});

// Token similarity of two sentences in [0, 1] (the measure align uses):
// 2·|LCS of folded tokens| / (|a| + |b|), punctuation weighted low.
double sentence_similarity(const text::Document& a, std::uint32_t sentence_a,
                           const text::Document& b, std::uint32_t sentence_b);

} // namespace storydiff::align
