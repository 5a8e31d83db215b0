// SPDX-License-Identifier: MIT
// decode: bytes → prepared UTF-8 text → per-format blocks. This file holds the
// shared steps (binary check, format detection, BOM/line ends/UTF-8 repair
// with an offset map, the block builder) and the plain-text decoder.
#include "byte_scan.hpp"
#include "decode_internal.hpp"

#include <storydiff/core/utf8.hpp>

#include <libxml/HTMLparser.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

namespace storydiff::text {

namespace {

constexpr std::size_t k_sniff_bytes = 64 * 1024;
// More than this share (in percent) of C0 control bytes other than
// \t \n \v \f \r in the first k_sniff_bytes means "not text". Real text has
// none or a stray few (an ESC, a form feed); random binary data has ~11 %.
constexpr std::size_t k_max_control_percent = 5;

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

std::uint32_t saturate(std::size_t v) {
  constexpr std::size_t max = std::numeric_limits<std::uint32_t>::max();
  return static_cast<std::uint32_t>(std::min(v, max));
}

void add_anchor(std::vector<SourceAnchor>& anchors, std::uint32_t text_offset,
                std::uint32_t source_offset) {
  if (!anchors.empty()) {
    SourceAnchor& last = anchors.back();
    // Implied by the previous anchor: nothing to record.
    if (source_offset >= last.source_offset &&
        source_offset - last.source_offset == text_offset - last.text_offset) {
      return;
    }
    if (last.text_offset == text_offset) {
      last.source_offset = source_offset;
      return;
    }
  }
  anchors.push_back({text_offset, source_offset});
}

std::optional<core::Error> check_binary(std::string_view bytes) {
  if (bytes.empty()) {
    return std::nullopt; // memchr may not take the null data() of an empty view
  }
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size()); nul != nullptr) {
    const auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
    return core::Error{core::ErrorCode::invalid_input,
                       "input looks binary: it contains a NUL byte (at byte " +
                           std::to_string(at) + "; UTF-16 is not supported)"};
  }
  const std::size_t sample = std::min(bytes.size(), k_sniff_bytes);
  std::size_t controls = 0;
  std::size_t i = 0;
  // 8 bytes at a time: control_byte_mask marks exactly the bytes the byte
  // loop below counts, so its popcount is their number. Text has almost
  // none, so the branch is predictable (a test for "any byte below 0x20"
  // was not: every line end took it).
  for (; i + 8 <= sample; i += 8) {
    if (const std::uint64_t mask = detail::control_byte_mask(detail::load8(bytes.data() + i));
        mask != 0) {
      controls += static_cast<std::size_t>(std::popcount(mask));
    }
  }
  for (; i < sample; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if ((c < 0x20 && (c < '\t' || c > '\r')) || c == 0x7F) {
      ++controls;
    }
  }
  if (sample > 0 && controls * 100 > sample * k_max_control_percent) {
    return core::Error{core::ErrorCode::invalid_input,
                       "input looks binary: " + std::to_string(controls * 100 / sample) +
                           "% of its first " + std::to_string(sample) +
                           " bytes are control characters"};
  }
  return std::nullopt;
}

// The length of the invalid sequence at bytes[pos]: its "maximal subpart"
// (Unicode 15, section 3.9, U+FFFD substitution), so that a truncated
// sequence is one replacement, not one per byte.
std::size_t invalid_sequence_length(std::string_view bytes, std::size_t pos) {
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  const unsigned char lead = at(pos);
  std::size_t length;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    low = lead == 0xE0 ? 0xA0 : 0x80;
    high = lead == 0xED ? 0x9F : 0xBF;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    low = lead == 0xF0 ? 0x90 : 0x80;
    high = lead == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 1;
  }
  std::size_t i = 1;
  while (i < length && pos + i < bytes.size()) {
    const unsigned char b = at(pos + i);
    if (b < low || b > high) {
      break;
    }
    low = 0x80;
    high = 0xBF;
    ++i;
  }
  return i;
}

