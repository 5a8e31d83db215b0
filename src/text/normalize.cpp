// SPDX-License-Identifier: MIT
#include <storydiff/core/utf8.hpp>
#include <storydiff/text/normalize.hpp>

#include "byte_scan.hpp"
#include "chars.hpp"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdlib>
#include <limits>

namespace storydiff::text {

void OffsetMap::add(std::uint32_t derived, std::uint32_t original) {
  if (!m_anchors.empty()) {
    Anchor& last = m_anchors.back();
    if (derived < last.derived) {
      return; // out of order: keep the map sorted rather than corrupt lookups
    }
    if (last.derived == derived) {
      last.original = original;
      return;
    }
    // Already implied by the one-to-one run after the last anchor: keeps
    // the map at one entry per discontinuity.
    if (original == last.original + (derived - last.derived)) {
      return;
    }
  }
  m_anchors.push_back({derived, original});
}

std::uint32_t OffsetMap::to_original(std::uint32_t derived) const {
  auto it = std::upper_bound(m_anchors.begin(), m_anchors.end(), derived,
                             [](std::uint32_t d, const Anchor& a) { return d < a.derived; });
  if (it == m_anchors.begin()) {
    return m_anchors.empty() ? 0 : m_anchors.front().original;
  }
  const auto next = it;
  --it;
  const std::uint32_t linear = it->original + (derived - it->derived);
  // Where the derived text is longer than the original (U+FFFD for one bad
  // byte, an expanded entity), the linear map would run past the next
  // anchor; clamp so the map stays monotonic and inside the original.
  return next != m_anchors.end() ? std::min(linear, next->original) : linear;
}

namespace {

// What normalize does with a byte of UTF-8. Only the lead bytes of the
// non-ASCII whitespace and invisible characters need decoding (U+0080–U+00BF
// start with C2; U+1680/U+180E with E1; U+2000–U+206F with E2; U+3000 with E3;
// U+FEFF with EF); continuation bytes are never one of those, so the scan can
// go byte by byte and copy everything else verbatim.
enum ByteClass : unsigned char { k_copy, k_ascii_space, k_ascii_control, k_inspect };

constexpr std::array<unsigned char, 256> make_byte_classes() {
  std::array<unsigned char, 256> t{};
  for (int b = 0; b < 256; ++b) {
    if (b == ' ' || (b >= 0x09 && b <= 0x0D)) {
      t[b] = k_ascii_space;
    } else if (b < 0x20 || b == 0x7F) {
      t[b] = k_ascii_control;
    } else if (b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3 || b == 0xEF) {
      t[b] = k_inspect;
    } else {
      t[b] = k_copy;
    }
  }
  return t;
}
constexpr std::array<unsigned char, 256> k_byte_class = make_byte_classes();

// Inside a run of copied bytes (text[i - 1] was copied): skips 8 bytes at a
// time while each is printable ASCII (k_copy) or a single space whose next
// byte is printable ASCII too, which is exactly what the byte loop would keep
// in the run. Returns where the byte loop must go on.
std::size_t skip_plain_ascii(std::string_view text, std::size_t i) {
  if constexpr (std::endian::native != std::endian::little) {
    return i; // the byte loop alone
  }
  const std::size_t n = text.size();
  while (i + 8 <= n) {
    const std::uint64_t word = detail::load8(text.data() + i);
    if (detail::has_high_byte(word) || detail::has_byte_below(word, 0x20) ||
        detail::has_byte(word, 0x7F)) {
      return i;
    }
    // Spaces: none next to another. A space at the first byte follows a
    // copied byte; one at the last byte waits for the next word, where it
    // is the first (its follower is not known yet).
    const std::uint64_t spaces = detail::zero_byte_mask(word ^ (detail::k_byte_ones * ' '));
    if ((spaces & (spaces >> 8)) != 0) {
      return i;
    }
    i += (spaces >> 63) != 0 ? 7 : 8; // bit 63: the last byte (little-endian)
  }
  return i;
}

struct LocalAnchor {
  std::uint32_t derived;
  std::uint32_t original;
};

// Same compaction rule as OffsetMap::add, for the per-paragraph maps.
void push_anchor(std::vector<LocalAnchor>& anchors, std::uint32_t derived, std::uint32_t original) {
  if (!anchors.empty()) {
    LocalAnchor& last = anchors.back();
    if (last.derived == derived) {
      last.original = original;
      return;
    }
    if (original == last.original + (derived - last.derived)) {
      return;
    }
  }
  anchors.push_back({derived, original});
}

// False when `text` (valid UTF-8) is NFC for certain: every character in it
// has NFC_QC=Yes and combining class 0, which makes any string of them NFC.
// That holds for everything below U+0300 (lead bytes below 0xCC: ASCII,
// Latin-1, Latin Extended) and for U+2002–U+207F (E2 80 82 – E2 81 BF: the
// curly quotes, dashes and ellipsis of news text); U+2000 and U+2001 are
// excluded (they decompose to U+2002/U+2003), though is_space folds them
// anyway. tests/unit/text/test_fast_paths.cpp checks these ranges with ICU.
bool may_need_nfc(std::string_view text) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n && !detail::has_high_byte(detail::load8(text.data() + i))) {
      i += 8;
      continue;
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0xCC) {
      ++i;
      continue;
    }
    if (byte == 0xE2 && i + 2 < n) {
      const auto second = static_cast<unsigned char>(text[i + 1]);
      const auto third = static_cast<unsigned char>(text[i + 2]);
      if (second == 0x81 || (second == 0x80 && third >= 0x82)) {
        i += 3;
        continue;
      }
    }
    return true;
  }
  return false;
}

