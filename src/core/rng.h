// rng: the project's own seeded random numbers, identical on every platform.
//
// Implements:
//   - Rng: xoshiro256** seeded through splitmix64 (4 x uint64 of state, serializable)
//   - uniform doubles in [0,1), unbiased integers in a range, normals (polar method with the
//     project's own log, see mathx.h)
//   - derive_seed(): independent sub-seeds (restarts, validation sets) from one user seed
//
// Why not <random>: its distributions are implementation-defined, so libstdc++ (native) and
// libc++ (WebAssembly) give different numbers; see TOOLCHAIN.md "Cross-platform determinism".
#pragma once

#include <array>
#include <cstdint>

namespace carry {

// The whole generator state; model files save and restore it.
struct RngState {
    std::array<std::uint64_t, 4> s{};
};

// splitmix64 step: advances `x` and returns the next output. Used for seeding and derive_seed().
std::uint64_t splitmix64(std::uint64_t& x);

// A new seed from (seed, stream), e.g. derive_seed(user_seed, restart_index). Stable forever.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream);

class Rng {
public:
    explicit Rng(std::uint64_t seed = 0) { reseed(seed); }

    void reseed(std::uint64_t seed);                          // fills the state from splitmix64(seed)
    std::uint64_t next_u64();                                 // xoshiro256**
    double uniform();                                         // [0, 1), 53 random bits
    double uniform(double lo, double hi);                     // [lo, hi)
    double normal();                                          // mean 0, sd 1 (Marsaglia polar; second value discarded)
    std::uint64_t below(std::uint64_t n);                     // [0, n), unbiased; n > 0
    std::int64_t range(std::int64_t lo, std::int64_t hi);     // [lo, hi] inclusive, lo <= hi
    int bit() { return static_cast<int>(next_u64() >> 63); }  // 0 or 1

    RngState state() const { return state_; }
    void set_state(const RngState& st) { state_ = st; }

private:
    RngState state_;
};

}  // namespace carry
