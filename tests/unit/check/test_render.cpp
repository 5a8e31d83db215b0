// SPDX-License-Identifier: MIT
#include <storydiff/check/render.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>

using namespace storydiff;
using check::Level;
using diff::ChangeKind;
using nlohmann::json;

namespace {

// Text that needs every kind of escaping the formats have.
const std::string k_nasty = "Quote changed: \xE2\x80\x9C" "A, b: 100% <sure> & \"so\"\xE2\x80\x9D\n"
                            "next\rline \x01 bad \xFF byte";

check::Finding finding(std::string file, std::uint32_t line, std::uint32_t column, Level level,
                       ChangeKind kind, std::string message) {
  check::Finding f;
  f.file = std::move(file);
  f.line = line;
  f.column = column;
  f.level = level;
  f.change.kind = kind;
  f.change.significance = diff::significance_of(kind);
  f.change.message = std::move(message);
  f.change.new_side = diff::ChangeSide{"We were hopeful", 3, {10, 25}};
  f.change.old_side = diff::ChangeSide{"We are hopeful", 3, {10, 24}};
  if (kind == ChangeKind::quote_changed) {
    f.change.speaker = "Ana Ortiz";
  }
  return f;
}

check::CheckRun sample_run() {
  check::CheckRun run;
  run.policy = "built-in defaults";
  check::FileResult a;
  a.path = "news/a, b:c.md";
  a.significance = diff::Significance::substantive;
  a.findings.push_back(finding(a.path, 7, 2, Level::error, ChangeKind::quote_changed, k_nasty));
  a.findings.push_back(
      finding(a.path, 9, 1, Level::warning, ChangeKind::number_changed, "Number changed: 12 → 15"));
  a.findings.push_back(
      finding(a.path, 11, 4, Level::info, ChangeKind::claim_added, "Claim added: “A new line.”"));
  check::FileResult b;
  b.path = "news/b.md";
  b.significance = diff::Significance::substantive;
  b.findings.push_back(finding(b.path, 1, 1, Level::error, ChangeKind::attribution_removed,
                               "Attribution removed: police said"));
  b.findings.back().nearest = true;
  check::FileResult c;
  c.path = "photo.png";
  c.skipped = "not a text draft";
  check::FileResult d;
  d.path = "news/clean.md";
  d.significance = diff::Significance::style;
  run.files = {a, b, c, d};
  return run;
}

std::string github_unescape(std::string text) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"%0D", "\r"}, {"%0A", "\n"}, {"%3A", ":"}, {"%2C", ","}, {"%25", "%"}}) {
    std::string out;
    std::size_t at = 0;
    while (true) {
      const std::size_t hit = text.find(from, at);
      out += text.substr(at, hit - at);
      if (hit == std::string::npos) {
        break;
      }
      out += to;
      at = hit + from.size();
    }
    text = out;
  }
  return text;
}

struct XmlDoc {
  xmlDocPtr doc = nullptr;
  ~XmlDoc() { xmlFreeDoc(doc); }
};

std::string attribute(xmlNodePtr node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string out = value == nullptr ? std::string{} : reinterpret_cast<const char*>(value);
  xmlFree(value);
  return out;
}

std::vector<xmlNodePtr> children(xmlNodePtr node, std::string_view name) {
  std::vector<xmlNodePtr> out;
  for (xmlNodePtr child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && name == reinterpret_cast<const char*>(child->name)) {
      out.push_back(child);
    }
  }
  return out;
}

} // namespace

TEST_CASE("check::render text lists findings and a summary", "[check]") {
  const check::CheckRun run = sample_run();
  const std::string text = check::render(run, check::Format::text);
  CHECK_THAT(text, Catch::Contains("news/a, b:c.md:9:1: warning: Number changed: 12 → 15 "
                                   "[number_changed]\n"));
  CHECK_THAT(text, Catch::Contains("news/b.md:1:1: error: Attribution removed: police said "
                                   "[attribution_removed]\n"));
  CHECK_THAT(text, Catch::EndsWith("2 errors, 1 warning, 1 info in 3 files checked, 1 skipped "
                                   "(policy: built-in defaults)\n"));
  check::CheckRun errors_only = run;
  errors_only.min_level = Level::error;
  const std::string short_text = check::render(errors_only, check::Format::text);
  CHECK_THAT(short_text, !Catch::Contains("number_changed"));
  CHECK_THAT(short_text, Catch::Contains("2 errors, 0 warnings, 0 info"));
  CHECK(check::count_at(errors_only, Level::warning) == 0);
  CHECK(check::count_at(run, Level::warning) == 1);
}

