// SPDX-License-Identifier: MIT
#pragma once

// Helpers shared by the store tests.
#include <storydiff/store/store.hpp>

#include "test_support.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace storydiff::test {

// A prepare callback that records `article` captured at `at` (Unix seconds).
inline store::PrepareRevision revision_of(std::string article, std::int64_t at = 1733140800,
                                          std::string headline = {}) {
  return [article = std::move(article), at, headline = std::move(headline)](
             const std::optional<store::ParentView>&) {
    store::NewRevision rev;
    rev.article = article;
    rev.source = article;
    rev.source_ext = "txt";
    rev.meta.captured_at = at;
    rev.meta.input_format = "txt";
    rev.meta.extractor_version = "test";
    rev.headline = headline;
    return rev;
  };
}

// Runs git with `args` on the bare store at `store`.
inline RunResult git_in(const std::filesystem::path& store, std::vector<std::string> args) {
  std::vector<std::string> argv{"git", "--git-dir=" + store.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

// `git fsck --strict` exit code 0 and no errors (dangling objects are fine).
inline bool fsck_clean(const std::filesystem::path& store, std::string* report = nullptr) {
  const auto r = git_in(store, {"fsck", "--strict", "--no-progress"});
  if (report != nullptr) {
    *report = r.out + r.err;
  }
  return r.exit_code == 0 && r.err.find("error") == std::string::npos &&
         r.err.find("warning") == std::string::npos;
}

} // namespace storydiff::test
