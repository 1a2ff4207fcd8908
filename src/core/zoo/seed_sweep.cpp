// zoo/seed_sweep: a setting measured over seeds (see seed_sweep.h).
#include "core/zoo/seed_sweep.h"

#include <algorithm>
#include <utility>

namespace carry::zoo {

long long median_sequences(std::vector<long long> v) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    const std::size_t k = v.size();
    return k % 2 == 1 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
}

// One (cell, seed) run: a Trainer, and for a task of the cell's own its validation schedule.
class SeedSweep::Run {
public:
    Run(const SweepCell& cell, std::uint64_t seed) : cell_(cell), trainer_(config(cell), seed) {
        if (cell.source) trainer_.set_batch_source(cell.source());
        next_validation_ = cell.train.validate_every;
    }
    void step(int minibatches) {
        for (int k = 0; k < minibatches && !solved() && trainer_.sequences() < cell_.max_sequences; ++k) {
            trainer_.step(1);
            if (cell_.solved && next_validation_ > 0 && trainer_.sequences() >= next_validation_) {
                next_validation_ += cell_.train.validate_every;
                own_solved_ = cell_.solved(trainer_.net());
            }
        }
    }
    bool solved() const { return cell_.solved ? own_solved_ : trainer_.solved(); }
    bool finished() const { return solved() || trainer_.sequences() >= cell_.max_sequences; }
    long long sequences() const { return trainer_.sequences(); }

private:
    static TrainConfig config(const SweepCell& cell) {
        TrainConfig c = cell.train;
        c.restart_after = 0;
        if (cell.solved) c.validate_every = 0;  // validated here, on the cell's task
        return c;
    }
    const SweepCell& cell_;
    Trainer trainer_;
    long long next_validation_ = 0;
    bool own_solved_ = false;
};

SeedSweep::SeedSweep(std::vector<SweepCell> cells, std::vector<std::uint64_t> seeds)
    : cells_(std::move(cells)), seeds_(std::move(seeds)), results_(cells_.size()) {}
SeedSweep::~SeedSweep() = default;
SeedSweep::SeedSweep(SeedSweep&&) noexcept = default;
SeedSweep& SeedSweep::operator=(SeedSweep&&) noexcept = default;

bool SeedSweep::done() const { return next_ >= cells_.size() * seeds_.size(); }

double SeedSweep::progress() const {
    const std::size_t total = cells_.size() * seeds_.size();
    if (total == 0 || done()) return 1.0;
    double within = 0.0;
    if (run_) {
        const long long budget = std::max(cells_[next_ / seeds_.size()].max_sequences, 1LL);
        within = std::min(static_cast<double>(run_->sequences()) / static_cast<double>(budget), 1.0);
    }
    return (static_cast<double>(next_) + within) / static_cast<double>(total);
}

std::string SeedSweep::current_run() const {
    if (done()) return "";
    const std::size_t S = seeds_.size();
    return cells_[next_ / S].label + ", seed " + std::to_string(seeds_[next_ % S]);
}

bool SeedSweep::step(int minibatches) {
    if (done()) return true;
    const std::size_t S = seeds_.size();
    if (!run_) run_ = std::make_unique<Run>(cells_[next_ / S], seeds_[next_ % S]);
    run_->step(minibatches);
    if (run_->finished()) {
        SweepResult& r = results_[next_ / S];
        ++r.runs;
        if (run_->solved()) {
            ++r.solved;
            r.sequences_to_solve.push_back(run_->sequences());
            r.median_sequences = median_sequences(r.sequences_to_solve);
        }
        run_.reset();
        ++next_;
    }
    return done();
}

}  // namespace carry::zoo
