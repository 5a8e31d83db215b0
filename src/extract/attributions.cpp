// SPDX-License-Identifier: MIT
#include "extractors.hpp"
#include "quotes_marks.hpp"
#include "quotes_speech.hpp"

#include <storydiff/text/normalize.hpp>

#include <algorithm>

// Attributions: one fact per cue word with a source ("police said", "said
// Mayor Ruth Okafor", "according to the ministry", "Okafor, who …, said").
// Decisions:
// - key = "attr:" + folded source + "|" + the cue's lemma, so a tense change
//   ("says" → "said") keeps the key and a verb change ("stated" → "denied")
//   does not.
// - Cue words inside quoted words are the speaker's words, not attributions.
// - Passives ("is said to", "was told") and participles ("saying", "adding")
//   are skipped: the first are hedges, the second repeat their clause's cue.
// - Weak cues ("added", "continued", "asked") count only next to a quote or
//   before "that"; plural nouns that look like cues ("claims", "reports",
//   "states", "notes") only before "that" or a quote.
namespace storydiff::extract::detail {

namespace {

bool lower_is(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) {
    return false;
  }
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
    if (c != lower[i]) {
      return false;
    }
  }
  return true;
}

bool is_any(std::string_view word, std::initializer_list<std::string_view> list) {
  for (std::string_view w : list) {
    if (lower_is(word, w)) {
      return true;
    }
  }
  return false;
}

} // namespace

void extract_attributions(const text::Document& doc, const TokenInfos& info,
                          const std::vector<QuoteRegion>& quotes, std::vector<Fact>& out) {
  if (doc.sentences.empty()) {
    return;
  }
  const SpeechScanner scanner(doc, info);
  // Quoted words in text order, to skip cue words inside them.
  std::vector<core::Span> quoted;
  for (const QuoteRegion& q : quotes) {
    quoted.insert(quoted.end(), q.parts.begin(), q.parts.end());
  }
  std::size_t next_quoted = 0;

  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const auto& sentence = doc.sentences[s];
    const std::uint32_t first = sentence.first_token;
    const std::uint32_t last = std::min<std::uint32_t>(
        first + sentence.token_count, static_cast<std::uint32_t>(doc.tokens.size()));
    std::uint32_t covered_until = first; // tokens before this are in an emitted phrase
    for (std::uint32_t t = first; t < last; ++t) {
      const text::Token& tok = doc.tokens[t];
      if (tok.kind != text::TokenKind::word) {
        continue;
      }
      const std::string_view word = tok.span.of(doc.text);
      const Cue cue = scanner.cue_at(t);
      if (cue.strength == CueStrength::none || cue.strength == CueStrength::participle) {
        continue;
      }
      while (next_quoted < quoted.size() && quoted[next_quoted].end <= tok.span.start) {
        ++next_quoted;
      }
      if (next_quoted < quoted.size() && quoted[next_quoted].start <= tok.span.start) {
        continue; // inside quoted words
      }
      const std::string_view prev = t > first ? doc.token_text(t - 1) : std::string_view{};
      const std::string_view next = t + 1 < last ? doc.token_text(t + 1) : std::string_view{};
      if (is_any(prev, {"is", "was", "are", "were", "be", "been", "being", "the", "a", "an",
                        "his", "her", "their", "its", "these", "those", "this", "such"})) {
        continue; // passive ("is said to") or a noun ("the claims")
      }
      if (t + 1 < last && scanner.cue_at(t + 1).strength != CueStrength::none &&
          scanner.cue_at(t + 1).lemma != "according to") {
        continue; // "reports said": the first is a noun
      }
      // Next to a quotation mark, or introducing a clause.
      auto near_quote = [&] {
        for (std::uint32_t k = t > first + 4 ? t - 4 : first; k < std::min(last, t + 5); ++k) {
          if (doc.tokens[k].kind == text::TokenKind::quote) {
            return true;
          }
        }
        return false;
      };
      const bool clause = is_any(next, {"that"}) || next == ":";
      const bool ambiguous_noun = is_any(word, {"claims", "reports", "states", "notes",
                                                "posts", "comments", "promises", "vows"});
      if ((cue.strength == CueStrength::weak || ambiguous_noun) && !clause && !near_quote()) {
        continue;
      }
      auto found = scanner.attribution_at(s, t);
      if (!found || found->speaker.empty()) {
        continue;
      }
      if (found->span.start < (covered_until > first ? doc.tokens[covered_until - 1].span.end : 0)) {
        continue; // the same phrase again ("according to")
      }
      Fact fact;
      fact.kind = FactKind::attribution;
      fact.sentence = s;
      fact.last_sentence = s;
      fact.span = found->span;
      fact.text = std::string(found->span.of(doc.text));
      for (char& c : fact.text) {
        if (c == '\n') {
          c = ' ';
        }
      }
      fact.key = "attr:" + text::fold(found->speaker) + "|" + found->lemma;
      fact.speaker = std::move(found->speaker);
      fact.cue = std::move(found->cue);
      out.push_back(std::move(fact));
      while (covered_until < last && doc.tokens[covered_until].span.start < found->span.end) {
        ++covered_until;
      }
    }
  }
}

} // namespace storydiff::extract::detail
