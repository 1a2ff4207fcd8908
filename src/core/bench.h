// bench: training throughput in sequence-steps per second (one column of one sequence, forward +
// backward + its share of the update, is one sequence-step).
#pragma once

#include <vector>

namespace carry {

struct BenchRow {
    int hidden = 0;
    int batch = 0;
    int bits = 0;         // training length n (n+1 columns per sequence)
    long long steps = 0;  // sequence-steps done
    double seconds = 0.0;
    double steps_per_second = 0.0;
};

// Trains a fresh net (seed 1) on random pairs of `bits` bits for at least min_seconds.
BenchRow bench_training(int hidden, int batch, int bits = 64, double min_seconds = 0.5);

// The table: H = 3 and 16, batch 1 and 32.
std::vector<BenchRow> bench_default(double min_seconds = 0.5);

}  // namespace carry
