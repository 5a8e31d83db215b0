// SPDX-License-Identifier: MIT
#include "extractors.hpp"

namespace storydiff::extract::detail {

void extract_quotes(const text::Document& doc, const ExtractOptions& options,
                    std::vector<Fact>& out) {
  (void)doc, (void)options, (void)out; // TODO: placeholder until this extractor lands
}

} // namespace storydiff::extract::detail
