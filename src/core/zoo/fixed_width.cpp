// zoo/fixed_width: the fixed-width feed-forward adder on the zoo's data (see fixed_width.h).
#include "core/zoo/fixed_width.h"

#include <algorithm>
#include <cmath>  // std::sqrt only (IEEE, identical everywhere)
#include <stdexcept>

#include "core/feedforward.h"
#include "core/optim.h"
#include "core/rng.h"

namespace carry::zoo {
namespace {

// The core's one multilayer perceptron (core/feedforward.h: Mlp, MlpTrainer) on the zoo's pairs.
class FixedWidth final : public Model {
public:
    FixedWidth(const ZooData& data, const FixedWidthConfig& c) : c_(c), rng_(derive_seed(c.seed, 0x6677ULL)) {  // "fw"
        if (c.width < 2 || c.width > 16 || c.hidden < 1 || c.hidden > 1024 || c.epochs < 0 || c.batch < 1 ||
            !(c.lr > 0.0) || c.slice < 1)
            throw std::invalid_argument("fixed-width feed-forward: config out of range");
        for (const Pair& p : data.train)
            if (p.bits() <= c.width) train_.push_back(padded(p));
        mlp_ = mlp_init(2 * c.width, c.hidden, c.width + 1, rng_);
        OptimConfig oc;
        oc.kind = OptimizerKind::Adam;
        oc.lr = c.lr;
        oc.clip_norm = 0.0;
        trainer_ = std::make_unique<MlpTrainer>(mlp_, oc);
        schedule_ = EpochSchedule(train_.size(), c.epochs);
    }

    std::string name() const override { return "feed-forward fixed width"; }
    std::size_t params() const override { return mlp_.size(); }

    bool train_some() override {
        return schedule_.run(
            c_.slice, c_.batch, [&] { shuffle(); }, [&](std::size_t b, std::size_t e) { minibatch(b, e); });
    }
    double progress() const override { return schedule_.progress(); }

    std::optional<BitVector> add(const Pair& p) const override {
        if (p.bits() > c_.width) return std::nullopt;  // no input units for these columns
        std::vector<double> x(static_cast<std::size_t>(mlp_.I)), h(static_cast<std::size_t>(mlp_.Hd)),
            y(static_cast<std::size_t>(mlp_.O));
        inputs(padded(p), x.data());
        mlp_forward(mlp_, x.data(), h.data(), y.data());
        BitVector out(static_cast<std::size_t>(p.bits() + 1));
        for (std::size_t k = 0; k < out.size(); ++k) out[k] = y[k] >= 0.5 ? 1 : 0;
        return out;
    }
    std::string reason() const override {
        return "Given both numbers at once, it must learn the carry rule separately for every column, so it "
               "generalizes poorly to carry patterns it rarely saw, and its width is fixed in advance.";
    }

private:
    Pair padded(const Pair& p) const {
        Pair q = p;
        q.a.resize(static_cast<std::size_t>(c_.width), 0);
        q.b.resize(static_cast<std::size_t>(c_.width), 0);
        return q;
    }
    // a's bits, then b's.
    void inputs(const Pair& q, double* x) const {
        for (int i = 0; i < c_.width; ++i) {
            x[i] = q.a[static_cast<std::size_t>(i)];
            x[c_.width + i] = q.b[static_cast<std::size_t>(i)];
        }
    }
    void shuffle() {
        for (std::size_t i = train_.size(); i > 1; --i)
            std::swap(train_[i - 1], train_[static_cast<std::size_t>(rng_.below(i))]);
    }
    // One Adam step on cross-entropy over train_[begin, end).
    void minibatch(std::size_t begin, std::size_t end) {
        trainer_->minibatch(end - begin, [&](std::size_t k, double* x, double* t) {
            const Pair& q = train_[begin + k];
            inputs(q, x);
            const BitVector sum = true_sum(q);
            for (std::size_t o = 0; o < sum.size(); ++o) t[o] = static_cast<double>(sum[o]);
        });
    }

    FixedWidthConfig c_;
    Rng rng_;
    std::vector<Pair> train_;
    Mlp mlp_;
    std::unique_ptr<MlpTrainer> trainer_;
    EpochSchedule schedule_;
};

}  // namespace

std::unique_ptr<Model> make_fixed_width(const ZooData& data, const FixedWidthConfig& config) {
    return std::make_unique<FixedWidth>(data, config);
}

}  // namespace carry::zoo
