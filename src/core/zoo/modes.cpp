// zoo/modes: the input and target modes experiment (see modes.h).
//
// [SECTION] carry-in task
// [SECTION] runs: every mode through the core Trainer's step (carry-in modes with their own batch source)
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

constexpr int kCarryInUnit = 0;  // hidden unit 1 holds c0 at step 0
constexpr int kEvalBits = 64, kEvalPairs = 1000;
constexpr std::uint64_t kDataStream = 0x6d6f646573ULL;  // "modes": training draws of a carry-in run
constexpr std::uint64_t kEvalStream = 0x6576616cULL;    // "eval":  its validation pairs

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
    virtual double exact_64() = 0;  // at the end of the run
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

// Sums with a carry-in c0 for the Trainer's step: each minibatch's sequences are split by c0 into
// two parts (the minibatch's gradient is their size-weighted sum). As a column, c0 leads the pair;
// as an initial state, c0 is the per-sequence h(0) of the carry-in unit (the other units start
// from the net's learned h(0)) and the targets are the sum bits of a + b + c0.
class CarryInSums final : public BatchSource {
public:
    explicit CarryInSums(ModeKind kind) : kind_(kind) {}
    void draw(std::vector<Batch>& parts, Rng& rng, const Net& net, int B, int n) override {
        for (auto& g : group_) g.clear();
        for (int b = 0; b < B; ++b) {
            Pair p = random_pair(rng, n);
            const int c0 = rng.bit();
            group_[c0].push_back(kind_ == ModeKind::CarryInColumn ? with_carry_column(p, c0) : std::move(p));
        }
        parts.resize(static_cast<std::size_t>(!group_[0].empty()) + static_cast<std::size_t>(!group_[1].empty()));
        std::size_t k = 0;
        for (int c0 = 0; c0 < 2; ++c0) {
            if (group_[c0].empty()) continue;
            Batch& part = parts[k++];
            batch_from_pairs(part, group_[c0]);
            if (kind_ == ModeKind::CarryInInitialState) set_initial_state(part, group_[c0], net, c0);
        }
    }
    std::vector<int> given_h0_units() const override {
        return kind_ == ModeKind::CarryInInitialState ? std::vector<int>{kCarryInUnit} : std::vector<int>{};
    }

private:
    static void set_initial_state(Batch& part, const std::vector<Pair>& pairs, const Net& net, int c0) {
        const int B = part.B, H = net.hidden();
        for (int b = 0; b < B; ++b) {
            const BitVector s = carry_in_sum(pairs[static_cast<std::size_t>(b)], c0);
            for (int t = 0; t < part.T; ++t)
                part.target[static_cast<std::size_t>(t * B + b)] = s[static_cast<std::size_t>(t)];
        }
        part.h0.resize(static_cast<std::size_t>(H * B));
        for (int i = 0; i < H; ++i)
            for (int b = 0; b < B; ++b)
                part.h0[static_cast<std::size_t>(i * B + b)] = i == kCarryInUnit ? c0 : net.view().h0[i];
    }

    ModeKind kind_;
    std::vector<Pair> group_[2];
};

// Carry-in modes: the core Trainer (the trainer's settings, curriculum and step) fed carry-in
// sums; validated here every validate_every sequences on carry-in sums.
class CarryInRun final : public ModesExperiment::Run {
public:
    CarryInRun(ModeKind kind, std::uint64_t seed)
        : kind_(kind),
          seed_(seed),
          trainer_(train_config(), seed, net_init(TrainConfig{}.net, derive_seed(seed, 1)),  // the Trainer's first draw
                   Rng(derive_seed(seed, kDataStream)).state(), 0) {
        trainer_.set_batch_source(std::make_unique<CarryInSums>(kind));
    }
    void step(int minibatches) override {
        for (int k = 0; k < minibatches && !solved_; ++k) {
            trainer_.step(1);
            if (trainer_.sequences() >= next_validation_) {
                next_validation_ += defaults_.validate_every;
                solved_ = carry_in_exact(trainer_.net(), kind_, seed_, defaults_.quick_count, true) == 1.0 &&
                          carry_in_exact(trainer_.net(), kind_, seed_, kEvalPairs, false) == 1.0;
            }
        }
    }
    long long sequences() const override { return trainer_.sequences(); }
    bool solved() const override { return solved_; }
    double exact_64() override {
        return solved_ ? 1.0 : carry_in_exact(trainer_.net(), kind_, seed_, kEvalPairs, false);
    }

private:
    static TrainConfig train_config() {
        TrainConfig c;
        c.validate_every = 0;  // validated here, on carry-in sums
        c.restart_after = 0;   // one run per seed: the budget ends it
        return c;
    }

    const TrainConfig defaults_{};  // the trainer's validation schedule
    ModeKind kind_;
    std::uint64_t seed_;
    Trainer trainer_;
    long long next_validation_ = TrainConfig{}.validate_every;
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
    const double within =
        run_ ? static_cast<double>(run_->sequences()) / static_cast<double>(std::max(config_.max_sequences, 1LL)) : 0.0;
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
    while (!e.step(1 << 20)) {}
    return e.results();
}

}  // namespace carry::zoo
