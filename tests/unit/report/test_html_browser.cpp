// SPDX-License-Identifier: MIT
// The HTML story page in a real browser: headless Chromium loads it from a
// file and prints the DOM it built (--dump-dom), which is parsed here. One
// browser start per test case (they take a few seconds); the cases skip with
// a warning when chromium is not installed (scripts/install-deps.sh has it).
#include "test_support.hpp"

#include <storydiff/diff/changes.hpp>
#include <storydiff/report/render.hpp>
#include <storydiff/report/story.hpp>
#include <storydiff/text/pipeline.hpp>
#include <storydiff/text/segment.hpp>

#include <catch2/catch.hpp>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace diff = storydiff::diff;
namespace report = storydiff::report;
namespace text = storydiff::text;
namespace fs = std::filesystem;

namespace {

// $STORYDIFF_CHROMIUM, else chromium on PATH; nullopt when there is none.
std::optional<std::string> find_chromium() {
  if (const char* env = std::getenv("STORYDIFF_CHROMIUM"); env != nullptr && *env != '\0') {
    return std::string(env);
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  std::size_t pos = 0;
  while (pos <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', pos), dirs.size());
    for (const char* name : {"chromium", "chromium-browser"}) {
      const fs::path candidate = fs::path(dirs.substr(pos, end - pos)) / name;
      std::error_code ec;
      if (!candidate.parent_path().empty() && fs::is_regular_file(candidate, ec)) {
        return candidate.string();
      }
    }
    pos = end + 1;
  }
  return std::nullopt;
}

// Loads `html` from a file in headless Chromium and returns the DOM it
// built. Flags keep it off the network (every host name fails to resolve,
// no background or component traffic) and out of the user's profile.
std::string dump_dom(const std::string& chromium, const std::string& html) {
  const storydiff::test::TempDir dir;
  const fs::path page = dir / "page.html";
  storydiff::test::write_file(page, html);
  const storydiff::test::RunResult r = storydiff::test::run_process(
      {chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
       "--no-default-browser-check", "--disable-background-networking", "--disable-sync",
       "--disable-extensions", "--disable-component-update", "--disable-default-apps",
       "--disable-breakpad", "--disable-crash-reporter", "--metrics-recording-only",
       "--mute-audio", "--host-resolver-rules=MAP * ~NOTFOUND",
       "--user-data-dir=" + (dir / "profile").string(), "--dump-dom",
       "file://" + page.string()},
      storydiff::test::RunOptions{{}, {"HOME=" + dir.path().string()}, {}});
  INFO("chromium stderr: " << r.err.substr(0, 2000));
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.out.find("<html") != std::string::npos);
  return r.out;
}

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

// The browser's DOM, read back with libxml2's HTML parser.
class Dom {
public:
  explicit Dom(const std::string& html)
      : m_doc(htmlReadMemory(html.data(), static_cast<int>(html.size()), "dom.html", "UTF-8",
                             HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET)) {
    REQUIRE(m_doc != nullptr);
  }

  // Calls `visit` on every element, depth first.
  void each(const std::function<void(xmlNode*)>& visit) const { walk(xmlDocGetRootElement(m_doc.get()), visit); }

  std::vector<xmlNode*> elements(const std::string& name) const {
    std::vector<xmlNode*> found;
    each([&](xmlNode* node) {
      if (name_of(node) == name) {
        found.push_back(node);
      }
    });
    return found;
  }

  xmlNode* by_id(const std::string& id) const {
    xmlNode* found = nullptr;
    each([&](xmlNode* node) {
      if (found == nullptr && attribute(node, "id") == id) {
        found = node;
      }
    });
    return found;
  }

