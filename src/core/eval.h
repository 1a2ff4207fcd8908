// eval: how well a net adds: exact-sum accuracy, bit accuracy, and the length-generalization curve.
#pragma once

#include <cstdint>
#include <vector>

#include "core/machine.h"
#include "core/net.h"
#include "core/rng.h"

namespace carry {

struct EvalResult {
    int bits = 0;                 // n, bits per addend
    int count = 0;                // pairs tried
    int exact_correct = 0;        // pairs whose n+1 sum bits were all right
    double exact_accuracy = 0.0;  // exact_correct / count
    double bit_accuracy = 0.0;    // right sum bits / (count * (n+1))
};

// Over `count` random pairs of `bits` bits drawn from rng (or a fresh Rng(seed)), scored against
// the task's targets (the adder's by default; "exact": every one of the n+1 printed bits right).
EvalResult evaluate(const Net& net, int bits, int count, Rng& rng, const Task& task = add_task());
EvalResult evaluate(const Net& net, int bits, int count, std::uint64_t seed, const Task& task = add_task());

// Quick yes/no: are the first `count` pairs all exact? Stops at the first wrong pair.
bool all_exact(const Net& net, int bits, int count, Rng& rng, const Task& task = add_task());

// 8, 16, 32, ... 4096.
std::vector<int> default_curve_lengths();

// One EvalResult per length (same seed for each length's pairs).
std::vector<EvalResult> length_curve(const Net& net, const std::vector<int>& lengths, int count, std::uint64_t seed,
                                     const Task& task = add_task());

}  // namespace carry
