// SPDX-License-Identifier: MIT
#pragma once

#include <future>
#include <system_error>
#include <thread>
#include <type_traits>
#include <utility>

namespace storydiff::core {

// Starts `work` on another thread when `worth_it` (the caller's judgement
// that the work is large enough to pay for a thread) and the machine has a
// second core. Otherwise, or when no thread can be had, returns an empty
// future: the caller then runs the work itself (`valid()` says which).
// Used where a stage has two independent halves; results never depend on
// which thread ran them.
template <typename Work>
std::future<std::invoke_result_t<Work>> start_on_second_core(bool worth_it, Work&& work) {
  static const unsigned k_cores = std::thread::hardware_concurrency();
  if (!worth_it || k_cores < 2) {
    return {};
  }
  try {
    return std::async(std::launch::async, std::forward<Work>(work));
  } catch (const std::system_error&) {
    return {};
  }
}

} // namespace storydiff::core
