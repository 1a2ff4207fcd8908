// trainer: minibatch training driven a few minibatches at a time, with curriculum, validation,
// restarts of stuck runs and a divergence guard; train_until_solved() on top.
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

Trainer::Trainer(const TrainConfig& config, std::uint64_t seed) : config_(config), seed_(seed), rng_(seed) {
    net_ = net_init(config_.net, init_seed(seed_, 0));
    reset_optimizer();
    next_validation_ = config_.validate_every;
}

Trainer::Trainer(const TrainConfig& config, std::uint64_t seed, const Net& net, const RngState& rng,
                 long long sequences)
    : config_(config), seed_(seed), net_(net), sequences_(sequences), run_sequences_(sequences) {
    if (net.hidden() != config.net.hidden || net.params.size() != param_count(net.hidden()))
        throw std::invalid_argument("Trainer: net does not match config.net.hidden");
    net_.config = config_.net;
    rng_.set_state(rng);
    reset_optimizer();
    next_validation_ = run_sequences_ + config_.validate_every;
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
    const ParamLayout lay = param_layout(net_.hidden());
    optim_reset(optim_, lay.total, config_.optim);
    frozen_.assign(lay.total, 0);
    frozen_[lay.o0] = 1;  // o(0) feeds nothing: its gradient is always 0
    if (config_.net.initial_state != InitialState::Learned)
        for (std::size_t k = lay.h0; k < lay.h0 + static_cast<std::size_t>(net_.hidden()); ++k) frozen_[k] = 1;
    grads_.assign(lay.total, 0.0);
    good_params_ = net_.params;
}

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

void Trainer::train_minibatch(StepResult& r) {
    const int hi = current_max_bits();
    const int lo = config_.min_bits < hi ? config_.min_bits : hi;
    const int n = static_cast<int>(rng_.range(lo, hi));
    batch_random(batch_, rng_, config_.batch, n);
    const double loss = rnn_forward(acts_, net_, batch_, config_.loss);
    zero_grad(grads_);
    rnn_backward(grads_, acts_, net_, batch_, config_.loss);
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
                          "restored the last good weights", biggest, kDivergedWeightLimit);
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

double Trainer::validate() {
    Rng vrng(derive_seed(seed_, kValidationStream));
    const EvalResult e = evaluate(net_, config_.validation_bits, config_.validation_count, vrng);
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
    if (!all_exact(net_, config_.validation_bits, config_.quick_count, vrng)) {
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
