// task: pairs of LSB-first numbers, their true sum, and the seeded random pair generator.
#include "core/task.h"

#include <algorithm>
#include <stdexcept>

namespace carry {

Pair make_pair(const BitVector& a, const BitVector& b) {
    Pair p{a, b};
    const std::size_t n = std::max(a.size(), b.size());
    p.a.resize(n, 0);
    p.b.resize(n, 0);
    return p;
}

BitVector true_sum(const Pair& p) {
    const int n = p.bits();
    BitVector s(static_cast<std::size_t>(n) + 1);
    int carry = 0;
    for (int t = 0; t <= n; ++t) {
        const int v = column_a(p, t) + column_b(p, t) + carry;
        s[static_cast<std::size_t>(t)] = static_cast<std::uint8_t>(v & 1);
        carry = v >> 1;
    }
    return s;
}

Pair random_pair(Rng& rng, int n_bits) {
    if (n_bits < kMinPairBits || n_bits > kMaxPairBits) throw std::invalid_argument("random_pair: bits out of range");
    Pair p;
    p.a.resize(static_cast<std::size_t>(n_bits));
    p.b.resize(static_cast<std::size_t>(n_bits));
    // 32 a-bits and 32 b-bits from each 64-bit draw, interleaved so the stream order is fixed.
    std::uint64_t word = 0;
    int left = 0;
    for (std::size_t t = 0; t < p.a.size(); ++t) {
        if (left == 0) {
            word = rng.next_u64();
            left = 32;
        }
        p.a[t] = static_cast<std::uint8_t>(word & 1);
        p.b[t] = static_cast<std::uint8_t>((word >> 1) & 1);
        word >>= 2;
        --left;
    }
    return p;
}

Pair random_pair(Rng& rng, int min_bits, int max_bits) {
    return random_pair(rng, static_cast<int>(rng.range(min_bits, max_bits)));
}

}  // namespace carry
