// rng: xoshiro256** (Blackman & Vigna) seeded by splitmix64, and distributions built on it.
#include "core/rng.h"

#include <cmath>  // std::sqrt only: correctly rounded by IEEE 754 on every platform

#include "core/mathx.h"

namespace carry {

std::uint64_t splitmix64(std::uint64_t& x) {
    x += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t x = seed ^ (stream * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL);
    splitmix64(x);
    return splitmix64(x);
}

void Rng::reseed(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto& s : state_.s) s = splitmix64(x);
}

static inline std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

std::uint64_t Rng::next_u64() {
    auto& s = state_.s;
    const std::uint64_t result = rotl(s[1] * 5, 7) * 9;
    const std::uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double Rng::uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

double Rng::normal() {
    // Marsaglia's polar method: needs only log and sqrt (our own log; IEEE sqrt).
    for (;;) {
        const double u = 2.0 * uniform() - 1.0;
        const double v = 2.0 * uniform() - 1.0;
        const double s = u * u + v * v;
        if (s >= 1.0 || s == 0.0) continue;
        return u * std::sqrt(-2.0 * det_log(s) / s);
    }
}

std::uint64_t Rng::below(std::uint64_t n) {
    if (n <= 1) return 0;
    // Reject the low (2^64 mod n) values so every residue is equally likely.
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
        const std::uint64_t x = next_u64();
        if (x >= threshold) return x % n;
    }
}

std::int64_t Rng::range(std::int64_t lo, std::int64_t hi) {
    const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
    if (span == 0) return static_cast<std::int64_t>(next_u64());  // the full 64-bit range
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + below(span));
}

}  // namespace carry
