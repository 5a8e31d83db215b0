// SPDX-License-Identifier: MIT
#include "compare_internal.hpp"

#include <storydiff/core/second_core.hpp>
#include <storydiff/text/normalize.hpp>

#include <algorithm>
#include <cctype>
#include <future>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace storydiff::diff {

namespace detail {

namespace {

using extract::Fact;
using extract::FactKind;

// How a whole sentence, or several, appears as a change side.
ChangeSide sentence_side(const text::Document& doc, std::uint32_t sentence) {
  const text::Sentence& s = doc.sentences[sentence];
  return {std::string(s.span.of(doc.text)), sentence, s.span};
}

ChangeSide sentences_side(const text::Document& doc, const std::vector<std::uint32_t>& sentences) {
  ChangeSide side = sentence_side(doc, sentences.front());
  for (std::size_t i = 1; i < sentences.size(); ++i) {
    const text::Sentence& s = doc.sentences[sentences[i]];
    side.text += ' ';
    side.text += s.span.of(doc.text);
    side.span.start = std::min(side.span.start, s.span.start);
    side.span.end = std::max(side.span.end, s.span.end);
  }
  return side;
}

ChangeSide fact_side(const Fact& fact) { return {fact.text, fact.sentence, fact.span}; }

// Words of a quote for comparing two quotes: folded, letters and digits only,
// so punctuation and case inside the marks never make two quotes differ.
std::vector<std::string> quote_words(std::string_view quote) {
  const std::string folded = text::fold(quote);
  std::vector<std::string> words;
  std::string word;
  for (const char c : folded) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || byte >= 0x80) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) {
    words.push_back(std::move(word));
  }
  return words;
}

// Dice coefficient of two word multisets, in [0, 1].
double word_overlap(std::vector<std::string> a, std::vector<std::string> b) {
  if (a.empty() && b.empty()) {
    return 1.0;
  }
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::vector<std::string> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  return 2.0 * static_cast<double>(common.size()) / static_cast<double>(a.size() + b.size());
}

std::string folded_words(std::string_view text) {
  std::string out;
  for (const std::string& word : quote_words(text)) {
    if (!out.empty()) {
      out += ' ';
    }
    out += word;
  }
  return out;
}

// Two names for the same person or source: equal after folding, or one holds
// the other's last word ("Vance" and "State Sen. Marisol Vance").
bool same_source(std::string_view a, std::string_view b) {
  const std::string fa = folded_words(a);
  const std::string fb = folded_words(b);
  if (fa == fb) {
    return true;
  }
  if (fa.empty() || fb.empty()) {
    return false;
  }
  auto last_word = [](const std::string& s) { return s.substr(s.rfind(' ') + 1); };
  auto holds_word = [](const std::string& s, const std::string& w) {
    return (" " + s + " ").find(" " + w + " ") != std::string::npos;
  };
  return holds_word(fa, last_word(fb)) || holds_word(fb, last_word(fa));
}

// Reporting verbs that only say the source spoke, without taking a stance
// on what was said: the same source with another of these ("said" →
// "announced", "says" → "told reporters", "according to") is reworded at
// most. Any other cue changes the claim's standing and stays an attribution
// change: "claim", "allege", "deny", "admit", "insist", "concede",
// "acknowledge", "confirm", "warn", "argue", "testify", "declare" ...
// Lemmas as in the extractor's attribution keys ("attr:<source>|<lemma>").
bool neutral_cue(std::string_view lemma) {
  static constexpr std::string_view k_neutral[] = {
      "say",     "tell",  "state", "announce", "add",   "note",   "explain",
      "comment", "remark", "reply", "respond",  "write", "report", "according to"};
  return std::find(std::begin(k_neutral), std::end(k_neutral), lemma) != std::end(k_neutral);
}

std::string_view cue_lemma(const extract::Fact& attribution) {
  const std::string_view key = attribution.key;
  const std::size_t bar = key.rfind('|');
  return bar == std::string_view::npos ? std::string_view{} : key.substr(bar + 1);
}

// Multiset of (kind, key) over a document. Views point into the facts,
// which outlive the classifier.
struct KindKey {
  FactKind kind;
  std::string_view key;
  friend bool operator==(const KindKey&, const KindKey&) = default;
};
struct KindKeyHash {
  std::size_t operator()(const KindKey& k) const {
    return std::hash<std::string_view>()(k.key) * 31 + static_cast<std::size_t>(k.kind);
  }
};
using KeyCounts = std::unordered_map<KindKey, std::uint32_t, KindKeyHash>;

KeyCounts count_keys(const extract::DocumentFacts& facts) {
  KeyCounts counts;
  counts.reserve(facts.facts.size());
  for (const Fact& fact : facts.facts) {
    ++counts[KindKey{fact.kind, fact.key}];
  }
  return counts;
}

std::uint32_t count_of(const KeyCounts& counts, const Fact& fact) {
  const auto it = counts.find(KindKey{fact.kind, fact.key});
  return it == counts.end() ? 0 : it->second;
}

// Facts whose tokens are explained (by a fact change, or as a format-only
// change of the same value) and so never count as changed wording.
bool explains_tokens(FactKind kind) { return kind != FactKind::correction; }

