// SPDX-License-Identifier: MIT
#include <storydiff/report/render.hpp>

namespace storydiff::report {

std::string render_text(const diff::Report& report, const Sources& sources, Color color) {
  (void)report, (void)sources, (void)color;
  return {}; // TODO: placeholder until the renderer lands
}

} // namespace storydiff::report