  static std::string name_of(const xmlNode* node) {
    return reinterpret_cast<const char*>(node->name);
  }
  static std::string attribute(xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (value == nullptr) {
      return {};
    }
    std::string out = reinterpret_cast<const char*>(value);
    xmlFree(value);
    return out;
  }
  static std::string text_of(xmlNode* node) {
    xmlChar* content = xmlNodeGetContent(node);
    if (content == nullptr) {
      return {};
    }
    std::string out = reinterpret_cast<const char*>(content);
    xmlFree(content);
    return out;
  }
  // Elements named `name` under `node`.
  static std::vector<xmlNode*> inside(xmlNode* node, const std::string& name) {
    std::vector<xmlNode*> found;
    walk(node->children, [&](xmlNode* child) {
      if (name_of(child) == name) {
        found.push_back(child);
      }
    });
    return found;
  }

private:
  static void walk(xmlNode* node, const std::function<void(xmlNode*)>& visit) {
    for (; node != nullptr; node = node->next) {
      if (node->type == XML_ELEMENT_NODE) {
        visit(node);
        walk(node->children, visit);
      }
    }
  }
  std::unique_ptr<xmlDoc, DocFree> m_doc;
};

text::Document read_text(const std::string& bytes) {
  auto read = text::read_document(bytes);
  REQUIRE(read);
  return std::move(read->document);
}

// A story page from texts, as `storydiff report` builds it from the store.
struct BuiltStory {
  std::vector<text::Document> docs;
  report::StoryPage page;
};

// `canonical`: the texts are article.txt already (no decoding, so they reach
// the page exactly as written).
void build_story(BuiltStory& story, const std::string& slug, const std::vector<std::string>& texts,
                 bool canonical = false) {
  story.docs.clear();
  story.docs.reserve(texts.size()); // the revisions point into docs
  for (const std::string& bytes : texts) {
    story.docs.push_back(canonical ? text::parse_canonical(bytes) : read_text(bytes));
  }
  story.page.story = slug;
  for (std::size_t i = 0; i < story.docs.size(); ++i) {
    report::StoryRevision revision;
    revision.number = static_cast<std::uint32_t>(i + 1);
    revision.captured_at = "2026-11-24 " + std::to_string(6 + i) + ":00Z";
    revision.captured_at_rfc3339 = "2026-11-24T" + std::to_string(10 + i) + ":00:00Z";
    if (i == 0) {
      revision.headline = "first capture";
    } else {
      diff::Report r = diff::compare(story.docs[i - 1], story.docs[i], "a", "b");
      revision.headline = r.headline;
      revision.report = std::move(r);
      revision.old_doc = &story.docs[i - 1];
      revision.new_doc = &story.docs[i];
    }
    story.page.revisions.insert(story.page.revisions.begin(), std::move(revision));
  }
}

} // namespace

TEST_CASE("report::render_story_html: Chromium shows the timeline and the expected changes",
          "[report][browser]") {
  const std::optional<std::string> chromium = find_chromium();
  if (!chromium) {
    WARN("chromium is not installed (scripts/install-deps.sh installs it): test skipped");
    return;
  }
  const fs::path fixture =
      storydiff::test::source_dir() / "fixtures" / "stories" / "harbor-bridge-collapse";
  std::vector<std::string> texts;
  for (int n = 1; n <= 9; ++n) {
    texts.push_back(storydiff::test::read_file(fixture / ("rev-00" + std::to_string(n) + ".txt")));
  }
  BuiltStory story;
  build_story(story, "harbor-bridge-collapse", texts);
  const Dom dom(dump_dom(*chromium, report::render_story_html(story.page)));

  // The timeline: nine entries, newest first, each linking to its section.
  const std::vector<xmlNode*> timeline = dom.elements("ol");
  REQUIRE(timeline.size() == 1);
  const std::vector<xmlNode*> links = Dom::inside(timeline[0], "a");
  REQUIRE(links.size() == 9);
  for (std::size_t i = 0; i < links.size(); ++i) {
    const std::string target = "r" + std::to_string(9 - i);
    CHECK(Dom::attribute(links[i], "href") == "#" + target);
    REQUIRE(dom.by_id(target) != nullptr);
    CHECK(Dom::name_of(dom.by_id(target)) == "section");
  }

  // Kinds of the changes listed in section `id`, with their messages.
  auto changes_in = [&](const std::string& id) {
    std::vector<std::pair<std::string, std::string>> found;
    for (xmlNode* item : Dom::inside(dom.by_id(id), "li")) {
      found.emplace_back(Dom::attribute(item, "data-kind"), Dom::text_of(item));
    }
    return found;
  };
  auto has = [&](const std::string& id, const std::string& kind, const std::string& words) {
    for (const auto& [k, message] : changes_in(id)) {
      if (k == kind && message.find(words) != std::string::npos) {
        return true;
      }
    }
    return false;
  };
  // The reference changes of fixtures/stories/harbor-bridge-collapse/CHANGES.md.
  CHECK(has("r2", "number_changed", "4"));
  CHECK(has("r4", "number_changed", "6"));
  CHECK(has("r6", "date_changed", "Monday"));
  CHECK(has("r7", "date_changed", "Tuesday"));
  CHECK(has("r8", "number_changed", "7"));
  CHECK(changes_in("r1").empty());

  // Word diffs: removed and added words are marked in the DOM.
  const std::vector<xmlNode*> removed = Dom::inside(dom.by_id("r6"), "del");
  const std::vector<xmlNode*> added = Dom::inside(dom.by_id("r6"), "ins");
  REQUIRE_FALSE(removed.empty());
  REQUIRE_FALSE(added.empty());
  bool tuesday_to_monday = false;
  for (std::size_t i = 0; i < removed.size(); ++i) {
    for (xmlNode* ins : added) {
      tuesday_to_monday = tuesday_to_monday || (Dom::text_of(removed[i]) == "Tuesday" &&
                                                Dom::text_of(ins) == "Monday");
    }
  }
  CHECK(tuesday_to_monday);
  CHECK(dom.elements("script").empty());
}

