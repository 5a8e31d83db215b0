// SPDX-License-Identifier: MIT
#include "entities_lexicon.hpp"
#include "extractors.hpp"
#include "word_hash.hpp"

#include <storydiff/core/utf8.hpp>
#include <storydiff/text/normalize.hpp>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

// Entities: a rule-based recognizer over the Document's tokens (no NER model
// is available offline). Decisions:
// - A candidate is a run of capitalized words, joined by name particles
//   ("Bank of England", "Queen of the North", "Lula da Silva"), initials
//   ("Anna K. Berg"), "&" ("AT&T"-style pairs split by spaces) and a
//   ", Jr." suffix; acronyms ("FBI", "U.S.") are capitalized words too.
//   Possessives are stripped ("Okafor’s" → Okafor) and end the run.
// - Sentence starts (also after an opening quote mark or a colon) are not
//   evidence: a first word that is a common sentence starter ("The",
//   "However", "Police"), or that the document also writes in lower case and
//   never capitalizes mid-sentence, is dropped from its run; a run left with a
//   single sentence-initial word counts only if that word is also capitalized
//   mid-sentence somewhere, is an acronym or is a known place/organization.
// - Headline-case paragraphs (headings, and short one-sentence paragraphs
//   without final punctuation whose content words are mostly capitalized)
//   only yield names already found in the rest of the document.
// - Months, weekdays, time zones, "I", nationality adjectives and a few
//   non-name acronyms ("HIV", "GDP") are never entities on their own.
// - A title before a name ("Mayor", "Dr.", "State Sen.", "Fire Chief") makes
//   a person; the title stays in Fact::text and span but not in the key:
//   key = "ent:" + the folded name without title, periods or "Jr." suffix.
//   Words before a title form their own entity ("Federal Reserve Chairman
//   Alan Greenspan" → "Federal Reserve" + "Alan Greenspan").
// - Coreference-lite: a single name word equal to the last word of a
//   multi-word person or organization named in the document takes that
//   name's key and type (the nearest earlier mention, else the first later
//   one), so "Okafor" after "Mayor Ruth Okafor" is not a new entity.
// - Type: title or given-name/initial shape or a following speech verb →
//   person; organization words ("Police", "Bank", "Ministry") and acronyms →
//   organization; known places, place words ("Street", "Island"), "in X" and
//   "X, Ore." → place; else other. All mentions of one key share the most
//   specific type found for it.
// - A vessel prefix ("MV", "HMS", "CCGS") stays out of the key.
// Cost: linear in the tokens (runs are capped at k_max_run words).
namespace storydiff::extract::detail {

namespace {

constexpr std::size_t k_max_run = 12;

bool is_upper_cp(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') {
    return true;
  }
  if (cp >= 0xC0 && cp <= 0xDE) {
    return cp != 0xD7;
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    return cp % 2 == 0; // Latin Extended-A alternates upper/lower (close enough)
  }
  return (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F);
}

bool is_lower_ascii_start(std::string_view word) {
  return !word.empty() && word[0] >= 'a' && word[0] <= 'z';
}

// "Okafor’s" → "Okafor"; "Jones'" → "Jones". Returns the bare length.
std::size_t strip_possessive(std::string_view word) {
  if (word.size() > 2 && (word.ends_with("'s") || word.ends_with("'S"))) {
    return word.size() - 2;
  }
  if (word.size() > 4 && word.ends_with("\xE2\x80\x99s")) {
    return word.size() - 4;
  }
  if (word.size() > 2 && word.ends_with("s'")) {
    return word.size() - 1;
  }
  if (word.size() > 4 && word.ends_with("s\xE2\x80\x99")) {
    return word.size() - 3;
  }
  return word.size();
}

bool starts_capitalized(std::string_view word) {
  if (word.empty()) {
    return false;
  }
  // ASCII fast path: a capital, or a lowercase letter that can start a glued
  // particle below ("al-", "el-", "bin-", "d'", "l'"); anything else is not.
  const char c0 = word[0];
  if (c0 >= 'A' && c0 <= 'Z') {
    return true;
  }
  if (static_cast<unsigned char>(c0) < 0x80) {
    // Every prefix below has 'l', 'i', ' or the lead byte of ’ second: one
    // test rejects "and", "be", "did" (a quarter of all words) at once.
    if ((c0 != 'a' && c0 != 'e' && c0 != 'b' && c0 != 'd' && c0 != 'l') || word.size() < 3 ||
        (word[1] != 'l' && word[1] != 'i' && word[1] != '\'' && word[1] != '\xE2')) {
      return false;
    }
  } else if (is_upper_cp(core::decode_utf8(word, 0).value)) {
    return true;
  }
  // "al-Assad", "el-Sisi", "d’Estaing", "bin-Laden": a particle glued to a name.
  for (std::string_view prefix : {"al-", "el-", "bin-", "d'", "d\xE2\x80\x99", "l'"}) {
    if (word.size() > prefix.size() && word.starts_with(prefix)) {
      return is_upper_cp(core::decode_utf8(word, prefix.size()).value);
    }
  }
  return false;
}

// All letters upper case, at least two of them: "FBI", "U.S.", "UNHCR", "G7".
bool is_acronym(std::string_view word) {
  int upper = 0;
  for (char c : word) {
    if (c >= 'A' && c <= 'Z') {
      ++upper;
    } else if (!((c >= '0' && c <= '9') || c == '.' || c == '&' || c == '-')) {
      return false;
    }
  }
  return upper >= 2;
}

// Words after which an adjacent "." belongs to the word: initials, titles and
// the usual name abbreviations.
bool takes_period(std::string_view word) {
  if (word.size() == 1) {
    return true; // an initial
  }
  static const WordViewSet k_words = {
      "Jr", "Sr", "St", "Mt", "Ft", "Co", "Corp", "Inc", "Ltd", "Bros", "Ave", "Rd", "Blvd",
      "Dept", "Hwy", "Pkwy", "Ln", "No", "Messrs", "Mme", "Mlle"};
  return k_words.count(word) != 0 || is_title_head(word) || !state_abbreviation(word).empty();
}

bool is_royal(std::string_view word) {
  return word == "Queen" || word == "King" || word == "Prince" || word == "Princess" ||
         word == "Duke" || word == "Duchess" || word == "Earl" || word == "Emperor" ||
         word == "Sultan" || word == "Emir" || word == "Lord" || word == "Lady";
}

bool is_ship_prefix(std::string_view word) {
  return word == "MV" || word == "MS" || word == "SS" || word == "HMS" || word == "USS" ||
         word == "RMS" || word == "CCGS" || word == "HMCS" || word == "USNS" || word == "HMAS";
}

struct Word {
  std::uint32_t token = 0;
  std::uint32_t start = 0;     // span of the word as it appears in the name
  std::uint32_t end = 0;       // (a taken "." included, a possessive excluded)
  std::string_view bare;       // no possessive, no final period
  bool connector = false;      // "of", "de", "the", "&", ...
  bool acronym = false;
  bool initial = false;        // "K."
  bool suffix = false;         // ", Jr."
  bool number = false;         // "Route 9"
};

struct Candidate {
  std::uint32_t sentence = 0;
  core::Span span;
  std::string key;
  std::string last_word; // folded; multi-word names only
  std::uint32_t name_words = 0;
  EntityType type = EntityType::other;
  bool acronym = false;
  bool org_last = false; // the last name word is an organization word
};

// The multi-word names sharing one last word, in candidate order, indexed so
// that "the last one listed that starts before byte x" is a binary search
// rather than a scan (a long document names one person hundreds of times).
class Mentions {
public:
  void add(std::uint32_t candidate, std::uint32_t start) { m_list.push_back({start, candidate}); }
  std::uint32_t front() const { return m_list.front().candidate; }

