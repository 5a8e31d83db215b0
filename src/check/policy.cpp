// SPDX-License-Identifier: MIT
#include <storydiff/check/policy.hpp>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace storydiff::check {

namespace {

using diff::ChangeKind;

constexpr std::array k_level_names{std::string_view{"off"}, std::string_view{"info"},
                                   std::string_view{"warning"}, std::string_view{"error"}};

std::size_t index_of(ChangeKind kind) { return static_cast<std::size_t>(kind); }

std::vector<std::string_view> kind_names() {
  std::vector<std::string_view> names;
  for (ChangeKind kind : all_kinds()) {
    names.push_back(diff::to_string(kind));
  }
  return names;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Parse failures carry the position of the key they are about.
struct PolicyError {
  toml::source_position where;
  std::string what;
};

std::string hint(std::string_view word, const std::vector<std::string_view>& candidates) {
  const std::string best = closest_name(word, candidates);
  return best.empty() ? std::string{} : fmt::format(" (did you mean '{}'?)", best);
}

Level level_value(const toml::node& node, std::string_view key_path) {
  const auto* text = node.as_string();
  if (text == nullptr) {
    throw PolicyError{node.source().begin,
                      fmt::format("{} must be a string: error, warning, info or off", key_path)};
  }
  const auto level = parse_level(text->get());
  if (!level) {
    throw PolicyError{
        node.source().begin,
        fmt::format("{}: '{}' is not a level (error, warning, info or off){}", key_path,
                    text->get(), hint(text->get(), {k_level_names.begin(), k_level_names.end()}))};
  }
  return *level;
}

ChangeKind kind_value(const toml::node& node, std::string_view key_path) {
  const auto* text = node.as_string();
  if (text == nullptr) {
    throw PolicyError{node.source().begin,
                      fmt::format("{} must be a string naming a change kind", key_path)};
  }
  const auto kind = parse_kind(text->get());
  if (!kind) {
    throw PolicyError{node.source().begin,
                      fmt::format("{}: '{}' is not a change kind{}", key_path, text->get(),
                                  hint(text->get(), kind_names()))};
  }
  return *kind;
}

std::vector<std::string> string_list(const toml::node& node, std::string_view key_path) {
  const auto* array = node.as_array();
  if (array == nullptr) {
    throw PolicyError{node.source().begin,
                      fmt::format("{} must be an array of strings", key_path)};
  }
  std::vector<std::string> out;
  for (const toml::node& item : *array) {
    const auto* text = item.as_string();
    if (text == nullptr) {
      throw PolicyError{item.source().begin,
                        fmt::format("{} must be an array of strings", key_path)};
    }
    out.push_back(text->get());
  }
  return out;
}

const toml::table& table_value(const toml::node& node, std::string_view key_path) {
  const auto* table = node.as_table();
  if (table == nullptr) {
    throw PolicyError{node.source().begin, fmt::format("{} must be a table", key_path)};
  }
  return *table;
}

const toml::array& tables_value(const toml::node& node, std::string_view key_path) {
  const auto* array = node.as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    throw PolicyError{node.source().begin,
                      fmt::format("{} must be an array of tables ([[{}]])", key_path, key_path)};
  }
  return *array;
}

std::string glob_value(const toml::node& node, std::string_view key_path) {
  const auto* text = node.as_string();
  if (text == nullptr || text->get().empty()) {
    throw PolicyError{node.source().begin, fmt::format("{} must be a non-empty string", key_path)};
  }
  return text->get();
}

void read_levels(const toml::table& table, Policy& policy) {
  for (auto&& [key, value] : table) {
    const auto kind = parse_kind(key.str());
    if (!kind) {
      throw PolicyError{key.source().begin,
                        fmt::format("levels.{}: unknown change kind{}", key.str(),
                                    hint(key.str(), kind_names()))};
    }
    policy.levels[index_of(*kind)] = level_value(value, fmt::format("levels.{}", key.str()));
  }
}

void read_path_rule(const toml::table& table, std::size_t index, Policy& policy) {
  PathRule rule;
  rule.line = table.source().begin.line;
  const std::string where = fmt::format("paths[{}]", index);
  std::vector<std::string_view> keys = kind_names();
  keys.push_back("glob");
  keys.push_back("level");
  for (auto&& [key, value] : table) {
    const std::string_view name = key.str();
    const std::string key_path = fmt::format("{}.{}", where, name);
    if (name == "glob") {
      rule.glob = glob_value(value, key_path);
    } else if (name == "level") {
      rule.level = level_value(value, key_path);
    } else if (const auto kind = parse_kind(name)) {
      rule.kinds[index_of(*kind)] = level_value(value, key_path);
    } else {
      throw PolicyError{key.source().begin,
                        fmt::format("{}: unknown key (glob, level or a change kind){}", key_path,
                                    hint(name, keys))};
    }
  }
  if (rule.glob.empty()) {
    throw PolicyError{table.source().begin, fmt::format("{}: missing key 'glob'", where)};
  }
  policy.paths.push_back(std::move(rule));
}

void read_exemption(const toml::table& table, std::size_t index, Policy& policy) {
  Exemption exemption;
  exemption.line = table.source().begin.line;
  const std::string where = fmt::format("exemptions[{}]", index);
  bool has_kind = false;
  bool has_when = false;
  for (auto&& [key, value] : table) {
    const std::string_view name = key.str();
    const std::string key_path = fmt::format("{}.{}", where, name);
    if (name == "kind") {
      exemption.kind = kind_value(value, key_path);
      has_kind = true;
    } else if (name == "when") {
      const auto* array = value.as_array();
      if (array == nullptr || array->empty()) {
        throw PolicyError{value.source().begin,
                          fmt::format("{} must be a non-empty array of change kinds", key_path)};
      }
      for (const toml::node& item : *array) {
        exemption.when.push_back(kind_value(item, key_path));
      }
      has_when = true;
    } else if (name == "paths") {
      exemption.paths = string_list(value, key_path);
    } else if (name == "level") {
      exemption.level = level_value(value, key_path);
    } else {
      throw PolicyError{key.source().begin,
                        fmt::format("{}: unknown key (kind, when, paths or level){}", key_path,
                                    hint(name, {"kind", "when", "paths", "level"}))};
    }
  }
  if (!has_kind || !has_when) {
    throw PolicyError{table.source().begin,
                      fmt::format("{}: missing key '{}'", where, has_kind ? "when" : "kind")};
  }
  policy.exemptions.push_back(std::move(exemption));
}

// Matches one path segment against one glob segment (no '/' in either).
bool segment_match(std::string_view glob, std::string_view text) {
  std::size_t g = 0;
  std::size_t t = 0;
  std::size_t star_g = std::string_view::npos;
  std::size_t star_t = 0;
  while (t < text.size()) {
    if (g < glob.size() && glob[g] == '*') {
      star_g = g++;
      star_t = t;
      continue;
    }
    if (g < glob.size() && glob[g] == '[') {
      // A character set; an unclosed '[' is a literal.
      const std::size_t close = glob.find(']', g + 2);
      if (close != std::string_view::npos) {
        std::size_t i = g + 1;
        const bool negate = glob[i] == '!' || glob[i] == '^';
        if (negate) {
          ++i;
        }
        bool hit = false;
        for (; i < close; ++i) {
          if (i + 2 < close && glob[i + 1] == '-') {
            hit = hit || (text[t] >= glob[i] && text[t] <= glob[i + 2]);
            i += 2;
          } else {
            hit = hit || text[t] == glob[i];
          }
        }
        if (hit != negate) {
          g = close + 1;
          ++t;
          continue;
        }
      } else if (text[t] == '[') {
        ++g;
        ++t;
        continue;
      }
    } else if (g < glob.size() && (glob[g] == '?' || glob[g] == text[t])) {
      ++g;
      ++t;
      continue;
    }
    if (star_g == std::string_view::npos) {
      return false;
    }
    g = star_g + 1;
    t = ++star_t;
  }
  while (g < glob.size() && glob[g] == '*') {
    ++g;
  }
  return g == glob.size();
}

std::vector<std::string_view> split_segments(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t slash = text.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? text.size() : slash;
    if (end > start) {
      parts.push_back(text.substr(start, end - start));
    }
    if (slash == std::string_view::npos) {
      break;
    }
    start = slash + 1;
  }
  return parts;
}

