// SPDX-License-Identifier: MIT
#pragma once

// Word-at-a-time (8 bytes) tests for the byte scans of the text module
// (private to src/text). Each answers "does any of these 8 bytes ...?"
// exactly; none says which byte, so a caller that gets `true` re-scans the
// word byte by byte. Most text is ASCII prose, so the common answer is
// `false` and the scan moves on 8 bytes at a time.
#include <cstdint>
#include <cstring>

namespace storydiff::text::detail {

inline constexpr std::uint64_t k_byte_ones = 0x0101010101010101ULL;
inline constexpr std::uint64_t k_byte_highs = 0x8080808080808080ULL;

// The 8 bytes at `p` (unaligned; the caller checks that 8 bytes remain).
inline std::uint64_t load8(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// Any byte of `word` equal to 0 (the classic zero-byte test: a byte's high
// bit survives `(b - 1) & ~b` only when b was 0, with borrows that can only
// start at a zero byte, so the boolean is exact).
constexpr bool has_zero_byte(std::uint64_t word) {
  return ((word - k_byte_ones) & ~word & k_byte_highs) != 0;
}

// Any byte of `word` equal to `value`.
constexpr bool has_byte(std::uint64_t word, unsigned char value) {
  return has_zero_byte(word ^ (k_byte_ones * value));
}

// Any byte of `word` below `limit` (limit <= 0x80; exact as a boolean by the
// same argument as has_zero_byte).
constexpr bool has_byte_below(std::uint64_t word, unsigned char limit) {
  return ((word - k_byte_ones * limit) & ~word & k_byte_highs) != 0;
}

// A mask with the high bit of every byte of `word` that is 0 set, exactly
// (no borrows: each byte is tested on its own), and no other bit.
constexpr std::uint64_t zero_byte_mask(std::uint64_t word) {
  constexpr std::uint64_t k_low7 = 0x7F7F7F7F7F7F7F7FULL;
  return ~(((word & k_low7) + k_low7) | word | k_low7);
}

// A mask with the high bit of every byte of `word` that is an ASCII letter
// (A-Z, a-z) set, exactly, and no other bit. OR-ing 0x20 folds case (and
// moves no non-letter into a-z); with the high bits cleared first, adding
// 0x80 - bound sets a byte's high bit iff the byte is >= bound, without a
// carry into the next byte.
constexpr std::uint64_t ascii_letter_mask(std::uint64_t word) {
  constexpr std::uint64_t k_low7 = 0x7F7F7F7F7F7F7F7FULL;
  const std::uint64_t folded = (word | (k_byte_ones * 0x20)) & k_low7;
  const std::uint64_t at_least_a = folded + k_byte_ones * (0x80 - 'a');
  const std::uint64_t past_z = folded + k_byte_ones * (0x80 - 'z' - 1);
  return at_least_a & ~past_z & ~word & k_byte_highs;
}

// A mask with the high bit of every byte of `word` that is a control byte
// other than whitespace (below 0x20 but not \t \n \v \f \r, or DEL) set,
// exactly, and no other bit. Each range test adds to the low 7 bits of a
// byte (at most 0x7F + 0x7F), so no carry crosses into the next byte.
constexpr std::uint64_t control_byte_mask(std::uint64_t word) {
  constexpr std::uint64_t k_low7 = 0x7F7F7F7F7F7F7F7FULL;
  const std::uint64_t low = word & k_low7;
  const std::uint64_t ascii = ~word & k_byte_highs;
  const std::uint64_t below_space = ~(low + k_byte_ones * (0x80 - 0x20)) & ascii;
  const std::uint64_t at_least_tab = low + k_byte_ones * (0x80 - '\t');
  const std::uint64_t past_cr = low + k_byte_ones * (0x80 - '\r' - 1);
  const std::uint64_t whitespace = at_least_tab & ~past_cr & ascii;
  return (below_space & ~whitespace) | zero_byte_mask(word ^ (k_byte_ones * 0x7F));
}

// Any byte of `word` with its high bit set (a non-ASCII byte).
constexpr bool has_high_byte(std::uint64_t word) {
  return (word & k_byte_highs) != 0;
}

} // namespace storydiff::text::detail
