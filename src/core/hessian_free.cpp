// hessian_free: Gauss-Newton products and the truncated-Newton step (see hessian_free.h).
//
// [SECTION] R-op and Gauss-Newton products     [SECTION] conjugate gradient     [SECTION] the step
#include "core/hessian_free.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace carry {

namespace {

double dot(const std::vector<double>& a, const std::vector<double>& b) {
    double s = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
}

void mask(std::vector<double>& v, const std::vector<unsigned char>& frozen) {
    for (std::size_t i = 0; i < v.size(); ++i)
        if (frozen[i]) v[i] = 0.0;
}

}  // namespace

// [SECTION] R-op and Gauss-Newton products ---------------------------------------------------------

void rnn_jv(std::vector<double>& rz, const Activities& acts, const Net& net, const Batch& batch,
            const std::vector<double>& v) {
    const int H = net.hidden(), B = batch.B, T = batch.T;
    if (acts.B != B || acts.T != T || acts.H != H) throw std::invalid_argument("rnn_jv: activities do not match");
    if (v.size() != net.params.size()) throw std::invalid_argument("rnn_jv: direction has the wrong size");
    const ConstParamView p = net.view();
    const ConstParamView dv = param_view(v.data(), H);
    const auto uB = static_cast<std::size_t>(B), uH = static_cast<std::size_t>(H);
    rz.assign(static_cast<std::size_t>(T + 2) * uB, 0.0);
    std::vector<double> rh(uH), rn(uH);
    for (std::size_t b = 0; b < uB; ++b) {
        // R{h(0)}: the net's h0 moves with v; a per-sequence h0 is data.
        for (std::size_t i = 0; i < uH; ++i) rh[i] = batch.h0.empty() ? dv.h0[i] : 0.0;
        for (int s = 0; s <= T; ++s) {
            const double* h = acts.h.data() + static_cast<std::size_t>(s) * uH * uB;  // h(s)[j] at j*B + b
            // logit of o(s+1) = w_out . h(s) + b_out
            double z = *dv.b_out;
            for (std::size_t j = 0; j < uH; ++j) z += dv.w_out[j] * h[j * uB + b] + p.w_out[j] * rh[j];
            rz[static_cast<std::size_t>(s + 1) * uB + b] = z;
            if (s == T) break;
            // h(s+1) = sigmoid(W_in x(s) + W_rec h(s) + b_hid)
            const double xa = batch.x[(static_cast<std::size_t>(s) * 2 + 0) * uB + b];
            const double xb = batch.x[(static_cast<std::size_t>(s) * 2 + 1) * uB + b];
            const double* hn = h + uH * uB;
            for (std::size_t i = 0; i < uH; ++i) {
                double a = dv.b_hid[i] + dv.w_in[i * 2] * xa + dv.w_in[i * 2 + 1] * xb;
                for (std::size_t j = 0; j < uH; ++j)
                    a += dv.w_rec[i * uH + j] * h[j * uB + b] + p.w_rec[i * uH + j] * rh[j];
                const double hi = hn[i * uB + b];
                rn[i] = hi * (1.0 - hi) * a;
            }
            rh.swap(rn);
        }
    }
}

void gauss_newton_product(std::vector<double>& gv, const Activities& acts, const Net& net, const Batch& batch,
                          const LossConfig& loss, const std::vector<double>& v) {
    std::vector<double> rz;
    rnn_jv(rz, acts, net, batch, v);
    // u = H_L J v = o (1 - o) rz at every output; the backward pass turns (o - y') into u.
    Batch shadow = batch;
    const auto uB = static_cast<std::size_t>(batch.B);
    for (int t = 0; t < batch.T; ++t)
        for (std::size_t b = 0; b < uB; ++b) {
            const std::size_t s = static_cast<std::size_t>(t + kOutputDelay) * uB + b;
            const double o = acts.o[s];
            shadow.target[static_cast<std::size_t>(t) * uB + b] = o - o * (1.0 - o) * rz[s];
        }
    gv.assign(net.params.size(), 0.0);
    rnn_backward(gv, acts, net, shadow, loss);
}

