// bptt: backpropagation through time over a minibatch, exactly as the lecture tells it.
//
// Implements:
//   - Batch: B pairs of one length n, as columns (structure of arrays, batch innermost), with
//            optionally an initial state per sequence (h0) instead of the net's
//   - rnn_forward():  runs all T = n+1 columns, keeping the stack of every unit's activity at
//                     every step (Activities), and the cross-entropy loss
//   - rnn_backward(): peels that stack off from the last step to the first, getting the error
//                     derivatives at each step, and ADDS (+=) each weight's derivative summed over
//                     steps (or averaged, LossConfig::average_over_steps) into grads
//   - zero_grad()
//   - kernel_isa() / force_baseline_kernels(): which compiled copy of the kernels runs
//
// Timing and parameter order: see net.h. Targets: the output o(t + kOutputDelay) against sum bit t,
// for every column t (default) or only the last k columns.
// Loss (per sequence) = sum over targeted t of CE(o(t+2), s_t); the batch loss is the mean over
// the B sequences, and gradients are of that mean.
//
// Dimension legend: B = batch, H = hidden, T = columns = n+1, S = T+2 time steps 0..T+1.
// Batch layout is batch-innermost ([t][unit][b]). Groups of 8 sequences run as 2-lane SIMD
// vectors across the batch; a sequence left over (and batch 1) runs vectorized across units.
// Either way every value goes through the same scalar operations in the same order, so neither
// the SIMD width nor the batch split changes a bit (tests/unit/test_net_gradients.cpp).
#pragma once

#include <vector>

#include "core/machine.h"
#include "core/net.h"
#include "core/task.h"

namespace carry {

struct Batch {
    int B = 0;                   // sequences
    int n = 0;                   // bits per number
    int T = 0;                   // columns = n + 1
    std::vector<double> x;       // (T, 2, B) input bits as 0.0/1.0 (pad column is zero)
    std::vector<double> target;  // (T, B)    sum bit of column t
    std::vector<double> h0;      // (H, B)    per-sequence initial state; empty: every sequence
                                 //           starts from the net's h0 (its gradient still goes
                                 //           to the net's h0, which the caller may freeze)
};

// Packs pairs (all of the same length) into a batch. Throws std::invalid_argument otherwise.
void batch_from_pairs(Batch& batch, const std::vector<Pair>& pairs);
// Draws B random pairs of n bits into the batch (reuses its storage; no allocation when warm).
void batch_random(Batch& batch, Rng& rng, int B, int n);
// The same for any task (issue 19): the same draws as batch_random (so add is bit-identical), b
// zeroed for a one-input task, targets from the task's machine.
void batch_random(Batch& batch, Rng& rng, int B, int n, const Task& task);
void batch_from_pairs(Batch& batch, const std::vector<Pair>& pairs, const Task& task);

struct LossConfig {
    int last_k = 0;                   // 0: a target at every column; k > 0: only the last k columns
    bool average_over_steps = false;  // false: derivative summed over steps (lecture); true: mean
};

// The stack of activities kept by the forward pass.
struct Activities {
    int B = 0, H = 0, T = 0;
    std::vector<double> h;  // (T+1, H, B) h(0) .. h(T)
    std::vector<double> o;  // (T+2, B)    o(0) .. o(T+1); o(t+2) is the guess for sum bit t
};

// Per-step error derivatives, filled by rnn_backward when asked (the stepper and UI show them).
struct Deltas {
    std::vector<double> d_out;  // (T+2, B)    dE/dz of the output logit at step s (0 where no target)
    std::vector<double> d_h;    // (T+1, H, B) dE/dh(s), the derivative w.r.t. the hidden activity
    std::vector<double> d_zh;   // (T+1, H, B) dE/dz_h(s) = d_h * h (1-h); row s = 0 stays 0
};

// Forward: fills acts; returns the batch loss (mean over sequences of summed/averaged CE).
double rnn_forward(Activities& acts, const Net& net, const Batch& batch, const LossConfig& loss);

// Backward: grads (param_count(H) doubles, parameter order) += d(batch loss)/d(params).
// Needs the acts of the matching rnn_forward. If deltas != nullptr it receives the per-step
// derivatives. Gradients of h0/o0 are produced regardless of the initial-state mode (the
// optimizer skips fixed ones); the o0 gradient is always exactly 0 (o(0) feeds nothing).
void rnn_backward(std::vector<double>& grads, const Activities& acts, const Net& net, const Batch& batch,
                  const LossConfig& loss, Deltas* deltas = nullptr);

void zero_grad(std::vector<double>& grads);

// The kernels exist as "baseline" code (SSE2 natively, SIMD128 in WebAssembly) and, in x86-64
// GCC builds, as an "avx" copy of the same source (three-operand VEX encoding, no FMA: the same
// bits). The AVX copy runs where the CPU has AVX; force_baseline_kernels(true) switches back to
// the baseline (the tests compare the two; carry-bench measures both).
const char* kernel_isa();
void force_baseline_kernels(bool on);

// Number of targeted columns in a sequence of T columns under this loss config.
int targeted_columns(int T, const LossConfig& loss);

}  // namespace carry
