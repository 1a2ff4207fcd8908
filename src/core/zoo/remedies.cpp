// zoo/remedies: the remedies measured side by side (see remedies.h).
//
// [SECTION] config     [SECTION] ESN job     [SECTION] optimizer run     [SECTION] runner
// [SECTION] summaries and verdicts
#include "core/zoo/remedies.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/bptt.h"
#include "core/hessian_free.h"
#include "core/net.h"
#include "core/trainer.h"
#include "core/zoo/lstm.h"
#include "core/zoo/ridge.h"

namespace carry::zoo {

// [SECTION] config ---------------------------------------------------------------------------------

const char* remedy_name(Remedy r) {
    switch (r) {
        case Remedy::SgdMomentum: return "SGD + momentum";
        case Remedy::Adam: return "Adam";
        case Remedy::HessianFree: return "Hessian-free";
        case Remedy::Count: break;
    }
    return "?";
}
const char* remedy_key(Remedy r) {
    switch (r) {
        case Remedy::SgdMomentum: return "sgd_momentum";
        case Remedy::Adam: return "adam";
        case Remedy::HessianFree: return "hessian_free";
        case Remedy::Count: break;
    }
    return "?";
}

RemediesConfig remedies_quick_config() {
    RemediesConfig c;
    c.range_pairs = 20;
    c.seeds = 2;
    c.passes = 250.0;
    c.curve_points = 25;
    c.esn_train_pairs = 200;
    c.esn_test_pairs = 40;
    c.esn_radii = {0.1, 0.9, 1.5};
    c.esn_sizes = {10, 50, 100};
    c.mc_steps = 600;
    return c;
}

namespace {

void validate(const RemediesConfig& c) {
    bool ok = !c.ranges.empty() && c.range_pairs >= 1 && c.train_pairs >= 8 && c.short_bits >= 1 &&
              c.short_bits <= 64 && c.train_chain >= 1 && c.train_chain <= 200 && c.seeds >= 1 && c.seeds <= 20 &&
              c.passes > 0.0 && c.passes <= 1e5 && c.curve_points >= 2 && c.sgd_lr > 0.0 && c.adam_lr > 0.0 &&
              c.lstm_sequences >= 0 && c.lstm_train_pairs >= 1 && c.esn_train_pairs >= 1 && c.esn_test_pairs >= 1 &&
              c.mc_delays >= 1 && c.mc_steps >= 4 * c.mc_delays;
    for (int L : c.ranges) ok = ok && L >= 1 && L <= 1000;
    if (!ok) throw std::invalid_argument("remedies: config out of range");
    esn_validate(c.esn);
    for (double r : c.esn_radii) {
        EsnConfig e = c.esn;
        e.spectral_radius = r;
        esn_validate(e);
    }
    for (int n : c.esn_sizes) {
        EsnConfig e = c.esn;
        e.size = n;
        esn_validate(e);
    }
}

std::vector<Pair> random_pairs(std::uint64_t seed, int count, int min_bits, int max_bits) {
    Rng rng(seed);
    std::vector<Pair> v;
    for (int i = 0; i < count; ++i) v.push_back(random_pair(rng, min_bits, max_bits));
    return v;
}

// The data every part shares, drawn once from the seed.
struct Sets {
    std::vector<Pair> short_train, long_train, esn_train, test8, test32, test64;
    std::vector<std::vector<ChainPair>> chains;  // per config.ranges
};

Sets make_sets(const RemediesConfig& c) {
    Sets s;
    s.short_train = random_pairs(derive_seed(c.seed, 0x73686f7274ULL), c.train_pairs, c.short_bits, c.short_bits);
    for (const ChainPair& cp : chain_set(derive_seed(c.seed, 0x6c6f6e67ULL), c.train_chain, c.train_pairs))
        s.long_train.push_back(cp.pair);
    s.esn_train = random_pairs(derive_seed(c.seed, 0x65736e74ULL), c.esn_train_pairs, 1, 16);
    s.test8 = random_pairs(derive_seed(c.seed, 0x7438ULL), c.esn_test_pairs, 8, 8);
    s.test32 = random_pairs(derive_seed(c.seed, 0x743332ULL), c.esn_test_pairs, 32, 32);
    s.test64 = random_pairs(derive_seed(c.seed, 0x743634ULL), c.range_pairs, 64, 64);
    for (int L : c.ranges) s.chains.push_back(chain_set(derive_seed(c.seed, 0x74657374ULL), L, c.range_pairs));
    return s;
}

// Bit and exact accuracy of `add` on pairs.
template <class Add>
void score_pairs(const std::vector<Pair>& set, Add&& add, double& bits, double& exact) {
    std::size_t right = 0, total = 0, whole = 0;
    for (const Pair& p : set) {
        const BitVector want = true_sum(p), got = add(p);
        std::size_t r = 0;
        for (std::size_t k = 0; k < want.size(); ++k) r += k < got.size() && got[k] == want[k];
        right += r, total += want.size(), whole += r == want.size();
    }
    bits = total ? static_cast<double>(right) / static_cast<double>(total) : 0.0;
    exact = set.empty() ? 0.0 : static_cast<double>(whole) / static_cast<double>(set.size());
}

// [SECTION] ESN job --------------------------------------------------------------------------------

// An ESN point in small units: build, fit 25 pairs at a time, solve, score set by set, memory.
class EsnJob {
public:
    EsnJob(const EsnConfig& e, const RemediesConfig& c, const Sets& sets) : c_(c), sets_(sets) { result_.config = e; }
    bool done() const { return result_.done; }
    const EsnPointResult& result() const { return result_; }
    void unit() {
        if (stage_ == 0) {
            esn_ = esn_init(result_.config);
            result_.raw_radius = esn_.raw_radius;
            sys_ = RidgeSystem(esn_.features(), 1);
            ++stage_;
        } else if (stage_ == 1) {  // fit, 25 pairs at a time
            const std::size_t end = std::min(sets_.esn_train.size(), next_ + 25);
            std::vector<double> rows;
            const auto F = static_cast<std::size_t>(esn_.features());
            for (; next_ < end; ++next_) {
                const Pair& p = sets_.esn_train[next_];
                esn_features(rows, esn_, p);
                const BitVector s = true_sum(p);
                for (std::size_t t = 0; t < s.size(); ++t) {
                    const double y = s[t];
                    sys_.add(rows.data() + t * F, &y);
                }
            }
            if (next_ == sets_.esn_train.size()) {
                esn_.readout = ridge_solve(sys_, esn_.config.ridge);
                next_ = 0;
                ++stage_;
            }
        } else if (stage_ == 2) {
            auto add = [&](const Pair& p) { return esn_add(esn_, p); };
            score_pairs(sets_.test8, add, result_.bit_8, result_.exact_8);
            score_pairs(sets_.test32, add, result_.bit_32, result_.exact_32);
            ++stage_;
        } else if (stage_ < 3 + static_cast<int>(c_.ranges.size())) {  // one chain length per unit
            result_.by_range.push_back(score_chains(sets_.chains[static_cast<std::size_t>(stage_ - 3)],
                                                    [&](const Pair& p) { return esn_add(esn_, p); }));
            ++stage_;
        } else {
            result_.memory_capacity = esn_memory_capacity(esn_, c_.mc_delays, c_.mc_steps,
                                                          derive_seed(c_.seed, 0x6d63ULL), &result_.mc_per_delay);
            result_.done = true;
        }
    }

private:
    const RemediesConfig& c_;
    const Sets& sets_;
    EsnPointResult result_;
    Esn esn_;
    RidgeSystem sys_;
    int stage_ = 0;
    std::size_t next_ = 0;
};

// [SECTION] optimizer run --------------------------------------------------------------------------

// Mean cross-entropy per sum bit of the net on the whole training batch.
double loss_per_bit(const Net& net, const Batch& batch) {
    Activities a;
    return rnn_forward(a, net, batch, {}) / batch.T;
}

class OptimJob {
public:
    OptimJob(Remedy r, bool long_set, int seed, const RemediesConfig& c, const Sets& sets)
        : c_(c), sets_(sets), train_(long_set ? sets.long_train : sets.short_train) {
        result_.remedy = r;
        result_.long_set = long_set;
        result_.seed = seed;
        const int n = train_.front().bits();
        TrainConfig tc;
        tc.curriculum = false;
        tc.min_bits = tc.max_bits = n;
        tc.validate_every = 0;
        tc.restart_after = 0;
        tc.optim.kind = r == Remedy::Adam ? OptimizerKind::Adam : OptimizerKind::SgdMomentum;
        tc.optim.lr = r == Remedy::Adam ? c.adam_lr : c.sgd_lr;
        trainer_ = std::make_unique<Trainer>(tc, derive_seed(c.seed, 0x6e6574ULL + static_cast<std::uint64_t>(seed)));
        trainer_->set_batch_source(pair_list_source(train_));
        batch_from_pairs(batch_, train_);
        hf_ = hf_init(hf_config_);
        result_.curve.push_back(CurvePoint{0.0, loss_per_bit(trainer_->net(), batch_)});
    }
    bool done() const { return result_.done; }
    const OptimRunResult& result() const { return result_; }
    double progress() const { return std::min(1.0, passes() / c_.passes); }

