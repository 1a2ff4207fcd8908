// zoo/remedies: the lecture's remedies for gradients that vanish or explode through many steps,
// measured on the same sums (issue 20, items 1, 2 and 4): the Models window's "Remedies" tab and
// `carry-cli zoo`'s remedies section.
//
// Implements:
//   - RemediesConfig / remedies_quick_config()
//   - OptimRun: the lecture's net (H = 3) trained on a FIXED training set by one optimizer (SGD with
//     momentum or Adam through the core Trainer's one step; Hessian-free through hf_step), with
//     its training loss against passes through the data, then scored on the long-range sets
//   - EsnPoint: an echo state network fitted and scored (accuracy, memory capacity)
//   - the zoo's LSTM trained on random short sums and scored on the same long-range sets
//   - RemediesRunner: every run and ESN point one after another, a slice at a time (step(budget_ms)
//     for the UI, run_all() for the CLI); results and one verdict sentence per part
//
// Two training sets of train_pairs sums each: "short" (random sums of short_bits bits) and "long"
// (sums with a carry chain of train_chain columns, zoo/long_range.h). Each optimizer starts from
// the SAME initial net per seed (the Trainer's). A pass through the data is one forward and one
// backward pass over every training sum (one epoch of SGD); a forward pass alone counts one half:
// SGD and Adam spend 1 pass per train_pairs sequences trained; HF its HfState::sweeps / (2 x pairs).
// Loss: the training set's mean cross-entropy per sum bit (nats), measured (not counted) at every
// curve point. After the budget of passes each net is scored on chain sets of every length in
// `ranges` (exact sum, and the bit where the long carry lands) and on random 64-bit sums.
//
// ESN: fitted on esn_train_pairs random sums of 1..16 bits (ridge readout, zoo/esn.h), scored on
// random 8- and 32-bit sums, the chain sets, and its memory capacity; swept over the spectral
// radius (size fixed) and over the size (radius fixed).
//
// Determinism: every number depends only on the config; slicing does not change a result.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/zoo/esn.h"
#include "core/zoo/long_range.h"

namespace carry::zoo {

enum class Remedy { SgdMomentum = 0, Adam, HessianFree, Count };
const char* remedy_name(Remedy r);  // "SGD + momentum", "Adam", "Hessian-free"
const char* remedy_key(Remedy r);   // "sgd_momentum", "adam", "hessian_free" (JSON)

struct RemediesConfig {
    std::uint64_t seed = 1;
    std::vector<int> ranges = {5, 10, 20, 50, 100};  // carry chains tested
    int range_pairs = 40;                            // test pairs per chain length
    int train_pairs = 128;                           // per training set
    int short_bits = 8;                              // the short set's sums
    int train_chain = 20;                            // the long set's chains (sums of chain + 8 bits)
    int seeds = 3;                                   // nets per optimizer and set (seeds 1..)
    double passes = 400.0;                           // budget per run
    int curve_points = 40;                           // loss samples per run
    double sgd_lr = 0.2, adam_lr = 0.02;             // the Trainer's SGD default; Adam as the LSTM's
    // ESN
    EsnConfig esn;  // the reference reservoir (size 100, radius 0.9)
    int esn_train_pairs = 400;
    int esn_test_pairs = 100;
    std::vector<double> esn_radii = {0.1, 0.5, 0.9, 1.0, 1.2, 1.5};
    std::vector<int> esn_sizes = {10, 25, 50, 100, 200};
    int mc_delays = 40, mc_steps = 1200;
    // The zoo's LSTM (zoo/lstm.h, 4 cells, Adam), trained on lstm_train_pairs random sums of
    // 1..16 bits for lstm_sequences sequences, then scored on the chain sets (0: left out).
    long long lstm_sequences = 40000;
    int lstm_train_pairs = 600;
};
RemediesConfig remedies_quick_config();  // tests, --quick: fewer seeds, passes and pairs

struct CurvePoint {
    double passes = 0.0, loss = 0.0;  // loss per sum bit on the training set
};

struct OptimRunResult {
    Remedy remedy = Remedy::SgdMomentum;
    bool long_set = false;
    int seed = 1;
    std::vector<CurvePoint> curve;
    bool done = false;
    double final_loss = 0.0;
    std::vector<ChainScore> by_range;  // per config.ranges
    double exact_64 = 0.0;             // random 64-bit sums
};

struct EsnPointResult {
    EsnConfig config;
    bool done = false;
    double raw_radius = 0.0;
    double bit_8 = 0.0, exact_8 = 0.0, bit_32 = 0.0, exact_32 = 0.0;
    std::vector<ChainScore> by_range;
    double memory_capacity = 0.0;
    std::vector<double> mc_per_delay;
};

// One ESN fitted and scored (a few ms to a few hundred ms for N <= 200).
EsnPointResult run_esn_point(const EsnConfig& esn, const RemediesConfig& c);

// The same, a slice at a time (the Models tab's "Fit" button).
class EsnProbe {
public:
    EsnProbe(const EsnConfig& esn, const RemediesConfig& c);  // throws std::invalid_argument
    ~EsnProbe();
    bool step(double budget_ms);  // true when done
    bool done() const;
    const EsnPointResult& result() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

class RemediesRunner {
public:
    explicit RemediesRunner(const RemediesConfig& config);  // throws std::invalid_argument
    ~RemediesRunner();
    RemediesRunner(const RemediesRunner&) = delete;
    RemediesRunner& operator=(const RemediesRunner&) = delete;

    bool step(double budget_ms);  // about budget_ms of work (at least one unit); true when done
    void run_all();
    bool done() const;
    double progress() const;
    std::string status() const;

    const RemediesConfig& config() const { return config_; }
    const std::vector<OptimRunResult>& runs() const { return runs_; }
    const std::vector<EsnPointResult>& esn_by_radius() const { return esn_radius_; }
    const std::vector<EsnPointResult>& esn_by_size() const { return esn_size_; }
    // The LSTM's scores per config.ranges (empty until it is trained and scored, or left out).
    const std::vector<ChainScore>& lstm_by_range() const { return lstm_range_; }

    // Per remedy and set: the mean over seeds of each chain length's scores / final loss, and the
    // median passes to bring the training loss under `target` (negative: not every seed did).
    std::vector<ChainScore> mean_by_range(Remedy r, bool long_set) const;
    double mean_final_loss(Remedy r, bool long_set) const;
    // Seeds whose net adds every test sum exactly (random 64-bit sums and every chain length).
    int solved_seeds(Remedy r, bool long_set) const;
    double median_passes_to(Remedy r, bool long_set, double target) const;
    // The ESN at the reference setting (from the radius sweep), or nullptr before it is done.
    const EsnPointResult* esn_reference() const;

    // One sentence each, from the numbers (empty until that part is done).
    std::string verdict_range() const;
    std::string verdict_esn() const;
    std::string verdict_hf() const;

    static constexpr double kLossTarget = 0.05;  // "passes to a loss": nats per sum bit

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    RemediesConfig config_;
    std::vector<OptimRunResult> runs_;
    std::vector<EsnPointResult> esn_radius_, esn_size_;
    std::vector<ChainScore> lstm_range_;
    void work_unit();
};

}  // namespace carry::zoo
