// zoo/gradients: error-derivative norms at each step back from the last output, for the core net
// (through the core's own BPTT) and for the LSTM, and their per-step factors. See gradients.h.
#include "core/zoo/gradients.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "core/bptt.h"
#include "core/mathx.h"

namespace carry::zoo {

std::vector<double> rnn_gradient_norms(const Net& net, const Pair& pair) {
    // The core's BPTT with a target on the last column only: its backward pass then starts from
    // dE/dz_o(T+1) = o(T+1) - y and nothing else. Backpropagation is linear in that seed, so
    // dividing every per-step delta by it gives the deltas of a unit error. The target is set to
    // the bit the output is furthest from, so the seed is at least 0.5 (never a rounding 0).
    Batch batch;
    batch_from_pairs(batch, {pair});
    const LossConfig loss{1, false};
    Activities acts;
    rnn_forward(acts, net, batch, loss);
    const int T = batch.T, H = net.hidden();
    const double o_last = acts.o[static_cast<std::size_t>(T + 1)];
    batch.target[static_cast<std::size_t>(T - 1)] = o_last < 0.5 ? 1.0 : 0.0;
    std::vector<double> grads(net.params.size(), 0.0);
    Deltas deltas;
    rnn_backward(grads, acts, net, batch, loss, &deltas);
    const double seed = deltas.d_out[static_cast<std::size_t>(T + 1)];
    std::vector<double> norms;
    norms.reserve(static_cast<std::size_t>(T) + 1);
    for (int s = T; s >= 0; --s) {
        double n2 = 0.0;
        for (int j = 0; j < H; ++j) {
            const double d =
                deltas.d_h[static_cast<std::size_t>(s) * static_cast<std::size_t>(H) + static_cast<std::size_t>(j)] /
                seed;
            n2 += d * d;
        }
        norms.push_back(std::sqrt(n2));
    }
    return norms;
}

std::vector<double> lstm_gradient_norms(const Lstm& lstm, const Pair& pair) {
    LstmTrace trace;
    lstm_forward(trace, lstm, pair);
    const auto T = static_cast<std::size_t>(trace.T), H = static_cast<std::size_t>(trace.H);
    std::vector<double> d_logit(T, 0.0);
    d_logit[T - 1] = 1.0;  // a unit error at the last output only
    std::vector<double> grads(lstm.params.size(), 0.0);
    LstmStateDeltas deltas;
    lstm_backward(grads, trace, lstm, d_logit, 1.0, &deltas);
    std::vector<double> norms;
    norms.reserve(T);
    for (std::size_t k = 0; k < T; ++k) {
        const std::size_t t = T - 1 - k;
        double n2 = 0.0;
        for (std::size_t i = 0; i < H; ++i)
            n2 += deltas.d_h[t * H + i] * deltas.d_h[t * H + i] + deltas.d_c[t * H + i] * deltas.d_c[t * H + i];
        norms.push_back(std::sqrt(n2));
    }
    return norms;
}

double per_step_factor(const std::vector<double>& norms) {
    std::size_t usable = 0;  // norms[0 .. usable) are positive normal doubles
    while (usable < norms.size() && norms[usable] >= std::numeric_limits<double>::min() &&
           norms[usable] <= std::numeric_limits<double>::max())
        ++usable;
    if (usable < 2) return 1.0;
    const double steps = static_cast<double>(usable - 1);
    return det_exp((det_log(norms[usable - 1]) - det_log(norms[0])) / steps);
}

std::string describe_factor(double factor) {
    char buf[64];
    if (factor < 0.1)
        std::snprintf(buf, sizeof buf, "vanishes by x%.2g per step", factor);  // x0.0041, not x0.00
    else if (factor < 0.98)
        std::snprintf(buf, sizeof buf, "vanishes by x%.2f per step", factor);
    else if (factor > 1.02)
        std::snprintf(buf, sizeof buf, "explodes by x%.2f per step", factor);
    else
        std::snprintf(buf, sizeof buf, "holds (x%.2f per step)", factor);
    return buf;
}

namespace {

// b_i = -(w_in[i] . (0.5, 0.5) + W_rec[i] . (0.5, ..., 0.5)): z_i = 0 at the mid activities.
void centre_units(Net& net) {
    const int H = net.hidden();
    ParamView p = net.view();
    for (int i = 0; i < H; ++i) {
        double sum = p.w_in[i * kInputs] + p.w_in[i * kInputs + 1];
        for (int j = 0; j < H; ++j) sum += p.w_rec[i * H + j];
        p.b_hid[i] = -0.5 * sum;
    }
}

}  // namespace

std::vector<GradientCurve> gradient_curves(const GradientsConfig& config) {
    Rng rng(derive_seed(config.seed, 9));  // the sum's bits, apart from the weights' stream
    const Pair pair = random_pair(rng, config.bits);
    std::vector<GradientCurve> curves;
    for (double scale : config.weight_scales) {
        NetConfig nc;
        nc.hidden = config.rnn_hidden;
        nc.init_scale = scale;
        Net net = net_init(nc, config.seed);
        if (config.centred) centre_units(net);
        GradientCurve c;
        char label[48];
        std::snprintf(label, sizeof label, "RNN, weights x%g%s", scale, config.centred ? ", centred" : "");
        c.label = label;
        c.weight_scale = scale;
        c.norms = rnn_gradient_norms(net, pair);
        c.factor = per_step_factor(c.norms);
        curves.push_back(std::move(c));
    }
    LstmConfig lc = config.lstm;
    lc.seed = config.seed;
    GradientCurve c;
    c.label = "LSTM";
    c.lstm = true;
    c.norms = lstm_gradient_norms(lstm_init(lc), pair);
    c.factor = per_step_factor(c.norms);
    curves.push_back(std::move(c));
    return curves;
}

}  // namespace carry::zoo