    void unit() {
        if (passes() < c_.passes) {
            const double every = c_.passes / c_.curve_points;
            if (result_.remedy == Remedy::HessianFree) {
                hf_step(trainer_->net(), hf_, batch_, hf_config_);
            } else {
                const double target = std::min(c_.passes, (std::floor(passes() / every + 1e-9) + 1.0) * every);
                const auto want = static_cast<long long>(target * static_cast<double>(train_.size()) + 0.5);
                while (trainer_->sequences() < want) trainer_->step(1);
            }
            result_.curve.push_back(CurvePoint{passes(), loss_per_bit(trainer_->net(), batch_)});
            return;
        }
        // Scored once the budget is spent.
        const Net& net = trainer_->net();
        result_.final_loss = result_.curve.back().loss;
        for (const auto& set : sets_.chains)
            result_.by_range.push_back(score_chains(set, [&](const Pair& p) { return net_add(net, p); }));
        double bits = 0.0;
        score_pairs(
            sets_.test64, [&](const Pair& p) { return net_add(net, p); }, bits, result_.exact_64);
        result_.done = true;
    }

private:
    double passes() const {
        const double N = static_cast<double>(train_.size());
        if (result_.remedy == Remedy::HessianFree) return static_cast<double>(hf_.sweeps) / (2.0 * N);
        return static_cast<double>(trainer_->sequences()) / N;
    }
    const RemediesConfig& c_;
    const Sets& sets_;
    const std::vector<Pair>& train_;
    OptimRunResult result_;
    std::unique_ptr<Trainer> trainer_;
    Batch batch_;
    HfConfig hf_config_;
    HfState hf_;
};

}  // namespace

EsnPointResult run_esn_point(const EsnConfig& esn, const RemediesConfig& c) {
    validate(c);
    esn_validate(esn);
    const Sets sets = make_sets(c);
    EsnJob job(esn, c, sets);
    while (!job.done()) job.unit();
    return job.result();
}

struct EsnProbe::Impl {
    RemediesConfig config;
    Sets sets;
    std::unique_ptr<EsnJob> job;
};

EsnProbe::EsnProbe(const EsnConfig& esn, const RemediesConfig& c) : impl_(std::make_unique<Impl>()) {
    validate(c);
    esn_validate(esn);
    impl_->config = c;
    impl_->sets = make_sets(c);
    impl_->job = std::make_unique<EsnJob>(esn, impl_->config, impl_->sets);
}
EsnProbe::~EsnProbe() = default;
bool EsnProbe::done() const { return impl_->job->done(); }
const EsnPointResult& EsnProbe::result() const { return impl_->job->result(); }
bool EsnProbe::step(double budget_ms) {
    const auto start = std::chrono::steady_clock::now();
    do {
        if (done()) return true;
        impl_->job->unit();
    } while (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() < budget_ms);
    return done();
}

// [SECTION] runner ---------------------------------------------------------------------------------

struct RemediesRunner::Impl {
    Sets sets;
    std::unique_ptr<Model> lstm;  // trained after the ESN points, before the optimizer runs
    bool lstm_done = false;
    std::vector<std::unique_ptr<OptimJob>> optim;
    std::vector<std::unique_ptr<EsnJob>> esn;  // the radius sweep, then the size sweep
    std::size_t current = 0;                   // over optim, then esn
};

RemediesRunner::RemediesRunner(const RemediesConfig& config) : impl_(std::make_unique<Impl>()), config_(config) {
    validate(config_);
    impl_->sets = make_sets(config_);
    // The ESN sweeps first (quick, and the tab's first chart), then every optimizer run.
    for (double r : config_.esn_radii) {
        EsnConfig e = config_.esn;
        e.spectral_radius = r;
        impl_->esn.push_back(std::make_unique<EsnJob>(e, config_, impl_->sets));
    }
    for (int n : config_.esn_sizes) {
        EsnConfig e = config_.esn;
        e.size = n;
        impl_->esn.push_back(std::make_unique<EsnJob>(e, config_, impl_->sets));
    }
    for (bool long_set : {false, true})
        for (int r = 0; r < static_cast<int>(Remedy::Count); ++r)
            for (int s = 1; s <= config_.seeds; ++s)
                impl_->optim.push_back(
                    std::make_unique<OptimJob>(static_cast<Remedy>(r), long_set, s, config_, impl_->sets));
    for (const auto& j : impl_->optim) runs_.push_back(j->result());
    if (config_.lstm_sequences > 0) {
        LstmConfig lc;
        lc.seed = config_.seed;
        lc.sequences = config_.lstm_sequences;
        impl_->lstm =
            make_lstm(make_zoo_data(derive_seed(config_.seed, 0x6c73746dULL), config_.lstm_train_pairs, 1, 16), lc);
    } else {
        impl_->lstm_done = true;
    }
    esn_radius_.resize(config_.esn_radii.size());
    esn_size_.resize(config_.esn_sizes.size());
    for (std::size_t i = 0; i < esn_radius_.size(); ++i) esn_radius_[i] = impl_->esn[i]->result();
    for (std::size_t i = 0; i < esn_size_.size(); ++i) esn_size_[i] = impl_->esn[esn_radius_.size() + i]->result();
}

RemediesRunner::~RemediesRunner() = default;

bool RemediesRunner::done() const {
    return impl_->lstm_done && impl_->current >= impl_->esn.size() + impl_->optim.size();
}

void RemediesRunner::work_unit() {
    Impl& m = *impl_;
    const std::size_t E = m.esn.size();
    if (m.current < E) {
        EsnJob& j = *m.esn[m.current];
        j.unit();
        const std::size_t R = esn_radius_.size();
        (m.current < R ? esn_radius_[m.current] : esn_size_[m.current - R]) = j.result();
        if (j.done()) ++m.current;
        return;
    }
    if (!m.lstm_done) {  // one train_some() per unit, then the chain sets in one unit
        if (!m.lstm->train_some()) return;
        for (const auto& set : m.sets.chains)
            lstm_range_.push_back(score_chains(set, [&](const Pair& p) { return *m.lstm->add(p); }));
        m.lstm_done = true;
        return;
    }
    OptimJob& j = *m.optim[m.current - E];
    j.unit();
    runs_[m.current - E] = j.result();
    if (j.done()) ++m.current;
}

bool RemediesRunner::step(double budget_ms) {
    const auto start = std::chrono::steady_clock::now();
    do {
        if (done()) return true;
        work_unit();
    } while (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() < budget_ms);
    return done();
}

void RemediesRunner::run_all() {
    while (!done()) work_unit();
}

double RemediesRunner::progress() const {
    const std::size_t E = impl_->esn.size(), total = E + impl_->optim.size();
    if (done() || total == 0) return 1.0;
    double within = 0.0;
    if (impl_->current >= E && impl_->lstm_done) within = impl_->optim[impl_->current - E]->progress();
    return (static_cast<double>(impl_->current) + within) / static_cast<double>(total);
}

std::string RemediesRunner::status() const {
    if (done()) return "done";
    const std::size_t E = impl_->esn.size();
    char buf[160];
    if (impl_->current < E) {
        const EsnConfig& e = (impl_->current < esn_radius_.size() ? esn_radius_[impl_->current]
                                                                  : esn_size_[impl_->current - esn_radius_.size()])
                                 .config;
        std::snprintf(buf, sizeof buf, "echo state network: %d units, spectral radius %.2f", e.size, e.spectral_radius);
    } else if (!impl_->lstm_done) {
        std::snprintf(buf, sizeof buf, "LSTM on random short sums (%.0f%%)", 100.0 * impl_->lstm->progress());
    } else {
        const OptimRunResult& r = runs_[impl_->current - E];
        std::snprintf(buf, sizeof buf, "%s on %s sums, seed %d (%.0f%%)", remedy_name(r.remedy),
                      r.long_set ? "long-range" : "short", r.seed,
                      100.0 * impl_->optim[impl_->current - E]->progress());
    }
    return buf;
}

// [SECTION] summaries and verdicts -----------------------------------------------------------------

std::vector<ChainScore> RemediesRunner::mean_by_range(Remedy r, bool long_set) const {
    std::vector<ChainScore> m(config_.ranges.size());
    int n = 0;
    for (const OptimRunResult& run : runs_) {
        if (run.remedy != r || run.long_set != long_set || !run.done) continue;
        ++n;
        for (std::size_t i = 0; i < m.size(); ++i)
            m[i].exact += run.by_range[i].exact, m[i].land += run.by_range[i].land;
    }
    if (n == 0) return {};
    for (ChainScore& s : m) s.exact /= n, s.land /= n;
    return m;
}

double RemediesRunner::mean_final_loss(Remedy r, bool long_set) const {
    double sum = 0.0;
    int n = 0;
    for (const OptimRunResult& run : runs_)
        if (run.remedy == r && run.long_set == long_set && run.done) sum += run.final_loss, ++n;
    return n ? sum / n : -1.0;
}

int RemediesRunner::solved_seeds(Remedy r, bool long_set) const {
    int n = 0;
    for (const OptimRunResult& run : runs_) {
        if (run.remedy != r || run.long_set != long_set || !run.done) continue;
        bool all = run.exact_64 >= 0.995;
        for (const ChainScore& s : run.by_range) all = all && s.exact >= 0.995;
        n += all;
    }
    return n;
}

double RemediesRunner::median_passes_to(Remedy r, bool long_set, double target) const {
    std::vector<double> p;
    for (const OptimRunResult& run : runs_) {
        if (run.remedy != r || run.long_set != long_set || !run.done) continue;
        double at = 1e300;
        for (const CurvePoint& c : run.curve)
            if (c.loss < target) {
                at = c.passes;
                break;
            }
        p.push_back(at);
    }
    if (p.empty()) return -1.0;
    std::sort(p.begin(), p.end());
    const double med = p[(p.size() - 1) / 2];  // the lower median: more than half of the seeds got there
    return med >= 1e300 ? -1.0 : med;
}

const EsnPointResult* RemediesRunner::esn_reference() const {
    for (const EsnPointResult& e : esn_radius_)
        if (e.done && e.config.spectral_radius == config_.esn.spectral_radius && e.config.size == config_.esn.size)
            return &e;
    return nullptr;
}

namespace {
std::string pct(double x) {
    char b[16];
    std::snprintf(b, sizeof b, "%.0f%%", 100.0 * x);
    return b;
}
}  // namespace

std::string RemediesRunner::verdict_range() const {
    for (const OptimRunResult& r : runs_)
        if (!r.done) return "";
    const std::size_t last = config_.ranges.size() - 1;
    // How much exact accuracy moves from the shortest chain to the longest, over every remedy and
    // set; and how many nets learned to add, per training set.
    double spread = 0.0;
    int solved_short = 0, solved_long = 0, nets = 0;
    const char* example = remedy_name(Remedy::SgdMomentum);
    double ex_first = 0.0, ex_last = 0.0;
    for (int k = 0; k < static_cast<int>(Remedy::Count); ++k) {
        const auto rr = static_cast<Remedy>(k);
        for (bool long_set : {false, true}) {
            const std::vector<ChainScore> m = mean_by_range(rr, long_set);
            const double d = m[last].exact - m[0].exact;
            if (std::fabs(d) >= std::fabs(spread)) spread = d;
        }
        const std::vector<ChainScore> ms = mean_by_range(rr, false);
        if (ms[last].exact >= ex_last) example = remedy_name(rr), ex_first = ms[0].exact, ex_last = ms[last].exact;
        solved_short += solved_seeds(rr, false);
        solved_long += solved_seeds(rr, true);
        nets += config_.seeds;
    }
    const std::string first = std::to_string(config_.ranges[0]), far = std::to_string(config_.ranges[last]);
    std::string v;
    if (solved_short + solved_long == 0)
        v = "No net learned to add within " + std::to_string(static_cast<int>(config_.passes)) +
            " passes, so range cannot show what it costs a solved net";
    else if (std::fabs(spread) <= 0.1)
        v = "Range hardly matters once a net has learned: exact sums change by at most " + pct(std::fabs(spread)) +
            " from " + first + "-column to " + far + "-column carry chains (" + example + ", trained on " +
            std::to_string(config_.short_bits) + "-bit sums: " + pct(ex_first) + " and " + pct(ex_last) +
            "), because the carry is one bit a solved net holds for ever";
    else
        v = "Range matters: exact sums move by " + pct(spread) + " from " + first + "-column to " + far +
            "-column carry chains";
    v += std::string(solved_long < solved_short ? "; what long chains hurt is learning: " : "; ") +
         std::to_string(solved_long) + " of " + std::to_string(nets) + " nets trained only on sums with " +
         std::to_string(config_.train_chain) + "-column chains learned to add, " + "against " +
         std::to_string(solved_short) + " of " + std::to_string(nets) + " trained on " +
         std::to_string(config_.short_bits) + "-bit sums.";
    if (!lstm_range_.empty())
        v += " The LSTM, trained on random sums of 1 to 16 bits, adds " + pct(lstm_range_[0].exact) + " of sums with " +
             first + "-column chains and " + pct(lstm_range_[last].exact) + " with " + far + "-column chains.";
    return v;
}

std::string RemediesRunner::verdict_esn() const {
    for (const EsnPointResult& e : esn_radius_)
        if (!e.done) return "";
    for (const EsnPointResult& e : esn_size_)
        if (!e.done) return "";
    double best_exact = 0.0, best_bit = 0.0;
    const EsnPointResult* best = nullptr;
    for (const auto* v : {&esn_radius_, &esn_size_})
        for (const EsnPointResult& e : *v) {
            if (e.exact_32 > best_exact || !best) best_exact = e.exact_32, best = &e;
            best_bit = std::max(best_bit, e.bit_32);
        }
    double best_land = 0.0;
    for (const auto* v : {&esn_radius_, &esn_size_})
        for (const EsnPointResult& e : *v) best_land = std::max(best_land, e.by_range.back().land);
    char buf[640];
    std::snprintf(
        buf, sizeof buf,
        "A linear readout of a fixed reservoir gets at best %.0f%% of 32-bit sum bits right and %.0f%% of whole "
        "32-bit sums (%d units, radius %.2f), and the bit where a %d-column carry lands %.0f%% of the time "
        "(a model that forgets the carry gets it wrong every time): the sum bit a XOR b XOR carry is not linear in "
        "anything a fading memory holds "
        "unless the reservoir's own nonlinearity computes it, and the carry fades.",
        100.0 * best_bit, 100.0 * best_exact, best ? best->config.size : 0, best ? best->config.spectral_radius : 0.0,
        config_.ranges.back(), 100.0 * best_land);
    return buf;
}

std::string RemediesRunner::verdict_hf() const {
    for (const OptimRunResult& r : runs_)
        if (!r.done) return "";
    std::string v;
    for (bool long_set : {false, true}) {
        char part[320];
        std::string fastest;
        double best = 1e300;
        std::string reached;
        for (int r = 0; r < static_cast<int>(Remedy::Count); ++r) {
            const auto rr = static_cast<Remedy>(r);
            const double p = median_passes_to(rr, long_set, kLossTarget);
            if (p >= 0.0 && p < best) best = p, fastest = remedy_name(rr);
            char one[64];
            if (p >= 0.0)
                std::snprintf(one, sizeof one, "%s%s %.0f", reached.empty() ? "" : ", ", remedy_name(rr), p);
            else
                std::snprintf(one, sizeof one, "%s%s never", reached.empty() ? "" : ", ", remedy_name(rr));
            reached += one;
        }
        if (fastest.empty())
            std::snprintf(part, sizeof part,
                          "on %s sums no optimizer brought the loss under %.2f nats per bit in %.0f passes",
                          long_set ? "long-range" : "short", kLossTarget, config_.passes);
        else
            std::snprintf(part, sizeof part, "on %s sums %s got the loss under %.2f nats per bit first (passes: %s)",
                          long_set ? "long-range" : "short", fastest.c_str(), kLossTarget, reached.c_str());
        v += (v.empty() ? "" : "; ") + std::string(part);
    }
    if (!v.empty()) v[0] = static_cast<char>(v[0] - 'a' + 'A');
    char solved[200];
    std::snprintf(solved, sizeof solved,
                  "; nets that add every test sum, of %d: %d, %d, %d (short) and %d, %d, %d (long)", config_.seeds,
                  solved_seeds(Remedy::SgdMomentum, false), solved_seeds(Remedy::Adam, false),
                  solved_seeds(Remedy::HessianFree, false), solved_seeds(Remedy::SgdMomentum, true),
                  solved_seeds(Remedy::Adam, true), solved_seeds(Remedy::HessianFree, true));
    return v + solved + ".";
}

}  // namespace carry::zoo