std::vector<double> gauss_newton_matrix(const Activities& acts, const Net& net, const Batch& batch,
                                        const LossConfig& loss) {
    const std::size_t P = net.params.size();
    const auto uB = static_cast<std::size_t>(batch.B);
    const int first = batch.T - targeted_columns(batch.T, loss);
    double scale = 1.0 / batch.B;
    if (loss.average_over_steps) scale /= targeted_columns(batch.T, loss);
    // J's columns: rz for each unit direction e_p.
    std::vector<std::vector<double>> jcol(P);
    std::vector<double> e(P, 0.0);
    for (std::size_t k = 0; k < P; ++k) {
        e[k] = 1.0;
        rnn_jv(jcol[k], acts, net, batch, e);
        e[k] = 0.0;
    }
    std::vector<double> g(P * P, 0.0);
    for (int t = first; t < batch.T; ++t)
        for (std::size_t b = 0; b < uB; ++b) {
            const std::size_t s = static_cast<std::size_t>(t + kOutputDelay) * uB + b;
            const double w = scale * acts.o[s] * (1.0 - acts.o[s]);
            for (std::size_t i = 0; i < P; ++i)
                for (std::size_t j = 0; j < P; ++j) g[i * P + j] += w * jcol[i][s] * jcol[j][s];
        }
    return g;
}

std::vector<unsigned char> hf_frozen(const Net& net) {
    const ParamLayout lay = param_layout(net.hidden());
    std::vector<unsigned char> f(lay.total, 0);
    f[lay.o0] = 1;
    if (net.config.initial_state != InitialState::Learned)
        for (std::size_t i = lay.h0; i < lay.o0; ++i) f[i] = 1;
    return f;
}

void batch_slice(Batch& out, const Batch& in, int b0, int count) {
    if (count < 1 || count > in.B) throw std::invalid_argument("batch_slice: bad count");
    out.B = count;
    out.n = in.n;
    out.T = in.T;
    const auto T = static_cast<std::size_t>(in.T), C = static_cast<std::size_t>(count),
               IB = static_cast<std::size_t>(in.B);
    out.x.assign(T * 2 * C, 0.0);
    out.target.assign(T * C, 0.0);
    out.h0.clear();
    const std::size_t H = in.h0.empty() ? 0 : in.h0.size() / IB;
    if (H) out.h0.assign(H * C, 0.0);
    for (std::size_t c = 0; c < C; ++c) {
        const std::size_t b = (static_cast<std::size_t>(b0) + c) % IB;
        for (std::size_t t = 0; t < T; ++t) {
            out.x[(t * 2) * C + c] = in.x[(t * 2) * IB + b];
            out.x[(t * 2 + 1) * C + c] = in.x[(t * 2 + 1) * IB + b];
            out.target[t * C + c] = in.target[t * IB + b];
        }
        for (std::size_t i = 0; i < H; ++i) out.h0[i * C + c] = in.h0[i * IB + b];
    }
}

// [SECTION] conjugate gradient ----------------------------------------------------------------------