const icu::Normalizer2* nfc_instance() {
  static const icu::Normalizer2* const k_nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return k_nfc;
}

// Writes blocks into one NormalizedText. One object per normalize() call so
// its scratch buffers are reused across blocks.
class Writer {
public:
  explicit Writer(NormalizedText& out) : m_out(out) {}

  void write(const Block& block) {
    static const std::vector<SourceAnchor> k_identity{{0, 0}};
    m_anchors = block.anchors.empty() ? &k_identity : &block.anchors;
    m_cursor = 0;
    m_local.clear();
    m_para_start = k_not_started;
    m_copied_to = 0;
    m_pending_space = false;

    const std::string& text = block.text;
    const std::size_t n = text.size();
    std::size_t run = k_no_run; // start of the bytes being copied verbatim
    std::size_t i = 0;
    while (i < n) {
      if (k_byte_class[static_cast<unsigned char>(text[i])] == k_copy) {
        if (run == k_no_run) {
          run = i;
        }
        // The run goes on over copied bytes and single spaces between
        // them (see below): one table look-up per byte, no other work.
        ++i;
        for (;;) {
          i = skip_plain_ascii(text, i);
          while (i < n && k_byte_class[static_cast<unsigned char>(text[i])] == k_copy) {
            ++i;
          }
          if (i + 1 < n && text[i] == ' ' &&
              k_byte_class[static_cast<unsigned char>(text[i + 1])] == k_copy) {
            i += 2;
            continue;
          }
          break;
        }
        continue;
      }
      const auto byte = static_cast<unsigned char>(text[i]);
      const unsigned char cls = k_byte_class[byte];
      if (cls == k_ascii_space) {
        // A single space between two copied bytes stays in the run: the
        // common case costs nothing.
        if (byte == ' ' && run != k_no_run && i + 1 < n &&
            k_byte_class[static_cast<unsigned char>(text[i + 1])] == k_copy) {
          ++i;
          continue;
        }
        flush(text, run, i);
        run = k_no_run;
        note_space(i);
        ++i;
        continue;
      }
      if (cls == k_ascii_control) {
        flush(text, run, i);
        run = k_no_run;
        ++i;
        continue;
      }
      const core::CodePoint cp = core::decode_utf8(text, i);
      if (cp.valid && detail::is_space(cp.value)) {
        flush(text, run, i);
        run = k_no_run;
        note_space(i);
      } else if (cp.valid && detail::is_invisible(cp.value)) {
        flush(text, run, i);
        run = k_no_run;
      } else if (run == k_no_run) {
        run = i;
      }
      i += cp.length;
    }
    flush(text, run, n);
    finish(block.kind);
  }

private:
  static constexpr std::size_t k_no_run = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t k_not_started = std::numeric_limits<std::size_t>::max();

