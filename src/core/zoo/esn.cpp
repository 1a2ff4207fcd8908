// zoo/esn: the echo state network (see esn.h).
#include "core/zoo/esn.h"

#include <cmath>
#include <stdexcept>

#include "core/mathx.h"
#include "core/rng.h"
#include "core/zoo/ridge.h"

namespace carry::zoo {

namespace {

double det_tanh(double z) { return 2.0 * sigmoid(2.0 * z) - 1.0; }

double norm2(const std::vector<double>& v) {
    double s = 0.0;
    for (double x : v) s += x * x;
    return std::sqrt(s);
}

// x <- the next state after column (a, b) (x: N values; scratch: N values).
void esn_step(std::vector<double>& x, std::vector<double>& scratch, const Esn& e, double a, double b) {
    const int N = e.config.size;
    const double s = e.config.input_scale, leak = e.config.leak;
    for (int i = 0; i < N; ++i) {
        const auto ui = static_cast<std::size_t>(i);
        const double* row = e.w.data() + ui * static_cast<std::size_t>(N);
        double z = 0.0;
        for (int j = 0; j < N; ++j) z += row[j] * x[static_cast<std::size_t>(j)];
        z += s * (e.w_in[ui * 2] * a + e.w_in[ui * 2 + 1] * b + e.bias[ui]);
        scratch[ui] = det_tanh(z);
    }
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = (1.0 - leak) * x[i] + leak * scratch[i];
}

}  // namespace

void esn_validate(const EsnConfig& c) {
    if (c.size < kMinEsnSize || c.size > kMaxEsnSize || !(c.spectral_radius > 0.0 && c.spectral_radius <= 10.0) ||
        !(c.input_scale >= 0.0 && c.input_scale <= 100.0) || !(c.leak > 0.0 && c.leak <= 1.0) ||
        !(c.ridge > 0.0 && c.ridge <= 1e6))
        throw std::invalid_argument("esn: config out of range");
}

double spectral_radius(const std::vector<double>& m, int n, std::uint64_t seed) {
    constexpr int kWarm = 100, kMeasure = 1000;
    const auto N = static_cast<std::size_t>(n);
    Rng rng(seed);
    std::vector<double> v(N), nv(N);
    for (double& x : v) x = rng.uniform(-1.0, 1.0);
    double log_growth = 0.0;
    for (int k = 0; k < kWarm + kMeasure; ++k) {
        const double len = norm2(v);
        if (!(len > 0.0)) return 0.0;  // nilpotent (or the start vector in its kernel)
        if (k > kWarm) log_growth += det_log(len);
        for (double& x : v) x /= len;
        for (std::size_t i = 0; i < N; ++i) {
            double s = 0.0;
            for (std::size_t j = 0; j < N; ++j) s += m[i * N + j] * v[j];
            nv[i] = s;
        }
        v.swap(nv);
    }
    const double len = norm2(v);
    if (!(len > 0.0)) return 0.0;
    log_growth += det_log(len);
    return det_exp(log_growth / kMeasure);
}

Esn esn_init(const EsnConfig& config) {
    esn_validate(config);
    Esn e;
    e.config = config;
    const auto N = static_cast<std::size_t>(config.size);
    Rng rng(derive_seed(config.seed, 0x65736eULL));  // "esn"
    e.w.resize(N * N);
    for (double& x : e.w) x = rng.uniform(-1.0, 1.0);
    e.w_in.resize(N * 2);
    for (double& x : e.w_in) x = rng.uniform(-1.0, 1.0);
    e.bias.resize(N);
    for (double& x : e.bias) x = rng.uniform(-1.0, 1.0);
    e.raw_radius = spectral_radius(e.w, config.size, derive_seed(config.seed, 0x706f776572ULL));  // "power"
    if (e.raw_radius > 0.0)
        for (double& x : e.w) x *= config.spectral_radius / e.raw_radius;
    return e;
}

void esn_features(std::vector<double>& rows, const Esn& e, const Pair& pair) {
    const int N = e.config.size, F = e.features(), T = pair_columns(pair.bits());
    rows.assign(static_cast<std::size_t>(T) * F, 0.0);
    std::vector<double> x(static_cast<std::size_t>(N), 0.0), scratch(x.size());
    for (int t = 0; t < T; ++t) {
        const double a = column_a(pair, t), b = column_b(pair, t);
        esn_step(x, scratch, e, a, b);
        double* r = rows.data() + static_cast<std::size_t>(t) * F;
        r[0] = 1.0, r[1] = a, r[2] = b;
        for (int i = 0; i < N; ++i) r[3 + i] = x[static_cast<std::size_t>(i)];
    }
}

long long esn_fit(Esn& e, const std::vector<Pair>& train) {
    const int F = e.features();
    RidgeSystem sys(F, 1);
    std::vector<double> rows;
    for (const Pair& p : train) {
        esn_features(rows, e, p);
        const BitVector s = true_sum(p);
        for (std::size_t t = 0; t < s.size(); ++t) {
            const double y = s[t];
            sys.add(rows.data() + t * static_cast<std::size_t>(F), &y);
        }
    }
    e.readout = ridge_solve(sys, e.config.ridge);
    return sys.rows;
}

BitVector esn_add(const Esn& e, const Pair& pair) {
    if (e.readout.size() != static_cast<std::size_t>(e.features()))
        throw std::logic_error("esn_add: the readout is not fitted");
    std::vector<double> rows;
    esn_features(rows, e, pair);
    const auto F = static_cast<std::size_t>(e.features());
    const std::size_t T = rows.size() / F;
    BitVector out(T);
    for (std::size_t t = 0; t < T; ++t) {
        double y = 0.0;
        for (std::size_t k = 0; k < F; ++k) y += e.readout[k] * rows[t * F + k];
        out[t] = y >= 0.5 ? 1 : 0;
    }
    return out;
}

double esn_memory_capacity(const Esn& e, int max_delay, int steps, std::uint64_t seed, std::vector<double>* per_delay) {
    constexpr int kWashout = 50;
    if (max_delay < 1 || steps < 4 * max_delay) throw std::invalid_argument("esn_memory_capacity: bad sizes");
    const int N = e.config.size, F = 1 + N, K = max_delay;
    Rng rng(seed);
    const int total = kWashout + steps;
    std::vector<double> a(static_cast<std::size_t>(total)), states(static_cast<std::size_t>(steps) * F);
    std::vector<double> x(static_cast<std::size_t>(N), 0.0), scratch(x.size());
    for (int t = 0; t < total; ++t) {
        const int ab = static_cast<int>(rng.below(4));
        a[static_cast<std::size_t>(t)] = ab & 1;
        esn_step(x, scratch, e, ab & 1, ab >> 1);
        if (t < kWashout) continue;
        double* r = states.data() + static_cast<std::size_t>(t - kWashout) * F;
        r[0] = 1.0;
        for (int i = 0; i < N; ++i) r[1 + i] = x[static_cast<std::size_t>(i)];
    }
    // Fit on the first half, score on the second; targets a(t-k) (the washout covers k <= 50).
    const int half = steps / 2;
    RidgeSystem sys(F, K);
    std::vector<double> y(static_cast<std::size_t>(K));
    auto targets = [&](int s) {
        const int t = s + kWashout;
        for (int k = 1; k <= K; ++k)
            y[static_cast<std::size_t>(k - 1)] = t - k >= 0 ? a[static_cast<std::size_t>(t - k)] : 0.0;
    };
    for (int s = 0; s < half; ++s) {
        targets(s);
        sys.add(states.data() + static_cast<std::size_t>(s) * F, y.data());
    }
    const std::vector<double> w = ridge_solve(sys, e.config.ridge);
    // r^2 = cov(out, target)^2 / (var(out) var(target)) on the held-out half, per delay.
    std::vector<double> so(K, 0.0), st(K, 0.0), soo(K, 0.0), stt(K, 0.0), sot(K, 0.0);
    const int n = steps - half;
    for (int s = half; s < steps; ++s) {
        targets(s);
        const double* r = states.data() + static_cast<std::size_t>(s) * F;
        for (int k = 0; k < K; ++k) {
            double o = 0.0;
            for (int f = 0; f < F; ++f) o += w[static_cast<std::size_t>(f) * K + k] * r[f];
            const auto uk = static_cast<std::size_t>(k);
            const double tk = y[uk];
            so[uk] += o, st[uk] += tk, soo[uk] += o * o, stt[uk] += tk * tk, sot[uk] += o * tk;
        }
    }
    double mc = 0.0;
    if (per_delay) per_delay->assign(static_cast<std::size_t>(K), 0.0);
    for (std::size_t k = 0; k < static_cast<std::size_t>(K); ++k) {
        const double cov = sot[k] / n - (so[k] / n) * (st[k] / n);
        const double vo = soo[k] / n - (so[k] / n) * (so[k] / n), vt = stt[k] / n - (st[k] / n) * (st[k] / n);
        const double r2 = vo > 0.0 && vt > 0.0 ? cov * cov / (vo * vt) : 0.0;
        mc += r2;
        if (per_delay) (*per_delay)[k] = r2;
    }
    return mc;
}

}  // namespace carry::zoo
