// zoo/lds: the linear dynamical system, its Kalman filter and RTS smoother, and EM on the zoo's
// addition streams (see lds.h).
//
// [SECTION] small dense matrices
// [SECTION] Kalman filter and RTS smoother
// [SECTION] the zoo model: E-step statistics, M-step, prediction
//
// Plain loops over row-major doubles: dimensions are at most 8 (state) + 3 (inputs). Every
// covariance is symmetrized after it is updated; R and the diagonal of Q and V0 have a small
// floor, and a solve that meets a matrix that is not positive definite retries with a ridge, so
// nothing ever turns into NaN. Only + - * / and sqrt (IEEE, identical everywhere) and det_log.
#include "core/zoo/lds.h"

#include <algorithm>
#include <cmath>  // std::sqrt, std::isfinite
#include <stdexcept>

#include "core/mathx.h"
#include "core/rng.h"

namespace carry::zoo {

namespace {

constexpr double kLog2Pi = 1.8378770664093454836;  // log(2 pi)
constexpr double kVarianceFloor = 1e-6;            // floor on R and on the diagonals of Q, V0

// [SECTION] small dense matrices -----------------------------------------------------------------

using Vec = std::vector<double>;
inline std::size_t at(int i, int j, int cols) { return static_cast<std::size_t>(i * cols + j); }

// out (r, c) = a (r, k) * b (k, c)
void mat_mul(double* out, const double* a, const double* b, int r, int k, int c) {
    for (int i = 0; i < r; ++i)
        for (int j = 0; j < c; ++j) {
            double s = 0.0;
            for (int l = 0; l < k; ++l) s += a[at(i, l, k)] * b[at(l, j, c)];
            out[at(i, j, c)] = s;
        }
}
// out (r, c) = a (r, k) * b' where b is (c, k)
void mat_mul_bt(double* out, const double* a, const double* b, int r, int k, int c) {
    for (int i = 0; i < r; ++i)
        for (int j = 0; j < c; ++j) {
            double s = 0.0;
            for (int l = 0; l < k; ++l) s += a[at(i, l, k)] * b[at(j, l, k)];
            out[at(i, j, c)] = s;
        }
}
void symmetrize(double* m, int n) {
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j) {
            const double s = 0.5 * (m[at(i, j, n)] + m[at(j, i, n)]);
            m[at(i, j, n)] = s;
            m[at(j, i, n)] = s;
        }
}
void floor_diagonal(double* m, int n) {
    for (int i = 0; i < n; ++i) m[at(i, i, n)] = std::max(m[at(i, i, n)], kVarianceFloor);
}

// Cholesky factor L (lower) of the symmetric m (n, n) in place; false if not positive definite.
bool cholesky(double* m, int n) {
    for (int j = 0; j < n; ++j) {
        double d = m[at(j, j, n)];
        for (int k = 0; k < j; ++k) d -= m[at(j, k, n)] * m[at(j, k, n)];
        if (!(d > 0.0)) return false;
        const double l = std::sqrt(d);
        m[at(j, j, n)] = l;
        for (int i = j + 1; i < n; ++i) {
            double s = m[at(i, j, n)];
            for (int k = 0; k < j; ++k) s -= m[at(i, k, n)] * m[at(j, k, n)];
            m[at(i, j, n)] = s / l;
        }
        for (int i = 0; i < j; ++i) m[at(i, j, n)] = 0.0;
    }
    return true;
}

// Solves M X = RHS for the symmetric positive (semi)definite M (n, n); RHS (n, cols) is
// overwritten with X. A matrix that is not positive definite gets a growing ridge.
void solve_spd(const double* m, int n, double* rhs, int cols) {
    Vec l(m, m + n * n);
    double scale = 0.0;
    for (int i = 0; i < n; ++i) scale = std::max(scale, std::abs(m[at(i, i, n)]));
    double ridge = 1e-12 * std::max(scale, 1.0);
    while (!cholesky(l.data(), n)) {
        l.assign(m, m + n * n);
        for (int i = 0; i < n; ++i) l[at(i, i, n)] += ridge;
        ridge *= 10.0;
        if (ridge > 1e12) {  // hopeless (non-finite input): the identity keeps everything finite
            l.assign(static_cast<std::size_t>(n * n), 0.0);
            for (int i = 0; i < n; ++i) l[at(i, i, n)] = 1.0;
        }
    }
    for (int c = 0; c < cols; ++c) {
        for (int i = 0; i < n; ++i) {  // L y = b
            double s = rhs[at(i, c, cols)];
            for (int k = 0; k < i; ++k) s -= l[at(i, k, n)] * rhs[at(k, c, cols)];
            rhs[at(i, c, cols)] = s / l[at(i, i, n)];
        }
        for (int i = n - 1; i >= 0; --i) {  // L' x = y
            double s = rhs[at(i, c, cols)];
            for (int k = i + 1; k < n; ++k) s -= l[at(k, i, n)] * rhs[at(k, c, cols)];
            rhs[at(i, c, cols)] = s / l[at(i, i, n)];
        }
    }
}

bool all_finite(const Vec& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
}

}  // namespace