class Classifier {
public:
  Classifier(const text::Document& old_doc, const text::Document& new_doc,
             const extract::DocumentFacts& old_facts, const extract::DocumentFacts& new_facts,
             const align::Alignment& alignment, const CompareOptions& options)
      : m_old(old_doc), m_new(new_doc), m_old_facts(old_facts), m_new_facts(new_facts),
        m_alignment(alignment), m_options(options) {}

  Classified run() {
    m_result.degraded = m_alignment.degraded;
    index_ops();
    compare_quotes();
    m_result.sentences.reserve(m_alignment.ops.size());
    for (const align::SentenceOp& op : m_alignment.ops) {
      SentenceDiff diff{op, {}};
      handle_op(op, diff);
      m_result.sentences.push_back(std::move(diff));
    }
    return std::move(m_result);
  }

private:
  const text::Document& m_old;
  const text::Document& m_new;
  const extract::DocumentFacts& m_old_facts;
  const extract::DocumentFacts& m_new_facts;
  const align::Alignment& m_alignment;
  const CompareOptions& m_options;
  Classified m_result;
  // (kind, key) multisets of each document, built on first use: a diff where
  // no fact leaves or joins a sentence never asks.
  std::optional<KeyCounts> m_old_counts;
  std::optional<KeyCounts> m_new_counts;

  const KeyCounts& old_counts() {
    if (!m_old_counts) {
      m_old_counts = count_keys(m_old_facts);
    }
    return *m_old_counts;
  }
  const KeyCounts& new_counts() {
    if (!m_new_counts) {
      m_new_counts = count_keys(m_new_facts);
    }
    return *m_new_counts;
  }
  // Op index of each sentence (linear in the documents).
  std::vector<std::uint32_t> m_old_op;
  std::vector<std::uint32_t> m_new_op;
  // Sentences touched by a reported quote change.
  std::vector<bool> m_old_quote_changed;
  std::vector<bool> m_new_quote_changed;
  // Sentence texts, built only when a sentence was added or removed.
  std::unordered_set<std::string_view> m_old_texts;
  std::unordered_set<std::string_view> m_new_texts;
  bool m_pair_style_only = false; // the pair being compared differs only in style
  bool m_texts_built = false;
  // Words of each document's entity keys (entity_words), built on first use.
  std::optional<std::unordered_set<std::string_view>> m_old_entity_words;
  std::optional<std::unordered_set<std::string_view>> m_new_entity_words;

  void emit(Change change) {
    change.significance = significance_of(change.kind);
    m_result.changes.push_back(std::move(change));
  }

  void index_ops() {
    constexpr std::uint32_t none = 0xFFFF'FFFFu;
    m_old_op.assign(m_old.sentences.size(), none);
    m_new_op.assign(m_new.sentences.size(), none);
    for (std::uint32_t i = 0; i < m_alignment.ops.size(); ++i) {
      for (const std::uint32_t s : m_alignment.ops[i].old_sentences) {
        if (s < m_old_op.size()) {
          m_old_op[s] = i;
        }
      }
      for (const std::uint32_t s : m_alignment.ops[i].new_sentences) {
        if (s < m_new_op.size()) {
          m_new_op[s] = i;
        }
      }
    }
  }

  bool aligned(const Fact& old_fact, const Fact& new_fact) const {
    for (std::uint32_t o = old_fact.sentence; o <= old_fact.last_sentence && o < m_old_op.size(); ++o) {
      for (std::uint32_t n = new_fact.sentence; n <= new_fact.last_sentence && n < m_new_op.size();
           ++n) {
        if (m_old_op[o] == m_new_op[n]) {
          return true;
        }
      }
    }
    return false;
  }

  // Marks the sentences a quote covers.
  static void mark_quote(const text::Document& doc, const Fact& quote, std::vector<bool>& touched) {
    for (std::uint32_t s = quote.sentence; s <= quote.last_sentence && s < doc.sentences.size(); ++s) {
      touched[s] = true;
    }
  }

  // Whether a sentence is essentially a quotation: its quoted words, the
  // speaker's name and the attribution fill at least half of it.
  static bool mostly_quote(const text::Document& doc, const extract::DocumentFacts& facts,
                           std::uint32_t sentence) {
    const core::Span span = doc.sentences[sentence].span;
    const std::string_view text = span.of(doc.text);
    std::uint32_t covered = 0;
    bool has_quote = false;
    for (const std::uint32_t i : facts.by_sentence[sentence]) {
      const Fact& f = facts.facts[i];
      if (f.kind != FactKind::quote && f.kind != FactKind::attribution) {
        continue;
      }
      const std::uint32_t start = std::max(span.start, f.span.start);
      const std::uint32_t end = std::min(span.end, f.span.end);
      covered += end > start ? end - start : 0;
      if (f.kind == FactKind::quote) {
        has_quote = true;
        if (!f.speaker.empty() && text.find(f.speaker) != std::string_view::npos) {
          covered += static_cast<std::uint32_t>(f.speaker.size());
        }
      }
    }
    return has_quote && 2 * covered >= span.size();
  }

