// SPDX-License-Identifier: MIT
#include "extractors.hpp"

namespace storydiff::extract::detail {

void extract_attributions(const text::Document& doc, std::vector<Fact>& out) {
  (void)doc, (void)out; // TODO: placeholder until this extractor lands
}

} // namespace storydiff::extract::detail