namespace {

struct CgResult {
    std::vector<std::vector<double>> kept;  // iterates kept for backtracking, in order
    std::vector<int> kept_at;               // their iteration numbers
    std::vector<double> kept_phi;
    std::vector<double> phi;  // phi after each iteration (0: the start)
};

// Minimizes phi(x) = g.x + 1/2 x.(G + lambda I) x from x0 (see the header).
template <class Gv>
CgResult conjugate_gradient(Gv&& gv, const std::vector<double>& g, std::vector<double> x, double lambda,
                            const HfConfig& c, const std::vector<unsigned char>& frozen) {
    const std::size_t P = g.size();
    std::vector<double> ax(P), r(P), p(P), ap(P);
    auto apply = [&](std::vector<double>& out, const std::vector<double>& v) {
        gv(out, v);
        for (std::size_t i = 0; i < P; ++i) out[i] += lambda * v[i];
        mask(out, frozen);
    };
    // phi(x) = g.x + 1/2 x.Ax = -1/2 x.(b + r) with b = -g, r = b - Ax.
    auto phi_of = [&]() {
        double s = 0.0;
        for (std::size_t i = 0; i < P; ++i) s += x[i] * (-g[i] + r[i]);
        return -0.5 * s;
    };
    apply(ax, x);
    for (std::size_t i = 0; i < P; ++i) r[i] = -g[i] - ax[i];
    if (phi_of() >= 0.0) {  // the warm start is worse than no step: start from 0
        std::fill(x.begin(), x.end(), 0.0);
        for (std::size_t i = 0; i < P; ++i) r[i] = -g[i];
    }
    mask(r, frozen);
    p = r;
    CgResult out;
    out.phi.push_back(phi_of());
    double rr = dot(r, r);
    int next_keep = 1;
    double keep_at = 1.0;
    for (int it = 1; it <= c.max_cg && rr > 0.0; ++it) {
        apply(ap, p);
        const double pap = dot(p, ap);
        if (!(pap > 0.0)) break;
        const double alpha = rr / pap;
        for (std::size_t i = 0; i < P; ++i) x[i] += alpha * p[i], r[i] -= alpha * ap[i];
        const double rr_new = dot(r, r);
        for (std::size_t i = 0; i < P; ++i) p[i] = r[i] + (rr_new / rr) * p[i];
        rr = rr_new;
        out.phi.push_back(phi_of());
        const bool last = it == c.max_cg;
        // Martens' stopping test on the relative progress over the last k iterations.
        const int k = std::max(10, it / 10);
        const double ph = out.phi.back();
        const bool converged =
            it > k && ph < 0.0 && (ph - out.phi[static_cast<std::size_t>(it - k)]) / ph < k * c.cg_tolerance;
        if (it == next_keep || last || converged || rr == 0.0) {
            out.kept.push_back(x);
            out.kept_at.push_back(it);
            out.kept_phi.push_back(ph);
            while (next_keep <= it) keep_at *= 1.3, next_keep = static_cast<int>(std::ceil(keep_at));
        }
        if (converged) break;
    }
    if (out.kept.empty()) {  // not one iteration (a zero gradient): the start
        out.kept.push_back(x);
        out.kept_at.push_back(0);
        out.kept_phi.push_back(out.phi.back());
    }
    return out;
}

}  // namespace

// [SECTION] the step -------------------------------------------------------------------------------

HfState hf_init(const HfConfig& config) {
    HfState s;
    s.lambda = config.lambda;
    return s;
}

