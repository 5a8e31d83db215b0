// SPDX-License-Identifier: MIT
#pragma once

// meta.json, RFC 3339 times and commit messages of a revision: pure
// functions, no libgit2.
#include <storydiff/core/result.hpp>
#include <storydiff/store/store.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace storydiff::store::detail {

// "2024-12-02T13:05:00+01:00": `unix_seconds` shown at `utc_offset_minutes`.
std::string format_rfc3339(std::int64_t unix_seconds, int utc_offset_minutes);

struct Rfc3339 {
  std::int64_t unix_seconds = 0;
  int utc_offset_minutes = 0;
};
// Parses "YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)"; nullopt when malformed.
std::optional<Rfc3339> parse_rfc3339(std::string_view text);

// meta.json bytes (pretty, ordered keys, trailing newline).
std::string meta_to_json(const RevisionMeta& meta);
// Parses meta.json. Errors: git (the stored file is corrupt).
core::Result<RevisionMeta> meta_from_json(std::string_view json);

// The headline actually used: `headline` on one line, else "restores r<K>"
// when `restores` is set, else "captured".
std::string effective_headline(std::string_view headline, const std::optional<std::uint32_t>& restores);

// "<slug> r<N>: <headline>\n\n<summary>\n\n<trailers>\n".
std::string commit_message(const RevisionMeta& meta, std::string_view headline,
                           const std::vector<std::string>& summary);

// The subject after "<slug> r<N>: ", or the whole first line when it does not
// start that way.
std::string headline_of(std::string_view message, std::string_view slug, std::uint32_t revision);

} // namespace storydiff::store::detail
