// optim: SGD with momentum, Adam, gradient-norm clipping. Plain loops in parameter order.
#include "core/optim.h"

#include <cmath>  // std::sqrt only (IEEE, identical everywhere)

namespace carry {

void optim_reset(OptimState& st, std::size_t n_params, const OptimConfig& cfg) {
    st.m.assign(n_params, 0.0);
    if (cfg.kind == OptimizerKind::Adam)
        st.v.assign(n_params, 0.0);
    else
        st.v.clear();
    st.t = 0;
    st.beta1_t = 1.0;
    st.beta2_t = 1.0;
}

bool optim_state_fits(const OptimState& st, std::size_t n_params, const OptimConfig& cfg) {
    return st.m.size() == n_params && st.v.size() == (cfg.kind == OptimizerKind::Adam ? n_params : 0);
}

double grad_norm(const std::vector<double>& grads) {
    double s = 0.0;
    for (double g : grads) s += g * g;
    return std::sqrt(s);
}

double scheduled_momentum(long long t, double mu_max) {
    const double k = static_cast<double>(t / 250) + 1.0;
    const double mu = 1.0 - 1.0 / (2.0 * k);
    return mu < mu_max ? mu : mu_max;
}

double optim_step(std::vector<double>& params, std::vector<double>& grads, OptimState& st, const OptimConfig& cfg,
                  const std::vector<unsigned char>& frozen) {
    const std::size_t n = params.size();
    if (st.m.size() != n || (cfg.kind == OptimizerKind::Adam && st.v.size() != n)) optim_reset(st, n, cfg);
    const double norm = grad_norm(grads);
    if (cfg.clip_norm > 0.0 && norm > cfg.clip_norm) {
        const double f = cfg.clip_norm / norm;
        for (double& g : grads) g *= f;
    }
    const double mu = cfg.momentum_schedule ? scheduled_momentum(st.t, cfg.momentum) : cfg.momentum;
    ++st.t;
    const bool has_frozen = !frozen.empty();
    if (cfg.kind == OptimizerKind::SgdMomentum) {
        for (std::size_t i = 0; i < n; ++i) {
            if (has_frozen && frozen[i]) continue;
            st.m[i] = mu * st.m[i] - cfg.lr * grads[i];
            params[i] += st.m[i];
        }
    } else {
        st.beta1_t *= cfg.beta1;
        st.beta2_t *= cfg.beta2;
        const double b1t = st.beta1_t, b2t = st.beta2_t;
        const double c1 = 1.0 / (1.0 - b1t), c2 = 1.0 / (1.0 - b2t);
        for (std::size_t i = 0; i < n; ++i) {
            if (has_frozen && frozen[i]) continue;
            const double g = grads[i];
            st.m[i] = cfg.beta1 * st.m[i] + (1.0 - cfg.beta1) * g;
            st.v[i] = cfg.beta2 * st.v[i] + (1.0 - cfg.beta2) * g * g;
            params[i] -= cfg.lr * (st.m[i] * c1) / (std::sqrt(st.v[i] * c2) + cfg.eps);
        }
    }
    return norm;
}

}  // namespace carry
