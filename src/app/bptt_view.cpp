// bptt_view: per-step derivative terms, the optimizer's step, backpropagated norms (see bptt_view.h).
#include "app/bptt_view.h"

#include <cmath>
#include <cstdio>

namespace carry {

const char* bptt_cell_text(char* buf, std::size_t n, double x) {
    const double a = std::fabs(x);
    const char* sign = x < 0 ? "-" : "";
    if (std::isnan(x))
        std::snprintf(buf, n, "nan");
    else if (std::isinf(x))
        std::snprintf(buf, n, "%sinf", sign);
    else if (x == 0.0)
        std::snprintf(buf, n, "0");
    else if (a < kBpttNearZero)
        std::snprintf(buf, n, "≈0");
    else if (a < 0.00995)
        std::snprintf(buf, n, "%s%.1g", sign, a);  // one digit in the smallest decade: "-0.008"
    else if (a < 99.5)
        std::snprintf(buf, n, "%s%.2g", sign, a);  // 0.00995 .. 99: no exponent from %g
    else if (a < 999.5)
        std::snprintf(buf, n, "%s%.0f", sign, a);
    else {
        int e = static_cast<int>(std::floor(std::log10(a)));
        double m = a / std::pow(10.0, e);
        auto digits = [&] { return e >= 10 ? 0 : 1; };
        auto carries = [&] { return std::round(m * (digits() ? 10 : 1)) >= (digits() ? 100 : 10); };
        while (carries()) {
            m /= 10;
            ++e;
        }  // 9.96e3 -> 1.0e4
        std::snprintf(buf, n, "%s%.*fe%d", sign, digits(), m, e);
    }
    return buf;
}

const char* bptt_activity_text(char* buf, std::size_t n, double x) {
    if (std::fabs(x) < 9.995)
        std::snprintf(buf, n, "%.2f", x);
    else
        bptt_cell_text(buf, n, x);
    return buf;
}

std::vector<double> bptt_step_terms(const Stepper& st, int s) {
    const Net& net = st.net();
    const int H = net.hidden();
    std::vector<double> g(param_count(H), 0.0);
    ParamView v = param_view(g.data(), H);
    if (s < 0 || s >= st.steps() || !st.has_backward()) return g;
    const StepFrame& f = st.frame(s);
    if (s == 0) {
        for (int i = 0; i < H; ++i) v.h0[i] = f.d_hidden[static_cast<std::size_t>(i)];
        return g;
    }
    const StepFrame& prev = st.frame(s - 1);
    if (s <= st.columns()) {
        for (int i = 0; i < H; ++i) {
            const double dz = f.d_hidden_logit[static_cast<std::size_t>(i)];
            v.w_in[i * 2 + 0] = dz * prev.a;
            v.w_in[i * 2 + 1] = dz * prev.b;
            for (int j = 0; j < H; ++j) v.w_rec[i * H + j] = dz * prev.hidden[static_cast<std::size_t>(j)];
            v.b_hid[i] = dz;
        }
    }
    const double d = f.d_output_logit;
    for (int j = 0; j < H; ++j) v.w_out[j] = d * prev.hidden[static_cast<std::size_t>(j)];
    v.b_out[0] = d;
    return g;
}

std::vector<double> bptt_peeled_sum(const Stepper& st, int from) {
    std::vector<double> sum(param_count(st.net().hidden()), 0.0);
    // Peeled from the last step down, the order the backward pass visits them.
    for (int s = st.steps() - 1; s >= std::max(from, 0); --s) {
        const std::vector<double> t = bptt_step_terms(st, s);
        for (std::size_t p = 0; p < sum.size(); ++p) sum[p] += t[p];
    }
    return sum;
}

std::vector<double> bptt_update(const Net& net, const std::vector<double>& grads, const OptimState& state,
                                const OptimConfig& cfg) {
    std::vector<double> params = net.params, g = grads;
    OptimState st = state;
    if (st.m.size() != params.size()) optim_reset(st, params.size(), cfg);
    std::vector<unsigned char> frozen;
    if (net.config.initial_state != InitialState::Learned) {
        frozen.assign(params.size(), 0);
        const ParamLayout l = param_layout(net.hidden());
        for (std::size_t p = l.h0; p < l.total; ++p) frozen[p] = 1;
    }
    optim_step(params, g, st, cfg, frozen);
    for (std::size_t p = 0; p < params.size(); ++p) params[p] -= net.params[p];
    return params;
}

std::vector<double> backprop_norms(const Net& net, const Pair& pair) {
    const int H = net.hidden();
    const auto h = static_cast<std::size_t>(H);
    std::vector<double> hs;
    net_add(net, pair, &hs);  // h(0) .. h(T), T = n+1
    const int T = static_cast<int>(hs.size() / h) - 1;
    const ConstParamView v = net.view();
    std::vector<double> dh(h), dz(h), norms;
    for (std::size_t j = 0; j < h; ++j) dh[j] = v.w_out[j];  // dE/dh(T) from a unit dE/dz_o(T+1)
    for (int s = T;; --s) {
        double n2 = 0.0;
        for (double x : dh) n2 += x * x;
        norms.push_back(std::sqrt(n2));
        if (s == 0) break;
        const double* hs_s = &hs[static_cast<std::size_t>(s) * h];
        for (std::size_t i = 0; i < h; ++i) dz[i] = dh[i] * hs_s[i] * (1.0 - hs_s[i]);
        for (std::size_t j = 0; j < h; ++j) {
            double acc = 0.0;
            for (std::size_t i = 0; i < h; ++i) acc += v.w_rec[i * h + j] * dz[i];
            dh[j] = acc;
        }
    }
    return norms;
}

std::string param_name(int hidden, std::size_t p) {
    const ParamLayout l = param_layout(hidden);
    const auto H = static_cast<std::size_t>(hidden);
    auto hn = [](std::size_t i) { return "h" + std::to_string(i + 1); };
    if (p < l.w_rec) return "w_in[" + hn((p - l.w_in) / 2) + "<-" + ((p - l.w_in) % 2 ? "b" : "a") + "]";
    if (p < l.b_hid) return "w_rec[" + hn((p - l.w_rec) / H) + "<-" + hn((p - l.w_rec) % H) + "]";
    if (p < l.w_out) return "b_hid[" + hn(p - l.b_hid) + "]";
    if (p < l.b_out) return "w_out[" + hn(p - l.w_out) + "]";
    if (p < l.h0) return "b_out";
    if (p < l.o0) return "h0[" + hn(p - l.h0) + "]";
    return "o0";
}

}  // namespace carry
