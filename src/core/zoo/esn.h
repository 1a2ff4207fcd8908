// zoo/esn: an echo state network (Jaeger 2001), the lecture's third way around hard-to-learn
// recurrent weights (issue 20, item 2): a FIXED random recurrent reservoir, and only a linear
// readout trained, in closed form by ridge regression (zoo/ridge.h). No gradient ever flows
// through time, so none can vanish or explode; the price is that the recurrent dynamics are
// whatever the random draw gives.
//
// Implements:
//   - EsnConfig, Esn, esn_init(): the reservoir drawn from the seed and scaled to a spectral radius
//   - spectral_radius(): the largest |eigenvalue| of a square matrix by power iteration
//   - esn_features(): the readout's feature rows [1, a_t, b_t, x(t)] over a pair's columns
//   - esn_fit(): the readout by ridge regression on training pairs; esn_add(): the sum bits
//   - esn_memory_capacity(): Jaeger's short-term memory capacity of the reservoir
//
// Dimension legend: N = reservoir units, 2 inputs (the column's bits a, b), F = 3 + N features.
//
// One step t (column t = (a_t, b_t), x(-1) = 0 so every sum starts from the same state):
//   x(t) = (1 - leak) x(t-1) + leak tanh(W x(t-1) + input_scale (W_in (a_t, b_t) + bias))
//   y(t) = w . [1, a_t, b_t, x(t)]           guess for sum bit t: 1 when y(t) >= 0.5
// W (N, N) uniform in [-1, 1], then scaled so its spectral radius is config.spectral_radius;
// W_in (N, 2) and bias (N) uniform in [-1, 1]. tanh(z) = 2 sigmoid(2z) - 1 (mathx.h: no libm).
// The readout is linear and thresholded at 0.5 (no logistic on top): the least-squares fit of the
// 0/1 sum bits. The same timing as the LSTM (zoo/lstm.h): the output at step t has read columns
// 0..t, exactly what the core net has read when it prints sum bit t two steps later.
//
// Spectral radius: power iteration from a seeded random vector, renormalized every step; the
// radius is the mean growth per step, exp((log|W^k1 v| - log|W^k0 v|) / (k1 - k0)), over steps
// k0 = 100 .. k1 = 1100. A plain Rayleigh quotient would not do: a random non-symmetric W's
// largest eigenvalues are usually a complex pair, around which the iterate rotates instead of
// settling; its LENGTH still grows by rho per step on average (Gelfand), within about 1% here.
//
// Memory capacity (Jaeger 2002): drive the reservoir with random column bits; for each delay
// k = 1 .. max_delay fit a linear readout of [1, x(t)] to the input bit a(t-k) (ridge, on the
// first half of the steps) and take r^2 of its output against a(t-k) on the second half;
// MC = sum over k of r^2. At most N for a linear reservoir of N units.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/task.h"

namespace carry::zoo {

inline constexpr int kMinEsnSize = 2;
inline constexpr int kMaxEsnSize = 400;

struct EsnConfig {
    int size = 100;                // N reservoir units
    double spectral_radius = 0.9;  // of W after scaling (> 0)
    double input_scale = 1.0;      // scales W_in and the bias
    double leak = 1.0;             // leaky integration: 1 = no leak (0 < leak <= 1)
    double ridge = 1e-6;           // beta of the readout's ridge regression (> 0)
    std::uint64_t seed = 1;        // reservoir weights
};

struct Esn {
    EsnConfig config;
    std::vector<double> w;        // (N, N) recurrent weights, already scaled
    std::vector<double> w_in;     // (N, 2)
    std::vector<double> bias;     // (N)
    std::vector<double> readout;  // (3 + N) weights of [1, a, b, x]; empty until esn_fit
    double raw_radius = 0.0;      // spectral radius of W as drawn, before scaling
    int features() const { return 3 + config.size; }
};

// Throws std::invalid_argument when a setting is out of range.
void esn_validate(const EsnConfig& config);
// The reservoir of the config (readout empty).
Esn esn_init(const EsnConfig& config);

// Largest |eigenvalue| of the (n, n) row-major matrix m, by power iteration (see above).
double spectral_radius(const std::vector<double>& m, int n, std::uint64_t seed = 1);

// Feature rows [1, a_t, b_t, x(t)] for the T = n+1 columns of the pair: (T, F) row-major.
void esn_features(std::vector<double>& rows, const Esn& esn, const Pair& pair);

// Fits the readout on the pairs' every column (target: the sum bit). Returns the training
// steps used.
long long esn_fit(Esn& esn, const std::vector<Pair>& train);

// The n+1 sum bits (LSB first): bit t = [y(t) >= 0.5]. Needs a fitted readout.
BitVector esn_add(const Esn& esn, const Pair& pair);

// Memory capacity on `steps` random columns (a washout of 50 steps first), per delay into
// `per_delay` (max_delay values, delay k at index k-1) when given.
double esn_memory_capacity(const Esn& esn, int max_delay, int steps, std::uint64_t seed,
                           std::vector<double>* per_delay = nullptr);

}  // namespace carry::zoo
