// SPDX-License-Identifier: MIT
#include <storydiff/text/normalize.hpp>

#include <algorithm>

namespace storydiff::text {

void OffsetMap::add(std::uint32_t derived, std::uint32_t original) {
  if (!m_anchors.empty() && m_anchors.back().derived == derived) {
    m_anchors.back().original = original;
    return;
  }
  m_anchors.push_back({derived, original});
}

std::uint32_t OffsetMap::to_original(std::uint32_t derived) const {
  auto it = std::upper_bound(m_anchors.begin(), m_anchors.end(), derived,
                             [](std::uint32_t d, const Anchor& a) { return d < a.derived; });
  if (it == m_anchors.begin()) {
    return 0;
  }
  --it;
  return it->original + (derived - it->derived);
}

NormalizedText normalize(const DecodedText& decoded) {
  // TODO(normalize helper): NFC, Unicode whitespace, anchors through blocks.
  NormalizedText out;
  for (const Block& block : decoded.blocks) {
    std::string folded;
    bool space = false;
    for (char c : block.text) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        space = true;
        continue;
      }
      if (space && !folded.empty()) {
        folded.push_back(' ');
      }
      space = false;
      folded.push_back(c);
    }
    if (folded.empty()) {
      continue;
    }
    if (!out.text.empty()) {
      out.text += "\n\n";
    }
    const auto start = static_cast<std::uint32_t>(out.text.size());
    out.source_map.add(start, block.anchors.empty() ? 0 : block.anchors.front().source_offset);
    out.text += folded;
    out.paragraphs.push_back({block.kind, {start, static_cast<std::uint32_t>(out.text.size())}});
  }
  return out;
}

std::string fold(std::string_view text) {
  return std::string(text); // TODO(normalize helper)
}

} // namespace storydiff::text
