// SPDX-License-Identifier: MIT
// A small CommonMark-ish reader: enough block structure to keep headings,
// list items and paragraphs apart, and enough inline syntax to remove the
// markup from the prose. It follows the CommonMark spec
// (https://spec.commonmark.org/) where that is cheap and deviates where a
// news text does not need it:
// - fenced code is kept verbatim as a paragraph (dropping it would lose text
//   silently); indented code is not recognised: it reads as a paragraph;
// - thematic breaks and link reference definitions are dropped;
// - images are dropped with their alt text (it describes a picture, it is not
//   the story's prose); links keep their text and lose their URL;
// - tables (GFM): the delimiter row is dropped and every other row becomes a
//   paragraph whose cells are separated by " | ";
// - inline HTML tags are removed; <br> and block-level tags act as a line
//   break; a line starting with a block-level tag starts a new paragraph;
// - emphasis delimiters are paired per character (*, _, ~~) with the
//   flanking rules, without CommonMark's "rule of 3".
// Everything is linear in the input; searches for a closing delimiter are
// bounded or remembered so that unmatched openers cannot make it quadratic.
#include "decode_internal.hpp"

#include <algorithm>
#include <array>
#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace storydiff::text::detail {

namespace {

constexpr std::size_t k_max_link_destination = 2048;
constexpr std::size_t k_max_tag_length = 1024;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\v' || c == '\r';
}

bool is_punct(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x80 && ((u >= '!' && u <= '/') || (u >= ':' && u <= '@') ||
                      (u >= '[' && u <= '`') || (u >= '{' && u <= '~'));
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Block-level HTML tag names (CommonMark's HTML block type 6, abridged).
bool is_block_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 38> k_tags = {
      "address", "article", "aside",  "blockquote", "body",    "caption", "center",  "dd",
      "details", "dialog",  "div",    "dl",         "dt",      "fieldset", "figcaption", "figure",
      "footer",  "form",    "h1",     "h2",         "h3",      "h4",      "h5",      "h6",
      "header",  "hr",      "li",     "main",       "nav",     "ol",      "p",       "section",
      "summary", "table",   "td",     "th",         "tr",      "ul"};
  // Length and first letter inline, memcmp only for a likely match: lines
  // starting with "<br>" ask here, and 17 names have two letters.
  return !name.empty() && std::any_of(k_tags.begin(), k_tags.end(), [&](std::string_view tag) {
           return tag.size() == name.size() && tag[0] == name[0] && tag == name;
         });
}

// The lower-case tag name of an HTML tag starting at text[pos] ('<'), and
// where the tag ends (one past '>'); nullopt when it is not a tag.
struct Tag {
  std::string name;
  std::size_t end = 0;
  bool closing = false;
};
std::optional<Tag> parse_tag(std::string_view text, std::size_t pos) {
  std::size_t i = pos + 1;
  Tag tag;
  if (i < text.size() && text[i] == '/') {
    tag.closing = true;
    ++i;
  }
  if (i >= text.size() || !is_alpha(text[i])) {
    return std::nullopt;
  }
  while (i < text.size() && (is_alpha(text[i]) || is_digit(text[i]) || text[i] == '-')) {
    tag.name.push_back(lower(text[i]));
    ++i;
  }
  if (i < text.size() && !is_space(text[i]) && text[i] != '>' && text[i] != '/') {
    return std::nullopt;
  }
  // Attributes, honouring quotes, up to '>'.
  char quote = 0;
  const std::size_t limit = std::min(text.size(), pos + k_max_tag_length);
  for (; i < limit; ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      tag.end = i + 1;
      return tag;
    } else if (c == '<') {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// Replaces raw[begin, end) in the output with scratch text, or with a
// collapsible line break.
struct Edit {
  std::size_t begin;
  std::size_t end;
  std::uint32_t text_offset; // into InlineScratch::replacements
  std::uint32_t text_length;
  bool line_break;
};

enum class RowMode { prose, table_row };

// Buffers reused from block to block (allocation dominated the profile).
struct InlineScratch {
  struct Bracket {
    std::size_t pos;
    bool image;
  };
  struct Opener {
    std::size_t pos;
    std::size_t len;
  };
  std::vector<Edit> edits;
  std::string replacements;
  std::vector<Bracket> brackets;
  std::array<std::vector<Opener>, 3> openers; // *, _, ~
};

// The bytes render_inline acts on (the cases of its switch); every other
// byte is copied as it is.
constexpr std::string_view k_inline_syntax_bytes = "\\`<&![]|*_~";
constexpr std::array<bool, 256> make_inline_syntax() {
  std::array<bool, 256> t{};
  for (const char c : k_inline_syntax_bytes) {
    t[static_cast<unsigned char>(c)] = true;
  }
  return t;
}
constexpr std::array<bool, 256> k_inline_syntax = make_inline_syntax();

// The first byte at or after `i` that k_inline_syntax marks, or r.size().
// Most of a block is prose: with SSE2 (every x86-64) 16 bytes are compared
// against the 11 syntax bytes at once; the byte loop finishes the tail and
// is the whole scan elsewhere. Both return the same index: the vector step
// only skips 16 bytes when none of them is a syntax byte, and otherwise
// stops at the first that is.
std::size_t skip_prose(std::string_view r, std::size_t i) {
  const std::size_t n = r.size();
#if defined(__SSE2__)
  while (i + 16 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(r.data() + i));
    // Literal bytes (the list of k_inline_syntax_bytes) so that each
    // comparand is a constant, not built per call.
    const auto eq = [&v](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
    const __m128i hits = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(eq('\\'), eq('`')), _mm_or_si128(eq('<'), eq('&'))),
        _mm_or_si128(_mm_or_si128(_mm_or_si128(eq('!'), eq('[')), _mm_or_si128(eq(']'), eq('|'))),
                     _mm_or_si128(_mm_or_si128(eq('*'), eq('_')), eq('~'))));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hits));
    if (mask != 0) {
      return i + static_cast<std::size_t>(std::countr_zero(mask));
    }
    i += 16;
  }
