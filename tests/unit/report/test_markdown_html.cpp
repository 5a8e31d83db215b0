// SPDX-License-Identifier: MIT
// The Markdown and HTML views: a golden Markdown report of a fixture pair,
// and the escaping of story text in both formats (without a browser; the
// browser checks are in test_html_browser.cpp).
#include "test_support.hpp"

#include <storydiff/diff/changes.hpp>
#include <storydiff/report/render.hpp>
#include <storydiff/report/story.hpp>
#include <storydiff/text/pipeline.hpp>
#include <storydiff/text/segment.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

namespace diff = storydiff::diff;
namespace report = storydiff::report;
namespace text = storydiff::text;

namespace {

text::Document read_fixture(const std::string& relative) {
  auto read = text::read_document(
      storydiff::test::read_file(storydiff::test::source_dir() / relative));
  REQUIRE(read);
  return std::move(read->document);
}

// Story text written to break out of HTML and Markdown.
const std::string k_payload_old =
    "Police said <script>alert(1)</script> 12 people were hurt.\n"
    "\n"
    "The mayor's page is [here](javascript:alert(1)) and ![x](http://evil.test/x.png).\n";
const std::string k_payload_new =
    "Police said \"><img src=x onerror=alert(1)> 15 people were hurt &lt; </style> *now*.\n"
    "\n"
    "The mayor's page is [there](javascript:alert(2)) and <a href=\"javascript:x\">link</a> # `code` | ~~x~~ $5 & _y_.\n";

// A report about the payload texts built by hand, so the escaping tests do
// not depend on what the differ finds: one change whose message carries a
// payload, and two edited pairs shown whole (no token edits).
diff::Report payload_report() {
  diff::Report r;
  r.old_doc.label = "old<b>.txt";
  r.new_doc.label = "new\".txt";
  r.significance = diff::Significance::substantive;
  r.headline = "Number changed: <script>alert('h')</script> [x](javascript:alert(3))";
  diff::Change change;
  change.kind = diff::ChangeKind::number_changed;
  change.significance = diff::Significance::substantive;
  change.message = "Number changed: “12” → “15” <img src=x onerror=alert(1)> &amp; *";
  r.changes.push_back(change);
  diff::Change style;
  style.kind = diff::ChangeKind::reworded;
  style.significance = diff::Significance::style;
  style.message = "Reworded </style><script>alert(4)</script>";
  r.changes.push_back(style);
  for (std::uint32_t i = 0; i < 2; ++i) {
    diff::SentenceDiff sentence;
    sentence.op.op = storydiff::align::Op::edited;
    sentence.op.old_sentences = {i};
    sentence.op.new_sentences = {i};
    sentence.op.similarity = 0.8;
    r.sentences.push_back(sentence);
  }
  return r;
}

// Every '<' of `html` opens a tag storydiff writes itself (story text has
// only &lt;), style content aside; every href is a fragment of the page.
void check_only_own_markup(const std::string& html) {
  static const std::set<std::string> k_own{
      "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "main", "header", "nav",
      "section", "h1", "h2", "h3", "p", "span", "ul", "ol", "li", "a", "time", "div", "del", "ins"};
  std::size_t pos = 0;
  std::size_t tags = 0;
  while ((pos = html.find('<', pos)) != std::string::npos) {
    std::size_t name_start = pos + 1;
    if (name_start < html.size() && html[name_start] == '/') {
      ++name_start;
    }
    const std::size_t name_end = html.find_first_of(" >", name_start);
    REQUIRE(name_end != std::string::npos);
    const std::string name = html.substr(name_start, name_end - name_start);
    INFO("tag at byte " << pos << ": " << html.substr(pos, 60));
    CHECK(k_own.count(name) == 1);
    const std::size_t close = html.find('>', pos);
    REQUIRE(close != std::string::npos);
    const std::string tag = html.substr(pos, close - pos);
    CHECK(tag.find("javascript") == std::string::npos);
    CHECK(tag.find(" on") == std::string::npos);
    CHECK(tag.find(" src") == std::string::npos);
    const std::size_t href = tag.find("href=\"");
    if (href != std::string::npos) {
      CHECK(tag.substr(href + 6, 1) == "#");
    }
    ++tags;
    if (name == "style" && html[pos + 1] != '/') {
      // The CSS is ours; the next '<' of the page is the closing tag.
      pos = html.find("</style>", close);
      REQUIRE(pos != std::string::npos);
      continue;
    }
    pos = close;
  }
  CHECK(tags > 10);
  CHECK(html.find("</style>") == html.rfind("</style>")); // only our own closing tag
}

} // namespace

