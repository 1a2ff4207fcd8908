// binary_text: binary numbers as text, and the exact adder the net is judged against.
//
// Implements:
//   - parse_binary(): "0b1010_0110" -> LSB-first bits, or an error that names the offending
//     character and its 1-based position (empty and over-long numbers have their own errors)
//   - format_bits(): LSB-first bits -> MSB-first text
//   - add_exact(): reference ripple-carry adder on bit vectors of any length
//
// Bits are LSB-first everywhere in the core because the net reads columns right to left:
// bits[0] is the first column the net sees.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace carry {

// LSB-first bit vector; every element is 0 or 1.
using BitVector = std::vector<std::uint8_t>;

// The longest number the task accepts (in digits, leading zeros included).
inline constexpr std::size_t kMaxNumberBits = 4096;

// A parsed number: bits on success, otherwise a human-readable error.
struct ParsedBits {
    BitVector bits;     // LSB-first, one entry per written digit (leading zeros kept)
    std::string error;  // empty on success
    bool ok() const { return error.empty(); }
};

// Accepts [0b|0B] followed by 0/1 digits with optional '_' separators anywhere after the prefix.
// The digit count must be in [1, max_bits].
ParsedBits parse_binary(std::string_view text, std::size_t max_bits = kMaxNumberBits);

// MSB-first text of LSB-first bits, every digit kept ("0" for an empty vector).
std::string format_bits(const BitVector& bits);

// Same without leading zeros (at least one digit), as a person would write the number.
std::string format_bits_trimmed(const BitVector& bits);

// Exact sum of two LSB-first numbers: max(|a|, |b|) + 1 bits, the last being the final carry.
BitVector add_exact(const BitVector& a, const BitVector& b);

// Bits from the low `width` bits of an unsigned integer (LSB-first); handy in tests and baselines.
BitVector bits_from_uint(std::uint64_t value, std::size_t width);

// Value of the first min(|bits|, 64) bits.
std::uint64_t bits_to_uint(const BitVector& bits);

}  // namespace carry
