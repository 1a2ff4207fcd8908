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
#include <vector>

#include "core/optim.h"
#include "core/rng.h"

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
    int width = 8;                  // bits per number (2..10): 2*width inputs, width+1 outputs
    int hidden = 64;                // logistic hidden units (one hidden layer)
    int epochs = 20;                // passes over the training pairs
    int batch = 32;
    double lr = 0.01;               // Adam
    double train_fraction = 0.5;    // of the pairs outside the unseen-carry set
    int unseen_carry_column = 4;    // 1..width-1
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
    long long rnn_sequences = 0;              // training sequences it used
};

// Returns false (and leaves `out` alone) when the config is out of range.
bool run_feedforward_baseline(const FeedforwardConfig& config, FeedforwardResult* out);

}  // namespace carry