// Content sniffing for detect_format, on the first k_sniff_bytes.
InputFormat sniff_format(std::string_view bytes) {
  std::string_view sample = bytes.substr(0, k_sniff_bytes);
  if (sample.substr(0, 3) == "\xEF\xBB\xBF") {
    sample.remove_prefix(3);
  }
  const std::size_t first = sample.find_first_not_of(" \t\r\n\f");
  if (first == std::string_view::npos) {
    return InputFormat::txt;
  }
  const std::string lower = lower_ascii(sample);
  const std::string_view rest = std::string_view(lower).substr(first);
  if (rest.starts_with("<!doctype html") || rest.starts_with("<html") ||
      lower.find("<html") != std::string::npos || lower.find("<body") != std::string::npos) {
    return InputFormat::html;
  }

  // Markdown signals, line by line.
  std::size_t strong = 0;
  std::size_t list_lines = 0;
  std::string_view prev;
  std::size_t pos = 0;
  while (pos < sample.size()) {
    std::size_t end = sample.find('\n', pos);
    if (end == std::string_view::npos) {
      end = sample.size();
    }
    std::string_view line = sample.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    const std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
    std::string_view body = line.substr(indent);
    if (indent <= 3) {
      const std::size_t hashes = std::min(body.find_first_not_of('#'), body.size());
      if (hashes >= 1 && hashes <= 6 && hashes < body.size() && body[hashes] == ' ') {
        ++strong;
      }
      if (body.starts_with("```") || body.starts_with("~~~")) {
        ++strong;
      }
      const bool underline =
          body.size() >= 3 && (body.find_first_not_of('=') == std::string_view::npos ||
                               body.find_first_not_of('-') == std::string_view::npos);
      if (underline && !detail::is_blank_line(prev)) {
        ++strong;
      }
      if (body.starts_with("- ") || body.starts_with("* ") || body.starts_with("+ ") ||
          (body.size() > 2 && body[0] >= '0' && body[0] <= '9' &&
           body.find(". ") != std::string_view::npos &&
           body.find_first_not_of("0123456789") == body.find(". "))) {
        ++list_lines;
      }
    }
    if (line.find("](") != std::string_view::npos) {
      ++strong;
    }
    // Emphasis: **x** or __x__ on one line.
    for (std::string_view marker : {std::string_view("**"), std::string_view("__")}) {
      const std::size_t open = line.find(marker);
      if (open != std::string_view::npos && open + 2 < line.size() && line[open + 2] != ' ' &&
          line.find(marker, open + 3) != std::string_view::npos) {
        ++strong;
      }
    }
    prev = line;
  }
  if (strong > 0 || list_lines >= 2) {
    return InputFormat::md;
  }
  if (lower.find("<p>") != std::string::npos || lower.find("<div") != std::string::npos) {
    return InputFormat::html;
  }
  return InputFormat::txt;
}

// A plain-text heading: a block of one short line that does not end like a
// sentence and does not start in lower case ("Office of the First Lady",
// "For immediate release").
bool looks_like_heading(std::string_view line) {
  constexpr std::size_t k_max_heading_bytes = 100;
  constexpr std::size_t k_max_heading_words = 12;
  if (line.empty() || line.size() > k_max_heading_bytes) {
    return false;
  }
  if (std::count(line.begin(), line.end(), ' ') + 1 > static_cast<long>(k_max_heading_words)) {
    return false;
  }
  const char first = line.front();
  if (first >= 'a' && first <= 'z') {
    return false;
  }
  static constexpr std::string_view k_final_marks[] = {
      ".", ",", ";", ":", "!", "?", "\"", "'", "\xE2\x80\xA6" /* … */,
      "\xE2\x80\x9D" /* ” */, "\xE2\x80\x99" /* ’ */, "\xC2\xBB" /* » */};
  for (std::string_view mark : k_final_marks) {
    if (line.ends_with(mark)) {
      return false;
    }
  }
  return true;
}

} // namespace