#endif
  while (i < n && !k_inline_syntax[static_cast<unsigned char>(r[i])]) {
    ++i;
  }
  return i;
}

// Edits in order of `begin`, the longer first at one `begin` (an image's
// drop before the drops inside it), equal edits in the order they came: what
// std::stable_sort gives, and every stable sort gives that same order. Most
// blocks' edits come sorted or nearly so (an emphasis closer records its
// opener's drop after the drops between them), and stable_sort allocates a
// buffer on every call: a sorted check and an insertion sort (stable) for
// the few-edit case avoid it.
void sort_edits(std::vector<Edit>& edits) {
  const auto before = [](const Edit& a, const Edit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  };
  if (std::is_sorted(edits.begin(), edits.end(), before)) {
    return;
  }
  constexpr std::size_t k_insertion_max = 32; // quadratic: only for a few edits
  if (edits.size() > k_insertion_max) {
    std::stable_sort(edits.begin(), edits.end(), before);
    return;
  }
  for (std::size_t k = 1; k < edits.size(); ++k) {
    const Edit moving = edits[k];
    std::size_t j = k;
    for (; j > 0 && before(moving, edits[j - 1]); --j) {
      edits[j] = edits[j - 1];
    }
    edits[j] = moving;
  }
}

// Removes inline markup from `raw` (one block's lines joined by '\n') and
// appends the result to `out`.
void render_inline(const MappedText& raw, RowMode mode, InlineScratch& scratch, BlockBuilder& out) {
  const std::string_view r = raw.text;
  const std::size_t n = r.size();
  auto& edits = scratch.edits;
  auto& brackets = scratch.brackets;
  auto& openers = scratch.openers;
  edits.clear();
  brackets.clear();
  scratch.replacements.clear();
  for (auto& stack : openers) {
    stack.clear();
  }
  std::array<bool, 64> backtick_failed{}; // no closing run of this length ahead
  auto drop = [&](std::size_t begin, std::size_t end) {
    edits.push_back({begin, end, 0, 0, false});
  };
  auto replace = [&](std::size_t begin, std::size_t end, std::string_view text) {
    const auto offset = static_cast<std::uint32_t>(scratch.replacements.size());
    scratch.replacements.append(text);
    edits.push_back({begin, end, offset, static_cast<std::uint32_t>(text.size()), false});
  };

  std::size_t i = 0;
  while (i < n) {
    // Most bytes are prose that no case below touches: skip them in a
    // tight loop rather than one switch dispatch per byte.
    i = skip_prose(r, i);
    if (i >= n) {
      break;
    }
    const char c = r[i];
    switch (c) {
    case '\\':
      if (i + 1 < n && is_punct(r[i + 1])) {
        drop(i, i + 1);
        i += 2;
        continue;
      }
      if (i + 1 < n && r[i + 1] == '\n') { // hard line break
        drop(i, i + 1);
      }
      ++i;
      continue;
    case '`': {
      std::size_t len = 1;
      while (i + len < n && r[i + len] == '`') {
        ++len;
      }
      const std::size_t key = std::min<std::size_t>(len, backtick_failed.size() - 1);
      std::size_t close = std::string_view::npos;
      if (!backtick_failed[key]) {
        for (std::size_t j = r.find('`', i + len); j != std::string_view::npos;) {
          std::size_t run = 1;
          while (j + run < n && r[j + run] == '`') {
            ++run;
          }
          if (run == len) {
            close = j;
            break;
          }
          j = r.find('`', j + run);
        }
        if (close == std::string_view::npos && len < backtick_failed.size() - 1) {
          backtick_failed[key] = true;
        }
      }
      if (close == std::string_view::npos) {
        i += len;
        continue;
      }
      drop(i, i + len);
      drop(close, close + len);
      i = close + len;
      continue;
    }
    case '<': {
      // Autolink <scheme:...> or <user@host>: keep the address.
      std::size_t j = i + 1;
      while (j < n && j - i < k_max_tag_length && r[j] != '>' && r[j] != '<' && !is_space(r[j])) {
        ++j;
      }
      if (j < n && r[j] == '>' && j > i + 1) {
        const std::string_view inside = r.substr(i + 1, j - i - 1);
        const std::size_t colon = inside.find(':');
        const bool scheme = colon != std::string_view::npos && colon >= 2 && is_alpha(inside[0]) &&
                            std::all_of(inside.begin(), inside.begin() + static_cast<long>(colon),
                                        [](char ch) {
                                          return is_alpha(ch) || is_digit(ch) || ch == '+' ||
                                                 ch == '.' || ch == '-';
                                        });
        const bool email = inside.find('@') != std::string_view::npos && is_alpha(inside[0]);
        if (scheme || email) {
          drop(i, i + 1);
          drop(j, j + 1);
          i = j + 1;
          continue;
        }
      }
      if (r.substr(i, 4) == "<!--") {
        const std::size_t end = r.find("-->", i + 4);
        if (end != std::string_view::npos) {
          drop(i, end + 3);
          i = end + 3;
          continue;
        }
      }
      if (auto tag = parse_tag(r, i)) {
        const bool breaks = tag->name == "br" || is_block_tag(tag->name);
        edits.push_back({i, tag->end, 0, 0, breaks});
        i = tag->end;
        continue;
      }
      ++i;
      continue;
    }
    case '&':
      if (auto ref = decode_char_reference(r, i)) {
        replace(i, i + ref->length, ref->utf8);
        i += ref->length;
        continue;
      }
      ++i;
      continue;
    case '!':
      if (i + 1 < n && r[i + 1] == '[') {
        brackets.push_back({i, true});
        i += 2;
        continue;
      }
      ++i;
      continue;
    case '[':
      brackets.push_back({i, false});
      ++i;
      continue;
    case ']': {
      if (brackets.empty()) {
        ++i;
        continue;
      }
      const InlineScratch::Bracket open = brackets.back();
      brackets.pop_back();
      std::size_t end = std::string_view::npos; // one past the link's tail
      if (i + 1 < n && r[i + 1] == '(') {
        int depth = 1;
        char quote = 0;
        for (std::size_t j = i + 2; j < n && j - i < k_max_link_destination; ++j) {
          const char ch = r[j];
          if (ch == '\\') {
            ++j;
          } else if (quote != 0) {
            if (ch == quote) {
              quote = 0;
            }
          } else if (ch == '"' && j > 0 && is_space(r[j - 1])) {
            quote = ch; // a link title
          } else if (ch == '(') {
            ++depth;
          } else if (ch == ')' && --depth == 0) {
            end = j + 1;
            break;
          }
        }
      } else if (i + 1 < n && r[i + 1] == '[') { // [text][ref]
        const std::size_t close = r.find(']', i + 2);
        if (close != std::string_view::npos && close - i < k_max_link_destination &&
            r.substr(i + 2, close - i - 2).find('[') == std::string_view::npos) {
          end = close + 1;
        }
      }
      if (end == std::string_view::npos) {
        ++i;
        continue;
      }
      if (open.image) {
        drop(open.pos, end);
      } else {
        drop(open.pos, open.pos + 1);
        drop(i, end);
      }
      i = end;
      continue;
    }
    case '|':
      if (mode == RowMode::table_row) { // cells become "a | b"
        std::size_t begin = i;
        while (begin > 0 && r[begin - 1] == ' ') {
          --begin;
        }
        std::size_t end = i + 1;
        while (end < n && r[end] == ' ') {
          ++end;
        }
        replace(begin, end, " | ");
        i = end;
        continue;
      }
      ++i;
      continue;
    case '*':
    case '_':
    case '~': {
      std::size_t len = 1;
      while (i + len < n && r[i + len] == c) {
        ++len;
      }
      if (c == '~' && len != 2) {
        i += len;
        continue;
      }
      const char before = i == 0 ? ' ' : r[i - 1];
      const char after = i + len >= n ? ' ' : r[i + len];
      const bool left = !is_space(after) && (!is_punct(after) || is_space(before) || is_punct(before));
      const bool right = !is_space(before) && (!is_punct(before) || is_space(after) || is_punct(after));
      bool can_open = left;
      bool can_close = right;
      if (c == '_') { // no intraword emphasis with '_' (snake_case stays)
        can_open = left && (!right || is_punct(before));
        can_close = right && (!left || is_punct(after));
      }
      auto& stack = openers[c == '*' ? 0 : (c == '_' ? 1 : 2)];
      if (can_close && !stack.empty()) {
        const InlineScratch::Opener open = stack.back();
        stack.pop_back();
        drop(open.pos, open.pos + open.len);
        drop(i, i + len);
      } else if (can_open) {
        stack.push_back({i, len});
      }
      i += len;
      continue;
    }
    default:
      ++i;
      continue;
    }
  }

  sort_edits(edits);
  std::size_t cursor = 0;
  for (const Edit& edit : edits) {
    if (edit.begin < cursor) {
      continue; // inside a dropped range (an image)
    }
    out.append(raw, cursor, edit.begin - cursor);
    if (edit.line_break) {
      const char last = out.last_char();
      if (last != '\0' && !is_space(last)) {
        out.append_synthetic("\n", raw.source_offset(edit.begin));
      }
    } else {
      out.append_synthetic(std::string_view(scratch.replacements).substr(edit.text_offset, edit.text_length),
                           raw.source_offset(edit.begin));
    }
    cursor = edit.end;
  }
  out.append(raw, cursor, n - cursor);
}

