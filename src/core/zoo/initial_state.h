// zoo/initial_state: the lecture's claim "the initial state can be fixed, but it is better
// learned" measured (issue 20 item 6): the same net and settings (the trainer's defaults, H = 3)
// trained from each seed with a learned h(0), h(0) fixed at 0.5 and h(0) fixed at 0; per mode the
// seeds solved and the median sequences to solve (one run per seed, no restarts).
//
// Implements: InitialStateConfig, initial_state_cells(), InitialStateExperiment (a SeedSweep),
// initial_state_verdict(), and kRecordedInitialState: the figures the settings panel shows under
// the "initial state" control (regenerate with `carry-cli zoo --init --json`, key
// "initial_state"; tests/unit/test_zoo_init_grid.cpp recomputes one row).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/net.h"
#include "core/zoo/seed_sweep.h"

namespace carry::zoo {

struct InitialStateConfig {
    std::vector<InitialState> modes = {InitialState::Learned, InitialState::FixedHalf, InitialState::FixedZero};
    std::vector<std::uint64_t> seeds = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    long long max_sequences = 8000;  // per run: the trainer's restart_after
};
InitialStateConfig initial_state_quick_config();  // seeds 1..4

// "learned", "fixed at 0.5", "fixed at 0".
const char* initial_state_label(InitialState s);

std::vector<SweepCell> initial_state_cells(const InitialStateConfig& config);

class InitialStateExperiment {
public:
    explicit InitialStateExperiment(const InitialStateConfig& config)
        : config_(config), sweep_(initial_state_cells(config), config.seeds) {}
    bool step(int minibatches) { return sweep_.step(minibatches); }
    bool done() const { return sweep_.done(); }
    double progress() const { return sweep_.progress(); }
    std::string current_run() const { return sweep_.current_run(); }
    const InitialStateConfig& config() const { return config_; }
    const std::vector<SweepResult>& results() const { return sweep_.results(); }  // one per mode

private:
    InitialStateConfig config_;
    SeedSweep sweep_;
};

// What was measured, in a sentence: which mode solved most seeds and fastest, and whether that
// bears out the lecture's "better learned". "" until every mode is done.
std::string initial_state_verdict(const std::vector<InitialState>& modes, const std::vector<SweepResult>& results);

// Recorded: InitialStateConfig{} (20 seeds, 8000 sequences each) on the native build.
struct RecordedInitialState {
    InitialState mode;
    int solved, runs;
    long long median_sequences;
};
extern const RecordedInitialState kRecordedInitialState[3];
// The recorded figures and their verdict, as the settings panel's "initial state" tooltip adds them.
std::string initial_state_recorded_note();

}  // namespace carry::zoo
