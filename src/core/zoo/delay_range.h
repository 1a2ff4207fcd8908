// zoo/delay_range: how far back a net can remember, measured on the tasks issue's delay machines
// (issue 20, item 1's second half): the Models window's "Remedies" tab ("accuracy against the lag")
// and `carry-cli zoo`'s remedies section ("delay_range").
//
// Implements:
//   - delay_task(lag): the machine printing the input bit from `lag` columns back (0 before the
//     start), lag 1..kMaxDelayLag; built as the library's delay2 / delay3 (delay_machine in
//     core/machine.h): 2^(lag+1) states, all needed
//   - DelayRangeConfig / delay_range_quick_config()
//   - DelayRangeRunner: for every lag, optimizer (SGD with momentum, Adam: the core Trainer's one
//     step) and seed, the lecture's RNN trained on the delay task for a fixed budget of sequences,
//     then scored on random 64-column inputs (exact: every printed bit right; and bit accuracy);
//     a slice at a time (step(budget_ms) for the UI, run_all() for the CLI); a verdict sentence
//
// Hidden units are fixed (6) for every lag so that only the range varies: 6 units are enough in
// principle for the longest lag (5), whose minimal machine has 2^6 = 64 states (6 bits, one unit
// each, as a shift register). Budget: 20000 sequences per net, 30 nets (about 0.5 s natively);
// the quick config 3000 and 2 seeds.
//
// Determinism: every number depends only on the config; slicing does not change a result.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/machine.h"
#include "core/zoo/remedies.h"

namespace carry::zoo {

inline constexpr int kMaxDelayLag = kMaxDelayMachineLag;  // 2^(5+1) = 64 states = kMaxMachineStates

// The delay task of that lag (1..kMaxDelayLag; throws std::invalid_argument otherwise): a designed
// machine (name "") for lags the library has not, the library's own task for 2 and 3.
Task delay_task(int lag);

struct DelayRangeConfig {
    std::uint64_t seed = 1;
    std::vector<int> lags = {1, 2, 3, 4, 5};
    int seeds = 3;                    // nets per optimizer and lag (seeds 1..)
    int hidden = 6;                   // H, fixed for every lag (see above)
    long long sequences = 20000;      // training budget per net
    int min_bits = 1, max_bits = 16;  // training lengths (the Trainer's curriculum from 4)
    int test_bits = 64;               // scored on random inputs of this many columns
    int test_pairs = 200;
    double sgd_lr = 0.2, adam_lr = 0.02;  // as the remedies runner's
};
DelayRangeConfig delay_range_quick_config();  // tests, --quick: fewer seeds and sequences

struct DelayRunResult {
    Remedy remedy = Remedy::SgdMomentum;  // SgdMomentum or Adam
    int lag = 1;
    int seed = 1;
    bool done = false;
    long long sequences = 0;  // trained so far
    double exact = 0.0;       // fraction of test inputs with every printed bit right
    double bit = 0.0;         // fraction of printed bits right
};

// Mean over seeds for one optimizer and lag.
struct DelayRangePoint {
    int lag = 1;
    double exact = 0.0, bit = 0.0;
    int solved = 0;  // seeds with every test input exact
    int runs = 0;    // seeds done
};

class DelayRangeRunner {
public:
    explicit DelayRangeRunner(const DelayRangeConfig& config);  // throws std::invalid_argument
    ~DelayRangeRunner();
    DelayRangeRunner(const DelayRangeRunner&) = delete;
    DelayRangeRunner& operator=(const DelayRangeRunner&) = delete;

    bool step(double budget_ms);  // about budget_ms of work (at least one unit); true when done
    void run_all();
    bool done() const;
    double progress() const;
    std::string status() const;

    const DelayRangeConfig& config() const { return config_; }
    const std::vector<DelayRunResult>& runs() const { return runs_; }
    // Per optimizer (SgdMomentum, Adam): one point per config.lags (seeds not done yet left out).
    std::vector<DelayRangePoint> by_lag(Remedy r) const;
    // One sentence from the numbers (empty until every run is done).
    std::string verdict() const;

    static constexpr Remedy kRemedies[2] = {Remedy::SgdMomentum, Remedy::Adam};

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    DelayRangeConfig config_;
    std::vector<DelayRunResult> runs_;
    void work_unit();
};

}  // namespace carry::zoo