LdsParams make_lds_params(int state_dim, int input_dim) {
    if (state_dim < 1 || state_dim > kLdsMaxStateDim || input_dim < 0 || input_dim > 16)
        throw std::invalid_argument("LDS: state_dim must be 1..8 and input_dim 0..16");
    LdsParams p;
    const auto n = static_cast<std::size_t>(state_dim), m = static_cast<std::size_t>(input_dim);
    p.state_dim = state_dim;
    p.input_dim = input_dim;
    p.A.assign(n * n, 0.0);
    p.B.assign(n * m, 0.0);
    p.C.assign(n, 0.0);
    p.D.assign(m, 0.0);
    p.Q.assign(n * n, 0.0);
    p.R = 1.0;
    p.x0_mean.assign(n, 0.0);
    p.x0_cov.assign(n * n, 0.0);
    return p;
}

// [SECTION] Kalman filter and RTS smoother -------------------------------------------------------

KalmanResult kalman_filter(const LdsParams& P, const Vec& inputs, const Vec& observations) {
    const int n = P.state_dim, m = P.input_dim;
    const auto N = static_cast<std::size_t>(n), NN = N * N, M = static_cast<std::size_t>(m);
    const int T = m > 0 ? static_cast<int>(inputs.size() / M) : static_cast<int>(observations.size());
    KalmanResult r;
    r.T = T;
    const auto TT = static_cast<std::size_t>(T);
    r.predicted_mean.assign(TT * N, 0.0);
    r.predicted_cov.assign(TT * NN, 0.0);
    r.filtered_mean.assign(TT * N, 0.0);
    r.filtered_cov.assign(TT * NN, 0.0);
    r.output_mean.assign(TT, 0.0);
    r.output_var.assign(TT, 0.0);
    Vec xp = P.x0_mean, pp = P.x0_cov, pc(N), tmp(NN), bu(N);
    for (int t = 0; t < T; ++t) {
        const auto ts = static_cast<std::size_t>(t);
        const double* u = m > 0 ? &inputs[ts * M] : nullptr;
        symmetrize(pp.data(), n);
        std::copy(xp.begin(), xp.end(), r.predicted_mean.begin() + static_cast<std::ptrdiff_t>(ts * N));
        std::copy(pp.begin(), pp.end(), r.predicted_cov.begin() + static_cast<std::ptrdiff_t>(ts * NN));
        // Predicted output y_t given y_0 .. y_{t-1}: mean C x + D u, variance C P C' + R.
        mat_mul(pc.data(), pp.data(), P.C.data(), n, n, 1);  // P C'
        double y_mean = 0.0, s = P.R;
        for (std::size_t i = 0; i < N; ++i) {
            y_mean += P.C[i] * xp[i];
            s += P.C[i] * pc[i];
        }
        for (std::size_t k = 0; k < M; ++k) y_mean += P.D[k] * u[k];
        r.output_mean[ts] = y_mean;
        r.output_var[ts] = s;
        Vec xf = xp, pf = pp;
        if (ts < observations.size()) {  // measurement update
            const double e = observations[ts] - y_mean;
            r.log_likelihood += -0.5 * (kLog2Pi + det_log(s) + e * e / s);
            for (std::size_t i = 0; i < N; ++i) xf[i] += pc[i] * (e / s);  // K = P C' / s
            for (std::size_t i = 0; i < N; ++i)
                for (std::size_t j = 0; j < N; ++j) pf[i * N + j] -= pc[i] * pc[j] / s;  // P - K s K'
            symmetrize(pf.data(), n);
        }
        std::copy(xf.begin(), xf.end(), r.filtered_mean.begin() + static_cast<std::ptrdiff_t>(ts * N));
        std::copy(pf.begin(), pf.end(), r.filtered_cov.begin() + static_cast<std::ptrdiff_t>(ts * NN));
        // Time update: x_{t+1|t} = A x_{t|t} + B u_t, P_{t+1|t} = A P_{t|t} A' + Q.
        mat_mul(xp.data(), P.A.data(), xf.data(), n, n, 1);
        if (m > 0) {
            mat_mul(bu.data(), P.B.data(), u, n, m, 1);
            for (std::size_t i = 0; i < N; ++i) xp[i] += bu[i];
        }
        mat_mul(tmp.data(), P.A.data(), pf.data(), n, n, n);
        mat_mul_bt(pp.data(), tmp.data(), P.A.data(), n, n, n);
        for (std::size_t i = 0; i < NN; ++i) pp[i] += P.Q[i];
    }
    return r;
}