TEST_CASE("report::render_markdown matches the golden report of a fixture pair", "[report]") {
  const text::Document before = read_fixture("fixtures/stories/harbor-bridge-collapse/rev-001.txt");
  const text::Document after = read_fixture("fixtures/stories/harbor-bridge-collapse/rev-002.txt");
  const diff::Report r = diff::compare(before, after, "rev-001.txt", "rev-002.txt");
  const std::string markdown = report::render_markdown(r, report::Sources{before, after});
  const auto golden = storydiff::test::source_dir() / "fixtures/report/harbor-r1-r2.md";
  // STORYDIFF_UPDATE_GOLDEN=1 rewrites the file after a deliberate change
  // (then read the diff of the file before committing it).
  if (const char* update = std::getenv("STORYDIFF_UPDATE_GOLDEN"); update && *update == '1') {
    storydiff::test::write_file(golden, markdown);
  }
  CHECK(markdown == storydiff::test::read_file(golden));

  SECTION("the structure the format promises") {
    CHECK(markdown.rfind("# ", 0) == 0);
    CHECK(markdown.find("\n## Changes\n\n- **substantive** `") != std::string::npos);
    CHECK(markdown.find("- **substantive** `number_changed`: Number changed: ") != std::string::npos);
    CHECK(markdown.find("\n## Edited sentences\n\n- *") != std::string::npos);
    CHECK(markdown.find("~~") != std::string::npos);
    // Substantive changes come before style ones.
    const std::size_t style = markdown.find("- *style*");
    if (style != std::string::npos) {
      CHECK(markdown.rfind("- **substantive**", style) != std::string::npos);
      CHECK(markdown.find("- **substantive**", style) == std::string::npos);
    }
  }
}

TEST_CASE("report::render_markdown escapes story text", "[report]") {
  const text::Document old_doc = text::parse_canonical(k_payload_old);
  const text::Document new_doc = text::parse_canonical(k_payload_new);
  const diff::Report r = payload_report();
  const std::string markdown = report::render_markdown(r, report::Sources{old_doc, new_doc});
  const std::string expected =
      "# Number changed: \\<script\\>alert('h')\\</script\\> \\[x\\](javascript:alert(3))\n"
      "\n"
      "old\\<b\\>.txt → new\".txt · **substantive**\n"
      "\n"
      "## Changes\n"
      "\n"
      "- **substantive** `number_changed`: Number changed: “12” → “15” \\<img src=x "
      "onerror=alert(1)\\> \\&amp; \\*\n"
      "- *style* `reworded`: Reworded \\</style\\>\\<script\\>alert(4)\\</script\\>\n"
      "\n"
      "## Edited sentences\n"
      "\n"
      "- *1 → 1 (edited):* ~~Police said \\<script\\>alert(1)\\</script\\> 12 people were "
      "hurt.~~ **Police said \"\\>\\<img src=x onerror=alert(1)\\> 15 people were hurt \\&lt; "
      "\\</style\\> \\*now\\*.**\n"
      "- *2 → 2 (edited):* ~~The mayor's page is \\[here\\](javascript:alert(1)) and "
      "!\\[x\\](http://evil.test/x.png).~~ **The mayor's page is \\[there\\](javascript:alert(2)) "
      "and \\<a href=\"javascript:x\"\\>link\\</a\\> \\# \\`code\\` \\| \\~\\~x\\~\\~ \\$5 \\& "
      "\\_y\\_.**\n";
  CHECK(markdown == expected);

  SECTION("line breaks and control characters cannot start a Markdown line") {
    diff::Report broken = r;
    broken.headline = "Two\nlines\r\n# heading\x1b[31m and \xff bad";
    const std::string out = report::render_markdown(broken, report::Sources{old_doc, new_doc});
    const std::string first_line = out.substr(0, out.find('\n'));
    CHECK(first_line == "# Two lines \\# heading \\[31m and \xEF\xBF\xBD bad");
    CHECK(out.find('\x1b') == std::string::npos);
  }
}

