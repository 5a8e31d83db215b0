// SPDX-License-Identifier: MIT
#include <storydiff/report/render.hpp>

namespace storydiff::report {

std::string render_json(const diff::Report& report) {
  (void)report;
  return "{}\n"; // TODO: placeholder until the renderer lands
}

} // namespace storydiff::report
