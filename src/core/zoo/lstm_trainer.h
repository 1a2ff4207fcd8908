// zoo/lstm_trainer: the LSTM (zoo/lstm.h) trained live, as the playground trains the recurrent net
// (issue 20, item 5): a few minibatches at a time, on the same kind of random sums (lengths drawn
// per minibatch from [min_bits, max_bits], the same curriculum on length), validated on fixed
// 64-bit sums until it adds every one exactly.
//
// Implements:
//   - LstmTrainConfig: the LSTM's cells and init, Adam's step size and clipping, the sums' lengths
//   - LstmTrainer: step(n) trains n minibatches (forward and backward from zoo/lstm.h, Adam from
//     core/optim.h), validates every validate_every sequences (a cheap pre-check on the first
//     quick_count pairs, then the full set), stops a step early once solved
//   - lstm_exact_accuracy(): exact-sum accuracy and loss per sum bit over fixed random sums (curves)
//
// Determinism: the data stream, the init and the validation sums all come from the one seed
// (derive_seed streams); no libm beyond sqrt: same seed, same bits natively and in WebAssembly.
#pragma once

#include <cstdint>
#include <vector>

#include "core/optim.h"
#include "core/rng.h"
#include "core/task.h"
#include "core/zoo/lstm.h"

namespace carry::zoo {

struct LstmTrainConfig {
    int hidden = 4;            // memory cells, kMinLstmHidden .. kMaxLstmHidden
    double init_scale = 1.0;   // see LstmConfig
    double forget_bias = 1.0;  // the keep gates' starting bias
    double lr = 0.02;          // Adam's step size
    double clip_norm = 5.0;    // gradient L2 norm clipped to this (0: off)
    int batch = 8;             // sequences per minibatch (all of one length)
    // Lengths, as the recurrent net's TrainConfig: each minibatch draws n from [min_bits, hi], hi
    // growing from curriculum_start_bits by one bit every curriculum_grow_every sequences.
    int min_bits = 1;
    int max_bits = 16;
    bool curriculum = true;
    int curriculum_start_bits = 4;
    long long curriculum_grow_every = 200;
    // Validation: every validate_every sequences, the first quick_count of validation_count fixed
    // sums of validation_bits bits; only when all of those are exact, the whole set.
    long long validate_every = 512;
    int validation_bits = 64;
    int quick_count = 64;
    int validation_count = 1000;
};

struct LstmStepResult {
    int minibatches = 0;     // done in this call
    double loss = 0.0;       // mean loss per sequence over them
    double grad_norm = 0.0;  // the last minibatch's, before clipping
    bool solved = false;     // every validation sum exact
};

class LstmTrainer {
public:
    // Throws std::invalid_argument on a bad config (hidden out of range, batch < 1, lr <= 0,
    // lengths out of order or range).
    LstmTrainer(const LstmTrainConfig& config, std::uint64_t seed);

    LstmStepResult step(int minibatches);
    double validate();  // the whole validation set now; sets solved()

    const Lstm& lstm() const { return lstm_; }
    const LstmTrainConfig& config() const { return config_; }
    std::uint64_t seed() const { return seed_; }
    long long sequences() const { return sequences_; }
    bool solved() const { return solved_; }
    double last_exact() const { return last_exact_; }  // the last full validation (-1: none)
    int current_max_bits() const;

private:
    LstmTrainConfig config_;
    std::uint64_t seed_;
    Lstm lstm_;
    Rng rng_;
    OptimConfig optim_;
    OptimState state_;
    std::vector<double> grads_;
    std::vector<Pair> pairs_;
    LstmTrace trace_;
    long long sequences_ = 0, next_validation_ = 0;
    bool solved_ = false;
    double last_exact_ = -1.0;
};

// Over `count` random sums of `bits` bits from Rng(seed): exact-sum accuracy, and the mean
// cross-entropy per sum bit.
struct LstmAccuracy {
    double exact = 0.0;
    double loss_per_bit = 0.0;
};
LstmAccuracy lstm_exact_accuracy(const Lstm& lstm, int bits, int count, std::uint64_t seed);

}  // namespace carry::zoo
