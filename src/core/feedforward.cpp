// feedforward: the fixed-width feed-forward adder and its comparison with the recurrent net on
// the same split (see feedforward.h).
//
// [SECTION] split
// [SECTION] the feed-forward net (the project's one MLP, also the zoo's fixed-width model)
// [SECTION] the recurrent net on the same pairs
// [SECTION] baseline
#include "core/feedforward.h"

#include <algorithm>
#include <chrono>
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
    for (std::size_t i = rest.size(); i > 1; --i)
        std::swap(rest[i - 1], rest[static_cast<std::size_t>(rng.below(i))]);  // Fisher-Yates
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
    : m_(m),
      oc_(optim),
      grads_(m.size(), 0.0),
      x_(static_cast<std::size_t>(m.I)),
      t_(static_cast<std::size_t>(m.O)),
      h_(static_cast<std::size_t>(m.Hd)),
      y_(static_cast<std::size_t>(m.O)),
      dh_(static_cast<std::size_t>(m.Hd)) {
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
            if (loss)
                *loss -= t > 0.5 ? det_log(yk > 1e-300 ? yk : 1e-300) : det_log(1.0 - yk > 1e-300 ? 1.0 - yk : 1e-300);
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

}  // namespace

// [SECTION] baseline -----------------------------------------------------------------------------

