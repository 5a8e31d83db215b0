// SPDX-License-Identifier: MIT
#include "compare_internal.hpp"

#include <storydiff/text/normalize.hpp>

#include <dtl/dtl.hpp>

#include <algorithm>
#include <iterator>
#include <unordered_map>

namespace storydiff::diff::detail {

namespace {

bool inside_any(core::Span span, const std::vector<core::Span>& spans) {
  return std::any_of(spans.begin(), spans.end(), [span](core::Span s) {
    return span.start >= s.start && span.end <= s.end;
  });
}

bool counts_as_word(const text::Token& token) {
  return token.kind == text::TokenKind::word || token.kind == text::TokenKind::number;
}

// Levenshtein distance on bytes, stopping early once it exceeds `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) {
    std::swap(a, b);
  }
  if (b.size() - a.size() > limit) {
    return limit + 1;
  }
  std::vector<std::size_t> row(a.size() + 1);
  for (std::size_t i = 0; i <= a.size(); ++i) {
    row[i] = i;
  }
  for (std::size_t j = 1; j <= b.size(); ++j) {
    std::size_t diagonal = row[0];
    row[0] = j;
    std::size_t best = row[0];
    for (std::size_t i = 1; i <= a.size(); ++i) {
      const std::size_t above = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[i]);
    }
    if (best > limit) {
      return limit + 1;
    }
  }
  return row[a.size()];
}

} // namespace

std::optional<std::vector<TokenEdit>> diff_tokens(const text::Document& old_doc,
                                                  std::uint32_t old_sentence,
                                                  const text::Document& new_doc,
                                                  std::uint32_t new_sentence,
                                                  std::uint32_t max_tokens) {
  const text::Sentence& a = old_doc.sentences[old_sentence];
  const text::Sentence& b = new_doc.sentences[new_sentence];
  if (std::max(a.token_count, b.token_count) > max_tokens) {
    return std::nullopt;
  }
  // Token ids of the folded texts, so "“" and "\"" or "Police" and "police"
  // are the same token and only real changes show.
  std::unordered_map<std::string, int> ids;
  auto ids_of = [&ids](const text::Document& doc, const text::Sentence& s) {
    std::vector<int> out;
    out.reserve(s.token_count);
    for (std::uint32_t t = s.first_token; t < s.first_token + s.token_count; ++t) {
      const auto [it, inserted] =
          ids.try_emplace(text::fold(doc.token_text(t)), static_cast<int>(ids.size()));
      out.push_back(it->second);
    }
    return out;
  };
  const std::vector<int> old_ids = ids_of(old_doc, a);
  const std::vector<int> new_ids = ids_of(new_doc, b);

  std::vector<TokenEdit> edits;
  if (old_ids.empty() || new_ids.empty()) {
    return whole_pair(old_doc, old_sentence, new_doc, new_sentence);
  }
  dtl::Diff<int> diff(old_ids, new_ids, true);
  diff.compose();
  const auto ses = diff.getSes().getSequence(); // a copy: call once
  edits.reserve(ses.size());
  for (const auto& [id, info] : ses) {
    (void)id;
    TokenEdit edit;
    if (info.type == dtl::SES_COMMON) {
      edit.op = WordEdit::Op::keep;
    } else if (info.type == dtl::SES_DELETE) {
      edit.op = WordEdit::Op::remove;
    } else {
      edit.op = WordEdit::Op::insert;
    }
    // dtl indices are 1-based, 0 on the missing side.
    if (info.beforeIdx > 0) {
      edit.old_token = a.first_token + static_cast<std::uint32_t>(info.beforeIdx - 1);
    }
    if (info.afterIdx > 0) {
      edit.new_token = b.first_token + static_cast<std::uint32_t>(info.afterIdx - 1);
    }
    edits.push_back(edit);
  }
  return edits;
}

