// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/core/error.hpp>

#include <cassert>
#include <utility>
#include <variant>

namespace storydiff::core {

// Wraps an Error so that Result<T> can be built from it unambiguously,
// like std::unexpected.
struct Failure {
  Error error;
};

inline Failure fail(ErrorCode code, std::string message) {
  return Failure{Error{code, std::move(message)}};
}

// A value or an Error: the subset of C++23 std::expected that we use, so it
// can be swapped for the standard type once our compilers all ship it.
// Only the store and input decoding return Result; pipeline stages always
// succeed.
template <typename T> class [[nodiscard]] Result {
public:
  Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
  Result(Failure failure) : m_state(std::in_place_index<1>, std::move(failure.error)) {}

  bool has_value() const { return m_state.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { assert(has_value()); return std::get<0>(m_state); }
  const T& value() const& { assert(has_value()); return std::get<0>(m_state); }
  T&& value() && { assert(has_value()); return std::get<0>(std::move(m_state)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!has_value()); return std::get<1>(m_state); }

private:
  std::variant<T, Error> m_state;
};

// Result<void>: success carries nothing.
template <> class [[nodiscard]] Result<void> {
public:
  Result() = default;
  Result(Failure failure) : m_error(std::move(failure.error)), m_ok(false) {}

  bool has_value() const { return m_ok; }
  explicit operator bool() const { return m_ok; }
  const Error& error() const { assert(!m_ok); return m_error; }

private:
  Error m_error{ErrorCode::io, {}};
  bool m_ok = true;
};

} // namespace storydiff::core

// Returns the error of `expr` (a Result) from the enclosing function, else
// evaluates to nothing. Used as: STORYDIFF_TRY(write_file(...));
#define STORYDIFF_TRY(expr)                                                    \
  do {                                                                         \
    if (auto storydiff_try_result_ = (expr); !storydiff_try_result_) {         \
      return ::storydiff::core::Failure{storydiff_try_result_.error()};        \
    }                                                                          \
  } while (false)