std::string_view to_string(InputFormat format) {
  switch (format) {
  case InputFormat::txt: return "txt";
  case InputFormat::md: return "md";
  case InputFormat::html: return "html";
  }
  return "txt";
}

std::optional<InputFormat> parse_input_format(std::string_view name) {
  if (name == "txt" || name == "text") {
    return InputFormat::txt;
  }
  if (name == "md" || name == "markdown") {
    return InputFormat::md;
  }
  if (name == "html" || name == "htm") {
    return InputFormat::html;
  }
  return std::nullopt;
}

std::optional<InputFormat> format_of_name(std::string_view name) {
  // A URL's query and fragment are not part of its path.
  if (name.find("://") != std::string_view::npos) {
    name = name.substr(0, std::min(name.find('?'), name.find('#')));
  }
  const std::size_t slash = name.find_last_of('/');
  const std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  const std::size_t dot = base.rfind('.');
  if (dot == std::string_view::npos || dot == 0) {
    return std::nullopt;
  }
  const std::string ext = lower_ascii(base.substr(dot + 1));
  if (ext == "txt" || ext == "text") {
    return InputFormat::txt;
  }
  if (ext == "md" || ext == "markdown") {
    return InputFormat::md;
  }
  if (ext == "html" || ext == "htm" || ext == "xhtml") {
    return InputFormat::html;
  }
  return std::nullopt;
}

InputFormat detect_format(std::string_view name, std::string_view bytes) {
  if (const auto named = format_of_name(name)) {
    return *named;
  }
  return sniff_format(bytes);
}

core::Result<DecodedText> decode(std::string_view bytes, const DecodeOptions& options) {
  if (auto error = check_binary(bytes)) {
    return core::Failure{std::move(*error)};
  }
  const InputFormat format = options.format.value_or(detect_format(options.name, bytes));
  const detail::PreparedInput input = detail::prepare_input(bytes);
  DecodedText decoded;
  switch (format) {
  case InputFormat::txt:
    decoded = detail::decode_plain(input);
    break;
  case InputFormat::md:
    decoded = detail::decode_markdown(input);
    break;
  case InputFormat::html: {
    auto html = detail::decode_html(input, options.select);
    if (!html) {
      return core::Failure{html.error()};
    }
    decoded = std::move(html).value();
    break;
  }
  }
  decoded.format = format;
  decoded.invalid_utf8 = input.invalid_utf8;
  return decoded;
}

namespace detail {

std::uint32_t MappedText::source_offset(std::size_t pos) const {
  if (anchors == nullptr || anchors->empty()) {
    return saturate(pos);
  }
  auto it = std::upper_bound(anchors->begin(), anchors->end(), pos,
                             [](std::size_t p, const SourceAnchor& a) { return p < a.text_offset; });
  if (it == anchors->begin()) {
    return saturate(pos);
  }
  const auto next = it;
  --it;
  const std::size_t linear = it->source_offset + (pos - it->text_offset);
  // A U+FFFD (3 bytes) can stand for one source byte: never map past the
  // next anchor (see OffsetMap::to_original).
  return saturate(next != anchors->end() ? std::min<std::size_t>(linear, next->source_offset)
                                         : linear);
}

PreparedInput prepare_input(std::string_view bytes) {
  PreparedInput out;
  out.text.reserve(bytes.size());
  std::size_t i = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    i = 3;
  }
  out.anchors.push_back({0, saturate(i)});
  const std::size_t n = bytes.size();
  const char* data = bytes.data();
  while (i < n) {
    // Copy the longest run of ASCII other than CR; 8 bytes at a time
    // while no byte has its high bit set and none is '\r'.
    std::size_t run = i;
    while (run + 8 <= n) {
      const std::uint64_t word = detail::load8(data + run);
      if (detail::has_high_byte(word) || detail::has_byte(word, '\r')) {
        break;
      }
      run += 8;
    }
    while (run < n && static_cast<unsigned char>(data[run]) < 0x80 && data[run] != '\r') {
      ++run;
    }
    out.text.append(data + i, run - i);
    i = run;
    if (i >= n) {
      break;
    }
    if (data[i] == '\r') {
      out.text.push_back('\n');
      i += (i + 1 < n && data[i + 1] == '\n') ? 2 : 1;
      add_anchor(out.anchors, saturate(out.text.size()), saturate(i));
      continue;
    }
    const core::CodePoint cp = core::decode_utf8(bytes, i);
    if (cp.valid) {
      out.text.append(data + i, cp.length);
      i += cp.length;
    } else {
      out.text.append("\xEF\xBF\xBD");
      ++out.invalid_utf8;
      i += invalid_sequence_length(bytes, i);
      add_anchor(out.anchors, saturate(out.text.size()), saturate(i));
    }
  }
  return out;
}

