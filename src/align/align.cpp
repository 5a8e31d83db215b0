// SPDX-License-Identifier: MIT
#include <storydiff/align/align.hpp>
#include <storydiff/text/normalize.hpp>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

// Sentence alignment: which old sentences became which new ones.
//
// 1. Token ids. Every token's folded text (text::fold: case, quote glyphs,
//    dashes) gets an integer id shared by both documents; the fold is cached
//    per distinct raw token. Word, number and symbol tokens are "content";
//    punctuation and quote marks are not.
// 2. Exact matches. Two sentences are equal when their sequences of folded
//    token ids are equal: straight vs curly quotes, case and re-wrapping
//    compare equal, and so does spacing between tokens ("a , b" / "a, b"),
//    which is whitespace only. Sentences whose hash is unique in both
//    documents are paired first (the anchors of patience diff), wherever they
//    are. The longest order-preserving chain of those anchors cuts both
//    documents into gaps; inside each gap, duplicated sentences pair in
//    order; then any duplicates left pair in order across the documents. So
//    a paragraph printed twice and now once is one equal and one removed.
// 3. Similarity for the rest, as in NewsEdits' sentence alignment
//    (Spangher et al., 2022): a pair's score is
//      0.9 · 2·LCS(content ids)/(|a|c + |b|c) + 0.1 · 2·LCS(all ids)/(|a| + |b|)
//    so punctuation counts for little but an edited sentence never scores 1.
//    LCS is the bit-parallel algorithm of Allison & Dix / Hyyrö
//    (O(⌈n/64⌉·m) after trimming the common prefix and suffix). Candidates
//    come from an inverted index (content id → unmatched new sentences),
//    skipping ids so common they would touch most sentences, inside a window
//    around where the old sentence's neighbourhood landed (the anchor chain).
//    A candidate is scored only when the multiset overlap of its content ids
//    (an upper bound of the LCS) can reach edit_threshold. Pairs at or above
//    edit_threshold are taken greedily, best first, one to one.
// 4. Splits and merges (NewsEdits' one-to-many alignment). For an old
//    sentence left unmatched or edited, runs of 2..max_split_parts
//    consecutive new sentences around its match (or its best candidate) are
//    joined and scored; a run whose parts are free (or the sentence's own
//    edited match) and mostly made of the sentence's words, and that scores
//    ≥ split_threshold and k_join_gain above the best single pairing,
//    becomes a split. Merges are the mirror image.
// 5. Moves, after wikidiff2's moved-paragraph detection: of all matched
//    groups, the longest chain increasing in both old and new order (LIS,
//    O(n log n)) stays in place; one-to-one pairs off the chain become moved
//    (their similarity says whether they were also edited).
// 6. Work bound: every candidate pair whose overlap is computed, and every
//    join scored, counts against max_scored_pairs, plus one per
//    k_tokens_per_unit tokens of each LCS computed. Past it, scoring stops,
//    the sentences left are added/removed and `degraded` is set. Memory is
//    linear in the tokens plus the candidates (never sentences × sentences).
namespace storydiff::align {

namespace {

constexpr std::uint32_t k_none = std::numeric_limits<std::uint32_t>::max();

// Share of the content-token LCS in the similarity (the rest: all tokens).
constexpr double k_content_weight = 0.9;
// How much better than the best single pairing a split or merge must score.
// The length penalty of the measure already keeps an unrelated neighbour out
// (joining it lowers the score); this only breaks near-ties.
constexpr double k_join_gain = 0.02;
// Each part of a split or merge must have at least this share of its content
// tokens in common with the single sentence (a new sentence that merely
// shares a few words is added, not a part).
constexpr double k_min_part_share = 0.5;
// A content id found in more unmatched new sentences than
// max(k_common_floor, count / k_common_divisor) is not used to find
// candidates ("the", "said"): it would touch most pairs and decide none.
constexpr std::uint32_t k_common_floor = 64;
constexpr std::uint32_t k_common_divisor = 16;
// An LCS computed for a pair costs one more unit of the work bound per this
// many tokens of the two sides (a touched pair costs one).
constexpr std::size_t k_tokens_per_unit = 32;
// Largest bit-parallel LCS (64-bit words × tokens) computed for one pair;
// past it the overlap bound stands in and the result is degraded.
constexpr std::uint64_t k_max_lcs_work = std::uint64_t{1} << 22;

bool is_content(text::TokenKind kind) {
  return kind == text::TokenKind::word || kind == text::TokenKind::number ||
         kind == text::TokenKind::symbol;
}

// A fast hash for short strings (tokens): 8 bytes at a time, then a final
// avalanche (splitmix64's).
std::uint64_t hash_bytes(std::string_view s) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, s.data() + i, 8);
    h = (h ^ word) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, s.data() + i, s.size() - i);
  h = (h ^ tail) * 0x94d049bb133111ebULL;
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  return h;
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return hash_bytes(s); }
};

// Folded token text → id, with a cache per raw token text: most tokens
// repeat, and fold() is the expensive part. The cache is an open-addressing
// table (linear probing, at most half full) because it is looked up once per
// token of both documents and std::unordered_map's chains cost 3× as much.
class Vocabulary {
public:
  Vocabulary() : m_slots(1024) {}

