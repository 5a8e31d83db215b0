// SPDX-License-Identifier: MIT
#pragma once

#include "cli.hpp"

#include <chrono>
#include <cstddef>
#include <string>

namespace storydiff::cli {

// A one-line progress bar on stderr, redrawn in place with '\r'. It draws only
// when stderr is a terminal and --quiet is off, so piped output stays clean.
// Redraws at most every 100 ms (and on the last step) to stay cheap.
class Progress {
public:
  // `total` is the number of steps (0 = unknown: no bar, only the count).
  Progress(const Context& ctx, std::string label, std::size_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Marks `done` steps (0-based count of finished steps) as finished.
  void update(std::size_t done);
  // Erases the bar; later output starts on a clean line. Idempotent.
  void finish();

private:
  const Context& m_ctx;
  std::string m_label;
  std::size_t m_total;
  bool m_enabled;
  bool m_drawn = false;
  std::chrono::steady_clock::time_point m_last_draw{};
};

} // namespace storydiff::cli