std::vector<TokenEdit> whole_pair(const text::Document& old_doc, std::uint32_t old_sentence,
                                  const text::Document& new_doc, std::uint32_t new_sentence) {
  const text::Sentence& a = old_doc.sentences[old_sentence];
  const text::Sentence& b = new_doc.sentences[new_sentence];
  std::vector<TokenEdit> edits;
  edits.reserve(a.token_count + b.token_count);
  for (std::uint32_t t = a.first_token; t < a.first_token + a.token_count; ++t) {
    edits.push_back({WordEdit::Op::remove, t, k_no_token});
  }
  for (std::uint32_t t = b.first_token; t < b.first_token + b.token_count; ++t) {
    edits.push_back({WordEdit::Op::insert, k_no_token, t});
  }
  return edits;
}

std::vector<WordEdit> to_word_edits(const text::Document& old_doc, const text::Document& new_doc,
                                    const std::vector<TokenEdit>& edits) {
  std::vector<WordEdit> out;
  out.reserve(edits.size());
  for (const TokenEdit& edit : edits) {
    if (edit.op == WordEdit::Op::insert) {
      out.push_back({edit.op, new_doc.tokens[edit.new_token].span});
    } else {
      out.push_back({edit.op, old_doc.tokens[edit.old_token].span});
    }
  }
  return out;
}

bool is_function_word(std::string_view word) {
  // Sorted for binary search. Negators ("not", "no", "never"), modals ("will",
  // "may", "could"), quantifiers and time/order words ("after", "before")
  // change meaning and are deliberately absent.
  static constexpr std::string_view k_words[] = {
      "'s", "a", "also", "am", "an", "and", "are", "as", "at", "be", "been", "being", "but",
      "by", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "hers", "him",
      "his", "i", "in", "into", "is", "it", "it's", "its", "just", "me", "my", "of", "on",
      "onto", "or", "our", "ours", "s", "she", "so", "such", "than", "that", "that's", "the",
      "their", "theirs", "them", "then", "there", "there's", "these", "they", "this", "those",
      "thus", "to", "too", "up", "upon", "us", "very", "was", "we", "were", "what", "which",
      "while", "who", "whom", "whose", "with", "within", "you", "your", "yours"};
  return std::find(std::begin(k_words), std::end(k_words), word) != std::end(k_words);
}

bool is_spelling_variant(std::string_view a, std::string_view b) {
  if (a == b) {
    return true;
  }
  if (std::min(a.size(), b.size()) < 5 || a.size() > 64 || b.size() > 64) {
    return false;
  }
  return edit_distance(a, b, 2) <= 2;
}

namespace {

// A crude English stem: one inflectional suffix off, then a final 'e'
// ("involved", "involving" → "involv"; "ages", "age" → "ag").
std::string_view inflection_stem(std::string_view word) {
  for (const std::string_view suffix : {"ing", "ed", "es", "s", "d"}) {
    if (word.size() >= suffix.size() + 3 && word.substr(word.size() - suffix.size()) == suffix) {
      word.remove_suffix(suffix.size());
      break;
    }
  }
  if (word.size() > 3 && word.back() == 'e') {
    word.remove_suffix(1);
  }
  return word;
}

} // namespace

bool is_inflection_variant(std::string_view a, std::string_view b) {
  const std::string_view stem_a = inflection_stem(a);
  return stem_a.size() >= 2 && stem_a == inflection_stem(b);
}

