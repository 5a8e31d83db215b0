// SPDX-License-Identifier: MIT
#include "report_parts.hpp"

#include <storydiff/core/utf8.hpp>

#include <algorithm>

namespace storydiff::report::detail {

namespace {

bool valid_span(core::Span span, const text::Document& doc) {
  return span.start <= span.end && span.end <= doc.text.size();
}

bool space_before(core::Span span, const text::Document& doc) {
  if (span.start == 0 || span.start > doc.text.size()) {
    return false;
  }
  const char c = doc.text[span.start - 1];
  return c == ' ' || c == '\n' || c == '\t';
}

// The sentences joined by spaces; empty when an index is out of range.
std::string sentences_text(const std::vector<std::uint32_t>& sentences, const text::Document& doc) {
  std::string out;
  for (std::uint32_t index : sentences) {
    if (index >= doc.sentences.size() || !valid_span(doc.sentences[index].span, doc)) {
      return {};
    }
    if (!out.empty()) {
      out += ' ';
    }
    out += doc.sentence_text(index);
  }
  return clean_text(out);
}

} // namespace

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const core::CodePoint cp = core::decode_utf8(text, pos);
    const char32_t c = cp.value;
    const bool control = c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 ||
                         c == 0x2029;
    if (cp.valid && (control || c == ' ')) {
      if (!out.empty() && out.back() != ' ') {
        out += ' ';
      }
    } else if (cp.valid) {
      out.append(text.substr(pos, cp.length));
    } else {
      core::append_utf8(out, 0xFFFD);
    }
    pos += cp.length == 0 ? 1 : cp.length;
  }
  return out;
}

bool shows_word_diff(const diff::SentenceDiff& sentence) {
  switch (sentence.op.op) {
  case align::Op::edited:
  case align::Op::split:
  case align::Op::merged:
    return true;
  case align::Op::moved:
    return sentence.op.similarity < 1.0 || !sentence.words.empty();
  case align::Op::equal:
  case align::Op::added:
  case align::Op::removed:
    return false;
  }
  return false;
}

std::vector<WordRun> word_runs(const diff::SentenceDiff& sentence, const text::Document& old_doc,
                               const text::Document& new_doc) {
  using Op = diff::WordEdit::Op;
  std::vector<WordRun> runs;
  const auto& words = sentence.words;
  if (words.empty()) {
    std::string old_text = sentences_text(sentence.op.old_sentences, old_doc);
    std::string new_text = sentences_text(sentence.op.new_sentences, new_doc);
    if (!old_text.empty()) {
      runs.push_back(WordRun{Op::remove, std::move(old_text), false});
    }
    if (!new_text.empty()) {
      runs.push_back(WordRun{Op::insert, std::move(new_text), !runs.empty()});
    }
    return runs;
  }
  std::size_t i = 0;
  Op previous = Op::keep;
  while (i < words.size()) {
    const Op op = words[i].op;
    const text::Document& doc = op == Op::insert ? new_doc : old_doc;
    std::size_t j = i;
    // A run stays inside one document and moves forward through it.
    while (j + 1 < words.size() && words[j + 1].op == op &&
           words[j + 1].span.start >= words[j].span.end && valid_span(words[j + 1].span, doc)) {
      ++j;
    }
    const core::Span head = words[i].span;
    const core::Span tail = words[j].span;
    if (valid_span(head, doc) && valid_span(tail, doc) && tail.end >= head.start) {
      // An insertion right after a removal reads as one replacement: no gap.
      const bool joined = op == Op::insert && previous == Op::remove;
      const bool space = !runs.empty() && !joined && space_before(head, doc);
      runs.push_back(WordRun{
          op, clean_text(std::string_view(doc.text).substr(head.start, tail.end - head.start)),
          space});
      previous = op;
    }
    i = j + 1;
  }
  return runs;
}

std::string sentence_list(const std::vector<std::uint32_t>& sentences) {
  if (sentences.empty()) {
    return "-";
  }
  std::string out;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    if (i != 0) {
      out += '+';
    }
    out += std::to_string(static_cast<std::uint64_t>(sentences[i]) + 1);
  }
  return out;
}

std::vector<const diff::Change*> ordered_changes(const diff::Report& report) {
  std::vector<const diff::Change*> changes;
  changes.reserve(report.changes.size());
  for (const diff::Change& change : report.changes) {
    changes.push_back(&change);
  }
  std::stable_partition(changes.begin(), changes.end(), [](const diff::Change* change) {
    return change->significance == diff::Significance::substantive;
  });
  return changes;
}

std::string kind_label(diff::ChangeKind kind) {
  std::string label(diff::to_string(kind));
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

bool is_no_change(const diff::Report& report) {
  return report.significance == diff::Significance::none && report.changes.empty();
}

} // namespace storydiff::report::detail