std::size_t leading_spaces(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') {
    ++i;
  }
  return i;
}

bool all_of_char(std::string_view s, char c, std::size_t min_count) {
  std::size_t count = 0;
  for (char ch : s) {
    if (ch == c) {
      ++count;
    } else if (ch != ' ' && ch != '\t') {
      return false;
    }
  }
  return count >= min_count;
}

bool is_thematic_break(std::string_view body) {
  return all_of_char(body, '*', 3) || all_of_char(body, '-', 3) || all_of_char(body, '_', 3);
}

bool is_setext_underline(std::string_view body) {
  std::string_view t = body.substr(0, body.find_last_not_of(" \t") + 1);
  return !t.empty() && (t.find_first_not_of('=') == std::string_view::npos ||
                        t.find_first_not_of('-') == std::string_view::npos);
}

bool is_table_delimiter_row(std::string_view body) {
  if (body.find('|') == std::string_view::npos || body.find('-') == std::string_view::npos) {
    return false;
  }
  return body.find_first_not_of("|-: \t") == std::string_view::npos;
}

// A list marker at the start of `body`: returns the content's offset in body.
struct ListMarker {
  std::size_t content = 0;
  bool ordered = false;
  bool starts_at_one = false;
};
std::optional<ListMarker> parse_list_marker(std::string_view body) {
  ListMarker marker;
  std::size_t i = 0;
  if (!body.empty() && (body[0] == '-' || body[0] == '*' || body[0] == '+')) {
    i = 1;
  } else {
    while (i < body.size() && i < 9 && is_digit(body[i])) {
      ++i;
    }
    if (i == 0 || i >= body.size() || (body[i] != '.' && body[i] != ')')) {
      return std::nullopt;
    }
    marker.ordered = true;
    marker.starts_at_one = body.substr(0, i) == "1";
    ++i;
  }
  if (i < body.size() && body[i] != ' ' && body[i] != '\t') {
    return std::nullopt;
  }
  while (i < body.size() && (body[i] == ' ' || body[i] == '\t')) {
    ++i;
  }
  marker.content = i;
  return marker;
}