SmootherResult rts_smoother(const LdsParams& P, const KalmanResult& f) {
    const int n = P.state_dim, T = f.T;
    const auto N = static_cast<std::size_t>(n), NN = N * N;
    SmootherResult s;
    s.mean = f.filtered_mean;
    s.cov = f.filtered_cov;
    s.cross_cov.assign(static_cast<std::size_t>(std::max(T - 1, 0)) * NN, 0.0);
    Vec apf(NN), j(NN), jt(NN), dx(N), dp(NN), tmp(NN);
    for (int t = T - 2; t >= 0; --t) {
        const auto ts = static_cast<std::size_t>(t), t1 = ts + 1;
        const double* pf = &f.filtered_cov[ts * NN];
        const double* pp1 = &f.predicted_cov[t1 * NN];
        // J_t = P_{t|t} A' P_{t+1|t}^-1, i.e. J' = P_{t+1|t}^-1 (A P_{t|t}).
        mat_mul(apf.data(), P.A.data(), pf, n, n, n);
        jt = apf;
        solve_spd(pp1, n, jt.data(), n);
        for (int a = 0; a < n; ++a)
            for (int b = 0; b < n; ++b) j[at(a, b, n)] = jt[at(b, a, n)];
        for (std::size_t i = 0; i < N; ++i) dx[i] = s.mean[t1 * N + i] - f.predicted_mean[t1 * N + i];
        for (std::size_t i = 0; i < N; ++i) {
            double acc = 0.0;
            for (std::size_t k = 0; k < N; ++k) acc += j[i * N + k] * dx[k];
            s.mean[ts * N + i] += acc;
        }
        for (std::size_t i = 0; i < NN; ++i) dp[i] = s.cov[t1 * NN + i] - pp1[i];
        mat_mul(tmp.data(), j.data(), dp.data(), n, n, n);
        mat_mul_bt(dp.data(), tmp.data(), j.data(), n, n, n);  // J (P_{t+1|T} - P_{t+1|t}) J'
        for (std::size_t i = 0; i < NN; ++i) s.cov[ts * NN + i] += dp[i];
        symmetrize(&s.cov[ts * NN], n);
        // Cov[x_{t+1}, x_t | all] = P_{t+1|T} J_t'
        mat_mul(&s.cross_cov[ts * NN], &s.cov[t1 * NN], jt.data(), n, n, n);
    }
    return s;
}