  // `raw` must outlive the vocabulary (it points into a Document).
  std::uint32_t id_of(std::string_view raw) {
    const std::uint64_t hash = hash_bytes(raw);
    std::size_t mask = m_slots.size() - 1;
    std::size_t at = hash & mask;
    while (m_slots[at].id != k_none) {
      const Slot& slot = m_slots[at];
      if (slot.hash == hash && slot.size == raw.size() &&
          std::memcmp(slot.data, raw.data(), raw.size()) == 0) {
        return slot.id;
      }
      at = (at + 1) & mask;
    }
    const auto next = static_cast<std::uint32_t>(m_folded.size());
    const auto [it, inserted] = m_folded.try_emplace(text::fold(raw), next);
    m_slots[at] = {hash, raw.data(), static_cast<std::uint32_t>(raw.size()), it->second};
    if (++m_used * 2 > m_slots.size()) {
      grow();
    }
    return it->second;
  }
  std::uint32_t size() const { return static_cast<std::uint32_t>(m_folded.size()); }

private:
  struct Slot {
    std::uint64_t hash = 0;
    const char* data = nullptr;
    std::uint32_t size = 0;
    std::uint32_t id = k_none;
  };

  void grow() {
    std::vector<Slot> old(m_slots.size() * 2);
    old.swap(m_slots);
    const std::size_t mask = m_slots.size() - 1;
    for (const Slot& slot : old) {
      if (slot.id != k_none) {
        std::size_t at = slot.hash & mask;
        while (m_slots[at].id != k_none) {
          at = (at + 1) & mask;
        }
        m_slots[at] = slot;
      }
    }
  }

  std::vector<Slot> m_slots; // size a power of two
  std::size_t m_used = 0;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> m_folded;
};

// The ids of one sentence (or of several joined).
struct Seq {
  std::span<const std::uint32_t> all;
  std::span<const std::uint32_t> content;
};

// Token ids of one document.
struct DocIds {
  std::vector<std::uint32_t> all;           // per sentence, contiguous
  std::vector<std::uint32_t> all_start;     // sentence s: [all_start[s], all_start[s + 1])
  std::vector<std::uint32_t> content;       // content ids, per sentence, contiguous
  std::vector<std::uint32_t> bag;           // `content` sorted within each sentence
  std::vector<std::uint32_t> content_start; // sentence s: [content_start[s], content_start[s + 1])
  std::vector<std::uint64_t> hash;          // of the `all` sequence (0 when not built)

  std::size_t sentences() const { return hash.size(); }
  Seq seq(std::uint32_t s) const {
    return {std::span(all).subspan(all_start[s], all_start[s + 1] - all_start[s]),
            std::span(content).subspan(content_start[s], content_start[s + 1] - content_start[s])};
  }
  std::span<const std::uint32_t> bag_of(std::uint32_t s) const {
    return std::span(bag).subspan(content_start[s], content_start[s + 1] - content_start[s]);
  }
};

std::uint64_t hash_ids(std::span<const std::uint32_t> ids) {
  // FNV-style mixing with a final avalanche (splitmix64).
  std::uint64_t h = 0xcbf29ce484222325ULL ^ ids.size();
  for (const std::uint32_t id : ids) {
    h = (h ^ id) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

// Ids of the sentences whose `group` is k_none (the others get empty ranges:
// they matched exactly and are never compared again).
DocIds make_ids(const text::Document& doc, const std::vector<std::uint32_t>& group,
                Vocabulary& vocabulary) {
  DocIds ids;
  const std::size_t n = doc.sentences.size();
  ids.all.reserve(doc.tokens.size());
  ids.content.reserve(doc.tokens.size());
  ids.all_start.reserve(n + 1);
  ids.content_start.reserve(n + 1);
  ids.hash.reserve(n);
  for (std::size_t s = 0; s < n; ++s) {
    const text::Sentence& sentence = doc.sentences[s];
    ids.all_start.push_back(static_cast<std::uint32_t>(ids.all.size()));
    ids.content_start.push_back(static_cast<std::uint32_t>(ids.content.size()));
    if (group[s] != k_none) {
      ids.hash.push_back(0);
      continue;
    }
    const std::size_t end = std::min<std::size_t>(
        doc.tokens.size(), std::size_t{sentence.first_token} + sentence.token_count);
    for (std::size_t t = sentence.first_token; t < end; ++t) {
      const std::uint32_t id = vocabulary.id_of(doc.token_text(t));
      ids.all.push_back(id);
      if (is_content(doc.tokens[t].kind)) {
        ids.content.push_back(id);
      }
    }
    ids.hash.push_back(
        hash_ids(std::span(ids.all).subspan(ids.all_start.back(), ids.all.size() - ids.all_start.back())));
  }
  ids.all_start.push_back(static_cast<std::uint32_t>(ids.all.size()));
  ids.content_start.push_back(static_cast<std::uint32_t>(ids.content.size()));
  ids.bag = ids.content;
  for (std::size_t s = 0; s < n; ++s) {
    std::sort(ids.bag.begin() + ids.content_start[s], ids.bag.begin() + ids.content_start[s + 1]);
  }
  return ids;
}

constexpr std::uint64_t k_bytes_01 = 0x0101010101010101ULL;
constexpr std::uint64_t k_bytes_80 = 0x8080808080808080ULL;

bool is_ascii(std::string_view s) {
  std::uint64_t any = 0;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, s.data() + i, 8);
    any |= word;
  }
  for (; i < s.size(); ++i) {
    any |= static_cast<unsigned char>(s[i]);
  }
  return (any & k_bytes_80) == 0;
}

