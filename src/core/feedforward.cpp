// feedforward: the fixed-width feed-forward adder and its comparison with the recurrent net on
// the same split (see feedforward.h).
//
// [SECTION] split
// [SECTION] the feed-forward net
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

// [SECTION] the feed-forward net -----------------------------------------------------------------

// One hidden layer of logistic units, logistic outputs; all parameters in one buffer:
//   w1 (Hd, I) | b1 (Hd) | w2 (O, Hd) | b2 (O)       I = 2w inputs, O = w+1 outputs.
struct Mlp {
    int I = 0, Hd = 0, O = 0;
    std::vector<double> p;
    std::size_t w1() const { return 0; }
    std::size_t b1() const { return static_cast<std::size_t>(Hd * I); }
    std::size_t w2() const { return b1() + static_cast<std::size_t>(Hd); }
    std::size_t b2() const { return w2() + static_cast<std::size_t>(O * Hd); }
    std::size_t size() const { return b2() + static_cast<std::size_t>(O); }
};

void encode(std::uint32_t code, int width, double* x) {
    for (int i = 0; i < 2 * width; ++i) x[i] = static_cast<double>((code >> i) & 1u);
}

std::uint32_t true_sum(std::uint32_t code, int width) {
    const std::uint32_t mask = (1u << width) - 1u;
    return (code & mask) + (code >> width);
}

// Forward for one pair: hidden activities h (Hd), output activities y (O).
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
    OptimState st;
    optim_reset(st, m.size(), oc);
    std::vector<double> grads(m.size(), 0.0);
    std::vector<double> x(static_cast<std::size_t>(m.I)), h(static_cast<std::size_t>(m.Hd)), y(static_cast<std::size_t>(m.O)),
        dh(static_cast<std::size_t>(m.Hd));
    const std::vector<unsigned char> frozen;
    double epoch_loss = 0.0;
    for (int epoch = 0; epoch < c.epochs; ++epoch) {
        for (std::size_t i = codes.size(); i > 1; --i) std::swap(codes[i - 1], codes[static_cast<std::size_t>(rng.below(i))]);
        epoch_loss = 0.0;
        for (std::size_t start = 0; start < codes.size(); start += static_cast<std::size_t>(c.batch)) {
            const std::size_t end = std::min(codes.size(), start + static_cast<std::size_t>(c.batch));
            const double scale = 1.0 / static_cast<double>(end - start);
            std::fill(grads.begin(), grads.end(), 0.0);
            for (std::size_t n = start; n < end; ++n) {
                encode(codes[n], c.width, x.data());
                mlp_forward(m, x.data(), h.data(), y.data());
                const std::uint32_t sum = true_sum(codes[n], c.width);
                std::fill(dh.begin(), dh.end(), 0.0);
                for (int k = 0; k < m.O; ++k) {
                    const double t = static_cast<double>((sum >> k) & 1u), yk = y[static_cast<std::size_t>(k)];
                    epoch_loss -= t > 0.5 ? det_log(yk > 1e-300 ? yk : 1e-300) : det_log(1.0 - yk > 1e-300 ? 1.0 - yk : 1e-300);
                    const double dz = (yk - t) * scale;  // cross-entropy through a logistic output
                    grads[m.b2() + static_cast<std::size_t>(k)] += dz;
                    double* gw = &grads[m.w2() + static_cast<std::size_t>(k * m.Hd)];
                    const double* w = &m.p[m.w2() + static_cast<std::size_t>(k * m.Hd)];
                    for (int j = 0; j < m.Hd; ++j) {
                        gw[j] += dz * h[static_cast<std::size_t>(j)];
                        dh[static_cast<std::size_t>(j)] += dz * w[j];
                    }
                }
                for (int j = 0; j < m.Hd; ++j) {
                    const double hj = h[static_cast<std::size_t>(j)];
                    const double dz = dh[static_cast<std::size_t>(j)] * hj * (1.0 - hj);
                    grads[m.b1() + static_cast<std::size_t>(j)] += dz;
                    double* gw = &grads[m.w1() + static_cast<std::size_t>(j * m.I)];
                    for (int i = 0; i < m.I; ++i) gw[i] += dz * x[static_cast<std::size_t>(i)];
                }
            }
            optim_step(m.p, grads, st, oc, frozen);
        }
        epoch_loss /= static_cast<double>(codes.size());
    }
    return epoch_loss;
}

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

// The default recurrent net and optimizer, minibatches drawn from the training pairs only. A run
// that has not fit its training pairs after the trainer's restart_after sequences starts again
// from a new draw, as the trainer does with random pairs, until the budget is spent.
Net train_rnn_on(const std::vector<std::uint32_t>& codes, const FeedforwardConfig& c, long long* sequences) {
    const TrainConfig tc;
    const long long per_run = tc.restart_after > 0 ? tc.restart_after : c.rnn_sequences;
    Rng rng(derive_seed(c.seed, 0x726e6eULL));  // "rnn"
    Batch batch;
    Activities acts;
    std::vector<Pair> pairs(static_cast<std::size_t>(tc.batch));
    Net net;
    *sequences = 0;
    for (int attempt = 0; *sequences < c.rnn_sequences; ++attempt) {
        net = net_init(tc.net, derive_seed(c.seed, static_cast<std::uint64_t>(attempt) + 1));
        OptimState st;
        optim_reset(st, net.params.size(), tc.optim);
        std::vector<double> grads(net.params.size(), 0.0);
        std::vector<unsigned char> frozen(net.params.size(), 0);
        frozen[param_layout(net.hidden()).o0] = 1;
        for (long long done = 0; done < per_run && *sequences < c.rnn_sequences; done += tc.batch) {
            // The trainer's length curriculum, on the low n columns of training pairs (a prefix
            // shows no carry pattern its whole pair does not).
            const int hi = curriculum_max_bits(tc, done, c.width);
            const int n = static_cast<int>(rng.range(std::min(tc.min_bits, hi), hi));
            for (auto& p : pairs) {
                p = pair_of(codes[static_cast<std::size_t>(rng.below(codes.size()))], c.width);
                p.a.resize(static_cast<std::size_t>(n));
                p.b.resize(static_cast<std::size_t>(n));
            }
            batch_from_pairs(batch, pairs);
            rnn_forward(acts, net, batch, tc.loss);
            zero_grad(grads);
            rnn_backward(grads, acts, net, batch, tc.loss);
            optim_step(net.params, grads, st, tc.optim, frozen);
            *sequences += tc.batch;
        }
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
    Mlp m;
    m.I = 2 * c.width;
    m.Hd = c.hidden;
    m.O = c.width + 1;
    m.p.assign(m.size(), 0.0);
    Rng rng(c.seed);
    // Weights ~ N(0,1)/sqrt(fan_in), biases 0.
    for (std::size_t i = 0; i < m.b1(); ++i) m.p[i] = rng.normal() / std::sqrt(static_cast<double>(m.I));
    for (std::size_t i = m.w2(); i < m.b2(); ++i) m.p[i] = rng.normal() / std::sqrt(static_cast<double>(m.Hd));
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