TEST_CASE("check::render json is storydiff.check/1", "[check]") {
  const json doc = json::parse(check::render(sample_run(), check::Format::json));
  CHECK(doc.at("schema") == "storydiff.check/1");
  CHECK(doc.at("policy") == "built-in defaults");
  CHECK(doc.at("min_level") == "info");
  CHECK(doc.at("counts") == json{{"error", 2}, {"warning", 1}, {"info", 1}});
  REQUIRE(doc.at("files").size() == 4);
  CHECK(doc["files"][0] == json{{"path", "news/a, b:c.md"},
                                {"significance", "substantive"},
                                {"skipped", nullptr},
                                {"findings", 3}});
  CHECK(doc["files"][2].at("skipped") == "not a text draft");
  const json& findings = doc.at("findings");
  REQUIRE(findings.size() == 4);
  for (const json& f : findings) {
    for (const char* key : {"file", "line", "column", "kind", "level", "message", "change"}) {
      CHECK(f.contains(key));
    }
    CHECK(f.at("line").get<int>() >= 1);
    CHECK(f.at("change").at("kind") == f.at("kind"));
  }
  const json& quote = findings[0];
  CHECK(quote.at("file") == "news/a, b:c.md");
  CHECK(quote.at("line") == 7);
  CHECK(quote.at("column") == 2);
  CHECK(quote.at("level") == "error");
  CHECK(quote.at("kind") == "quote_changed");
  // Invalid UTF-8 comes out as U+FFFD; the rest of the message is intact.
  CHECK_THAT(quote.at("message").get<std::string>(), Catch::Contains("100% <sure> & \"so\""));
  CHECK_THAT(quote.at("message").get<std::string>(), Catch::Contains("\xEF\xBF\xBD"));
  CHECK(quote.at("change").at("new") ==
        json{{"text", "We were hopeful"}, {"sentence", 3}, {"start", 10}, {"end", 25}});
  CHECK(quote.at("change").at("speaker") == "Ana Ortiz");
  CHECK(findings[1].at("change").at("value").contains("unit"));
  CHECK(findings[3].at("nearest") == true);
  CHECK(findings[3].at("change").at("source") == nullptr);
}

TEST_CASE("check::render github writes one workflow command per finding", "[check]") {
  const std::string out = check::render(sample_run(), check::Format::github);
  const std::regex line_format(
      R"(^::(error|warning|notice) file=([^,:]*),line=(\d+),col=(\d+),title=([^,:]*)::([^\r\n]*)$)");
  std::vector<std::smatch> lines;
  std::size_t count = 0;
  std::istringstream in(out);
  std::vector<std::string> commands;
  std::vector<std::string> files;
  std::vector<std::string> messages;
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    INFO(line);
    REQUIRE(std::regex_match(line, match, line_format));
    commands.push_back(match[1]);
    files.push_back(github_unescape(match[2]));
    messages.push_back(github_unescape(match[6]));
    ++count;
  }
  REQUIRE(count == 4);
  CHECK(commands == std::vector<std::string>{"error", "warning", "notice", "error"});
  CHECK(files[0] == "news/a, b:c.md"); // , and : escaped in properties and back
  CHECK(messages[0] == k_nasty);       // %, \r, \n escaped in data and back
  CHECK(check::github_escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A");
  CHECK(check::github_escape_data("a,b:c%\r\n") == "a,b:c%25%0D%0A");
}

