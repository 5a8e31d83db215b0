// SPDX-License-Identifier: MIT
#pragma once

// Private to the extract module: the words of reported speech (cue verbs,
// source nouns, titles) and bounded token scans that find who said
// something. Shared by the quote and attribution extractors.
#include <storydiff/core/span.hpp>
#include <storydiff/text/segment.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace storydiff::extract::detail {

enum class CueStrength {
  none,
  strong,     // "said", "told", "denied": an attribution wherever it has a source
  weak,       // "added", "continued", "asked": only next to a quote or before "that"
  participle, // "saying", "adding": borrows the subject of its clause
};

struct Cue {
  std::string_view lemma; // "say" for said/says/say; empty when not a cue
  CueStrength strength = CueStrength::none;
};

// The cue a word is, by its written form (ASCII case-insensitive).
Cue cue_of(std::string_view word);
// cue_of(word) as an entry of the static cue table (valid for the program's
// life), given the word ASCII-lowercased; nullptr when it is no cue.
// TokenInfos keeps these per token.
const Cue* find_cue_lower(std::string_view lower);

// One "source + cue" phrase.
struct SpeechAttribution {
  core::Span span;     // the phrase: source, cue and a listener after "told"
  std::string speaker; // the source as written; he/she resolved to a name when easy
  std::string cue;     // the cue as written ("said", "according to")
  std::string lemma;   // "say", "tell", "according to", ...
};

// Reads reported speech in one Document. Every scan is bounded by a constant
// number of tokens, so callers stay linear in the document.
struct TokenInfos;

class SpeechScanner {
public:
  // `infos` is analyze_tokens(doc) (token_info.hpp); both outlive the scanner.
  SpeechScanner(const text::Document& doc, const TokenInfos& infos);

  // cue_of(token i's text), from the per-token records.
  Cue cue_at(std::uint32_t i) const;

  // The attribution whose cue word is token `cue` (absolute token index) of
  // sentence `sentence`, or nullopt when no source phrase is found. "According"
  // followed by "to" is the cue "according to".
  std::optional<SpeechAttribution> attribution_at(std::uint32_t sentence, std::uint32_t cue) const;

  // The nearest cue with a source among tokens [first, last) of `sentence`,
  // searched from `last - 1` backwards (`backwards`) or from `first`
  // forwards; stops at a quotation mark. Participles without a source of
  // their own borrow the next finite cue's source further back.
  std::optional<SpeechAttribution> find_near(std::uint32_t sentence, std::uint32_t first,
                                             std::uint32_t last, bool backwards) const;

  // The subject of a sentence that introduces a quote ("Capt. Lena Ortiz of
  // the harbor patrol described the search:"): its first cue's source, or the
  // name it starts with. nullopt when it has neither.
  std::optional<SpeechAttribution> introducer(std::uint32_t sentence) const;

  // The most recent person-like name before token `before` (within a few
  // sentences); empty when there is none.
  std::string recent_person(std::uint32_t before) const;

  // Whether token i is a word starting with a capital letter.
  bool is_capitalized(std::uint32_t i) const;
  std::string_view token(std::uint32_t i) const { return m_doc.token_text(i); }

private:
  struct Phrase {
    std::uint32_t first = 0; // token range [first, last)
    std::uint32_t last = 0;
    std::uint32_t head_first = 0; // the speaker: [head_first, head_last) ("Capt. Lena Ortiz"
    std::uint32_t head_last = 0;  // of "Capt. Lena Ortiz of the harbor patrol")
  };
  std::optional<Phrase> phrase_before(std::uint32_t sentence, std::uint32_t end) const;
  std::optional<Phrase> phrase_after(std::uint32_t sentence, std::uint32_t begin) const;
  std::optional<Phrase> subject_before_comma(std::uint32_t sentence, std::uint32_t cue) const;
  std::uint32_t listener_end(std::uint32_t sentence, std::uint32_t begin) const;
  std::string speaker_text(const Phrase& phrase) const;
  std::uint32_t skip_leading_place(std::uint32_t first, std::uint32_t last) const;
  std::uint32_t sentence_first(std::uint32_t sentence) const;
  std::uint32_t sentence_last(std::uint32_t sentence) const;

  const text::Document& m_doc;
  const TokenInfos& m_infos;
  std::vector<std::uint32_t> m_sentence_of_token;
};

// The comparison form of quoted words: folded, punctuation dropped (kept
// between digits), whitespace single.
std::string quote_key_words(std::string_view words);

} // namespace storydiff::extract::detail
