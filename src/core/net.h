// net: the lecture's recurrent adder net: its settings, its parameters, and one time step.
//
// Implements:
//   - NetConfig, InitialState, kOutputDelay, param_count()
//   - Net: every parameter as a double in ONE contiguous buffer, with named views
//   - net_init(): seeded initialization
//   - net_step_hidden() / net_output(): one time step, for automaton extraction, hand-wired nets
//   - net_add(): runs the net over a whole pair and reads off its sum bits
//
// Dimension legend: H = hidden units (1..32), 2 = inputs (the column's bits a, b), 1 output.
//
// Timing (every connection has a delay of one step, as in the lecture):
//   h(t+1) = sigmoid(W_in x(t) + W_rec h(t) + b_hid)        x(t) = column t = (a_t, b_t)
//   o(t+1) = sigmoid(w_out . h(t) + b_out)
//   h(0) = h0, o(0) = o0  (the initial state)
// so column t reaches the hidden units at step t+1 and the output at step t+2: the target of
// o(t + kOutputDelay) is sum bit t. A pair of n bits is read as n+1 columns (one zero pad column),
// the net runs steps 0 .. n+2, and o(2) .. o(n+2) are its n+1 sum bits.
//
// Parameter buffer order (model files serialize exactly this order; never reorder):
//   w_in  (H, 2)  row-major: w_in[i*2 + k]  = weight from input k (0 = a, 1 = b) to hidden i
//   w_rec (H, H)  row-major: w_rec[i*H + j] = weight from hidden j to hidden i (both directions
//                 are separate weights; i == j is the self-connection)
//   b_hid (H)     hidden biases
//   w_out (H)     w_out[j] = weight from hidden j to the output
//   b_out (1)     output bias
//   h0    (H)     initial hidden state h(0) (an activity in [0,1] when fixed; learned: any real)
//   o0    (1)     initial output state o(0); o(0) feeds nothing (connections go into the output,
//                 never out of it), so its gradient is exactly 0 and it never changes
// total = H*H + 5H + 2 doubles.
#pragma once

#include <cstddef>
#include <vector>

#include "core/rng.h"
#include "core/task.h"

namespace carry {

// Steps from a column entering the net to its sum bit on the output: one step input -> hidden,
// one step hidden -> output (each connection delays by one step).
inline constexpr int kOutputDelay = 2;

inline constexpr int kInputs = 2;
inline constexpr int kMinHidden = 1;
inline constexpr int kMaxHidden = 32;

// How the initial state h0/o0 is treated.
enum class InitialState {
    Learned,    // a parameter like the weights (default; the lecture says this is better)
    FixedHalf,  // every unit starts at 0.5, never trained
    FixedZero,  // every unit starts at 0, never trained
};

// How the recurrent weights W_rec start (issue 20: careful initialization, Sutskever et al. 2013).
// Every choice draws the same random numbers in the same order, so the other weights are the same.
enum class RecurrentInit {
    Random,      // init_scale * N(0,1) / sqrt(fan_in), like every other weight (default)
    Identity,    // init_scale * I
    Orthogonal,  // init_scale * Q, Q from Gram-Schmidt on the random draw above (Q^T Q = I)
};

struct NetConfig {
    int hidden = 3;  // H, 1..32
    InitialState initial_state = InitialState::Learned;
    double init_scale = 2.0;  // weights and biases ~ init_scale * N(0,1) / sqrt(fan_in)
    double init_h0 = 0.5;     // starting value of a learned h0 (fixed modes use 0.5 / 0)
    RecurrentInit recurrent_init = RecurrentInit::Random;
};

// "random", "identity", "orthogonal".
const char* recurrent_init_name(RecurrentInit r);

// Orthonormalizes the columns of the row-major (H, H) matrix m in place (modified Gram-Schmidt,
// done twice for accuracy): afterwards m^T m = I to rounding. A column that is (numerically) in
// the span of the ones before it is replaced by the first unit vector that is not. Deterministic.
void orthonormalize(double* m, int H);

// Number of doubles in the parameter buffer for H hidden units: H*H + 5H + 2.
constexpr std::size_t param_count(int hidden) {
    const auto h = static_cast<std::size_t>(hidden);
    return h * h + 5 * h + 2;
}

// Offsets of each group inside the buffer (see the order above).
struct ParamLayout {
    std::size_t w_in, w_rec, b_hid, w_out, b_out, h0, o0, total;
};
constexpr ParamLayout param_layout(int hidden) {
    const auto h = static_cast<std::size_t>(hidden);
    ParamLayout l{};
    l.w_in = 0;
    l.w_rec = l.w_in + 2 * h;
    l.b_hid = l.w_rec + h * h;
    l.w_out = l.b_hid + h;
    l.b_out = l.w_out + h;
    l.h0 = l.b_out + 1;
    l.o0 = l.h0 + h;
    l.total = l.o0 + 1;
    return l;
}

// Named pointers into one parameter-shaped buffer (weights, gradients, optimizer moments alike).
template <class T>
struct ParamViewT {
    T* w_in;   // (H, 2)
    T* w_rec;  // (H, H)
    T* b_hid;  // (H)
    T* w_out;  // (H)
    T* b_out;  // (1)
    T* h0;     // (H)
    T* o0;     // (1)
};
using ParamView = ParamViewT<double>;
using ConstParamView = ParamViewT<const double>;

ParamView param_view(double* buffer, int hidden);
ConstParamView param_view(const double* buffer, int hidden);

struct Net {
    NetConfig config;
    std::vector<double> params;  // param_count(config.hidden) doubles, order above

    int hidden() const { return config.hidden; }
    ParamView view() { return param_view(params.data(), config.hidden); }
    ConstParamView view() const { return param_view(params.data(), config.hidden); }
};

// A net of the given shape with every parameter 0 and the initial state set per config
// (h0 = o0 = 0.5 for Learned/FixedHalf, 0 for FixedZero). Throws std::invalid_argument on bad H.
Net make_net(const NetConfig& config);

// Seeded random init: w ~ init_scale * N(0,1)/sqrt(fan_in) (fan_in: 2+H+1 for hidden units
// counting the bias, H+1 for the output), initial state per config.
Net net_init(const NetConfig& config, Rng& rng);
Net net_init(const NetConfig& config, std::uint64_t seed);

// Puts h0/o0 back to their fixed values when the initial state is not learned.
void apply_fixed_initial_state(Net& net);

// One step of the hidden units: h_next (H) = sigmoid(W_in (a,b) + W_rec h_prev + b_hid).
// h_prev and h_next are H doubles each and must not alias.
void net_step_hidden(double* h_next, const Net& net, const double* h_prev, int a, int b);

// The output unit driven by hidden state h (H doubles): sigmoid(w_out . h + b_out).
double net_output(const Net& net, const double* h);

// Runs the net over a pair. Returns its n+1 sum bits (LSB first): bit t = [o(t+kOutputDelay) >= 0.5].
// If `hidden` is given it receives h(0) .. h(n+1), (n+2, H) row-major; if `outputs` is given it
// receives o(0) .. o(n+2).
BitVector net_add(const Net& net, const Pair& pair, std::vector<double>* hidden = nullptr,
                  std::vector<double>* outputs = nullptr);

}  // namespace carry
