// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/core/result.hpp>
#include <storydiff/diff/changes.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The editorial CI policy (`storydiff check`): what level each kind of change
// gets, per path, with exemptions. Read from `.storydiff.toml`:
//
//   [levels]                      # per change kind; error, warning, info, off
//   number_changed = "error"
//   reworded = "off"
//
//   [[paths]]                     # in file order; a later match wins
//   glob = "opinion/**"
//   level = "info"                # every kind (optional)
//   quote_changed = "warning"     # one kind; beats this table's `level`
//
//   [[exemptions]]                # the level of `kind` becomes `level` (default
//   kind = "number_changed"       # off) when the same file's change also has
//   when = ["correction_added"]   # one of the `when` kinds
//   paths = ["news/**"]           # optional globs; empty = every file
//   level = "info"
//
// Precedence for a kind in a file: built-in default < [levels] < each
// matching [[paths]] table in file order (the last one that names the kind,
// or sets `level`, wins, as in .gitattributes) < the first matching exemption.
namespace storydiff::check {

enum class Level { off, info, warning, error };

// "off", "info", "warning", "error".
std::string_view to_string(Level level);
// The inverse of to_string; nullopt for anything else.
std::optional<Level> parse_level(std::string_view name);

// ChangeKind ↔ its storydiff.diff/1 name; nullopt for an unknown name.
std::optional<diff::ChangeKind> parse_kind(std::string_view name);
inline constexpr std::size_t k_kind_count =
    static_cast<std::size_t>(diff::ChangeKind::correction_added) + 1;
// Every kind, in enum order.
const std::array<diff::ChangeKind, k_kind_count>& all_kinds();

using LevelTable = std::array<Level, k_kind_count>; // indexed by ChangeKind

struct PathRule {
  std::string glob;
  std::optional<Level> level; // every kind
  std::array<std::optional<Level>, k_kind_count> kinds{}; // per kind
  std::uint32_t line = 0;     // 1-based line of the table in the policy file
};

struct Exemption {
  diff::ChangeKind kind = diff::ChangeKind::number_changed;
  std::vector<diff::ChangeKind> when; // any one of them in the same file
  std::vector<std::string> paths;     // globs; empty = every file
  Level level = Level::off;
  std::uint32_t line = 0;
};

struct Policy {
  std::string source = "built-in defaults"; // the file it came from
  LevelTable levels{};
  std::vector<PathRule> paths;
  std::vector<Exemption> exemptions;
};

// The policy without a file: quote_changed, quote_removed, speaker_changed,
// attribution_removed and attribution_changed are errors; the other
// substantive kinds warnings; style kinds (reworded, claim_moved) off.
Policy default_policy();

// Parses a policy file's text on top of default_policy(). `name` is used in
// messages and kept as Policy::source.
// Errors: invalid_input, "<name>:<line>:<column>: <what>", naming the key;
// unknown keys, kinds and levels are refused with the closest valid name.
core::Result<Policy> parse_policy(std::string_view toml, std::string_view name);

// Reads and parses a policy file. Errors: io (unreadable), invalid_input.
core::Result<Policy> load_policy(const std::filesystem::path& file);

// The policy file that applies in `start`: `.storydiff.toml` in `start` or
// the closest folder above it, stopping after the first folder that holds a
// `.git` entry (the repository's root) or at the filesystem root; nullopt
// when there is none.
std::optional<std::filesystem::path> find_policy(const std::filesystem::path& start);

// Glob matching on '/'-separated relative paths: `*` any run of characters
// but '/', `?` one character but '/', `[abc]`/`[a-z]`/`[!a]` one character of
// a set, `**` as a whole segment any number of segments (including none). A
// glob without '/' matches the file name in any folder ("*.md"); a glob with
// one matches the whole path ("drafts/*.md"); a leading "/" or "./" is ignored.
bool glob_match(std::string_view glob, std::string_view path);

// The level of `kind` in the file `path` before exemptions.
Level level_for(const Policy& policy, diff::ChangeKind kind, std::string_view path);

// The closest name of `candidates` to `word` (edit distance ≤ a third of its
// length, at least 2), or empty: for "did you mean" hints.
std::string closest_name(std::string_view word, const std::vector<std::string_view>& candidates);

} // namespace storydiff::check
