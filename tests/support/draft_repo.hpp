// SPDX-License-Identifier: MIT
#pragma once

// A temporary git repository of drafts, driven with the real `git` command:
// for tests of reading ranges, the git-diff driver and the examples. git runs
// with a private HOME and no system config, so the user's settings never leak
// in, and with a fixed identity and clock.
#include "test_support.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace storydiff::test {

class DraftRepo {
public:
  // A new repository with branch main in a fresh folder.
  DraftRepo() {
    std::filesystem::create_directories(m_dir / "home");
    std::filesystem::create_directories(work());
    must({"init", "-q", "-b", "main"});
  }

  // The work tree (also the folder to pass to read_changed_files).
  std::filesystem::path work() const { return m_dir / "work"; }
  std::filesystem::path home() const { return m_dir / "home"; }
  const std::filesystem::path& root() const { return m_dir.path(); }

  // The environment every git run gets (tests add to it for their own runs).
  std::vector<std::string> env() const {
    return {"GIT_CONFIG_NOSYSTEM=1",
            "HOME=" + home().string(),
            "XDG_CONFIG_HOME=" + (home() / ".config").string(),
            "GIT_AUTHOR_NAME=Test Editor",
            "GIT_AUTHOR_EMAIL=editor@example.org",
            "GIT_COMMITTER_NAME=Test Editor",
            "GIT_COMMITTER_EMAIL=editor@example.org",
            "GIT_AUTHOR_DATE=2026-01-01T10:00:00Z",
            "GIT_COMMITTER_DATE=2026-01-01T10:00:00Z",
            "GIT_EXTERNAL_DIFF",
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "NO_COLOR",
            "GIT_PAGER=cat",
            "PAGER=cat"};
  }

  // Runs git in the work tree with env() plus `extra_env`.
  RunResult git(std::vector<std::string> args, std::vector<std::string> extra_env = {},
                const std::string& stdin_bytes = {}) const {
    args.insert(args.begin(), "git");
    RunOptions options;
    options.env = env();
    options.env.insert(options.env.end(), extra_env.begin(), extra_env.end());
    options.cwd = work();
    options.stdin_bytes = stdin_bytes;
    return run_process(args, options);
  }

  // Runs git and throws with its stderr when it fails; returns stdout.
  std::string must(std::vector<std::string> args) const {
    const RunResult r = git(args);
    if (r.exit_code != 0) {
      std::string cmd;
      for (const auto& a : args) {
        cmd += " " + a;
      }
      throw std::runtime_error("git" + cmd + " failed: " + r.err);
    }
    return r.out;
  }

  void write(const std::string& path, const std::string& bytes) const {
    const auto full = work() / path;
    std::filesystem::create_directories(full.parent_path());
    write_file(full, bytes);
  }
  void remove(const std::string& path) const { std::filesystem::remove(work() / path); }

  // Stages everything and commits; returns the new commit's full id.
  std::string commit(const std::string& message) const {
    must({"add", "-A"});
    must({"commit", "-q", "--allow-empty", "-m", message});
    return head();
  }
  std::string head() const { return rev_parse("HEAD"); }
  std::string rev_parse(const std::string& rev) const {
    std::string id = must({"rev-parse", "--verify", rev});
    while (!id.empty() && (id.back() == '\n' || id.back() == '\r')) {
      id.pop_back();
    }
    return id;
  }

private:
  TempDir m_dir;
};

// A text of about `words` words, different for each `seed`, in sentences and
// paragraphs (invented: never corpus text).
inline std::string generated_story(int seed, int words = 1000) {
  static const char* const k_words[] = {
      "council", "members", "harbor", "bridge", "residents", "officials", "reported",
      "evening", "water",   "levels", "rose",   "crews",     "worked",    "through",
      "night",   "repair",  "roads",  "closed", "schools",   "remained",  "open",
      "the",     "a",       "of",     "and",    "to",        "in",        "near"};
  constexpr int n = sizeof(k_words) / sizeof(k_words[0]);
  std::string text = "Story " + std::to_string(seed) + " headline\n\n";
  unsigned state = 2166136261u ^ static_cast<unsigned>(seed);
  for (int i = 0; i < words; ++i) {
    state = state * 1664525u + 1013904223u;
    const char* w = k_words[(state >> 8) % n];
    const bool start = i % 12 == 0;
    std::string word = w;
    if (start) {
      word[0] = static_cast<char>(word[0] - 'a' + 'A');
    }
    text += word;
    if (i % 12 == 11) {
      text += (i % 60 == 59) ? ".\n\n" : ". ";
    } else {
      text += ' ';
    }
  }
  text += "\nOfficials said " + std::to_string(10 + seed % 50) + " people were hurt.\n";
  return text;
}

} // namespace storydiff::test