  void note_space(std::size_t at) {
    if (!m_pending_space) {
      m_pending_space = true;
      m_space_at = at;
    }
  }

  // Source offset of block byte `b`; calls come with non-decreasing `b`.
  std::uint32_t source_of(std::size_t b) {
    const std::vector<SourceAnchor>& a = *m_anchors;
    while (m_cursor + 1 < a.size() && a[m_cursor + 1].text_offset <= b) {
      ++m_cursor;
    }
    const SourceAnchor& at = a[m_cursor];
    if (b < at.text_offset) {
      return at.source_offset;
    }
    const std::uint32_t linear = at.source_offset + static_cast<std::uint32_t>(b - at.text_offset);
    return m_cursor + 1 < a.size() ? std::min(linear, a[m_cursor + 1].source_offset) : linear;
  }

  std::uint32_t para_size() const {
    return static_cast<std::uint32_t>(m_out.text.size() - m_para_start);
  }

  // Copies block bytes [from, to), preceded by the pending folded space.
  void flush(const std::string& text, std::size_t from, std::size_t to) {
    if (from == k_no_run || from >= to) {
      return;
    }
    if (m_para_start == k_not_started) {
      if (!m_out.paragraphs.empty()) {
        m_out.text += "\n\n";
      }
      m_para_start = m_out.text.size();
      m_pending_space = false; // leading whitespace is trimmed
    }
    if (m_pending_space) {
      // Every offset in a folded run maps to the run's start.
      push_anchor(m_local, para_size(), source_of(m_space_at));
      m_out.text.push_back(' ');
      m_pending_space = false;
    }
    const std::vector<SourceAnchor>& a = *m_anchors;
    while (from < to) {
      const std::uint32_t src = source_of(from);
      const std::size_t next =
          m_cursor + 1 < a.size() ? std::min<std::size_t>(to, a[m_cursor + 1].text_offset) : to;
      const std::size_t end = next; // > from: source_of passed every anchor <= from
      push_anchor(m_local, para_size(), src);
      m_out.text.append(text, from, end - from);
      from = end;
    }
    m_copied_to = to;
  }

  void finish(BlockKind kind) {
    if (m_para_start == k_not_started) {
      return; // the block folded to nothing: dropped
    }
    // The paragraph's end maps to where its last copied byte ended, so the
    // map never runs past it (a U+FFFD can stand for one source byte).
    push_anchor(m_local, para_size(), source_of(m_copied_to));
    compose_nfc();
    const auto start = static_cast<std::uint32_t>(m_para_start);
    for (const LocalAnchor& a : m_local) {
      m_out.source_map.add(start + a.derived, a.original);
    }
    m_out.paragraphs.push_back({kind, {start, static_cast<std::uint32_t>(m_out.text.size())}});
  }

