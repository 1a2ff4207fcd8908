// trainer: trains the adder net a few minibatches at a time (the UI calls step() every frame),
// or until it adds exactly (train_until_solved, used by `carry-cli train`). Its minibatch step is
// the project's one training step for the recurrent net: the playground, the feed-forward
// baseline's recurrent comparison, the zoo's RNN and the input/target modes experiment all train
// through a Trainer, and differ only in where the batch comes from (BatchSource).
//
// Implements:
//   - TrainConfig: every training setting with its default. The defaults (SGD lr 0.2, momentum 0.8,
//     gradient norm clipped at 1, batch 8, init scale 2, lengths 4 -> 16 bits, restart after 8000
//     sequences) were tuned on seeds 1..60: all 60 solved, median about 3000 sequences.
//   - Trainer: step(n_minibatches), curriculum on length, periodic validation (cheap pre-check on
//     few pairs, then the full set), restart of a stuck run from a new deterministic draw,
//     divergence guard (non-finite loss/weights, or a weight beyond kDivergedWeightLimit -> restore
//     the last good weights, forget the momentum, report it in StepResult)
//   - BatchSource: the step's hook for the data (random sums by default; pair_list_source(): a
//     fixed list of pairs; zoo/modes.cpp: sums with a carry-in, as a column or an initial state)
//   - TrainerState / Trainer::state(): everything a run needs to continue bit for bit (weights,
//     optimizer moments, the data stream's RNG, counters); model files carry it (resumable runs)
//   - train_until_solved()
//
// Determinism: everything random comes from one Rng seeded by the user seed; restarts re-seed the
// net from derive_seed(seed, restart_index). Same seed + settings -> bit-identical weights on every
// platform (tests/unit/test_determinism.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/bptt.h"
#include "core/machine.h"
#include "core/net.h"
#include "core/optim.h"
#include "core/rng.h"

namespace carry {

// A weight whose magnitude passes this counts as diverged. A learning rate far too large (say 1e6)
// can throw the weights to millions while everything stays finite: every unit saturated for good,
// the gradient zero, the run dead. Trained adders keep their weights within a few tens; sigmoid
// inputs beyond ~40 are already saturated to the last bit, so 1000 is far outside any useful net.
inline constexpr double kDivergedWeightLimit = 1000.0;

struct TrainConfig {
    Task task = add_task();  // what the net learns (issue 19): inputs, targets, validation
    NetConfig net;
    OptimConfig optim;
    LossConfig loss;
    int batch = 8;  // sequences per minibatch (all of one length)

    // Lengths: each minibatch draws its length n uniformly from [min_bits, max_bits]. With the
    // curriculum on, max_bits starts at curriculum_start_bits and grows by one every
    // curriculum_grow_every sequences up to max_bits.
    int min_bits = 1;
    int max_bits = 16;
    bool curriculum = true;
    int curriculum_start_bits = 4;
    long long curriculum_grow_every = 200;

    // Validation: every validate_every sequences, quick_count random pairs of validation_bits; only
    // if all of those are exact, the full validation_count pairs. Solved = full set all exact.
    long long validate_every = 256;  // 0: never validate inside step()
    int validation_bits = 64;
    int quick_count = 64;
    int validation_count = 1000;