char lower(char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; }

// Eight ASCII bytes in lower case at once (no byte may carry: all < 0x80).
std::uint64_t lower_ascii_word(std::uint64_t word) {
  const std::uint64_t at_least_a = word + (0x80 - 'A') * k_bytes_01;
  const std::uint64_t above_z = word + (0x7f - 'Z') * k_bytes_01;
  return word | (((at_least_a & ~above_z) & k_bytes_80) >> 2);
}

// hash_bytes of the lower-case form of an ASCII string, without a copy.
std::uint64_t hash_lower_ascii(std::string_view s) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, s.data() + i, 8);
    h = (h ^ lower_ascii_word(word)) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, s.data() + i, s.size() - i);
  h = (h ^ lower_ascii_word(tail)) * 0x94d049bb133111ebULL;
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  return h;
}

// The comparison form of each sentence and its hash. For ASCII sentences
// (most of them) that is the text in lower case, hashed in place: equal
// lower-case forms have equal folds, and an ASCII sentence whose lower-case
// form differs from its fold (a double space, a tab) at worst misses an exact
// match here and is paired by match_token_equal instead. Other sentences
// keep text::fold's result.
struct FoldKeys {
  std::vector<std::uint64_t> hash;
  std::vector<std::string> folded; // empty for ASCII sentences
  std::vector<bool> plain;         // ASCII: compare the text in lower case
};

FoldKeys make_fold_keys(const text::Document& doc) {
  FoldKeys keys;
  const std::size_t n = doc.sentences.size();
  keys.hash.reserve(n);
  keys.folded.resize(n);
  keys.plain.resize(n);
  for (std::size_t s = 0; s < n; ++s) {
    const std::string_view text = doc.sentence_text(s);
    if (is_ascii(text)) {
      keys.plain[s] = true;
      keys.hash.push_back(hash_lower_ascii(text));
    } else {
      keys.folded[s] = text::fold(text);
      keys.hash.push_back(hash_bytes(keys.folded[s]));
    }
  }
  return keys;
}

// Size of the multiset intersection of two sorted id lists: an upper bound
// of their LCS.
std::uint32_t bag_overlap(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
  std::uint32_t common = 0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return common;
}

// Reused buffers of the LCS, so scoring many pairs allocates nothing.
struct LcsScratch {
  // Token id → its row in `masks`, k_none when the id is not in the shorter
  // side. Ids are dense (an interner's), so a table beats sorting and binary
  // search; the rows used are reset after each LCS.
  std::vector<std::uint32_t> row_of;
  std::vector<std::uint32_t> used;
  std::vector<std::uint64_t> masks;
  std::vector<std::uint64_t> row;
};

// LCS length; `exact` is cleared when the pair was too large and the
// overlap bound was returned instead.
std::uint32_t lcs_length(std::span<const std::uint32_t> x, std::span<const std::uint32_t> y,
                         LcsScratch& scratch, bool& exact) {
  std::size_t prefix = 0;
  while (prefix < x.size() && prefix < y.size() && x[prefix] == y[prefix]) {
    ++prefix;
  }
  std::size_t suffix = 0;
  while (suffix < x.size() - prefix && suffix < y.size() - prefix &&
         x[x.size() - 1 - suffix] == y[y.size() - 1 - suffix]) {
    ++suffix;
  }
  const auto trimmed = static_cast<std::uint32_t>(prefix + suffix);
  x = x.subspan(prefix, x.size() - prefix - suffix);
  y = y.subspan(prefix, y.size() - prefix - suffix);
  if (x.empty() || y.empty()) {
    return trimmed;
  }
  if (x.size() > y.size()) {
    std::swap(x, y); // bit vectors over the shorter side
  }
  const std::size_t words = (x.size() + 63) / 64;
  if (static_cast<std::uint64_t>(words) * y.size() > k_max_lcs_work) {
    exact = false;
    std::vector<std::uint32_t> a(x.begin(), x.end());
    std::vector<std::uint32_t> b(y.begin(), y.end());
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return trimmed + bag_overlap(a, b);
  }
  // Match masks: for each distinct symbol of x, the bits of its positions.
  scratch.used.clear();
  scratch.masks.clear();
  for (std::size_t i = 0; i < x.size(); ++i) {
    const std::uint32_t symbol = x[i];
    if (symbol >= scratch.row_of.size()) {
      scratch.row_of.resize(std::max<std::size_t>(symbol + 1, 2 * scratch.row_of.size()), k_none);
    }
    std::uint32_t& at = scratch.row_of[symbol];
    if (at == k_none) {
      at = static_cast<std::uint32_t>(scratch.used.size());
      scratch.used.push_back(symbol);
      scratch.masks.resize(scratch.masks.size() + words, 0);
    }
    scratch.masks[std::size_t{at} * words + i / 64] |= std::uint64_t{1} << (i % 64);
  }
  // Hyyrö's bit-vector LCS: V' = (V + (V & M)) | (V & ~M); the zeros of V
  // count the LCS.
  scratch.row.assign(words, ~std::uint64_t{0});
  std::uint64_t* v = scratch.row.data();
  for (const std::uint32_t symbol : y) {
    const std::uint32_t at = symbol < scratch.row_of.size() ? scratch.row_of[symbol] : k_none;
    if (at == k_none) {
      continue; // M = 0 leaves V as it is
    }
    const std::uint64_t* m = scratch.masks.data() + std::size_t{at} * words;
    std::uint64_t carry = 0;
    for (std::size_t w = 0; w < words; ++w) {
      const std::uint64_t u = v[w] & m[w];
      const std::uint64_t t = v[w] + u;
      const std::uint64_t sum = t + carry;
      carry = static_cast<std::uint64_t>(t < v[w]) | static_cast<std::uint64_t>(sum < t);
      v[w] = sum | (v[w] & ~m[w]);
    }
  }
  for (const std::uint32_t symbol : scratch.used) {
    scratch.row_of[symbol] = k_none;
  }
  std::size_t ones = 0;
  for (std::size_t w = 0; w < words; ++w) {
    ones += static_cast<std::size_t>(std::popcount(v[w]));
  }
  return trimmed + static_cast<std::uint32_t>(words * 64 - ones);
}