void BlockBuilder::add_anchor(std::uint32_t source_offset) {
  text::add_anchor(m_anchors, saturate(m_text.size()), source_offset);
}

void BlockBuilder::append(const MappedText& from, std::size_t pos, std::size_t len) {
  if (len == 0) {
    return;
  }
  add_anchor(from.source_offset(pos));
  const std::size_t base = m_text.size();
  m_text.append(from.text.substr(pos, len));
  if (from.anchors == nullptr) {
    return;
  }
  // Anchors of `from` inside the piece carry over, and one at its end: it
  // bounds the map where the text is longer than its source (U+FFFD).
  auto it = std::upper_bound(from.anchors->begin(), from.anchors->end(), pos,
                             [](std::size_t p, const SourceAnchor& a) { return p < a.text_offset; });
  for (; it != from.anchors->end() && it->text_offset <= pos + len; ++it) {
    text::add_anchor(m_anchors, saturate(base + (it->text_offset - pos)), it->source_offset);
  }
}

void BlockBuilder::append_synthetic(std::string_view bytes, std::uint32_t source_offset) {
  if (bytes.empty()) {
    return;
  }
  // Always a real anchor here, so the map never claims the bytes came from
  // the bytes after a previous piece.
  const auto at = saturate(m_text.size());
  if (!m_anchors.empty() && m_anchors.back().text_offset == at) {
    m_anchors.back().source_offset = source_offset;
  } else {
    m_anchors.push_back({at, source_offset});
  }
  m_text.append(bytes);
}

std::optional<Block> BlockBuilder::finish(BlockKind kind) {
  // " \t\n\r\f\v" (loops rather than find_first_not_of, which calls memchr
  // on the set once per byte).
  const auto is_trimmed = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  std::size_t lead = 0;
  while (lead < m_text.size() && is_trimmed(m_text[lead])) {
    ++lead;
  }
  if (lead == m_text.size()) {
    m_text.clear();
    m_anchors.clear();
    return std::nullopt;
  }
  std::size_t end = m_text.size();
  while (is_trimmed(m_text[end - 1])) { // stops at m_text[lead] at the latest
    --end;
  }
  Block block;
  block.kind = kind;
  block.text = m_text.substr(lead, end - lead);
  // Re-base the anchors on the trimmed text.
  std::size_t k = 0;
  while (k + 1 < m_anchors.size() && m_anchors[k + 1].text_offset <= lead) {
    ++k;
  }
  std::size_t last = k + 1; // one past the last anchor inside the block
  while (last < m_anchors.size() && m_anchors[last].text_offset <= end) {
    ++last;
  }
  block.anchors.reserve(last - k); // one allocation rather than a doubling series
  const SourceAnchor& first = m_anchors[k];
  block.anchors.push_back({0, saturate(first.source_offset + (lead - first.text_offset))});
  for (++k; k < last; ++k) {
    block.anchors.push_back({saturate(m_anchors[k].text_offset - lead), m_anchors[k].source_offset});
  }
  m_text.clear();
  m_anchors.clear();
  return block;
}