  // NFC for the paragraph just written. Text that may_need_nfc clears
  // never reaches ICU; ICU's quick check then settles almost all of the rest
  // without copying.
  void compose_nfc() {
    const std::string_view para = std::string_view(m_out.text).substr(m_para_start);
    const icu::Normalizer2* nfc = nfc_instance();
    if (!may_need_nfc(para) || nfc == nullptr) {
      return;
    }
    const icu::StringPiece piece(para.data(), static_cast<std::int32_t>(para.size()));
    UErrorCode status = U_ZERO_ERROR;
    if (nfc->isNormalizedUTF8(piece, status) || U_FAILURE(status)) {
      return;
    }
    m_scratch.clear();
    icu::StringByteSink<std::string> sink(&m_scratch);
    icu::Edits edits;
    nfc->normalizeUTF8(0, piece, sink, &edits, status);
    if (U_FAILURE(status)) {
      return; // keep the text as it was rather than lose it
    }
    // Compose paragraph→source with ICU's new→old edits: unchanged spans
    // keep their anchors (shifted); a changed span maps to its old start.
    m_composed.clear();
    std::size_t lc = 0;
    auto map_old = [&](std::uint32_t old) {
      while (lc + 1 < m_local.size() && m_local[lc + 1].derived <= old) {
        ++lc;
      }
      const LocalAnchor& a = m_local[lc];
      if (old < a.derived) {
        return a.original;
      }
      const std::uint32_t linear = a.original + (old - a.derived);
      return lc + 1 < m_local.size() ? std::min(linear, m_local[lc + 1].original) : linear;
    };
    icu::Edits::Iterator it = edits.getFineIterator();
    while (it.next(status)) {
      const auto old0 = static_cast<std::uint32_t>(it.sourceIndex());
      const auto new0 = static_cast<std::uint32_t>(it.destinationIndex());
      push_anchor(m_composed, new0, map_old(old0));
      if (!it.hasChange()) {
        const auto old_end = old0 + static_cast<std::uint32_t>(it.oldLength());
        for (std::size_t j = lc + 1; j < m_local.size() && m_local[j].derived < old_end; ++j) {
          push_anchor(m_composed, new0 + (m_local[j].derived - old0), m_local[j].original);
        }
      }
    }
    // Keep the paragraph's end anchor (see finish()).
    if (!m_local.empty() && m_local.back().derived == para.size()) {
      push_anchor(m_composed, static_cast<std::uint32_t>(m_scratch.size()), m_local.back().original);
    }
    m_out.text.resize(m_para_start);
    m_out.text += m_scratch;
    m_local.swap(m_composed);
  }

  NormalizedText& m_out;
  const std::vector<SourceAnchor>* m_anchors = nullptr;
  std::size_t m_cursor = 0;
  std::vector<LocalAnchor> m_local;    // paragraph offset → source offset
  std::vector<LocalAnchor> m_composed; // scratch for compose_nfc
  std::string m_scratch;
  std::size_t m_para_start = k_not_started;
  bool m_pending_space = false;
  std::size_t m_space_at = 0;
  std::size_t m_copied_to = 0; // block byte after the last one copied
};

// Characters fold() maps before NFKC and case folding (utf8proc calls this
// for every code point first). Quotes and primes go first because NFKC would
// turn ″ into two ′; the compatibility dashes (U+FE58, U+FF0D) are listed
// here too since NFKC maps them to other dashes or nothing we want.
utf8proc_int32_t fold_char(utf8proc_int32_t cp, void* /*data*/) {
  switch (cp) {
  case 0x2018: // ‘
  case 0x2019: // ’
  case 0x201A: // ‚
  case 0x201B: // ‛
  case 0x2032: // ′
  case 0x2035: // ‵
  case 0x2039: // ‹
  case 0x203A: // ›
  case 0x02BC: // ʼ modifier letter apostrophe
  case 0xFF07: // fullwidth '
    return '\'';
  case 0x201C: // “
  case 0x201D: // ”
  case 0x201E: // „
  case 0x201F: // ‟
  case 0x2033: // ″
  case 0x2036: // ‶
  case 0x00AB: // «
  case 0x00BB: // »
  case 0xFF02: // fullwidth "
    return '"';
  case 0x2010: // ‐
  case 0x2011: // ‑
  case 0x2012: // ‒
  case 0x2013: // –
  case 0x2014: // —
  case 0x2015: // ―
  case 0x2212: // − minus
  case 0x2E3A: // ⸺
  case 0x2E3B: // ⸻
  case 0xFE58: // ﹘
  case 0xFE63: // ﹣
  case 0xFF0D: // －
    return '-';
  default:
    break;
  }
  if (cp >= 0 && detail::is_space(static_cast<char32_t>(cp))) {
    return ' ';
  }
  return cp;
}

// Appends to a folded text, turning whitespace runs into one space and
// dropping whitespace at the start (the end is trimmed by finish()).
class FoldWriter {
public:
  explicit FoldWriter(std::string& out) : m_out(out) {}
  void put(char ch) {
    if (ch == ' ' || (ch >= 0x09 && ch <= 0x0D)) {
      m_space = !m_out.empty();
      return;
    }
    if (m_space) {
      m_out.push_back(' ');
      m_space = false;
    }
    m_out.push_back(ch);
  }
  void put(std::string_view s) {
    for (const char ch : s) {
      put(ch);
    }
  }
  void space() { m_space = !m_out.empty(); }

private:
  std::string& m_out;
  bool m_space = false;
};

