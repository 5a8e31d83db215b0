// SPDX-License-Identifier: MIT
#include <storydiff/check/render.hpp>

#include <storydiff/core/utf8.hpp>
#include <storydiff/report/render.hpp>
#include <storydiff/version.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace storydiff::check {

namespace {

using Json = nlohmann::ordered_json;

bool shown(const CheckRun& run, const Finding& finding) {
  return finding.level != Level::off && finding.level >= run.min_level;
}

template <typename Fn> void for_each_shown(const CheckRun& run, Fn&& fn) {
  for (const FileResult& file : run.files) {
    for (const Finding& finding : file.findings) {
      if (shown(run, finding)) {
        fn(file, finding);
      }
    }
  }
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string dump(const Json& json) {
  // Invalid UTF-8 in a document's text comes out as U+FFFD, never an exception.
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// A change exactly as storydiff.diff/1 writes it.
Json change_json(const diff::Change& change) {
  return Json::parse(report::render_change_json(change));
}

// storydiff.check/1: schema, policy, min_level, counts per level, files (each
// with path, significance, skipped reason or null, and its number of shown
// findings) and findings (file, line, column, kind, level, message, nearest,
// exemption_line or null, change).
std::string render_json(const CheckRun& run) {
  Json files = Json::array();
  for (const FileResult& file : run.files) {
    const auto count = std::count_if(file.findings.begin(), file.findings.end(),
                                     [&](const Finding& f) { return shown(run, f); });
    files.push_back(Json{{"path", file.path},
                         {"significance", diff::to_string(file.significance)},
                         {"skipped", file.skipped.empty() ? Json(nullptr) : Json(file.skipped)},
                         {"findings", count}});
  }
  Json findings = Json::array();
  for_each_shown(run, [&](const FileResult&, const Finding& finding) {
    findings.push_back(Json{
        {"file", finding.file},
        {"line", finding.line},
        {"column", finding.column},
        {"kind", diff::to_string(finding.change.kind)},
        {"level", to_string(finding.level)},
        {"message", finding.change.message},
        {"nearest", finding.nearest},
        {"exemption_line",
         finding.exemption_line == 0 ? Json(nullptr) : Json(finding.exemption_line)},
        {"change", change_json(finding.change)}});
  });
  const Json json{{"schema", "storydiff.check/1"},
                  {"policy", run.policy},
                  {"min_level", to_string(run.min_level)},
                  {"counts",
                   {{"error", count_at(run, Level::error)},
                    {"warning", count_at(run, Level::warning)},
                    {"info", count_at(run, Level::info)}}},
                  {"files", files},
                  {"findings", findings}};
  return dump(json);
}

std::string render_text(const CheckRun& run) {
  std::string out;
  for_each_shown(run, [&](const FileResult&, const Finding& finding) {
    out += fmt::format("{}:{}:{}: {}: {} [{}]\n", finding.file, finding.line, finding.column,
                       to_string(finding.level), finding.change.message,
                       diff::to_string(finding.change.kind));
  });
  const auto skipped = std::count_if(run.files.begin(), run.files.end(),
                                     [](const FileResult& f) { return !f.skipped.empty(); });
  out += fmt::format("{}, {}, {} in {} checked", plural(count_at(run, Level::error), "error"),
                     plural(count_at(run, Level::warning), "warning"),
                     fmt::format("{} info", count_at(run, Level::info)),
                     plural(run.files.size() - static_cast<std::size_t>(skipped), "file"));
  if (skipped != 0) {
    out += fmt::format(", {} skipped", skipped);
  }
  out += fmt::format(" (policy: {})\n", run.policy);
  return out;
}

std::string render_github(const CheckRun& run) {
  std::string out;
  for_each_shown(run, [&](const FileResult&, const Finding& finding) {
    const std::string_view command = finding.level == Level::error     ? "error"
                                     : finding.level == Level::warning ? "warning"
                                                                       : "notice";
    out += fmt::format("::{} file={},line={},col={},title={}::{}\n", command,
                       github_escape_property(finding.file), finding.line, finding.column,
                       github_escape_property(
                           fmt::format("storydiff {}", diff::to_string(finding.change.kind))),
                       github_escape_data(finding.change.message));
  });
  return out;
}

std::string_view sarif_level(Level level) {
  return level == Level::error ? "error" : level == Level::warning ? "warning" : "note";
}

std::string_view kind_description(diff::ChangeKind kind) {
  using diff::ChangeKind;
  switch (kind) {
  case ChangeKind::claim_added: return "A sentence exists only in the new text.";
  case ChangeKind::claim_removed: return "A sentence exists only in the old text.";
  case ChangeKind::claim_changed: return "An aligned sentence changed in meaning.";
  case ChangeKind::reworded: return "An aligned sentence changed only in wording.";
  case ChangeKind::claim_moved: return "A sentence moved relative to the others.";
  case ChangeKind::claim_split: return "One sentence became several.";
  case ChangeKind::claim_merged: return "Several sentences became one.";
  case ChangeKind::number_added: return "A quantity was added.";
  case ChangeKind::number_removed: return "A quantity was removed.";
  case ChangeKind::number_changed: return "A quantity changed its value.";
  case ChangeKind::date_added: return "A date or time was added.";
  case ChangeKind::date_removed: return "A date or time was removed.";
  case ChangeKind::date_changed: return "A date or time changed.";
  case ChangeKind::entity_added: return "A person, organization or place was named.";
  case ChangeKind::entity_removed: return "A person, organization or place is no longer named.";
  case ChangeKind::quote_added: return "A direct quotation was added.";
  case ChangeKind::quote_removed: return "A direct quotation was removed.";
  case ChangeKind::quote_changed: return "The words of a direct quotation changed.";
  case ChangeKind::speaker_changed: return "A quotation is attributed to someone else.";
  case ChangeKind::attribution_added: return "A claim gained a source.";
  case ChangeKind::attribution_removed: return "A claim lost its source.";
  case ChangeKind::attribution_changed: return "A claim's source or cue verb changed.";
  case ChangeKind::hedge_added: return "A hedge (reportedly, at least, may) was added.";
  case ChangeKind::hedge_removed: return "A hedge (reportedly, at least, may) was removed.";
  case ChangeKind::negation_added: return "A claim's polarity flipped to negative.";
  case ChangeKind::negation_removed: return "A claim's polarity flipped to positive.";
  case ChangeKind::correction_added: return "A correction or editor's note appeared or changed.";
  }
  return "A change.";
}

// "number_changed" → "NumberChanged" (SARIF rule names are PascalCase by convention).
std::string pascal_case(std::string_view name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

// An RFC 3986 URI reference for a path: bytes outside the unreserved set and
// '/' are percent-encoded; absolute paths become file:// URIs.
std::string path_uri(std::string_view path) {
  std::string out = path.starts_with('/') ? "file://" : "";
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
        (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' || c == '~' ||
        c == '/') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

Json artifact_location(std::string_view path) {
  Json location{{"uri", path_uri(path)}};
  if (!path.starts_with('/')) {
    location["uriBaseId"] = "SRCROOT";
  }
  return location;
}

// SARIF 2.1.0 (OASIS): one run; every change kind is a rule (index = enum
// order), each result points at the new file with 1-based line and column.
std::string render_sarif(const CheckRun& run) {
  Json rules = Json::array();
  for (diff::ChangeKind kind : all_kinds()) {
    const std::string_view id = diff::to_string(kind);
    Json rule{{"id", id}};
    // SARIF1001: a name may not repeat the id (case-blind), so one-word ids get none.
    if (id.find('_') != std::string_view::npos) {
      rule["name"] = pascal_case(id);
    }
    rule.update(Json{
        {"shortDescription", {{"text", kind_description(kind)}}},
        {"fullDescription",
         {{"text", fmt::format("{} Levels come from the policy file (.storydiff.toml).",
                               kind_description(kind))}}},
        {"helpUri", "https://github.com/storydiff/storydiff#change-kinds"},
        {"properties", {{"significance", diff::to_string(diff::significance_of(kind))}}}});
    rules.push_back(std::move(rule));
  }
  Json results = Json::array();
  for_each_shown(run, [&](const FileResult&, const Finding& finding) {
    results.push_back(Json{
        {"ruleId", diff::to_string(finding.change.kind)},
        {"ruleIndex", static_cast<std::size_t>(finding.change.kind)},
        {"level", sarif_level(finding.level)},
        {"message", {{"text", finding.change.message}}},
        {"locations",
         Json::array({Json{{"physicalLocation",
                            {{"artifactLocation", artifact_location(finding.file)},
                             {"region",
                              {{"startLine", finding.line}, {"startColumn", finding.column}}}}}}})}});
  });
  const Json json{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       Json::array({Json{{"tool",
                          {{"driver",
                            {{"name", "storydiff"},
                             {"version", k_version},
                             {"semanticVersion", k_version},
                             {"informationUri", "https://github.com/storydiff/storydiff"},
                             {"rules", rules}}}}},
                         {"columnKind", "unicodeCodePoints"},
                         {"originalUriBaseIds",
                          {{"SRCROOT", {{"description", {{"text", "The repository's root."}}}}}}},
                         {"results", results}}})}};
  return dump(json);
}

// XML 1.0 text: markup characters escaped, control characters other than
// tab/newline/CR (not allowed in XML 1.0) replaced, invalid UTF-8 repaired.
std::string xml_escape(std::string_view raw, bool attribute) {
  const core::Utf8Repair repaired = core::repair_utf8(raw);
  std::string out;
  out.reserve(repaired.text.size());
  for (char c : repaired.text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&apos;"; break;
    case '\n': out += attribute ? "&#10;" : "\n"; break;
    case '\r': out += "&#13;"; break;
    case '\t': out += attribute ? "&#9;" : "\t"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        out += "\xEF\xBF\xBD"; // U+FFFD
      } else {
        out += c;
      }
    }
  }
  return out;
}

// JUnit XML as Jenkins, GitLab and GitHub test reporters read it: one
// <testsuite>; per file a <testcase> (name = path); per error finding a
// <failure>; skipped files get <skipped>; warnings and info go to the
// testcase's <system-out>.
std::string render_junit(const CheckRun& run) {
  std::size_t failures = 0;
  std::size_t skipped = 0;
  std::string cases;
  for (const FileResult& file : run.files) {
    cases += fmt::format("  <testcase classname=\"storydiff.check\" name=\"{}\" file=\"{}\">\n",
                         xml_escape(file.path, true), xml_escape(file.path, true));
    if (!file.skipped.empty()) {
      ++skipped;
      cases += fmt::format("    <skipped message=\"{}\"/>\n", xml_escape(file.skipped, true));
    }
    std::string other;
    for (const Finding& finding : file.findings) {
      if (!shown(run, finding)) {
        continue;
      }
      const std::string where = fmt::format("{}:{}:{}", finding.file, finding.line, finding.column);
      if (finding.level == Level::error) {
        ++failures;
        cases += fmt::format("    <failure type=\"{}\" message=\"{}\">{}: {}</failure>\n",
                             diff::to_string(finding.change.kind),
                             xml_escape(finding.change.message, true), xml_escape(where, false),
                             xml_escape(finding.change.message, false));
      } else {
        other += fmt::format("{}: {}: {} [{}]\n", where, to_string(finding.level),
                             finding.change.message, diff::to_string(finding.change.kind));
      }
    }
    if (!other.empty()) {
      cases += fmt::format("    <system-out>{}</system-out>\n", xml_escape(other, false));
    }
    cases += "  </testcase>\n";
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<testsuite name=\"storydiff check\" tests=\"{}\" failures=\"{}\" "
                     "errors=\"0\" skipped=\"{}\">\n{}</testsuite>\n",
                     run.files.size(), failures, skipped, cases);
}

std::string percent_escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '%': out += "%25"; break;
    case '\r': out += "%0D"; break;
    case '\n': out += "%0A"; break;
    case ':': out += property ? "%3A" : ":"; break;
    case ',': out += property ? "%2C" : ","; break;
    default: out += c;
    }
  }
  return out;
}

} // namespace

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::text;
  if (name == "json") return Format::json;
  if (name == "github") return Format::github;
  if (name == "sarif") return Format::sarif;
  if (name == "junit") return Format::junit;
  return std::nullopt;
}

std::size_t count_at(const CheckRun& run, Level level) {
  std::size_t n = 0;
  for_each_shown(run, [&](const FileResult&, const Finding& finding) {
    n += finding.level == level ? 1 : 0;
  });
  return n;
}

std::string github_escape_data(std::string_view text) { return percent_escape(text, false); }
std::string github_escape_property(std::string_view text) { return percent_escape(text, true); }

std::string render(const CheckRun& run, Format format) {
  switch (format) {
  case Format::text: return render_text(run);
  case Format::json: return render_json(run);
  case Format::github: return render_github(run);
  case Format::sarif: return render_sarif(run);
  case Format::junit: return render_junit(run);
  }
  return render_text(run);
}

} // namespace storydiff::check
