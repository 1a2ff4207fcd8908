// optim: parameter updates from gradients: SGD with momentum (default), Adam, grad-norm clipping.
//
// All state lives in plain parameter-shaped buffers so model files and the UI can read it.
#pragma once

#include <vector>

namespace carry {

enum class OptimizerKind { SgdMomentum, Adam };

struct OptimConfig {
    OptimizerKind kind = OptimizerKind::SgdMomentum;
    // Defaults tuned for the adder (H=3): see TrainConfig in trainer.h.
    double lr = 0.2;
    double momentum = 0.8;   // SGD
    double beta1 = 0.9;      // Adam
    double beta2 = 0.999;    // Adam
    double eps = 1e-8;       // Adam
    double clip_norm = 1.0;  // > 0: scale the gradient down to this L2 norm when larger (0: off)
    // SGD: Sutskever, Martens, Dahl & Hinton (2013)'s schedule instead of a constant momentum:
    // update t (0, 1, ..) uses scheduled_momentum(t, momentum), `momentum` being its ceiling.
    bool momentum_schedule = false;
};

// mu_t = min(1 - 2^(-1 - log2(floor(t / 250) + 1)), mu_max) = min(1 - 1 / (2 (floor(t/250) + 1)), mu_max):
// 0.5 for the first 250 updates, then 0.75, 0.833, 0.875, 0.9, .. up to mu_max. No pow/log (exact).
double scheduled_momentum(long long t, double mu_max);

struct OptimState {
    std::vector<double> m;  // SGD: velocity; Adam: first moment
    std::vector<double> v;  // Adam: second moment (empty for SGD)
    long long t = 0;        // updates done
    double beta1_t = 1.0;   // Adam: beta1^t, beta2^t kept as running products (no pow: libm-free)
    double beta2_t = 1.0;
};

void optim_reset(OptimState& st, std::size_t n_params, const OptimConfig& cfg);

// Whether a saved state fits n_params parameters under this optimizer (Adam: m and v; SGD: m only).
bool optim_state_fits(const OptimState& st, std::size_t n_params, const OptimConfig& cfg);

// L2 norm of the gradient (fixed summation order).
double grad_norm(const std::vector<double>& grads);

// One update. Parameters with frozen[i] != 0 are not touched (fixed initial state); frozen may be
// empty. grads may be rescaled in place by clipping. Returns the gradient norm before clipping.
double optim_step(std::vector<double>& params, std::vector<double>& grads, OptimState& st, const OptimConfig& cfg,
                  const std::vector<unsigned char>& frozen);

}  // namespace carry