bool starts_with_block_tag(std::string_view body) {
  if (body.empty() || body[0] != '<') {
    return false;
  }
  auto tag = parse_tag(body, 0);
  return tag && is_block_tag(tag->name);
}

bool is_reference_definition(std::string_view body) {
  if (body.empty() || body[0] != '[') {
    return false;
  }
  const std::size_t close = body.find("]:");
  return close != std::string_view::npos && close > 1 &&
         body.substr(1, close - 1).find_first_of("[]") == std::string_view::npos;
}

class MarkdownReader {
public:
  explicit MarkdownReader(const PreparedInput& input)
      : m_mapped(input.mapped()), m_text(input.text) {}

  DecodedText read() {
    std::size_t pos = 0;
    while (pos < m_text.size()) {
      std::size_t end = m_text.find('\n', pos);
      if (end == std::string_view::npos) {
        end = m_text.size();
      }
      line(pos, end);
      pos = end + 1;
    }
    flush();
    return std::move(m_out);
  }

private:
  enum class Open { none, paragraph, list_item, fence, table_row };

  struct Piece {
    std::size_t pos;
    std::size_t len;
  };

  void line(std::size_t pos, std::size_t end) {
    std::string_view text = m_text.substr(pos, end - pos);
    if (m_open == Open::fence) {
      const std::size_t indent = leading_spaces(text);
      std::string_view body = text.substr(indent);
      const std::size_t run = std::min(body.find_first_not_of(m_fence_char), body.size());
      if (indent <= 3 && run >= m_fence_len && is_blank_line(body.substr(run))) {
        flush();
        return;
      }
      m_pieces.push_back({pos, text.size()});
      return;
    }
    // Blockquote markers: up to 3 spaces, '>', an optional space; repeated.
    std::size_t off = 0;
    for (;;) {
      const std::size_t spaces = leading_spaces(text.substr(off));
      if (spaces <= 3 && off + spaces < text.size() && text[off + spaces] == '>') {
        off += spaces + 1;
        if (off < text.size() && text[off] == ' ') {
          ++off;
        }
        continue;
      }
      break;
    }
    std::string_view content = text.substr(off);
    if (is_blank_line(content)) {
      flush();
      m_in_table = false;
      return;
    }
    const std::size_t indent = leading_spaces(content);
    std::string_view body = content.substr(indent);
    const std::size_t body_pos = pos + off + indent;
    if (m_in_table) {
      if (body.find('|') != std::string_view::npos) {
        flush();
        start(Open::table_row, BlockKind::paragraph);
        add_row(body_pos, body);
        flush();
        return;
      }
      m_in_table = false;
    }
    if (indent <= 3) {
      // (The first-byte test spares most lines two string compares.)
      if (!body.empty() && (body[0] == '`' || body[0] == '~') &&
          (body.starts_with("```") || body.starts_with("~~~"))) {
        const char fence = body[0];
        const std::size_t len = std::min(body.find_first_not_of(fence), body.size());
        if (fence == '~' || body.substr(len).find('`') == std::string_view::npos) {
          flush();
          start(Open::fence, BlockKind::paragraph);
          m_fence_char = fence;
          m_fence_len = len;
          return;
        }
      }
      const std::size_t hashes = std::min(body.find_first_not_of('#'), body.size());
      if (hashes >= 1 && hashes <= 6 && (hashes == body.size() || body[hashes] == ' ' || body[hashes] == '\t')) {
        flush();
        std::string_view heading = body.substr(hashes);
        // Closing sequence: spaces then #s at the end.
        std::size_t stop = heading.find_last_not_of(" \t") + 1;
        if (stop > 0) {
          const std::size_t before_hashes = heading.find_last_not_of('#', stop - 1);
          if (before_hashes == std::string_view::npos) {
            stop = 0;
          } else if (before_hashes + 1 < stop && (heading[before_hashes] == ' ' || heading[before_hashes] == '\t')) {
            stop = before_hashes;
          }
        }
        start(Open::paragraph, BlockKind::heading);
        m_pieces.push_back({body_pos + hashes, stop});
        flush();
        return;
      }
      if (m_open == Open::paragraph && is_setext_underline(body)) {
        m_kind = BlockKind::heading;
        flush();
        return;
      }
      if (is_thematic_break(body)) {
        flush();
        return;
      }
      if (m_open == Open::paragraph && m_pieces.size() == 1 && is_table_delimiter_row(body) &&
          m_text.substr(m_pieces[0].pos, m_pieces[0].len).find('|') != std::string_view::npos) {
        const Piece header = m_pieces[0];
        m_pieces.clear();
        m_open = Open::table_row;
        add_row(header.pos, m_text.substr(header.pos, header.len));
        flush();
        m_in_table = true;
        return;
      }
      if (auto marker = parse_list_marker(body)) {
        const bool empty_item = marker->content >= body.size();
        const bool interrupts = m_open != Open::paragraph ||
                                (!empty_item && (!marker->ordered || marker->starts_at_one));
        if (interrupts) {
          flush();
          start(Open::list_item, BlockKind::list_item);
          m_pieces.push_back({body_pos + marker->content, body.size() - std::min(marker->content, body.size())});
          return;
        }
      }
      if (m_open == Open::none && is_reference_definition(body)) {
        return;
      }
      if (starts_with_block_tag(body)) {
        flush();
      }
    }
    if (m_open == Open::none) {
      start(Open::paragraph, BlockKind::paragraph);
    }
    m_pieces.push_back({body_pos, body.size()});
  }

