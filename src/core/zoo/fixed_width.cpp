// zoo/fixed_width: the fixed-width feed-forward adder on the zoo's data (see fixed_width.h).
#include "core/zoo/fixed_width.h"

#include <algorithm>
#include <cmath>  // std::sqrt only (IEEE, identical everywhere)
#include <stdexcept>

#include "core/mathx.h"
#include "core/optim.h"
#include "core/rng.h"

namespace carry::zoo {
namespace {

// All parameters in one buffer:  w1 (Hd, I) | b1 (Hd) | w2 (O, Hd) | b2 (O),  I = 2w, O = w+1.
class FixedWidth final : public Model {
public:
    FixedWidth(const ZooData& data, const FixedWidthConfig& c) : c_(c), rng_(derive_seed(c.seed, 0x6677ULL)) {  // "fw"
        if (c.width < 2 || c.width > 16 || c.hidden < 1 || c.hidden > 1024 || c.epochs < 0 || c.batch < 1 ||
            !(c.lr > 0.0) || c.slice < 1)
            throw std::invalid_argument("fixed-width feed-forward: config out of range");
        I_ = 2 * c.width;
        O_ = c.width + 1;
        for (const Pair& p : data.train)
            if (p.bits() <= c.width) train_.push_back(padded(p));
        p_.assign(b2() + static_cast<std::size_t>(O_), 0.0);
        // Weights ~ N(0,1)/sqrt(fan_in), biases 0 (as core/feedforward.cpp).
        for (std::size_t i = 0; i < b1(); ++i) p_[i] = rng_.normal() / std::sqrt(static_cast<double>(I_));
        for (std::size_t i = w2(); i < b2(); ++i) p_[i] = rng_.normal() / std::sqrt(static_cast<double>(c.hidden));
        oc_.kind = OptimizerKind::Adam;
        oc_.lr = c.lr;
        oc_.clip_norm = 0.0;
        optim_reset(st_, p_.size(), oc_);
        grads_.assign(p_.size(), 0.0);
        schedule_ = EpochSchedule(train_.size(), c.epochs);
    }

    std::string name() const override { return "feed-forward fixed width"; }
    std::size_t params() const override { return p_.size(); }

    bool train_some() override {
        return schedule_.run(c_.slice, c_.batch, [&] { shuffle(); }, [&](std::size_t b, std::size_t e) { minibatch(b, e); });
    }
    double progress() const override { return schedule_.progress(); }

    std::optional<BitVector> add(const Pair& p) const override {
        if (p.bits() > c_.width) return std::nullopt;  // no input units for these columns
        std::vector<double> h(static_cast<std::size_t>(c_.hidden)), y(static_cast<std::size_t>(O_));
        const Pair q = padded(p);
        forward(q, h.data(), y.data());
        BitVector out(static_cast<std::size_t>(p.bits() + 1));
        for (std::size_t k = 0; k < out.size(); ++k) out[k] = y[k] >= 0.5 ? 1 : 0;
        return out;
    }
    std::string reason() const override {
        return "Given both numbers at once, it must learn the carry rule separately for every column, so it "
               "generalizes poorly to carry patterns it rarely saw, and its width is fixed in advance.";
    }

private:
    std::size_t b1() const { return static_cast<std::size_t>(c_.hidden * I_); }
    std::size_t w2() const { return b1() + static_cast<std::size_t>(c_.hidden); }
    std::size_t b2() const { return w2() + static_cast<std::size_t>(O_ * c_.hidden); }

    Pair padded(const Pair& p) const {
        Pair q = p;
        q.a.resize(static_cast<std::size_t>(c_.width), 0);
        q.b.resize(static_cast<std::size_t>(c_.width), 0);
        return q;
    }
    double input(const Pair& q, int i) const {
        return i < c_.width ? q.a[static_cast<std::size_t>(i)] : q.b[static_cast<std::size_t>(i - c_.width)];
    }
    void forward(const Pair& q, double* h, double* y) const {
        for (int j = 0; j < c_.hidden; ++j) {
            double z = p_[b1() + static_cast<std::size_t>(j)];
            const double* w = &p_[static_cast<std::size_t>(j * I_)];
            for (int i = 0; i < I_; ++i) z += w[i] * input(q, i);
            h[j] = sigmoid(z);
        }
        for (int k = 0; k < O_; ++k) {
            double z = p_[b2() + static_cast<std::size_t>(k)];
            const double* w = &p_[w2() + static_cast<std::size_t>(k * c_.hidden)];
            for (int j = 0; j < c_.hidden; ++j) z += w[j] * h[j];
            y[k] = sigmoid(z);
        }
    }
    void shuffle() {
        for (std::size_t i = train_.size(); i > 1; --i) std::swap(train_[i - 1], train_[static_cast<std::size_t>(rng_.below(i))]);
    }
    // One Adam step on cross-entropy over train_[begin, end).
    void minibatch(std::size_t begin, std::size_t end) {
        const auto Hd = static_cast<std::size_t>(c_.hidden);
        std::vector<double> h(Hd), y(static_cast<std::size_t>(O_)), dh(Hd);
        const double scale = 1.0 / static_cast<double>(end - begin);
        std::fill(grads_.begin(), grads_.end(), 0.0);
        for (std::size_t n = begin; n < end; ++n) {
            const Pair& q = train_[n];
            const BitVector sum = true_sum(q);
            forward(q, h.data(), y.data());
            std::fill(dh.begin(), dh.end(), 0.0);
            for (int k = 0; k < O_; ++k) {
                const auto kk = static_cast<std::size_t>(k);
                const double dz = (y[kk] - static_cast<double>(sum[kk])) * scale;  // cross-entropy through a logistic
                grads_[b2() + kk] += dz;
                double* gw = &grads_[w2() + kk * Hd];
                const double* w = &p_[w2() + kk * Hd];
                for (std::size_t j = 0; j < Hd; ++j) {
                    gw[j] += dz * h[j];
                    dh[j] += dz * w[j];
                }
            }
            for (std::size_t j = 0; j < Hd; ++j) {
                const double dz = dh[j] * h[j] * (1.0 - h[j]);
                grads_[b1() + j] += dz;
                double* gw = &grads_[j * static_cast<std::size_t>(I_)];
                for (int i = 0; i < I_; ++i) gw[i] += dz * input(q, i);
            }
        }
        optim_step(p_, grads_, st_, oc_, frozen_);
    }

    FixedWidthConfig c_;
    Rng rng_;
    int I_ = 0, O_ = 0;
    std::vector<Pair> train_;
    std::vector<double> p_, grads_;
    OptimConfig oc_;
    OptimState st_;
    const std::vector<unsigned char> frozen_;
    EpochSchedule schedule_;
};

}  // namespace

std::unique_ptr<Model> make_fixed_width(const ZooData& data, const FixedWidthConfig& config) {
    return std::make_unique<FixedWidth>(data, config);
}

}  // namespace carry::zoo
