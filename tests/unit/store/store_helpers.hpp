// SPDX-License-Identifier: MIT
#pragma once

// Helpers shared by the store tests.
#include <storydiff/store/store.hpp>

#include "test_support.hpp"

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

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

// Forks a child that runs `body` and exits with its result (0 = success).
// The child never returns into the test runner.
template <typename F> pid_t spawn(F body) {
  const pid_t pid = fork();
  if (pid < 0) {
    throw std::runtime_error("fork failed");
  }
  if (pid == 0) {
    int code = 1;
    try {
      code = body();
    } catch (...) {
      code = 3;
    }
    _exit(code);
  }
  return pid;
}

// Waits for `pid`: its exit code, or 128 + the signal that killed it.
inline int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace storydiff::test
