// zoo/taps: the autoregressive model and the feed-forward net on delay taps (see taps.h).
//
// [SECTION] windows
// [SECTION] the net: forward, loss and gradient
// [SECTION] the model
#include "core/zoo/taps.h"

#include <algorithm>
#include <cmath>  // std::sqrt only (IEEE, identical everywhere)
#include <stdexcept>
#include <string>

#include "core/mathx.h"
#include "core/rng.h"

namespace carry::zoo {
namespace detail {

// [SECTION] windows ------------------------------------------------------------------------------

int tap_symbol(const Pair& p, int c) { return c < 0 ? 0 : column_a(p, c) + 2 * column_b(p, c); }

void window_inputs(const Pair& p, int t, int taps, int* active) {
    for (int i = 0; i < taps; ++i) active[i] = kSymbols * i + tap_symbol(p, t - i);
}

// [SECTION] the net: forward, loss and gradient -------------------------------------------------

double taps_logit(const TapsNet& net, const int* active, double* h) {
    const std::size_t I = net.inputs();
    if (net.hidden == 0) {
        double z = net.params[I];
        for (int i = 0; i < net.taps; ++i) z += net.params[static_cast<std::size_t>(active[i])];
        return z;
    }
    const auto H = static_cast<std::size_t>(net.hidden);
    const double* w1 = net.params.data();
    const double* b1 = w1 + H * I;
    const double* w2 = b1 + H;
    double z = w2[H];  // b2
    for (std::size_t j = 0; j < H; ++j) {
        double zj = b1[j];
        const double* row = w1 + j * I;
        for (int i = 0; i < net.taps; ++i) zj += row[active[i]];  // one-hot: the active weights only
        h[j] = sigmoid(zj);
        z += w2[j] * h[j];
    }
    return z;
}

double taps_loss_grad(const TapsNet& net, const int* active, int target, double scale, double* grad, double* h) {
    const double z = taps_logit(net, active, h);
    const double y = static_cast<double>(target);
    const double loss = logistic_cross_entropy(z, y);
    if (grad == nullptr) return loss;
    const double dz = (sigmoid(z) - y) * scale;  // cross-entropy through a logistic output
    const std::size_t I = net.inputs();
    if (net.hidden == 0) {
        for (int i = 0; i < net.taps; ++i) grad[active[i]] += dz;
        grad[I] += dz;
        return loss;
    }
    const auto H = static_cast<std::size_t>(net.hidden);
    const double* w2 = net.params.data() + H * I + H;
    double* gw1 = grad;
    double* gb1 = grad + H * I;
    double* gw2 = gb1 + H;
    gw2[H] += dz;  // b2
    for (std::size_t j = 0; j < H; ++j) {
        gw2[j] += dz * h[j];
        const double dzj = dz * w2[j] * h[j] * (1.0 - h[j]);
        gb1[j] += dzj;
        double* row = gw1 + j * I;
        for (int i = 0; i < net.taps; ++i) row[active[i]] += dzj;
    }
    return loss;
}

}  // namespace detail

// [SECTION] the model ----------------------------------------------------------------------------

namespace {

using detail::TapsNet;

class TapsModel final : public Model {
public:
    TapsModel(const ZooData& data, const TapsConfig& c, bool with_hidden)
        : c_(c), rng_(derive_seed(c.seed, with_hidden ? 0x6666746170ULL : 0x6172746170ULL)) {  // "fftap", "artap"
        if (c.taps < 1 || c.taps > 8 || (with_hidden && (c.hidden < 1 || c.hidden > 256)) || c.epochs < 0 ||
            c.batch < 1 || !(c.learning_rate > 0.0) || !(c.momentum >= 0.0 && c.momentum < 1.0) || c.slice < 1)
            throw std::invalid_argument("delay-tap model: config out of range");
        net_.taps = c.taps;
        net_.hidden = with_hidden ? c.hidden : 0;
        net_.params.assign(net_.size(), 0.0);
        if (with_hidden) {
            // Hidden weights ~ N(0,1)/sqrt(k) (k inputs are on at a time), output ~ N(0,1)/sqrt(H),
            // biases 0. The logistic regression starts at zero: its loss is convex.
            const std::size_t I = net_.inputs(), H = static_cast<std::size_t>(net_.hidden);
            for (std::size_t i = 0; i < H * I; ++i)
                net_.params[i] = rng_.normal() / std::sqrt(static_cast<double>(c.taps));
            for (std::size_t j = 0; j < H; ++j)
                net_.params[H * I + H + j] = rng_.normal() / std::sqrt(static_cast<double>(H));
        }
        velocity_.assign(net_.size(), 0.0);
        grads_.assign(net_.size(), 0.0);
        h_.assign(static_cast<std::size_t>(std::max(net_.hidden, 1)), 0.0);
        // One example per column of every pair, pad column included.
        const auto k = static_cast<std::size_t>(c.taps);
        for (const Pair& p : data.train) {
            const BitVector sum = true_sum(p);
            for (int t = 0; t < pair_columns(p.bits()); ++t) {
                const std::size_t at = inputs_.size();
                inputs_.resize(at + k);
                detail::window_inputs(p, t, c.taps, &inputs_[at]);
                targets_.push_back(sum[static_cast<std::size_t>(t)]);
            }
        }
        order_.resize(targets_.size());
        for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<std::uint32_t>(i);
        schedule_ = EpochSchedule(targets_.size(), c.epochs);
    }

