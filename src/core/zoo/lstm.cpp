// zoo/lstm: the LSTM's forward pass, its backpropagation through time by hand, and the zoo Model
// that trains it with Adam (core/optim.h) on the zoo's streams. See lstm.h for the equations.
#include "core/zoo/lstm.h"

#include <cmath>
#include <stdexcept>

#include "core/mathx.h"
#include "core/optim.h"
#include "core/rng.h"

namespace carry::zoo {

namespace {

// tanh from the project's deterministic logistic (no libm): tanh(x) = 2 sigmoid(2x) - 1.
inline double det_tanh(double x) { return 2.0 * sigmoid(2.0 * x) - 1.0; }

void check_hidden(int hidden) {
    if (hidden < kMinLstmHidden || hidden > kMaxLstmHidden) throw std::invalid_argument("lstm: hidden out of range");
}

}  // namespace

Lstm lstm_init(const LstmConfig& config) {
    check_hidden(config.hidden);
    const int H = config.hidden;
    const LstmLayout l = lstm_layout(H);
    Lstm lstm;
    lstm.hidden = H;
    lstm.params.assign(l.total, 0.0);
    Rng rng(config.seed);
    const double s_gate = config.init_scale / std::sqrt(static_cast<double>(2 + H + 1));
    const double s_out = config.init_scale / std::sqrt(static_cast<double>(H + 1));
    for (std::size_t k = l.w; k < l.b; ++k) lstm.params[k] = s_gate * rng.normal();
    for (int i = 0; i < H; ++i) lstm.params[l.b + static_cast<std::size_t>(H + i)] = config.forget_bias;
    for (std::size_t k = l.w_out; k < l.b_out; ++k) lstm.params[k] = s_out * rng.normal();
    return lstm;
}

double lstm_forward(LstmTrace& tr, const Lstm& lstm, const Pair& pair, const Task& task) {
    const int H = lstm.hidden, T = pair_columns(pair.bits()), G = 4 * H, K = 2 + H;
    const auto uH = static_cast<std::size_t>(H), uT = static_cast<std::size_t>(T);
    const LstmLayout l = lstm_layout(H);
    const double* W = lstm.params.data() + l.w;
    const double* bias = lstm.params.data() + l.b;
    const double* w_out = lstm.params.data() + l.w_out;
    const double b_out = lstm.params[l.b_out];
    tr.H = H;
    tr.T = T;
    tr.x.assign(uT * 2, 0.0);
    tr.gates.assign(uT * 4 * uH, 0.0);
    tr.c.assign((uT + 1) * uH, 0.0);
    tr.tc.assign(uT * uH, 0.0);
    tr.h.assign((uT + 1) * uH, 0.0);
    tr.logit.assign(uT, 0.0);
    const BitVector sum = task_targets(task, pair);
    double loss = 0.0;
    for (int t = 0; t < T; ++t) {
        double* x = &tr.x[static_cast<std::size_t>(t) * 2];
        x[0] = column_a(pair, t);
        x[1] = column_b(pair, t);
        const double* h_prev = &tr.h[static_cast<std::size_t>(t) * uH];
        const double* c_prev = &tr.c[static_cast<std::size_t>(t) * uH];
        double* gates = &tr.gates[static_cast<std::size_t>(t) * 4 * uH];
        for (int r = 0; r < G; ++r) {
            const double* w = W + r * K;
            double z = bias[r] + w[0] * x[0] + w[1] * x[1];
            for (int j = 0; j < H; ++j) z += w[2 + j] * h_prev[j];
            gates[r] = (r >= 2 * H && r < 3 * H) ? det_tanh(z) : sigmoid(z);
        }
        double* c = &tr.c[static_cast<std::size_t>(t + 1) * uH];
        double* tc = &tr.tc[static_cast<std::size_t>(t) * uH];
        double* h = &tr.h[static_cast<std::size_t>(t + 1) * uH];
        double y = b_out;
        for (int i = 0; i < H; ++i) {
            const double gi = gates[i], gf = gates[H + i], gg = gates[2 * H + i], go = gates[3 * H + i];
            c[i] = gf * c_prev[i] + gi * gg;
            tc[i] = det_tanh(c[i]);
            h[i] = go * tc[i];
            y += w_out[i] * h[i];
        }
        tr.logit[static_cast<std::size_t>(t)] = y;
        loss += logistic_cross_entropy(y, sum[static_cast<std::size_t>(t)]);
    }
    return loss;
}

std::vector<double> lstm_loss_derivatives(const LstmTrace& tr, const Pair& pair, const Task& task) {
    const BitVector sum = task_targets(task, pair);
    std::vector<double> d(static_cast<std::size_t>(tr.T));
    for (std::size_t t = 0; t < d.size(); ++t) d[t] = sigmoid(tr.logit[t]) - sum[t];
    return d;
}

void lstm_backward(std::vector<double>& grads, const LstmTrace& tr, const Lstm& lstm,
                   const std::vector<double>& d_logit, double scale, LstmStateDeltas* deltas) {
    const int H = tr.H, T = tr.T, G = 4 * H, K = 2 + H;
    const auto uH = static_cast<std::size_t>(H), uT = static_cast<std::size_t>(T);
    const LstmLayout l = lstm_layout(H);
    if (grads.size() != l.total) grads.assign(l.total, 0.0);
    const double* W = lstm.params.data() + l.w;
    const double* w_out = lstm.params.data() + l.w_out;
    double* gW = grads.data() + l.w;
    double* gb = grads.data() + l.b;
    double* gw_out = grads.data() + l.w_out;
    if (deltas) {
        deltas->d_h.assign(uT * uH, 0.0);
        deltas->d_c.assign(uT * uH, 0.0);
    }
    // Derivatives carried back from step t+1: through the recurrent weights into h(t), and
    // through the keep gate into c(t).
    double dh_next[kMaxLstmHidden] = {}, dc_next[kMaxLstmHidden] = {};
    double dz[4 * kMaxLstmHidden];
    for (int t = T - 1; t >= 0; --t) {
        const double dy = scale * d_logit[static_cast<std::size_t>(t)];
        const double* x = &tr.x[static_cast<std::size_t>(t) * 2];
        const double* gates = &tr.gates[static_cast<std::size_t>(t) * 4 * uH];
        const double* c_prev = &tr.c[static_cast<std::size_t>(t) * uH];
        const double* tc = &tr.tc[static_cast<std::size_t>(t) * uH];
        const double* h_prev = &tr.h[static_cast<std::size_t>(t) * uH];
        const double* h = &tr.h[static_cast<std::size_t>(t + 1) * uH];
        grads[l.b_out] += dy;
        for (int i = 0; i < H; ++i) {
            gw_out[i] += dy * h[i];
            const double gi = gates[i], gf = gates[H + i], gg = gates[2 * H + i], go = gates[3 * H + i];
            const double dh = dh_next[i] + dy * w_out[i];
            const double dc = dc_next[i] + dh * go * (1.0 - tc[i] * tc[i]);
            if (deltas) {
                deltas->d_h[static_cast<std::size_t>(t) * uH + static_cast<std::size_t>(i)] = dh;
                deltas->d_c[static_cast<std::size_t>(t) * uH + static_cast<std::size_t>(i)] = dc;
            }
            dz[i] = dc * gg * gi * (1.0 - gi);             // write gate
            dz[H + i] = dc * c_prev[i] * gf * (1.0 - gf);  // keep gate
            dz[2 * H + i] = dc * gi * (1.0 - gg * gg);     // candidate (tanh)
            dz[3 * H + i] = dh * tc[i] * go * (1.0 - go);  // read gate
            dc_next[i] = dc * gf;
        }
        for (int j = 0; j < H; ++j) dh_next[j] = 0.0;
        for (int r = 0; r < G; ++r) {
            const double d = dz[r];
            double* g = gW + r * K;
            const double* w = W + r * K;
            gb[r] += d;
            g[0] += d * x[0];
            g[1] += d * x[1];
            for (int j = 0; j < H; ++j) {
                g[2 + j] += d * h_prev[j];
                dh_next[j] += w[2 + j] * d;
            }
        }
    }
}

BitVector lstm_add(const Lstm& lstm, const Pair& pair) {
    LstmTrace tr;
    lstm_forward(tr, lstm, pair);
    BitVector bits(static_cast<std::size_t>(tr.T));
    for (std::size_t t = 0; t < bits.size(); ++t) bits[t] = tr.logit[t] >= 0.0 ? 1 : 0;  // y >= 0.5
    return bits;
}

namespace {

class LstmModel final : public Model {
public:
    LstmModel(const ZooData& data, const LstmConfig& config) : data_(data), config_(config), lstm_(lstm_init(config)) {
        if (config.batch < 1 || config.slice < 1 || config.sequences < 0 || !(config.lr > 0.0))
            throw std::invalid_argument("lstm: bad training settings");
        optim_.kind = OptimizerKind::Adam;
        optim_.lr = config.lr;
        optim_.clip_norm = config.clip_norm;
        optim_reset(state_, lstm_.params.size(), optim_);
        grads_.assign(lstm_.params.size(), 0.0);
        if (data_.train.empty())
            budget_ = 0;
        else
            budget_ = config.sequences;
    }

