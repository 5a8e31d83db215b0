// SPDX-License-Identifier: MIT
// Fuzz target for `.storydiff.toml` policies (check::parse_policy) and the
// glob matcher their [[paths]] tables use: a policy file is input from a
// repository, so any bytes must give a Policy or an error, never a crash or
// a hang. Input: the policy text, optionally followed by a NUL and a path to
// match every glob of the parsed policy against (default "drafts/a/b.md").
#include <storydiff/check/policy.hpp>
#include <storydiff/core/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#define STORYDIFF_FUZZ_CHECK(cond)                                                         \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      std::fprintf(stderr, "policy_fuzzer: invariant failed at %s:%d: %s\n", __FILE__,    \
                   __LINE__, #cond);                                                       \
      __builtin_trap();                                                                    \
    }                                                                                      \
  } while (false)

namespace {

namespace check = storydiff::check;

bool valid_level(check::Level level) {
  return level == check::Level::off || level == check::Level::info ||
         level == check::Level::warning || level == check::Level::error;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view toml = input.substr(0, nul);
  const std::string_view path =
      nul == std::string_view::npos ? std::string_view("drafts/a/b.md") : input.substr(nul + 1);

  // The glob matcher on its own, with the text's first line as the glob.
  const std::string_view first_line = toml.substr(0, toml.find('\n'));
  (void)check::glob_match(first_line, path);

  const auto policy = check::parse_policy(toml, "policy.toml");
  if (!policy) {
    const storydiff::core::Error& error = policy.error();
    STORYDIFF_FUZZ_CHECK(error.code == storydiff::core::ErrorCode::invalid_input);
    STORYDIFF_FUZZ_CHECK(error.message.rfind("policy.toml", 0) == 0);
    STORYDIFF_FUZZ_CHECK(error.message.find('\n') == std::string::npos);
    return 0;
  }
  STORYDIFF_FUZZ_CHECK(policy->source == "policy.toml");
  for (const check::Level level : policy->levels) {
    STORYDIFF_FUZZ_CHECK(valid_level(level));
  }
  for (const check::PathRule& rule : policy->paths) {
    (void)check::glob_match(rule.glob, path);
    STORYDIFF_FUZZ_CHECK(rule.line >= 1);
  }
  for (const check::Exemption& exemption : policy->exemptions) {
    STORYDIFF_FUZZ_CHECK(valid_level(exemption.level));
    for (const auto& glob : exemption.paths) {
      (void)check::glob_match(glob, path);
    }
  }
  for (const storydiff::diff::ChangeKind kind : check::all_kinds()) {
    STORYDIFF_FUZZ_CHECK(valid_level(check::level_for(*policy, kind, path)));
  }
  return 0;
}