namespace {

bool config_ok(const FeedforwardConfig& c) {
    return !(c.width < 2 || c.width > 10 || c.hidden < 1 || c.hidden > 1024 || c.epochs < 0 || c.batch < 1 ||
             !(c.lr > 0.0) || !(c.train_fraction > 0.0 && c.train_fraction <= 1.0) || c.unseen_carry_column < 1 ||
             c.unseen_carry_column >= c.width || c.rnn_sequences < 0);
}

long long chunks(std::size_t n) {
    return static_cast<long long>((n + FeedforwardBaseline::kScoreChunk - 1) / FeedforwardBaseline::kScoreChunk);
}

double wall_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

FeedforwardBaseline::FeedforwardBaseline(const FeedforwardConfig& c) : c_(c), rng_(c.seed) {
    valid_ = config_ok(c);
    if (!valid_) return;
    split_ = feedforward_split(c);
    if (split_.train.empty()) {
        valid_ = false;
        return;
    }
    mlp_ = mlp_init(2 * c.width, c.hidden, c.width + 1, rng_);
    result_.parameters = static_cast<long long>(mlp_.size());
    OptimConfig oc;
    oc.kind = OptimizerKind::Adam;
    oc.lr = c.lr;
    mlp_trainer_ = std::make_unique<MlpTrainer>(mlp_, oc);
    codes_ = split_.train;
    x_.resize(static_cast<std::size_t>(mlp_.I));
    h_.resize(static_cast<std::size_t>(mlp_.Hd));
    y_.resize(static_cast<std::size_t>(mlp_.O));
    const long long batches = static_cast<long long>((codes_.size() + static_cast<std::size_t>(c.batch) - 1) /
                                                     static_cast<std::size_t>(c.batch));
    const long long scoring =
        chunks(split_.train.size()) + chunks(split_.heldout.size()) + chunks(split_.unseen_carry.size());
    units_estimate_ = c.epochs * batches + scoring;
    if (c.rnn_sequences > 0)
        units_estimate_ += (c.rnn_sequences + TrainConfig{}.batch - 1) / TrainConfig{}.batch + scoring;
    phase_ = c.epochs > 0 ? Phase::MlpTrain : Phase::MlpScore;
}

FeedforwardBaseline::~FeedforwardBaseline() = default;

double FeedforwardBaseline::progress() const {
    if (done()) return 1.0;
    return std::min(0.99,
                    static_cast<double>(units_done_) / static_cast<double>(std::max<long long>(1, units_estimate_)));
}

const char* FeedforwardBaseline::status() const {
    switch (phase_) {
        case Phase::MlpTrain: return "training the feed-forward net";
        case Phase::MlpScore: return "scoring the feed-forward net";
        case Phase::RnnTrain: return "training the recurrent net";
        case Phase::RnnFitCheck: return "checking the recurrent net on its training pairs";
        case Phase::RnnScore: return "scoring the recurrent net";
        case Phase::Done: break;
    }
    return "done";
}

bool FeedforwardBaseline::step_units(long long units) {
    for (long long k = 0; k < units && !done(); ++k) unit();
    return done();
}

bool FeedforwardBaseline::step(double budget_ms) {
    const double t0 = wall_ms();
    do {
        unit();
    } while (!done() && (budget_ms <= 0 || wall_ms() - t0 < budget_ms));
    return done();
}

// Up to kScoreChunk more pairs of `codes` (the MLP or the recurrent net); true when the split is
// scored (then `out` holds it and the counters are reset for the next split).
bool FeedforwardBaseline::score_chunk(bool rnn, const std::vector<std::uint32_t>& codes, SplitScore& out) {
    const int width = c_.width, O = width + 1;
    const std::size_t end = std::min(codes.size(), score_pos_ + kScoreChunk);
    for (; score_pos_ < end; ++score_pos_) {
        const std::uint32_t code = codes[score_pos_], sum = true_sum(code, width);
        int ok = 0;
        if (rnn) {
            const BitVector got = net_add(*net_, pair_of(code, width));
            for (int k = 0; k <= width; ++k) ok += (got[static_cast<std::size_t>(k)] == ((sum >> k) & 1u));
        } else {
            encode(code, width, x_.data());
            mlp_forward(mlp_, x_.data(), h_.data(), y_.data());
            for (int k = 0; k < O; ++k) ok += ((y_[static_cast<std::size_t>(k)] >= 0.5 ? 1u : 0u) == ((sum >> k) & 1u));
        }
        score_right_ += static_cast<std::size_t>(ok);
        score_exact_ += ok == O;
    }
    if (score_pos_ < codes.size()) return false;
    SplitScore s;
    s.pairs = codes.size();
    if (!codes.empty()) {
        s.exact_accuracy = static_cast<double>(score_exact_) / static_cast<double>(codes.size());
        s.bit_accuracy =
            static_cast<double>(score_right_) / static_cast<double>(codes.size() * static_cast<std::size_t>(O));
    }
    out = s;
    score_pos_ = score_exact_ = score_right_ = 0;
    return true;
}

// The default recurrent net and optimizer (the core Trainer's step), minibatches drawn from the
// training pairs only, cut to the curriculum's length (a prefix shows no carry pattern its whole
// pair does not). A run that has not fit its training pairs after the trainer's restart_after
// sequences starts again from a new draw (RnnFitCheck), as the trainer does with random pairs,
// until the budget is spent; the data stream goes on from where the previous run left it.
void FeedforwardBaseline::start_rnn_attempt() {
    TrainConfig tc;
    tc.max_bits = c_.width;
    tc.validate_every = 0;
    tc.restart_after = 0;
    trainer_ = std::make_unique<Trainer>(
        tc, c_.seed, net_init(tc.net, derive_seed(c_.seed, static_cast<std::uint64_t>(attempt_) + 1)), data_, 0);
    trainer_->set_batch_source(pair_list_source(pairs_));
}

void FeedforwardBaseline::unit() {
    ++units_done_;
    const std::vector<std::uint32_t>* splits[3] = {&split_.train, &split_.heldout, &split_.unseen_carry};
    switch (phase_) {
        case Phase::MlpTrain: {
            if (start_ == 0) {  // a new epoch: shuffle
                for (std::size_t i = codes_.size(); i > 1; --i)
                    std::swap(codes_[i - 1], codes_[static_cast<std::size_t>(rng_.below(i))]);
                epoch_loss_ = 0.0;
            }
            const std::size_t end = std::min(codes_.size(), start_ + static_cast<std::size_t>(c_.batch));
            const std::size_t first = start_;
            const int O = mlp_.O, width = c_.width;
            mlp_trainer_->minibatch(
                end - start_,
                [&](std::size_t k, double* x, double* t) {
                    encode(codes_[first + k], width, x);
                    const std::uint32_t sum = true_sum(codes_[first + k], width);
                    for (int o = 0; o < O; ++o) t[o] = static_cast<double>((sum >> o) & 1u);
                },
                &epoch_loss_);
            start_ = end;
            if (start_ >= codes_.size()) {
                epoch_loss_ /= static_cast<double>(codes_.size());
                result_.final_loss = epoch_loss_;
                start_ = 0;
                if (++epoch_ >= c_.epochs) phase_ = Phase::MlpScore;
            }
            break;
        }
        case Phase::MlpScore: {
            SplitScore* outs[3] = {&result_.train, &result_.heldout, &result_.unseen_carry};
            if (score_chunk(false, *splits[score_split_], *outs[score_split_]) && ++score_split_ == 3) {
                score_split_ = 0;
                mlp_trainer_.reset();
                if (c_.rnn_sequences <= 0) {
                    phase_ = Phase::Done;
                    break;
                }
                pairs_.reserve(split_.train.size());
                for (std::uint32_t code : split_.train) pairs_.push_back(pair_of(code, c_.width));
                data_ = Rng(derive_seed(c_.seed, 0x726e6eULL)).state();  // "rnn"
                const TrainConfig tc;
                per_run_ = tc.restart_after > 0 ? tc.restart_after : c_.rnn_sequences;
                attempt_ = 0;
                start_rnn_attempt();
                phase_ = Phase::RnnTrain;
            }
            break;
        }
        case Phase::RnnTrain: {
            Trainer& tr = *trainer_;
            if (tr.sequences() < per_run_ && result_.rnn_sequences + tr.sequences() < c_.rnn_sequences) tr.step(1);
            if (!(tr.sequences() < per_run_ && result_.rnn_sequences + tr.sequences() < c_.rnn_sequences)) {
                result_.rnn_sequences += tr.sequences();
                data_ = tr.rng().state();
                net_ = std::make_unique<Net>(tr.net());
                trainer_.reset();
                phase_ = Phase::RnnFitCheck;
            }
            break;
        }
        case Phase::RnnFitCheck: {
            SplitScore fit;
            if (score_chunk(true, split_.train, fit)) {
                if (fit.exact_accuracy == 1.0 || result_.rnn_sequences >= c_.rnn_sequences) {
                    phase_ = Phase::RnnScore;
                } else {
                    ++attempt_;
                    start_rnn_attempt();
                    phase_ = Phase::RnnTrain;
                }
            }
            break;
        }
        case Phase::RnnScore: {
            SplitScore* outs[3] = {&result_.rnn_train, &result_.rnn_heldout, &result_.rnn_unseen_carry};
            if (score_chunk(true, *splits[score_split_], *outs[score_split_]) && ++score_split_ == 3) {
                result_.rnn_run = true;
                phase_ = Phase::Done;
            }
            break;
        }
        case Phase::Done: break;
    }
}

bool run_feedforward_baseline(const FeedforwardConfig& c, FeedforwardResult* out) {
    FeedforwardBaseline b(c);
    if (!b.valid()) return false;
    b.step(0.0);
    *out = b.result();
    return true;
}

}  // namespace carry