  void start(Open open, BlockKind kind) {
    m_open = open;
    m_kind = kind;
  }

  void add_row(std::size_t pos, std::string_view row) {
    std::string_view t = row.substr(0, row.find_last_not_of(" \t") + 1);
    std::size_t begin = 0;
    if (!t.empty() && t.front() == '|') {
      begin = 1;
    }
    if (t.size() > begin && t.back() == '|' && (t.size() < 2 || t[t.size() - 2] != '\\')) {
      t.remove_suffix(1);
    }
    m_pieces.push_back({pos + begin, t.size() - std::min(begin, t.size())});
  }

  void flush() {
    if (m_open == Open::none) {
      return;
    }
    BlockBuilder& raw = m_raw;
    raw.clear();
    for (std::size_t k = 0; k < m_pieces.size(); ++k) {
      if (k > 0) {
        raw.append_synthetic("\n", m_mapped.source_offset(m_pieces[k - 1].pos + m_pieces[k - 1].len));
      }
      raw.append(m_mapped, m_pieces[k].pos, m_pieces[k].len);
    }
    std::optional<Block> block;
    if (m_open == Open::fence) {
      block = raw.finish(m_kind);
    } else {
      BlockBuilder& out = m_rendered;
      render_inline(raw.view(), m_open == Open::table_row ? RowMode::table_row : RowMode::prose,
                    m_scratch, out);
      block = out.finish(m_kind);
    }
    if (block) {
      if (block->kind == BlockKind::heading && m_out.title.empty()) {
        m_out.title = block->text;
      }
      m_out.blocks.push_back(std::move(*block));
    }
    m_pieces.clear();
    m_open = Open::none;
    m_kind = BlockKind::paragraph;
  }

  MappedText m_mapped;
  std::string_view m_text;
  DecodedText m_out;
  Open m_open = Open::none;
  BlockKind m_kind = BlockKind::paragraph;
  std::vector<Piece> m_pieces;
  InlineScratch m_scratch;
  BlockBuilder m_raw;
  BlockBuilder m_rendered;
  char m_fence_char = '`';
  std::size_t m_fence_len = 0;
  bool m_in_table = false;
};

} // namespace

DecodedText decode_markdown(const PreparedInput& input) {
  return MarkdownReader(input).read();
}

} // namespace storydiff::text::detail
