// SPDX-License-Identifier: MIT
#include <storydiff/align/align.hpp>

namespace storydiff::align {

std::string_view to_string(Op op) {
  switch (op) {
  case Op::equal: return "equal";
  case Op::edited: return "edited";
  case Op::added: return "added";
  case Op::removed: return "removed";
  case Op::moved: return "moved";
  case Op::split: return "split";
  case Op::merged: return "merged";
  }
  return "equal";
}

// TODO: placeholder (all removed, then all added) until align lands.
Alignment align(const text::Document& old_doc, const text::Document& new_doc,
                const AlignOptions& options) {
  (void)options;
  Alignment result;
  for (std::uint32_t i = 0; i < old_doc.sentences.size(); ++i) {
    result.ops.push_back({Op::removed, {i}, {}, 0});
  }
  for (std::uint32_t i = 0; i < new_doc.sentences.size(); ++i) {
    result.ops.push_back({Op::added, {}, {i}, 0});
  }
  return result;
}

double sentence_similarity(const text::Document& a, std::uint32_t sentence_a,
                           const text::Document& b, std::uint32_t sentence_b) {
  return a.sentence_text(sentence_a) == b.sentence_text(sentence_b) ? 1.0 : 0.0;
}

} // namespace storydiff::align