  // Where the speaker's name is written near the quote, for the change side.
  static ChangeSide speaker_side(const text::Document& doc, const Fact& quote) {
    const std::uint32_t first = quote.sentence;
    const std::uint32_t last =
        std::min<std::uint32_t>(quote.last_sentence + 1, static_cast<std::uint32_t>(doc.sentences.size() - 1));
    const std::uint32_t from = first > 0 ? doc.sentences[first - 1].span.start : doc.sentences[first].span.start;
    const std::uint32_t to = doc.sentences[last].span.end;
    const std::string_view window = std::string_view(doc.text).substr(from, to - from);
    const std::size_t at = quote.speaker.empty() ? std::string_view::npos : window.find(quote.speaker);
    if (at == std::string_view::npos) {
      return {quote.speaker.empty() ? quote.text : quote.speaker, quote.sentence, quote.span};
    }
    const auto start = static_cast<std::uint32_t>(from + at);
    const auto end = static_cast<std::uint32_t>(start + quote.speaker.size());
    std::uint32_t sentence = quote.sentence;
    for (std::uint32_t s = first > 0 ? first - 1 : first; s <= last; ++s) {
      if (doc.sentences[s].span.start <= start && start < doc.sentences[s].span.end) {
        sentence = s;
      }
    }
    return {quote.speaker, sentence, {start, end}};
  }