TEST_CASE("check::render sarif is SARIF 2.1.0 with a rule per kind", "[check]") {
  const std::string text = check::render(sample_run(), check::Format::sarif);
  const json doc = json::parse(text);
  CHECK(doc.at("version") == "2.1.0");
  CHECK(doc.at("$schema").get<std::string>().find("sarif") != std::string::npos);
  REQUIRE(doc.at("runs").size() == 1);
  const json& run = doc["runs"][0];
  const json& driver = run.at("tool").at("driver");
  CHECK(driver.at("name") == "storydiff");
  CHECK_FALSE(driver.at("version").get<std::string>().empty());
  const json& rules = driver.at("rules");
  REQUIRE(rules.size() == check::k_kind_count);
  std::set<std::string> ids;
  for (const json& rule : rules) {
    ids.insert(rule.at("id").get<std::string>());
    CHECK_FALSE(rule.at("shortDescription").at("text").get<std::string>().empty());
  }
  CHECK(ids.size() == check::k_kind_count);
  const json& results = run.at("results");
  REQUIRE(results.size() == 4);
  const std::vector<std::string> levels{"error", "warning", "note", "error"};
  for (std::size_t i = 0; i < results.size(); ++i) {
    const json& result = results[i];
    const std::string rule_id = result.at("ruleId");
    CHECK(ids.count(rule_id) == 1);
    CHECK(rules.at(result.at("ruleIndex").get<std::size_t>()).at("id") == rule_id);
    CHECK(result.at("level") == levels[i]);
    CHECK_FALSE(result.at("message").at("text").get<std::string>().empty());
    const json& location = result.at("locations").at(0).at("physicalLocation");
    CHECK_FALSE(location.at("artifactLocation").at("uri").get<std::string>().empty());
    CHECK(location.at("region").at("startLine").get<int>() >= 1);
    CHECK(location.at("region").at("startColumn").get<int>() >= 1);
  }
  CHECK(results[0].at("locations")[0]["physicalLocation"]["region"] ==
        json{{"startLine", 7}, {"startColumn", 2}});
  // URIs are RFC 3986 references: the path percent-encoded, relative to SRCROOT.
  CHECK(results[0].at("locations")[0]["physicalLocation"]["artifactLocation"] ==
        json{{"uri", "news/a%2C%20b%3Ac.md"}, {"uriBaseId", "SRCROOT"}});
}

// Microsoft's SARIF validator (npm @microsoft/sarif-multitool, installed by
// STORYDIFF_SARIF_TOOLS=DIR scripts/install-deps.sh); skipped when absent.
TEST_CASE("check::render sarif passes Microsoft's SARIF validator", "[check][sarif]") {
  const std::filesystem::path tool = STORYDIFF_SARIF_MULTITOOL;
  if (!std::filesystem::exists(tool)) {
    WARN("sarif-multitool not installed at " << tool << ": skipped");
    return;
  }
  test::TempDir dir;
  test::write_file(dir / "check.sarif", check::render(sample_run(), check::Format::sarif));
  const test::RunResult run = test::run_process(
      {tool.string(), "validate", (dir / "check.sarif").string(), "-o",
       (dir / "validation.sarif").string()});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  const json validation = json::parse(test::read_file(dir / "validation.sarif"));
  std::size_t problems = 0;
  for (const json& result : validation.at("runs").at(0).value("results", json::array())) {
    const std::string level = result.value("level", "warning");
    if (level == "error" || level == "warning") {
      UNSCOPED_INFO(result.at("ruleId") << ": " << result.at("message").dump());
      ++problems;
    }
  }
  CHECK(problems == 0);
}

TEST_CASE("check::render junit is XML with a testcase per file", "[check]") {
  const std::string text = check::render(sample_run(), check::Format::junit);
  XmlDoc xml;
  xml.doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "junit.xml", nullptr,
                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  INFO(text);
  REQUIRE(xml.doc != nullptr);
  xmlNodePtr suite = xmlDocGetRootElement(xml.doc);
  REQUIRE(suite != nullptr);
  CHECK(std::string_view{reinterpret_cast<const char*>(suite->name)} == "testsuite");
  CHECK(attribute(suite, "tests") == "4");
  CHECK(attribute(suite, "failures") == "2");
  CHECK(attribute(suite, "skipped") == "1");
  const auto cases = children(suite, "testcase");
  REQUIRE(cases.size() == 4);
  CHECK(attribute(cases[0], "name") == "news/a, b:c.md");
  const auto failures = children(cases[0], "failure");
  REQUIRE(failures.size() == 1);
  CHECK(attribute(failures[0], "type") == "quote_changed");
  // The message survives escaping (control bytes and bad UTF-8 become U+FFFD).
  const std::string message = attribute(failures[0], "message");
  CHECK_THAT(message, Catch::StartsWith("Quote changed: \xE2\x80\x9C" "A, b: 100% <sure> & \"so\""));
  CHECK_THAT(message, Catch::Contains("\nnext\rline \xEF\xBF\xBD bad \xEF\xBF\xBD byte"));
  CHECK(children(cases[0], "system-out").size() == 1);
  CHECK(children(cases[1], "failure").size() == 1);
  CHECK(children(cases[2], "skipped").size() == 1);
  CHECK(children(cases[3], "failure").empty());
}

TEST_CASE("check::parse_format knows the five formats", "[check]") {
  CHECK(check::parse_format("sarif") == check::Format::sarif);
  CHECK(check::parse_format("junit") == check::Format::junit);
  CHECK_FALSE(check::parse_format("xml"));
}