TEST_CASE("report::render_html escapes every piece of story text", "[report]") {
  const text::Document old_doc = text::parse_canonical(k_payload_old);
  const text::Document new_doc = text::parse_canonical(k_payload_new);
  const diff::Report r = payload_report();

  SECTION("one report") {
    const std::string html = report::render_html(r, report::Sources{old_doc, new_doc});
    check_only_own_markup(html);
    CHECK(html.find("<title>Number changed: &lt;script&gt;alert(&#39;h&#39;)&lt;/script&gt;") !=
          std::string::npos);
    CHECK(html.find("<del>Police said &lt;script&gt;alert(1)&lt;/script&gt; 12 people were "
                    "hurt.</del>") != std::string::npos);
    CHECK(html.find("<ins>Police said &quot;&gt;&lt;img src=x onerror=alert(1)&gt; 15 people "
                    "were hurt &amp;lt; &lt;/style&gt; *now*.</ins>") != std::string::npos);
    CHECK(html.find("old&lt;b&gt;.txt → new&quot;.txt") != std::string::npos);
  }
  SECTION("a story page, with story text in attributes and headings too") {
    report::StoryPage page;
    page.story = "payload-story";
    report::StoryRevision second;
    second.number = 2;
    second.captured_at = "2026-11-24 07:00Z";
    second.captured_at_rfc3339 = "2026-11-24T07:00:00Z\"><script>alert(5)</script>";
    second.headline = "<script>alert(6)</script>";
    second.report = r;
    second.old_doc = &old_doc;
    second.new_doc = &new_doc;
    report::StoryRevision first;
    first.number = 1;
    first.captured_at = "2026-11-24 06:00Z";
    first.captured_at_rfc3339 = "2026-11-24T06:00:00Z";
    first.headline = "first capture: 2 sentences";
    page.revisions = {second, first};
    const std::string html = report::render_story_html(page);
    check_only_own_markup(html);
    CHECK(html.find("datetime=\"2026-11-24T07:00:00Z&quot;&gt;&lt;script&gt;alert(5)") !=
          std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(6)&lt;/script&gt;") != std::string::npos);
  }
}

TEST_CASE("report::render_html is one self-contained page", "[report]") {
  const text::Document before = read_fixture("fixtures/stories/harbor-bridge-collapse/rev-001.txt");
  const text::Document after = read_fixture("fixtures/stories/harbor-bridge-collapse/rev-002.txt");
  const diff::Report r = diff::compare(before, after, "rev-001.txt", "rev-002.txt");
  const std::string html = report::render_html(r, report::Sources{before, after});
  check_only_own_markup(html);
  CHECK(html.rfind("<!DOCTYPE html>\n", 0) == 0);
  CHECK(html.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">") !=
        std::string::npos);
  CHECK(html.find("default-src 'none'") != std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("url(") == std::string::npos); // no fonts or images
  CHECK(html.find("@import") == std::string::npos);
  // Every typed change is on the page, substantive ones first.
  for (const diff::Change& change : r.changes) {
    INFO(change.message);
    CHECK(html.find(std::string("data-kind=\"") + std::string(diff::to_string(change.kind))) !=
          std::string::npos);
  }
  const std::size_t first_style = html.find("class=\"change style\"");
  if (first_style != std::string::npos) {
    CHECK(html.find("class=\"change substantive\"", first_style) == std::string::npos);
  }
  CHECK(html.find("<del>") != std::string::npos);
  CHECK(html.find("<ins>") != std::string::npos);

  SECTION("no change") {
    const diff::Report same = diff::compare(before, before, "a", "b");
    const std::string page = report::render_html(same, report::Sources{before, before});
    CHECK(page.find("<h1>No change</h1>") != std::string::npos);
    CHECK(page.find("class=\"change") == std::string::npos);
    CHECK(report::render_markdown(same, report::Sources{before, before}) ==
          "# No change\n\na → b\n");
  }
}
