// zoo/modes: the input and target modes experiment (see modes.h).
//
// [SECTION] carry-in task
// [SECTION] runs: target modes through the core Trainer, carry-in modes through rnn_forward/backward
// [SECTION] the experiment
#include "core/zoo/modes.h"

#include <algorithm>
#include <cmath>

#include "core/bptt.h"
#include "core/net.h"
#include "core/optim.h"
#include "core/rng.h"
#include "core/trainer.h"

namespace carry::zoo {

namespace {

constexpr int kCarryInUnit = 0;               // hidden unit 1 holds c0 at step 0
constexpr int kEvalBits = 64, kEvalPairs = 1000;
constexpr std::uint64_t kDataStream = 0x6d6f646573ULL;   // "modes": training draws of a carry-in run
constexpr std::uint64_t kEvalStream = 0x6576616cULL;     // "eval":  its validation pairs

}  // namespace

std::vector<Mode> default_modes() {
    return {
        {ModeKind::Targets, 0, "targets at every step"},
        {ModeKind::Targets, 4, "targets at the last 4 steps"},
        {ModeKind::Targets, 2, "targets at the last 2 steps"},
        {ModeKind::Targets, 1, "target at the last step (final carry)"},
        {ModeKind::CarryInColumn, 0, "carry-in as an extra column"},
        {ModeKind::CarryInInitialState, 0, "carry-in as the initial state of h1"},
    };
}

// [SECTION] carry-in task ------------------------------------------------------------------------

BitVector carry_in_sum(const Pair& p, int c0) {
    const int T = pair_columns(p.bits());
    BitVector s(static_cast<std::size_t>(T));
    int carry = c0 != 0 ? 1 : 0;
    for (int t = 0; t < T; ++t) {
        const int total = column_a(p, t) + column_b(p, t) + carry;
        s[static_cast<std::size_t>(t)] = static_cast<std::uint8_t>(total & 1);
        carry = total >> 1;
    }
    return s;
}

namespace {

// (c0, c0) as column 0, then the pair's columns: (2a + c0) + (2b + c0) = 2 (a + b + c0).
Pair with_carry_column(const Pair& p, int c0) {
    Pair e;
    e.a.assign(1, static_cast<std::uint8_t>(c0));
    e.b.assign(1, static_cast<std::uint8_t>(c0));
    e.a.insert(e.a.end(), p.a.begin(), p.a.end());
    e.b.insert(e.b.end(), p.b.begin(), p.b.end());
    return e;
}

// The net's n+1 sum bits for a + b + c0 in the given carry-in mode.
BitVector carry_in_add(const Net& net, ModeKind kind, const Pair& p, int c0) {
    if (kind == ModeKind::CarryInColumn) {
        const BitVector out = net_add(net, with_carry_column(p, c0));
        return BitVector(out.begin() + 1, out.end());  // column 0's own sum bit is not part of it
    }
    Net with_c0 = net;
    with_c0.view().h0[kCarryInUnit] = c0;
    return net_add(with_c0, p);
}

// Exact accuracy over `count` 64-bit sums with random c0 (stops at the first error if quick).
double carry_in_exact(const Net& net, ModeKind kind, std::uint64_t seed, int count, bool quick) {
    Rng rng(derive_seed(seed, kEvalStream));
    int right = 0;
    for (int i = 0; i < count; ++i) {
        const Pair p = random_pair(rng, kEvalBits);
        const int c0 = rng.bit();
        if (carry_in_add(net, kind, p, c0) == carry_in_sum(p, c0))
            ++right;
        else if (quick)
            return 0.0;
    }
    return static_cast<double>(right) / count;
}

}  // namespace

// [SECTION] runs ---------------------------------------------------------------------------------

class ModesExperiment::Run {
public:
    virtual ~Run() = default;
    virtual void step(int minibatches) = 0;  // stops early once solved
    virtual long long sequences() const = 0;
    virtual bool solved() const = 0;
    virtual double exact_64() = 0;           // at the end of the run
};

namespace {

// Target modes: the core Trainer with LossConfig::last_k, everything else at its defaults.
class TargetRun final : public ModesExperiment::Run {
public:
    TargetRun(int last_k, std::uint64_t seed) : trainer_(config(last_k), seed) {}
    void step(int minibatches) override {
        for (int k = 0; k < minibatches && !trainer_.solved(); ++k) trainer_.step(1);
    }
    long long sequences() const override { return trainer_.sequences(); }
    bool solved() const override { return trainer_.solved(); }
    double exact_64() override { return trainer_.solved() ? 1.0 : trainer_.validate(); }

private:
    static TrainConfig config(int last_k) {
        TrainConfig c;
        c.loss.last_k = last_k;
        c.restart_after = 0;  // one run per seed: the budget ends it
        return c;
    }
    Trainer trainer_;
};

// Carry-in modes: the trainer's minibatch loop (same settings, curriculum and validation
// schedule) written out with rnn_forward / rnn_backward, so the carry-in can set h(0).
class CarryInRun final : public ModesExperiment::Run {
public:
    CarryInRun(ModeKind kind, std::uint64_t seed)
        : kind_(kind), seed_(seed), rng_(derive_seed(seed, kDataStream)) {
        net_ = net_init(config_.net, derive_seed(seed, 1));  // the Trainer's first draw for this seed
        const ParamLayout lay = param_layout(net_.hidden());
        optim_reset(optim_, lay.total, config_.optim);
        frozen_.assign(lay.total, 0);
        frozen_[lay.o0] = 1;
        if (kind_ == ModeKind::CarryInInitialState) frozen_[lay.h0 + kCarryInUnit] = 1;
        grads_.assign(lay.total, 0.0);
        part_.assign(lay.total, 0.0);
    }
    void step(int minibatches) override {
        for (int k = 0; k < minibatches && !solved_; ++k) {
            minibatch();
            if (sequences_ >= next_validation_) {
                next_validation_ += config_.validate_every;
                solved_ = carry_in_exact(net_, kind_, seed_, config_.quick_count, true) == 1.0 &&
                          carry_in_exact(net_, kind_, seed_, kEvalPairs, false) == 1.0;
            }
        }
    }
    long long sequences() const override { return sequences_; }
    bool solved() const override { return solved_; }
    double exact_64() override { return solved_ ? 1.0 : carry_in_exact(net_, kind_, seed_, kEvalPairs, false); }

private:
    void minibatch() {
        const int hi = curriculum_max_bits(config_, sequences_, config_.max_bits);
        const int n = static_cast<int>(rng_.range(config_.min_bits, hi));
        std::vector<Pair> group[2];
        for (int b = 0; b < config_.batch; ++b) {
            Pair p = random_pair(rng_, n);
            const int c0 = rng_.bit();
            group[c0].push_back(kind_ == ModeKind::CarryInColumn ? with_carry_column(p, c0) : std::move(p));
        }
        const std::vector<double> before = net_.params;
        zero_grad(grads_);
        bool finite = true;
        for (int c0 = 0; c0 < 2; ++c0) {
            if (group[c0].empty()) continue;
            batch_from_pairs(batch_, group[c0]);
            if (kind_ == ModeKind::CarryInInitialState) {
                // Targets are the sum bits of a + b + c0; h(0) of the carry-in unit is c0.
                const int B = batch_.B;
                for (int b = 0; b < B; ++b) {
                    const BitVector s = carry_in_sum(group[c0][static_cast<std::size_t>(b)], c0);
                    for (int t = 0; t < batch_.T; ++t)
                        batch_.target[static_cast<std::size_t>(t * B + b)] = s[static_cast<std::size_t>(t)];
                }
                net_.view().h0[kCarryInUnit] = c0;
            }
            const double loss = rnn_forward(acts_, net_, batch_, config_.loss);
            finite = finite && std::isfinite(loss);
            zero_grad(part_);
            rnn_backward(part_, acts_, net_, batch_, config_.loss);
            const double weight = static_cast<double>(batch_.B) / config_.batch;  // the minibatch mean
            for (std::size_t i = 0; i < grads_.size(); ++i) grads_[i] += weight * part_[i];
        }
        const double norm = optim_step(net_.params, grads_, optim_, config_.optim, frozen_);
        const bool sane = max_abs_weight(net_.params) <= kDivergedWeightLimit;
        if (!finite || !std::isfinite(norm) || !sane) {  // the trainer's divergence guard
            net_.params = before;
            optim_reset(optim_, net_.params.size(), config_.optim);
        }
        sequences_ += config_.batch;
    }