Vec lds_predict_outputs(const LdsParams& params, const Vec& inputs) {
    Vec y = kalman_filter(params, inputs, {}).output_mean;
    for (double& v : y)
        if (!std::isfinite(v)) v = 0.0;
    return y;
}

Vec lds_inputs(const Pair& p) {
    const int T = pair_columns(p.bits());
    Vec u(static_cast<std::size_t>(T * kLdsInputs));
    for (int t = 0; t < T; ++t) {
        const auto base = static_cast<std::size_t>(t * kLdsInputs);
        u[base] = column_a(p, t);
        u[base + 1] = column_b(p, t);
        u[base + 2] = 1.0;
    }
    return u;
}

// [SECTION] the zoo model: E-step statistics, M-step, prediction -----------------------------------

// Expected sufficient statistics, summed over the training pairs (z_t = (x_t, u_t), dim n + m).
struct LdsModel::Stats {
    Vec zz_out;  // (n+m, n+m) sum over all t of E[z_t z_t']
    Vec yz;      // (n+m)      sum over all t of y_t E[z_t]
    double yy = 0.0, out_count = 0.0;
    Vec zz_dyn;   // (n+m, n+m) sum over t < T-1 of E[z_t z_t']
    Vec xz_next;  // (n, n+m)   sum over t < T-1 of E[x_{t+1} z_t']
    Vec xx_next;  // (n, n)     sum over t < T-1 of E[x_{t+1} x_{t+1}']
    double dyn_count = 0.0;
    Vec x0, x0x0;  // (n), (n, n) sums of E[x_0], E[x_0 x_0']
    double seq_count = 0.0;
    double log_likelihood = 0.0;

    Stats(int n, int m) {
        const auto N = static_cast<std::size_t>(n), Z = static_cast<std::size_t>(n + m);
        zz_out.assign(Z * Z, 0.0);
        yz.assign(Z, 0.0);
        zz_dyn.assign(Z * Z, 0.0);
        xz_next.assign(N * Z, 0.0);
        xx_next.assign(N * N, 0.0);
        x0.assign(N, 0.0);
        x0x0.assign(N * N, 0.0);
    }
};

LdsModel::LdsModel(const ZooData& data, const LdsConfig& config) : data_(data), config_(config) {
    config_.state_dim = std::clamp(config_.state_dim, 1, kLdsMaxStateDim);
    config_.em_iterations = std::max(config_.em_iterations, 0);
    config_.work_per_call = std::max(config_.work_per_call, 1LL);
    const int n = config_.state_dim;
    params_ = make_lds_params(n, kLdsInputs);
    // Small random A, B, C (A well inside the unit circle), unit noise, the output's variance for
    // R: EM moves everything from there.
    Rng rng(derive_seed(config_.seed, 0x6c6473ULL));  // "lds"
    const double scale = config_.init_scale / std::sqrt(static_cast<double>(n));
    for (double& v : params_.A) v = scale * rng.normal();
    for (double& v : params_.B) v = scale * rng.normal();
    for (double& v : params_.C) v = scale * rng.normal();
    for (int i = 0; i < n; ++i) {
        params_.Q[at(i, i, n)] = 1.0;
        params_.x0_cov[at(i, i, n)] = 1.0;
    }
    params_.R = 0.25;  // a fair bit's variance
    stats_ = std::make_unique<Stats>(n, kLdsInputs);
    done_ = data_.train.empty();
}

LdsModel::~LdsModel() = default;
LdsModel::LdsModel(LdsModel&&) noexcept = default;
LdsModel& LdsModel::operator=(LdsModel&&) noexcept = default;

std::size_t LdsModel::params() const {
    const auto n = static_cast<std::size_t>(config_.state_dim), m = static_cast<std::size_t>(kLdsInputs);
    const std::size_t sym = n * (n + 1) / 2;
    return n * n + n * m + n + m + sym + 1 + n + sym;  // A B C D Q R mu0 V0
}