    // A run not solved after restart_after sequences starts again from a new draw (0: never).
    long long restart_after = 8000;
};

// Where a minibatch's sequences come from: the one training step's hook. draw() fills `parts`
// with the minibatch's B sequences of n bits (n from the curriculum), drawing from `rng`, the
// run's data stream. Usually one part; a source may split the minibatch into several batches (each
// must be non-empty), whose gradients the step adds up weighted by their share of B.
class BatchSource {
public:
    virtual ~BatchSource() = default;
    virtual void draw(std::vector<Batch>& parts, Rng& rng, const Net& net, int B, int n) = 0;
    // Initial-state units the source sets itself (through Batch::h0): the optimizer never moves
    // the net's own value of these units.
    virtual std::vector<int> given_h0_units() const { return {}; }
};

// Random sums of n bits (batch_random); with a task, random inputs and that task's targets. The
// Trainer's default (no source set) is random inputs of its config's task.
std::unique_ptr<BatchSource> random_sums_source(const Task& task = add_task());
// A fixed list of pairs: each sequence is a uniformly drawn pair of the list, cut to its low n
// bits or zero-padded to n bits (both stay true sums). Throws std::invalid_argument when empty.
std::unique_ptr<BatchSource> pair_list_source(std::vector<Pair> pairs, const Task& task = add_task());

// Where a run stands beyond its weights, optimizer and data stream (model files carry it). Unknown
// values (files older than resumable runs): run_sequences < 0 is taken as the total sequences,
// next_validation < 0 as one validate_every after run_sequences.
struct RunProgress {
    long long run_sequences = -1;    // since the last restart: the curriculum's position
    long long next_validation = -1;  // run_sequences at which the next validation runs
    long long divergences = 0;       // diverged minibatches caught
    double last_exact = -1.0;        // the last full validation's exact accuracy (-1: none)
};

// A run's whole state, for resuming it bit for bit. `optim` empty: the optimizer starts afresh.
struct TrainerState {
    Net net;
    RngState rng;                     // the data stream's position
    std::optional<OptimState> optim;  // momentum / Adam moments, t, beta powers
    long long sequences = 0;          // all restarts
    int restarts = 0;
    bool solved = false;
    RunProgress progress;
};

// What one call to step() did.
struct StepResult {
    long long sequences = 0;       // total training sequences so far (all restarts)
    int minibatches = 0;           // done in this call
    double loss = 0.0;             // mean batch loss over this call's minibatches (per sequence)
    double grad_norm = 0.0;        // of the last minibatch, before clipping
    bool validated = false;        // a full validation ran in this call
    double exact_accuracy = -1.0;  // last full validation result (-1: none yet)
    bool solved = false;           // the net adds every full-validation pair exactly
    bool restarted = false;        // a stuck run was restarted in this call
    bool diverged = false;         // non-finite loss/weights or |w| > kDivergedWeightLimit: the
                                   // last good weights were restored (the weights before it)
    double diverged_weight = 0.0;  // when diverged: the largest |w| the update produced (inf/NaN)
    std::string message;           // human-readable note for diverged/restarted ("" otherwise)
};

// Largest |w|, or NaN as soon as one w is NaN: "!(max_abs_weight(p) <= kDivergedWeightLimit)" is
// the divergence test (it catches NaN and inf too).
double max_abs_weight(const std::vector<double>& params);

// The curriculum's longest training length after `sequences` sequences of a run: it starts at
// curriculum_start_bits and grows one bit per curriculum_grow_every sequences, up to `cap`
// (`cap` itself when the curriculum is off).
int curriculum_max_bits(const TrainConfig& c, long long sequences, int cap);

class Trainer {
public:
    // New run: net initialized from the seed.
    Trainer(const TrainConfig& config, std::uint64_t seed);
    // Resume: given net (its shape must match config.net.hidden), RNG state and counters.
    Trainer(const TrainConfig& config, std::uint64_t seed, const Net& net, const RngState& rng, long long sequences);
    // Resume a saved run exactly where it stopped (see TrainerState). Throws std::invalid_argument
    // when the net or the optimizer state does not match config.
    Trainer(const TrainConfig& config, std::uint64_t seed, const TrainerState& state);

    // Where the minibatches come from from now on (nullptr: random sums). Re-freezes the initial-
    // state units the source gives; the optimizer's moments are kept.
    void set_batch_source(std::unique_ptr<BatchSource> source);
    // The whole state of the run (see TrainerState).
    TrainerState state() const;

    // Trains n_minibatches minibatches (and validates/restarts as configured). Never blocks long:
    // cost is n_minibatches * batch * n steps, plus at most one validation.
    StepResult step(int n_minibatches);

    // Full validation now: exact accuracy over validation_count pairs of validation_bits bits.
    double validate();

    const Net& net() const { return net_; }
    Net& net() { return net_; }  // edits take effect at the next step (reset the optimizer if shape changes)
    const TrainConfig& config() const { return config_; }
    void set_config(const TrainConfig& config);  // same hidden size: keeps weights; else throws
    std::uint64_t seed() const { return seed_; }
    long long sequences() const { return sequences_; }
    long long run_sequences() const { return run_sequences_; }  // since the last restart
    int restarts() const { return restarts_; }
    long long divergences() const { return divergences_; }  // diverged minibatches caught so far
    bool solved() const { return solved_; }
    int current_max_bits() const;  // curriculum's current longest training length
    const Rng& rng() const { return rng_; }
    Rng& rng() { return rng_; }
    const OptimState& optim_state() const { return optim_; }
    void reset_optimizer();

private:
    void restart();
    void refreeze();
    void train_minibatch(StepResult& r);
    void maybe_validate(StepResult& r);

    TrainConfig config_;
    std::uint64_t seed_ = 0;
    Net net_;
    Rng rng_;
    OptimState optim_;
    std::vector<unsigned char> frozen_;
    std::vector<double> grads_, part_grads_, good_params_;
    std::unique_ptr<BatchSource> source_;
    std::vector<Batch> parts_;
    Activities acts_;
    long long sequences_ = 0, run_sequences_ = 0, next_validation_ = 0;
    int restarts_ = 0, good_minibatches_ = 0;
    long long divergences_ = 0;
    bool solved_ = false;
    double last_exact_ = -1.0;
};

struct SolveResult {
    long long sequences = 0;  // training sequences used (all restarts)
    double seconds = 0.0;     // wall time, validation included
    bool solved = false;
    double exact_accuracy_64 = 0.0;  // full validation (1000 random 64-bit pairs by default)
    int restarts = 0;
    Net net;       // the final net
    RngState rng;  // trainer RNG state at the end (for model files)
};

// Trains until solved or max_sequences is spent.
SolveResult train_until_solved(const TrainConfig& config, std::uint64_t seed, long long max_sequences);

}  // namespace carry