// Whether the glob's segments match the path's. matches[p] says whether
// glob[g..] matches path[p..]; filled from the last glob segment back, so
// each (segment, position) pair is decided once: O(G·P) segment matches.
// (Trying every split point of each "**" recursively is exponential in the
// number of "**": a policy file from a pull request could hang CI.)
bool segments_match(const std::vector<std::string_view>& glob,
                    const std::vector<std::string_view>& path) {
  const std::size_t size = path.size();
  std::vector<char> next(size + 1, 0); // glob[g+1..] against path[p..]
  std::vector<char> matches(size + 1, 0);
  next[size] = 1; // no glob left matches no path left
  for (std::size_t g = glob.size(); g-- > 0;) {
    if (glob[g] == "**") {
      // Zero segments (next[p]) or one more (matches[p + 1]).
      matches[size] = next[size];
      for (std::size_t p = size; p-- > 0;) {
        matches[p] = static_cast<char>(next[p] != 0 || matches[p + 1] != 0);
      }
    } else {
      matches[size] = 0;
      for (std::size_t p = 0; p < size; ++p) {
        matches[p] = static_cast<char>(next[p + 1] != 0 && segment_match(glob[g], path[p]));
      }
    }
    std::swap(matches, next);
  }
  return next[0] != 0;
}