TEST_CASE("report::render_story_html: Chromium renders hostile story text as text",
          "[report][browser]") {
  const std::optional<std::string> chromium = find_chromium();
  if (!chromium) {
    WARN("chromium is not installed (scripts/install-deps.sh installs it): test skipped");
    return;
  }
  // Our own texts, each revision adding payloads in new places.
  const std::vector<std::string> payloads{
      "<script>alert(1)</script>",
      "\"><img src=x onerror=alert(1)>",
      "<a href=\"javascript:alert(1)\">click</a>",
      "</style><script>alert(2)</script>",
      "&lt;b&gt;entity&lt;/b&gt; &amp;",
      "<svg onload=alert(3)>",
      "<iframe src=\"http://evil.test/\"></iframe>",
      "' onmouseover='alert(4)",
      "<!-- comment --> <![CDATA[x]]> <base href=\"http://evil.test/\">",
      "<meta http-equiv=\"refresh\" content=\"0;url=http://evil.test/\">"};
  const std::string r1 = "Harbor officials said 12 people were hurt on Tuesday.\n\n"
                         "The bridge will stay closed.\n";
  std::string r2 = "Harbor officials said 15 people were hurt on Tuesday " + payloads[0] + " " +
                   payloads[1] + ".\n\nThe bridge will stay closed " + payloads[2] + ".\n";
  std::string r3 = "# " + payloads[3] + " Harbor update\n\n" + "Harbor officials said 15 people " +
                   payloads[4] + " were hurt on Wednesday " + payloads[5] + ".\n\n" +
                   "The bridge will stay closed " + payloads[6] + " " + payloads[7] + ".\n\n" +
                   "\u201CWe are safe " + payloads[8] + ",\u201D the mayor said " + payloads[9] +
                   ".\n";
  BuiltStory story;
  build_story(story, "payload-story", {r1, r2, r3}, true);
  // The headlines and the story name are story-controlled too.
  // Every payload is in a headline, so each is on the page for sure.
  std::string all;
  for (const std::string& payload : payloads) {
    all += payload + " ";
  }
  story.page.revisions[0].headline = all;
  story.page.scope = payloads[3];
  const std::string html = report::render_story_html(story.page);

  // Without a browser: the raw page has none of the payloads' markup.
  for (const char* raw : {"<script", "<img", "<svg", "<iframe", "<base", "javascript:alert(1)\"",
                          "onerror=alert(1)>", "<!--"}) {
    INFO(raw);
    CHECK(html.find(raw) == std::string::npos);
  }
  CHECK(html.find("<meta http-equiv=\"refresh\"") == std::string::npos);

  const Dom dom(dump_dom(*chromium, html));
  for (const char* forbidden : {"script", "img", "svg", "iframe", "base", "object", "embed"}) {
    INFO(forbidden);
    CHECK(dom.elements(forbidden).empty());
  }
  // No element has an event handler, and every link stays on the page.
  dom.each([&](xmlNode* node) {
    for (xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
      const std::string name = reinterpret_cast<const char*>(attr->name);
      INFO(Dom::name_of(node) << " " << name);
      CHECK(name.rfind("on", 0) != 0);
      if (name == "href") {
        CHECK(Dom::attribute(node, "href").rfind("#", 0) == 0);
      }
    }
  });
  // Only our own <meta> tags (charset, viewport, CSP, referrer, generator).
  CHECK(dom.elements("meta").size() == 5);
  CHECK(dom.elements("style").size() == 1);
  // The payloads are on the page as text, character for character.
  const std::string body = Dom::text_of(dom.elements("body").at(0));
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    INFO("payload " << i << ": " << payloads[i]);
    CHECK(body.find(payloads[i]) != std::string::npos);
  }
}