void LdsModel::e_step_sequence(const Pair& pair) {
    const int n = config_.state_dim, m = kLdsInputs, z = n + m;
    const auto N = static_cast<std::size_t>(n), NN = N * N;
    const Vec u = lds_inputs(pair);
    const BitVector sum = true_sum(pair);
    const Vec y(sum.begin(), sum.end());
    const KalmanResult f = kalman_filter(params_, u, y);
    const SmootherResult s = rts_smoother(params_, f);
    Stats& st = *stats_;
    st.log_likelihood += f.log_likelihood;
    // E[z_t z_t'] = [[P_t + x x', x u'], [u x', u u']] into zz (Z, Z).
    auto add_zz = [&](Vec& zz, std::size_t t) {
        const double* x = &s.mean[t * N];
        const double* p = &s.cov[t * NN];
        const double* ut = &u[t * static_cast<std::size_t>(m)];
        for (int i = 0; i < z; ++i)
            for (int j = 0; j < z; ++j) {
                const double zi = i < n ? x[i] : ut[i - n], zj = j < n ? x[j] : ut[j - n];
                const double cov = (i < n && j < n) ? p[at(i, j, n)] : 0.0;
                zz[at(i, j, z)] += cov + zi * zj;
            }
    };
    for (int t = 0; t < f.T; ++t) {
        const auto ts = static_cast<std::size_t>(t);
        add_zz(st.zz_out, ts);
        for (int i = 0; i < z; ++i)
            st.yz[static_cast<std::size_t>(i)] +=
                y[ts] * (i < n ? s.mean[ts * N + static_cast<std::size_t>(i)]
                               : u[ts * static_cast<std::size_t>(m) + static_cast<std::size_t>(i - n)]);
        st.yy += y[ts] * y[ts];
        st.out_count += 1.0;
        if (t + 1 < f.T) {
            add_zz(st.zz_dyn, ts);
            const double* x1 = &s.mean[(ts + 1) * N];
            const double* x0 = &s.mean[ts * N];
            const double* cross = &s.cross_cov[ts * NN];
            const double* p1 = &s.cov[(ts + 1) * NN];
            const double* ut = &u[ts * static_cast<std::size_t>(m)];
            for (int i = 0; i < n; ++i) {
                for (int j = 0; j < z; ++j)
                    st.xz_next[at(i, j, z)] += j < n ? cross[at(i, j, n)] + x1[i] * x0[j] : x1[i] * ut[j - n];
                for (int j = 0; j < n; ++j) st.xx_next[at(i, j, n)] += p1[at(i, j, n)] + x1[i] * x1[j];
            }
            st.dyn_count += 1.0;
        }
    }
    for (std::size_t i = 0; i < N; ++i) {
        st.x0[i] += s.mean[i];
        for (std::size_t j = 0; j < N; ++j) st.x0x0[i * N + j] += s.cov[i * N + j] + s.mean[i] * s.mean[j];
    }
    st.seq_count += 1.0;
}

