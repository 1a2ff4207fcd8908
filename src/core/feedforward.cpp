// feedforward: the fixed-width feed-forward adder and its comparison with the recurrent net on
// the same split (see feedforward.h).
//
// [SECTION] split
// [SECTION] the feed-forward net (the project's one MLP, also the zoo's fixed-width model)
// [SECTION] the recurrent net on the same pairs
// [SECTION] baseline
#include "core/feedforward.h"

#include <algorithm>
#include <cmath>  // std::sqrt only (IEEE, identical everywhere)

#include "core/bptt.h"
#include "core/mathx.h"
#include "core/net.h"
#include "core/optim.h"
#include "core/rng.h"
#include "core/trainer.h"

namespace carry {

// [SECTION] split --------------------------------------------------------------------------------

FeedforwardSplit feedforward_split(const FeedforwardConfig& c) {
    FeedforwardSplit s;
    const std::uint32_t n = 1u << c.width, low_mask = (1u << c.unseen_carry_column) - 1u;
    std::vector<std::uint32_t> rest;
    for (std::uint32_t b = 0; b < n; ++b)
        for (std::uint32_t a = 0; a < n; ++a) {
            const bool carry_in = ((a & low_mask) + (b & low_mask)) >> c.unseen_carry_column;
            (carry_in ? s.unseen_carry : rest).push_back(a | (b << c.width));
        }
    Rng rng(derive_seed(c.seed, 0x73706c6974ULL));  // "split": independent of the net's init
    for (std::size_t i = rest.size(); i > 1; --i) std::swap(rest[i - 1], rest[static_cast<std::size_t>(rng.below(i))]);  // Fisher-Yates
    const auto n_train = static_cast<std::size_t>(c.train_fraction * static_cast<double>(rest.size()));
    s.train.assign(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(n_train));
    s.heldout.assign(rest.begin() + static_cast<std::ptrdiff_t>(n_train), rest.end());
    return s;
}

namespace {

void encode(std::uint32_t code, int width, double* x) {
    for (int i = 0; i < 2 * width; ++i) x[i] = static_cast<double>((code >> i) & 1u);
}

std::uint32_t true_sum(std::uint32_t code, int width) {
    const std::uint32_t mask = (1u << width) - 1u;
    return (code & mask) + (code >> width);
}

SplitScore score_mlp(const Mlp& m, int width, const std::vector<std::uint32_t>& codes) {
    SplitScore s;
    s.pairs = codes.size();
    if (codes.empty()) return s;
    std::vector<double> x(static_cast<std::size_t>(m.I)), h(static_cast<std::size_t>(m.Hd)), y(static_cast<std::size_t>(m.O));
    std::size_t exact = 0, right = 0;
    for (std::uint32_t code : codes) {
        encode(code, width, x.data());
        mlp_forward(m, x.data(), h.data(), y.data());
        const std::uint32_t sum = true_sum(code, width);
        int ok = 0;
        for (int k = 0; k < m.O; ++k) ok += ((y[static_cast<std::size_t>(k)] >= 0.5 ? 1u : 0u) == ((sum >> k) & 1u));
        right += static_cast<std::size_t>(ok);
        exact += ok == m.O;
    }
    s.exact_accuracy = static_cast<double>(exact) / static_cast<double>(codes.size());
    s.bit_accuracy = static_cast<double>(right) / static_cast<double>(codes.size() * static_cast<std::size_t>(m.O));
    return s;
}

// Minibatch Adam on cross-entropy; returns the last epoch's mean loss per pair.
double train_mlp(Mlp& m, const FeedforwardConfig& c, std::vector<std::uint32_t> codes, Rng& rng) {
    OptimConfig oc;
    oc.kind = OptimizerKind::Adam;
    oc.lr = c.lr;
    MlpTrainer trainer(m, oc);
    double epoch_loss = 0.0;
    for (int epoch = 0; epoch < c.epochs; ++epoch) {
        for (std::size_t i = codes.size(); i > 1; --i) std::swap(codes[i - 1], codes[static_cast<std::size_t>(rng.below(i))]);
        epoch_loss = 0.0;
        for (std::size_t start = 0; start < codes.size(); start += static_cast<std::size_t>(c.batch)) {
            const std::size_t end = std::min(codes.size(), start + static_cast<std::size_t>(c.batch));
            trainer.minibatch(end - start, [&](std::size_t k, double* x, double* t) {
                encode(codes[start + k], c.width, x);
                const std::uint32_t sum = true_sum(codes[start + k], c.width);
                for (int o = 0; o < m.O; ++o) t[o] = static_cast<double>((sum >> o) & 1u);
            }, &epoch_loss);
        }
        epoch_loss /= static_cast<double>(codes.size());
    }
    return epoch_loss;
}

}  // namespace

// [SECTION] the feed-forward net -----------------------------------------------------------------

Mlp mlp_init(int inputs, int hidden, int outputs, Rng& rng) {
    Mlp m;
    m.I = inputs;
    m.Hd = hidden;
    m.O = outputs;
    m.p.assign(m.size(), 0.0);
    for (std::size_t i = 0; i < m.b1(); ++i) m.p[i] = rng.normal() / std::sqrt(static_cast<double>(m.I));
    for (std::size_t i = m.w2(); i < m.b2(); ++i) m.p[i] = rng.normal() / std::sqrt(static_cast<double>(m.Hd));
    return m;
}

void mlp_forward(const Mlp& m, const double* x, double* h, double* y) {
    for (int j = 0; j < m.Hd; ++j) {
        double z = m.p[m.b1() + static_cast<std::size_t>(j)];
        const double* w = &m.p[m.w1() + static_cast<std::size_t>(j * m.I)];
        for (int i = 0; i < m.I; ++i) z += w[i] * x[i];
        h[j] = sigmoid(z);
    }
    for (int k = 0; k < m.O; ++k) {
        double z = m.p[m.b2() + static_cast<std::size_t>(k)];
        const double* w = &m.p[m.w2() + static_cast<std::size_t>(k * m.Hd)];
        for (int j = 0; j < m.Hd; ++j) z += w[j] * h[j];
        y[k] = sigmoid(z);
    }
}

MlpTrainer::MlpTrainer(Mlp& m, const OptimConfig& optim)
    : m_(m), oc_(optim), grads_(m.size(), 0.0), x_(static_cast<std::size_t>(m.I)), t_(static_cast<std::size_t>(m.O)),
      h_(static_cast<std::size_t>(m.Hd)), y_(static_cast<std::size_t>(m.O)), dh_(static_cast<std::size_t>(m.Hd)) {
    optim_reset(st_, m.size(), oc_);
}

void MlpTrainer::minibatch(std::size_t count, const Example& example, double* loss) {
    if (count == 0) return;
    const Mlp& m = m_;
    const double scale = 1.0 / static_cast<double>(count);
    std::fill(grads_.begin(), grads_.end(), 0.0);
    for (std::size_t n = 0; n < count; ++n) {
        example(n, x_.data(), t_.data());
        mlp_forward(m, x_.data(), h_.data(), y_.data());
        std::fill(dh_.begin(), dh_.end(), 0.0);
        for (int k = 0; k < m.O; ++k) {
            const double t = t_[static_cast<std::size_t>(k)], yk = y_[static_cast<std::size_t>(k)];
            if (loss) *loss -= t > 0.5 ? det_log(yk > 1e-300 ? yk : 1e-300) : det_log(1.0 - yk > 1e-300 ? 1.0 - yk : 1e-300);
            const double dz = (yk - t) * scale;  // cross-entropy through a logistic output
            grads_[m.b2() + static_cast<std::size_t>(k)] += dz;
            double* gw = &grads_[m.w2() + static_cast<std::size_t>(k * m.Hd)];
            const double* w = &m.p[m.w2() + static_cast<std::size_t>(k * m.Hd)];
            for (int j = 0; j < m.Hd; ++j) {
                gw[j] += dz * h_[static_cast<std::size_t>(j)];
                dh_[static_cast<std::size_t>(j)] += dz * w[j];
            }
        }
        for (int j = 0; j < m.Hd; ++j) {
            const double hj = h_[static_cast<std::size_t>(j)];
            const double dz = dh_[static_cast<std::size_t>(j)] * hj * (1.0 - hj);
            grads_[m.b1() + static_cast<std::size_t>(j)] += dz;
            double* gw = &grads_[m.w1() + static_cast<std::size_t>(j * m.I)];
            for (int i = 0; i < m.I; ++i) gw[i] += dz * x_[static_cast<std::size_t>(i)];
        }
    }
    optim_step(m_.p, grads_, st_, oc_, {});
}

namespace {

// [SECTION] the recurrent net on the same pairs --------------------------------------------------

Pair pair_of(std::uint32_t code, int width) {
    Pair p;
    const std::uint32_t mask = (1u << width) - 1u;
    for (int i = 0; i < width; ++i) {
        p.a.push_back(static_cast<std::uint8_t>(((code & mask) >> i) & 1u));
        p.b.push_back(static_cast<std::uint8_t>(((code >> width) >> i) & 1u));
    }
    return p;
}

SplitScore score_rnn(const Net& net, int width, const std::vector<std::uint32_t>& codes) {
    SplitScore s;
    s.pairs = codes.size();
    if (codes.empty()) return s;
    std::size_t exact = 0, right = 0;
    for (std::uint32_t code : codes) {
        const BitVector got = net_add(net, pair_of(code, width));
        const std::uint32_t sum = true_sum(code, width);
        int ok = 0;
        for (int k = 0; k <= width; ++k) ok += (got[static_cast<std::size_t>(k)] == ((sum >> k) & 1u));
        right += static_cast<std::size_t>(ok);
        exact += ok == width + 1;
    }
    s.exact_accuracy = static_cast<double>(exact) / static_cast<double>(codes.size());
    s.bit_accuracy = static_cast<double>(right) / static_cast<double>(codes.size() * static_cast<std::size_t>(width + 1));
    return s;
}

// The default recurrent net and optimizer (the core Trainer's step), minibatches drawn from the
// training pairs only, cut to the curriculum's length (a prefix shows no carry pattern its whole
// pair does not). A run that has not fit its training pairs after the trainer's restart_after
// sequences starts again from a new draw, as the trainer does with random pairs, until the budget
// is spent; the data stream goes on from where the previous run left it.
Net train_rnn_on(const std::vector<std::uint32_t>& codes, const FeedforwardConfig& c, long long* sequences) {
    TrainConfig tc;
    const long long per_run = tc.restart_after > 0 ? tc.restart_after : c.rnn_sequences;
    tc.max_bits = c.width;
    tc.validate_every = 0;  // fitting the training pairs ends a run here, not 64-bit sums
    tc.restart_after = 0;   // restarts are this loop's
    std::vector<Pair> pairs;
    pairs.reserve(codes.size());
    for (std::uint32_t code : codes) pairs.push_back(pair_of(code, c.width));
    RngState data = Rng(derive_seed(c.seed, 0x726e6eULL)).state();  // "rnn"
    Net net;
    *sequences = 0;
    for (int attempt = 0; *sequences < c.rnn_sequences; ++attempt) {
        Trainer trainer(tc, c.seed, net_init(tc.net, derive_seed(c.seed, static_cast<std::uint64_t>(attempt) + 1)), data, 0);
        trainer.set_batch_source(pair_list_source(pairs));
        while (trainer.sequences() < per_run && *sequences + trainer.sequences() < c.rnn_sequences) trainer.step(1);
        *sequences += trainer.sequences();
        data = trainer.rng().state();
        net = trainer.net();
        if (score_rnn(net, c.width, codes).exact_accuracy == 1.0) break;
    }
    return net;
}

}  // namespace

// [SECTION] baseline -----------------------------------------------------------------------------

bool run_feedforward_baseline(const FeedforwardConfig& c, FeedforwardResult* out) {
    if (c.width < 2 || c.width > 10 || c.hidden < 1 || c.hidden > 1024 || c.epochs < 0 || c.batch < 1 ||
        !(c.lr > 0.0) || !(c.train_fraction > 0.0 && c.train_fraction <= 1.0) || c.unseen_carry_column < 1 ||
        c.unseen_carry_column >= c.width || c.rnn_sequences < 0)
        return false;
    const FeedforwardSplit split = feedforward_split(c);
    if (split.train.empty()) return false;

    FeedforwardResult r;
    Rng rng(c.seed);
    Mlp m = mlp_init(2 * c.width, c.hidden, c.width + 1, rng);
    r.parameters = static_cast<long long>(m.size());
    r.final_loss = train_mlp(m, c, split.train, rng);
    r.train = score_mlp(m, c.width, split.train);
    r.heldout = score_mlp(m, c.width, split.heldout);
    r.unseen_carry = score_mlp(m, c.width, split.unseen_carry);

    if (c.rnn_sequences > 0) {
        const Net net = train_rnn_on(split.train, c, &r.rnn_sequences);
        r.rnn_run = true;
        r.rnn_train = score_rnn(net, c.width, split.train);
        r.rnn_heldout = score_rnn(net, c.width, split.heldout);
        r.rnn_unseen_carry = score_rnn(net, c.width, split.unseen_carry);
    }
    *out = r;
    return true;
}

}  // namespace carry
