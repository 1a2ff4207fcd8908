// zoo/modes: "inputs and targets can be given in several ways" (lecture 7; issue 9, "Input and
// target modes"): the same recurrent net (H = 3, the trainer's default settings) trained with
// each way, over a few seeds, to show how the choice changes what trains.
//
// Target modes (core LossConfig::last_k):
//   every step        the sum bit of every column is a target (the lecture's adder)
//   last k steps      only the last k columns' sum bits: the final sum bits, the pad column's
//                     one being the final carry (k = 1: the final carry alone)
// Input modes, on the task a + b + c0 with a carry-in bit c0:
//   carry-in as a column          c0 enters as an extra first column (c0, c0): 1+1 carries one
//                                 into column 0, 0+0 carries nothing, and that column's own sum
//                                 bit is always 0 (so this is plain addition, one column longer)
//   carry-in as initial state     c0 is the initial state h(0) of hidden unit 1 (the other units'
//                                 h(0) learned as usual); the columns are a, b as always
// Every run trains through the core Trainer's step; the carry-in runs give it a batch source
// that splits each minibatch by c0 into two parts (gradients added up weighted by size, as the
// runs did before the step was shared) and, for the initial-state mode, sets h(0)[unit 1] = c0
// per sequence (Batch::h0); the net's own h(0)[unit 1] is never updated.
//
// Each (mode, seed) run trains until it adds 64-bit sums exactly (validation as in the trainer:
// every 256 sequences, a quick check on 64 pairs, then 1000) or spends max_sequences; its exact
// accuracy on 1000 random 64-bit sums (with random c0 for the carry-in modes) is recorded.
//
// Implements: Mode / default_modes(), ModesConfig, ModeResult, ModesExperiment (runs a little at a
// time, for the playground), run_modes() (all at once, for tests and the command line),
// carry_in_sum().
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/task.h"

namespace carry::zoo {

enum class ModeKind {
    Targets,              // targets per last_k, inputs as columns
    CarryInColumn,        // a + b + c0, c0 as an extra first column (c0, c0)
    CarryInInitialState,  // a + b + c0, c0 as the initial state of hidden unit 1
};

struct Mode {
    ModeKind kind = ModeKind::Targets;
    int last_k = 0;     // Targets: 0 = every step, k > 0 = the last k columns only
    std::string label;  // for tables
};
// every step; last 4 steps; last 2 steps; last step (final carry); carry-in as a column;
// carry-in as the initial state of a hidden unit.
std::vector<Mode> default_modes();

struct ModesConfig {
    std::vector<Mode> modes = default_modes();
    std::vector<std::uint64_t> seeds = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    long long max_sequences = 8000;  // per run (the trainer's restart_after: no run restarts)
};

struct ModeResult {
    Mode mode;
    int runs = 0;                               // finished (mode, seed) runs
    int solved = 0;                             // runs that reached exact 64-bit sums
    std::vector<long long> sequences_to_solve;  // of the solved runs, in seed order
    long long median_sequences = -1;            // of the solved runs (-1: none solved)
    double mean_exact_64 = 0.0;                 // over the finished runs
};

// The n+1 sum bits (LSB first) of a + b + c0.
BitVector carry_in_sum(const Pair& p, int c0);

class ModesExperiment {
public:
    explicit ModesExperiment(const ModesConfig& config);
    ~ModesExperiment();
    ModesExperiment(ModesExperiment&&) noexcept;
    ModesExperiment& operator=(ModesExperiment&&) noexcept;

    // Trains the current run for up to `minibatches` minibatches (8 sequences each), finishing
    // and scoring it when solved or out of budget. Returns done().
    bool step(int minibatches);
    bool done() const;
    double progress() const;                         // 0..1 over all runs
    const std::vector<ModeResult>& results() const;  // one per mode, filled as runs finish
    std::string current_run() const;                 // "every step, seed 3" ("" when done)
    const ModesConfig& config() const { return config_; }

    class Run;  // one (mode, seed) training run (modes.cpp)

private:
    void finish_run();

    ModesConfig config_;
    std::vector<ModeResult> results_;
    std::size_t next_ = 0;  // index of the current run: mode = next_ / seeds, seed = next_ % seeds
    std::unique_ptr<Run> run_;
};

// Runs the whole experiment.
std::vector<ModeResult> run_modes(const ModesConfig& config);

}  // namespace carry::zoo