    TrainConfig config_;  // the trainer's defaults
    ModeKind kind_;
    std::uint64_t seed_;
    Rng rng_;
    Net net_;
    OptimState optim_;
    std::vector<unsigned char> frozen_;
    std::vector<double> grads_, part_;
    Batch batch_;
    Activities acts_;
    long long sequences_ = 0, next_validation_ = TrainConfig{}.validate_every;
    bool solved_ = false;
};

std::unique_ptr<ModesExperiment::Run> make_run(const Mode& mode, std::uint64_t seed) {
    if (mode.kind == ModeKind::Targets) return std::make_unique<TargetRun>(mode.last_k, seed);
    return std::make_unique<CarryInRun>(mode.kind, seed);
}

}  // namespace

// [SECTION] the experiment -----------------------------------------------------------------------

ModesExperiment::ModesExperiment(const ModesConfig& config) : config_(config) {
    for (const Mode& m : config_.modes) {
        ModeResult r;
        r.mode = m;
        results_.push_back(r);
    }
}
ModesExperiment::~ModesExperiment() = default;
ModesExperiment::ModesExperiment(ModesExperiment&&) noexcept = default;
ModesExperiment& ModesExperiment::operator=(ModesExperiment&&) noexcept = default;

bool ModesExperiment::done() const { return next_ >= config_.modes.size() * config_.seeds.size(); }

double ModesExperiment::progress() const {
    const std::size_t total = config_.modes.size() * config_.seeds.size();
    if (total == 0 || done()) return 1.0;
    const double within = run_ ? static_cast<double>(run_->sequences()) / static_cast<double>(std::max(config_.max_sequences, 1LL)) : 0.0;
    return (static_cast<double>(next_) + std::min(within, 1.0)) / static_cast<double>(total);
}

const std::vector<ModeResult>& ModesExperiment::results() const { return results_; }

std::string ModesExperiment::current_run() const {
    if (done()) return "";
    const std::size_t S = config_.seeds.size();
    return config_.modes[next_ / S].label + ", seed " + std::to_string(config_.seeds[next_ % S]);
}

bool ModesExperiment::step(int minibatches) {
    if (done()) return true;
    const std::size_t S = config_.seeds.size();
    if (!run_) run_ = make_run(config_.modes[next_ / S], config_.seeds[next_ % S]);
    const long long batch = TrainConfig{}.batch;  // every run uses the trainer's minibatch size
    const long long left = (config_.max_sequences - run_->sequences() + batch - 1) / batch;
    run_->step(static_cast<int>(std::min<long long>(minibatches, std::max(left, 0LL))));
    if (run_->solved() || run_->sequences() >= config_.max_sequences) finish_run();
    return done();
}

void ModesExperiment::finish_run() {
    ModeResult& r = results_[next_ / config_.seeds.size()];
    const double exact = run_->exact_64();
    r.mean_exact_64 = (r.mean_exact_64 * r.runs + exact) / (r.runs + 1);
    ++r.runs;
    if (run_->solved()) {
        ++r.solved;
        r.sequences_to_solve.push_back(run_->sequences());
        std::vector<long long> sorted = r.sequences_to_solve;
        std::sort(sorted.begin(), sorted.end());
        const std::size_t k = sorted.size();
        r.median_sequences = k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
    }
    run_.reset();
    ++next_;
}

std::vector<ModeResult> run_modes(const ModesConfig& config) {
    ModesExperiment e(config);
    while (!e.step(1 << 20)) {
    }
    return e.results();
}

}  // namespace carry::zoo
