// zoo/gradients: gradients through time (the lecture's 7d). Send an error back from the last
// output and measure how big the error derivative on the hidden state is at each step back. In
// the recurrent net every step back multiplies it by the recurrent weights and by the logistic's
// slope, so with small weights it shrinks exponentially (vanishes) and with weights big enough
// to outweigh the slope it can grow exponentially (explodes); in the LSTM the memory cell is kept
// by multiplying by the keep gate, so the derivative along the cell decays no faster than the
// keep gate lets it.
//
// Implements:
//   - rnn_gradient_norms(): for the core net (carry::Net), |dE/dh(T-k)| for k = 0..T, from the
//     core's own rnn_forward / rnn_backward (core/bptt.h) and their per-step deltas
//   - lstm_gradient_norms(): for the LSTM (zoo/lstm.h), |(dE/dh(t), dE/dc(t))| at each step back
//   - per_step_factor() / describe_factor(): the geometric-mean factor per step back and one
//     phrase ("vanishes by x0.30 per step", "explodes by x2.10 per step")
//   - gradient_curves(): the view's set: the core net at several weight scales, and the LSTM
//
// E has a unit derivative at the logit of the LAST output and nothing else, so nets with
// different errors compare (the same convention as the app's backprop_norms, app/bptt_view.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/net.h"
#include "core/task.h"
#include "core/zoo/lstm.h"

namespace carry::zoo {

// norms[k] = |dE/dh(T - k)|, k = 0 .. T (T = n+1 columns; h(T) drives the last output o(T+1)).
std::vector<double> rnn_gradient_norms(const Net& net, const Pair& pair);

// norms[k] = sqrt(|dE/dh(t)|^2 + |dE/dc(t)|^2) at t = T-1-k, k = 0 .. T-1 (h(T-1), c(T-1) drive
// the last output y(T-1)); dE/dc(t) includes the path through h(t).
std::vector<double> lstm_gradient_norms(const Lstm& lstm, const Pair& pair);

// The geometric-mean factor per step back, (norms[K] / norms[0])^(1/K), over the steps K before
// the first norm that is not a positive normal double (it underflowed). 1 with fewer than 2 usable
// points.
double per_step_factor(const std::vector<double>& norms);

// "vanishes by x0.30 per step", "explodes by x2.10 per step", or "holds (x1.00 per step)" within 2%.
std::string describe_factor(double factor);

struct GradientCurve {
    std::string label;          // "RNN, weights x0.5", ..., "LSTM"
    double weight_scale = 0.0;  // the core net's init_scale (0 for the LSTM)
    bool lstm = false;
    std::vector<double> norms;  // norms[k] k steps back from the last output
    double factor = 1.0;        // per_step_factor(norms)
};

struct GradientsConfig {
    int bits = 32;                                                     // n: the sum the errors flow back through
    std::uint64_t seed = 1;                                            // weights of every net and the sum's bits
    std::vector<double> weight_scales{0.5, 1.0, 2.0, 4.0, 8.0, 16.0};  // NetConfig::init_scale
    int rnn_hidden = 3;                                                // the lecture's net
    // Biases set so every hidden unit sits at its steepest slope (z = 0) when every input and
    // hidden activity is 0.5. Without it big weights saturate the logistic units, whose slope
    // then kills the derivative: the lecture net's gradients vanish at EVERY weight scale.
    bool centred = false;
    LstmConfig lstm;  // its seed is replaced by `seed`
};

// One curve per weight scale (net_init with the same seed: the weights differ only by the scale;
// then centred if asked), then the untrained LSTM, all on the same random pair of `bits` bits.
// Measured (bits 32, seeds 1..16): H = 3 vanishes at every scale (x0.06-0.15 per step at 0.5,
// never above x1 at 16: saturation); H = 16 centred explodes at scale 16 (x1.06-1.33 per step).
std::vector<GradientCurve> gradient_curves(const GradientsConfig& config);

}  // namespace carry::zoo
