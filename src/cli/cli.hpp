// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/core/error.hpp>

#include <cxxopts.hpp>

#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

// The command-line front end: argument parsing, dispatch and error reporting.
// It is thin on purpose: every command calls the library and prints.
namespace storydiff::cli {

enum class ColorMode { auto_detect, always, never };

// Options given before the command name.
struct GlobalOptions {
  std::optional<std::string> store; // --store DIR
  ColorMode color = ColorMode::auto_detect;
  bool quiet = false;
};

// What a command runs with. Output goes through `out`/`err` so CLI tests can
// capture it; `*_is_terminal` say whether the real streams are terminals.
struct Context {
  GlobalOptions global;
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;
  bool err_is_terminal = false;

  // Whether to use ANSI colors on stdout: --color, NO_COLOR and the terminal.
  bool use_color() const;
  // Prints "storydiff: warning: <message>" unless --quiet.
  void warn(const std::string& message) const;
  // Prints an informational line on stderr unless --quiet.
  void note(const std::string& message) const;
};

// Thrown for a command-line mistake; main prints it and exits with 2.
class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Thrown for a failure a command cannot recover from; main prints
// "storydiff: error: <message>" and exits with `exit_code` (2 by default).
class CommandError : public std::runtime_error {
public:
  explicit CommandError(const std::string& message, int exit_code = 2)
      : std::runtime_error(message), m_exit_code(exit_code) {}
  explicit CommandError(const core::Error& error) : CommandError(error.message) {}
  int exit_code() const { return m_exit_code; }

private:
  int m_exit_code;
};

// Parses a command's own arguments (argv[0] is the command name). Returns
// nullopt when --help was given (help is then printed on ctx.out), throws
// UsageError on a bad option.
std::optional<cxxopts::ParseResult>
parse_command_options(cxxopts::Options& options, Context& ctx, int argc, const char* const* argv);

// Reads a whole file, or stdin for "-". Throws CommandError naming the path
// and the reason when it cannot.
std::string read_input(const std::string& path);

// The entry point: parses global options, dispatches, and maps every error
// to one line on stderr and an exit status (0 ok, 1 found, 2 trouble).
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

} // namespace storydiff::cli
