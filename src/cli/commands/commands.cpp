// SPDX-License-Identifier: MIT
#include "commands.hpp"

#include <array>

namespace storydiff::cli {

std::span<const Command> all_commands() {
  static constexpr std::array commands{
      Command{"sentences", "FILE", "show the sentences (and tokens) the pipeline makes of a text",
              &run_sentences},
  };
  return commands;
}

} // namespace storydiff::cli
