// next_term_train: next-term prediction through the core Trainer (see next_term_train.h).
//
// [SECTION] the batch source
// [SECTION] held-out scoring (the net, and the Bayes-optimal predictor on the same bits)
// [SECTION] a run
// [SECTION] the verdict
#include "core/next_term_train.h"

#include <cstdio>

#include "core/mathx.h"
#include "core/net.h"

namespace carry {

namespace {

constexpr std::uint64_t kHeldOutStream = 0x6e65'7874'7465'726dULL;  // "nextterm": the held-out bits
constexpr double kInvLn2 = 1.44269504088896338700;

std::size_t sz(int n) { return static_cast<std::size_t>(n); }

// [SECTION] the batch source ---------------------------------------------------------------------

class NextTermBatches final : public BatchSource {
public:
    explicit NextTermBatches(const SourceMachine& m) : machine_(m), stats_(source_stats(m)) {}
    void draw(std::vector<Batch>& parts, Rng& rng, const Net&, int B, int n) override {
        const int T = n + 1;  // columns = predictions; T + 1 bits
        parts.resize(1);
        Batch& batch = parts[0];
        batch.B = B;
        batch.n = n;
        batch.T = T;
        batch.x.assign(sz(T) * 2 * sz(B), 0.0);  // the second input stays 0
        batch.target.resize(sz(T) * sz(B));
        batch.h0.clear();
        for (int b = 0; b < B; ++b) {
            int state = sample_state(stats_.stationary, rng);
            int x = sample_bit(machine_, state, rng);
            for (int t = 0; t < T; ++t) {
                const int y = sample_bit(machine_, state, rng);
                batch.x[sz((t * 2 + 0) * B + b)] = x;
                batch.target[sz(t * B + b)] = y;
                x = y;
            }
        }
    }

private:
    SourceMachine machine_;
    SourceStats stats_;
};

}  // namespace

std::unique_ptr<BatchSource> next_term_source(const SourceMachine& m) { return std::make_unique<NextTermBatches>(m); }

// [SECTION] held-out scoring ---------------------------------------------------------------------

HeldOut make_held_out(const SourceMachine& m, std::uint64_t seed, int count, int predictions, int burn_in) {
    HeldOut h;
    h.predictions = predictions;
    h.burn_in = burn_in;
    const SourceStats st = source_stats(m);
    Rng rng(derive_seed(seed, kHeldOutStream));
    for (int i = 0; i < count; ++i) {
        int state = sample_state(st.stationary, rng);
        h.seqs.push_back(sample_bits(m, state, predictions + 1, rng));
    }
    return h;
}

PredictionScore score_predictions(const Net& net, const SourceMachine& m, const HeldOut& held) {
    PredictionScore r;
    const int H = net.hidden(), S = m.states();
    const ConstParamView v = net.view();
    const std::vector<double> pi = source_stats(m).stationary;
    std::vector<double> h(sz(H)), h_next(sz(H)), belief(sz(S)), moved(sz(S));
    double bits = 0.0, bayes_bits = 0.0;
    long long right = 0, bayes_right = 0;
    for (const auto& seq : held.seqs) {
        h.assign(v.h0, v.h0 + H);
        belief = pi;
        for (int t = 0; t < held.predictions; ++t) {
            const int x = seq[sz(t)], y = seq[sz(t + 1)];
            // The net: h(t+1) from x_t; its output o(t+2) is the guess for x_{t+1}.
            net_step_hidden(h_next.data(), net, h.data(), x, 0);
            h.swap(h_next);
            double z = v.b_out[0];
            for (int j = 0; j < H; ++j) z += v.w_out[j] * h[sz(j)];
            // Bayes: the belief over states after x_t, and its probability that x_{t+1} = 1.
            double total = 0.0;
            moved.assign(sz(S), 0.0);
            for (int s = 0; s < S; ++s) {
                const double p = x == 1 ? m.p1[sz(s)] : 1.0 - m.p1[sz(s)];
                moved[sz(m.next[sz(s)][sz(x)])] += belief[sz(s)] * p;
                total += belief[sz(s)] * p;
            }
            double p1 = 0.0;
            for (int s = 0; s < S; ++s) {
                belief[sz(s)] = total > 0.0 ? moved[sz(s)] / total : pi[sz(s)];
                p1 += belief[sz(s)] * m.p1[sz(s)];
            }
            if (t < held.burn_in) continue;
            bits += logistic_cross_entropy(z, y) * kInvLn2;
            right += (z >= 0.0 ? 1 : 0) == y;
            const double py = y == 1 ? p1 : 1.0 - p1;
            bayes_bits += py > 0.0 ? -det_log(py) * kInvLn2 : 64.0;  // 64: an impossible bit (never drawn)
            bayes_right += (p1 >= 0.5 ? 1 : 0) == y;
            ++r.scored;
        }
    }
    if (r.scored > 0) {
        const auto n = static_cast<double>(r.scored);
        r.bits = bits / n;
        r.accuracy = static_cast<double>(right) / n;
        r.bayes_bits = bayes_bits / n;
        r.bayes_accuracy = static_cast<double>(bayes_right) / n;
    }
    return r;
}

// [SECTION] a run --------------------------------------------------------------------------------

TrainConfig next_term_train_config(const NextTermConfig& c) {
    TrainConfig t;
    t.net.hidden = c.hidden;
    t.optim.kind = OptimizerKind::Adam;
    t.optim.lr = 0.02;
    t.loss.average_over_steps = true;
    t.min_bits = t.max_bits = c.predictions - 1;  // n + 1 columns = predictions
    t.curriculum = false;
    t.validate_every = 0;  // exact sums mean nothing here: the held-out loss is the measure
    t.restart_after = 0;
    return t;
}

NextTermRun::NextTermRun(const NextTermConfig& config) : config_(config) {
    if (config_.hidden < kMinHidden || config_.hidden > kMaxHidden) {
        error_ = "hidden units must be " + std::to_string(kMinHidden) + ".." + std::to_string(kMaxHidden);
        return;
    }
    if (config_.predictions < 2 || config_.burn_in < 0 || config_.burn_in >= config_.predictions ||
        config_.held_out_sequences < 1 || config_.eval_every < 1) {
        error_ = "bad sequence sizes (need 0 <= burn-in < predictions, held-out sequences >= 1)";
        return;
    }
    if (!make_source(config_.source, machine_, error_)) return;
    stats_ = source_stats(machine_);
    held_ = make_held_out(machine_, config_.seed, config_.held_out_sequences, config_.predictions, config_.burn_in);
    trainer_ = std::make_unique<Trainer>(next_term_train_config(config_), config_.seed);
    trainer_->set_batch_source(next_term_source(machine_));
    score_now();
    next_eval_ = config_.eval_every;
}

long long NextTermRun::sequences() const { return trainer_ ? trainer_->sequences() : 0; }

void NextTermRun::score_now() {
    if (!trainer_) return;
    score_ = score_predictions(trainer_->net(), machine_, held_);
    const auto x = static_cast<float>(trainer_->sequences());
    if (!curve_x_.empty() && curve_x_.back() == x) {
        curve_bits_.back() = static_cast<float>(score_.bits);
        return;
    }
    curve_x_.push_back(x);
    curve_bits_.push_back(static_cast<float>(score_.bits));
}

void NextTermRun::step(int minibatches) {
    if (!trainer_) return;
    for (int k = 0; k < minibatches; ++k) {
        trainer_->step(1);
        if (trainer_->sequences() >= next_eval_) {
            score_now();
            next_eval_ += config_.eval_every;
        }
    }
}

void NextTermRun::run_to(long long sequences) {
    if (!trainer_) return;
    while (trainer_->sequences() < sequences) step(1);
    score_now();
}

// [SECTION] the verdict --------------------------------------------------------------------------

std::string next_term_verdict(const PredictionScore& s, const SourceStats& st) {
    if (s.scored == 0) return "nothing scored yet";
    char buf[400];
    const double gap = s.bits - st.entropy_rate;
    // What stays unpredictable once the net is as good as it gets.
    const char* rest = st.entropy_rate < 1e-9 ? " This source has no randomness: once the net knows where it is, "
                                                "every next bit is certain."
                       : st.entropy_rate > 1.0 - 1e-9
                           ? " Every bit is a fair coin here: nothing can be predicted, and the best any predictor "
                             "can do is to say 1/2 each time."
                           : " What is left is the source's own randomness, which no predictor can guess.";
    if (gap < 0.0)
        std::snprintf(buf, sizeof buf,
                      "The net predicts as well as the best possible: %.3f bits per symbol, where the entropy rate is "
                      "%.3f (these held-out bits happen to be a little easier than average: a predictor that knows "
                      "the machine scores %.3f on them).%s",
                      s.bits, st.entropy_rate, s.bayes_bits, rest);
    else if (gap <= 0.02)
        std::snprintf(buf, sizeof buf,
                      "The net predicts within %.2f bits of the best possible: %.3f bits per symbol against an "
                      "entropy rate of %.3f.%s",
                      gap < 0.005 ? 0.01 : gap, s.bits, st.entropy_rate, rest);
    else if (s.bits < 0.98)
        std::snprintf(buf, sizeof buf,
                      "The net has found some of the structure: %.3f bits per symbol, %.3f above the entropy rate "
                      "of %.3f (a coin toss costs 1 bit). More training or more hidden units may close the gap.",
                      s.bits, gap, st.entropy_rate);
    else
        std::snprintf(buf, sizeof buf,
                      "The net predicts no better than a coin toss yet: %.3f bits per symbol, where the best "
                      "possible is %.3f.",
                      s.bits, st.entropy_rate);
    return buf;
}

}  // namespace carry
