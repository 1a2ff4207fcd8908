// trainer: minibatch training driven a few minibatches at a time, with curriculum, validation,
// restarts of stuck runs and a divergence guard; train_until_solved() on top.
//
// [SECTION] runs: construction, resuming, the optimizer's frozen parameters
// [SECTION] batch sources
// [SECTION] the step
// [SECTION] validation and step()
#include "core/trainer.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/eval.h"

namespace carry {

// Sub-seed streams derived from the user seed (never change: they define every run).
static constexpr std::uint64_t kValidationStream = 0x7661'6c69'6461'7465ULL;  // "validate"
static std::uint64_t init_seed(std::uint64_t seed, int restart) {
    return derive_seed(seed, static_cast<std::uint64_t>(restart) + 1);
}

double max_abs_weight(const std::vector<double>& v) {
    double m = 0.0;
    for (double x : v) {
        if (std::isnan(x)) return x;
        const double a = std::fabs(x);
        if (a > m) m = a;
    }
    return m;
}

// [SECTION] runs ---------------------------------------------------------------------------------

Trainer::Trainer(const TrainConfig& config, std::uint64_t seed) : config_(config), seed_(seed), rng_(seed) {
    net_ = net_init(config_.net, init_seed(seed_, 0));
    reset_optimizer();
    next_validation_ = config_.validate_every;
}

Trainer::Trainer(const TrainConfig& config, std::uint64_t seed, const Net& net, const RngState& rng,
                 long long sequences)
    : Trainer(config, seed, TrainerState{net, rng, std::nullopt, sequences, 0, false, RunProgress{}}) {}

Trainer::Trainer(const TrainConfig& config, std::uint64_t seed, const TrainerState& st)
    : config_(config), seed_(seed), net_(st.net), sequences_(st.sequences) {
    if (st.net.hidden() != config.net.hidden || st.net.params.size() != param_count(st.net.hidden()))
        throw std::invalid_argument("Trainer: net does not match config.net.hidden");
    net_.config = config_.net;
    rng_.set_state(st.rng);
    reset_optimizer();
    if (st.optim) {
        if (!optim_state_fits(*st.optim, net_.params.size(), config_.optim))
            throw std::invalid_argument("Trainer: optimizer state does not match the net and optimizer");
        optim_ = *st.optim;
    }
    const RunProgress& at = st.progress;
    run_sequences_ = at.run_sequences >= 0 ? at.run_sequences : st.sequences;
    next_validation_ = at.next_validation >= 0 ? at.next_validation : run_sequences_ + config_.validate_every;
    restarts_ = st.restarts;
    divergences_ = at.divergences;
    solved_ = st.solved;
    last_exact_ = at.last_exact;
}

TrainerState Trainer::state() const {
    return TrainerState{net_,
                        rng_.state(),
                        optim_,
                        sequences_,
                        restarts_,
                        solved_,
                        RunProgress{run_sequences_, next_validation_, divergences_, last_exact_}};
}

void Trainer::set_config(const TrainConfig& config) {
    if (config.net.hidden != net_.hidden()) throw std::invalid_argument("Trainer::set_config: hidden size differs");
    const bool kind_changed = config.optim.kind != config_.optim.kind;
    const bool state_changed = config.net.initial_state != config_.net.initial_state;
    config_ = config;
    net_.config = config.net;
    if (state_changed) apply_fixed_initial_state(net_);
    if (kind_changed || state_changed) reset_optimizer();
}

void Trainer::reset_optimizer() {
    optim_reset(optim_, net_.params.size(), config_.optim);
    refreeze();
    grads_.assign(net_.params.size(), 0.0);
    good_params_ = net_.params;
}

// The parameters the optimizer leaves alone: o(0) (it feeds nothing: its gradient is always 0),
// a fixed initial state, and the initial-state units the batch source gives per sequence.
void Trainer::refreeze() {
    const ParamLayout lay = param_layout(net_.hidden());
    frozen_.assign(lay.total, 0);
    frozen_[lay.o0] = 1;
    if (config_.net.initial_state != InitialState::Learned)
        for (std::size_t k = lay.h0; k < lay.h0 + static_cast<std::size_t>(net_.hidden()); ++k) frozen_[k] = 1;
    if (source_)
        for (int u : source_->given_h0_units())
            if (u >= 0 && u < net_.hidden()) frozen_[lay.h0 + static_cast<std::size_t>(u)] = 1;
}

void Trainer::set_batch_source(std::unique_ptr<BatchSource> source) {
    source_ = std::move(source);
    refreeze();
}

// [SECTION] batch sources ------------------------------------------------------------------------

namespace {

class RandomSums final : public BatchSource {
public:
    explicit RandomSums(const Task& task) : task_(task) {}
    void draw(std::vector<Batch>& parts, Rng& rng, const Net&, int B, int n) override {
        parts.resize(1);
        batch_random(parts[0], rng, B, n, task_);
    }

private:
    Task task_;
};

class PairList final : public BatchSource {
public:
    PairList(std::vector<Pair> pairs, const Task& task) : pairs_(std::move(pairs)), task_(task) {
        if (pairs_.empty()) throw std::invalid_argument("pair_list_source: no pairs");
    }
    void draw(std::vector<Batch>& parts, Rng& rng, const Net&, int B, int n) override {
        drawn_.resize(static_cast<std::size_t>(B));
        for (Pair& p : drawn_) {
            p = pairs_[static_cast<std::size_t>(rng.below(pairs_.size()))];
            p.a.resize(static_cast<std::size_t>(n), 0);
            p.b.resize(static_cast<std::size_t>(n), 0);
        }
        parts.resize(1);
        batch_from_pairs(parts[0], drawn_, task_);
    }

private:
    std::vector<Pair> pairs_, drawn_;
    Task task_;
};

}  // namespace

std::unique_ptr<BatchSource> random_sums_source(const Task& task) { return std::make_unique<RandomSums>(task); }
std::unique_ptr<BatchSource> pair_list_source(std::vector<Pair> pairs, const Task& task) {
    return std::make_unique<PairList>(std::move(pairs), task);
}

// [SECTION] the step -----------------------------------------------------------------------------

int curriculum_max_bits(const TrainConfig& c, long long sequences, int cap) {
    if (!c.curriculum) return cap;
    const long long grow = c.curriculum_grow_every > 0 ? sequences / c.curriculum_grow_every : 0;
    const long long m = c.curriculum_start_bits + grow;
    return static_cast<int>(m < cap ? m : cap);
}

int Trainer::current_max_bits() const { return curriculum_max_bits(config_, run_sequences_, config_.max_bits); }

void Trainer::restart() {
    ++restarts_;
    net_ = net_init(config_.net, init_seed(seed_, restarts_));
    reset_optimizer();
    run_sequences_ = 0;
    next_validation_ = config_.validate_every;
    solved_ = false;
}

// The one minibatch step: data from the source, forward, backward (parts weighted by size),
// clipping and the optimizer step (frozen parameters untouched), then the divergence guard.
void Trainer::train_minibatch(StepResult& r) {
    const int hi = current_max_bits();
    const int lo = config_.min_bits < hi ? config_.min_bits : hi;
    const int n = static_cast<int>(rng_.range(lo, hi));
    if (source_) {
        source_->draw(parts_, rng_, net_, config_.batch, n);
    } else {  // the config's task, whatever set_config changed it to
        parts_.resize(1);
        batch_random(parts_[0], rng_, config_.batch, n, config_.task);
    }
    zero_grad(grads_);
    double loss = 0.0;
    if (parts_.size() == 1) {
        loss = rnn_forward(acts_, net_, parts_[0], config_.loss);
        rnn_backward(grads_, acts_, net_, parts_[0], config_.loss);
    } else {
        // The minibatch mean from the parts' means: each part's gradient weighted by its share.
        for (const Batch& part : parts_) {
            const double share = static_cast<double>(part.B) / config_.batch;
            const double part_loss = rnn_forward(acts_, net_, part, config_.loss);
            loss = std::isfinite(part_loss) ? loss + share * part_loss : part_loss;
            part_grads_.assign(grads_.size(), 0.0);
            rnn_backward(part_grads_, acts_, net_, part, config_.loss);
            for (std::size_t i = 0; i < grads_.size(); ++i) grads_[i] += share * part_grads_[i];
        }
    }
    r.grad_norm = optim_step(net_.params, grads_, optim_, config_.optim, frozen_);
    const double biggest = max_abs_weight(net_.params);
    if (!std::isfinite(loss) || !std::isfinite(r.grad_norm) || !(biggest <= kDivergedWeightLimit)) {
        // Diverged: go back to the last good weights and forget the optimizer's momentum.
        net_.params = good_params_;
        optim_reset(optim_, net_.params.size(), config_.optim);
        ++divergences_;
        r.diverged = true;
        r.diverged_weight = biggest;
        char buf[200];
        if (std::isfinite(biggest) && std::isfinite(loss) && std::isfinite(r.grad_norm))
            std::snprintf(buf, sizeof buf,
                          "training diverged: one update threw a weight to %.3g (beyond +-%g); "
                          "restored the last good weights",
                          biggest, kDivergedWeightLimit);
        else
            std::snprintf(buf, sizeof buf,
                          "training diverged (non-finite loss or weights): restored the last good weights");
        r.message = buf;
    } else {
        good_params_ = net_.params;
        r.loss += loss;
        ++good_minibatches_;
    }
    sequences_ += config_.batch;
    run_sequences_ += config_.batch;
    ++r.minibatches;
}

// [SECTION] validation and step() ----------------------------------------------------------------

double Trainer::validate() {
    Rng vrng(derive_seed(seed_, kValidationStream));
    const EvalResult e = evaluate(net_, config_.validation_bits, config_.validation_count, vrng, config_.task);
    last_exact_ = e.exact_accuracy;
    solved_ = e.exact_correct == e.count;
    return e.exact_accuracy;
}

void Trainer::maybe_validate(StepResult& r) {
    if (config_.validate_every <= 0 || run_sequences_ < next_validation_) return;
    next_validation_ = run_sequences_ + config_.validate_every;
    // Cheap first: the first quick_count pairs of the same fixed validation set, stopping at the
    // first wrong sum. Only a net that passes pays for the full set.
    Rng vrng(derive_seed(seed_, kValidationStream));
    if (!all_exact(net_, config_.validation_bits, config_.quick_count, vrng, config_.task)) {
        solved_ = false;
        return;
    }
    validate();
    r.validated = true;
}

StepResult Trainer::step(int n_minibatches) {
    StepResult r;
    good_minibatches_ = 0;
    for (int k = 0; k < n_minibatches; ++k) {
        train_minibatch(r);
        maybe_validate(r);
        if (solved_) break;  // the caller decides whether to keep training a solved net
        if (config_.restart_after > 0 && run_sequences_ >= config_.restart_after) {
            restart();
            r.restarted = true;
            r.message = "run stuck: restarted from a new draw (restart " + std::to_string(restarts_) + ")";
        }
    }
    r.loss = good_minibatches_ > 0 ? r.loss / good_minibatches_ : 0.0;
    r.sequences = sequences_;
    r.exact_accuracy = last_exact_;
    r.solved = solved_;
    return r;
}

SolveResult train_until_solved(const TrainConfig& config, std::uint64_t seed, long long max_sequences) {
    const auto start = std::chrono::steady_clock::now();
    Trainer trainer(config, seed);
    while (!trainer.solved() && trainer.sequences() < max_sequences) trainer.step(1);
    SolveResult r;
    r.exact_accuracy_64 = trainer.solved() ? 1.0 : trainer.validate();
    r.solved = trainer.solved();
    r.sequences = trainer.sequences();
    r.restarts = trainer.restarts();
    r.net = trainer.net();
    r.rng = trainer.rng().state();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

}  // namespace carry