    std::string name() const override { return net_.hidden > 0 ? "feed-forward taps" : "autoregressive"; }
    std::size_t params() const override { return net_.size(); }

    bool train_some() override {
        return schedule_.run(
            c_.slice, c_.batch, [&] { shuffle(); }, [&](std::size_t b, std::size_t e) { minibatch(b, e); });
    }
    double progress() const override { return schedule_.progress(); }

    std::optional<BitVector> add(const Pair& p) const override {
        BitVector out(static_cast<std::size_t>(pair_columns(p.bits())));
        int active[8];
        std::vector<double> h(h_.size());
        for (std::size_t t = 0; t < out.size(); ++t) {
            detail::window_inputs(p, static_cast<int>(t), c_.taps, active);
            out[t] = sigmoid(detail::taps_logit(net_, active, h.data())) >= 0.5 ? 1 : 0;
        }
        return out;
    }

    std::string reason() const override {
        const std::string k = std::to_string(c_.taps);
        if (net_.hidden == 0)
            return "an autoregressive model predicts from the last " + k +
                   " columns (delay taps) by a weighted sum, and a weighted sum cannot XOR in a carry from an "
                   "earlier column, so it adds right only where no carry arrives";
        if (c_.taps == 1)
            return "a feed-forward net on one delay tap sees only the column it is adding, and its hidden units cannot "
                   "recover a carry from columns it never sees";
        return "a feed-forward net on " + k +
               " delay taps can compute a carry inside its window with its hidden units, but it is memoryless: "
               "a carry that travels further than " +
               std::to_string(c_.taps - 1) + " columns comes from outside what it sees";
    }

private:
    void shuffle() {
        for (std::size_t i = order_.size(); i > 1; --i)
            std::swap(order_[i - 1], order_[static_cast<std::size_t>(rng_.below(i))]);
    }
    // One momentum-SGD step on the mean cross-entropy of examples order_[begin, end).
    void minibatch(std::size_t begin, std::size_t end) {
        std::fill(grads_.begin(), grads_.end(), 0.0);
        const double scale = 1.0 / static_cast<double>(end - begin);
        const auto k = static_cast<std::size_t>(c_.taps);
        for (std::size_t n = begin; n < end; ++n) {
            const std::size_t e = order_[n];
            detail::taps_loss_grad(net_, &inputs_[e * k], targets_[e], scale, grads_.data(), h_.data());
        }
        const double lr = c_.anneal ? c_.learning_rate * (1.0 - schedule_.progress()) : c_.learning_rate;
        for (std::size_t i = 0; i < net_.params.size(); ++i) {
            velocity_[i] = c_.momentum * velocity_[i] - lr * grads_[i];
            net_.params[i] += velocity_[i];
        }
    }

    TapsConfig c_;
    Rng rng_;
    TapsNet net_;
    std::vector<double> velocity_, grads_, h_;
    std::vector<int> inputs_;            // k active input indices per example
    std::vector<std::uint8_t> targets_;  // the sum bit per example
    std::vector<std::uint32_t> order_;   // this epoch's shuffle
    EpochSchedule schedule_;
};

}  // namespace

std::unique_ptr<Model> make_autoregressive(const ZooData& data, const TapsConfig& config) {
    return std::make_unique<TapsModel>(data, config, false);
}

std::unique_ptr<Model> make_feedforward_taps(const ZooData& data, const TapsConfig& config) {
    return std::make_unique<TapsModel>(data, config, true);
}

}  // namespace carry::zoo
