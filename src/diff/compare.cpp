// SPDX-License-Identifier: MIT
#include <storydiff/diff/changes.hpp>

namespace storydiff::diff {

// TODO: placeholder until compare/classify lands.
Report compare(const text::Document& old_doc, const text::Document& new_doc,
               std::string_view old_label, std::string_view new_label,
               const CompareOptions& options) {
  Report report;
  report.old_doc = {std::string(old_label), static_cast<std::uint32_t>(old_doc.sentences.size()),
                    old_doc.text.size()};
  report.new_doc = {std::string(new_label), static_cast<std::uint32_t>(new_doc.sentences.size()),
                    new_doc.text.size()};
  const align::Alignment alignment = align::align(old_doc, new_doc, options.align);
  for (const align::SentenceOp& op : alignment.ops) {
    report.sentences.push_back({op, {}});
  }
  report.significance = old_doc.text == new_doc.text ? Significance::none : Significance::substantive;
  return report;
}

} // namespace storydiff::diff