std::optional<CharReference> decode_char_reference(std::string_view text, std::size_t pos) {
  constexpr std::size_t k_max_name = 32;
  if (pos + 2 >= text.size() || text[pos] != '&') {
    return std::nullopt;
  }
  std::size_t i = pos + 1;
  CharReference ref;
  if (text[i] == '#') {
    ++i;
    const bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
    if (hex) {
      ++i;
    }
    const std::size_t digits_start = i;
    std::uint32_t value = 0;
    while (i < text.size() && i - digits_start < 8) {
      const char c = text[i];
      std::uint32_t d;
      if (c >= '0' && c <= '9') {
        d = static_cast<std::uint32_t>(c - '0');
      } else if (hex && ascii_lower(c) >= 'a' && ascii_lower(c) <= 'f') {
        d = static_cast<std::uint32_t>(ascii_lower(c) - 'a' + 10);
      } else {
        break;
      }
      value = value * (hex ? 16 : 10) + d;
      ++i;
    }
    if (i == digits_start || i >= text.size() || text[i] != ';') {
      return std::nullopt;
    }
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      value = 0xFFFD;
    }
    core::append_utf8(ref.utf8, static_cast<char32_t>(value));
    ref.length = i + 1 - pos;
    return ref;
  }
  const std::size_t name_start = i;
  while (i < text.size() && i - name_start <= k_max_name &&
         ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z') ||
          (text[i] >= '0' && text[i] <= '9'))) {
    ++i;
  }
  if (i == name_start || i >= text.size() || text[i] != ';') {
    return std::nullopt;
  }
  const std::string name(text.substr(name_start, i - name_start));
  if (name == "apos") { // XML's, not in libxml2's HTML 4 table
    ref.utf8 = "'";
  } else {
    const htmlEntityDesc* entity = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
    if (entity == nullptr) {
      return std::nullopt;
    }
    core::append_utf8(ref.utf8, static_cast<char32_t>(entity->value));
  }
  ref.length = i + 1 - pos;
  return ref;
}

bool is_blank_line(std::string_view line) {
  // A plain loop: find_first_not_of calls memchr on the set once per byte.
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; });
}

DecodedText decode_plain(const PreparedInput& input) {
  // Paragraphs are runs of non-blank lines; lines of only spaces and tabs
  // count as blank. A paragraph of one short line that does not end like a
  // sentence is taken as a heading (see looks_like_heading).
  DecodedText out;
  const MappedText mapped = input.mapped();
  const std::string_view text = input.text;
  std::size_t pos = 0;
  std::size_t para_start = std::string_view::npos;
  std::size_t para_lines = 0;
  auto flush = [&](std::size_t para_end) {
    if (para_start == std::string_view::npos) {
      return;
    }
    BlockBuilder builder;
    builder.append(mapped, para_start, para_end - para_start);
    BlockKind kind = BlockKind::paragraph;
    if (para_lines == 1) {
      std::string_view line = builder.text();
      line.remove_prefix(line.find_first_not_of(" \t\f\v\n"));
      line = line.substr(0, line.find_last_not_of(" \t\f\v\n") + 1);
      if (looks_like_heading(line)) {
        kind = BlockKind::heading;
      }
    }
    if (auto block = builder.finish(kind)) {
      out.blocks.push_back(std::move(*block));
    }
    para_start = std::string_view::npos;
    para_lines = 0;
  };
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    if (is_blank_line(text.substr(pos, end - pos))) {
      flush(pos);
    } else {
      if (para_start == std::string_view::npos) {
        para_start = pos;
      }
      ++para_lines;
    }
    pos = end + 1;
  }
  flush(text.size());
  return out;
}

} // namespace detail
} // namespace storydiff::text