  // Quotes are judged over the whole document: one keeps its identity (key)
  // wherever it moves; the rest are paired by their words.
  void compare_quotes() {
    m_old_quote_changed.assign(m_old.sentences.size(), false);
    m_new_quote_changed.assign(m_new.sentences.size(), false);
    std::vector<const Fact*> old_quotes;
    std::vector<const Fact*> new_quotes;
    for (const Fact& f : m_old_facts.facts) {
      if (f.kind == FactKind::quote) {
        old_quotes.push_back(&f);
      }
    }
    for (const Fact& f : m_new_facts.facts) {
      if (f.kind == FactKind::quote) {
        new_quotes.push_back(&f);
      }
    }

    // Same key: the same quote. When the same words occur several times
    // (a line repeated, or given to several people), an occurrence pairs
    // first with one in an aligned sentence, then with one by the same
    // speaker, then in order: pairing by order alone would hand one
    // speaker's words to another when an earlier copy changed.
    std::unordered_map<std::string_view, std::vector<std::uint32_t>> by_key;
    by_key.reserve(new_quotes.size());
    for (std::size_t i = 0; i < new_quotes.size(); ++i) {
      by_key[new_quotes[i]->key].push_back(static_cast<std::uint32_t>(i));
    }
    std::vector<bool> new_kept(new_quotes.size(), false);
    std::vector<const Fact*> old_match(old_quotes.size(), nullptr);
    auto pair_same_key = [&](auto&& fits) {
      for (std::size_t i = 0; i < old_quotes.size(); ++i) {
        const auto it = old_match[i] == nullptr ? by_key.find(old_quotes[i]->key) : by_key.end();
        if (it == by_key.end()) {
          continue;
        }
        for (const std::uint32_t n : it->second) {
          if (!new_kept[n] && fits(*old_quotes[i], *new_quotes[n])) {
            new_kept[n] = true;
            old_match[i] = new_quotes[n];
            break;
          }
        }
      }
    };
    pair_same_key([this](const Fact& o, const Fact& n) { return aligned(o, n); });
    pair_same_key([](const Fact& o, const Fact& n) {
      return o.speaker.empty() ? n.speaker.empty() : same_source(o.speaker, n.speaker);
    });
    pair_same_key([](const Fact&, const Fact&) { return true; });
    std::vector<const Fact*> removed;
    std::vector<const Fact*> added;
    std::vector<std::pair<const Fact*, const Fact*>> kept;
    for (std::size_t i = 0; i < old_quotes.size(); ++i) {
      if (old_match[i] != nullptr) {
        kept.emplace_back(old_quotes[i], old_match[i]);
      } else {
        removed.push_back(old_quotes[i]);
      }
    }
    for (std::size_t i = 0; i < new_quotes.size(); ++i) {
      if (!new_kept[i]) {
        added.push_back(new_quotes[i]);
      }
    }
    // Different keys but the same words (a key that kept punctuation): kept.
    // Otherwise pair by word overlap, best first.
    struct Candidate {
      double score;
      std::size_t r;
      std::size_t a;
    };
    std::vector<Candidate> candidates;
    std::vector<std::vector<std::string>> removed_words;
    std::vector<std::vector<std::string>> added_words;
    for (const Fact* q : removed) {
      removed_words.push_back(quote_words(q->text));
    }
    for (const Fact* q : added) {
      added_words.push_back(quote_words(q->text));
    }
    constexpr std::size_t k_max_quote_pairs = 250'000; // work bound
    if (removed.size() * added.size() > k_max_quote_pairs) {
      m_result.degraded = true;
    } else {
      for (std::size_t r = 0; r < removed.size(); ++r) {
        for (std::size_t a = 0; a < added.size(); ++a) {
          const double score = word_overlap(removed_words[r], added_words[a]);
          const bool near = aligned(*removed[r], *added[a]);
          if (score >= 0.5 || (near && score >= 0.2)) {
            candidates.push_back({score + (near ? 0.1 : 0.0), r, a});
          }
        }
      }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& x, const Candidate& y) { return x.score > y.score; });
    std::vector<bool> removed_used(removed.size(), false);
    std::vector<bool> added_used(added.size(), false);
    for (const Candidate& c : candidates) {
      if (removed_used[c.r] || added_used[c.a]) {
        continue;
      }
      removed_used[c.r] = true;
      added_used[c.a] = true;
      const Fact& o = *removed[c.r];
      const Fact& n = *added[c.a];
      if (removed_words[c.r] == added_words[c.a]) {
        kept.emplace_back(&o, &n); // punctuation or case only
        continue;
      }
      Change change;
      change.kind = ChangeKind::quote_changed;
      change.old_side = fact_side(o);
      change.new_side = fact_side(n);
      change.speaker = n.speaker.empty() ? o.speaker : n.speaker;
      emit(std::move(change));
      mark_quote(m_old, o, m_old_quote_changed);
      mark_quote(m_new, n, m_new_quote_changed);
      add_speaker_change(o, n);
    }
    for (std::size_t r = 0; r < removed.size(); ++r) {
      if (!removed_used[r]) {
        Change change;
        change.kind = ChangeKind::quote_removed;
        change.old_side = fact_side(*removed[r]);
        change.speaker = removed[r]->speaker;
        emit(std::move(change));
        mark_quote(m_old, *removed[r], m_old_quote_changed);
      }
    }
    for (std::size_t a = 0; a < added.size(); ++a) {
      if (!added_used[a]) {
        Change change;
        change.kind = ChangeKind::quote_added;
        change.new_side = fact_side(*added[a]);
        change.speaker = added[a]->speaker;
        emit(std::move(change));
        mark_quote(m_new, *added[a], m_new_quote_changed);
      }
    }
    for (const auto& [o, n] : kept) {
      add_speaker_change(*o, *n);
    }
  }

  void add_speaker_change(const Fact& o, const Fact& n) {
    if (o.speaker.empty() || n.speaker.empty() || same_source(o.speaker, n.speaker)) {
      return;
    }
    Change change;
    change.kind = ChangeKind::speaker_changed;
    change.old_side = speaker_side(m_old, o);
    change.new_side = speaker_side(m_new, n);
    change.speaker = n.speaker;
    emit(std::move(change));
    mark_quote(m_old, o, m_old_quote_changed);
    mark_quote(m_new, n, m_new_quote_changed);
  }

  void build_texts() {
    if (m_texts_built) {
      return;
    }
    m_texts_built = true;
    for (std::size_t i = 0; i < m_old.sentences.size(); ++i) {
      m_old_texts.insert(m_old.sentence_text(i));
    }
    for (std::size_t i = 0; i < m_new.sentences.size(); ++i) {
      m_new_texts.insert(m_new.sentence_text(i));
    }
  }

  void handle_op(const align::SentenceOp& op, SentenceDiff& diff) {
    switch (op.op) {
    case align::Op::equal:
      // Equal after folding; different bytes (straight → curly quotes, a
      // dash) are still a visible style change.
      if (op.old_sentences.size() == 1 && op.new_sentences.size() == 1 &&
          m_old.sentence_text(op.old_sentences[0]) != m_new.sentence_text(op.new_sentences[0])) {
        Change change;
        change.kind = ChangeKind::reworded;
        change.old_side = sentence_side(m_old, op.old_sentences[0]);
        change.new_side = sentence_side(m_new, op.new_sentences[0]);
        emit(std::move(change));
      }
      return;
    case align::Op::edited:
    case align::Op::moved:
      if (op.old_sentences.size() != 1 || op.new_sentences.size() != 1) {
        return;
      }
      if (op.op == align::Op::moved) {
        Change change;
        change.kind = ChangeKind::claim_moved;
        change.old_side = sentence_side(m_old, op.old_sentences[0]);
        change.new_side = sentence_side(m_new, op.new_sentences[0]);
        emit(std::move(change));
      }
      if (m_old.sentence_text(op.old_sentences[0]) != m_new.sentence_text(op.new_sentences[0])) {
        compare_pair(op.old_sentences[0], op.new_sentences[0], diff);
      }
      return;
    case align::Op::split:
    case align::Op::merged: {
      if (op.old_sentences.empty() || op.new_sentences.empty()) {
        return;
      }
      Change change;
      change.kind = op.op == align::Op::split ? ChangeKind::claim_split : ChangeKind::claim_merged;
      change.old_side = sentences_side(m_old, op.old_sentences);
      change.new_side = sentences_side(m_new, op.new_sentences);
      emit(std::move(change));
      compare_facts(op.old_sentences, op.new_sentences);
      return;
    }
    case align::Op::added:
      for (const std::uint32_t s : op.new_sentences) {
        handle_added(s);
      }
      return;
    case align::Op::removed:
      for (const std::uint32_t s : op.old_sentences) {
        handle_removed(s);
      }
      return;
    }
  }

  void handle_added(std::uint32_t sentence) {
    build_texts();
    if (m_old_texts.count(m_new.sentence_text(sentence)) != 0) {
      return; // stated word for word in the old document already
    }
    for (const std::uint32_t i : m_new_facts.by_sentence[sentence]) {
      const Fact& fact = m_new_facts.facts[i];
      if (fact.kind == FactKind::correction && fact.sentence == sentence &&
          count_of(old_counts(), fact) == 0) {
        Change change;
        change.kind = ChangeKind::correction_added;
        change.new_side = sentence_side(m_new, sentence);
        emit(std::move(change));
        return;
      }
    }
    if (mostly_quote(m_new, m_new_facts, sentence)) {
      return; // the quote pass reported it (or the quote was already there)
    }
    Change change;
    change.kind = ChangeKind::claim_added;
    change.new_side = sentence_side(m_new, sentence);
    emit(std::move(change));
  }

  void handle_removed(std::uint32_t sentence) {
    build_texts();
    if (m_new_texts.count(m_old.sentence_text(sentence)) != 0) {
      return; // still stated word for word in the new document
    }
    if (mostly_quote(m_old, m_old_facts, sentence)) {
      return;
    }
    Change change;
    change.kind = ChangeKind::claim_removed;
    change.old_side = sentence_side(m_old, sentence);
    emit(std::move(change));
  }

  void compare_pair(std::uint32_t old_sentence, std::uint32_t new_sentence, SentenceDiff& diff) {
    std::optional<std::vector<TokenEdit>> edits =
        diff_tokens(m_old, old_sentence, m_new, new_sentence, m_options.max_pair_tokens);
    if (!edits) {
      m_result.degraded = true;
      edits = whole_pair(m_old, old_sentence, m_new, new_sentence);
    }
    diff.words = to_word_edits(m_old, m_new, *edits);

    // A notice edited only in style (a typo fixed) is the same notice.
    m_pair_style_only = judge_wording(m_old, m_new, *edits, {}, {}) != Wording::substantive;
    const std::size_t before = m_result.changes.size();
    compare_facts({old_sentence}, {new_sentence});
    m_pair_style_only = false;
    const bool facts_changed = m_result.changes.size() > before ||
                               m_old_quote_changed[old_sentence] || m_new_quote_changed[new_sentence];

    std::vector<core::Span> old_spans;
    std::vector<core::Span> new_spans;
    for (const std::uint32_t i : m_old_facts.by_sentence[old_sentence]) {
      if (explains_tokens(m_old_facts.facts[i].kind)) {
        old_spans.push_back(m_old_facts.facts[i].span);
      }
    }
    for (const std::uint32_t i : m_new_facts.by_sentence[new_sentence]) {
      if (explains_tokens(m_new_facts.facts[i].kind)) {
        new_spans.push_back(m_new_facts.facts[i].span);
      }
    }
    Wording wording = judge_wording(m_old, m_new, *edits, old_spans, new_spans);
    if (wording == Wording::substantive && !facts_changed &&
        restated_elsewhere(old_sentence, new_sentence,
                           removed_only_content(m_old, m_new, *edits, old_spans, new_spans))) {
      wording = Wording::style; // a repetition dropped: its content is still stated
    }
    if (wording == Wording::substantive) {
      Change change;
      change.kind = ChangeKind::claim_changed;
      change.old_side = sentence_side(m_old, old_sentence);
      change.new_side = sentence_side(m_new, new_sentence);
      emit(std::move(change));
    } else if (!facts_changed) {
      Change change;
      change.kind = ChangeKind::reworded;
      change.old_side = sentence_side(m_old, old_sentence);
      change.new_side = sentence_side(m_new, new_sentence);
      emit(std::move(change));
    }
  }

  // Sentences of a document by folded word, built only when a pair needs it.
  using WordSentences = std::unordered_map<std::string, std::vector<std::uint32_t>>;
  WordSentences m_old_words;
  WordSentences m_new_words;

  static void build_words(const text::Document& doc, WordSentences& index) {
    if (!index.empty()) {
      return;
    }
    for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
      const text::Sentence& sentence = doc.sentences[s];
      for (std::uint32_t t = sentence.first_token;
           t < sentence.first_token + sentence.token_count && t < doc.tokens.size(); ++t) {
        if (doc.tokens[t].kind != text::TokenKind::word) {
          continue;
        }
        std::vector<std::uint32_t>& list = index[text::fold(doc.token_text(t))];
        if (list.empty() || list.back() != s) {
          list.push_back(s);
        }
      }
    }
    index.emplace(std::string(), std::vector<std::uint32_t>{}); // built, even when empty
  }

  // Whether a sentence of `doc` other than `own` holds every word of `words`.
  static bool sentence_with_all(const text::Document& doc, WordSentences& index,
                                std::uint32_t own, const std::vector<std::string>& words) {
    build_words(doc, index);
    const auto first = index.find(words.front());
    if (first == index.end()) {
      return false;
    }
    return std::any_of(first->second.begin(), first->second.end(), [&](std::uint32_t s) {
      return s != own && std::all_of(words.begin() + 1, words.end(), [&](const std::string& w) {
               const auto it = index.find(w);
               return it != index.end() &&
                      std::binary_search(it->second.begin(), it->second.end(), s);
             });
    });
  }

  // Words that only link a phrase to the rest of the sentence ("In addition
  // to the driver, …", "Besides the driver, …"): dropping them with the
  // phrase says nothing new.
  static bool is_connective(std::string_view word) {
    static constexpr std::string_view k_words[] = {
        "addition", "additionally", "besides", "moreover", "furthermore", "including",
        "apart",    "aside",        "along",   "together", "well"};
    return std::find(std::begin(k_words), std::end(k_words), word) != std::end(k_words);
  }

  // A pair whose only substantive edit drops words (`removed`, from
  // removed_only_content) that another sentence states in both versions:
  // "In addition to the 23-year-old male, an 18-year-old man … died" →
  // "An 18-year-old man … died" while "The driver was a 23-year-old male"
  // stays. The facts of the dropped words are still stated (no fact change
  // was found), so an editor calls it a rewording, not a changed claim.
  bool restated_elsewhere(std::uint32_t old_sentence, std::uint32_t new_sentence,
                          std::vector<std::string> removed) {
    constexpr std::size_t k_max_restated_words = 8; // a repeated phrase, not a clause
    if (removed.empty()) {
      return false;
    }
    std::erase_if(removed, [](const std::string& w) { return is_connective(w); });
    if (removed.empty()) {
      return true;
    }
    if (removed.size() > k_max_restated_words) {
      return false;
    }
    return sentence_with_all(m_old, m_old_words, old_sentence, removed) &&
           sentence_with_all(m_new, m_new_words, new_sentence, removed);
  }

  // The facts (other than quotes) of the sentences on each side, set apart
  // by kind, minus those stated on both sides (multiset by key).
  struct Sides {
    std::vector<const Fact*> old_only;
    std::vector<const Fact*> new_only;
  };

  static std::vector<const Fact*> facts_of(const extract::DocumentFacts& facts,
                                           const std::vector<std::uint32_t>& sentences,
                                           FactKind kind) {
    std::vector<const Fact*> out;
    for (const std::uint32_t s : sentences) {
      if (s >= facts.by_sentence.size()) {
        continue;
      }
      for (const std::uint32_t i : facts.by_sentence[s]) {
        const Fact& f = facts.facts[i];
        if (f.kind == kind && f.sentence == s) {
          out.push_back(&f);
        }
      }
    }
    return out;
  }

  Sides sides_of(const std::vector<std::uint32_t>& old_sentences,
                 const std::vector<std::uint32_t>& new_sentences, FactKind kind) const {
    Sides sides;
    std::vector<const Fact*> old_facts = facts_of(m_old_facts, old_sentences, kind);
    std::vector<const Fact*> new_facts = facts_of(m_new_facts, new_sentences, kind);
    std::vector<bool> new_used(new_facts.size(), false);
    for (const Fact* o : old_facts) {
      bool matched = false;
      for (std::size_t j = 0; j < new_facts.size() && !matched; ++j) {
        if (!new_used[j] && new_facts[j]->key == o->key) {
          new_used[j] = true;
          matched = true;
        }
      }
      if (!matched) {
        sides.old_only.push_back(o);
      }
    }
    for (std::size_t j = 0; j < new_facts.size(); ++j) {
      if (!new_used[j]) {
        sides.new_only.push_back(new_facts[j]);
      }
    }
    return sides;
  }

  // Pairs old-only with new-only facts where `match` says they are one fact
  // that changed; calls on_pair for each and removes the pair from `sides`.
  template <typename Match, typename OnPair>
  static void pair_up(Sides& sides, Match match, OnPair on_pair) {
    for (auto o = sides.old_only.begin(); o != sides.old_only.end();) {
      auto n = std::find_if(sides.new_only.begin(), sides.new_only.end(),
                            [&](const Fact* f) { return match(**o, *f); });
      if (n == sides.new_only.end()) {
        ++o;
        continue;
      }
      on_pair(**o, **n);
      sides.new_only.erase(n);
      o = sides.old_only.erase(o);
    }
  }

  // The words of an entity key ("ent:ruth okafor" → "ruth", "okafor").
  static std::vector<std::string_view> key_words(std::string_view key) {
    std::vector<std::string_view> words;
    key.remove_prefix(std::min(key.find(':') + 1, key.size()));
    while (!key.empty()) {
      const std::size_t space = key.find(' ');
      if (space != 0) {
        words.push_back(key.substr(0, space));
      }
      key.remove_prefix(space == std::string_view::npos ? key.size() : space + 1);
    }
    return words;
  }

  static std::unordered_set<std::string_view> entity_words(const extract::DocumentFacts& facts) {
    std::unordered_set<std::string_view> words;
    for (const Fact& fact : facts.facts) {
      if (fact.kind == FactKind::entity) {
        for (const std::string_view word : key_words(fact.key)) {
          words.insert(word);
        }
      }
    }
    return words;
  }

  static void drop_covered(std::vector<const Fact*>& facts,
                           const std::unordered_set<std::string_view>& words) {
    std::erase_if(facts, [&](const Fact* fact) {
      const std::vector<std::string_view> own = key_words(fact->key);
      return !own.empty() && std::all_of(own.begin(), own.end(), [&](std::string_view word) {
        return words.count(word) != 0;
      });
    });
  }

  void emit_added_removed(const Sides& sides, ChangeKind added, ChangeKind removed,
                          bool document_level) {
    for (const Fact* f : sides.old_only) {
      // Still stated elsewhere in the new document: not removed.
      if (document_level && count_of(new_counts(), *f) > 0) {
        continue;
      }
      Change change;
      change.kind = removed;
      change.old_side = fact_side(*f);
      if (f->kind == FactKind::number) {
        change.old_value = f->value;
        change.unit = f->unit;
      }
      if (f->kind == FactKind::attribution) {
        change.source = f->speaker;
      }
      emit(std::move(change));
    }
    for (const Fact* f : sides.new_only) {
      // Already stated in the old document: not added.
      if (document_level && count_of(old_counts(), *f) > 0) {
        continue;
      }
      Change change;
      change.kind = added;
      change.new_side = fact_side(*f);
      if (f->kind == FactKind::number) {
        change.new_value = f->value;
        change.unit = f->unit;
      }
      if (f->kind == FactKind::attribution) {
        change.source = f->speaker;
      }
      emit(std::move(change));
    }
  }

  static std::string fold_unit(std::string_view unit) {
    std::string out;
    for (const char c : text::fold(unit)) {
      if (c != ' ' && c != '-') {
        out += c;
      }
    }
    return out;
  }

  // A qualifier ("at least") that a number gained or lost, as a hedge change,
  // unless the hedge extractor already reported the same words.
  void qualifier_change(const Fact& o, const Fact& n, std::vector<std::string>& hedges_done) {
    const std::string old_q = text::fold(o.qualifier);
    const std::string new_q = text::fold(n.qualifier);
    if (old_q == new_q) {
      return;
    }
    auto done = [&hedges_done](const std::string& q) {
      return std::find(hedges_done.begin(), hedges_done.end(), q) != hedges_done.end();
    };
    if (!old_q.empty() && !done(old_q)) {
      Change change;
      change.kind = ChangeKind::hedge_removed;
      change.old_side = fact_side(o);
      change.old_side->text = o.qualifier;
      emit(std::move(change));
      hedges_done.push_back(old_q);
    }
    if (!new_q.empty() && !done(new_q)) {
      Change change;
      change.kind = ChangeKind::hedge_added;
      change.new_side = fact_side(n);
      change.new_side->text = n.qualifier;
      emit(std::move(change));
      hedges_done.push_back(new_q);
    }
  }

  void compare_facts(const std::vector<std::uint32_t>& old_sentences,
                     const std::vector<std::uint32_t>& new_sentences) {
    std::vector<std::string> hedges_done;
    {
      Sides hedges = sides_of(old_sentences, new_sentences, FactKind::hedge);
      for (const Fact* f : hedges.old_only) {
        hedges_done.push_back(text::fold(f->text));
      }
      for (const Fact* f : hedges.new_only) {
        hedges_done.push_back(text::fold(f->text));
      }
      emit_added_removed(hedges, ChangeKind::hedge_added, ChangeKind::hedge_removed, false);
    }
    {
      Sides numbers = sides_of(old_sentences, new_sentences, FactKind::number);
      auto on_pair = [this, &hedges_done](const Fact& o, const Fact& n) {
        qualifier_change(o, n, hedges_done);
        if (o.value == n.value && fold_unit(o.unit) == fold_unit(n.unit)) {
          return; // the same quantity; only its qualifier or its writing changed
        }
        Change change;
        change.kind = ChangeKind::number_changed;
        change.old_side = fact_side(o);
        change.new_side = fact_side(n);
        change.old_value = o.value;
        change.new_value = n.value;
        change.unit = n.unit.empty() ? o.unit : n.unit;
        emit(std::move(change));
      };
      pair_up(
          numbers,
          [](const Fact& o, const Fact& n) {
            return !o.unit.empty() && fold_unit(o.unit) == fold_unit(n.unit);
          },
          on_pair);
      pair_up(
          numbers, [](const Fact& o, const Fact& n) { return o.unit.empty() || n.unit.empty(); },
          on_pair);
      emit_added_removed(numbers, ChangeKind::number_added, ChangeKind::number_removed, true);
    }
    {
      Sides dates = sides_of(old_sentences, new_sentences, FactKind::date);
      auto on_pair = [this](const Fact& o, const Fact& n) {
        Change change;
        change.kind = ChangeKind::date_changed;
        change.old_side = fact_side(o);
        change.new_side = fact_side(n);
        emit(std::move(change));
      };
      pair_up(
          dates, [](const Fact& o, const Fact& n) { return o.precision == n.precision; }, on_pair);
      pair_up(dates, [](const Fact&, const Fact&) { return true; }, on_pair);
      emit_added_removed(dates, ChangeKind::date_added, ChangeKind::date_removed, true);
    }
    {
      Sides entities = sides_of(old_sentences, new_sentences, FactKind::entity);
      // A name that only split or joined ("Palantir Adobe" → "Palantir",
      // "Adobe" once a comma is added) names nobody new: an entity whose
      // words all appear in the other document's names is not added/removed.
      // The word sets are built once per compare, and only when needed.
      if (!entities.old_only.empty()) {
        if (!m_new_entity_words) {
          m_new_entity_words = entity_words(m_new_facts);
        }
        drop_covered(entities.old_only, *m_new_entity_words);
      }
      if (!entities.new_only.empty()) {
        if (!m_old_entity_words) {
          m_old_entity_words = entity_words(m_old_facts);
        }
        drop_covered(entities.new_only, *m_old_entity_words);
      }
      emit_added_removed(entities, ChangeKind::entity_added, ChangeKind::entity_removed, true);
    }
    {
      Sides attributions = sides_of(old_sentences, new_sentences, FactKind::attribution);
      auto on_pair = [this](const Fact& o, const Fact& n) {
        if (same_source(o.speaker, n.speaker) && neutral_cue(cue_lemma(o)) &&
            neutral_cue(cue_lemma(n))) {
          return; // "said" → "announced": the same source, no stance taken
        }
        Change change;
        change.kind = ChangeKind::attribution_changed;
        change.old_side = fact_side(o);
        change.new_side = fact_side(n);
        change.source = n.speaker.empty() ? o.speaker : n.speaker;
        emit(std::move(change));
      };
      pair_up(
          attributions,
          [](const Fact& o, const Fact& n) { return same_source(o.speaker, n.speaker); }, on_pair);
      pair_up(
          attributions,
          [](const Fact& o, const Fact& n) { return text::fold(o.cue) == text::fold(n.cue); },
          on_pair);
      if (attributions.old_only.size() == 1 && attributions.new_only.size() == 1) {
        pair_up(attributions, [](const Fact&, const Fact&) { return true; }, on_pair);
      }
      emit_added_removed(attributions, ChangeKind::attribution_added,
                         ChangeKind::attribution_removed, false);
    }
    {
      Sides negations = sides_of(old_sentences, new_sentences, FactKind::negation);
      emit_added_removed(negations, ChangeKind::negation_added, ChangeKind::negation_removed,
                         false);
    }
    {
      Sides corrections = sides_of(old_sentences, new_sentences, FactKind::correction);
      if (m_pair_style_only && !corrections.old_only.empty()) {
        corrections.new_only.clear(); // the same notice, reworded: `reworded` reports it
      }
      corrections.old_only.clear(); // a correction that goes away is not reported (no kind)
      emit_added_removed(corrections, ChangeKind::correction_added, ChangeKind::correction_added,
                         true);
    }
  }
};

} // namespace

