// SPDX-License-Identifier: MIT
// `storydiff check OLD NEW` and `storydiff check --git RANGE [-- PATHS...]`:
// the editorial CI gate. The policy, findings and formats live in
// storydiff/check; this file reads inputs and prints.
#include "commands.hpp"

#include <storydiff/check/findings.hpp>
#include <storydiff/check/policy.hpp>
#include <storydiff/check/render.hpp>
#include <storydiff/store/git_range.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <ostream>

namespace storydiff::cli {

namespace {

check::Policy read_policy(Context& ctx, const cxxopts::ParseResult& parsed) {
  std::optional<std::filesystem::path> file;
  if (parsed.count("policy") != 0) {
    file = parsed["policy"].as<std::string>();
  } else {
    file = check::find_policy(std::filesystem::current_path());
  }
  if (!file) {
    return check::default_policy();
  }
  auto policy = check::load_policy(*file);
  if (!policy) {
    throw CommandError(policy.error());
  }
  if (parsed.count("policy") == 0) {
    ctx.note(fmt::format("storydiff: policy {}", file->string()));
  }
  return std::move(policy).value();
}

// "A..B" / "A...B" → {"A", "B"}; "REV" → {"REV^", "REV"}: labels only.
std::pair<std::string, std::string> range_labels(const std::string& range) {
  for (std::string_view dots : {"...", ".."}) {
    if (const auto at = range.find(dots); at != std::string::npos) {
      return {range.substr(0, at), range.substr(at + dots.size())};
    }
  }
  return {range + "^", range};
}

check::FileResult check_changed_file(Context& ctx, const store::ChangedFile& changed,
                                     const check::Policy& policy,
                                     const std::pair<std::string, std::string>& labels) {
  const store::FileVersion& shown = changed.new_file ? *changed.new_file : *changed.old_file;
  check::FileResult result;
  result.path = shown.path;
  auto skip = [&](std::string why) {
    ctx.note(fmt::format("storydiff: skipped {} ({})", shown.path, why));
    result.skipped = std::move(why);
    return result;
  };
  if (!changed.new_file) {
    // Every quote and attribution of a deleted draft would be an error
    // "removed"; retiring a draft is not editing one.
    return skip("deleted");
  }
  if (!check::is_text_draft(shown.path)) {
    return skip("not a text draft: .md, .markdown, .txt, .text, .html, .htm or .xhtml");
  }
  for (const auto* side : {&changed.old_file, &changed.new_file}) {
    if (*side && (*side)->binary) {
      return skip("binary");
    }
    if (*side && (*side)->too_large) {
      return skip("too large");
    }
  }
  const std::string_view old_bytes =
      changed.old_file ? std::string_view{changed.old_file->content} : std::string_view{};
  const std::string_view new_bytes =
      changed.new_file ? std::string_view{changed.new_file->content} : std::string_view{};
  const std::string old_label =
      changed.old_file ? fmt::format("{}:{}", labels.first, changed.old_file->path) : "(none)";
  const std::string new_label =
      changed.new_file ? fmt::format("{}:{}", labels.second, changed.new_file->path) : "(none)";
  auto checked = check::check_texts(shown.path, old_bytes, new_bytes, policy, old_label, new_label);
  if (!checked) {
    return skip(checked.error().message);
  }
  return std::move(checked).value();
}

} // namespace

int run_check(Context& ctx, int argc, const char* const* argv) {
  cxxopts::Options options(
      "storydiff check",
      "The editorial CI gate: compares drafts and judges each change by a policy.\n\n"
      "  storydiff check OLD NEW                      two files\n"
      "  storydiff check --git BASE..HEAD [-- PATHS]  the files a git range changed (BASE...HEAD: "
      "against the merge base; REV: REV's parent vs REV)\n\n"
      "--git reads both sides from the repository around the current folder (no checkout); "
      "added files compare against an empty text, deleted files are skipped, renames are "
      "followed, and "
      "binary, oversized and non-text files (not .md, .markdown, .txt, .text, .html, .htm, .xhtml) are skipped "
      "with a note on stderr.\n"
      "The policy is --policy FILE, else .storydiff.toml in the current folder or the closest "
      "folder above it, up to the repository's root (the folder holding .git); without one the "
      "built-in defaults apply (quote and speaker changes and removed or changed attributions "
      "are errors, other fact changes warnings, style changes off).\n"
      "Exit status: 0 no error findings, 1 error findings, 2 trouble (bad policy, usage, "
      "unreadable input).");
  options.positional_help("OLD NEW | --git RANGE [-- PATHS...]");
  options.add_options()("git", "check the files changed by a git range (BASE..HEAD)",
                        cxxopts::value<std::string>())(
      "policy", "policy file (default: .storydiff.toml found upwards)",
      cxxopts::value<std::string>())("format", "text, json, github, sarif or junit",
                                     cxxopts::value<std::string>()->default_value("text"))(
      "min-level", "leave out findings below error, warning or info",
      cxxopts::value<std::string>()->default_value("info"))(
      "args", "OLD NEW", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"args"});

