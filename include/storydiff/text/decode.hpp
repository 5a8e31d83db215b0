// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/core/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Stage 1 of the pipeline: bytes → UTF-8 text blocks.
namespace storydiff::text {

enum class InputFormat { txt, md, html };

// "txt", "md", "html".
std::string_view to_string(InputFormat format);
// Parses "txt"/"text", "md"/"markdown", "html"/"htm"; nullopt otherwise.
std::optional<InputFormat> parse_input_format(std::string_view name);

// What a block of text is in its document. Each block becomes one paragraph
// of the normalized text; headings and list items are never merged with
// their neighbours into one sentence.
enum class BlockKind { paragraph, heading, list_item };

// One point of the piecewise map from a block's text back to the source:
// text byte `text_offset` came from source byte `source_offset`, and the bytes
// after it map one-to-one until the next anchor.
struct SourceAnchor {
  std::uint32_t text_offset = 0;
  std::uint32_t source_offset = 0;
  friend bool operator==(const SourceAnchor&, const SourceAnchor&) = default;
};

struct Block {
  BlockKind kind = BlockKind::paragraph;
  // Valid UTF-8 with markup removed. May still hold hard line breaks and runs
  // of spaces (normalize folds them); never empty.
  std::string text;
  // Sorted by text_offset, the first at text_offset 0, the last at most at
  // text.size() (an anchor at the end bounds the map). For HTML the source
  // offsets are those of the text node's line start (libxml2 gives no byte
  // offsets), so they are approximate there.
  std::vector<SourceAnchor> anchors;
};

struct DecodedText {
  InputFormat format = InputFormat::txt;
  std::vector<Block> blocks; // in document order; may be empty (empty input)
  std::string title;         // HTML <title> or first Markdown heading; may be empty
  // Number of invalid UTF-8 sequences replaced by U+FFFD. The caller reports
  // it (once); the library never prints.
  std::size_t invalid_utf8 = 0;
};

struct DecodeOptions {
  // The format to read; nullopt detects it from `name` and the bytes.
  std::optional<InputFormat> format;
  // The source's name (file path, URL or "-" for stdin): used for format
  // detection by extension. May be empty.
  std::string name;
  // HTML only: an XPath 1.0 expression selecting the article body. Each
  // selected element's block-level descendants become blocks. Empty = the
  // default (the <article>/<main> paragraphs, else the <body>'s), dropping
  // script, style, nav, aside, header, footer, form and similar.
  std::string select;
};

// The format the extension of `name` (a path or URL; case-insensitive)
// names: .txt/.text, .md/.markdown, .html/.htm/.xhtml; nullopt for any other
// or none.
std::optional<InputFormat> format_of_name(std::string_view name);

// The format `name`'s extension says, else what the bytes look like
// (an HTML doctype or root tag → html; Markdown headings/emphasis/links →
// md; else txt).
InputFormat detect_format(std::string_view name, std::string_view bytes);

// Decodes `bytes` (any size; a leading UTF-8 BOM is dropped, CRLF and CR line
// ends become LF). Invalid UTF-8 is repaired, never refused.
// Errors: invalid_input for binary data (NUL bytes or mostly control bytes)
// and for an XPath expression that does not compile.
core::Result<DecodedText> decode(std::string_view bytes, const DecodeOptions& options = {});

} // namespace storydiff::text