double ratio(std::uint32_t common, std::size_t a, std::size_t b) {
  return a + b == 0 ? 1.0 : 2.0 * common / static_cast<double>(a + b);
}

double combine(double content, double all, std::size_t content_tokens) {
  if (content_tokens == 0) {
    return all;
  }
  return k_content_weight * content + (1 - k_content_weight) * all;
}

double similarity(const Seq& a, const Seq& b, LcsScratch& scratch, bool& exact) {
  const double all = ratio(lcs_length(a.all, b.all, scratch, exact), a.all.size(), b.all.size());
  const double content =
      ratio(lcs_length(a.content, b.content, scratch, exact), a.content.size(), b.content.size());
  return combine(content, all, a.content.size() + b.content.size());
}

// Longest chain of items strictly increasing in `key` (patience sorting with
// back links, O(n log n)); returns a flag per item.
std::vector<bool> longest_increasing(const std::vector<std::uint32_t>& key) {
  const std::size_t n = key.size();
  std::vector<std::uint32_t> tails; // item index ending the best chain of each length
  std::vector<std::uint32_t> back(n, k_none);
  for (std::size_t i = 0; i < n; ++i) {
    const auto it = std::lower_bound(tails.begin(), tails.end(), key[i],
                                     [&](std::uint32_t item, std::uint32_t k) { return key[item] < k; });
    if (it != tails.begin()) {
      back[i] = *(it - 1);
    }
    if (it == tails.end()) {
      tails.push_back(static_cast<std::uint32_t>(i));
    } else {
      *it = static_cast<std::uint32_t>(i);
    }
  }
  std::vector<bool> on_chain(n, false);
  for (std::uint32_t i = tails.empty() ? k_none : tails.back(); i != k_none; i = back[i]) {
    on_chain[i] = true;
  }
  return on_chain;
}

struct Group {
  Op op = Op::equal;
  std::vector<std::uint32_t> olds;
  std::vector<std::uint32_t> news;
  double similarity = 0;
  bool alive = true;
};

// The best candidate by content overlap seen for a sentence (seeds splits
// and merges, including pairs below edit_threshold).
struct Seed {
  double score = 0;
  std::uint32_t other = k_none;
};

struct Side {
  const text::Document* doc = nullptr;
  std::uint32_t count = 0; // sentences
  FoldKeys keys;
  DocIds ids; // built after the exact matches, for the sentences left
  std::vector<std::uint32_t> group; // per sentence: index into groups, or k_none
  std::vector<Seed> seed;
};

class Aligner {
public:
  Aligner(const text::Document& old_doc, const text::Document& new_doc, const AlignOptions& options)
      : m_options(options) {
    m_sides[0].doc = &old_doc;
    m_sides[1].doc = &new_doc;
    for (Side& side : m_sides) {
      side.count = static_cast<std::uint32_t>(side.doc->sentences.size());
      side.keys = make_fold_keys(*side.doc);
      side.group.assign(side.count, k_none);
      side.seed.assign(side.count, Seed{});
    }
  }

  Alignment run() {
    match_exact();
    for (Side& side : m_sides) {
      side.ids = make_ids(*side.doc, side.group, m_vocabulary);
    }
    match_token_equal();
    match_similar();
    join(0); // splits: one old, several new
    join(1); // merges: one new, several old
    mark_moves();
    return emit();
  }

private:
  Side& old_side() { return m_sides[0]; }
  Side& new_side() { return m_sides[1]; }

  // Old sentence o and new sentence n are the same after text::fold.
  bool same(std::uint32_t o, std::uint32_t n) const {
    const FoldKeys& a = m_sides[0].keys;
    const FoldKeys& b = m_sides[1].keys;
    if (a.hash[o] != b.hash[n]) {
      return false;
    }
    const std::string_view x = a.plain[o] ? m_sides[0].doc->sentence_text(o) : a.folded[o];
    const std::string_view y = b.plain[n] ? m_sides[1].doc->sentence_text(n) : b.folded[n];
    if (x.size() != y.size()) {
      return false;
    }
    if (x == y) {
      return true;
    }
    for (std::size_t i = 0; i < x.size(); ++i) {
      // Folded text is lower case already; lower() leaves it as it is.
      if (lower(x[i]) != lower(y[i])) {
        return false;
      }
    }
    return true;
  }

