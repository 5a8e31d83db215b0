// SPDX-License-Identifier: MIT
#pragma once

// Private to the text module: the per-format decoders behind text::decode and
// the offset bookkeeping they share.
#include <storydiff/text/decode.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storydiff::text::detail {

// A text with a piecewise map back to source byte offsets (the same shape as
// Block::anchors): `anchors` is sorted by text_offset, starts at 0, and bytes
// between anchors map one-to-one. An empty map is the identity.
struct MappedText {
  std::string_view text;
  const std::vector<SourceAnchor>* anchors = nullptr;

  // The source offset of text byte `pos` (0-based; pos <= text.size()).
  std::uint32_t source_offset(std::size_t pos) const;
};

// decode()'s first step: valid UTF-8, LF line ends, no BOM, and the map from
// this text back to the caller's bytes. The decoders read `mapped()`.
struct PreparedInput {
  std::string text;
  std::vector<SourceAnchor> anchors; // prepared offset -> source offset
  std::size_t invalid_utf8 = 0;

  MappedText mapped() const { return MappedText{text, &anchors}; }
};

// Drops a BOM, turns CRLF and CR into LF and repairs invalid UTF-8 (one U+FFFD
// per invalid sequence), recording anchors wherever the offsets shift.
// Linear; source offsets saturate at 4 GiB - 1.
PreparedInput prepare_input(std::string_view bytes);

// Builds one Block's text and anchors from pieces of a MappedText and from
// synthesized bytes (decoded entities, line breaks).
class BlockBuilder {
public:
  // Appends from.text[pos, pos + len) with the source offsets it maps to.
  void append(const MappedText& from, std::size_t pos, std::size_t len);
  // Appends bytes that stand for the source at `source_offset` (an entity, a
  // <br>): the map of the following bytes is approximate until the next anchor.
  void append_synthetic(std::string_view bytes, std::uint32_t source_offset);
  bool empty() const { return m_text.empty(); }
  std::string_view text() const { return m_text; }
  char last_char() const { return m_text.empty() ? '\0' : m_text.back(); }
  // The text so far with its map (valid until the builder changes).
  MappedText view() const { return MappedText{m_text, &m_anchors}; }
  // Ends the block: trims ASCII whitespace at both ends and returns the block,
  // or nothing when no text is left. The builder is empty afterwards.
  std::optional<Block> finish(BlockKind kind);
  // Empties the builder, keeping its capacity.
  void clear() {
    m_text.clear();
    m_anchors.clear();
  }

private:
  void add_anchor(std::uint32_t source_offset);
  std::string m_text;
  std::vector<SourceAnchor> m_anchors;
};

// Decodes the HTML character reference at text[pos] ('&'): returns the UTF-8
// of the character and the reference's length in bytes, or nullopt when it is
// not one (named references need their ';', as in CommonMark).
struct CharReference {
  std::string utf8;
  std::size_t length = 0;
};
std::optional<CharReference> decode_char_reference(std::string_view text, std::size_t pos);

bool is_blank_line(std::string_view line);

DecodedText decode_plain(const PreparedInput& input);
DecodedText decode_markdown(const PreparedInput& input);
core::Result<DecodedText> decode_html(const PreparedInput& input, const std::string& select);

} // namespace storydiff::text::detail
