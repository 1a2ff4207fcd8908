// bptt_view: the numbers the backpropagation-through-time view shows, computed from a Stepper
// (one sum's forward stack and, after Stepper::backward(), its per-step error derivatives).
//
// Implements:
//   - bptt_step_terms(): what step s adds to every weight's derivative (parameter order):
//       s = 0:      h0 += dE/dh(0)
//       1 <= s <= T: with dz = dE/dz_h(s):  w_in[i,k] += dz_i x_k(s-1),  w_rec[i,j] += dz_i h_j(s-1),
//                    b_hid[i] += dz_i
//       s >= 1:     with d = dE/dz_o(s):    w_out[j] += d h_j(s-1),  b_out += d
//   - bptt_peeled_sum(): the sum of those terms over the steps the backward pass has peeled so far
//     (steps >= from); from = 0 gives each weight's full derivative, which must equal the core's
//     rnn_backward gradient for the same sum (tests/unit/test_inside.cpp)
//   - bptt_update(): the step the trainer's optimizer would take from that gradient (a copy of its
//     state: clipping, momentum / Adam), next to plain -lr x derivative
//   - backprop_norms(): exploding/vanishing gradients: a unit error at the last output sent back
//     through the net, |dE/dh| at each step back
//   - bptt_cell_text(): a value as the grid's fixed-width cells show it (two significant digits)
#pragma once

#include <string>
#include <vector>

#include "core/net.h"
#include "core/optim.h"
#include "core/stepper.h"
#include "core/task.h"

namespace carry {

std::vector<double> bptt_step_terms(const Stepper& st, int s);
std::vector<double> bptt_peeled_sum(const Stepper& st, int from);

// Parameter update (new - old) the optimizer would make from `grads` with a copy of `state`.
std::vector<double> bptt_update(const Net& net, const std::vector<double>& grads, const OptimState& state,
                                const OptimConfig& cfg);

// norms[k] = |dE/dh(T - k)| for k = 0 .. T, where E has a unit derivative at the logit of the last
// output o(T+1) and nothing else (so nets with different errors compare).
std::vector<double> backprop_norms(const Net& net, const Pair& pair);

// A value in at most 6 characters, as the BPTT grid's cells show it: two significant digits
// ("-0.052", "3.1", "45"; one below 0.01: "-0.008"), "≈0" when |x| < kBpttNearZero (the exact
// value is on hover), whole numbers up to 999, then "1.2e3" (one digit from 1e10 on: "-2e308");
// "0" only for an exact 0.
inline constexpr double kBpttNearZero = 0.001;
const char* bptt_cell_text(char* buf, std::size_t n, double x);
// An activity as its cell shows it: "0.87" (two decimals) below 10 in size, else bptt_cell_text's
// form (a learned initial state h(0) is a free value, not a unit's output, and may lie anywhere).
const char* bptt_activity_text(char* buf, std::size_t n, double x);

// Name of parameter p ("w_in[h2<-a]", "w_rec[h1<-h3]", "b_hid[h2]", "w_out[h1]", "b_out", "h0[h1]").
std::string param_name(int hidden, std::size_t p);

}  // namespace carry