  std::uint32_t add_group(Op op, std::vector<std::uint32_t> olds, std::vector<std::uint32_t> news,
                          double sim) {
    const auto index = static_cast<std::uint32_t>(m_groups.size());
    for (const std::uint32_t o : olds) {
      old_side().group[o] = index;
    }
    for (const std::uint32_t n : news) {
      new_side().group[n] = index;
    }
    m_groups.push_back({op, std::move(olds), std::move(news), sim, true});
    return index;
  }

  void drop_group(std::uint32_t index) {
    Group& g = m_groups[index];
    for (const std::uint32_t o : g.olds) {
      old_side().group[o] = k_none;
    }
    for (const std::uint32_t n : g.news) {
      new_side().group[n] = k_none;
    }
    g.alive = false;
  }

  // The similarity of a pair, its LCS charged to the work bound.
  double score(const Seq& a, const Seq& b) {
    m_scored += (a.all.size() + b.all.size()) / k_tokens_per_unit;
    if (m_scored > m_options.max_scored_pairs) {
      m_degraded = true;
    }
    return similarity(a, b, m_scratch, m_exact);
  }

  bool spend(std::uint64_t work) {
    if (m_scored + work > m_options.max_scored_pairs) {
      m_scored = m_options.max_scored_pairs;
      m_degraded = true;
      return false;
    }
    m_scored += work;
    return true;
  }