  // Sorts a copy by start and records, for each prefix, the latest-listed
  // candidate in it (candidate indices grow in list order).
  void index() {
    m_by_start = m_list;
    std::stable_sort(m_by_start.begin(), m_by_start.end(),
                     [](const Entry& a, const Entry& b) { return a.start < b.start; });
    m_latest.resize(m_by_start.size());
    std::uint32_t latest = 0;
    for (std::size_t k = 0; k < m_by_start.size(); ++k) {
      latest = k == 0 ? m_by_start[k].candidate : std::max(latest, m_by_start[k].candidate);
      m_latest[k] = latest;
    }
  }

  // The latest-listed candidate starting before `start`; UINT32_MAX if none.
  std::uint32_t last_before(std::uint32_t start) const {
    const auto end = std::partition_point(m_by_start.begin(), m_by_start.end(),
                                          [start](const Entry& e) { return e.start < start; });
    return end == m_by_start.begin()
               ? UINT32_MAX
               : m_latest[static_cast<std::size_t>(end - m_by_start.begin()) - 1];
  }

private:
  struct Entry {
    std::uint32_t start = 0;
    std::uint32_t candidate = 0;
  };
  std::vector<Entry> m_list;
  std::vector<Entry> m_by_start;
  std::vector<std::uint32_t> m_latest;
};

class Recognizer {
public:
  Recognizer(const text::Document& doc, const TokenInfos& info) : m_doc(doc), m_info(info) {}

  void run(std::vector<Fact>& out);

private:
  std::string_view tok(std::uint32_t i) const { return m_doc.token_text(i); }
  // ascii_lower(tok(i)), without a copy.
  std::string_view lower_tok(std::uint32_t i) const { return m_info.lower_of(m_doc, i); }
  // ascii_lower(w.bare): a word's bare is always a prefix of its token's text.
  std::string_view lower_bare(const Word& w) const {
    return lower_tok(w.token).substr(0, w.bare.size());
  }
  bool is_word(std::uint32_t i) const { return m_doc.tokens[i].kind == text::TokenKind::word; }
  bool is_name_word(std::uint32_t i) const {
    if (!is_word(i)) {
      return false;
    }
    const std::string_view t = tok(i);
    return starts_capitalized(t) && !is_calendar_word(t.substr(0, strip_possessive(t)));
  }
  bool is_initial_position(std::uint32_t i, std::uint32_t first) const;
  void classify_paragraphs();
  void collect_evidence();
  void scan_sentence(std::uint32_t s, bool headline);
  std::uint32_t build_run(std::uint32_t i, std::uint32_t end, std::vector<Word>& run) const;
  void process_run(std::uint32_t s, std::vector<Word> run, bool initial);
  void emit(std::uint32_t s, const std::vector<Word>& run, std::size_t span_from,
            std::size_t name_from, std::size_t name_to, EntityType type);
  EntityType classify(const std::vector<Word>& run, std::size_t from, std::size_t to,
                      std::string_view folded) const;
  void match_headline(std::uint32_t s, const std::vector<Word>& run);
  void resolve_coreference();
  std::string_view folded_bare(const Word& w);
  std::string_view folded_with_periods(const Word& w);
  void append_name(std::string& out, const std::vector<Word>& run, std::size_t from,
                   std::size_t to);
  std::string name_of(const std::vector<Word>& run, std::size_t from, std::size_t to) {
    std::string name;
    append_name(name, run, from, to);
    return name;
  }

