#include "core/zoo/delay_range.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "core/eval.h"
#include "core/trainer.h"

namespace carry::zoo {

Task delay_task(int lag) {
    if (lag < 1 || lag > kMaxDelayLag)
        throw std::invalid_argument("delay_task: lag must be 1.." + std::to_string(kMaxDelayLag));
    const std::string name = "delay" + std::to_string(lag);
    if (const Task* t = find_task(name)) return *t;
    return Task{
        "", delay_machine(lag), false,
        "the input bit from " + std::to_string(lag) + " column" + (lag == 1 ? "" : "s") + " back (0 before the start)"};
}

DelayRangeConfig delay_range_quick_config() {
    DelayRangeConfig c;
    c.seeds = 2;
    c.sequences = 3000;
    c.test_pairs = 100;
    return c;
}

namespace {

void validate(const DelayRangeConfig& c) {
    if (c.lags.empty()) throw std::invalid_argument("delay range: no lags");
    for (int lag : c.lags)
        if (lag < 1 || lag > kMaxDelayLag) throw std::invalid_argument("delay range: lag out of 1..5");
    if (c.seeds < 1 || c.hidden < 1 || c.hidden > 32 || c.sequences < 0 || c.min_bits < 1 || c.max_bits < c.min_bits ||
        c.test_bits < 1 || c.test_pairs < 1)
        throw std::invalid_argument("delay range: bad config");
}

// Minibatches per work unit: a slice of a few ms.
constexpr int kMinibatchesPerUnit = 8;

class DelayJob {
public:
    DelayJob(Remedy r, int lag, int seed, const DelayRangeConfig& c) : c_(c), task_(delay_task(lag)) {
        result_.remedy = r;
        result_.lag = lag;
        result_.seed = seed;
        TrainConfig tc;
        tc.task = task_;
        tc.net.hidden = c.hidden;
        tc.min_bits = c.min_bits;
        tc.max_bits = c.max_bits;
        tc.validate_every = 0;
        tc.restart_after = 0;
        tc.optim.kind = r == Remedy::Adam ? OptimizerKind::Adam : OptimizerKind::SgdMomentum;
        tc.optim.lr = r == Remedy::Adam ? c.adam_lr : c.sgd_lr;
        // The same initial net for both optimizers at a given lag and seed.
        trainer_ = std::make_unique<Trainer>(
            tc, derive_seed(c.seed, 0x64656c6179ULL + 1000ULL * static_cast<std::uint64_t>(lag) +
                                        static_cast<std::uint64_t>(seed)));
    }
    bool done() const { return result_.done; }
    const DelayRunResult& result() const { return result_; }
    double progress() const {
        if (result_.done) return 1.0;
        return c_.sequences > 0
                   ? std::min(1.0, static_cast<double>(trainer_->sequences()) / static_cast<double>(c_.sequences))
                   : 1.0;
    }