  // The longest order-preserving chain of the one-to-one groups so far, as
  // (old, new) pairs in order.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> anchor_chain() const {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    for (std::uint32_t o = 0; o < m_sides[0].group.size(); ++o) {
      if (const std::uint32_t g = m_sides[0].group[o]; g != k_none) {
        pairs.emplace_back(o, m_groups[g].news.front());
      }
    }
    std::vector<std::uint32_t> keys;
    keys.reserve(pairs.size());
    for (const auto& p : pairs) {
      keys.push_back(p.second);
    }
    const std::vector<bool> on_chain = longest_increasing(keys);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> chain;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      if (on_chain[i]) {
        chain.push_back(pairs[i]);
      }
    }
    return chain;
  }

  void match_exact() {
    const FoldKeys& a = old_side().keys;
    const FoldKeys& b = new_side().keys;
    const std::uint32_t old_count = old_side().count;
    const std::uint32_t new_count = new_side().count;
    struct Count {
      std::uint32_t olds = 0;
      std::uint32_t old_at = 0;
      std::uint32_t news = 0;
      std::uint32_t new_at = 0;
    };
    std::unordered_map<std::uint64_t, Count> counts;
    counts.reserve(old_count + new_count);
    for (std::uint32_t o = 0; o < old_count; ++o) {
      Count& c = counts[a.hash[o]];
      ++c.olds;
      c.old_at = o;
    }
    for (std::uint32_t n = 0; n < new_count; ++n) {
      Count& c = counts[b.hash[n]];
      ++c.news;
      c.new_at = n;
    }
    // Unique in both: anchors, wherever they are.
    bool duplicates = false;
    for (std::uint32_t o = 0; o < old_count; ++o) {
      const Count& c = counts.at(a.hash[o]);
      if (c.olds == 1 && c.news == 1 && same(o, c.new_at)) {
        add_group(Op::equal, {o}, {c.new_at}, 1.0);
      } else if (c.news > 0) {
        duplicates = true;
      }
    }
    if (!duplicates) {
      return;
    }
    // Duplicates: new sentences grouped by hash, in order, with a cursor each.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> by_hash;
    for (std::uint32_t n = 0; n < new_count; ++n) {
      if (new_side().group[n] == k_none) {
        by_hash.emplace_back(b.hash[n], n);
      }
    }
    std::sort(by_hash.begin(), by_hash.end());
    struct Range {
      std::size_t begin = 0;
      std::size_t end = 0;
      std::size_t cursor = 0;
    };
    std::unordered_map<std::uint64_t, Range> ranges;
    for (std::size_t i = 0; i < by_hash.size();) {
      std::size_t j = i;
      while (j < by_hash.size() && by_hash[j].first == by_hash[i].first) {
        ++j;
      }
      ranges[by_hash[i].first] = {i, j, i};
      i = j;
    }
    // First inside each gap of the anchor chain, in order (so a doubled
    // paragraph pairs with its neighbour's copy), then anywhere in order.
    const auto chain = anchor_chain();
    const auto pair_in = [&](std::uint32_t o, std::uint32_t new_lo, std::uint32_t new_hi) {
      const auto it = ranges.find(a.hash[o]);
      if (it == ranges.end()) {
        return;
      }
      Range& r = it->second;
      while (r.cursor < r.end && (by_hash[r.cursor].second < new_lo ||
                                  new_side().group[by_hash[r.cursor].second] != k_none)) {
        ++r.cursor;
      }
      if (r.cursor < r.end && by_hash[r.cursor].second < new_hi && same(o, by_hash[r.cursor].second)) {
        add_group(Op::equal, {o}, {by_hash[r.cursor].second}, 1.0);
        ++r.cursor;
      }
    };
    for (std::size_t k = 0; k <= chain.size(); ++k) {
      const std::uint32_t old_lo = k == 0 ? 0 : chain[k - 1].first + 1;
      const std::uint32_t new_lo = k == 0 ? 0 : chain[k - 1].second + 1;
      const auto old_hi = k == chain.size() ? old_count : chain[k].first;
      const auto new_hi = k == chain.size() ? new_count : chain[k].second;
      for (std::uint32_t o = old_lo; o < old_hi; ++o) {
        if (old_side().group[o] == k_none) {
          pair_in(o, new_lo, new_hi);
        }
      }
    }
    for (auto& [hash, r] : ranges) {
      r.cursor = r.begin;
    }
    for (std::uint32_t o = 0; o < old_count; ++o) {
      if (old_side().group[o] == k_none) {
        pair_in(o, 0, new_count);
      }
    }
  }

  // Sentences left whose folded token sequences are equal (they differ only
  // in spacing, "a , b" / "a, b"): equal, paired in order.
  void match_token_equal() {
    const DocIds& a = old_side().ids;
    const DocIds& b = new_side().ids;
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> news;
    for (std::uint32_t n = b.sentences(); n-- > 0;) {
      if (new_side().group[n] == k_none) {
        news[b.hash[n]].push_back(n); // reversed: back() is the first
      }
    }
    if (news.empty()) {
      return;
    }
    for (std::uint32_t o = 0; o < old_side().count; ++o) {
      if (old_side().group[o] != k_none) {
        continue;
      }
      const auto it = news.find(a.hash[o]);
      if (it == news.end() || it->second.empty()) {
        continue;
      }
      const std::uint32_t n = it->second.back();
      const Seq x = a.seq(o);
      const Seq y = b.seq(n);
      if (std::equal(x.all.begin(), x.all.end(), y.all.begin(), y.all.end())) {
        it->second.pop_back();
        add_group(Op::equal, {o}, {n}, 1.0);
      }
    }
  }

  void match_similar() {
    const DocIds& a = old_side().ids;
    const DocIds& b = new_side().ids;
    std::vector<std::uint32_t> old_free;
    std::vector<std::uint32_t> new_free;
    // free_before[n]: unmatched new sentences before new sentence n.
    std::vector<std::uint32_t> free_before(b.sentences() + 1, 0);
    for (std::uint32_t n = 0; n < b.sentences(); ++n) {
      free_before[n + 1] = free_before[n];
      if (new_side().group[n] == k_none && !b.bag_of(n).empty()) {
        new_free.push_back(n);
        ++free_before[n + 1];
      }
    }
    for (std::uint32_t o = 0; o < a.sentences(); ++o) {
      if (old_side().group[o] == k_none && !a.bag_of(o).empty()) {
        old_free.push_back(o);
      }
    }
    if (old_free.empty() || new_free.empty()) {
      return;
    }

    // Where each free old sentence is expected on the new side: after the
    // new partner of the closest preceding old sentence on the anchor chain.
    std::vector<std::uint32_t> center(old_free.size(), 0);
    {
      const auto chain = anchor_chain();
      std::size_t k = 0;
      std::uint32_t after = 0;
      for (std::size_t f = 0; f < old_free.size(); ++f) {
        while (k < chain.size() && chain[k].first < old_free[f]) {
          after = chain[k].second + 1;
          ++k;
        }
        center[f] = free_before[after];
      }
    }

    // Inverted index: content id → positions in new_free (ascending).
    const std::uint32_t vocabulary = m_vocabulary.size();
    std::vector<std::uint32_t> start(vocabulary + 1, 0);
    for (const std::uint32_t n : new_free) {
      const auto bag = b.bag_of(n);
      for (std::size_t t = 0; t < bag.size(); ++t) {
        if (t == 0 || bag[t] != bag[t - 1]) {
          ++start[bag[t] + 1];
        }
      }
    }
    for (std::uint32_t v = 0; v < vocabulary; ++v) {
      start[v + 1] += start[v];
    }
    std::vector<std::uint32_t> postings(start[vocabulary]);
    {
      std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
      for (std::uint32_t p = 0; p < new_free.size(); ++p) {
        const auto bag = b.bag_of(new_free[p]);
        for (std::size_t t = 0; t < bag.size(); ++t) {
          if (t == 0 || bag[t] != bag[t - 1]) {
            postings[fill[bag[t]]++] = p;
          }
        }
      }
    }
    const std::uint32_t common =
        std::max(k_common_floor, static_cast<std::uint32_t>(new_free.size() / k_common_divisor));
    const std::uint32_t window = std::max<std::uint32_t>(1, m_options.window);

    struct Candidate {
      double similarity;
      std::uint32_t distance;
      std::uint32_t old_sentence;
      std::uint32_t new_sentence;
    };
    std::vector<Candidate> candidates;
    std::vector<std::uint32_t> stamp(new_free.size(), 0);
    std::vector<std::uint32_t> touched;
    for (std::uint32_t f = 0; f < old_free.size() && !m_degraded; ++f) {
      const std::uint32_t o = old_free[f];
      const auto bag = a.bag_of(o);
      const std::uint32_t lo = center[f] > window ? center[f] - window : 0;
      const std::uint64_t hi = std::uint64_t{center[f]} + window;
      touched.clear();
      for (std::size_t t = 0; t < bag.size(); ++t) {
        if (t > 0 && bag[t] == bag[t - 1]) {
          continue;
        }
        const std::uint32_t* first = postings.data() + start[bag[t]];
        const std::uint32_t* last = postings.data() + start[bag[t] + 1];
        if (last - first > static_cast<std::ptrdiff_t>(common)) {
          continue;
        }
        for (const std::uint32_t* p = std::lower_bound(first, last, lo); p != last && *p <= hi; ++p) {
          if (stamp[*p] != f + 1) {
            stamp[*p] = f + 1;
            touched.push_back(*p);
          }
        }
      }
      for (const std::uint32_t p : touched) {
        if (!spend(1)) {
          break;
        }
        const std::uint32_t n = new_free[p];
        const auto other = b.bag_of(n);
        const double overlap = ratio(bag_overlap(bag, other), bag.size(), other.size());
        if (overlap > old_side().seed[o].score) {
          old_side().seed[o] = {overlap, n};
        }
        if (overlap > new_side().seed[n].score) {
          new_side().seed[n] = {overlap, o};
        }
        // The overlap bounds the content LCS; the all-token part is at most 1.
        if (combine(overlap, 1.0, 1) < m_options.edit_threshold) {
          continue;
        }
        const double sim = score(a.seq(o), b.seq(n));
        if (sim >= m_options.edit_threshold) {
          const std::uint32_t distance = p > center[f] ? p - center[f] : center[f] - p;
          candidates.push_back({sim, distance, o, n});
        }
      }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
      if (x.similarity != y.similarity) {
        return x.similarity > y.similarity;
      }
      if (x.distance != y.distance) {
        return x.distance < y.distance;
      }
      return std::pair(x.old_sentence, x.new_sentence) < std::pair(y.old_sentence, y.new_sentence);
    });
    for (const Candidate& c : candidates) {
      if (old_side().group[c.old_sentence] == k_none && new_side().group[c.new_sentence] == k_none) {
        add_group(Op::edited, {c.old_sentence}, {c.new_sentence}, c.similarity);
      }
    }
  }

  // Splits (single = 0: one old sentence, parts on the new side) or merges
  // (single = 1). A sentence is tried when it is unmatched or edited.
  void join(int single) {
    Side& one = m_sides[single];
    Side& many = m_sides[1 - single];
    const auto parts_max = std::clamp<std::uint32_t>(m_options.max_split_parts, 2, 8);
    const auto many_count = static_cast<std::uint32_t>(many.count);
    std::vector<std::uint32_t> joined_all;
    std::vector<std::uint32_t> joined_content;
    for (std::uint32_t s = 0; s < one.count && !m_degraded; ++s) {
      const std::uint32_t own = one.group[s];
      if (own != k_none && m_groups[own].op != Op::edited) {
        continue;
      }
      // The sentence's edited partner on the other side, if any.
      std::uint32_t matched = k_none;
      if (own != k_none) {
        matched = single == 0 ? m_groups[own].news.front() : m_groups[own].olds.front();
      }
      const auto free_for_s = [&](std::uint32_t x) {
        return many.group[x] == k_none || (own != k_none && many.group[x] == own);
      };
      std::uint32_t seeds[2] = {matched, one.seed[s].other};
      if (seeds[1] == matched || (seeds[1] != k_none && !free_for_s(seeds[1]))) {
        seeds[1] = k_none;
      }
      if (seeds[0] == k_none && seeds[1] == k_none) {
        continue;
      }
      const Seq self = one.ids.seq(s);
      const auto self_bag = one.ids.bag_of(s);
      double baseline = own == k_none ? 0.0 : m_groups[own].similarity;
      if (seeds[1] != k_none) {
        if (!spend(1)) {
          break;
        }
        const Seq seq = many.ids.seq(seeds[1]);
        baseline = std::max(baseline, score(self, seq));
      }
      const double needed = std::max(m_options.split_threshold, baseline + k_join_gain);
      double best = 0;
      std::uint32_t best_first = k_none;
      std::uint32_t best_count = 0;
      for (const std::uint32_t seed : seeds) {
        if (seed == k_none) {
          continue;
        }
        for (std::uint32_t count = 2; count <= parts_max; ++count) {
          for (std::uint32_t first = seed >= count - 1 ? seed - (count - 1) : 0; first <= seed; ++first) {
            if (first + count > many_count) {
              break;
            }
            // Every part free and mostly made of the sentence's content; the
            // sum of the parts' overlaps bounds the joined LCS.
            bool usable = true;
            std::uint32_t overlap = 0;
            std::size_t content_tokens = 0;
            for (std::uint32_t x = first; x < first + count && usable; ++x) {
              if (!free_for_s(x)) {
                usable = false; // (and it has no ids if it matched exactly)
                break;
              }
              const auto part_bag = many.ids.bag_of(x);
              const std::uint32_t shared = bag_overlap(self_bag, part_bag);
              usable = shared > 0 && static_cast<double>(shared) >=
                                         k_min_part_share * static_cast<double>(part_bag.size());
              overlap += shared;
              content_tokens += part_bag.size();
            }
            if (!usable ||
                combine(ratio(std::min<std::uint32_t>(overlap, static_cast<std::uint32_t>(self_bag.size())),
                              self_bag.size(), content_tokens),
                        1.0, 1) < std::max(needed, best)) {
              continue;
            }
            if (!spend(1)) {
              break;
            }
            joined_all.clear();
            joined_content.clear();
            for (std::uint32_t x = first; x < first + count; ++x) {
              const Seq part = many.ids.seq(x);
              joined_all.insert(joined_all.end(), part.all.begin(), part.all.end());
              joined_content.insert(joined_content.end(), part.content.begin(), part.content.end());
            }
            const double sim = score(self, {joined_all, joined_content});
            if (sim >= needed && sim > best) {
              best = sim;
              best_first = first;
              best_count = count;
            }
          }
        }
      }
      if (best_first == k_none) {
        continue;
      }
      if (own != k_none) {
        drop_group(own);
      }
      std::vector<std::uint32_t> single_side{s};
      std::vector<std::uint32_t> parts;
      for (std::uint32_t x = best_first; x < best_first + best_count; ++x) {
        parts.push_back(x);
      }
      if (single == 0) {
        add_group(Op::split, std::move(single_side), std::move(parts), best);
      } else {
        add_group(Op::merged, std::move(parts), std::move(single_side), best);
      }
    }
  }

  // One-to-one groups off the longest order-preserving chain become moved.
  void mark_moves() {
    std::vector<std::uint32_t> order;
    for (std::uint32_t g = 0; g < m_groups.size(); ++g) {
      if (m_groups[g].alive) {
        order.push_back(g);
      }
    }
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
      return m_groups[x].olds.front() < m_groups[y].olds.front();
    });
    std::vector<std::uint32_t> keys;
    keys.reserve(order.size());
    for (const std::uint32_t g : order) {
      keys.push_back(m_groups[g].news.front());
    }
    const std::vector<bool> on_chain = longest_increasing(keys);
    for (std::size_t i = 0; i < order.size(); ++i) {
      Group& g = m_groups[order[i]];
      if (!on_chain[i] && (g.op == Op::equal || g.op == Op::edited)) {
        g.op = Op::moved;
      }
    }
  }

  Alignment emit() {
    struct Keyed {
      std::int64_t position; // new sentence the op sits at (-1: before all)
      std::uint32_t after;   // 0: the op of `position` itself; 1: a removed op after it
      std::uint32_t old_sentence;
      SentenceOp op;
    };
    std::vector<Keyed> keyed;
    for (const Group& g : m_groups) {
      if (g.alive) {
        keyed.push_back({g.news.front(), 0, 0, {g.op, g.olds, g.news, g.similarity}});
      }
    }
    for (std::uint32_t n = 0; n < new_side().count; ++n) {
      if (new_side().group[n] == k_none) {
        keyed.push_back({n, 0, 0, {Op::added, {}, {n}, 0.0}});
      }
    }
    // A removed sentence sits after the op of the closest preceding old
    // sentence that stayed in place (not moved, not removed).
    std::int64_t anchor = -1;
    for (std::uint32_t o = 0; o < old_side().count; ++o) {
      const std::uint32_t g = old_side().group[o];
      if (g == k_none) {
        keyed.push_back({anchor, 1, o, {Op::removed, {o}, {}, 0.0}});
      } else if (m_groups[g].op != Op::moved) {
        anchor = m_groups[g].news.front();
      }
    }
    std::sort(keyed.begin(), keyed.end(), [](const Keyed& x, const Keyed& y) {
      return std::tie(x.position, x.after, x.old_sentence) < std::tie(y.position, y.after, y.old_sentence);
    });
    Alignment result;
    result.ops.reserve(keyed.size());
    for (Keyed& k : keyed) {
      result.ops.push_back(std::move(k.op));
    }
    result.degraded = m_degraded || !m_exact;
    return result;
  }

  AlignOptions m_options;
  Vocabulary m_vocabulary;
  Side m_sides[2];
  std::vector<Group> m_groups;
  LcsScratch m_scratch;
  std::uint64_t m_scored = 0;
  bool m_degraded = false;
  bool m_exact = true; // cleared when an LCS was too large and estimated
};

} // namespace

