// SPDX-License-Identifier: MIT
#include "extractors.hpp"

#include <storydiff/text/normalize.hpp>

#include <array>
#include <optional>

// Correction, clarification, editor's note and update notices. Decisions:
// - A notice is a sentence that starts (after leading bullets, brackets or
//   emphasis marks) with a label ("Correction:", "Clarification:", "Editor's
//   note:", "Update:", "Updated:", "UPDATE") or with a stock phrase ("This
//   story has been updated", "An earlier version of this story ...", "This is
//   a developing story", "This article was amended ...").
// - A labelled notice that opens its paragraph takes the whole paragraph
//   (a correction often runs over two sentences); a stock phrase takes its
//   sentence. Fact::last_sentence says where it ends.
// - key = "corr:" + the folded text, so an edited notice is a new one.
// Cost: one look at the first bytes of each sentence.
namespace storydiff::extract::detail {

namespace {

constexpr std::size_t k_prefix_bytes = 64;

// ASCII-lowercased first bytes of a sentence, curly apostrophe → ', leading
// decoration skipped.
std::string lowered_prefix(std::string_view sentence) {
  std::size_t i = 0;
  while (i < sentence.size() &&
         (sentence[i] == '*' || sentence[i] == '_' || sentence[i] == '(' || sentence[i] == '[' ||
          sentence[i] == '#' || sentence[i] == '-' || sentence[i] == ' ')) {
    ++i;
  }
  std::string out;
  for (; i < sentence.size() && out.size() < k_prefix_bytes; ++i) {
    if (sentence[i] == '\xE2' && sentence.compare(i, 3, "\xE2\x80\x99") == 0) {
      out += '\'';
      i += 2;
      continue;
    }
    const char c = sentence[i];
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

enum class Scope { sentence, paragraph };

// Scope of the notice `sentence` starts, or nullopt when it is none.
std::optional<Scope> notice_scope(std::string_view sentence) {
  const std::string p = lowered_prefix(sentence);
  static constexpr std::array<std::string_view, 12> k_labels = {
      "correction:", "corrections:", "correction -", "correction \xE2\x80\x94",
      "clarification:", "editor's note:", "editors' note:", "editor's note \xE2\x80\x94",
      "editor's note -", "update:", "updated:", "note to readers:",
  };
  for (std::string_view label : k_labels) {
    if (p.starts_with(label)) {
      return Scope::paragraph;
    }
  }
  // "UPDATE 2-...", "UPDATE - ...": the wire services' capitalised label.
  if (sentence.starts_with("UPDATE") &&
      (sentence.size() == 6 || sentence[6] == ' ' || sentence[6] == ':' || sentence[6] == '-')) {
    return Scope::paragraph;
  }
  static constexpr std::array<std::string_view, 20> k_phrases = {
      "this story has been updated", "this story has been corrected",
      "this story was updated", "this story was corrected", "this story has been amended",
      "this story was amended", "this article has been updated",
      "this article has been corrected", "this article was updated",
      "this article was corrected", "this article was amended",
      "this article has been amended", "an earlier version of this",
      "a previous version of this", "an earlier version of the", "a previous version of the",
      "this is a developing story", "this story is developing", "this post has been updated",
      "this report has been updated",
  };
  for (std::string_view phrase : k_phrases) {
    if (p.starts_with(phrase)) {
      return Scope::sentence;
    }
  }
  if (p.starts_with("updated at ") || p.starts_with("updated on ")) {
    return Scope::sentence;
  }
  return std::nullopt;
}

} // namespace

void extract_corrections(const text::Document& doc, std::vector<Fact>& out) {
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const std::optional<Scope> scope = notice_scope(doc.sentence_text(s));
    if (!scope) {
      continue;
    }
    const text::Sentence& first = doc.sentences[s];
    std::uint32_t last = s;
    const bool opens_paragraph = s == 0 || doc.sentences[s - 1].paragraph != first.paragraph;
    if (*scope == Scope::paragraph && opens_paragraph) {
      while (last + 1 < doc.sentences.size() &&
             doc.sentences[last + 1].paragraph == first.paragraph) {
        ++last;
      }
    }
    Fact fact;
    fact.kind = FactKind::correction;
    fact.sentence = s;
    fact.last_sentence = last;
    fact.span = core::Span{first.span.start, doc.sentences[last].span.end};
    fact.text = std::string(fact.span.of(doc.text));
    fact.key = "corr:" + text::fold(fact.text);
    out.push_back(std::move(fact));
    s = last;
  }
}

} // namespace storydiff::extract::detail
