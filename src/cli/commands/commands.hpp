// SPDX-License-Identifier: MIT
#pragma once

#include "../cli.hpp"

#include <span>
#include <string_view>

namespace storydiff::cli {

// A subcommand: `run` gets argv with argv[0] = the command name.
struct Command {
  std::string_view name;
  std::string_view usage;   // arguments, for the overview ("STORY [SOURCE]")
  std::string_view summary; // one line
  int (*run)(Context& ctx, int argc, const char* const* argv);
};

// Every subcommand, in the order `storydiff --help` lists them.
std::span<const Command> all_commands();

int run_sentences(Context& ctx, int argc, const char* const* argv);
int run_init(Context& ctx, int argc, const char* const* argv);
int run_snapshot(Context& ctx, int argc, const char* const* argv);
int run_import(Context& ctx, int argc, const char* const* argv);
int run_list(Context& ctx, int argc, const char* const* argv);
int run_log(Context& ctx, int argc, const char* const* argv);
int run_show(Context& ctx, int argc, const char* const* argv);
int run_diff(Context& ctx, int argc, const char* const* argv);
int run_git_diff(Context& ctx, int argc, const char* const* argv);
int run_summary(Context& ctx, int argc, const char* const* argv);
int run_blame(Context& ctx, int argc, const char* const* argv);
int run_check(Context& ctx, int argc, const char* const* argv);
int run_report(Context& ctx, int argc, const char* const* argv);

} // namespace storydiff::cli
