// SPDX-License-Identifier: MIT
#include "entities_lexicon.hpp"
#include "extractors.hpp"
#include "word_hash.hpp"

#include <storydiff/text/normalize.hpp>

#include <algorithm>
#include <array>
#include <unordered_set>

// Hedges and negations. Decisions:
// - A hedge's key is "hedge:" + its canonical form, so writing the same hedge
//   another way is no change: "alleged", "allegedly", "is alleged to" →
//   "hedge:alleged"; "is believed to", "believed to" → "hedge:believed";
//   "may"/"might" → "hedge:may". Fact::text/span cover the phrase as written
//   ("is believed to").
// - Number qualifiers are hedges too (the numbers extractor also records
//   them on the number as Fact::qualifier): "at least", "more than"/"over",
//   "about"/"around"/"approximately"/"roughly"/"some", "nearly"/"almost",
//   "up to"/"as many as", "fewer than"/"less than", "at most"/"no more than",
//   "an estimated"; only directly before a number ("at least 15", "about a
//   dozen"). Synonyms share a key, so "about" → "approximately" is style.
// - Negations are grammatical negators only: "not", "n't", "never", "no",
//   "no longer", "none", "nobody", "no one", "nothing", "neither", "nor",
//   "without", "cannot", "failed to", "refused to". "denied" is an attribution
//   cue, not a negation (attributions.cpp). key = "neg:" + the negated head:
//   the next content word after the negator, skipping auxiliaries, articles
//   and adverbs ("will not attend" → "neg:attend", "has not been charged" →
//   "neg:charged"), so a negation added or removed on the same verb, or moved
//   to another, changes the key set. The span runs from an auxiliary right
//   before the negator ("will", "has") to the head.
// - Not negations: "not only", a final "or not", "no more/less/fewer than"
//   (a qualifier), "No. 5".
// Cost: linear in the tokens (look-ahead bounded by k_head_window).
namespace storydiff::extract::detail {

namespace {

constexpr std::uint32_t k_head_window = 6;

bool in(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool is_be(std::string_view w) {
  return in(w, {"is", "are", "was", "were", "be", "been", "being", "am", "'s"});
}

bool is_aux(std::string_view w) {
  return is_be(w) || in(w, {"will", "would", "has", "have", "had", "do", "does", "did", "can",
                            "could", "should", "shall", "must", "may", "might"});
}

bool is_head_skip(std::string_view w) {
  static const WordViewSet k_words = {
      "be", "been", "being", "is", "are", "was", "were", "am", "have", "has", "had", "do",
      "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
      "a", "an", "the", "any", "yet", "ever", "always", "also", "even", "just", "only",
      "really", "currently", "immediately", "necessarily", "to", "of", "so", "too", "very",
      "there", "it", "that", "this", "he", "she", "they", "we", "you", "i", "them", "him",
      "her", "its", "their", "his", "our", "my", "your", "all", "entirely", "fully",
      "completely", "quite", "much", "longer", "one", "get", "got", "such", "for", "in", "on",
      "at", "by", "with", "from", "as", "been", "formally", "publicly", "officially", "again",
      "either", "nor", "or", "and", "but", "still", "until", "anyone", "anything", "anybody",
  };
  return k_words.count(w) != 0;
}

// "normally", "currently": skipped on the way to a negation's head.
bool is_manner_adverb(std::string_view w) {
  return w.size() >= 6 && w.ends_with("ly") &&
         !in(w, {"supply", "comply", "multiply", "family", "rally", "italy", "assembly"});
}

// Words that count as a number after a qualifier ("about a dozen", "at least three").
bool is_number_word(std::string_view w) {
  static const WordViewSet k_words = {
      "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
      "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
      "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
      "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
      "dozen", "dozens", "half", "third", "quarter", "a", "an", "several", "score", "scores",
  };
  return k_words.count(w) != 0;
}

// Appends `word` ASCII-lowercased, with ’ as '.
void append_lower(std::string& out, std::string_view word) {
  for (std::size_t i = 0; i < word.size(); ++i) {
    // The byte test first: compare() per byte dominated this loop.
    if (word[i] == '\xE2' && word.compare(i, 3, "\xE2\x80\x99") == 0) {
      out += '\'';
      i += 2;
      continue;
    }
    const char c = word[i];
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
}

std::string lower_word(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  append_lower(out, word);
  return out;
}

class Scanner {
public:
  Scanner(const text::Document& doc, const TokenInfos& info, std::vector<Fact>& out)
      : m_doc(doc), m_info(info), m_out(out) {}

  void sentence(std::uint32_t s) {
    const text::Sentence& sentence = m_doc.sentences[s];
    m_first = sentence.first_token;
    m_end = sentence.first_token + sentence.token_count;
    // The sentence's tokens lowered into one reused buffer (no allocation
    // per token): token i is m_lower[m_lower_at[i - m_first], m_lower_at[i - m_first + 1]).
    m_lower.clear();
    m_lower_at.clear();
    for (std::uint32_t i = m_first; i < m_end; ++i) {
      m_lower_at.push_back(static_cast<std::uint32_t>(m_lower.size()));
      if (m_doc.tokens[i].kind == text::TokenKind::word) {
        // The pre-pass already lowered the ASCII capitals; only a word with
        // a ’ (a 0xE2 lead byte) needs append_lower's rewrite.
        const std::string_view lowered = m_info.lower_of(m_doc, i);
        if (lowered.find('\xE2') == std::string_view::npos) {
          m_lower += lowered;
        } else {
          append_lower(m_lower, m_doc.token_text(i));
        }
      } else {
        m_lower += m_doc.token_text(i);
      }
    }
    m_lower_at.push_back(static_cast<std::uint32_t>(m_lower.size()));
    for (std::uint32_t i = m_first; i < m_end; ++i) {
      if (m_doc.tokens[i].kind != text::TokenKind::word) {
        continue;
      }
      i = hedge_at(s, i);
      negation_at(s, i);
    }
  }

  void qualifiers_from_numbers(std::size_t facts_before_me);

private:
  std::string_view low(std::uint32_t i) const {
    const std::uint32_t k = i - m_first;
    return std::string_view(m_lower).substr(m_lower_at[k], m_lower_at[k + 1] - m_lower_at[k]);
  }
  std::string_view raw(std::uint32_t i) const { return m_doc.token_text(i); }
  bool word_at(std::uint32_t i, std::string_view w) const {
    return i >= m_first && i < m_end && m_doc.tokens[i].kind == text::TokenKind::word &&
           low(i) == w;
  }
  bool number_at(std::uint32_t i) const {
    if (i >= m_end) {
      return false;
    }
    return m_doc.tokens[i].kind == text::TokenKind::number ||
           (m_doc.tokens[i].kind == text::TokenKind::word && is_number_word(low(i)) &&
            (low(i) != "a" && low(i) != "an" ? true
                                            : i + 1 < m_end && is_number_word(low(i + 1))));
  }

  void add(FactKind kind, std::uint32_t s, std::uint32_t first, std::uint32_t last,
           std::string key) {
    Fact fact;
    fact.kind = kind;
    fact.sentence = s;
    fact.last_sentence = s;
    fact.span = core::Span{m_doc.tokens[first].span.start, m_doc.tokens[last].span.end};
    fact.text = std::string(fact.span.of(m_doc.text));
    fact.key = std::move(key);
    m_out.push_back(std::move(fact));
  }

  // Returns the last token index consumed (so "at least" is not re-read).
  std::uint32_t hedge_at(std::uint32_t s, std::uint32_t i);
  void negation_at(std::uint32_t s, std::uint32_t i);

  const text::Document& m_doc;
  const TokenInfos& m_info;
  std::vector<Fact>& m_out;
  std::uint32_t m_first = 0;
  std::uint32_t m_end = 0;
  std::string m_lower;                 // the sentence's tokens, lowered, back to back
  std::vector<std::uint32_t> m_lower_at; // token k's offset in m_lower; one past the end last
};

// Every word hedge_at() can start at (the first words of its qualifiers and
// the words of its hedge chain): one lookup rejects all other words.
bool may_start_hedge(std::string_view w) {
  static const WordViewSet k_words = {
      "at", "no", "more", "over", "upwards", "fewer", "less", "about", "around",
      "approximately", "roughly", "some", "approx", "circa", "nearly", "almost", "close", "up",
      "as", "estimated", "just", "allegedly", "alleged", "reportedly", "reported", "apparently",
      "apparent", "possibly", "possible", "probably", "probable", "likely", "unlikely", "may",
      "might", "could", "appears", "appear", "appeared", "seems", "seem", "seemed", "believed",
      "thought", "said", "understood", "rumored", "rumoured", "suspected", "unconfirmed",
      "purportedly", "purported", "supposedly", "perhaps", "maybe", "preliminary",
  };
  return k_words.contains(w);
}

// Every word negation_at() accepts besides "...n't".
bool may_be_negator(std::string_view w) {
  static const WordViewSet k_words = {
      "not", "no", "failed", "refused", "fails", "refuses", "fail", "refuse", "never",
      "cannot", "none", "nobody", "nothing", "neither", "nor", "without", "nowhere",
  };
  return k_words.contains(w);
}

std::uint32_t Scanner::hedge_at(std::uint32_t s, std::uint32_t i) {
  const std::string_view w = low(i);
  if (!may_start_hedge(w)) {
    return i;
  }
  const bool be_before = i > m_first && is_be(low(i - 1)) &&
                         m_doc.tokens[i - 1].kind == text::TokenKind::word;
  const std::uint32_t from = be_before ? i - 1 : i;
  const bool to_after = word_at(i + 1, "to");
  const std::uint32_t through = to_after ? i + 1 : i;

  // Number qualifiers: the phrase, then a number.
  struct Qualifier {
    std::string_view first;
    std::string_view second; // empty: one word
    std::string_view key;
  };
  static constexpr std::array<Qualifier, 22> k_qualifiers = {{
      {"at", "least", "at least"},       {"at", "most", "at most"},
      {"no", "more", "at most"},          {"more", "than", "more than"},
      {"over", "", "more than"},          {"upwards", "of", "more than"},
      {"fewer", "than", "less than"},     {"less", "than", "less than"},
      {"about", "", "about"},             {"around", "", "about"},
      {"approximately", "", "about"},     {"roughly", "", "about"},
      {"some", "", "about"},              {"approx", "", "about"},
      {"circa", "", "about"},             {"nearly", "", "nearly"},
      {"almost", "", "nearly"},           {"close", "to", "nearly"},
      {"up", "to", "up to"},              {"as", "many", "up to"},
      {"estimated", "", "estimated"},     {"just", "under", "nearly"},
  }};
  for (const Qualifier& q : k_qualifiers) {
    if (w != q.first) {
      continue;
    }
    std::uint32_t last = i;
    if (!q.second.empty()) {
      if (!word_at(i + 1, q.second)) {
        continue;
      }
      last = i + 1;
      if (q.first == "as" && word_at(i + 2, "as")) {
        last = i + 2; // "as many as"
      } else if (q.first == "as") {
        continue;
      }
      if (q.first == "no" && word_at(i + 2, "than")) {
        last = i + 2; // "no more than"
      } else if (q.first == "no") {
        continue;
      }
    }
    std::uint32_t first = i;
    if (q.first == "estimated" && i > m_first && (low(i - 1) == "an" || is_be(low(i - 1)))) {
      first = i - 1; // "an estimated 200"
    }
    if (number_at(last + 1)) {
      add(FactKind::hedge, s, first, last, "hedge:" + std::string(q.key));
      return last;
    }
  }

  std::string_view key;
  std::uint32_t first = i;
  std::uint32_t last = i;
  if (w == "allegedly" || w == "alleged") {
    key = "alleged";
    first = from;
    last = be_before ? through : i;
  } else if (w == "reportedly") {
    key = "reportedly";
  } else if (w == "reported" && be_before && to_after) {
    key = "reportedly";
    first = from;
    last = through;
  } else if (w == "apparently" || w == "apparent") {
    key = "apparently";
  } else if (w == "possibly" || (w == "possible" && !word_at(i - 1, "as") && !word_at(i - 1, "if"))) {
    key = "possibly";
  } else if (w == "probably" || w == "probable") {
    key = "probably";
  } else if (w == "likely") {
    key = "likely";
    first = be_before ? from : i;
    last = be_before ? through : i;
  } else if (w == "unlikely") {
    key = "unlikely";
    first = be_before ? from : i;
    last = be_before ? through : i;
  } else if ((w == "may" && raw(i) == "may") || w == "might") {
    key = "may";
  } else if (w == "could") {
    key = "could";
  } else if ((w == "appears" || w == "appear" || w == "appeared") && to_after) {
    key = "appears";
    last = through;
  } else if ((w == "seems" || w == "seem" || w == "seemed") && to_after) {
    key = "seems";
    last = through;
  } else if ((w == "believed" || w == "thought") &&
             (to_after || (be_before && word_at(i + 1, "that")))) {
    key = w == "believed" ? "believed" : "thought";
    first = from;
    last = to_after ? through : i;
  } else if ((w == "said" || w == "understood" || w == "rumored" || w == "rumoured") &&
             be_before && to_after) {
    key = w == "said" ? "said to" : (w == "understood" ? "understood" : "rumored");
    first = from;
    last = through;
  } else if (w == "suspected") {
    key = "suspected";
    first = from;
  } else if (w == "unconfirmed") {
    key = "unconfirmed";
  } else if (w == "purportedly" || w == "purported") {
    key = "purportedly";
  } else if (w == "supposedly") {
    key = "supposedly";
  } else if (w == "perhaps" || w == "maybe") {
    key = "perhaps";
  } else if (w == "preliminary" && i >= m_first + 2 && low(i - 1) == "to" &&
             low(i - 2) == "according") {
    key = "preliminary";
  }
  if (key.empty()) {
    return i;
  }
  add(FactKind::hedge, s, first, last, "hedge:" + std::string(key));
  return last;
}

void Scanner::negation_at(std::uint32_t s, std::uint32_t i) {
  if (i >= m_end || m_doc.tokens[i].kind != text::TokenKind::word) {
    return;
  }
  const std::string_view w = low(i);
  if (!may_be_negator(w) && !(w.size() > 3 && w.ends_with("n't"))) {
    return;
  }
  std::uint32_t neg_last = i; // last token of the negator itself
  bool contracted = false;
  if (w == "not") {
    if (word_at(i + 1, "only")) {
      return;
    }
    if (i > m_first && low(i - 1) == "or" &&
        (i + 1 >= m_end || m_doc.tokens[i + 1].kind == text::TokenKind::punctuation)) {
      return; // "whether or not."
    }
  } else if (w.size() > 3 && w.ends_with("n't")) {
    contracted = true;
  } else if (w == "no") {
    if (word_at(i + 1, "more") || word_at(i + 1, "less") || word_at(i + 1, "fewer")) {
      return;
    }
    if (raw(i) == "No" && i + 1 < m_end && raw(i + 1) == ".") {
      return; // "No. 5"
    }
    if (word_at(i + 1, "longer") || word_at(i + 1, "one")) {
      neg_last = i + 1;
    }
  } else if (w == "failed" || w == "refused" || w == "fails" || w == "refuses" ||
             w == "fail" || w == "refuse") {
    if (!word_at(i + 1, "to")) {
      return;
    }
    neg_last = i + 1;
  } else if (!(w == "never" || w == "cannot" || w == "none" || w == "nobody" ||
               w == "nothing" || w == "neither" || w == "nor" || w == "without" ||
               w == "nowhere")) {
    return;
  }
  // The head: the next content word within the window, in this clause.
  std::uint32_t head = UINT32_MAX;
  for (std::uint32_t j = neg_last + 1; j < m_end && j <= neg_last + k_head_window; ++j) {
    const text::Token& t = m_doc.tokens[j];
    if (t.kind == text::TokenKind::punctuation || t.kind == text::TokenKind::quote) {
      break;
    }
    if (t.kind != text::TokenKind::word) {
      continue;
    }
    if (!is_head_skip(low(j)) && !low(j).ends_with("n't") && !is_manner_adverb(low(j))) {
      head = j;
      break;
    }
  }
  std::uint32_t first = i;
  if (!contracted && (w == "not" || w == "never") && i > m_first &&
      m_doc.tokens[i - 1].kind == text::TokenKind::word && is_aux(low(i - 1))) {
    first = i - 1;
  }
  const std::uint32_t last = head == UINT32_MAX ? neg_last : head;
  const std::string head_word =
      head == UINT32_MAX ? text::fold(m_doc.token_text(i)) : text::fold(m_doc.token_text(head));
  add(FactKind::negation, s, first, last, "neg:" + head_word);
}

// The numbers extractor (run first) records qualifiers on number facts; a
// qualifier this scanner did not see as a phrase (a form it does not list)
// still becomes a hedge, spanned where the qualifier's words are written.
void Scanner::qualifiers_from_numbers(std::size_t facts_before_me) {
  const std::size_t mine_end = m_out.size();
  for (std::size_t f = 0; f < facts_before_me; ++f) {
    const Fact& number = m_out[f];
    if (number.kind != FactKind::number || number.qualifier.empty() ||
        number.sentence >= m_doc.sentences.size()) {
      continue;
    }
    const std::string qualifier = lower_word(number.qualifier);
    bool seen = false;
    // This scanner appended its facts sentence by sentence: start at the
    // first one of the number's sentence.
    const auto mine = m_out.begin() + static_cast<std::ptrdiff_t>(facts_before_me);
    const auto from = std::partition_point(
        mine, m_out.begin() + static_cast<std::ptrdiff_t>(mine_end),
        [&](const Fact& fact) { return fact.sentence < number.sentence; });
    for (std::size_t h = static_cast<std::size_t>(from - m_out.begin());
         h < mine_end && !seen && m_out[h].sentence == number.sentence; ++h) {
      const Fact& hedge = m_out[h];
      seen = hedge.kind == FactKind::hedge && hedge.sentence == number.sentence &&
             hedge.span.end <= number.span.end &&
             hedge.span.end + 24 >= number.span.start;
    }
    if (seen) {
      continue;
    }
    // Find the qualifier's words just before (or at the start of) the number.
    const core::Span sentence = m_doc.sentences[number.sentence].span;
    const std::uint32_t window_start =
        std::max(sentence.start, number.span.start > 40 ? number.span.start - 40 : 0U);
    const std::string around = lower_word(
        std::string_view(m_doc.text).substr(window_start, number.span.end - window_start));
    const std::size_t at = around.rfind(qualifier);
    if (at == std::string::npos) {
      continue;
    }
    Fact fact;
    fact.kind = FactKind::hedge;
    fact.sentence = number.sentence;
    fact.last_sentence = number.sentence;
    fact.span = core::Span{window_start + static_cast<std::uint32_t>(at),
                           window_start + static_cast<std::uint32_t>(at + qualifier.size())};
    fact.text = std::string(fact.span.of(m_doc.text));
    fact.key = "hedge:" + qualifier;
    m_out.push_back(std::move(fact));
  }
}

} // namespace

void extract_polarity(const text::Document& doc, const TokenInfos& info, std::vector<Fact>& out) {
  const std::size_t before = out.size();
  Scanner scanner(doc, info, out);
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    scanner.sentence(s);
  }
  scanner.qualifiers_from_numbers(before);
}

} // namespace storydiff::extract::detail