std::string_view to_string(Op op) {
  switch (op) {
  case Op::equal: return "equal";
  case Op::edited: return "edited";
  case Op::added: return "added";
  case Op::removed: return "removed";
  case Op::moved: return "moved";
  case Op::split: return "split";
  case Op::merged: return "merged";
  }
  return "equal";
}

Alignment align(const text::Document& old_doc, const text::Document& new_doc,
                const AlignOptions& options) {
  return Aligner(old_doc, new_doc, options).run();
}

double sentence_similarity(const text::Document& a, std::uint32_t sentence_a,
                           const text::Document& b, std::uint32_t sentence_b) {
  if (sentence_a >= a.sentences.size() || sentence_b >= b.sentences.size()) {
    return 0.0;
  }
  Vocabulary vocabulary;
  const auto ids_of = [&](const text::Document& doc, std::uint32_t s) {
    std::pair<std::vector<std::uint32_t>, std::vector<std::uint32_t>> ids;
    const text::Sentence& sentence = doc.sentences[s];
    const std::size_t end =
        std::min<std::size_t>(doc.tokens.size(), std::size_t{sentence.first_token} + sentence.token_count);
    for (std::size_t t = sentence.first_token; t < end; ++t) {
      const std::uint32_t id = vocabulary.id_of(doc.token_text(t));
      ids.first.push_back(id);
      if (is_content(doc.tokens[t].kind)) {
        ids.second.push_back(id);
      }
    }
    return ids;
  };
  const auto x = ids_of(a, sentence_a);
  const auto y = ids_of(b, sentence_b);
  LcsScratch scratch;
  bool exact = true;
  return similarity({x.first, x.second}, {y.first, y.second}, scratch, exact);
}

} // namespace storydiff::align
