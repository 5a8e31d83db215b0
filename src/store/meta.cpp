// SPDX-License-Identifier: MIT
#include "meta.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>

namespace storydiff::store::detail {

namespace {

// Replaces line breaks so that a headline or summary line stays one line.
std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  return out;
}

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) {
    return false;
  }
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
    value = value * 10 + (text[i] - '0');
  }
  out = value;
  return true;
}

} // namespace

std::string format_rfc3339(std::int64_t unix_seconds, int utc_offset_minutes) {
  using namespace std::chrono;
  const std::int64_t local = unix_seconds + std::int64_t{utc_offset_minutes} * 60;
  // Floor division so that times before 1970 land on the right day.
  std::int64_t days = local / 86400;
  std::int64_t secs = local % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  const year_month_day ymd{sys_days{std::chrono::days{days}}};
  const int offset = utc_offset_minutes < 0 ? -utc_offset_minutes : utc_offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60),
                utc_offset_minutes < 0 ? '-' : '+', offset / 60, offset % 60);
  return buf;
}

std::optional<Rfc3339> parse_rfc3339(std::string_view text) {
  using namespace std::chrono;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!read_digits(text, 0, 4, y) || text.size() < 20 || text[4] != '-' ||
      !read_digits(text, 5, 2, mo) || text[7] != '-' || !read_digits(text, 8, 2, d) ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !read_digits(text, 11, 2, h) ||
      text[13] != ':' || !read_digits(text, 14, 2, mi) || text[16] != ':' ||
      !read_digits(text, 17, 2, s)) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      ++pos;
    }
  }
  int offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh = 0, om = 0;
    if (!read_digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !read_digits(text, pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (pos != text.size() || !ymd.ok() || h > 23 || mi > 59 || s > 60) {
    return std::nullopt;
  }
  const std::int64_t days = sys_days{ymd}.time_since_epoch().count();
  const std::int64_t local = days * 86400 + h * 3600 + mi * 60 + s;
  return Rfc3339{local - std::int64_t{offset} * 60, offset};
}

std::string meta_to_json(const RevisionMeta& meta) {
  nlohmann::ordered_json j;
  j["story"] = meta.story;
  j["revision"] = meta.revision;
  j["captured_at"] = format_rfc3339(meta.captured_at, meta.utc_offset_minutes);
  j["source_url"] = meta.source_url;
  j["source_name"] = meta.source_name;
  j["http_date"] = meta.http_date;
  j["title"] = meta.title;
  j["input_format"] = meta.input_format;
  j["extractor"] = meta.extractor;
  j["extractor_version"] = meta.extractor_version;
  j["source_sha256"] = meta.source_sha256;
  if (meta.restores) {
    j["restores"] = *meta.restores;
  }
  // Invalid UTF-8 in a caller's field is replaced rather than failing the append.
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

core::Result<RevisionMeta> meta_from_json(std::string_view json) {
  const auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return core::fail(core::ErrorCode::git, "cannot read meta.json (not a JSON object)");
  }
  RevisionMeta meta;
  auto text = [&](const char* key, std::string& out) {
    if (auto it = j.find(key); it != j.end() && it->is_string()) {
      out = it->get<std::string>();
    }
  };
  text("story", meta.story);
  text("source_url", meta.source_url);
  text("source_name", meta.source_name);
  text("http_date", meta.http_date);
  text("title", meta.title);
  text("input_format", meta.input_format);
  text("extractor", meta.extractor);
  text("extractor_version", meta.extractor_version);
  text("source_sha256", meta.source_sha256);
  if (auto it = j.find("revision"); it != j.end() && it->is_number_unsigned()) {
    meta.revision = it->get<std::uint32_t>();
  } else {
    return core::fail(core::ErrorCode::git, "cannot read meta.json (no revision number)");
  }
  if (auto it = j.find("restores"); it != j.end() && it->is_number_unsigned()) {
    meta.restores = it->get<std::uint32_t>();
  }
  if (auto it = j.find("captured_at"); it != j.end() && it->is_string()) {
    const auto t = parse_rfc3339(it->get<std::string>());
    if (!t) {
      return core::fail(core::ErrorCode::git, "cannot read meta.json (captured_at is not RFC 3339)");
    }
    meta.captured_at = t->unix_seconds;
    meta.utc_offset_minutes = t->utc_offset_minutes;
  }
  return meta;
}

std::string effective_headline(std::string_view headline,
                               const std::optional<std::uint32_t>& restores) {
  if (!headline.empty()) {
    return one_line(headline);
  }
  if (restores) {
    return "restores r" + std::to_string(*restores);
  }
  return "captured";
}

std::string commit_message(const RevisionMeta& meta, std::string_view headline,
                           const std::vector<std::string>& summary) {
  const std::string rev = std::to_string(meta.revision);
  std::string msg = meta.story + " r" + rev + ": " + effective_headline(headline, meta.restores) + "\n\n";
  bool any_summary = false;
  for (const std::string& line : summary) {
    msg += one_line(line) + "\n";
    any_summary = true;
  }
  if (any_summary) {
    msg += "\n";
  }
  msg += "Story: " + meta.story + "\n";
  msg += "Revision: " + rev + "\n";
  msg += "Captured-At: " + format_rfc3339(meta.captured_at, meta.utc_offset_minutes) + "\n";
  if (!meta.source_url.empty()) {
    msg += "Source-URL: " + one_line(meta.source_url) + "\n";
  }
  return msg;
}

std::string headline_of(std::string_view message, std::string_view slug, std::uint32_t revision) {
  std::string_view subject = message.substr(0, message.find('\n'));
  const std::string prefix = std::string(slug) + " r" + std::to_string(revision) + ": ";
  if (subject.substr(0, prefix.size()) == prefix) {
    subject.remove_prefix(prefix.size());
  }
  return std::string(subject);
}

} // namespace storydiff::store::detail
