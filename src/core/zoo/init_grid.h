// zoo/init_grid: "careful initialization with momentum" (issue 20 item 3; Sutskever, Martens, Dahl
// and Hinton 2013: a well-scaled initialization and a momentum schedule let plain gradient descent
// learn long-range dependencies), measured on the adder as a grid.
//
// Rows: how the recurrent weights start (NetConfig::recurrent_init: random, identity, orthogonal),
// columns within a row: initialization scale (NetConfig::init_scale) x momentum (constant 0, 0.5,
// 0.9, 0.99, and the schedule of scheduled_momentum() up to 0.99). Each cell: the net (H = 3, the
// trainer's other settings: SGD lr 0.2, clipping at 1, batch 8) trained from each seed until it
// adds 64-bit sums exactly or spends the budget; the cell's numbers are the fraction of seeds
// solved and the median sequences of the solved ones. Two tasks: the playground's sums (1..16
// bits, the curriculum) and a longer-range one: every training sum 24 bits long from the start
// (no curriculum), so the error signal must travel back through 25 steps from the first update.
//
// Implements: InitGridConfig (full: a few minutes natively; quick: seconds), InitGrid (a SeedSweep
// over the cells, a slice at a time), init_grid_verdict(), run_init_grid().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/net.h"
#include "core/zoo/seed_sweep.h"

namespace carry::zoo {

struct MomentumSetting {
    double momentum = 0.0;  // the constant, or the schedule's ceiling
    bool schedule = false;  // OptimConfig::momentum_schedule
    std::string label;      // "0.9", "schedule"
};

struct InitTask {
    std::string label;  // "sums of 1-16 bits (curriculum)"
    std::string key;    // "default", "long" (JSON)
    int min_bits = 1, max_bits = 16;
    bool curriculum = true;
};

struct InitGridConfig {
    std::vector<RecurrentInit> rows = {RecurrentInit::Random, RecurrentInit::Identity, RecurrentInit::Orthogonal};
    std::vector<double> scales = {0.25, 0.5, 1.0, 2.0, 4.0};
    std::vector<MomentumSetting> momenta = {
        {0.0, false, "0"}, {0.5, false, "0.5"}, {0.9, false, "0.9"}, {0.99, false, "0.99"}, {0.99, true, "schedule"}};
    std::vector<InitTask> tasks = {{"sums of 1-16 bits (curriculum)", "default", 1, 16, true},
                                   {"sums of 24 bits from the start", "long", 24, 24, false}};
    std::vector<std::uint64_t> seeds = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    long long max_sequences = 10000;  // per run
};

// Seeds 1..3, scales 0.5, 2, momenta 0, 0.9, schedule, budget 3000: about a second (tests, --quick).
InitGridConfig init_grid_quick_config();

// The training settings of one cell.
TrainConfig init_grid_train_config(const InitTask& task, RecurrentInit row, double scale, const MomentumSetting& m);

class InitGrid {
public:
    explicit InitGrid(const InitGridConfig& config);
    bool step(int minibatches) { return sweep_.step(minibatches); }
    bool done() const { return sweep_.done(); }
    double progress() const { return sweep_.progress(); }
    std::string current_run() const { return sweep_.current_run(); }
    const InitGridConfig& config() const { return config_; }
    // The cell's result (runs == 0 until its seeds are done).
    const SweepResult& cell(std::size_t task, std::size_t row, std::size_t scale, std::size_t momentum) const;

private:
    InitGridConfig config_;
    SeedSweep sweep_;
};

// Which cell is best (most seeds solved, then fewest median sequences), whether momentum helps
// (the best constant momentum > 0 against momentum 0, over all scales and rows), whether the
// schedule helps (against the constant 0.99 it rises to, and against the best constant), and which
// recurrent initialization does best, for one task; from the measured numbers only.
std::string init_grid_verdict(const InitGrid& grid, std::size_t task);

InitGrid run_init_grid(const InitGridConfig& config);

}  // namespace carry::zoo
