// SPDX-License-Identifier: MIT
// The HTML views: one report (render_html) and a whole story
// (render_story_html), as self-contained pages that load nothing.
#include "report_parts.hpp"

#include <storydiff/report/render.hpp>
#include <storydiff/report/story.hpp>

#include <fmt/format.h>

namespace storydiff::report {

namespace {

// The one escape for every piece of text this file did not write itself, in
// element content and in (always double-quoted) attribute values alike.
std::string html_escape(std::string_view raw) {
  const std::string text = detail::clean_text(raw);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c; break;
    }
  }
  return out;
}

// Blue for added and vermilion for removed stay apart for the common kinds
// of color blindness, and del/ins are also struck through / underlined, so
// the diff reads in grayscale and in print too. System fonts only.
constexpr std::string_view k_css = R"css(
:root{--ink:#1b1f24;--muted:#59636e;--line:#d5dae0;--bg:#fff;--panel:#f5f7f9;
--sub:#b3400a;--del-bg:#fde4dc;--del-ink:#8a1e06;--ins-bg:#dce9fc;--ins-ink:#0a3b80}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);
font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;
overflow-wrap:anywhere}
main{max-width:46rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.6rem;line-height:1.25;margin:.2rem 0 .5rem}
h2{font-size:1.2rem;line-height:1.3;margin:2.2rem 0 .8rem;padding-bottom:.35rem;border-bottom:2px solid var(--line)}
h3{font-size:.78rem;letter-spacing:.06em;text-transform:uppercase;color:var(--muted);margin:1.3rem 0 .5rem}
.eyebrow{margin:0;color:var(--muted);font-size:.78rem;letter-spacing:.06em;text-transform:uppercase}
.meta{margin:.2rem 0 0;color:var(--muted);font-size:.9rem}
.badge{display:inline-block;font-size:.7rem;font-weight:700;letter-spacing:.05em;text-transform:uppercase;
line-height:1.5;padding:0 .45rem;border:1px solid currentColor;border-radius:999px;white-space:nowrap;vertical-align:.1em}
.badge.substantive{color:var(--sub)}
.badge.style,.badge.none{color:var(--muted)}
.changes{list-style:none;margin:0;padding:0}
.change{margin:.45rem 0;padding:.5rem .8rem;background:var(--panel);border-left:4px solid var(--line);border-radius:0 6px 6px 0}
.change.substantive{border-left-color:var(--sub)}
.change .kind{font-size:.8rem;font-weight:600;color:var(--muted);margin-left:.35rem}
.change .msg{margin:.15rem 0 0}
.edit{margin:.6rem 0;padding:.55rem .8rem;border:1px solid var(--line);border-radius:6px}
.edit .where{margin:0 0 .2rem;font-size:.78rem;color:var(--muted)}
.edit .words{margin:0}
del,ins{padding:0 .12em;border-radius:3px;text-decoration-thickness:2px;
-webkit-box-decoration-break:clone;box-decoration-break:clone}
del{background:var(--del-bg);color:var(--del-ink);text-decoration-line:line-through}
del+ins{margin-left:.2em}
ins{background:var(--ins-bg);color:var(--ins-ink);text-decoration-line:underline;text-underline-offset:.18em}
.legend{margin:2.5rem 0 0;padding-top:.8rem;border-top:1px solid var(--line);font-size:.85rem;color:var(--muted)}
.empty{color:var(--muted);font-style:italic}
.timeline{list-style:none;margin:0;padding:0 0 0 .2rem}
.timeline li{position:relative;padding:.3rem 0 .3rem 1.3rem;border-left:2px solid var(--line)}
.timeline li::before{content:"";position:absolute;left:-7px;top:.78rem;width:8px;height:8px;border-radius:50%;
background:var(--bg);border:2px solid var(--muted)}
.timeline li.substantive::before{background:var(--sub);border-color:var(--sub)}
.timeline a{display:grid;grid-template-columns:2.6rem 9.5rem minmax(0,1fr);column-gap:.6rem;color:inherit;text-decoration:none}
.timeline a:hover .tl-headline,.timeline a:focus .tl-headline{text-decoration:underline}
.rev{font-weight:700;font-variant-numeric:tabular-nums}
.timeline time{color:var(--muted);font-variant-numeric:tabular-nums;white-space:nowrap}
.revision{margin-top:2.6rem}
.revision>h2{display:flex;flex-wrap:wrap;align-items:baseline;gap:.2rem .7rem}
.revision>h2 time{font-size:.9rem;font-weight:400;color:var(--muted)}
.revision>.headline{font-size:1.08rem;font-weight:600;margin:0 0 .2rem}
@media (max-width:36rem){
main{padding:1rem .85rem 2.5rem}
h1{font-size:1.35rem}
.timeline a{grid-template-columns:auto minmax(0,1fr)}
.timeline .tl-headline{grid-column:1/-1}
}
@media print{
body{font-size:10.5pt;line-height:1.45}
main{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
h2,h3{break-after:avoid}
.change,.edit,.timeline li{break-inside:avoid}
del,ins,.change,.badge,.timeline li::before{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)css";

std::string page_start(std::string_view title) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // Defence in depth behind the escaping: the page may load and run nothing.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n";
  out += "<meta name=\"referrer\" content=\"no-referrer\">\n";
  out += "<meta name=\"generator\" content=\"storydiff\">\n";
  out += "<title>" + html_escape(title) + "</title>\n<style>";
  out += k_css;
  out += "</style>\n</head>\n<body>\n<main>\n";
  return out;
}

constexpr std::string_view k_legend =
    "<p class=\"legend\">Added words are <ins>underlined</ins>, removed words "
    "<del>struck through</del>. Sentence numbers count from 1 in the older → newer text. "
    "Made by storydiff.</p>\n";

constexpr std::string_view k_page_end = "</main>\n</body>\n</html>\n";

std::string badge(diff::Significance significance) {
  const std::string_view name = diff::to_string(significance);
  return fmt::format("<span class=\"badge {}\">{}</span>", name, name);
}

std::string word_diff(const std::vector<detail::WordRun>& runs) {
  std::string out;
  for (const detail::WordRun& run : runs) {
    if (run.space_before) {
      out += ' ';
    }
    switch (run.op) {
    case diff::WordEdit::Op::keep: out += html_escape(run.text); break;
    case diff::WordEdit::Op::remove: out += "<del>" + html_escape(run.text) + "</del>"; break;
    case diff::WordEdit::Op::insert: out += "<ins>" + html_escape(run.text) + "</ins>"; break;
    }
  }
  return out;
}

// The typed changes and the edited sentences of `report`, under headings of
// level `level`.
void append_report_body(std::string& out, const diff::Report& report,
                        const text::Document& old_doc, const text::Document& new_doc, int level) {
  const std::vector<const diff::Change*> changes = detail::ordered_changes(report);
  if (changes.empty()) {
    out += "<p class=\"empty\">No typed changes.</p>\n";
  } else {
    out += fmt::format("<h{0}>Changes ({1})</h{0}>\n<ul class=\"changes\">\n", level,
                       changes.size());
    for (const diff::Change* change : changes) {
      const std::string_view significance = diff::to_string(change->significance);
      out += fmt::format("<li class=\"change {}\" data-kind=\"{}\">{}<span class=\"kind\">{}</span>"
                         "<p class=\"msg\">{}</p></li>\n",
                         significance, diff::to_string(change->kind), badge(change->significance),
                         html_escape(detail::kind_label(change->kind)),
                         html_escape(change->message));
    }
    out += "</ul>\n";
  }
  bool any = false;
  for (const diff::SentenceDiff& sentence : report.sentences) {
    if (!detail::shows_word_diff(sentence)) {
      continue;
    }
    const std::vector<detail::WordRun> runs = detail::word_runs(sentence, old_doc, new_doc);
    if (runs.empty()) {
      continue;
    }
    if (!any) {
      out += fmt::format("<h{0}>Edited sentences</h{0}>\n", level);
      any = true;
    }
    const std::string old_list = detail::sentence_list(sentence.op.old_sentences);
    const std::string new_list = detail::sentence_list(sentence.op.new_sentences);
    out += fmt::format("<div class=\"edit\"><p class=\"where\">sentence {} → {} · {}</p>"
                       "<p class=\"words\">{}</p></div>\n",
                       old_list, new_list, align::to_string(sentence.op.op), word_diff(runs));
  }
}

std::string report_title(const diff::Report& report) {
  if (detail::is_no_change(report)) {
    return "No change";
  }
  const std::string headline = detail::clean_text(report.headline);
  return headline.empty() ? fmt::format("Changed ({})", diff::to_string(report.significance))
                          : headline;
}

} // namespace

