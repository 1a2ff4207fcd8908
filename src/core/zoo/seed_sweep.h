// zoo/seed_sweep: a setting measured over seeds (issue 20): for each cell (one training setting),
// one run per seed through the core Trainer's step, ending when the net adds exactly or its
// sequence budget is spent; per cell, the seeds solved and the median sequences to solve.
//
// Used by the initialization x momentum grid (init_grid.h), the initial state table
// (initial_state.h) and the interleaved-sums search (interleaved.h). Runs go cell by cell, seed
// by seed, a few minibatches per step() call (the UI calls it a slice per frame, the CLI at once);
// slicing never changes a result (every run is deterministic per seed).
//
// Implements: SweepCell, SweepResult, SeedSweep, median_sequences().
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/trainer.h"

namespace carry::zoo {

struct SweepCell {
    std::string label;
    TrainConfig train;  // restart_after is taken as 0: one run per seed, the budget ends it
    long long max_sequences = 8000;
    // A task other than the trainer's random sums: its batch source, and the check that the net
    // solves it, run every train.validate_every sequences instead of the trainer's validation.
    // Both empty: the trainer's sums and validation.
    std::function<std::unique_ptr<BatchSource>()> source;
    std::function<bool(const Net&)> solved;
};

struct SweepResult {
    int runs = 0;                               // finished (cell, seed) runs
    int solved = 0;                             // of those, runs that solved the task
    std::vector<long long> sequences_to_solve;  // of the solved runs, in seed order
    long long median_sequences = -1;            // of the solved runs (-1: none solved)
    double solve_rate() const { return runs > 0 ? static_cast<double>(solved) / runs : 0.0; }
};

// Median of the values (the mean of the two middle ones, rounded down, for an even count; -1 if none).
long long median_sequences(std::vector<long long> values);

class SeedSweep {
public:
    SeedSweep(std::vector<SweepCell> cells, std::vector<std::uint64_t> seeds);
    ~SeedSweep();
    SeedSweep(SeedSweep&&) noexcept;
    SeedSweep& operator=(SeedSweep&&) noexcept;

    // Trains the current run for up to `minibatches` minibatches, finishing it when solved or
    // out of budget (then the next run starts at the next call). Returns done().
    bool step(int minibatches);
    bool done() const;
    double progress() const;          // 0..1 over all runs
    std::string current_run() const;  // "label, seed 3" ("" when done)
    const std::vector<SweepCell>& cells() const { return cells_; }
    const std::vector<std::uint64_t>& seeds() const { return seeds_; }
    const std::vector<SweepResult>& results() const { return results_; }  // one per cell

    class Run;

private:
    std::vector<SweepCell> cells_;
    std::vector<std::uint64_t> seeds_;
    std::vector<SweepResult> results_;
    std::size_t next_ = 0;  // current run: cell next_ / seeds, seed next_ % seeds
    std::unique_ptr<Run> run_;
};

}  // namespace carry::zoo
