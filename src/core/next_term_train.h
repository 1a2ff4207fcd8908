// next_term_train: the recurrent net learns to predict the next bit of a source (issue 19, item
// 4). There is no separate target sequence: the target is the input sequence one step on, so
// "unsupervised" sequence learning is supervised learning on the next term.
//
// Implements:
//   - next_term_source(): a BatchSource for the core Trainer (the project's one training step):
//     sequences from a stationary start; column t's input is (x_t, 0), its target x_{t+1}
//   - HeldOut / make_held_out(): a fixed set of held-out sequences
//   - score_predictions(): the net's loss in bits per symbol and its accuracy on them, after a
//     burn-in, beside the Bayes-optimal predictor's on the very same bits
//   - NextTermConfig / NextTermRun: a whole run (source, trainer, held-out set, curve), stepped a
//     little at a time (the app) or to the end (the command line, tests)
//
// Timing (net.h): column t enters the hidden units at step t+1 and the output at step t+2, so
// o(t+2), the guess for x_{t+1}, is computed from h(t+1), which has read x_0 .. x_t: no look-ahead.
// The Trainer's curriculum and sum validation mean nothing here: they are off (validate_every 0,
// no restarts); the held-out loss is the measure.
//
// Burn-in: a sequence starts in a state the net cannot see; it must find it from the bits (the
// phase of a pattern, the parity of a run). The entropy rate is the limit once the past is long,
// so only predictions from column `burn_in` on are scored. The Bayes-optimal predictor (it knows
// the machine: a belief over states, started at pi, updated by each bit) scores the same columns:
// its loss is the best any predictor can do on these bits, and tends to the entropy rate.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/next_term.h"
#include "core/trainer.h"

namespace carry {

// Sequences of n+1 predictions (n from the Trainer), each from a state drawn from pi.
std::unique_ptr<BatchSource> next_term_source(const SourceMachine& m);

struct HeldOut {
    int predictions = 0;                           // per sequence (columns)
    int burn_in = 0;                               // the first columns, not scored
    std::vector<std::vector<unsigned char>> seqs;  // each predictions + 1 bits
};
HeldOut make_held_out(const SourceMachine& m, std::uint64_t seed, int count, int predictions, int burn_in);

struct PredictionScore {
    long long scored = 0;         // predictions scored
    double bits = 0.0;            // the net's mean cross-entropy, bits per symbol (log2)
    double accuracy = 0.0;        // share of next bits guessed right (guess 1 when o >= 0.5)
    double bayes_bits = 0.0;      // the Bayes-optimal predictor's, on the same bits
    double bayes_accuracy = 0.0;  // (its guess: the likelier bit; a tie guesses 1)
};
PredictionScore score_predictions(const Net& net, const SourceMachine& m, const HeldOut& held);

struct NextTermConfig {
    SourceSpec source;
    int hidden = 6;
    std::uint64_t seed = 1;
    int predictions = 48;          // per training and held-out sequence
    int burn_in = 16;              // held-out columns not scored
    int held_out_sequences = 512;  // 512 * 32 = 16384 scored predictions
    long long eval_every = 1024;   // sequences between held-out scores (the curve's points)
};

// The Trainer's settings for a next-term run: H hidden units, Adam, fixed length, no curriculum,
// no sum validation, no restarts.
TrainConfig next_term_train_config(const NextTermConfig& c);

class NextTermRun {
public:
    // Check ok() / error(): a bad source spec or size gives a run that does nothing.
    explicit NextTermRun(const NextTermConfig& config);

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    const NextTermConfig& config() const { return config_; }
    const SourceMachine& machine() const { return machine_; }
    const SourceStats& stats() const { return stats_; }

    // Trains `minibatches` minibatches, scoring the held-out set every eval_every sequences.
    void step(int minibatches);
    // Trains until `sequences` sequences (and scores at the end).
    void run_to(long long sequences);
    long long sequences() const;
    const Trainer* trainer() const { return trainer_.get(); }

    // The latest held-out score (scored once at the start, before any training).
    const PredictionScore& score() const { return score_; }
    // The curve: held-out bits per symbol after curve_sequences[i] training sequences.
    const std::vector<float>& curve_sequences() const { return curve_x_; }
    const std::vector<float>& curve_bits() const { return curve_bits_; }
    void score_now();

private:
    NextTermConfig config_;
    std::string error_;
    SourceMachine machine_;
    SourceStats stats_;
    HeldOut held_;
    std::unique_ptr<Trainer> trainer_;
    PredictionScore score_;
    long long next_eval_ = 0;
    std::vector<float> curve_x_, curve_bits_;
};

// One sentence comparing the net with the best possible, from the numbers.
std::string next_term_verdict(const PredictionScore& s, const SourceStats& st);

}  // namespace carry
