// zoo/taps: the lecture's two memoryless models (lecture 7a), on delay taps.
//
// Both predict sum bit t from the last k columns only (columns t-k+1 .. t, zeros before column
// 0): they have no hidden state that runs along the sequence, so they remember exactly k columns.
//   - Autoregressive model: a logistic regression on the taps. Its logit is a SUM of per-column
//     terms, so it cannot express a XOR b XOR carry with the carry from an earlier column: it is
//     right only where no carry reaches the column.
//   - Feed-forward net on delay taps: the same window, one hidden layer of logistic units, a
//     logistic output. The hidden units can compute "a carry was generated j columns back and
//     propagated since" and XOR it in, so it can be exact while the carry travels at most k-1
//     columns - and no model of the window can be right beyond that: two pairs that agree on the
//     last k columns can differ in the sum bit (zoo/model.h, carry_reach()).
//     Counting from the window: when no column of the number decides the carry, the zeros before
//     column 0 do (0+0 kills it), so sum bit t = k-1 after k-1 propagating columns is NOT decided
//     by its window (the same window deeper in the number may bring a carry), although
//     carry_reach() gives it reach t = k-1. tests/unit/test_zoo_taps.cpp counts reach that way.
//
// Input encoding: each column is one-hot over its 4 symbols (a,b) = 00, 01, 10, 11, the usual
// encoding of a discrete alphabet (it gives the linear model one free weight per symbol per tap);
// a column before column 0 is the symbol 00. Because exactly k of the 4k inputs are on, the first
// layer only ever reads and updates k columns of weights.
//
// Training: every column t = 0..n of every training pair (the pad column included) is one example
// with target true_sum(p)[t]; minibatch SGD with momentum on cross-entropy, hand-written backprop,
// a seeded shuffle each epoch. The learning rate falls linearly to 0: the targets are noisy (a
// window does not decide the bit when the carry comes from outside it), and with a constant rate
// the logistic regression ended wherever its last minibatches pushed it (measured: 50% of the
// bits of carry-free sums right, against 100% once annealed). Deterministic (carry::Rng, det
// math from core/mathx.h).
//
// Implements: TapsConfig, make_autoregressive(), make_feedforward_taps(), and (for the gradient
// checks in tests/unit/test_zoo_taps.cpp) detail::TapsNet with its loss and gradient.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/zoo/model.h"

namespace carry::zoo {

struct TapsConfig {
    int taps = 4;                // k: the model sees columns t-k+1 .. t (zeros before column 0), 1..8
    int hidden = 16;             // hidden units of the feed-forward taps net (1..256)
    int epochs = 60;             // passes over every column of every training pair
    int batch = 16;              // examples (columns) per SGD step
    double learning_rate = 0.5;  // SGD step on the minibatch's mean gradient
    double momentum = 0.9;       // 0..<1
    bool anneal = true;          // the learning rate falls linearly to 0 over the training
    std::uint64_t seed = 1;      // initial weights and the shuffles
    int slice = 512;             // examples per train_some()
};

// Throw std::invalid_argument on a config out of range (the autoregressive model ignores hidden).
std::unique_ptr<Model> make_autoregressive(const ZooData& data, const TapsConfig& config);
std::unique_ptr<Model> make_feedforward_taps(const ZooData& data, const TapsConfig& config);

namespace detail {

inline constexpr int kSymbols = 4;  // one-hot symbols per column: a + 2b

// Symbol (a + 2b) of column c of p; 0 for c < 0 (zeros before column 0) and for the pad column.
int tap_symbol(const Pair& p, int c);
// The k active input indices of column t's window: tap i (column t-i) is input 4i + symbol.
void window_inputs(const Pair& p, int t, int taps, int* active);

// The parameters of either model, in one buffer.
//   hidden > 0:  w1 (H, 4k) | b1 (H) | w2 (H) | b2 (1)     the feed-forward taps net
//   hidden == 0: w (4k) | b (1)                             the autoregressive model
struct TapsNet {
    int taps = 4, hidden = 0;
    std::vector<double> params;
    std::size_t inputs() const { return static_cast<std::size_t>(kSymbols * taps); }
    std::size_t size() const {
        const auto H = static_cast<std::size_t>(hidden);
        return hidden > 0 ? H * inputs() + H + H + 1 : inputs() + 1;
    }
};

// The output logit for a window (active: `taps` input indices); h receives the hidden activities
// (hidden of them; may be null when hidden == 0).
double taps_logit(const TapsNet& net, const int* active, double* h);
// Cross-entropy of the logistic output against target (0 or 1); adds scale * dLoss/dparams to
// grad (net.size() entries) when grad is not null. h: scratch of `hidden` doubles.
double taps_loss_grad(const TapsNet& net, const int* active, int target, double scale, double* grad, double* h);

}  // namespace detail
}  // namespace carry::zoo
