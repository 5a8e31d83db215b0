// SPDX-License-Identifier: MIT
// The terminal view of a Report: headline, typed changes, word diffs.
#include <storydiff/report/render.hpp>

#include "report_parts.hpp"

#include <fmt/format.h>


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

// The word diff of one sentence op: runs of kept, removed and inserted words
// (report_parts' word_runs), the edits painted.
std::string word_diff(const diff::SentenceDiff& sentence, const Sources& sources,
                      const Painter& painter) {
  std::string out;
  for (const detail::WordRun& run : detail::word_runs(sentence, sources.old_doc, sources.new_doc)) {
    if (run.space_before) {
      out += ' ';
    }
    switch (run.op) {
    case diff::WordEdit::Op::keep: out += run.text; break;
    case diff::WordEdit::Op::remove: out += painter.removed(run.text); break;
    case diff::WordEdit::Op::insert: out += painter.inserted(run.text); break;
    }
  }
  return out;
}

} // namespace

std::string render_text(const diff::Report& report, const Sources& sources, Color color) {
  const Painter painter(color);
  std::string out;

  if (detail::is_no_change(report)) {
    out += painter.paint(k_bold, "No change.");
    out += '\n';
    return out;
  }
  std::string headline = detail::clean_text(report.headline);
  if (headline.empty()) {
    headline = fmt::format("Changed ({})", diff::to_string(report.significance));
  }
  out += painter.paint(k_bold, headline);
  out += '\n';
  out += painter.paint(
      k_dim, fmt::format("{} → {} · {}{}", detail::clean_text(report.old_doc.label),
                         detail::clean_text(report.new_doc.label), diff::to_string(report.significance),
                         report.degraded ? " · degraded (work bound hit; result simplified)" : ""));
  out += '\n';

  // Typed changes, substantive before style, each group in the report's
  // (most important first) order.
  const std::vector<const diff::Change*> changes = detail::ordered_changes(report);
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
    out += detail::clean_text(change->message);
    out += '\n';
  }

  // Word diffs of the pairs whose words changed, numbered old → new.
  bool any_word_diff = false;
  for (const diff::SentenceDiff& sentence : report.sentences) {
    if (!detail::shows_word_diff(sentence)) {
      continue;
    }
    // Without token edits (a degraded pair, or a report read back from
    // JSON) word_runs gives the old side removed and the new side inserted.
    const std::string body = word_diff(sentence, sources, painter);
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
    out += painter.paint(k_dim, fmt::format("{} → {} {}", detail::sentence_list(sentence.op.old_sentences),
                                            detail::sentence_list(sentence.op.new_sentences),
                                            align::to_string(sentence.op.op)));
    out += '\n';
    out += "    ";
    out += body;
    out += '\n';
  }
  return out;
}

} // namespace storydiff::report