  // Everything after "--" is a pathspec (as in git), never an option.
  int own_argc = argc;
  std::vector<std::string> pathspecs;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view{argv[i]} == "--") {
      own_argc = i;
      pathspecs.assign(argv + i + 1, argv + argc);
      break;
    }
  }
  auto parsed = parse_command_options(options, ctx, own_argc, argv);
  if (!parsed) {
    return 0;
  }
  const std::string format_name = (*parsed)["format"].as<std::string>();
  const auto format = check::parse_format(format_name);
  if (!format) {
    throw UsageError("--format takes text, json, github, sarif or junit, not '" + format_name +
                     "'");
  }
  const std::string min_name = (*parsed)["min-level"].as<std::string>();
  const auto min_level = check::parse_level(min_name);
  if (!min_level || *min_level == check::Level::off) {
    throw UsageError("--min-level takes error, warning or info, not '" + min_name + "'");
  }
  std::vector<std::string> args = parsed->count("args") != 0
                                      ? (*parsed)["args"].as<std::vector<std::string>>()
                                      : std::vector<std::string>{};
  const bool git = parsed->count("git") != 0;
  if (!git) {
    args.insert(args.end(), pathspecs.begin(), pathspecs.end());
    if (args.size() != 2) {
      throw UsageError("check takes OLD NEW (two files) or --git RANGE [-- PATHS...]");
    }
  } else if (!args.empty()) {
    throw UsageError("with --git, paths go after -- (check --git BASE..HEAD -- drafts/)");
  }

  const check::Policy policy = read_policy(ctx, *parsed);
  check::CheckRun run;
  run.policy = policy.source;
  run.min_level = *min_level;
  if (!git) {
    if (args[0] == "-" && args[1] == "-") {
      throw UsageError("only one of OLD and NEW can be - (standard input)");
    }
    const std::string old_bytes = read_input(args[0]);
    const std::string new_bytes = read_input(args[1]);
    auto checked = check::check_texts(args[1], old_bytes, new_bytes, policy, args[0], args[1]);
    if (!checked) {
      throw CommandError(checked.error());
    }
    run.files.push_back(std::move(checked).value());
  } else {
    const std::string range = (*parsed)["git"].as<std::string>();
    store::RangeOptions range_options;
    range_options.pathspecs = pathspecs;
    auto changed = store::read_changed_files(std::filesystem::current_path(), range, range_options);
    if (!changed) {
      throw CommandError(changed.error());
    }
    const auto labels = range_labels(range);
    for (const store::ChangedFile& file : *changed) {
      run.files.push_back(check_changed_file(ctx, file, policy, labels));
    }
  }
  ctx.out << check::render(run, *format);
  return check::count_at(run, check::Level::error) != 0 ? 1 : 0;
}

} // namespace storydiff::cli