std::string render_html(const diff::Report& report, const Sources& sources) {
  const std::string title = report_title(report);
  std::string out = page_start(title);
  out += "<header>\n<p class=\"eyebrow\">storydiff report</p>\n";
  out += "<h1>" + html_escape(title) + "</h1>\n";
  out += fmt::format("<p class=\"meta\">{} → {} {}{}</p>\n</header>\n",
                     html_escape(report.old_doc.label), html_escape(report.new_doc.label),
                     badge(report.significance),
                     report.degraded ? " · degraded (work bound hit; result simplified)" : "");
  if (!detail::is_no_change(report)) {
    append_report_body(out, report, sources.old_doc, sources.new_doc, 2);
  }
  out += k_legend;
  out += k_page_end;
  return out;
}

std::string render_story_html(const StoryPage& page) {
  std::string out = page_start(page.story + " · storydiff");
  out += "<header>\n<p class=\"eyebrow\">storydiff · story report</p>\n";
  out += "<h1>" + html_escape(page.story) + "</h1>\n";
  std::string meta = fmt::format("{} revision{}", page.revisions.size(),
                                 page.revisions.size() == 1 ? "" : "s");
  if (!page.revisions.empty()) {
    meta += " · " + page.revisions.back().captured_at;
    if (page.revisions.size() > 1) {
      meta += " to " + page.revisions.front().captured_at;
    }
  }
  if (!page.scope.empty()) {
    meta += " · " + page.scope;
  }
  out += "<p class=\"meta\">" + html_escape(meta) + "</p>\n</header>\n";

  out += "<nav aria-labelledby=\"timeline\">\n<h2 id=\"timeline\">Timeline</h2>\n";
  if (page.revisions.empty()) {
    out += "<p class=\"empty\">No revisions to show.</p>\n";
  } else {
    out += "<ol class=\"timeline\">\n";
  }
  for (const StoryRevision& revision : page.revisions) {
    const diff::Significance significance =
        revision.report ? revision.report->significance : diff::Significance::none;
    out += fmt::format("<li class=\"{}\"><a href=\"#r{}\"><span class=\"rev\">r{}</span>"
                       "<time datetime=\"{}\">{}</time><span class=\"tl-headline\">{}</span></a>"
                       "</li>\n",
                       diff::to_string(significance), revision.number, revision.number,
                       html_escape(revision.captured_at_rfc3339),
                       html_escape(revision.captured_at), html_escape(revision.headline));
  }
  if (!page.revisions.empty()) {
    out += "</ol>\n";
  }
  out += "</nav>\n";

  for (const StoryRevision& revision : page.revisions) {
    out += fmt::format("<section class=\"revision\" id=\"r{}\">\n", revision.number);
    out += fmt::format("<h2><span class=\"rev\">r{}</span><time datetime=\"{}\">{}</time>",
                       revision.number, html_escape(revision.captured_at_rfc3339),
                       html_escape(revision.captured_at));
    if (revision.report) {
      out += badge(revision.report->significance);
    }
    out += "</h2>\n";
    out += "<p class=\"headline\">" + html_escape(revision.headline) + "</p>\n";
    if (revision.restores) {
      out += fmt::format("<p class=\"meta\">The text equals r{} again.</p>\n", *revision.restores);
    }
    if (revision.report && revision.old_doc != nullptr && revision.new_doc != nullptr) {
      if (revision.report->degraded) {
        out += "<p class=\"meta\">Degraded: the differ hit a work bound and simplified "
               "this result.</p>\n";
      }
      if (!detail::is_no_change(*revision.report)) {
        append_report_body(out, *revision.report, *revision.old_doc, *revision.new_doc, 3);
      } else {
        out += "<p class=\"empty\">No change.</p>\n";
      }
    } else if (!revision.report) {
      out += "<p class=\"empty\">First capture of the story.</p>\n";
    }
    out += "</section>\n";
  }
  out += k_legend;
  out += k_page_end;
  return out;
}

} // namespace storydiff::report
