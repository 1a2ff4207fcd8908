// feedforward: the baseline the lecture argues against. A fixed-width multilayer net is given
// both w-bit numbers at once (2w inputs) and outputs the (w+1)-bit sum; it is trained on part of
// all 2^(2w) pairs and tested on held-out pairs and on a carry pattern it never saw.
//
// The split (deterministic from the seed):
//   unseen_carry: every pair with a carry INTO column `unseen_carry_column` (i.e. out of the
//                 column before it). The net sees carries into every other column, so a net
//                 that had learned "the" carry rule would handle this column too.
//   train:        train_fraction of the remaining pairs (a seeded shuffle)
//   heldout:      the rest of the remaining pairs
// For comparison the recurrent net (core/bptt, default optimizer settings) is trained on the
// SAME training pairs, one column per step, and scored on the same three sets.
//
// Implements: Mlp / mlp_init() / mlp_forward() / MlpTrainer (the project's one multilayer
// perceptron: this baseline's and the zoo's fixed-width model, zoo/fixed_width.h),
// feedforward_split(), run_feedforward_baseline(). Logistic units with the project's own sigmoid
// and RNG, so results are identical natively and in WebAssembly.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core/optim.h"
#include "core/rng.h"
#include "core/task.h"

namespace carry {

// One hidden layer of logistic units, logistic outputs; all parameters in one buffer:
//   w1 (Hd, I) | b1 (Hd) | w2 (O, Hd) | b2 (O)
struct Mlp {
    int I = 0, Hd = 0, O = 0;  // inputs, hidden units, outputs
    std::vector<double> p;
    std::size_t w1() const { return 0; }
    std::size_t b1() const { return static_cast<std::size_t>(Hd * I); }
    std::size_t w2() const { return b1() + static_cast<std::size_t>(Hd); }
    std::size_t b2() const { return w2() + static_cast<std::size_t>(O * Hd); }
    std::size_t size() const { return b2() + static_cast<std::size_t>(O); }
};

// Weights ~ N(0,1)/sqrt(fan_in) drawn from rng (w1, then w2), biases 0.
Mlp mlp_init(int inputs, int hidden, int outputs, Rng& rng);

// Forward for one example: hidden activities h (Hd), output activities y (O).
void mlp_forward(const Mlp& m, const double* x, double* h, double* y);

// Minibatch training on cross-entropy through the logistic outputs (the gradient of the
// minibatch mean), one optimizer step per minibatch.
class MlpTrainer {
public:
    MlpTrainer(Mlp& m, const OptimConfig& optim);
    // example(k, x, t) writes example k's inputs x (I values) and target bits t (O values, 0/1).
    using Example = std::function<void(std::size_t k, double* x, double* t)>;
    // One step on examples 0 .. count-1; when loss != nullptr, every output's cross-entropy is
    // added to *loss, one at a time.
    void minibatch(std::size_t count, const Example& example, double* loss = nullptr);

private:
    Mlp& m_;
    OptimConfig oc_;
    OptimState st_;
    std::vector<double> grads_, x_, t_, h_, y_, dh_;
};

struct FeedforwardConfig {
    int width = 8;    // bits per number (2..10): 2*width inputs, width+1 outputs
    int hidden = 64;  // logistic hidden units (one hidden layer)
    int epochs = 20;  // passes over the training pairs
    int batch = 32;
    double lr = 0.01;             // Adam
    double train_fraction = 0.5;  // of the pairs outside the unseen-carry set
    int unseen_carry_column = 4;  // 1..width-1
    std::uint64_t seed = 1;
    long long rnn_sequences = 40000;  // training budget of the recurrent comparison (0: skip it)
};

// Pairs as codes a | (b << width).
struct FeedforwardSplit {
    std::vector<std::uint32_t> train, heldout, unseen_carry;
};
FeedforwardSplit feedforward_split(const FeedforwardConfig& config);

struct SplitScore {
    std::size_t pairs = 0;
    double exact_accuracy = 0.0;  // all width+1 sum bits right
    double bit_accuracy = 0.0;
};

struct FeedforwardResult {
    SplitScore train, heldout, unseen_carry;  // the feed-forward net
    double final_loss = 0.0;                  // mean cross-entropy per pair, last epoch
    long long parameters = 0;
    bool rnn_run = false;
    SplitScore rnn_train, rnn_heldout, rnn_unseen_carry;  // the recurrent net (H=3), same pairs
    long long rnn_sequences = 0;                          // training sequences it used
};

// Returns false (and leaves `out` alone) when the config is out of range. A loop over
// FeedforwardBaseline::step (the same result, in one call).
bool run_feedforward_baseline(const FeedforwardConfig& config, FeedforwardResult* out);

class Trainer;
struct Net;

// The baseline as a resumable computation, a slice at a time (the UI runs one slice a frame, as the
// zoo's Runner does). Work comes in small units: one minibatch of either net, or kScoreChunk pairs
// scored, each well under a millisecond natively. The result does not depend on how the work is
// sliced: it equals run_feedforward_baseline's bit for bit.
class FeedforwardBaseline {
public:
    static constexpr std::size_t kScoreChunk = 512;

    explicit FeedforwardBaseline(const FeedforwardConfig& config);
    ~FeedforwardBaseline();
    FeedforwardBaseline(const FeedforwardBaseline&) = delete;
    FeedforwardBaseline& operator=(const FeedforwardBaseline&) = delete;

    bool valid() const { return valid_; }  // false: config out of range (done at once, no result)
    // Work units until `budget_ms` of wall time is spent (at least one; <= 0: to the end). Returns done().
    bool step(double budget_ms);
    // Exactly `units` work units (or fewer when it finishes). Returns done().
    bool step_units(long long units);
    bool done() const { return phase_ == Phase::Done; }
    double progress() const;     // 0..1
    const char* status() const;  // what it is doing: "training the feed-forward net", ...
    const FeedforwardResult& result() const { return result_; }  // complete once done() and valid()
    long long units_done() const { return units_done_; }

private:
    enum class Phase { MlpTrain, MlpScore, RnnTrain, RnnFitCheck, RnnScore, Done };
    void unit();
    bool score_chunk(bool rnn, const std::vector<std::uint32_t>& codes, SplitScore& out);
    void start_rnn_attempt();

    FeedforwardConfig c_;
    bool valid_ = false;
    Phase phase_ = Phase::Done;
    FeedforwardResult result_;
    FeedforwardSplit split_;
    Rng rng_;
    Mlp mlp_;
    std::unique_ptr<MlpTrainer> mlp_trainer_;
    std::vector<std::uint32_t> codes_;  // the training pairs, shuffled each epoch
    int epoch_ = 0;
    std::size_t start_ = 0;  // next minibatch's first pair in codes_
    double epoch_loss_ = 0.0;
    int score_split_ = 0;  // 0 train, 1 held-out, 2 unseen carry
    std::size_t score_pos_ = 0, score_exact_ = 0, score_right_ = 0;
    std::vector<double> x_, h_, y_;  // the MLP's scoring scratch
    // The recurrent comparison.
    std::vector<Pair> pairs_;
    RngState data_;
    std::unique_ptr<Net> net_;
    std::unique_ptr<Trainer> trainer_;
    long long per_run_ = 0;
    int attempt_ = 0;
    long long units_done_ = 0, units_estimate_ = 1;
};

}  // namespace carry
