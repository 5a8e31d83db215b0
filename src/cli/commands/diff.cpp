// SPDX-License-Identifier: MIT
// `storydiff diff OLD NEW` (two files) and `storydiff diff STORY [REV_A
// [REV_B]]` (two revisions of a stored story): the semantic diff.
#include "commands.hpp"
#include "input.hpp"
#include "report_output.hpp"
#include "store_access.hpp"

#include <storydiff/diff/changes.hpp>
#include <storydiff/report/render.hpp>
#include <storydiff/text/segment.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <ostream>

namespace storydiff::cli {

namespace {

// One side of a comparison: its label and its segmented text.
struct DiffSide {
  std::string label;
  text::Document document;
};

bool names_a_file(const std::string& arg) {
  std::error_code ec;
  return arg == "-" || std::filesystem::exists(arg, ec);
}

} // namespace

std::string parse_report_format(const cxxopts::ParseResult& parsed) {
  const std::string format = parsed["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "markdown" && format != "html") {
    throw UsageError("--format takes text, json, markdown or html, not '" + format + "'");
  }
  return format;
}

void print_report(Context& ctx, const diff::Report& report, const report::Sources& sources,
                  const std::string& format) {
  if (format == "json") {
    ctx.out << report::render_json(report);
  } else if (format == "markdown") {
    ctx.out << report::render_markdown(report, sources);
  } else if (format == "html") {
    ctx.out << report::render_html(report, sources);
  } else {
    ctx.out << report::render_text(report, sources,
                                   ctx.use_color() ? report::Color::ansi : report::Color::off);
  }
}

namespace {

std::pair<DiffSide, DiffSide> read_file_sides(Context& ctx, const std::string& old_path,
                                              const std::string& new_path,
                                              const cxxopts::ParseResult& parsed) {
  const std::string old_bytes = read_input(old_path);
  const std::string new_bytes = read_input(new_path);
  auto [old_read, new_read] = read_two_documents_or_throw(
      ctx, {old_path, old_bytes, pipeline_options_from(old_path, parsed)},
      {new_path, new_bytes, pipeline_options_from(new_path, parsed)});
  return {DiffSide{old_path, std::move(old_read.document)},
          DiffSide{new_path, std::move(new_read.document)}};
}

DiffSide read_revision_side(const store::Store& store, const std::string& story,
                            const store::RevisionInfo& info) {
  const std::string article = value_or_throw(store.read_file(info.id, "article.txt"));
  return DiffSide{fmt::format("stories/{}@r{}", story, info.meta.revision),
                  text::parse_canonical(article)};
}

// diff STORY → the head's parent vs the head; diff STORY A → A vs the head;
// diff STORY A B → A vs B.
std::pair<DiffSide, DiffSide> read_store_sides(Context& ctx, const std::vector<std::string>& args,
                                               bool files_were_possible) {
  const std::string& story = args[0];
  const store::Store store = [&] {
    try {
      return open_store(ctx);
    } catch (const CommandError&) {
      if (files_were_possible) {
        // "diff a.txt b.txt" with neither file present: say so about the
        // files, which is what the user most likely meant.
        read_input(args[0]);
      }
      throw;
    }
  }();
  auto resolve = [&](const std::string& rev) { return value_or_throw(store.resolve(story, rev)); };
  // The head first: it tells whether the story exists at all.
  auto head = store.resolve(story, "");
  if (!head && files_were_possible && head.error().code == core::ErrorCode::not_found) {
    read_input(args[0]); // throws "cannot read a.txt (No such file or directory)"
  }
  const store::RevisionInfo head_info = value_or_throw(std::move(head));
  store::RevisionInfo old_info;
  store::RevisionInfo new_info = head_info;
  if (args.size() == 3) {
    old_info = resolve(args[1]);
    new_info = resolve(args[2]);
  } else if (args.size() == 2) {
    old_info = resolve(args[1]);
  } else {
    if (head_info.meta.revision <= 1) {
      throw CommandError(fmt::format(
          "story {} has only r{} (nothing to compare it with; record another revision)", story,
          head_info.meta.revision));
    }
    old_info = resolve("r" + std::to_string(head_info.meta.revision - 1));
  }
  return {read_revision_side(store, story, old_info), read_revision_side(store, story, new_info)};
}

} // namespace

int run_diff(Context& ctx, int argc, const char* const* argv) {
  cxxopts::Options options(
      "storydiff diff",
      "Says what changed in substance between two texts: typed changes (numbers, dates, names, "
      "quotes, attributions, hedges, negations, corrections, claims), then the word diff of "
      "edited sentences.\n\n"
      "  storydiff diff OLD NEW            two files (one of them may be - for standard input)\n"
      "  storydiff diff STORY              a stored story: previous revision vs latest\n"
      "  storydiff diff STORY REV          REV vs latest\n"
      "  storydiff diff STORY REV_A REV_B  REV_A vs REV_B\n\n"
      "REV is r<N> or N (1-based), a commit id prefix, HEAD or HEAD~k. With two arguments of which "
      "one names an existing file or is -, both are files; otherwise the first is a story. Exit status: 0, or with "
      "--exit-code 1 when anything substantive changed; 2 on errors.");
  options.positional_help("OLD NEW | STORY [REV_A [REV_B]]");
  add_input_options(options);
  options.add_options()("format",
                        "text, json (storydiff.diff/1), markdown or html (a self-contained page)",
                        cxxopts::value<std::string>()->default_value("text"))(
      "exit-code", "exit with 1 when the significance is substantive")(
      "args", "files or story and revisions", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"args"});
  auto parsed = parse_command_options(options, ctx, argc, argv);
  if (!parsed) {
    return 0;
  }
  const std::string format = parse_report_format(*parsed);
  const std::vector<std::string> args =
      parsed->count("args") != 0 ? (*parsed)["args"].as<std::vector<std::string>>()
                                 : std::vector<std::string>{};
  if (args.empty() || args.size() > 3) {
    throw UsageError("diff takes OLD NEW (two files) or STORY [REV_A [REV_B]]");
  }

  std::pair<DiffSide, DiffSide> sides;
  const bool two_args = args.size() == 2;
  if (two_args && (names_a_file(args[0]) || names_a_file(args[1]))) {
    if (args[0] == "-" && args[1] == "-") {
      throw UsageError("only one of OLD and NEW can be - (standard input)");
    }
    sides = read_file_sides(ctx, args[0], args[1], *parsed);
  } else {
    if (!store::is_valid_slug(args[0])) {
      if (two_args) {
        read_input(args[0]); // names the missing file and why
      }
      require_valid_slug(args[0]);
    }
    if (parsed->count("select") != 0 || (*parsed)["input"].as<std::string>() != "auto") {
      throw UsageError("--input and --select apply to files, not to stored revisions");
    }
    sides = read_store_sides(ctx, args, two_args);
  }

  const diff::Report report = diff::compare(sides.first.document, sides.second.document,
                                            sides.first.label, sides.second.label);
  print_report(ctx, report, report::Sources{sides.first.document, sides.second.document},
               format);
  if (parsed->count("exit-code") != 0 && report.significance == diff::Significance::substantive) {
    return 1;
  }
  return 0;
}

} // namespace storydiff::cli
