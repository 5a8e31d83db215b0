// SPDX-License-Identifier: MIT
// The terminal view of a Report: headline, typed changes, word diffs.
#include <storydiff/core/utf8.hpp>
#include <storydiff/report/render.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace storydiff::report {

namespace {

// SGR sequences. Every colored piece is closed on the same line, so a
// pager, a cut-off pipe or a terminal that drops lines never inherits a color.
constexpr std::string_view k_bold = "\x1b[1m";
constexpr std::string_view k_red = "\x1b[31m";
constexpr std::string_view k_green = "\x1b[32m";
constexpr std::string_view k_dim = "\x1b[2m";
constexpr std::string_view k_reset = "\x1b[0m";

// Width of the kind column ("attribution_removed" is the longest name).
constexpr std::size_t k_kind_width = 19;

// Text from the documents and the report, made safe for a terminal:
// invalid UTF-8 becomes U+FFFD, and control characters (C0, DEL, C1: an
// article could carry an escape sequence) and line breaks become spaces, so
// one item stays on one line. Runs of spaces fold to one.
std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const core::CodePoint cp = core::decode_utf8(text, pos);
    const char32_t c = cp.value;
    const bool control = c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 ||
                         c == 0x2029;
    if (control || c == ' ') {
      if (!out.empty() && out.back() != ' ') {
        out += ' ';
      }
    } else if (cp.valid) {
      out.append(text.substr(pos, cp.length));
    } else {
      core::append_utf8(out, 0xFFFD);
    }
    pos += cp.length;
  }
  return out;
}

class Painter {
public:
  explicit Painter(Color color) : m_on(color == Color::ansi) {}

  std::string paint(std::string_view style, std::string_view text) const {
    if (!m_on || text.empty()) {
      return std::string(text);
    }
    std::string out;
    out.reserve(style.size() + text.size() + k_reset.size());
    out.append(style).append(text).append(k_reset);
    return out;
  }
  std::string removed(std::string_view text) const {
    return m_on ? paint(k_red, text) : "[-" + std::string(text) + "-]";
  }
  std::string inserted(std::string_view text) const {
    return m_on ? paint(k_green, text) : "{+" + std::string(text) + "+}";
  }

private:
  bool m_on;
};

std::string sentence_list(const std::vector<std::uint32_t>& sentences) {
  // 1-based for people, as editors count sentences.
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

// The word diff of one aligned pair from its token edits: consecutive edits
// of the same kind form one run, printed as the text between the run's first
// and last token (so the document's own spacing and punctuation survive).
std::string word_diff(const diff::SentenceDiff& sentence, const Sources& sources,
                      const Painter& painter) {
  std::string out;
  const auto& words = sentence.words;
  std::size_t i = 0;
  bool first = true;
  diff::WordEdit::Op previous = diff::WordEdit::Op::keep;
  while (i < words.size()) {
    const diff::WordEdit::Op op = words[i].op;
    const text::Document& doc =
        op == diff::WordEdit::Op::insert ? sources.new_doc : sources.old_doc;
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
      const bool joined = op == diff::WordEdit::Op::insert && previous == diff::WordEdit::Op::remove;
      if (!first && !joined && space_before(head, doc)) {
        out += ' ';
      }
      const std::string piece =
          terminal_safe(std::string_view(doc.text).substr(head.start, tail.end - head.start));
      switch (op) {
      case diff::WordEdit::Op::keep: out += piece; break;
      case diff::WordEdit::Op::remove: out += painter.removed(piece); break;
      case diff::WordEdit::Op::insert: out += painter.inserted(piece); break;
      }
      first = false;
      previous = op;
    }
    i = j + 1;
  }
  return out;
}

// The text of a list of sentences of `doc`, joined by spaces; empty when an
// index is out of range (a report that does not belong to these documents).
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
  return terminal_safe(out);
}

// Ops whose two sides differ in words and so get a word diff.
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

} // namespace

std::string render_text(const diff::Report& report, const Sources& sources, Color color) {
  const Painter painter(color);
  std::string out;

  const bool nothing = report.significance == diff::Significance::none && report.changes.empty();
  if (nothing) {
    out += painter.paint(k_bold, "No change.");
    out += '\n';
    return out;
  }
  std::string headline = terminal_safe(report.headline);
  if (headline.empty()) {
    headline = fmt::format("Changed ({})", diff::to_string(report.significance));
  }
  out += painter.paint(k_bold, headline);
  out += '\n';
  out += painter.paint(
      k_dim, fmt::format("{} → {} · {}{}", terminal_safe(report.old_doc.label),
                         terminal_safe(report.new_doc.label), diff::to_string(report.significance),
                         report.degraded ? " · degraded (work bound hit; result simplified)" : ""));
  out += '\n';

  // Typed changes, substantive before style, each group in the report's
  // (most important first) order.
  std::vector<const diff::Change*> changes;
  changes.reserve(report.changes.size());
  for (const diff::Change& change : report.changes) {
    changes.push_back(&change);
  }
  std::stable_partition(changes.begin(), changes.end(), [](const diff::Change* change) {
    return change->significance == diff::Significance::substantive;
  });
  if (!changes.empty()) {
    out += '\n';
  }
  for (const diff::Change* change : changes) {
    const std::string_view kind = diff::to_string(change->kind);
    std::string padding(k_kind_width > kind.size() ? k_kind_width - kind.size() : 0, ' ');
    out += "  ";
    out += painter.paint(k_bold, kind);
    out += padding;
    out += "  ";
    out += terminal_safe(change->message);
    out += '\n';
  }

  // Word diffs of the pairs whose words changed, numbered old → new.
  bool any_word_diff = false;
  for (const diff::SentenceDiff& sentence : report.sentences) {
    if (!shows_word_diff(sentence)) {
      continue;
    }
    std::string body;
    if (!sentence.words.empty()) {
      body = word_diff(sentence, sources, painter);
    } else {
      // No token edits (a degraded pair, or a report read back from JSON):
      // the old side removed and the new side inserted, whole.
      const std::string old_text = sentences_text(sentence.op.old_sentences, sources.old_doc);
      const std::string new_text = sentences_text(sentence.op.new_sentences, sources.new_doc);
      if (!old_text.empty()) {
        body += painter.removed(old_text);
      }
      if (!new_text.empty()) {
        body += (body.empty() ? "" : " ") + painter.inserted(new_text);
      }
    }
    if (body.empty()) {
      continue;
    }
    if (!any_word_diff) {
      out += '\n';
      out += painter.paint(k_bold, "Edited sentences (old → new):");
      out += '\n';
      any_word_diff = true;
    }
    out += "  ";
    out += painter.paint(k_dim, fmt::format("{} → {} {}", sentence_list(sentence.op.old_sentences),
                                            sentence_list(sentence.op.new_sentences),
                                            align::to_string(sentence.op.op)));
    out += '\n';
    out += "    ";
    out += body;
    out += '\n';
  }
  return out;
}

} // namespace storydiff::report