Classified classify(const text::Document& old_doc, const text::Document& new_doc,
                    const extract::DocumentFacts& old_facts,
                    const extract::DocumentFacts& new_facts, const align::Alignment& alignment,
                    const CompareOptions& options) {
  return Classifier(old_doc, new_doc, old_facts, new_facts, alignment, options).run();
}

} // namespace detail

AnalyzedDocument analyze(text::Document doc, const CompareOptions& options) {
  AnalyzedDocument analyzed;
  // One document: its extractors may share the two cores (compare() of two
  // Documents uses them for the two sides instead).
  extract::ExtractOptions extract_options = options.extract;
  extract_options.parallel = extract_options.parallel || options.parallel;
  analyzed.facts = extract::extract_facts(doc, extract_options);
  analyzed.doc = std::move(doc);
  return analyzed;
}

namespace {

Report compare_with_facts(const text::Document& old_doc, const extract::DocumentFacts& old_facts,
                          const text::Document& new_doc, const extract::DocumentFacts& new_facts,
                          std::string_view old_label, std::string_view new_label,
                          const CompareOptions& options) {
  Report report;
  report.old_doc = {std::string(old_label), static_cast<std::uint32_t>(old_doc.sentences.size()),
                    old_doc.text.size()};
  report.new_doc = {std::string(new_label), static_cast<std::uint32_t>(new_doc.sentences.size()),
                    new_doc.text.size()};
  const bool identical = old_doc.text == new_doc.text;
  const align::Alignment alignment = align::align(old_doc, new_doc, options.align);
  detail::Classified classified =
      detail::classify(old_doc, new_doc, old_facts, new_facts, alignment, options);
  report.changes = std::move(classified.changes);
  report.sentences = std::move(classified.sentences);
  report.degraded = classified.degraded;
  detail::finish_report(report, identical, options);
  return report;
}

} // namespace