    void unit() {
        if (trainer_->sequences() < c_.sequences) {
            for (int i = 0; i < kMinibatchesPerUnit && trainer_->sequences() < c_.sequences; ++i) trainer_->step(1);
            result_.sequences = trainer_->sequences();
            return;
        }
        // Scored once the budget is spent, on the same inputs for every net.
        const EvalResult e =
            evaluate(trainer_->net(), c_.test_bits, c_.test_pairs,
                     derive_seed(c_.seed, 0x74657374ULL + static_cast<std::uint64_t>(result_.lag)), task_);
        result_.exact = e.exact_accuracy;
        result_.bit = e.bit_accuracy;
        result_.sequences = trainer_->sequences();
        result_.done = true;
    }

private:
    const DelayRangeConfig& c_;
    Task task_;
    DelayRunResult result_;
    std::unique_ptr<Trainer> trainer_;
};

}  // namespace

struct DelayRangeRunner::Impl {
    std::vector<std::unique_ptr<DelayJob>> jobs;
    std::size_t current = 0;
};

DelayRangeRunner::DelayRangeRunner(const DelayRangeConfig& config) : impl_(std::make_unique<Impl>()), config_(config) {
    validate(config_);
    for (Remedy r : kRemedies)
        for (int lag : config_.lags)
            for (int s = 1; s <= config_.seeds; ++s)
                impl_->jobs.push_back(std::make_unique<DelayJob>(r, lag, s, config_));
    for (const auto& j : impl_->jobs) runs_.push_back(j->result());
}

DelayRangeRunner::~DelayRangeRunner() = default;

bool DelayRangeRunner::done() const { return impl_->current >= impl_->jobs.size(); }

void DelayRangeRunner::work_unit() {
    DelayJob& j = *impl_->jobs[impl_->current];
    j.unit();
    runs_[impl_->current] = j.result();
    if (j.done()) ++impl_->current;
}

bool DelayRangeRunner::step(double budget_ms) {
    const auto start = std::chrono::steady_clock::now();
    do {
        if (done()) return true;
        work_unit();
    } while (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() < budget_ms);
    return done();
}

void DelayRangeRunner::run_all() {
    while (!done()) work_unit();
}

double DelayRangeRunner::progress() const {
    const std::size_t total = impl_->jobs.size();
    if (done() || total == 0) return 1.0;
    return (static_cast<double>(impl_->current) + impl_->jobs[impl_->current]->progress()) / static_cast<double>(total);
}

std::string DelayRangeRunner::status() const {
    if (done()) return "done";
    const DelayRunResult& r = runs_[impl_->current];
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s on delay by %d, seed %d (%.0f%%)", remedy_name(r.remedy), r.lag, r.seed,
                  100.0 * impl_->jobs[impl_->current]->progress());
    return buf;
}

std::vector<DelayRangePoint> DelayRangeRunner::by_lag(Remedy r) const {
    std::vector<DelayRangePoint> out;
    for (int lag : config_.lags) {
        DelayRangePoint p;
        p.lag = lag;
        for (const DelayRunResult& run : runs_) {
            if (run.remedy != r || run.lag != lag || !run.done) continue;
            ++p.runs;
            p.exact += run.exact;
            p.bit += run.bit;
            if (run.exact >= 1.0) ++p.solved;
        }
        if (p.runs > 0) p.exact /= p.runs, p.bit /= p.runs;
        out.push_back(p);
    }
    return out;
}

std::string DelayRangeRunner::verdict() const {
    if (!done()) return "";
    // Per optimizer: the longest lag up to which every lag's mean exact accuracy is at least 90%.
    std::string parts;
    for (Remedy r : kRemedies) {
        const auto pts = by_lag(r);
        int held = 0;
        for (const DelayRangePoint& p : pts) {
            if (p.exact < 0.9) break;
            held = p.lag;
        }
        const DelayRangePoint& last = pts.back();
        std::string after;  // the exact accuracy at each lag past the last one held
        for (const DelayRangePoint& p : pts) {
            if (p.lag <= held) continue;
            char a[48];
            std::snprintf(a, sizeof a, "%s%.0f%% at lag %d", after.empty() ? "" : ", ", 100.0 * p.exact, p.lag);
            after += a;
        }
        char one[320];
        if (held == 0)
            std::snprintf(one, sizeof one, "%s%s holds no lag (exact %s)", parts.empty() ? "" : "; ", remedy_name(r),
                          after.c_str());
        else if (held == last.lag)
            std::snprintf(one, sizeof one, "%s%s holds every lag up to %d", parts.empty() ? "" : "; ", remedy_name(r),
                          held);
        else
            std::snprintf(one, sizeof one, "%s%s holds lags up to %d, then exact falls to %s",
                          parts.empty() ? "" : "; ", remedy_name(r), held, after.c_str());
        parts += one;
    }
    char buf[1200];
    std::snprintf(buf, sizeof buf,
                  "With %d hidden units and %lld training sequences (held: at least 90%% of %d-column inputs exact), "
                  "%s; lag k needs a 2^(k+1)-state machine (%d states at lag %d), which %d units could hold in "
                  "principle.",
                  config_.hidden, config_.sequences, config_.test_bits, parts.c_str(), 1 << (config_.lags.back() + 1),
                  config_.lags.back(), config_.hidden);
    return buf;
}

}  // namespace carry::zoo
