// SPDX-License-Identifier: MIT
// `storydiff sentences FILE`: the debugging view of decode → normalize → segment.
#include "commands.hpp"
#include "input.hpp"

#include <storydiff/text/pipeline.hpp>

#include <nlohmann/json.hpp>

#include <ostream>

namespace storydiff::cli {

namespace {

std::string_view to_string(text::TokenKind kind) {
  switch (kind) {
  case text::TokenKind::word: return "word";
  case text::TokenKind::number: return "number";
  case text::TokenKind::punctuation: return "punctuation";
  case text::TokenKind::quote: return "quote";
  case text::TokenKind::symbol: return "symbol";
  }
  return "word";
}

std::string_view to_string(text::NumberForm form) {
  switch (form) {
  case text::NumberForm::none: return "none";
  case text::NumberForm::cardinal: return "cardinal";
  case text::NumberForm::fraction: return "fraction";
  case text::NumberForm::percent: return "percent";
  case text::NumberForm::money: return "money";
  case text::NumberForm::time: return "time";
  case text::NumberForm::age: return "age";
  case text::NumberForm::decade: return "decade";
  case text::NumberForm::ordinal: return "ordinal";
  }
  return "none";
}

std::string_view to_string(text::BlockKind kind) {
  switch (kind) {
  case text::BlockKind::paragraph: return "paragraph";
  case text::BlockKind::heading: return "heading";
  case text::BlockKind::list_item: return "list_item";
  }
  return "paragraph";
}

nlohmann::json token_json(const text::Document& doc, std::size_t i) {
  const text::Token& token = doc.tokens[i];
  nlohmann::json j{{"text", doc.token_text(i)},
                   {"kind", to_string(token.kind)},
                   {"start", token.span.start},
                   {"end", token.span.end}};
  if (token.kind == text::TokenKind::number) {
    j["form"] = to_string(token.form);
    j["value"] = token.value;
  }
  return j;
}

} // namespace

int run_sentences(Context& ctx, int argc, const char* const* argv) {
  cxxopts::Options options("storydiff sentences",
                           "Shows what the text pipeline (decode, normalize, segment) makes of a "
                           "file: one sentence per line, a blank line between paragraphs.");
  options.positional_help("FILE|-");
  add_input_options(options);
  options.add_options()("format", "text or json (json gives byte spans and tokens)",
                        cxxopts::value<std::string>()->default_value("text"))(
      "tokens", "text format: print each sentence's tokens under it")(
      "file", "input file, or - for stdin", cxxopts::value<std::string>());
  options.parse_positional({"file"});
  auto parsed = parse_command_options(options, ctx, argc, argv);
  if (!parsed) {
    return 0;
  }
  if (parsed->count("file") == 0) {
    throw UsageError("sentences needs a FILE (or - for stdin)");
  }
  const std::string format = (*parsed)["format"].as<std::string>();
  if (format != "text" && format != "json") {
    throw UsageError("--format takes text or json, not '" + format + "'");
  }
  const std::string path = (*parsed)["file"].as<std::string>();
  text::ReadResult read = read_document_or_throw(ctx, path, read_input(path), *parsed);
  const text::Document& doc = read.document;

  if (format == "json") {
    nlohmann::json sentences = nlohmann::json::array();
    for (std::size_t s = 0; s < doc.sentences.size(); ++s) {
      const text::Sentence& sentence = doc.sentences[s];
      nlohmann::json tokens = nlohmann::json::array();
      for (std::uint32_t t = 0; t < sentence.token_count; ++t) {
        tokens.push_back(token_json(doc, sentence.first_token + t));
      }
      sentences.push_back({{"index", s},
                           {"paragraph", sentence.paragraph},
                           {"kind", to_string(doc.paragraphs[sentence.paragraph].kind)},
                           {"start", sentence.span.start},
                           {"end", sentence.span.end},
                           {"source_start", doc.source_map.to_original(sentence.span.start)},
                           {"text", doc.sentence_text(s)},
                           {"tokens", std::move(tokens)}});
    }
    nlohmann::json out{{"schema", "storydiff.sentences/1"},
                       {"input", path},
                       {"format", text::to_string(read.format)},
                       {"title", read.title},
                       {"paragraphs", doc.paragraphs.size()},
                       {"sentences", std::move(sentences)}};
    ctx.out << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return 0;
  }

  const bool with_tokens = parsed->count("tokens") != 0;
  for (std::size_t s = 0; s < doc.sentences.size(); ++s) {
    const text::Sentence& sentence = doc.sentences[s];
    if (s > 0 && sentence.paragraph != doc.sentences[s - 1].paragraph) {
      ctx.out << '\n';
    }
    ctx.out << doc.sentence_text(s) << '\n';
    if (with_tokens) {
      for (std::uint32_t t = 0; t < sentence.token_count; ++t) {
        const std::size_t i = sentence.first_token + t;
        ctx.out << "    " << to_string(doc.tokens[i].kind) << "  " << doc.token_text(i);
        if (doc.tokens[i].kind == text::TokenKind::number) {
          ctx.out << "  (" << to_string(doc.tokens[i].form) << " " << doc.tokens[i].value << ")";
        }
        ctx.out << '\n';
      }
    }
  }
  return 0;
}

} // namespace storydiff::cli