    std::string name() const override { return "LSTM"; }
    std::size_t params() const override { return lstm_.params.size(); }

    bool train_some() override {
        const double scale = 1.0 / config_.batch;  // the batch loss is the mean over its sequences
        for (int k = 0; k < config_.slice && done_ < budget_; ++k) {
            const Pair& p = data_.train[static_cast<std::size_t>(done_ % static_cast<long long>(data_.train.size()))];
            lstm_forward(trace_, lstm_, p, data_.task);
            lstm_backward(grads_, trace_, lstm_, lstm_loss_derivatives(trace_, p, data_.task), scale);
            ++done_;
            if (++in_batch_ == config_.batch || done_ == budget_) {
                // The step size falls linearly to 0 over the budget: the late, small steps settle
                // the cells' rare patterns (a run of generates, then a kill) that a constant step
                // keeps knocking about.
                optim_.lr = config_.lr * (1.0 - static_cast<double>(done_) / static_cast<double>(budget_ + 1));
                optim_step(lstm_.params, grads_, state_, optim_, {});
                zero_grad(grads_);
                in_batch_ = 0;
            }
        }
        return done_ >= budget_;
    }

    double progress() const override {
        return budget_ > 0 ? static_cast<double>(done_) / static_cast<double>(budget_) : 1.0;
    }

    std::optional<BitVector> add(const Pair& p) const override { return lstm_add(lstm_, p); }

    std::string reason() const override {
        if (!is_add(data_.task))
            return "Its memory cells can keep the task machine's state from one column to the next, the gates "
                   "deciding what is written, kept and read out, so it can follow the rule on inputs of any length.";
        return "Its memory cells keep the carry: the write gate lets a carry in, the keep gate holds it "
               "from one column to the next and the read gate lets the sum bit out, so, like the "
               "recurrent net, it adds numbers of any length.";
    }

private:
    static void zero_grad(std::vector<double>& g) {
        for (double& v : g) v = 0.0;
    }

    ZooData data_;
    LstmConfig config_;
    Lstm lstm_;
    OptimConfig optim_;
    OptimState state_;
    std::vector<double> grads_;
    LstmTrace trace_;
    long long budget_ = 0, done_ = 0;
    int in_batch_ = 0;
};

}  // namespace

std::unique_ptr<Model> make_lstm(const ZooData& data, const LstmConfig& config) {
    return std::make_unique<LstmModel>(data, config);
}

}  // namespace carry::zoo
