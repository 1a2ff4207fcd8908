// zoo/runner: trains every model of the lecture's zoo on one ZooData and scores them all on the
// SAME test sums, so a student sees side by side which kinds of memory can learn to add.
//
// Implements:
//   - ZooConfig (the full zoo: < 60 s natively) and zoo_quick_config() (tests, `carry-cli zoo
//     --quick`, the desktop scenario: a few seconds)
//   - ZooRunner: builds the models (autoregressive, feed-forward taps, feed-forward fixed width,
//     linear dynamical system, HMM, RNN, LSTM), then trains and scores them one after another a
//     slice at a time: step(budget_ms) for the UI (one call per frame), run_all() for the CLI
//   - ModelResult: per model, exact-sum accuracy at each test length (8 .. 256 bits), bit accuracy,
//     exact accuracy by the longest carry reach of the sum, training time and a one-line verdict
//
// Scoring: for each length in test_bits, test_pairs random pairs of exactly that length (one seed,
// shared by all models). A model that cannot take a width (add() returns nullopt) scores 0 there
// and is flagged. The carry-reach set: pairs of kReachPairBits bits built so that the longest
// carry chain is exactly r (r = 1 .. kMaxReachTarget), scored by their measured
// longest_carry_reach(); a delay-tap model with k taps is exact up to reach k-1 and fails beyond.
//
// Determinism: every score depends only on the config (and the seed); training times are measured
// with std::chrono::steady_clock and are the one thing that differs between runs.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/zoo/model.h"

namespace carry::zoo {

inline constexpr int kReachBuckets = 13;    // longest carry reach 0 .. 11, and 12 = "12 or more"
inline constexpr int kReachPairBits = 24;   // bits of the carry-reach test pairs
inline constexpr int kMaxReachTarget = 14;  // reaches built into the carry-reach set: 1 .. 14

struct ZooConfig {
    std::uint64_t seed = 1;
    // Training data shared by every model.
    int train_pairs = 2000;
    int min_bits = 1, max_bits = 16;
    // Test sums: test_pairs pairs at each length.
    std::vector<int> test_bits = {8, 16, 32, 64, 128, 256};
    int test_pairs = 200;
    int reach_pairs = 30;  // carry-reach pairs per target reach 1 .. kMaxReachTarget
    // Settings a student can change.
    int taps = 4;        // delay taps k of the autoregressive and feed-forward taps models (1..8)
    int hmm_states = 2;  // N, states of the HMM (1..16)
    // Training budgets.
    long long rnn_sequences = 40000;
    long long lstm_sequences = 100000;  // with fewer, some seeds leave rare carry patterns wrong
    int fixed_width_epochs = 200;       // fits ~96% of its ~1000 usable training pairs
    double effort = 1.0;                // scales the other models' budgets (quick config: less)
    // The task (issue 19). On any task but add only the RNN and the LSTM run: the other models are
    // built for addition (delay taps sized by carry reach, fixed-width sums, the adder's HMM and
    // LDS readouts), and the carry-reach scores are the adder's; zoo_skipped_models() names them.
    Task task = add_task();
};

// The models that do not run on `task` (empty for add), in the zoo's order.
std::vector<std::string> zoo_skipped_models(const Task& task);

// A few seconds in all: fewer pairs, smaller budgets (the RNN still learns to add).
ZooConfig zoo_quick_config();

struct ModelResult {
    std::string name;
    std::size_t params = 0;
    bool trained = false;                             // training finished
    bool scored = false;                              // every score below is filled in
    double train_seconds = 0.0;                       // wall time in train_some() (not deterministic)
    std::vector<double> exact_by_bits;                // per ZooConfig::test_bits: share of exact sums
    std::vector<bool> takes_bits;                     // false: "cannot take this width" (accuracy 0)
    double bit_accuracy = 0.0;                        // share of right sum bits over the test pairs it can take
    bool reach_scored = false;                        // false when it cannot take kReachPairBits-bit pairs
    std::array<int, kReachBuckets> reach_pairs{};     // test pairs per longest-reach bucket
    std::array<double, kReachBuckets> reach_exact{};  // their exact accuracy (0 where no pairs)
    std::string reason;                               // the model's own reason()
    std::string verdict;  // measured results and the reason, one line in the lecture's words
};

class ZooRunner {
public:
    // Builds the data, the test sets and every model. Throws std::invalid_argument on a bad config.
    explicit ZooRunner(const ZooConfig& config);
    ~ZooRunner();
    ZooRunner(const ZooRunner&) = delete;
    ZooRunner& operator=(const ZooRunner&) = delete;

    // Does about budget_ms of work (at least one unit: one train_some() or one chunk of scoring);
    // returns true once every model is trained and scored.
    bool step(double budget_ms);
    // Everything, to the end.
    void run_all();

    bool done() const;
    double progress() const;     // 0..1 over all models
    std::string status() const;  // e.g. "training HMM (40%)", "scoring LSTM at 128 bits", "done"
    const ZooConfig& config() const { return config_; }
    const ZooData& data() const { return data_; }
    const std::vector<ModelResult>& results() const { return results_; }
    const Model& model(std::size_t i) const { return *models_[i]; }
    std::size_t size() const { return models_.size(); }

private:
    void work_unit();
    void finish_model(ModelResult& r);

    ZooConfig config_;
    ZooData data_;
    std::vector<std::vector<Pair>> test_sets_;  // per test length
    std::vector<Pair> reach_set_;
    std::vector<std::unique_ptr<Model>> models_;
    std::vector<ModelResult> results_;
    // Where the work is: model `current_`, phase 0 = training, 1 .. L = scoring test length
    // phase-1 (from pair `next_pair_`), L+1 = the carry-reach set.
    std::size_t current_ = 0;
    int phase_ = 0;
    std::size_t next_pair_ = 0;
    std::size_t bits_right_ = 0, bits_total_ = 0, exact_count_ = 0;
    std::array<int, kReachBuckets> reach_exact_count_{};
};

// The verdict line: what was measured ("exact at every length up to 256 bits", "62% exact at
// 8 bits, 0% at 64", "cannot take numbers wider than 8 bits", "exact while the carry travels at
// most 3 columns") followed by the model's reason.
std::string zoo_verdict(const ZooConfig& config, const ModelResult& r);

}  // namespace carry::zoo
