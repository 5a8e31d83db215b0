// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/text/segment.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

// Stage 5 of the pipeline: which old sentences became which new ones.
namespace storydiff::align {

enum class Op {
  equal,   // one old, one new, the same after text::fold (case, quote glyphs,
           // dashes, whitespace) or with the same folded tokens (spacing
           // around punctuation), in order. The raw texts may still differ.
  edited,  // one old, one new, similar but not the same
  added,   // no old, one new
  removed, // one old, no new
  moved,   // one old, one new (equal or edited) out of order relative to the rest
  split,   // one old became several consecutive new
  merged,  // several consecutive old became one new
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
  // the new side; a removed op sits where the old sentence was: right after
  // the op of the closest old sentence before it that was neither moved nor
  // removed (first when there is none), removed runs in old order.
  std::vector<SentenceOp> ops;
  // True when the work bound was hit and the similarity search was cut short
  // (remaining sentences are reported as added/removed), or when a pair of
  // huge sentences had its similarity estimated from word overlap.
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
  // Work bound, in scored pairs: each candidate pair (an unmatched old and
  // an unmatched new sentence sharing an uncommon word) whose word overlap
  // is computed counts 1; a pair whose overlap is high enough to compute its
  // similarity counts 1 more per 32 tokens of the two sentences; so does
  // each candidate split or merge. Past it, scoring stops: exact matches and
  // pairs found so far are kept, the rest are added/removed and `degraded`
  // is set. Range 1..1e9; default 4,000,000 (under 1 s even for 1 MB
  // documents built to be costly; a 1 MB rewrite of ordinary prose needs
  // about a tenth of it).
  std::uint64_t max_scored_pairs = 4'000'000;
  // An unmatched old sentence is scored only against the unmatched new
  // sentences within this many positions (counted among unmatched new
  // sentences) of where its neighbourhood went: after the new partner of the
  // closest exactly matched old sentence before it. So two lists of at most
  // `window` unmatched sentences are compared in full, and a sentence that
  // was moved far and edited is reported as removed + added. Range 1..1e6;
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
// 0.9 · 2·|LCS| / (|a| + |b|) over the folded word, number and symbol
// tokens, plus 0.1 · the same over all tokens (so punctuation weighs little,
// but any change of tokens keeps the score below 1). 1 for sentences with
// the same folded tokens; 0 when an index is out of range.
double sentence_similarity(const text::Document& a, std::uint32_t sentence_a,
                           const text::Document& b, std::uint32_t sentence_b);

} // namespace storydiff::align
