// net: parameter layout, initialization, single steps and whole-pair runs of the adder net.
#include "core/net.h"

#include <cmath>
#include <stdexcept>

#include "core/mathx.h"

namespace carry {

template <class T>
static ParamViewT<T> make_view(T* p, int hidden) {
    const ParamLayout l = param_layout(hidden);
    return {p + l.w_in, p + l.w_rec, p + l.b_hid, p + l.w_out, p + l.b_out, p + l.h0, p + l.o0};
}
ParamView param_view(double* buffer, int hidden) { return make_view(buffer, hidden); }
ConstParamView param_view(const double* buffer, int hidden) { return make_view(buffer, hidden); }

void apply_fixed_initial_state(Net& net) {
    if (net.config.initial_state == InitialState::Learned) return;
    const double v = net.config.initial_state == InitialState::FixedHalf ? 0.5 : 0.0;
    ParamView p = net.view();
    for (int i = 0; i < net.hidden(); ++i) p.h0[i] = v;
    *p.o0 = v;
}

Net make_net(const NetConfig& config) {
    if (config.hidden < kMinHidden || config.hidden > kMaxHidden)
        throw std::invalid_argument("hidden must be in 1..32");
    Net net;
    net.config = config;
    net.params.assign(param_count(config.hidden), 0.0);
    ParamView p = net.view();
    const double h0 = config.initial_state == InitialState::Learned ? config.init_h0 : 0.5;
    for (int i = 0; i < config.hidden; ++i) p.h0[i] = h0;
    *p.o0 = 0.5;
    apply_fixed_initial_state(net);
    return net;
}

Net net_init(const NetConfig& config, Rng& rng) {
    Net net = make_net(config);
    const int H = config.hidden;
    ParamView p = net.view();
    // Scale by 1/sqrt(fan_in) so the init behaves alike for every H.
    const double s_hid = config.init_scale / std::sqrt(static_cast<double>(kInputs + H + 1));
    const double s_out = config.init_scale / std::sqrt(static_cast<double>(H + 1));
    for (int i = 0; i < H; ++i) {
        for (int k = 0; k < kInputs; ++k) p.w_in[i * kInputs + k] = s_hid * rng.normal();
        for (int j = 0; j < H; ++j) p.w_rec[i * H + j] = s_hid * rng.normal();
        p.b_hid[i] = s_hid * rng.normal();
    }
    for (int j = 0; j < H; ++j) p.w_out[j] = s_out * rng.normal();
    *p.b_out = s_out * rng.normal();
    if (config.recurrent_init == RecurrentInit::Identity) {
        for (int i = 0; i < H; ++i)
            for (int j = 0; j < H; ++j) p.w_rec[i * H + j] = i == j ? config.init_scale : 0.0;
    } else if (config.recurrent_init == RecurrentInit::Orthogonal) {
        orthonormalize(p.w_rec, H);
        for (int k = 0; k < H * H; ++k) p.w_rec[k] *= config.init_scale;
    }
    return net;
}

const char* recurrent_init_name(RecurrentInit r) {
    switch (r) {
        case RecurrentInit::Random: return "random";
        case RecurrentInit::Identity: return "identity";
        case RecurrentInit::Orthogonal: return "orthogonal";
    }
    return "random";
}

void orthonormalize(double* m, int H) {
    auto at = [&](int i, int j) -> double& { return m[i * H + j]; };  // row i, column j
    auto column_norm = [&](int j) {
        double s = 0.0;
        for (int i = 0; i < H; ++i) s += at(i, j) * at(i, j);
        return std::sqrt(s);
    };
    // Removes from column j its components along the columns before it (already unit length).
    auto project_out = [&](int j) {
        for (int pass = 0; pass < 2; ++pass)
            for (int k = 0; k < j; ++k) {
                double d = 0.0;
                for (int i = 0; i < H; ++i) d += at(i, k) * at(i, j);
                for (int i = 0; i < H; ++i) at(i, j) -= d * at(i, k);
            }
    };
    for (int j = 0; j < H; ++j) {
        double ref = column_norm(j);
        project_out(j);
        double norm = column_norm(j);
        for (int e = 0; !(norm > 1e-8 * ref) && e < H; ++e) {
            for (int i = 0; i < H; ++i) at(i, j) = i == e ? 1.0 : 0.0;  // a unit vector instead
            ref = 1.0;
            project_out(j);
            norm = column_norm(j);
        }
        for (int i = 0; i < H; ++i) at(i, j) /= norm;
    }
}

Net net_init(const NetConfig& config, std::uint64_t seed) {
    Rng rng(seed);
    return net_init(config, rng);
}

void net_step_hidden(double* h_next, const Net& net, const double* h_prev, int a, int b) {
    const int H = net.hidden();
    const ConstParamView p = net.view();
    for (int i = 0; i < H; ++i) {
        double z = p.b_hid[i] + p.w_in[i * kInputs] * a + p.w_in[i * kInputs + 1] * b;
        for (int j = 0; j < H; ++j) z += p.w_rec[i * H + j] * h_prev[j];
        h_next[i] = sigmoid(z);
    }
}

double net_output(const Net& net, const double* h) {
    const int H = net.hidden();
    const ConstParamView p = net.view();
    double z = *p.b_out;
    for (int j = 0; j < H; ++j) z += p.w_out[j] * h[j];
    return sigmoid(z);
}

BitVector net_add(const Net& net, const Pair& pair, std::vector<double>* hidden, std::vector<double>* outputs) {
    const int H = net.hidden();
    const int T = pair_columns(pair.bits());
    const auto uH = static_cast<std::size_t>(H);
    const ConstParamView p = net.view();
    double buf[2][kMaxHidden];
    double* h = buf[0];
    double* hn = buf[1];
    for (int i = 0; i < H; ++i) h[i] = p.h0[i];
    if (hidden) hidden->assign(h, h + H);
    if (outputs) outputs->assign(1, *p.o0);
    BitVector sum(static_cast<std::size_t>(T));
    // Steps 1..T+1: o(s) is driven by h(s-1); h(s) takes in column s-1.
    for (int s = 1; s <= T + 1; ++s) {
        const double o = net_output(net, h);
        if (outputs) outputs->push_back(o);
        if (s >= kOutputDelay) sum[static_cast<std::size_t>(s - kOutputDelay)] = o >= 0.5 ? 1 : 0;
        if (s <= T) {
            net_step_hidden(hn, net, h, column_a(pair, s - 1), column_b(pair, s - 1));
            std::swap(h, hn);
            if (hidden) hidden->insert(hidden->end(), h, h + uH);
        }
    }
    return sum;
}

}  // namespace carry
