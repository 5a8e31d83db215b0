// SPDX-License-Identifier: MIT
#include "cli.hpp"

#include "commands/commands.hpp"

#include <storydiff/version.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <new>
#include <sstream>
#include <string_view>
#include <unistd.h>

namespace storydiff::cli {

bool Context::use_color() const {
  switch (global.color) {
  case ColorMode::always:
    return true;
  case ColorMode::never:
    return false;
  case ColorMode::auto_detect:
    break;
  }
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') {
    return false;
  }
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") {
    return false;
  }
  return out_is_terminal;
}

void Context::warn(const std::string& message) const {
  if (!global.quiet) {
    err << "storydiff: warning: " << message << '\n';
  }
}

void Context::note(const std::string& message) const {
  if (!global.quiet) {
    err << message << '\n';
  }
}

std::optional<cxxopts::ParseResult>
parse_command_options(cxxopts::Options& options, Context& ctx, int argc, const char* const* argv) {
  options.add_options()("h,help", "show this help");
  try {
    auto result = options.parse(argc, argv);
    if (result.count("help") != 0) {
      ctx.out << options.help();
      return std::nullopt;
    }
    return result;
  } catch (const cxxopts::exceptions::exception& e) {
    throw UsageError(e.what());
  }
}

std::string read_input(const std::string& path) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    if (std::cin.bad()) {
      throw CommandError("cannot read standard input");
    }
    return std::move(buffer).str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw CommandError("cannot read " + path + " (it is a directory)");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw CommandError("cannot read " + path + " (" + std::strerror(errno) + ")");
  }
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (file.bad()) {
    throw CommandError("cannot read " + path + " (" + std::strerror(errno) + ")");
  }
  return bytes;
}

namespace {

void print_overview(std::ostream& out) {
  out << "storydiff " << k_version
      << ": versions developing news stories and says what changed in substance\n\n"
         "usage: storydiff [--store DIR] [--color auto|always|never] [-q|--quiet] <command> "
         "[options] [args]\n"
         "       storydiff --version | --help\n\n"
         "commands:\n";
  for (const Command& command : all_commands()) {
    std::string head = std::string(command.name) + " " + std::string(command.usage);
    constexpr std::size_t k_column = 34;
    out << "  " << head;
    if (head.size() >= k_column) {
      // Too wide for the column: the summary goes under it, aligned.
      out << '\n' << std::string(k_column + 2, ' ');
    } else {
      out << std::string(k_column - head.size(), ' ');
    }
    out << ' ' << command.summary << '\n';
  }
  out << "\nglobal options:\n"
         "  --store DIR     the story store (default: $STORYDIFF_STORE, else ./.storydiff)\n"
         "  --color WHEN    auto (default: on a terminal unless NO_COLOR is set), always, never\n"
         "  -q, --quiet     no progress or notes on stderr\n"
         "  -h, --help      this overview; `storydiff <command> --help` for a command\n"
         "  --version       print the version\n\n"
         "exit status: 0 success, 1 something was found (diff --exit-code, check), 2 error\n";
}

ColorMode parse_color(std::string_view value) {
  if (value == "auto") {
    return ColorMode::auto_detect;
  }
  if (value == "always") {
    return ColorMode::always;
  }
  if (value == "never") {
    return ColorMode::never;
  }
  throw UsageError("--color takes auto, always or never, not '" + std::string(value) + "'");
}

int dispatch(int argc, const char* const* argv, Context& ctx) {
  // Global options come before the command. They are parsed by hand because
  // cxxopts would take the command name as the value of `--store DIR`.
  int i = 1;
  for (; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.empty() || arg[0] != '-' || arg == "-") {
      break;
    }
    auto value_of = [&](std::string_view name) -> std::string {
      if (arg.size() > name.size() && arg[name.size()] == '=') {
        return std::string(arg.substr(name.size() + 1));
      }
      if (i + 1 >= argc) {
        throw UsageError(std::string(name) + " needs a value");
      }
      return argv[++i];
    };
    auto is = [&](std::string_view name) {
      return arg == name || (arg.size() > name.size() && arg.substr(0, name.size()) == name &&
                             arg[name.size()] == '=');
    };
    if (arg == "-h" || arg == "--help") {
      print_overview(ctx.out);
      return 0;
    }
    if (arg == "--version") {
      ctx.out << "storydiff " << k_version << '\n';
      return 0;
    }
    if (arg == "-q" || arg == "--quiet") {
      ctx.global.quiet = true;
    } else if (is("--store")) {
      ctx.global.store = value_of("--store");
      if (ctx.global.store->empty()) {
        throw UsageError("--store needs a directory");
      }
    } else if (is("--color")) {
      ctx.global.color = parse_color(value_of("--color"));
    } else {
      throw UsageError("unknown option '" + std::string(arg) +
                       "' (global options go before the command; see storydiff --help)");
    }
  }
  if (i >= argc) {
    print_overview(ctx.err);
    return 2;
  }
  std::string_view name = argv[i];
  if (name == "help") {
    if (i + 1 < argc) {
      const char* help_argv[] = {argv[i + 1], "--help"};
      for (const Command& command : all_commands()) {
        if (command.name == help_argv[0]) {
          return command.run(ctx, 2, help_argv);
        }
      }
      throw UsageError("unknown command '" + std::string(help_argv[0]) + "'");
    }
    print_overview(ctx.out);
    return 0;
  }
  for (const Command& command : all_commands()) {
    if (command.name == name) {
      return command.run(ctx, argc - i, argv + i);
    }
  }
  throw UsageError("unknown command '" + std::string(name) + "' (see storydiff --help)");
}

} // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  Context ctx{GlobalOptions{}, out, err, isatty(STDOUT_FILENO) == 1, isatty(STDERR_FILENO) == 1};
  try {
    return dispatch(argc, argv, ctx);
  } catch (const UsageError& e) {
    err << "storydiff: error: " << e.what() << '\n';
    return 2;
  } catch (const CommandError& e) {
    err << "storydiff: error: " << e.what() << '\n';
    return e.exit_code();
  } catch (const std::bad_alloc&) {
    err << "storydiff: error: out of memory\n";
    return 2;
  } catch (const std::exception& e) {
    err << "storydiff: error: " << e.what() << " (internal error)\n";
    return 2;
  }
}

} // namespace storydiff::cli