// The ASCII replacement of a character fold() maps itself (quotes, dashes,
// the ellipsis, whitespace), or empty when utf8proc must handle it. Must
// agree with fold_char + NFKC: it is only a shortcut.
std::string_view fast_fold(char32_t cp) {
  if (cp == 0x2026) {
    return "..."; // NFKC gives the same
  }
  switch (fold_char(static_cast<utf8proc_int32_t>(cp), nullptr)) {
  case '\'':
    return "'";
  case '"':
    return "\"";
  case '-':
    return "-";
  case ' ':
    return " ";
  default:
    return {};
  }
}

// Folds one whitespace-free word with utf8proc (NFKC, case fold, ignorables
// dropped); invalid UTF-8 is repaired first.
void fold_with_utf8proc(std::string_view word, FoldWriter& out) {
  // Accents are kept (no STRIPMARK): "José" → "Jose" is a spelling change.
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                      UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                      UTF8PROC_IGNORE);
  utf8proc_uint8_t* dst = nullptr;
  utf8proc_ssize_t size = utf8proc_map_custom(
      reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
      static_cast<utf8proc_ssize_t>(word.size()), &dst, options, fold_char, nullptr);
  if (size < 0) {
    std::free(dst);
    dst = nullptr;
    const core::Utf8Repair repaired = core::repair_utf8(word);
    size = utf8proc_map_custom(reinterpret_cast<const utf8proc_uint8_t*>(repaired.text.data()),
                               static_cast<utf8proc_ssize_t>(repaired.text.size()), &dst, options,
                               fold_char, nullptr);
    if (size < 0) {
      std::free(dst);
      out.put(repaired.text);
      return;
    }
  }
  out.put(std::string_view(reinterpret_cast<const char*>(dst), static_cast<std::size_t>(size)));
  std::free(dst);
}

} // namespace

NormalizedText normalize(const DecodedText& decoded) {
  NormalizedText out;
  std::size_t total = 0;
  for (const Block& block : decoded.blocks) {
    total += block.text.size() + 2;
  }
  out.text.reserve(total);
  Writer writer(out);
  for (const Block& block : decoded.blocks) {
    writer.write(block);
  }
  return out;
}

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  FoldWriter writer(out);
  // Word by word: words of ASCII and of the characters fast_fold knows (the
  // usual curly quotes and dashes of news text) are folded here; only the
  // others go through utf8proc. Whitespace never composes with its
  // neighbours, so splitting there does not change the result.
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (byte == ' ' || (byte >= 0x09 && byte <= 0x0D)) {
        writer.space();
        ++i;
        continue;
      }
    } else if (const core::CodePoint cp = core::decode_utf8(text, i);
               cp.valid && detail::is_space(cp.value)) {
      writer.space();
      i += cp.length;
      continue;
    }
    std::size_t j = i;
    bool simple = true;
    while (j < n) {
      const auto b = static_cast<unsigned char>(text[j]);
      if (b < 0x80) {
        if (b == ' ' || (b >= 0x09 && b <= 0x0D)) {
          break;
        }
        ++j;
        continue;
      }
      const core::CodePoint cp = core::decode_utf8(text, j);
      if (cp.valid && detail::is_space(cp.value)) {
        break;
      }
      simple = simple && cp.valid && !fast_fold(cp.value).empty();
      j += cp.length;
    }
    const std::string_view word = text.substr(i, j - i);
    if (!simple) {
      fold_with_utf8proc(word, writer);
      i = j;
      continue;
    }
    while (i < j) {
      const char ch = text[i];
      if (static_cast<unsigned char>(ch) < 0x80) {
        writer.put(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + ('a' - 'A')) : ch);
        ++i;
        continue;
      }
      const core::CodePoint cp = core::decode_utf8(text, i);
      writer.put(fast_fold(cp.value));
      i += cp.length;
    }
  }
  return out;
}

} // namespace storydiff::text