HfStepResult hf_step(Net& net, HfState& st, const Batch& batch, const HfConfig& c, const LossConfig& loss) {
    if (!(c.curvature_share > 0.0 && c.curvature_share <= 1.0) || c.max_cg < 1 || !(st.lambda > 0.0))
        throw std::invalid_argument("hf_step: bad config");
    HfStepResult res;
    const long long B = batch.B;
    const std::size_t P = net.params.size();
    const std::vector<unsigned char> frozen = hf_frozen(net);
    // The gradient on the whole batch.
    Activities acts;
    res.loss_before = rnn_forward(acts, net, batch, loss);
    std::vector<double> g(P, 0.0);
    rnn_backward(g, acts, net, batch, loss);
    mask(g, frozen);
    res.sweeps += 2 * B;
    // The curvature slice and its activities.
    const int bc = std::clamp(static_cast<int>(std::ceil(c.curvature_share * batch.B)), 1, batch.B);
    Batch cb;
    Activities cacts;
    const Batch* curv = &batch;
    const Activities* cur_acts = &acts;
    if (bc < batch.B) {
        batch_slice(cb, batch, st.curvature_offset, bc);
        st.curvature_offset = (st.curvature_offset + bc) % batch.B;
        rnn_forward(cacts, net, cb, loss);
        res.sweeps += bc;
        curv = &cb;
        cur_acts = &cacts;
    }
    long long cg_products = 0;
    auto gv = [&](std::vector<double>& out, const std::vector<double>& v) {
        gauss_newton_product(out, *cur_acts, net, *curv, loss, v);
        ++cg_products;
    };
    std::vector<double> x0(P, 0.0);
    if (st.prev.size() == P)
        for (std::size_t i = 0; i < P; ++i) x0[i] = c.cg_decay * st.prev[i];
    mask(x0, frozen);
    const CgResult cg = conjugate_gradient(gv, g, x0, st.lambda, c, frozen);
    res.sweeps += 2 * bc * cg_products;
    res.cg_phi = cg.phi;
    res.cg_iterations = static_cast<int>(cg.phi.size()) - 1;

    // Backtracking over the kept iterates: the last first, then earlier ones while f keeps falling.
    const std::vector<double> theta = net.params;
    auto loss_at = [&](const std::vector<double>& d, double alpha) {
        for (std::size_t i = 0; i < P; ++i) net.params[i] = theta[i] + alpha * d[i];
        Activities a;
        const double f = rnn_forward(a, net, batch, loss);
        res.sweeps += B;
        return std::isfinite(f) ? f : std::numeric_limits<double>::infinity();
    };
    std::size_t pick = cg.kept.size() - 1;
    double f_pick = loss_at(cg.kept[pick], 1.0);
    if (c.backtrack)
        while (pick > 0) {
            const double f_prev = loss_at(cg.kept[pick - 1], 1.0);
            if (!(f_prev < f_pick)) break;
            --pick;
            f_pick = f_prev;
        }
    const std::vector<double>& d = cg.kept[pick];
    res.iterate = cg.kept_at[pick];
    res.damped_model = cg.kept_phi[pick];
    double alpha = 1.0;
    if (!(f_pick < res.loss_before)) {  // a line search along d (Armijo)
        const double slope = dot(g, d);
        bool found = false;
        for (int k = 1; k <= 8 && !found; ++k) {
            alpha *= 0.8;
            const double f = loss_at(d, alpha);
            if (f <= res.loss_before + 0.01 * alpha * slope && f < res.loss_before) found = true, f_pick = f;
        }
        if (!found) alpha = 0.0;
    }
    res.alpha = alpha;
    res.accepted = alpha > 0.0 && f_pick < res.loss_before;
    // The undamped model's reduction for the step taken: alpha g.d + alpha^2/2 d.Gd, with
    // d.Gd = 2 (phi(d) - g.d) - lambda |d|^2.
    const double gd = dot(g, d), dd = dot(d, d);
    const double dgd = 2.0 * (res.damped_model - gd) - st.lambda * dd;
    const double q = alpha * gd + 0.5 * alpha * alpha * dgd;
    res.loss_after = res.accepted ? f_pick : res.loss_before;
    res.rho = res.accepted && q < 0.0 ? (f_pick - res.loss_before) / q : -1.0;
    if (res.accepted)
        for (std::size_t i = 0; i < P; ++i) net.params[i] = theta[i] + alpha * d[i];
    else
        net.params = theta;
    // Levenberg-Marquardt.
    if (res.rho < 0.25)
        st.lambda *= 1.5;
    else if (res.rho > 0.75)
        st.lambda *= 2.0 / 3.0;
    st.lambda = std::clamp(st.lambda, 1e-8, 1e8);
    st.prev = d;
    ++st.steps;
    st.sweeps += res.sweeps;
    res.lambda = st.lambda;
    return res;
}

}  // namespace carry