std::string_view strip_prefix(std::string_view text) {
  while (true) {
    if (text.starts_with("./")) {
      text.remove_prefix(2);
    } else if (text.starts_with("/")) {
      text.remove_prefix(1);
    } else {
      return text;
    }
  }
}

} // namespace

std::string_view to_string(Level level) { return k_level_names[static_cast<std::size_t>(level)]; }

std::optional<Level> parse_level(std::string_view name) {
  for (std::size_t i = 0; i < k_level_names.size(); ++i) {
    if (k_level_names[i] == name) {
      return static_cast<Level>(i);
    }
  }
  return std::nullopt;
}

const std::array<diff::ChangeKind, k_kind_count>& all_kinds() {
  static const auto kinds = [] {
    std::array<diff::ChangeKind, k_kind_count> out{};
    for (std::size_t i = 0; i < k_kind_count; ++i) {
      out[i] = static_cast<diff::ChangeKind>(i);
    }
    return out;
  }();
  return kinds;
}

std::optional<diff::ChangeKind> parse_kind(std::string_view name) {
  for (ChangeKind kind : all_kinds()) {
    if (diff::to_string(kind) == name) {
      return kind;
    }
  }
  return std::nullopt;
}

std::string closest_name(std::string_view word, const std::vector<std::string_view>& candidates) {
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (std::string_view candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

Policy default_policy() {
  Policy policy;
  for (ChangeKind kind : all_kinds()) {
    Level level = Level::warning;
    switch (kind) {
    case ChangeKind::quote_changed:
    case ChangeKind::quote_removed:
    case ChangeKind::speaker_changed:
    case ChangeKind::attribution_removed:
    case ChangeKind::attribution_changed:
      level = Level::error;
      break;
    // New material and notices: worth seeing, not worth a warning.
    case ChangeKind::claim_added:
    case ChangeKind::claim_split:
    case ChangeKind::claim_merged:
    case ChangeKind::correction_added:
      level = Level::info;
      break;
    default:
      level = diff::significance_of(kind) == diff::Significance::style ? Level::off
                                                                       : Level::warning;
      break;
    }
    policy.levels[index_of(kind)] = level;
  }
  return policy;
}

namespace {

// An error message as one line (errors are one line on stderr): toml++'s
// descriptions can span lines, and keys and values echoed from the file can
// hold any control character. Each run of them becomes one space.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_run = false;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      if (!in_run) {
        out += ' ';
      }
      in_run = true;
    } else {
      out += c;
      in_run = false;
    }
  }
  return out;
}

} // namespace

