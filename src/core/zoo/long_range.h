// zoo/long_range: addition where a carry must travel far (issue 20, item 1): the task the
// lecture's remedies for vanishing gradients are compared on (zoo/remedies.h).
//
// A carry chain of length L: column g GENERATES a carry (a = b = 1), the next L-1 columns only
// PROPAGATE it (a != b), and column g+L, where the carry lands, is decided again (a = b) or is the
// pad column. Sum bit g+L is a XOR b XOR carry, and the carry was made L columns back: in
// zoo/model.h's terms carry_reach(p, g+L) = L. Every other run of propagate columns in the pair is
// shorter than L, so longest_carry_reach(p) = L exactly (tests check it).
//
// Implements:
//   - ChainPair / pair_with_chain(): a random pair of L + kChainMargin bits with one chain of L
//   - chain_set(): `count` of them from a seed
//   - ChainScore / score_chains(): exact-sum accuracy and the landing bit's accuracy of any adder
//
// The honest subtlety: the adder's carry is ONE bit of state. A net that has learned the
// automaton holds it indefinitely (its carry state is an attractor), so a solved net adds a
// 100-column chain as easily as a 5-column one; what a long chain makes hard is LEARNING, when the
// error for a sum bit must travel back L steps to the column that made its carry, and holding the
// carry for a model whose memory fades (an echo state network's reservoir).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/rng.h"
#include "core/task.h"

namespace carry::zoo {

inline constexpr int kChainMargin = 8;  // random columns around the chain (before and after)

struct ChainPair {
    Pair pair;     // L + kChainMargin bits
    int land = 0;  // the column where the chain's carry lands (its sum bit needs the carry)
};

// One pair whose longest carry chain is exactly `chain` columns (1 <= chain <= 4000).
ChainPair pair_with_chain(Rng& rng, int chain);
std::vector<ChainPair> chain_set(std::uint64_t seed, int chain, int count);

struct ChainScore {
    double exact = 0.0;  // share of pairs whose every sum bit is right
    double land = 0.0;   // share whose landing bit (the one the long carry decides) is right
};
// `add` returns the n+1 sum bits of a pair (LSB first).
ChainScore score_chains(const std::vector<ChainPair>& set, const std::function<BitVector(const Pair&)>& add);

}  // namespace carry::zoo
