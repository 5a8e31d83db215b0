// SPDX-License-Identifier: MIT
// The Markdown view of a Report: for chats, issues and wikis.
#include "report_parts.hpp"

#include <storydiff/report/render.hpp>

#include <fmt/format.h>

namespace storydiff::report {

namespace {

// Story text as Markdown that reads as the same text and can make no markup
// (render.hpp lists what is escaped and why).
std::string md_escape(std::string_view raw) {
  const std::string text = detail::clean_text(raw);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '<':
    case '>':
    case '#':
    case '|':
    case '~':
    case '&':
    case '$':
      out += '\\';
      break;
    default:
      break;
    }
    out += c;
  }
  return out;
}

std::string word_diff(const std::vector<detail::WordRun>& runs) {
  std::string out;
  for (const detail::WordRun& run : runs) {
    if (run.space_before) {
      out += ' ';
    }
    const std::string text = md_escape(run.text);
    switch (run.op) {
    case diff::WordEdit::Op::keep: out += text; break;
    case diff::WordEdit::Op::remove: out += "~~" + text + "~~"; break;
    case diff::WordEdit::Op::insert: out += "**" + text + "**"; break;
    }
  }
  return out;
}

} // namespace

std::string render_markdown(const diff::Report& report, const Sources& sources) {
  std::string out;
  if (detail::is_no_change(report)) {
    out += "# No change\n\n";
    out += fmt::format("{} → {}\n", md_escape(report.old_doc.label),
                       md_escape(report.new_doc.label));
    return out;
  }
  const std::string headline = detail::clean_text(report.headline);
  out += "# ";
  out += headline.empty() ? fmt::format("Changed ({})", diff::to_string(report.significance))
                          : md_escape(headline);
  out += "\n\n";
  out += fmt::format("{} → {} · **{}**{}\n", md_escape(report.old_doc.label),
                     md_escape(report.new_doc.label), diff::to_string(report.significance),
                     report.degraded ? " · degraded (work bound hit; result simplified)" : "");

  const std::vector<const diff::Change*> changes = detail::ordered_changes(report);
  if (!changes.empty()) {
    out += "\n## Changes\n\n";
  }
  for (const diff::Change* change : changes) {
    const bool substantive = change->significance == diff::Significance::substantive;
    // Substantive changes are bold; style ones say so in italics.
    out += fmt::format("- {} `{}`: {}\n", substantive ? "**substantive**" : "*style*",
                       diff::to_string(change->kind), md_escape(change->message));
  }

  bool any = false;
  for (const diff::SentenceDiff& sentence : report.sentences) {
    if (!detail::shows_word_diff(sentence)) {
      continue;
    }
    const std::vector<detail::WordRun> runs =
        detail::word_runs(sentence, sources.old_doc, sources.new_doc);
    if (runs.empty()) {
      continue;
    }
    if (!any) {
      out += "\n## Edited sentences\n\n";
      any = true;
    }
    // Each line starts with our own markup, so story text never begins one.
    out += fmt::format("- *{} → {} ({}):* {}\n", detail::sentence_list(sentence.op.old_sentences),
                       detail::sentence_list(sentence.op.new_sentences),
                       align::to_string(sentence.op.op), word_diff(runs));
  }
  return out;
}

std::string escape_markdown(std::string_view text) { return md_escape(text); }

} // namespace storydiff::report