core::Result<Policy> parse_policy(std::string_view toml_text, std::string_view name) {
  Policy policy = default_policy();
  policy.source = std::string(name);
  try {
    const toml::table root = toml::parse(toml_text, std::string_view{name});
    for (auto&& [key, value] : root) {
      const std::string_view section = key.str();
      if (section == "levels") {
        read_levels(table_value(value, "levels"), policy);
      } else if (section == "paths") {
        const toml::array& tables = tables_value(value, "paths");
        for (std::size_t i = 0; i < tables.size(); ++i) {
          read_path_rule(*tables[i].as_table(), i, policy);
        }
      } else if (section == "exemptions") {
        const toml::array& tables = tables_value(value, "exemptions");
        for (std::size_t i = 0; i < tables.size(); ++i) {
          read_exemption(*tables[i].as_table(), i, policy);
        }
      } else {
        throw PolicyError{key.source().begin,
                          fmt::format("unknown key '{}' (levels, paths or exemptions){}", section,
                                      hint(section, {"levels", "paths", "exemptions"}))};
      }
    }
  } catch (const toml::parse_error& error) {
    return core::fail(core::ErrorCode::invalid_input,
                      one_line(fmt::format("{}:{}:{}: {}", name, error.source().begin.line,
                                           error.source().begin.column, error.description())));
  } catch (const PolicyError& error) {
    return core::fail(core::ErrorCode::invalid_input,
                      one_line(fmt::format("{}:{}:{}: {}", name, error.where.line,
                                           error.where.column, error.what)));
  }
  return policy;
}

core::Result<Policy> load_policy(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::error_code ec;
  if (!in || std::filesystem::is_directory(file, ec)) {
    return core::fail(core::ErrorCode::io, fmt::format("cannot read policy {} (no such file or "
                                                       "not readable)",
                                                       file.string()));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return parse_policy(bytes.str(), file.string());
}

std::optional<std::filesystem::path> find_policy(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec) {
    return std::nullopt;
  }
  dir = dir.lexically_normal();
  while (true) {
    const std::filesystem::path candidate = dir / ".storydiff.toml";
    if (std::filesystem::is_regular_file(candidate, ec)) {
      return candidate;
    }
    if (std::filesystem::exists(dir / ".git", ec) || !dir.has_relative_path()) {
      return std::nullopt;
    }
    std::filesystem::path parent = dir.parent_path();
    if (parent == dir) {
      return std::nullopt;
    }
    dir = std::move(parent);
  }
}

bool glob_match(std::string_view glob, std::string_view path) {
  glob = strip_prefix(glob);
  path = strip_prefix(path);
  if (glob.find('/') == std::string_view::npos) {
    const std::size_t slash = path.rfind('/');
    const std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
    return glob == "**" || segment_match(glob, file);
  }
  const auto glob_parts = split_segments(glob);
  const auto path_parts = split_segments(path);
  return segments_match(glob_parts, path_parts);
}

Level level_for(const Policy& policy, diff::ChangeKind kind, std::string_view path) {
  Level level = policy.levels[index_of(kind)];
  for (const PathRule& rule : policy.paths) {
    if (!glob_match(rule.glob, path)) {
      continue;
    }
    if (const auto& own = rule.kinds[index_of(kind)]) {
      level = *own;
    } else if (rule.level) {
      level = *rule.level;
    }
  }
  return level;
}

} // namespace storydiff::check
