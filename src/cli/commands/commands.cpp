// SPDX-License-Identifier: MIT
#include "commands.hpp"

#include <array>

namespace storydiff::cli {

std::span<const Command> all_commands() {
  static constexpr std::array commands{
      Command{"sentences", "FILE", "show the sentences (and tokens) the pipeline makes of a text",
              &run_sentences},
      Command{"init", "", "create the story store", &run_init},
      Command{"snapshot", "STORY [SOURCE]", "record a revision from a file, stdin or URL",
              &run_snapshot},
      Command{"import", "STORY FILES...|DIR", "record many revisions in order", &run_import},
      Command{"list", "", "stories, revision counts, last update", &run_list},
      Command{"log", "STORY", "a story's revisions with their headlines", &run_log},
      Command{"show", "STORY[@REV]", "a revision's text (--meta, --source)", &run_show},
      Command{"diff", "OLD NEW | STORY [REV_A [REV_B]]",
              "what changed in substance between two files or two revisions", &run_diff},
      Command{"summary", "STORY", "the story's change history, newest first, with an overview",
              &run_summary},
      Command{"blame", "STORY[@REV]",
              "per sentence: the revision that introduced it and the one that last changed it",
              &run_blame},
      Command{"report", "STORY [-o FILE.html]",
              "a self-contained HTML page of a story's whole history", &run_report},
      Command{"check", "OLD NEW | --git BASE..HEAD [-- PATHS...]",
              "the editorial CI gate: judge changes by a policy (.storydiff.toml)", &run_check},
      Command{"git-diff", "PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE",
              "git's external diff program (GIT_EXTERNAL_DIFF, diff.<driver>.command)",
              &run_git_diff},
  };
  return commands;
}

} // namespace storydiff::cli
