// SPDX-License-Identifier: MIT
#include <storydiff/text/segment.hpp>

namespace storydiff::text {

Document segment(const NormalizedText& normalized, const SegmentOptions& options) {
  (void)options; // TODO(segment helper): ICU + abbreviation pass.
  std::string canonical;
  for (const Paragraph& p : normalized.paragraphs) {
    if (!canonical.empty()) {
      canonical += '\n';
    }
    canonical.append(p.span.of(normalized.text));
    canonical += '\n';
  }
  Document doc = parse_canonical(canonical);
  doc.source_map = normalized.source_map;
  return doc;
}

Document parse_canonical(std::string_view article_text) {
  Document doc;
  doc.text = std::string(article_text);
  std::size_t pos = 0;
  bool new_paragraph = true;
  while (pos < doc.text.size()) {
    std::size_t end = doc.text.find('\n', pos);
    if (end == std::string::npos) {
      end = doc.text.size();
    }
    if (end == pos) {
      new_paragraph = true;
    } else {
      const core::Span span{static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(end)};
      if (new_paragraph || doc.paragraphs.empty()) {
        doc.paragraphs.push_back({BlockKind::paragraph, span});
        new_paragraph = false;
      } else {
        doc.paragraphs.back().span.end = span.end;
      }
      Sentence sentence{span, static_cast<std::uint32_t>(doc.paragraphs.size() - 1),
                        static_cast<std::uint32_t>(doc.tokens.size()), 0};
      tokenize_into(span.of(doc.text), span.start, doc.tokens);
      sentence.token_count = static_cast<std::uint32_t>(doc.tokens.size()) - sentence.first_token;
      doc.sentences.push_back(sentence);
    }
    pos = end + 1;
  }
  return doc;
}

} // namespace storydiff::text
