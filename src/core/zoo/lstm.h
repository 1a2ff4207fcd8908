// zoo/lstm: a small long short-term memory net (the lecture's next section, 7e) on the zoo's
// right-to-left addition streams, trained by backpropagation through time written out by hand.
//
// The lecture: an LSTM is built from memory cells; information gets into a cell when its write
// (input) gate is on, stays there while its keep (forget) gate is on, and is read out when its
// read (output) gate is on. Because the cell is kept by multiplying by the keep gate (not by a
// weight matrix and a squashing slope), error derivatives can flow back through many steps.
//
// Implements:
//   - LstmConfig, Lstm (every parameter in ONE buffer with a documented layout), lstm_init()
//   - lstm_forward(): runs the columns of a pair, keeping the stack of activities (LstmTrace)
//   - lstm_backward(): backpropagation through time from any per-step logit derivatives, adding
//     (+=) the gradient into a parameter-shaped buffer; optionally the per-step state derivatives
//     dE/dh(t), dE/dc(t) (zoo/gradients.h draws their norms)
//   - lstm_add(): the sum bits, and make_lstm(): the zoo Model (name "LSTM", Adam, clipping)
//
// Dimension legend: H = cells (1..16), 2 inputs (the column's bits a, b), 1 logistic output,
// T = columns = n+1 for a pair of n bits (one zero pad column), G = 4H gate rows.
//
// One step t (column t = (a_t, b_t); h(-1) = c(-1) = 0, fixed):
//   z      = b + W [a_t, b_t, h(t-1)]                  (G)  rows: i | f | g | o, H each
//   i, f, o = sigmoid(z_i), sigmoid(z_f), sigmoid(z_o)     write, keep, read gates
//   g      = tanh(z_g)                                     candidate value, tanh = 2 sigmoid(2x) - 1
//   c(t)   = f * c(t-1) + i * g                            the memory cells
//   h(t)   = o * tanh(c(t))
//   y(t)   = sigmoid(w_out . h(t) + b_out)                 guess for sum bit t
// Timing: a conventional recurrent net (input -> cells -> output within one step), so the output
// at step t reads the cells after column t and is scored against sum bit t. The core net (net.h)
// gives every connection a one-step delay instead, so the same sum bit comes out kOutputDelay = 2
// steps later; both see exactly columns 0..t when they answer bit t, so they solve the same task
// (MISSION.md, "a timing subtlety"): shift the LSTM's outputs by 2 steps to line them up.
//
// Parameter buffer order:
//   W     (G, 2+H) row-major: W[r*(2+H) + 0] from a, + 1 from b, + 2+j from h_j(t-1); gate row r
//                  = q*H + i for gate q in (i, f, g, o) and cell i
//   b     (G)      gate biases (the keep gate's start at config.forget_bias)
//   w_out (H)
//   b_out (1)
// total = 4H(H+3) + H + 1 doubles (117 for H = 4).
// Loss: cross-entropy of y(t) against sum bit t summed over the T columns of a sequence; a
// training batch averages it over its sequences.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/task.h"
#include "core/zoo/model.h"

namespace carry::zoo {

inline constexpr int kMinLstmHidden = 1;
inline constexpr int kMaxLstmHidden = 16;

struct LstmConfig {
    int hidden = 4;                // H, memory cells
    std::uint64_t seed = 1;        // initial weights
    double init_scale = 1.0;       // W ~ init_scale * N(0,1) / sqrt(2+H+1), w_out ~ .. / sqrt(H+1)
    double forget_bias = 1.0;      // keep gates start mostly on (sigmoid(1) = 0.73)
    long long sequences = 100000;  // training budget: sequences read, cycling through data.train
    int batch = 8;                 // sequences per update
    double lr = 0.02;              // Adam
    double clip_norm = 5.0;        // gradient L2 norm clipped to this (0: off)
    int slice = 400;               // sequences per train_some() (about 1.5 ms natively)
};

// Offsets of each parameter group (see the order above).
struct LstmLayout {
    std::size_t w, b, w_out, b_out, total;
};
constexpr LstmLayout lstm_layout(int hidden) {
    const auto h = static_cast<std::size_t>(hidden);
    LstmLayout l{};
    l.w = 0;
    l.b = l.w + 4 * h * (2 + h);
    l.w_out = l.b + 4 * h;
    l.b_out = l.w_out + h;
    l.total = l.b_out + 1;
    return l;
}
constexpr std::size_t lstm_param_count(int hidden) { return lstm_layout(hidden).total; }

struct Lstm {
    int hidden = 4;
    std::vector<double> params;  // lstm_param_count(hidden) doubles
};

// Seeded init (carry::Rng). Throws std::invalid_argument when hidden is out of range.
Lstm lstm_init(const LstmConfig& config);

// The stack of activities of one sequence.
struct LstmTrace {
    int H = 0, T = 0;
    std::vector<double> x;      // (T, 2)   input bits
    std::vector<double> gates;  // (T, 4H)  i, f, g, o after their squashing functions
    std::vector<double> c;      // (T+1, H) c(-1) .. c(T-1): row t+1 is c(t)
    std::vector<double> tc;     // (T, H)   tanh(c(t))
    std::vector<double> h;      // (T+1, H) h(-1) .. h(T-1): row t+1 is h(t)
    std::vector<double> logit;  // (T)      w_out . h(t) + b_out
};

// Forward over the pair's T columns; returns the sequence's loss (summed cross-entropy).
double lstm_forward(LstmTrace& trace, const Lstm& lstm, const Pair& pair, const Task& task = add_task());

// Per-step derivatives w.r.t. the state, filled by lstm_backward when asked.
struct LstmStateDeltas {
    std::vector<double> d_h;  // (T, H) dE/dh(t), everything that reaches h(t)
    std::vector<double> d_c;  // (T, H) dE/dc(t), including the path through h(t)
};

// Backward through time: grads (lstm_param_count doubles) += scale * dE/dparams, where E has the
// derivative d_logit[t] at the logit of step t (T values). For training, d_logit[t] = y(t) - s_t.
void lstm_backward(std::vector<double>& grads, const LstmTrace& trace, const Lstm& lstm,
                   const std::vector<double>& d_logit, double scale = 1.0, LstmStateDeltas* deltas = nullptr);

// d_logit for the cross-entropy against the pair's sum bits: y(t) - s_t.
std::vector<double> lstm_loss_derivatives(const LstmTrace& trace, const Pair& pair, const Task& task = add_task());

// The LSTM's n+1 sum bits (LSB first): bit t = [y(t) >= 0.5].
BitVector lstm_add(const Lstm& lstm, const Pair& pair);

// The zoo model: trains `config.sequences` sequences from data.train (in order, cycling), with
// Adam on minibatches of config.batch and gradient clipping. Throws std::invalid_argument on a
// bad config.
std::unique_ptr<Model> make_lstm(const ZooData& data, const LstmConfig& config);

}  // namespace carry::zoo