namespace {

// The changed tokens of a pair once facts are set aside, words cancelled
// against equal ones (word order) and spelling or inflection variants.
struct WordingParts {
  bool any_change = false;
  bool numbers_differ = false;             // a number token outside the facts changed
  std::vector<std::string> removed_content; // folded content words only on the old side
  bool inserted_content = false;           // a content word only on the new side
};

WordingParts wording_parts(const text::Document& old_doc, const text::Document& new_doc,
                           const std::vector<TokenEdit>& edits,
                           const std::vector<core::Span>& old_fact_spans,
                           const std::vector<core::Span>& new_fact_spans) {
  WordingParts parts;
  std::vector<std::string> removed;
  std::vector<std::string> inserted;
  // Number tokens compare by value: "0600" and "06:00" are one time, and
  // "$640,000" → "$460,000" is never a spelling fix.
  std::vector<const text::Token*> removed_numbers;
  std::vector<const text::Token*> inserted_numbers;
  for (const TokenEdit& edit : edits) {
    if (edit.op == WordEdit::Op::keep) {
      continue;
    }
    parts.any_change = true;
    const bool is_old = edit.op == WordEdit::Op::remove;
    const text::Document& doc = is_old ? old_doc : new_doc;
    const text::Token& token = doc.tokens[is_old ? edit.old_token : edit.new_token];
    if (!counts_as_word(token) || inside_any(token.span, is_old ? old_fact_spans : new_fact_spans)) {
      continue;
    }
    if (token.kind == text::TokenKind::number) {
      (is_old ? removed_numbers : inserted_numbers).push_back(&token);
    } else {
      (is_old ? removed : inserted).push_back(text::fold(token.span.of(doc.text)));
    }
  }
  if (!parts.any_change) {
    return parts;
  }
  for (const text::Token* number : removed_numbers) {
    auto same = std::find_if(inserted_numbers.begin(), inserted_numbers.end(),
                             [number](const text::Token* other) {
                               return other->form == number->form && other->value == number->value;
                             });
    if (same == inserted_numbers.end()) {
      parts.numbers_differ = true;
      break;
    }
    inserted_numbers.erase(same);
  }
  parts.numbers_differ = parts.numbers_differ || !inserted_numbers.empty();
  // Same words in another order: cancel each removed word against an equal
  // inserted one.
  std::sort(removed.begin(), removed.end());
  std::sort(inserted.begin(), inserted.end());
  std::vector<std::string> only_removed;
  std::vector<std::string> only_inserted;
  std::set_difference(removed.begin(), removed.end(), inserted.begin(), inserted.end(),
                      std::back_inserter(only_removed));
  std::set_difference(inserted.begin(), inserted.end(), removed.begin(), removed.end(),
                      std::back_inserter(only_inserted));
  auto is_content = [](const std::string& word, const std::vector<std::string>& other_side) {
    if (is_function_word(word)) {
      return false;
    }
    return std::none_of(other_side.begin(), other_side.end(), [&word](const std::string& other) {
      return is_spelling_variant(word, other) || is_inflection_variant(word, other);
    });
  };
  for (const std::string& word : only_removed) {
    if (is_content(word, only_inserted)) {
      parts.removed_content.push_back(word);
    }
  }
  parts.inserted_content =
      std::any_of(only_inserted.begin(), only_inserted.end(),
                  [&](const std::string& word) { return is_content(word, only_removed); });
  return parts;
}

} // namespace

Wording judge_wording(const text::Document& old_doc, const text::Document& new_doc,
                      const std::vector<TokenEdit>& edits,
                      const std::vector<core::Span>& old_fact_spans,
                      const std::vector<core::Span>& new_fact_spans) {
  const WordingParts parts = wording_parts(old_doc, new_doc, edits, old_fact_spans, new_fact_spans);
  if (!parts.any_change) {
    return Wording::same;
  }
  if (parts.numbers_differ || !parts.removed_content.empty() || parts.inserted_content) {
    return Wording::substantive;
  }
  return Wording::style;
}

std::vector<std::string> removed_only_content(const text::Document& old_doc,
                                              const text::Document& new_doc,
                                              const std::vector<TokenEdit>& edits,
                                              const std::vector<core::Span>& old_fact_spans,
                                              const std::vector<core::Span>& new_fact_spans) {
  WordingParts parts = wording_parts(old_doc, new_doc, edits, old_fact_spans, new_fact_spans);
  if (parts.numbers_differ || parts.inserted_content) {
    return {};
  }
  return std::move(parts.removed_content);
}

} // namespace storydiff::diff::detail
