// SPDX-License-Identifier: MIT
// `storydiff git-diff`: git's external diff program (GIT_EXTERNAL_DIFF or a
// `diff.<driver>.command`), so that `git diff` shows the semantic report.
#include "commands.hpp"
#include "input.hpp"
#include "report_output.hpp"

#include <storydiff/diff/changes.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <ostream>
#include <string_view>

namespace storydiff::cli {

namespace {

constexpr std::string_view k_dev_null = "/dev/null";

// git's arguments for one path (git(1), GIT_EXTERNAL_DIFF): path old-file
// old-hex old-mode new-file new-hex new-mode, then for a rename or copy the
// new path and git's extended header lines. A missing side is /dev/null with
// hex and mode ".".
struct GitPair {
  std::string path;
  std::string old_file;
  std::string new_file;
  std::string new_path; // differs from path for renames and copies
};

bool absent(const std::string& file, const std::string& mode) {
  return file == k_dev_null && mode == ".";
}

// The format the path's extension names; anything else is plain text (git
// hands us temporary files, whose names say nothing).
text::InputFormat format_of(std::string_view path) {
  return text::format_of_name(path).value_or(text::InputFormat::txt);
}

// git sets GIT_PAGER_IN_USE when our output goes to its pager, which shows
// colors: treat it as the terminal it stands for, as git does.
bool git_pager_in_use() {
  const char* value = std::getenv("GIT_PAGER_IN_USE");
  return value != nullptr && (std::string_view(value) == "true" || std::string_view(value) == "1");
}

} // namespace

int run_git_diff(Context& ctx, int argc, const char* const* argv) {
  cxxopts::Options options(
      "storydiff git-diff",
      "git's external diff program: `git diff` shows what changed in substance in each text "
      "file. Not run by hand; configure it as\n\n"
      "  .gitattributes:  *.md diff=storydiff\n"
      "  git config:      git config diff.storydiff.command 'storydiff git-diff'\n\n"
      "or for one run: GIT_EXTERNAL_DIFF='storydiff git-diff' git diff. git passes 7 arguments "
      "(PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE), 9 for a rename, 1 for an "
      "unmerged path. The input format comes from PATH's extension (.md/.markdown, .html/.htm/.xhtml, "
      "else plain text) unless --input says otherwise. Binary or undecodable files get one "
      "line saying so. Exit status: 0 (git stops the whole diff on anything else), 2 when a "
      "file cannot be read.");
  options.positional_help("PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE");
  add_input_options(options);
  options.add_options()("format",
                        "text, json (storydiff.diff/1), markdown or html (a self-contained page)",
                        cxxopts::value<std::string>()->default_value("text"))(
      "args", "git's arguments", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"args"});
  auto parsed = parse_command_options(options, ctx, argc, argv);
  if (!parsed) {
    return 0;
  }
  const std::string format = parse_report_format(*parsed);
  const std::vector<std::string> args = parsed->count("args") != 0
                                            ? (*parsed)["args"].as<std::vector<std::string>>()
                                            : std::vector<std::string>{};
  if (args.size() == 1) {
    ctx.out << fmt::format("* Unmerged path {}\n", args[0]);
    return 0;
  }
  if (args.size() != 7 && args.size() != 9) {
    throw UsageError(fmt::format("git-diff takes the 7 (or 9, or 1) arguments git passes to an "
                                 "external diff program, not {}",
                                 args.size()));
  }
  GitPair pair{args[0], args[1], args[4], args.size() == 9 ? args[7] : args[0]};
  const bool added = absent(args[1], args[3]);
  const bool deleted = absent(args[4], args[6]);

  std::string header = pair.path == pair.new_path
                           ? fmt::format("storydiff {}", pair.path)
                           : fmt::format("storydiff {} → {}", pair.path, pair.new_path);
  if (added) {
    header += " (new file)";
  } else if (deleted) {
    header += " (deleted)";
  }
  if (ctx.global.color == ColorMode::auto_detect && git_pager_in_use()) {
    ctx.out_is_terminal = true;
  }
  // No header in JSON, which must stay parseable file by file.
  if (format != "json") {
    const bool bold = ctx.use_color() && format == "text";
    ctx.out << (bold ? "\x1b[1m" + header + "\x1b[0m" : header) << '\n';
  }

  text::PipelineOptions pipeline = pipeline_options_from(pair.new_path, *parsed);
  if (!pipeline.decode.format) {
    pipeline.decode.format = format_of(pair.new_path);
  }
  // nullopt when the side cannot be decoded (the skip line is printed).
  auto read_side = [&](const std::string& file, const std::string& name,
                       bool missing) -> std::optional<text::Document> {
    if (missing) {
      return text::Document{};
    }
    const std::string bytes = read_input(file); // trouble: exit 2, git stops
    try {
      return read_document_or_throw(ctx, name, bytes, pipeline).document;
    } catch (const CommandError& e) {
      ctx.out << fmt::format("skipped: {} ({})\n", name, e.what());
      return std::nullopt;
    }
  };
  const auto old_doc = read_side(pair.old_file, pair.path, added);
  if (!old_doc) {
    return 0;
  }
  const auto new_doc = read_side(pair.new_file, pair.new_path, deleted);
  if (!new_doc) {
    return 0;
  }
  const diff::Report report =
      diff::compare(*old_doc, *new_doc, added ? "/dev/null" : "a/" + pair.path,
                    deleted ? "/dev/null" : "b/" + pair.new_path);
  print_report(ctx, report, report::Sources{*old_doc, *new_doc}, format);
  return 0;
}

} // namespace storydiff::cli
