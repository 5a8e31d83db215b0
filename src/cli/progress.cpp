// SPDX-License-Identifier: MIT
#include "progress.hpp"

#include <fmt/format.h>

#include <ostream>

namespace storydiff::cli {

namespace {
constexpr std::size_t k_bar_width = 30;
constexpr auto k_redraw_interval = std::chrono::milliseconds(100);
} // namespace

Progress::Progress(const Context& ctx, std::string label, std::size_t total)
    : m_ctx(ctx), m_label(std::move(label)), m_total(total),
      m_enabled(ctx.err_is_terminal && !ctx.global.quiet) {}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done) {
  if (!m_enabled) {
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (m_drawn && done != m_total && now - m_last_draw < k_redraw_interval) {
    return;
  }
  m_last_draw = now;
  m_drawn = true;
  std::string line = "\r" + m_label + " ";
  if (m_total == 0) {
    line += fmt::format("{}", done);
  } else {
    const std::size_t filled = done >= m_total ? k_bar_width : done * k_bar_width / m_total;
    line += "[" + std::string(filled, '#') + std::string(k_bar_width - filled, '.') + "] ";
    line += fmt::format("{}/{} {:3}%", done, m_total, done >= m_total ? 100 : done * 100 / m_total);
  }
  // Erase to the end of the line in case the previous draw was longer.
  m_ctx.err << line << "\x1b[K" << std::flush;
}

void Progress::finish() {
  if (m_enabled && m_drawn) {
    m_ctx.err << "\r\x1b[K" << std::flush;
    m_drawn = false;
  }
}

} // namespace storydiff::cli
