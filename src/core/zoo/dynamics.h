// zoo/dynamics: a recurrent net running on its own, as a deterministic dynamical system (issue 9's
// dynamics explorer). Lecture 7: recurrent nets "can oscillate, settle to point attractors, or
// behave chaotically"; this file lets a student see all three in the same kind of net as the
// playground's, and measures which one is happening.
//
// Implements:
//   - FreeNet: H logistic hidden units with recurrent weights and biases, and no input
//   - free_run(): the trajectory h(0) .. h(T) from a chosen initial state
//   - free_net_from(): the playground's net (core/net.h) with one input column held constant
//   - largest_lyapunov(): how fast nearby states fly apart (> 0) or come together (< 0)
//   - detect_period() / analyze_dynamics(): the verdict (point attractor, oscillation, chaos)
//   - dynamics_preset(): one net per behaviour the lecture names
//
// Dimension legend: H = hidden units (1..kMaxHidden; the explorer edits 1..8, the playground's
// nets have H = 3), T = steps run.
//
// One step (every connection has a delay of one step, as in core/net.h):
//   h(t+1) = sigmoid(W h(t) + b)
// With the playground's net and a constant input column (a, b) this is the same step with
// b = b_hid + W_in (a, b): a constant input is a bias.
//
// The largest Lyapunov exponent: a tiny difference d between two nearby states is carried one step
// by the Jacobian J(t) = diag(h(t+1) (1 - h(t+1))) W, so |d| grows or shrinks by |J d| / |d|.
// Carrying a unit tangent vector along the trajectory, renormalizing each step, and averaging the
// log of the growth over many steps (after a transient) gives the exponent: > 0 means nearby
// states fly apart (chaos), < 0 means they come together (a point attractor or a stable cycle).
#pragma once

#include <cstdint>
#include <vector>

#include "core/net.h"

namespace carry::zoo {

inline constexpr int kDynamicsMaxHidden = kMaxHidden;  // what the core accepts (32)
inline constexpr int kDynamicsEditHidden = 8;          // what the explorer edits by hand

// H logistic units, no input.
struct FreeNet {
    int hidden = 3;
    std::vector<double> w;  // (H, H) row-major: w[i*H + j] = weight from unit j to unit i
    std::vector<double> b;  // (H)
};

// An all-zero net of H units. Throws std::invalid_argument unless 1 <= H <= kDynamicsMaxHidden.
FreeNet make_free_net(int hidden);

// One step: h_next (H) = sigmoid(W h + b). h and h_next must not alias.
void free_step(const FreeNet& net, const double* h, double* h_next);

// Runs `steps` steps from h0 (H values, any reals; the first step squashes them into (0,1)).
// Returns h(0) .. h(steps), (steps+1, H) row-major. Throws std::invalid_argument on a bad shape.
std::vector<double> free_run(const FreeNet& net, const std::vector<double>& h0, int steps);

// The playground's net with the input column (a, b) held constant at every step: its recurrent
// weights, and b_hid + W_in (a, b) as the bias. Run it from net.view().h0.
FreeNet free_net_from(const Net& net, int a, int b);
// Its initial state h(0) (H values).
std::vector<double> initial_state_of(const Net& net);

// Largest Lyapunov exponent (natural log per step): `transient` steps from h0 are run first, then
// the mean of log(growth) over `steps` steps. -infinity when a tangent vector is wiped out
// exactly (e.g. W = 0: every state goes to the same point in one step).
double largest_lyapunov(const FreeNet& net, const std::vector<double>& h0, int transient, int steps);

// The smallest period p in 1..max_period with |h(t) - h(t-p)| <= tol (largest component) for the
// last `confirm` steps of a trajectory (as returned by free_run); 0 when none (or too short).
// Period 1 is a fixed point.
int detect_period(const std::vector<double>& trajectory, int hidden, int max_period, double tol, int confirm = 8);

enum class Behaviour {
    PointAttractor,  // settles to one state: period 1, exponent < 0
    Oscillation,     // a limit cycle: period >= 2, exponent < 0 (or ~ 0)
    Chaos,           // never repeats and nearby states fly apart: exponent > 0
    Quasiperiodic,   // never repeats but nearby states neither fly apart nor come together:
                     // exponent ~ 0 (a smooth closed curve, or a very slow transient)
};
const char* behaviour_name(Behaviour b);

struct DynamicsAnalysis {
    Behaviour behaviour = Behaviour::PointAttractor;
    double lyapunov = 0.0;      // largest Lyapunov exponent (per step)
    int period = 0;             // 0 when no period was found
    double final_change = 0.0;  // |h(T) - h(T-1)| (largest component): ~0 at a point attractor
};

struct DynamicsSettings {
    int transient = 1000;  // steps run before anything is measured
    int measure = 3000;    // steps averaged for the exponent
    int max_period = 64;   // longest cycle looked for
    double period_tol = 1e-7;
    double chaos_threshold = 0.01;  // exponent above this (and no period) is chaos
};

// The verdict for the net run from h0 (independent of how many steps a view shows).
DynamicsAnalysis analyze_dynamics(const FreeNet& net, const std::vector<double>& h0,
                                  const DynamicsSettings& settings = {});

// A net and an initial state that show one of the lecture's three behaviours (H = 3, like the
// playground's nets). `behaviour` must be PointAttractor, Oscillation or Chaos.
struct DynamicsPreset {
    FreeNet net;
    std::vector<double> h0;
};
DynamicsPreset dynamics_preset(Behaviour behaviour);

}  // namespace carry::zoo