  const text::Document& m_doc;
  const TokenInfos& m_info;
  std::vector<char> m_headline; // per paragraph
  WordViewSet m_mid_caps;
  WordViewSet m_lower; // only the lower-case words process_run may ask about
  std::vector<Candidate> m_cands;
  std::vector<std::pair<std::uint32_t, std::vector<Word>>> m_headline_runs;
  std::string m_known_text; // what m_known_keys and m_last_words view
  WordViewSet m_known_keys;
  WordViewSet m_last_words;
  // folded_bare()'s cache, per token: the folded words are appended to
  // m_fold_text; UINT32_MAX = not folded yet, k_lower = lower_bare().
  struct FoldedWord {
    static constexpr std::uint32_t k_lower = UINT32_MAX - 1;
    std::uint32_t at = UINT32_MAX;
    std::uint32_t size = 0;
    std::uint32_t bare_size = 0; // the bare the fold was made from (a token prefix)
  };
  std::vector<FoldedWord> m_folded;
  std::string m_fold_text;
  std::string m_with_periods; // folded_with_periods()'s result when not cached
  std::string m_key;          // match_headline's candidate key, reused
};

bool Recognizer::is_initial_position(std::uint32_t i, std::uint32_t first) const {
  if (i == first) {
    return true;
  }
  const text::Token& prev = m_doc.tokens[i - 1];
  if (prev.kind == text::TokenKind::quote || prev.kind == text::TokenKind::symbol) {
    // An opening quote or a bullet starts a new clause; a closing mark
    // directly after a word does not.
    return i - 1 == first || m_doc.tokens[i - 2].kind != text::TokenKind::word ||
           prev.span.start != m_doc.tokens[i - 2].span.end || prev.span.end != m_doc.tokens[i].span.start;
  }
  if (prev.kind == text::TokenKind::number) {
    // A change note after its date ("13 April 2026 Updated information ..."):
    // the line break was folded away, the new clause still starts here.
    return is_sentence_starter(lower_tok(i));
  }
  if (prev.kind == text::TokenKind::punctuation) {
    const std::string_view p = tok(i - 1);
    return p == ":" || p == "(" || p == "[" || p == "\xE2\x80\x94" || p == "\xE2\x80\x93" ||
           p == "--" || p == "\xE2\x80\xA6" || p == "..." || p == "." || p == "?" || p == "!";
  }
  return false;
}

void Recognizer::classify_paragraphs() {
  m_headline.assign(m_doc.paragraphs.size(), 0);
  // Sentences per paragraph: they are in text order, so one pass counts them.
  std::vector<std::uint32_t> first_sentence(m_doc.paragraphs.size(), UINT32_MAX);
  std::vector<std::uint32_t> sentence_count(m_doc.paragraphs.size(), 0);
  for (std::uint32_t s = 0; s < m_doc.sentences.size(); ++s) {
    const std::uint32_t p = m_doc.sentences[s].paragraph;
    if (p >= m_doc.paragraphs.size()) {
      continue;
    }
    first_sentence[p] = std::min(first_sentence[p], s);
    ++sentence_count[p];
  }
  for (std::uint32_t p = 0; p < m_doc.paragraphs.size(); ++p) {
    if (m_doc.paragraphs[p].kind == text::BlockKind::heading) {
      m_headline[p] = 1;
      continue;
    }
    if (sentence_count[p] != 1) {
      continue;
    }
    const text::Sentence& sentence = m_doc.sentences[first_sentence[p]];
    std::uint32_t content = 0;
    std::uint32_t capitalized = 0;
    std::uint32_t shouted = 0;
    std::uint32_t words = 0;
    const std::uint32_t end = sentence.first_token + sentence.token_count;
    for (std::uint32_t i = sentence.first_token; i < end; ++i) {
      if (!is_word(i)) {
        continue;
      }
      ++words;
      const std::string_view t = tok(i);
      if (is_name_connector(t) || t == "a" || t == "an" || t == "and" || t == "or" ||
          t == "in" || t == "on" || t == "at" || t == "to" || t == "by" || t == "as" ||
          t == "with" || t == "from" || t == "is" || t == "are") {
        continue;
      }
      ++content;
      capitalized += starts_capitalized(t) ? 1U : 0U;
      shouted += (t.size() > 1 && is_acronym(t)) ? 1U : 0U;
    }
    if (content >= 3 && shouted * 10 >= content * 8) {
      m_headline[p] = 1; // an all-caps line
      continue;
    }
    if (sentence.token_count == 0 || words > 20 || content < 2) {
      continue;
    }
    const std::string_view last = tok(end - 1);
    const bool final_punct = last == "." || last == "!" || last == "?" || last == ";";
    if (!final_punct && capitalized * 10 >= content * 8) {
      m_headline[p] = 1;
    }
  }
}

void Recognizer::collect_evidence() {
  // m_lower answers one question, in process_run: is the lower case of a
  // capitalized word at a sentence start (of a body sentence) written
  // somewhere in the document? Those words are gathered first, and m_lower
  // keeps only the lower-case words among them: a small table rather than
  // one holding every word of the document (its inserts dominated here).
  WordViewSet asked;
  std::vector<std::uint32_t> lower_words;
  lower_words.reserve(m_doc.tokens.size() / 2);
  m_mid_caps.reserve(m_doc.tokens.size() / 16);
  for (std::uint32_t s = 0; s < m_doc.sentences.size(); ++s) {
    const text::Sentence& sentence = m_doc.sentences[s];
    const bool headline = sentence.paragraph < m_headline.size() && m_headline[sentence.paragraph];
    const std::uint32_t end = sentence.first_token + sentence.token_count;
    for (std::uint32_t i = sentence.first_token; i < end; ++i) {
      if (!is_word(i)) {
        continue;
      }
      const std::string_view t = tok(i);
      // process_run asks is_sentence_starter() first and m_lower only when
      // that fails: leaving the starters ("the", "he") out keeps the most
      // common lower-case words from passing the table's pre-filter.
      const auto ask = [&] {
        const std::string_view lower = lower_tok(i).substr(0, strip_possessive(t));
        if (!is_sentence_starter(lower)) {
          asked.insert(lower);
        }
      };
      if (is_lower_ascii_start(t)) {
        lower_words.push_back(i);
        // Capitalized too when a particle is glued to a name ("al-Assad").
        if (!headline && starts_capitalized(t) && is_initial_position(i, sentence.first_token)) {
          ask();
        }
      } else if (!headline && starts_capitalized(t)) {
        if (is_initial_position(i, sentence.first_token)) {
          ask();
        } else {
          m_mid_caps.insert(t.substr(0, strip_possessive(t)));
        }
      }
    }
  }
  m_lower.reserve(asked.size());
  for (const std::uint32_t i : lower_words) {
    if (asked.contains(tok(i))) {
      m_lower.insert(tok(i));
    }
  }
}

std::uint32_t Recognizer::build_run(std::uint32_t i, std::uint32_t end,
                                    std::vector<Word>& run) const {
  run.clear();
  std::uint32_t j = i;
  bool has_org = false;
  while (j < end && run.size() < k_max_run) {
    const text::Token& token = m_doc.tokens[j];
    const std::string_view t = tok(j);
    if (is_name_word(j)) {
      Word w;
      w.token = j;
      w.start = token.span.start;
      const std::size_t bare_len = strip_possessive(t);
      w.bare = t.substr(0, bare_len);
      w.end = token.span.start + static_cast<std::uint32_t>(bare_len);
      w.acronym = is_acronym(w.bare);
      if (w.acronym && w.bare.back() == '.') {
        w.bare.remove_suffix(1);
      }
      has_org = has_org || is_org_word(w.bare);
      const bool possessive = bare_len != t.size();
      ++j;
      if (!possessive && j < end && tok(j) == "." && m_doc.tokens[j].span.start == w.end &&
          takes_period(w.bare)) {
        w.end = m_doc.tokens[j].span.end;
        w.initial = w.bare.size() == 1;
        ++j;
      }
      run.push_back(w);
      if (possessive) {
        break;
      }
      continue;
    }
    if (run.empty()) {
      break;
    }
    const Word& prev = run.back();
    if (token.kind == text::TokenKind::word && is_name_connector(t)) {
      // Which particles may join depends on the word before them.
      std::uint32_t next = j + 1;
      if (t == "of" && next < end && tok(next) == "the") {
        ++next;
      }
      if (next >= end || !is_name_word(next) || tok(next) == "I") {
        break;
      }
      bool join = false;
      if (t == "of") {
        const bool title_only = std::all_of(run.begin(), run.end(), [](const Word& w) {
          return is_title_head(w.bare) || is_title_modifier(w.bare);
        });
        const bool personish = is_first_name(run.front().bare) ||
                               std::any_of(run.begin(), run.end(), [](const Word& w) {
                                 return w.initial;
                               }) ||
                               (is_title_head(run.front().bare) && !is_royal(run.front().bare));
        join = title_only ? is_royal(prev.bare) : !personish;
      } else if (t == "for") {
        join = has_org;
      } else if (t == "the") {
        join = false; // only after "of", handled above
      } else {
        join = true; // de, van, von, da, bin, al, ...
      }
      if (!join) {
        break;
      }
      for (std::uint32_t k = j; k < next; ++k) {
        Word w;
        w.token = k;
        w.start = m_doc.tokens[k].span.start;
        w.end = m_doc.tokens[k].span.end;
        w.bare = tok(k);
        w.connector = true;
        run.push_back(w);
      }
      j = next;
      continue;
    }
    if (token.kind == text::TokenKind::symbol && t == "&" && j + 1 < end && is_name_word(j + 1)) {
      Word w;
      w.token = j;
      w.start = token.span.start;
      w.end = token.span.end;
      w.bare = t;
      w.connector = true;
      run.push_back(w);
      ++j;
      continue;
    }
    if (t == "," && j + 1 < end && (tok(j + 1) == "Jr" || tok(j + 1) == "Sr")) {
      Word w;
      w.token = j + 1;
      w.start = m_doc.tokens[j + 1].span.start;
      w.end = m_doc.tokens[j + 1].span.end;
      w.bare = tok(j + 1);
      w.suffix = true;
      j += 2;
      if (j < end && tok(j) == "." && m_doc.tokens[j].span.start == w.end) {
        w.end = m_doc.tokens[j].span.end;
        ++j;
      }
      run.push_back(w);
      break;
    }
    if (token.kind == text::TokenKind::number && token.form == text::NumberForm::cardinal &&
        (prev.bare == "Route" || prev.bare == "Highway" || prev.bare == "Interstate" ||
         prev.bare == "Flight" || prev.bare == "Hwy" || prev.bare == "Gate")) {
      Word w;
      w.token = j;
      w.start = token.span.start;
      w.end = token.span.end;
      w.bare = t;
      w.number = true;
      run.push_back(w);
      ++j;
      break;
    }
    break;
  }
  // A bare "Jr." is a suffix, not a name of its own.
  for (Word& w : run) {
    if (!w.connector && (w.bare == "Jr" || w.bare == "Sr") && &w != &run.front()) {
      w.suffix = true;
    }
  }
  while (!run.empty() && run.back().connector) {
    run.pop_back();
  }
  return std::max(j, i + 1);
}

// text::fold(w.bare without its periods), folded once per token: names are
// folded many times over (every candidate key of a headline word, every
// title split), and fold dominated the recognizer's profile. The view is
// valid until the next call (m_fold_text may grow).
std::string_view Recognizer::folded_bare(const Word& w) {
  FoldedWord& cached = m_folded[w.token];
  // A word's bare is a prefix of its token's text and is the same for every
  // run that token is in; the size check keeps the cache exact regardless.
  if (cached.at != UINT32_MAX && cached.bare_size == w.bare.size()) {
    if (cached.at == FoldedWord::k_lower) {
      return lower_bare(w);
    }
    return std::string_view(m_fold_text).substr(cached.at, cached.size);
  }
  bool plain_ascii = true;
  bool periods = false;
  for (const char c : w.bare) {
    const auto b = static_cast<unsigned char>(c);
    plain_ascii = plain_ascii && b < 0x80 && b != ' ' && !(b >= 0x09 && b <= 0x0D);
    periods = periods || c == '.';
  }
  // fold() of ASCII without whitespace is its lower case: most words are
  // their text in the pre-pass's lowered copy.
  if (plain_ascii && !periods) {
    if (cached.at == UINT32_MAX) {
      cached = FoldedWord{FoldedWord::k_lower, 0, static_cast<std::uint32_t>(w.bare.size())};
    }
    return lower_bare(w);
  }
  const std::size_t at = m_fold_text.size();
  if (plain_ascii) {
    for (const char c : w.bare) {
      if (c != '.') {
        m_fold_text += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      }
    }
  } else {
    std::string plain;
    for (const char c : w.bare) {
      if (c != '.') {
        plain += c;
      }
    }
    m_fold_text += text::fold(plain);
  }
  const auto size = static_cast<std::uint32_t>(m_fold_text.size() - at);
  if (cached.at == UINT32_MAX) {
    cached = FoldedWord{static_cast<std::uint32_t>(at), size,
                        static_cast<std::uint32_t>(w.bare.size())};
  }
  return std::string_view(m_fold_text).substr(at, size);
}

// text::fold(w.bare), periods kept (the last-word keys of coreference).
// Valid until the next call.
std::string_view Recognizer::folded_with_periods(const Word& w) {
  if (w.bare.find('.') == std::string_view::npos) {
    return folded_bare(w);
  }
  m_with_periods = text::fold(w.bare);
  return m_with_periods;
}

// Appends text::fold(the name's words without suffix or periods, joined by
// spaces). fold() folds word by word between whitespace and joins the
// non-empty results with one space (text/normalize.cpp), so joining the
// words' cached folds gives the same bytes as folding the joined name.
void Recognizer::append_name(std::string& out, const std::vector<Word>& run, std::size_t from,
                             std::size_t to) {
  const std::size_t start = out.size();
  for (std::size_t k = from; k < to; ++k) {
    const Word& w = run[k];
    if (w.suffix) {
      continue;
    }
    const std::string_view folded = folded_bare(w);
    if (folded.empty()) {
      continue;
    }
    if (out.size() != start) {
      out += ' ';
    }
    out += folded;
  }
}

EntityType Recognizer::classify(const std::vector<Word>& run, std::size_t from, std::size_t to,
                                std::string_view folded) const {
  if (is_known_place(folded)) {
    return EntityType::place;
  }
  if (is_known_org(folded)) {
    return EntityType::organization;
  }
  std::size_t names = 0;
  bool initial = false;
  bool org = false;
  bool acronym = false;
  for (std::size_t k = from; k < to; ++k) {
    const Word& w = run[k];
    if (w.connector || w.suffix || w.number) {
      continue;
    }
    ++names;
    initial = initial || (w.initial && k + 1 < to);
    org = org || is_org_word(w.bare);
    acronym = acronym || w.acronym;
  }
  if (names == 1 && acronym) {
    std::string plain;
    for (char c : run[from].bare) {
      if (c != '.') {
        plain += c;
      }
    }
    return is_place_acronym(plain) ? EntityType::place : EntityType::organization;
  }
  if (org) {
    return EntityType::organization;
  }
  const Word& first = run[from];
  const Word& last = run[to - 1];
  if (last.number || (names > 1 && (is_place_suffix(last.bare) || is_place_prefix(first.bare)))) {
    return EntityType::place;
  }
  if (names > 1 && (initial || is_first_name(first.bare) || run[to - 1].suffix)) {
    return EntityType::person;
  }
  if (acronym) {
    return EntityType::organization;
  }
  // Context after the name: a speech verb → person; ", Ore." or ", Austria" → place.
  const std::uint32_t after =
      last.token + 1 + (last.end > m_doc.tokens[last.token].span.end ? 1U : 0U);
  if (after < m_doc.tokens.size()) {
    const std::string_view next = tok(after);
    const std::string_view lower = lower_tok(after);
    if (names >= 2 && names <= 3 && is_speech_verb(lower) && first.bare != "The" &&
        last.bare != "Act") {
      return EntityType::person;
    }
    if (next == "," && after + 1 < m_doc.tokens.size()) {
      const std::string_view n2 = tok(after + 1);
      if (!state_abbreviation(n2).empty() || is_known_place(text::fold(n2))) {
        return EntityType::place;
      }
      if (names >= 2 && m_doc.tokens[after + 1].kind == text::TokenKind::number &&
          after + 2 < m_doc.tokens.size() && tok(after + 2) == ",") {
        return EntityType::person; // "Carl Mendes, 34,"
      }
    }
  }
  if (first.token > 0) {
    const std::string_view prev = tok(first.token - 1);
    if (prev == "in" || prev == "near" || prev == "outside" || prev == "across" ||
        prev == "throughout" || prev == "In" || prev == "Near") {
      return EntityType::place;
    }
  }
  return EntityType::other;
}

void Recognizer::emit(std::uint32_t s, const std::vector<Word>& run, std::size_t span_from,
                      std::size_t name_from, std::size_t name_to, EntityType type) {
  Candidate c;
  c.sentence = s;
  c.span = core::Span{run[span_from].start, run[name_to - 1].end};
  c.key = "ent:";
  append_name(c.key, run, name_from, name_to);
  if (c.key.size() == 4) {
    return; // the name folded to nothing
  }
  std::uint32_t names = 0;
  for (std::size_t k = name_from; k < name_to; ++k) {
    names += (run[k].connector || run[k].suffix) ? 0U : 1U;
  }
  c.name_words = names;
  c.acronym = names == 1 && run[name_from].acronym;
  if (names > 1) {
    std::size_t last = name_to - 1;
    while (last > name_from && (run[last].suffix || run[last].connector)) {
      --last;
    }
    c.last_word = folded_with_periods(run[last]);
    c.org_last = is_org_word(run[last].bare);
  }
  c.type = type;
  m_cands.push_back(std::move(c));
}

void Recognizer::process_run(std::uint32_t s, std::vector<Word> run, bool initial) {
  if (run.empty()) {
    return;
  }
  if (initial) {
    const Word& first = run.front();
    const std::string_view lower = lower_bare(first);
    const std::string_view first_folded = folded_with_periods(first);
    const bool known = is_known_place(first_folded) || is_known_org(first_folded);
    const bool title_start = run.size() > 1 && is_title_modifier(first.bare) &&
                             is_title_head(run[1].bare);
    const bool common =
        !known && !first.acronym && !title_start &&
        (is_sentence_starter(lower) ||
         (m_lower.count(lower) != 0 && m_mid_caps.count(first.bare) == 0 &&
          !is_title_head(first.bare) && !is_first_name(first.bare)));
    if (common) {
      std::size_t drop = 1;
      while (drop < run.size() && run[drop].connector) {
        ++drop;
      }
      run.erase(run.begin(), run.begin() + static_cast<std::ptrdiff_t>(drop));
      if (run.empty()) {
        return;
      }
    } else if (run.size() == 1 && !first.acronym && !known && m_mid_caps.count(first.bare) == 0) {
      return;
    }
  }
  // Single words that never name anything on their own.
  if (run.size() == 1 && (is_never_entity(run[0].bare) || is_title_head(run[0].bare) ||
                          is_title_modifier(run[0].bare))) {
    // "X, Ore.": a state abbreviation after a comma is a place.
    const Word& w = run[0];
    const std::string_view state = state_abbreviation(w.bare);
    if (!state.empty() && w.token > 0 && tok(w.token - 1) == "," && w.end != m_doc.tokens[w.token].span.end) {
      Candidate c;
      c.sentence = s;
      c.span = core::Span{w.start, w.end};
      c.key = "ent:" + text::fold(state);
      c.type = EntityType::place;
      m_cands.push_back(std::move(c));
    }
    return;
  }
  {
    const Word& w = run[0];
    const std::string_view state = state_abbreviation(w.bare);
    if (run.size() == 1 && !state.empty() && w.token > 0 && tok(w.token - 1) == "," &&
        w.end != m_doc.tokens[w.token].span.end) {
      Candidate c;
      c.sentence = s;
      c.span = core::Span{w.start, w.end};
      c.key = "ent:" + text::fold(state);
      c.type = EntityType::place;
      m_cands.push_back(std::move(c));
      return;
    }
  }
  // A vessel: "MV Queen of the North" is "Queen of the North".
  if (run.size() > 1 && is_ship_prefix(run[0].bare)) {
    emit(s, run, 0, 1, run.size(), EntityType::other);
    return;
  }
  const std::string whole = name_of(run, 0, run.size());
  if (is_known_place(whole) || is_known_org(whole)) {
    emit(s, run, 0, 0, run.size(), classify(run, 0, run.size(), whole));
    return;
  }
  // A title followed by a name: the last title head with a name word after it.
  std::size_t title = run.size();
  for (std::size_t k = 0; k + 1 < run.size(); ++k) {
    const Word& w = run[k];
    const Word& next = run[k + 1];
    const bool of_title = k >= 2 && is_title_modifier(w.bare) && run[k - 1].bare == "of" &&
                          is_title_head(run[k - 2].bare); // "Secretary of State"
    if (w.connector || !(is_title_head(w.bare) || of_title) || next.connector || next.number ||
        is_title_head(next.bare) || is_title_modifier(next.bare)) {
      continue;
    }
    bool org_after = false;
    for (std::size_t m = k + 1; m < run.size(); ++m) {
      org_after = org_after || is_org_word(run[m].bare) || is_place_suffix(run[m].bare);
    }
    if (!org_after && !(is_royal(w.bare) && k + 2 < run.size() && run[k + 2].connector) &&
        !is_known_place(name_of(run, k, run.size()))) {
      title = k;
    }
  }
  if (title < run.size()) {
    std::size_t seg = title;
    while (seg > 0) {
      const Word& before = run[seg - 1];
      if (before.connector && before.bare == "of" && seg >= 2 &&
          is_title_head(run[seg - 2].bare)) {
        --seg; // "Secretary of State": "of" inside the title
        continue;
      }
      if (before.connector ||
          !(is_title_head(before.bare) || is_title_modifier(before.bare))) {
        break;
      }
      --seg;
    }
    if (seg > 0) {
      std::vector<Word> prefix(run.begin(), run.begin() + static_cast<std::ptrdiff_t>(seg));
      process_run(s, std::move(prefix), false);
    }
    emit(s, run, seg, title + 1, run.size(), EntityType::person);
    return;
  }
  // Only title words ("Vice Chairman", "President"): no name.
  const bool all_titles = std::all_of(run.begin(), run.end(), [](const Word& w) {
    return w.connector || is_title_head(w.bare) || is_title_modifier(w.bare);
  });
  if (all_titles) {
    return;
  }
  if (run.size() == 1 && run[0].bare.size() == 1) {
    return; // a stray initial or "A"
  }
  emit(s, run, 0, 0, run.size(), classify(run, 0, run.size(), whole));
}

void Recognizer::scan_sentence(std::uint32_t s, bool headline) {
  const text::Sentence& sentence = m_doc.sentences[s];
  const std::uint32_t end = sentence.first_token + sentence.token_count;
  std::vector<Word> run;
  for (std::uint32_t i = sentence.first_token; i < end;) {
    if (!is_name_word(i)) {
      ++i;
      continue;
    }
    const bool initial = is_initial_position(i, sentence.first_token);
    const std::uint32_t next = build_run(i, end, run);
    if (headline) {
      m_headline_runs.emplace_back(s, run);
    } else {
      process_run(s, run, initial);
    }
    i = next;
  }
}

void Recognizer::match_headline(std::uint32_t s, const std::vector<Word>& run) {
  // Only names the body confirms: the longest run of words whose key is known,
  // or a single word that is a known name's last word.
  std::size_t p = 0;
  while (p < run.size()) {
    if (run[p].connector) {
      ++p;
      continue;
    }
    std::size_t best = 0;
    for (std::size_t q = std::min(run.size(), p + 6); q > p; --q) {
      if (run[q - 1].connector) {
        continue;
      }
      m_key.assign("ent:");
      append_name(m_key, run, p, q);
      if (m_known_keys.count(m_key) != 0) {
        best = q;
        break;
      }
    }
    if (best == 0 && !run[p].connector && m_last_words.count(folded_with_periods(run[p])) != 0) {
      best = p + 1;
    }
    if (best == 0) {
      ++p;
      continue;
    }
    emit(s, run, p, p, best, EntityType::other);
    p = best;
  }
}

void Recognizer::resolve_coreference() {
  // Multi-word people and organizations by their folded last word, in text order.
  WordViewMap<Mentions> by_last;
  for (std::uint32_t i = 0; i < m_cands.size(); ++i) {
    const Candidate& c = m_cands[i];
    // An organization is referred to by its kind ("the Committee"), not by a
    // place in its name ("Texas" is not "University of Texas").
    if (c.name_words > 1 && c.type != EntityType::place && !c.last_word.empty() &&
        (c.type != EntityType::organization || c.org_last)) {
      by_last[c.last_word].add(i, c.span.start);
    }
  }
  for (auto& entry : by_last) {
    entry.second.index();
  }
  for (Candidate& c : m_cands) {
    if (c.name_words != 1 || c.acronym) {
      continue;
    }
    const std::string_view word = std::string_view(c.key).substr(4);
    const auto it = by_last.find(word);
    if (it == by_last.end()) {
      continue;
    }
    // The nearest earlier full name (the last one listed that starts
    // before this mention), else the first later one.
    const Candidate* target = &m_cands[it->second.front()];
    if (const std::uint32_t found = it->second.last_before(c.span.start); found != UINT32_MAX) {
      target = &m_cands[found];
    }
    if (target->type == EntityType::other && c.type != EntityType::other &&
        c.type != EntityType::person) {
      continue; // "Bank" (organization) is not "Jane Bank"
    }
    c.type = target->type == EntityType::other ? c.type : target->type;
    c.key = target->key;
  }
}

void Recognizer::run(std::vector<Fact>& out) {
  if (m_doc.sentences.empty()) {
    return;
  }
  m_folded.resize(m_doc.tokens.size());
  classify_paragraphs();
  collect_evidence();
  for (std::uint32_t s = 0; s < m_doc.sentences.size(); ++s) {
    const std::uint32_t p = m_doc.sentences[s].paragraph;
    scan_sentence(s, p < m_headline.size() && m_headline[p] != 0);
  }
  resolve_coreference();
  // The body's keys and last words as views into one buffer, sized first so
  // it never moves (match_headline adds candidates: views into m_cands
  // would dangle).
  std::size_t bytes = 0;
  for (const Candidate& c : m_cands) {
    bytes += c.key.size() + c.last_word.size();
  }
  m_known_text.reserve(bytes);
  const auto keep = [this](const std::string& word) {
    const std::size_t at = m_known_text.size();
    m_known_text += word;
    return std::string_view(m_known_text).substr(at);
  };
  m_known_keys.reserve(m_cands.size());
  m_last_words.reserve(m_cands.size());
  for (const Candidate& c : m_cands) {
    m_known_keys.insert(keep(c.key));
    if (!c.last_word.empty() && c.type != EntityType::place &&
        (c.type != EntityType::organization || c.org_last)) {
      m_last_words.insert(keep(c.last_word));
    }
  }
  const std::size_t body = m_cands.size();
  for (const auto& [s, run] : m_headline_runs) {
    match_headline(s, run);
  }
  resolve_coreference();
  // Every mention of one key gets the most specific type found for it.
  // The keys are views into m_cands, which no longer grows; the types are
  // looked up before any key is moved into its fact.
  FlatWordMap<std::uint32_t> type_of; // key -> index in `types`
  type_of.reserve(body);
  std::vector<EntityType> types;
  for (std::size_t i = 0; i < body; ++i) {
    const Candidate& c = m_cands[i];
    if (type_of.emplace(c.key, static_cast<std::uint32_t>(types.size()))) {
      types.push_back(c.type);
      continue;
    }
    EntityType& type = types[*type_of.find(c.key)];
    if (type == EntityType::other) {
      type = c.type;
    } else if (c.type == EntityType::person && type != EntityType::person) {
      type = EntityType::person; // a title is the strongest evidence
    }
  }
  std::vector<EntityType> final_types(m_cands.size());
  for (std::size_t i = 0; i < m_cands.size(); ++i) {
    const std::uint32_t* found = type_of.find(m_cands[i].key);
    final_types[i] = found != nullptr ? types[*found] : m_cands[i].type;
  }
  out.reserve(out.size() + m_cands.size());
  for (std::size_t i = 0; i < m_cands.size(); ++i) {
    Candidate& c = m_cands[i];
    Fact fact;
    fact.kind = FactKind::entity;
    fact.sentence = c.sentence;
    fact.last_sentence = c.sentence;
    fact.span = c.span;
    fact.text = std::string(c.span.of(m_doc.text));
    fact.entity_type = final_types[i];
    fact.key = std::move(c.key);
    out.push_back(std::move(fact));
  }
}

} // namespace

void extract_entities(const text::Document& doc, const TokenInfos& info, std::vector<Fact>& out) {
  Recognizer(doc, info).run(out);
}

} // namespace storydiff::extract::detail