void LdsModel::m_step() {
    const int n = config_.state_dim, m = kLdsInputs, z = n + m;
    const auto N = static_cast<std::size_t>(n), Z = static_cast<std::size_t>(z);
    const Stats& st = *stats_;
    LdsParams next = params_;
    // Output: [C D] = (sum y E[z]') (sum E[z z'])^-1, R = (sum y^2 - [C D] sum y E[z]) / count.
    {
        Vec cd = st.yz;  // solve (sum E[z z']) [C D]' = sum y E[z]
        solve_spd(st.zz_out.data(), z, cd.data(), 1);
        double fit = 0.0;
        for (std::size_t i = 0; i < Z; ++i) fit += cd[i] * st.yz[i];
        for (std::size_t i = 0; i < N; ++i) next.C[i] = cd[i];
        for (std::size_t k = 0; k < static_cast<std::size_t>(m); ++k) next.D[k] = cd[N + k];
        next.R = std::max((st.yy - fit) / st.out_count, kVarianceFloor);
    }
    // Dynamics: [A B] = (sum E[x' z']) (sum E[z z'])^-1, Q = (sum E[x' x'^T] - [A B] sum E[z x'^T]) / count.
    if (st.dyn_count > 0.0) {
        Vec abt(Z * N);  // ([A B])' (Z, n): solve (sum E[z z']) X = (sum E[x' z'])'
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < z; ++j) abt[at(j, i, n)] = st.xz_next[at(i, j, z)];
        solve_spd(st.zz_dyn.data(), z, abt.data(), n);
        for (int i = 0; i < n; ++i) {
            for (int j = 0; j < n; ++j) next.A[at(i, j, n)] = abt[at(j, i, n)];
            for (int k = 0; k < m; ++k) next.B[at(i, k, m)] = abt[at(n + k, i, n)];
        }
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                double fit = 0.0;
                for (int k = 0; k < z; ++k) fit += abt[at(k, i, n)] * st.xz_next[at(j, k, z)];
                next.Q[at(i, j, n)] = (st.xx_next[at(i, j, n)] - fit) / st.dyn_count;
            }
        symmetrize(next.Q.data(), n);
        floor_diagonal(next.Q.data(), n);
    }
    // Initial state: mu0 = mean of E[x_0], V0 = mean of E[x_0 x_0'] - mu0 mu0'.
    for (std::size_t i = 0; i < N; ++i) next.x0_mean[i] = st.x0[i] / st.seq_count;
    for (std::size_t i = 0; i < N; ++i)
        for (std::size_t j = 0; j < N; ++j)
            next.x0_cov[i * N + j] = st.x0x0[i * N + j] / st.seq_count - next.x0_mean[i] * next.x0_mean[j];
    symmetrize(next.x0_cov.data(), n);
    floor_diagonal(next.x0_cov.data(), n);
    // A step that went non-finite (it should not) is dropped: training stops where it was.
    const bool finite = all_finite(next.A) && all_finite(next.B) && all_finite(next.C) && all_finite(next.D) &&
                        all_finite(next.Q) && std::isfinite(next.R) && all_finite(next.x0_mean) &&
                        all_finite(next.x0_cov);
    if (finite)
        params_ = next;
    else
        done_ = true;
}

bool LdsModel::train_some() {
    if (done_) return true;
    long long work = 0;
    while (work < config_.work_per_call && cursor_ < data_.train.size()) {
        e_step_sequence(data_.train[cursor_]);
        work += pair_columns(data_.train[cursor_].bits());
        ++cursor_;
    }
    if (cursor_ < data_.train.size()) return false;
    // A full E-step is done: its log-likelihood is that of the current parameters.
    log_likelihoods_.push_back(stats_->log_likelihood);
    if (iteration_ >= config_.em_iterations) {
        done_ = true;
        return true;
    }
    m_step();
    ++iteration_;
    stats_ = std::make_unique<Stats>(config_.state_dim, kLdsInputs);
    cursor_ = 0;
    return done_;
}

double LdsModel::progress() const {
    if (done_) return 1.0;
    const double per_pass = static_cast<double>(cursor_) / static_cast<double>(data_.train.size());
    return (static_cast<double>(iteration_) + per_pass) / static_cast<double>(config_.em_iterations + 1);
}

std::optional<BitVector> LdsModel::add(const Pair& p) const {
    const Vec y = lds_predict_outputs(params_, lds_inputs(p));
    BitVector bits(y.size());
    for (std::size_t t = 0; t < y.size(); ++t) bits[t] = y[t] >= 0.5 ? 1 : 0;
    return bits;
}

std::string LdsModel::reason() const {
    return "Linear dynamics make its guess at each column a linear function of that column's two bits, "
           "but the sum bit is an XOR of the inputs and the carry, which is not linear: one of the four "
           "input pairs always comes out wrong.";
}

std::unique_ptr<Model> make_lds(const ZooData& data, const LdsConfig& config) {
    return std::make_unique<LdsModel>(data, config);
}

}  // namespace carry::zoo