Report compare(const AnalyzedDocument& old_side, const AnalyzedDocument& new_side,
               std::string_view old_label, std::string_view new_label,
               const CompareOptions& options) {
  return compare_with_facts(old_side.doc, old_side.facts, new_side.doc, new_side.facts, old_label,
                            new_label, options);
}

Report compare(const text::Document& old_doc, const text::Document& new_doc,
               std::string_view old_label, std::string_view new_label,
               const CompareOptions& options) {
  // Extraction is most of compare()'s time and the two sides are independent:
  // the new side's facts are extracted on a second thread meanwhile. The
  // result is the same either way.
  std::future<extract::DocumentFacts> new_facts_later = core::start_on_second_core(
      options.parallel &&
          std::min(old_doc.text.size(), new_doc.text.size()) >= options.parallel_min_bytes,
      [&new_doc, &options] { return extract::extract_facts(new_doc, options.extract); });
  const extract::DocumentFacts old_facts = extract::extract_facts(old_doc, options.extract);
  const extract::DocumentFacts new_facts = new_facts_later.valid()
                                               ? new_facts_later.get()
                                               : extract::extract_facts(new_doc, options.extract);
  return compare_with_facts(old_doc, old_facts, new_doc, new_facts, old_label, new_label, options);
}

} // namespace storydiff::diff
