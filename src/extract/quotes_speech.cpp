// SPDX-License-Identifier: MIT
#include "quotes_speech.hpp"
#include "entities_lexicon.hpp"
#include "token_info.hpp"
#include "word_hash.hpp"

#include <storydiff/core/utf8.hpp>
#include <storydiff/text/normalize.hpp>

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

namespace storydiff::extract::detail {

namespace {

// Longest source phrase, in tokens; longest look-back for a pronoun's name.
constexpr std::uint32_t k_max_phrase_tokens = 10;
constexpr std::uint32_t k_person_lookback_tokens = 400;
constexpr std::uint32_t k_person_lookback_sentences = 5;
constexpr std::uint32_t k_relative_clause_tokens = 40;

// Lowercase ASCII copy of a short word; empty for long words (no cue or list
// word is longer than 24 bytes).
struct Lower {
  std::array<char, 32> buf{};
  std::size_t n = 0;
  explicit Lower(std::string_view word) {
    if (word.size() >= buf.size()) {
      return;
    }
    for (char c : word) {
      buf[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  std::string_view view() const { return {buf.data(), n}; }
};

using WordSet = WordViewSet;

const FlatWordMap<Cue>& cue_table() {
  static const FlatWordMap<Cue> table = [] {
    FlatWordMap<Cue> t;
    auto add = [&t](std::initializer_list<std::string_view> forms, std::string_view lemma,
                    CueStrength strength) {
      for (std::string_view form : forms) {
        t.emplace(form, Cue{lemma, strength});
      }
    };
    const auto s = CueStrength::strong;
    const auto w = CueStrength::weak;
    add({"said", "says", "say"}, "say", s);
    add({"told", "tells", "tell"}, "tell", s);
    add({"stated", "states"}, "state", s);
    add({"claimed", "claims"}, "claim", s);
    add({"denied", "denies"}, "deny", s);
    add({"confirmed", "confirms"}, "confirm", s);
    add({"announced", "announces"}, "announce", s);
    add({"warned", "warns"}, "warn", s);
    add({"insisted", "insists"}, "insist", s);
    add({"admitted", "admits"}, "admit", s);
    add({"explained", "explains"}, "explain", s);
    add({"noted", "notes"}, "note", s);
    add({"wrote", "writes"}, "write", s);
    add({"reported", "reports"}, "report", s);
    add({"acknowledged", "acknowledges"}, "acknowledge", s);
    add({"argued", "argues"}, "argue", s);
    add({"testified", "testifies"}, "testify", s);
    add({"declared", "declares"}, "declare", s);
    add({"alleged", "alleges"}, "allege", s);
    add({"conceded", "concedes"}, "concede", s);
    add({"tweeted", "tweets"}, "tweet", s);
    add({"according"}, "according to", s);
    add({"added", "adds"}, "add", w);
    add({"asked", "asks"}, "ask", w);
    add({"continued", "continues"}, "continue", w);
    add({"recalled", "recalls"}, "recall", w);
    add({"replied", "replies"}, "reply", w);
    add({"responded", "responds"}, "respond", w);
    add({"posted", "posts"}, "post", w);
    add({"described", "describes"}, "describe", w);
    add({"stressed", "stresses"}, "stress", w);
    add({"commented", "comments"}, "comment", w);
    add({"remarked"}, "remark", w);
    add({"urged", "urges"}, "urge", w);
    add({"vowed", "vows"}, "vow", w);
    add({"promised", "promises"}, "promise", w);
    add({"wondered"}, "wonder", w);
    add({"shouted", "yelled"}, "shout", w);
    add({"joked"}, "joke", w);
    add({"quipped"}, "quip", w);
    add({"cautioned"}, "caution", w);
    add({"emphasized", "emphasised"}, "emphasize", w);
    const auto p = CueStrength::participle;
    add({"saying"}, "say", p);
    add({"adding"}, "add", p);
    add({"stating"}, "state", p);
    add({"telling"}, "tell", p);
    add({"noting"}, "note", p);
    add({"explaining"}, "explain", p);
    add({"insisting"}, "insist", p);
    add({"claiming"}, "claim", p);
    add({"warning"}, "warn", p);
    add({"arguing"}, "argue", p);
    return t;
  }();
  return table;
}

const WordSet& stop_words() {
  static const WordSet set = {
      "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our",
      "my", "your", "some", "any", "all", "each", "every", "no", "both", "either", "neither",
      "and", "or", "but", "nor", "so", "yet", "for", "of", "in", "on", "at", "by", "to",
      "from", "with", "without", "into", "onto", "over", "under", "about", "after", "before",
      "during", "since", "until", "while", "when", "where", "who", "whom", "whose", "which",
      "what", "why", "how", "if", "than", "then", "as", "also", "too", "very", "not", "only",
      "just", "even", "still", "already", "again", "is", "are", "was", "were", "be", "been",
      "being", "has", "have", "had", "do", "does", "did", "will", "would", "shall", "should",
      "can", "could", "may", "might", "must", "there", "here", "him", "them", "us", "me",
      "yesterday", "today", "tonight", "tomorrow", "now", "later", "earlier", "morning",
      "afternoon", "evening", "night", "week", "month", "year", "day", "monday", "tuesday",
      "wednesday", "thursday", "friday", "saturday", "sunday", "meanwhile", "however",
      "last", "next", "despite", "although", "though", "because", "many", "several", "most",
      "other", "such", "one", "first", "further", "previously", "initially", "repeatedly",
      "reportedly", "allegedly", "originally", "publicly", "privately", "recently", "once",
      "never", "always", "often", "currently", "she", "he", "they", "it", "we", "i", "you",
      "january", "february", "march", "april", "june", "july", "august", "september",
      "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
      "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms"};
  return set;
}

const WordSet& determiners() {
  static const WordSet set = {"the", "a", "an", "his", "her", "their", "its", "our", "some",
                              "many", "several", "most", "other", "two", "three", "four"};
  return set;
}

// Words skipped between a source and its cue: "Rice also stated", "She has said".
const WordSet& cue_adverbs() {
  static const WordSet set = {"has",       "have",       "had",        "also",       "further",
                              "later",     "previously", "then",       "again",      "earlier",
                              "initially", "once",       "repeatedly", "reportedly", "allegedly",
                              "originally", "publicly",  "privately",  "recently",   "first",
                              "yesterday", "today",      "would",      "will",       "did",
                              "does",      "had",        "formally",   "quickly",    "flatly"};
  return set;
}

const WordSet& pronouns() {
  static const WordSet set = {"he", "she", "they", "it", "we", "i", "you"};
  return set;
}

// Lowercase nouns that can head a source phrase ("police said", "the fire chief said").
const WordSet& source_nouns() {
  static const WordSet set = {
      "police", "officials", "official", "authorities", "authority", "spokesman",
      "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "witnesses", "witness",
      "residents", "resident", "sources", "source", "ministry", "department", "government",
      "company", "firm", "agency", "army", "military", "prosecutors", "prosecutor",
      "investigators", "investigator", "officers", "officer", "firefighters", "rescuers",
      "doctors", "doctor", "hospital", "statement", "report", "newspaper", "media",
      "analysts", "analyst", "experts", "expert", "observers", "critics", "lawyers", "lawyer",
      "attorney", "attorneys", "family", "relatives", "neighbors", "neighbours", "chief",
      "mayor", "governor", "president", "minister", "secretary", "director", "chair",
      "chairman", "chairwoman", "coach", "sheriff", "judge", "court", "council", "board",
      "committee", "commission", "union", "group", "organization", "organisation", "office",
      "leader", "leaders", "people", "regulators", "administration", "campaign", "coroner",
      "patrol", "guard", "service", "bureau", "embassy", "staff", "owner", "owners",
      "manager", "managers", "researchers", "scientists", "study", "survey", "website",
      "broadcaster", "network", "aides", "aide", "adviser", "advisers", "advisor",
      "diplomats", "diplomat", "activists", "organizers", "organisers", "protesters",
      "survivors", "workers", "employees", "commander", "commanders", "captain", "senator",
      "spokesperson", "inspector", "superintendent", "principal", "teacher", "teachers",
      "parents", "officers", "detective", "detectives", "paramedics", "medics", "rebels",
      "militants", "troops", "soldiers", "representatives", "representative", "members",
      "member", "partner", "partners", "operator", "district", "county", "city", "state",
      "utility", "airline", "university", "school", "team", "club", "league", "federation",
      "association", "institute", "center", "centre", "lifeguards", "fishermen", "farmers"};
  return set;
}

// Capitalized words after which "of" continues a name: "Secretary of State",
// "Department of Natural Resources", "President of the United States".
const WordSet& of_taking() {
  static const WordSet set = {
      "secretary", "department", "ministry", "minister", "president", "director", "head",
      "chief", "governor", "mayor", "bank", "university", "office", "board", "bureau",
      "council", "court", "chamber", "federation", "union", "republic", "institute",
      "commission", "committee", "chairman", "chair", "commissioner", "bishop", "archbishop",
      "prime", "attorney", "state", "states", "kingdom", "church", "society", "college",
      "school", "museum", "association", "league", "army", "corps", "house", "city", "town",
      "county", "province", "people", "party", "coalition", "organization", "organisation",
      "centers", "centre", "center", "agency", "division", "secretariat", "speaker"};
  return set;
}

// Abbreviated titles and name parts followed by a period inside a name.
const WordSet& title_abbreviations() {
  static const WordSet set = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "lt", "col",
                              "gen", "capt", "sgt", "cpl", "pvt", "maj", "adm", "cmdr", "det",
                              "insp", "supt", "prof", "rev", "hon", "st", "jr", "sr", "atty",
                              "pres", "amb", "brig", "fr", "cdr", "lieut", "gov", "sec"};
  return set;
}

// Last words that make a capitalized run an organization or place, not a person.
const WordSet& non_person_last_words() {
  static const WordSet set = {
      "department", "ministry", "office", "council", "committee", "commission", "command",
      "times", "post", "news", "press", "university", "bank", "court", "agency", "service",
      "police", "party", "company", "corporation", "inc", "ltd", "group", "association",
      "institute", "center", "centre", "hospital", "school", "airport", "street", "avenue",
      "road", "county", "city", "state", "states", "republic", "kingdom", "union", "nations",
      "guard", "force", "forces", "army", "navy", "board", "authority", "america", "europe",
      "africa", "asia", "east", "west", "north", "south", "island", "islands", "beach",
      "point", "lake", "river", "bay", "harbor", "harbour", "park", "valley", "pier",
      "bridge", "mountains", "sea", "ocean", "strip", "gulf", "club", "league", "federation",
      "organization", "organisation", "week", "day", "congress", "senate", "parliament",
      "house", "assembly", "cabinet", "government", "administration", "reuters", "observer",
      "journal", "herald", "tribune", "guardian", "telegraph", "mail", "network", "radio",
      "television", "tv", "agency", "fund", "foundation", "trust", "council", "patrol"};
  return set;
}

bool in(const WordSet& set, std::string_view word) {
  const Lower lower(word);
  return lower.n != 0 && set.contains(lower.view());
}

// "US" is not "us".
bool is_acronym(std::string_view word) {
  if (word.size() < 2) {
    return false;
  }
  for (char c : word) {
    if (c < 'A' || c > 'Z') {
      return false;
    }
  }
  return true;
}

bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

} // namespace

const Cue* find_cue_lower(std::string_view lower) {
  return lower.empty() || lower.size() >= sizeof(Lower::buf) ? nullptr : cue_table().find(lower);
}

Cue cue_of(std::string_view word) {
  const Lower lower(word);
  const Cue* cue = find_cue_lower(lower.view());
  return cue == nullptr ? Cue{} : *cue;
}

SpeechScanner::SpeechScanner(const text::Document& doc, const TokenInfos& infos)
    : m_doc(doc), m_infos(infos) {
  m_sentence_of_token.resize(doc.tokens.size(), 0);
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const auto& sentence = doc.sentences[s];
    for (std::uint32_t t = 0; t < sentence.token_count; ++t) {
      const std::uint32_t index = sentence.first_token + t;
      if (index < m_sentence_of_token.size()) {
        m_sentence_of_token[index] = s;
      }
    }
  }
}

Cue SpeechScanner::cue_at(std::uint32_t i) const {
  const Cue* cue = m_infos.tokens[i].cue;
  return cue == nullptr ? Cue{} : *cue;
}

std::uint32_t SpeechScanner::sentence_first(std::uint32_t sentence) const {
  return m_doc.sentences[sentence].first_token;
}

std::uint32_t SpeechScanner::sentence_last(std::uint32_t sentence) const {
  const auto& s = m_doc.sentences[sentence];
  return std::min<std::uint32_t>(s.first_token + s.token_count,
                                 static_cast<std::uint32_t>(m_doc.tokens.size()));
}

bool SpeechScanner::is_capitalized(std::uint32_t i) const {
  const text::Token& tok = m_doc.tokens[i];
  if (tok.kind != text::TokenKind::word) {
    return false;
  }
  const std::string_view word = tok.span.of(m_doc.text);
  if (word.empty()) {
    return false;
  }
  const unsigned char first = static_cast<unsigned char>(word[0]);
  if (first < 0x80) {
    return first >= 'A' && first <= 'Z';
  }
  // Latin-1 and Latin Extended-A capitals ("Émile", "Łukasz"); other scripts
  // have no case we can rely on here.
  const char32_t cp = core::decode_utf8(word, 0).value;
  if (cp >= 0xC0 && cp <= 0xDE) {
    return cp != 0xD7;
  }
  return cp >= 0x100 && cp <= 0x17F && cp % 2 == 0;
}

namespace {

enum class Role { capital, source, lowercase, determiner, pronoun, period_in_name, of, stop };

} // namespace

// Backward from `end` (exclusive): [det] [modifiers] head, where the head is a
// capitalized name, a source noun or a pronoun.
std::optional<SpeechScanner::Phrase> SpeechScanner::phrase_before(std::uint32_t sentence,
                                                                  std::uint32_t end) const {
  const std::uint32_t first = sentence_first(sentence);
  if (end <= first) {
    return std::nullopt;
  }
  std::uint32_t i = end - 1;
  const text::Token& head = m_doc.tokens[i];
  if (head.kind != text::TokenKind::word) {
    return std::nullopt;
  }
  const std::string_view head_word = head.span.of(m_doc.text);
  if (in(pronouns(), head_word)) {
    return Phrase{i, end, i, end};
  }
  const bool head_capital = is_capitalized(i) && !in(stop_words(), head_word);
  const bool head_source = in(source_nouns(), head_word);
  if (!head_capital && !head_source) {
    return std::nullopt;
  }
  Phrase phrase{i, end, i, end};
  std::uint32_t lowercase_run = 0;
  std::uint32_t count = 1;
  while (i > first && count < k_max_phrase_tokens) {
    const std::uint32_t k = i - 1;
    const text::Token& tok = m_doc.tokens[k];
    const std::string_view word = tok.span.of(m_doc.text);
    if (tok.kind == text::TokenKind::punctuation && word == "." && k > first &&
        m_doc.tokens[k - 1].span.end == tok.span.start && is_capitalized(k - 1) &&
        (in(title_abbreviations(), m_doc.token_text(k - 1)) ||
         m_doc.token_text(k - 1).size() == 1)) {
      i = k - 1; // "Sen." "J."
      count += 2;
      lowercase_run = 0;
      continue;
    }
    if (tok.kind != text::TokenKind::word) {
      break;
    }
    if (in(determiners(), word)) {
      // "Capt. Lena Ortiz of the harbor patrol": the speaker is before "of".
      if (k >= first + 2 && Lower(m_doc.token_text(k - 1)).view() == "of" &&
          is_capitalized(k - 2)) {
        auto left = phrase_before(sentence, k - 1);
        if (left && is_capitalized(left->last - 1)) {
          return Phrase{left->first, end, left->head_first, left->last};
        }
      }
      i = k;
      break;
    }
    if (in(stop_words(), word) && !is_acronym(word)) {
      // "Secretary of State", "Department of Natural Resources".
      if (Lower(word).view() == "of" && k > first && is_capitalized(k - 1) &&
          in(of_taking(), m_doc.token_text(k - 1)) && is_capitalized(i)) {
        i = k;
        ++count;
        continue;
      }
      break;
    }
    if (is_capitalized(k)) {
      i = k;
      ++count;
      lowercase_run = 0;
      continue;
    }
    // A lowercase modifier: "the fire chief", "board chair Harold Wynn".
    if (in(source_nouns(), word) || (lowercase_run < 2 && head_source && !head_capital)) {
      i = k;
      ++count;
      ++lowercase_run;
      continue;
    }
    break;
  }
  phrase.first = skip_leading_place(i, end);
  phrase.head_first = phrase.first;
  return phrase;
}

// Forward from `begin`: [det] words up to a stop, trimmed back to the last head.
std::optional<SpeechScanner::Phrase> SpeechScanner::phrase_after(std::uint32_t sentence,
                                                                 std::uint32_t begin) const {
  const std::uint32_t last = sentence_last(sentence);
  if (begin >= last) {
    return std::nullopt;
  }
  std::uint32_t i = begin;
  if (m_doc.tokens[i].kind == text::TokenKind::word && in(pronouns(), m_doc.token_text(i))) {
    return Phrase{i, i + 1, i, i + 1};
  }
  if (m_doc.tokens[i].kind == text::TokenKind::word && in(determiners(), m_doc.token_text(i))) {
    ++i;
  }
  std::uint32_t head_end = 0; // one past the last head, 0 = none yet
  std::uint32_t count = 0;
  while (i < last && count < k_max_phrase_tokens) {
    const text::Token& tok = m_doc.tokens[i];
    const std::string_view word = tok.span.of(m_doc.text);
    if (tok.kind == text::TokenKind::punctuation && word == "." && i > begin &&
        m_doc.tokens[i - 1].span.end == tok.span.start && is_capitalized(i - 1) &&
        (in(title_abbreviations(), m_doc.token_text(i - 1)) ||
         m_doc.token_text(i - 1).size() == 1) &&
        i + 1 < last && is_capitalized(i + 1)) {
      ++i; // "Sgt." "J." followed by more of the name
      ++count;
      continue;
    }
    if (tok.kind != text::TokenKind::word) {
      break;
    }
    if (in(stop_words(), word)) {
      const Lower lower(word);
      if (lower.view() == "of" && i > begin && is_capitalized(i - 1) &&
          in(of_taking(), m_doc.token_text(i - 1)) && i + 1 < last) {
        std::uint32_t next = i + 1;
        if (m_doc.token_text(next) == "the" && next + 1 < last) {
          ++next;
        }
        if (is_capitalized(next)) {
          i = next;
          ++count;
          continue;
        }
      }
      break;
    }
    if (is_capitalized(i) || in(source_nouns(), word)) {
      head_end = i + 1;
    } else if (cue_at(i).strength != CueStrength::none) {
      break;
    }
    ++i;
    ++count;
  }
  if (head_end == 0) {
    return std::nullopt;
  }
  return Phrase{begin, head_end, begin, head_end};
}

// "Admiral William J. Fallon, the commanding officer of ..., said" and
// "Senator Hillary Clinton, who is running for President, said".
std::optional<SpeechScanner::Phrase> SpeechScanner::subject_before_comma(std::uint32_t sentence,
                                                                         std::uint32_t cue) const {
  const std::uint32_t first = sentence_first(sentence);
  const std::uint32_t floor = cue > first + k_relative_clause_tokens ? cue - k_relative_clause_tokens
                                                                      : first;
  for (std::uint32_t k = cue; k > floor + 1; --k) {
    const std::uint32_t comma = k - 2;
    if (m_doc.token_text(comma) == "," && comma + 1 < cue) {
      const Lower next(m_doc.token_text(comma + 1));
      // "X, who …, said" and the appositive "X, from the local police, said".
      if (next.view() == "who" || next.view() == "which" || next.view() == "whose" ||
          next.view() == "from" || next.view() == "of") {
        auto phrase = phrase_before(sentence, comma);
        if (phrase) {
          return phrase;
        }
      }
    }
  }
  // The first clause-initial name directly followed by a comma.
  std::uint32_t start = first;
  for (int commas = 0; commas < 4 && start < cue; ++commas) {
    auto phrase = phrase_after(sentence, start);
    if (phrase && phrase->last < cue && m_doc.token_text(phrase->last) == "," &&
        phrase->first == start) {
      return phrase;
    }
    std::uint32_t next = start;
    while (next < cue && m_doc.token_text(next) != ",") {
      ++next;
    }
    start = next + 1;
  }
  return std::nullopt;
}

std::uint32_t SpeechScanner::listener_end(std::uint32_t sentence, std::uint32_t begin) const {
  auto phrase = phrase_after(sentence, begin);
  if (phrase) {
    return phrase->last;
  }
  // "told state labor officials": lowercase words up to a stop.
  const std::uint32_t last = sentence_last(sentence);
  std::uint32_t i = begin;
  std::uint32_t end = begin;
  while (i < last && i < begin + 5 && m_doc.tokens[i].kind == text::TokenKind::word &&
         !in(stop_words(), m_doc.token_text(i))) {
    ++i;
    end = i;
  }
  return end;
}

// A caption run into the text ("Location of the county within England Simon
// Adkin of the local police said"): a known place name directly before a
// personal name of two or more capitalized words is not part of the name.
// Returns the first token of the name proper, or `first` when [first, last)
// does not start that way. Titles, organization words and place suffixes in
// the rest ("Ohio State Senator Ann Lee", "Kenya Airways") keep the place.
std::uint32_t SpeechScanner::skip_leading_place(std::uint32_t first, std::uint32_t last) const {
  if (first >= last || !is_capitalized(first) || is_first_name(m_doc.token_text(first))) {
    return first;
  }
  std::string place;
  for (std::uint32_t len = 1; len <= 2 && first + len + 2 <= last; ++len) {
    const std::uint32_t k = first + len - 1;
    if (!is_capitalized(k)) {
      break;
    }
    if (!place.empty()) {
      place += ' ';
    }
    place += ascii_lower(m_doc.token_text(k));
    if (!is_known_place(place)) {
      continue;
    }
    bool person = true;
    for (std::uint32_t n = first + len; n < last && person; ++n) {
      const std::string_view word = m_doc.token_text(n);
      person = is_capitalized(n) && !is_title_head(word) && !is_title_modifier(word) &&
               !is_org_word(word) && !is_place_suffix(word) && !in(non_person_last_words(), word);
    }
    if (person) {
      return first + len;
    }
  }
  return first;
}

std::string SpeechScanner::speaker_text(const Phrase& phrase) const {
  std::uint32_t first = phrase.head_first;
  std::uint32_t last = phrase.head_last > first ? phrase.head_last : phrase.last;
  // "board chair Harold Wynn", "director Nora Feld": the name without its role.
  if (last > first + 1 && is_capitalized(last - 1)) {
    std::uint32_t k = first;
    bool role = false;
    while (k < last && !is_capitalized(k)) {
      role = role || in(source_nouns(), m_doc.token_text(k));
      ++k;
    }
    if (role && k < last) {
      first = k;
    }
  }
  first = skip_leading_place(first, last);
  // "Hillary Clinton Senator Hillary Clinton" (a caption run into the text):
  // keep the first mention.
  for (std::uint32_t k = first + 2; k < last; ++k) {
    if (is_capitalized(first) && m_doc.token_text(k) == m_doc.token_text(first)) {
      std::uint32_t cut = k;
      if (is_capitalized(cut - 1) && m_doc.token_text(cut - 1) != m_doc.token_text(last - 1)) {
        --cut;
      }
      last = cut;
      break;
    }
  }
  const std::uint32_t start = m_doc.tokens[first].span.start;
  const std::uint32_t end = m_doc.tokens[last - 1].span.end;
  std::string out;
  out.reserve(end - start);
  bool space = false;
  for (char c : std::string_view(m_doc.text).substr(start, end - start)) {
    if (is_space_byte(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) {
      out.push_back(' ');
    }
    space = false;
    out.push_back(c);
  }
  return out;
}

std::optional<SpeechAttribution> SpeechScanner::attribution_at(std::uint32_t sentence,
                                                               std::uint32_t cue) const {
  const std::uint32_t first = sentence_first(sentence);
  const std::uint32_t last = sentence_last(sentence);
  if (cue < first || cue >= last) {
    return std::nullopt;
  }
  const Cue info = cue_at(cue);
  if (info.strength == CueStrength::none) {
    return std::nullopt;
  }
  std::uint32_t cue_end = cue + 1;
  std::optional<Phrase> phrase;
  bool before = false;
  if (info.lemma == "according to") {
    if (cue_end >= last || Lower(m_doc.token_text(cue_end)).view() != "to") {
      return std::nullopt;
    }
    ++cue_end;
    phrase = phrase_after(sentence, cue_end);
  } else {
    std::uint32_t end = cue;
    for (int skips = 0; skips < 3 && end > first && in(cue_adverbs(), m_doc.token_text(end - 1));
         ++skips) {
      --end;
    }
    if (info.strength != CueStrength::participle) {
      phrase = phrase_before(sentence, end);
      before = phrase.has_value();
    }
    if (!phrase) {
      phrase = phrase_after(sentence, cue_end);
    }
    if (!phrase && end > first && m_doc.token_text(end - 1) == ",") {
      phrase = subject_before_comma(sentence, end - 1);
      before = phrase.has_value();
    }
  }
  if (!phrase) {
    return std::nullopt;
  }
  std::uint32_t span_first = std::min(phrase->first, cue);
  std::uint32_t span_last = std::max(phrase->last, cue_end);
  if (before && info.lemma == "tell") {
    span_last = std::max(span_last, listener_end(sentence, cue_end));
  }
  SpeechAttribution out;
  out.span = {m_doc.tokens[span_first].span.start, m_doc.tokens[span_last - 1].span.end};
  out.speaker = speaker_text(*phrase);
  if (info.lemma == "according to") {
    out.cue = std::string(m_doc.token_text(cue)) + " " + std::string(m_doc.token_text(cue + 1));
  } else {
    out.cue = std::string(m_doc.token_text(cue));
  }
  out.lemma = std::string(info.lemma);
  const Lower lower(out.speaker);
  if (lower.view() == "he" || lower.view() == "she") {
    std::string name = recent_person(phrase->first);
    if (!name.empty()) {
      out.speaker = std::move(name);
    }
  }
  return out;
}

std::optional<SpeechAttribution> SpeechScanner::find_near(std::uint32_t sentence,
                                                          std::uint32_t first, std::uint32_t last,
                                                          bool backwards) const {
  const std::uint32_t s_first = sentence_first(sentence);
  const std::uint32_t s_last = sentence_last(sentence);
  first = std::max(first, s_first);
  last = std::min(last, s_last);
  if (first >= last) {
    return std::nullopt;
  }
  std::optional<SpeechAttribution> participle;
  for (std::uint32_t n = 0; n < last - first; ++n) {
    const std::uint32_t i = backwards ? last - 1 - n : first + n;
    const text::Token& tok = m_doc.tokens[i];
    if (tok.kind == text::TokenKind::quote) {
      break;
    }
    if (tok.kind != text::TokenKind::word) {
      continue;
    }
    const Cue info = cue_at(i);
    if (info.strength == CueStrength::none) {
      continue;
    }
    auto found = attribution_at(sentence, i);
    if (found && participle) {
      // "Brose claimed ..., adding that": the participle's cue, the clause's source.
      found->cue = participle->cue;
      found->lemma = participle->lemma;
      return found;
    }
    if (found) {
      return found;
    }
    if (info.strength == CueStrength::participle && backwards && !participle) {
      participle = SpeechAttribution{};
      participle->cue = std::string(tok.span.of(m_doc.text));
      participle->lemma = std::string(info.lemma);
      first = s_first; // look for the clause's own cue in the whole sentence
      // restart the countdown from the participle towards the sentence start
      for (std::uint32_t j = i; j > first; --j) {
        const std::uint32_t k = j - 1;
        if (m_doc.tokens[k].kind == text::TokenKind::quote) {
          break;
        }
        const Cue inner = cue_at(k);
        if (inner.strength == CueStrength::strong || inner.strength == CueStrength::weak) {
          auto main = attribution_at(sentence, k);
          if (main) {
            main->cue = participle->cue;
            main->lemma = participle->lemma;
            return main;
          }
        }
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<SpeechAttribution> SpeechScanner::introducer(std::uint32_t sentence) const {
  const std::uint32_t first = sentence_first(sentence);
  const std::uint32_t last = sentence_last(sentence);
  for (std::uint32_t i = first; i < last; ++i) {
    if (m_doc.tokens[i].kind == text::TokenKind::quote) {
      return std::nullopt; // the sentence quotes someone itself
    }
  }
  auto found = find_near(sentence, first, last, false);
  if (found) {
    return found;
  }
  auto phrase = phrase_after(sentence, first);
  if (!phrase || !is_capitalized(phrase->head_first)) {
    return std::nullopt;
  }
  // "Capt. Lena Ortiz of the harbor patrol described ...": the name before "of".
  std::uint32_t end = phrase->last;
  for (std::uint32_t k = phrase->head_first; k < phrase->last; ++k) {
    if (Lower(m_doc.token_text(k)).view() == "of") {
      end = k;
      break;
    }
  }
  SpeechAttribution out;
  Phrase head{phrase->first, end, phrase->head_first, end};
  out.speaker = speaker_text(head);
  out.span = {m_doc.tokens[head.first].span.start, m_doc.tokens[end - 1].span.end};
  return out;
}

std::string SpeechScanner::recent_person(std::uint32_t before) const {
  if (before == 0 || before > m_doc.tokens.size()) {
    return {};
  }
  const std::uint32_t sentence = m_sentence_of_token[before - 1];
  const std::uint32_t from_sentence =
      sentence >= k_person_lookback_sentences ? sentence - k_person_lookback_sentences : 0;
  std::uint32_t start = sentence_first(from_sentence);
  if (before > k_person_lookback_tokens) {
    start = std::max(start, before - k_person_lookback_tokens);
  }
  std::uint32_t best_first = 0;
  std::uint32_t best_last = 0;
  std::uint32_t i = start;
  while (i < before) {
    if (!is_capitalized(i) || in(stop_words(), m_doc.token_text(i))) {
      ++i;
      continue;
    }
    std::uint32_t j = i + 1;
    std::uint32_t words = 1;
    while (j < before) {
      const std::string_view word = m_doc.token_text(j);
      if (word == "." && m_doc.tokens[j - 1].span.end == m_doc.tokens[j].span.start &&
          (in(title_abbreviations(), m_doc.token_text(j - 1)) ||
           m_doc.token_text(j - 1).size() == 1) &&
          j + 1 < before && is_capitalized(j + 1)) {
        ++j;
        continue;
      }
      if (is_capitalized(j) && !in(stop_words(), word)) {
        ++j;
        ++words;
        continue;
      }
      break;
    }
    const std::string_view last_word = m_doc.token_text(j - 1);
    bool person = words >= 2 && !in(non_person_last_words(), last_word);
    if (!person && words == 1 && j < before &&
        cue_at(j).strength == CueStrength::strong &&
        !in(source_nouns(), last_word) && !in(non_person_last_words(), last_word)) {
      person = true; // "Brose claimed"
    }
    if (person) {
      best_first = i;
      best_last = j;
    }
    i = j;
  }
  if (best_last == 0) {
    return {};
  }
  return speaker_text(Phrase{best_first, best_last, best_first, best_last});
}

std::string quote_key_words(std::string_view words) {
  const std::string folded = text::fold(words);
  std::string out;
  out.reserve(folded.size());
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  bool pending_space = false;
  for (std::size_t i = 0; i < folded.size();) {
    const unsigned char c = static_cast<unsigned char>(folded[i]);
    if (c < 0x80) {
      const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(static_cast<char>(c));
      if (alnum) {
        if (pending_space && !out.empty()) {
          out.push_back(' ');
        }
        pending_space = false;
        out.push_back(static_cast<char>(c));
      } else if ((c == '.' || c == ',') && i > 0 && i + 1 < folded.size() &&
                 is_digit(folded[i - 1]) && is_digit(folded[i + 1])) {
        out.push_back(static_cast<char>(c)); // "3.5", "12,000"
      } else if (c == '\'') {
        // "don't" and "dont" are one spelling; drop the apostrophe.
      } else {
        pending_space = true;
      }
      ++i;
      continue;
    }
    const core::CodePoint cp = core::decode_utf8(folded, i);
    const std::size_t len = cp.length == 0 ? 1 : cp.length;
    const char32_t v = cp.value;
    const bool punct = (v >= 0x2010 && v <= 0x205E) || v == 0xA1 || v == 0xAB || v == 0xBB ||
                       v == 0xBF || v == 0xB7 || (v >= 0x3000 && v <= 0x303F) || v == 0xFFFD;
    if (punct) {
      pending_space = true;
    } else {
      if (pending_space && !out.empty()) {
        out.push_back(' ');
      }
      pending_space = false;
      out.append(folded, i, len);
    }
    i += len;
  }
  return out;
}

} // namespace storydiff::extract::detail
