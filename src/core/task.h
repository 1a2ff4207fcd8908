// task: the binary-addition task as the net sees it.
//
// Implements:
//   - Pair: two numbers of the same length n (1..4096 bits), LSB first
//   - the column sequence the net reads: n columns + one zero pad column (so the final carry
//     comes out), i.e. pair_columns() = n + 1 input steps
//   - true_sum(): the n+1 sum bits, one per column (the targets)
//   - random_pair(): seeded random pairs of a chosen length (range)
//
// Parsing text is not here: see binary_text.h (parse_binary, add_exact, format_bits).
#pragma once

#include <cstdint>

#include "core/binary_text.h"  // BitVector (LSB-first std::vector<uint8_t>), kMaxNumberBits
#include "core/rng.h"

namespace carry {

inline constexpr int kMinPairBits = 1;
inline constexpr int kMaxPairBits = 4096;  // == kMaxNumberBits

// Two addends of equal length n, LSB first (a[0], b[0] is the first column the net reads).
struct Pair {
    BitVector a;
    BitVector b;
    int bits() const { return static_cast<int>(a.size()); }
};

// Pads the shorter of a, b with leading zeros (at the MSB end) so both have the same length.
Pair make_pair(const BitVector& a, const BitVector& b);

// Input steps the net runs for a pair of n bits: n columns plus the zero pad column.
inline int pair_columns(int n_bits) { return n_bits + 1; }

// Column t's two input bits, 0 for the pad column t == n.
inline int column_a(const Pair& p, int t) { return t < p.bits() ? p.a[static_cast<std::size_t>(t)] : 0; }
inline int column_b(const Pair& p, int t) { return t < p.bits() ? p.b[static_cast<std::size_t>(t)] : 0; }

// The n+1 sum bits (LSB first); sum bit t is the target for column t.
BitVector true_sum(const Pair& p);

// Uniformly random pair of exactly n_bits (every bit a fair coin).
Pair random_pair(Rng& rng, int n_bits);

// Length drawn uniformly from [min_bits, max_bits], then the bits.
Pair random_pair(Rng& rng, int min_bits, int max_bits);

}  // namespace carry
