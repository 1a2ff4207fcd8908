// zoo/runner: every model of the zoo trained and scored on the same sums (see runner.h).
//
// [SECTION] configs and test sets     [SECTION] models     [SECTION] runner     [SECTION] verdict
#include "core/zoo/runner.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "core/rng.h"
#include "core/zoo/fixed_width.h"
#include "core/zoo/hmm.h"
#include "core/zoo/lds.h"
#include "core/zoo/lstm.h"
#include "core/zoo/rnn_model.h"
#include "core/zoo/taps.h"

namespace carry::zoo {

// [SECTION] configs and test sets ------------------------------------------------------------------

ZooConfig zoo_quick_config() {
    ZooConfig c;
    c.train_pairs = 600;
    c.test_pairs = 40;
    c.reach_pairs = 10;
    c.rnn_sequences = 20000;
    c.lstm_sequences = 40000;  // 7 of 8 seeds exact on 64-bit sums (100 000: all 8)
    c.fixed_width_epochs = 60;
    c.effort = 0.3;
    return c;
}

namespace {

constexpr std::size_t kScoreChunk = 25;  // test pairs per work unit (a 256-bit LSTM pair is ~50 us)

void validate(const ZooConfig& c) {
    if (c.train_pairs < 1 || c.min_bits < kMinPairBits || c.max_bits < c.min_bits || c.max_bits > 64 ||
        c.test_bits.empty() || c.test_pairs < 1 || c.reach_pairs < 0 || c.taps < 1 || c.taps > 8 || c.hmm_states < 1 ||
        c.hmm_states > 16 || c.rnn_sequences < 0 || c.lstm_sequences < 0 || c.fixed_width_epochs < 0 ||
        !(c.effort > 0.0 && c.effort <= 10.0))
        throw std::invalid_argument("zoo: config out of range");
    for (int n : c.test_bits)
        if (n < kMinPairBits || n > kMaxPairBits) throw std::invalid_argument("zoo: test length out of range");
}

// A pair of `bits` bits whose longest carry reach is exactly `reach` (1 <= reach < bits): one run
// of reach-1 "propagate" columns (a != b) after a deciding column (a == b), every other run of
// propagate columns shorter, so no column's carry-in is decided further back than `reach`.
Pair pair_with_reach(Rng& rng, int bits, int reach) {
    Pair p;
    p.a.assign(static_cast<std::size_t>(bits), 0);
    p.b.assign(static_cast<std::size_t>(bits), 0);
    const int run = reach - 1;
    const int start = static_cast<int>(rng.range(1, bits - run));  // columns start .. start+run-1 propagate
    int current = 0;  // length of the propagate run ending at the previous column
    for (int t = 0; t < bits; ++t) {
        bool propagate;
        if (t >= start && t < start + run)
            propagate = true;
        else if (t == start - 1 || t == start + run)
            propagate = false;  // the run's deciding ends
        else
            propagate = current + 1 < std::max(run, 1) && rng.below(2) == 1;
        const auto i = static_cast<std::size_t>(t);
        const auto bit = static_cast<std::uint8_t>(rng.below(2));
        p.a[i] = bit;
        p.b[i] = propagate ? static_cast<std::uint8_t>(1 - bit) : bit;
        current = propagate ? current + 1 : 0;
    }
    return p;
}

// [SECTION] models ---------------------------------------------------------------------------------

int scaled(int budget, double effort) {
    return std::max(1, static_cast<int>(static_cast<double>(budget) * effort + 0.5));
}

// In the lecture's order: memoryless, then hidden state, then recurrent nets. Each model keeps its
// own defaults; `effort` scales the iterations of those whose budget the config does not set.
std::vector<std::unique_ptr<Model>> build_models(const ZooData& data, const ZooConfig& c) {
    std::vector<std::unique_ptr<Model>> m;
    if (!is_add(c.task)) {  // only the recurrent nets take any task (see ZooConfig::task)
        RnnModelConfig rnn;
        rnn.sequences = c.rnn_sequences;
        m.push_back(make_rnn_model(data, rnn));
        LstmConfig lstm;
        lstm.seed = c.seed;
        lstm.sequences = c.lstm_sequences;
        m.push_back(make_lstm(data, lstm));
        return m;
    }
    TapsConfig taps;
    taps.taps = c.taps;
    taps.seed = c.seed;
    taps.epochs = scaled(taps.epochs, c.effort);
    m.push_back(make_autoregressive(data, taps));
    m.push_back(make_feedforward_taps(data, taps));
    FixedWidthConfig fw;
    fw.seed = c.seed;
    fw.epochs = c.fixed_width_epochs;
    m.push_back(make_fixed_width(data, fw));
    LdsConfig lds;
    lds.seed = c.seed;
    lds.em_iterations = scaled(lds.em_iterations, c.effort);
    m.push_back(make_lds(data, lds));
    HmmConfig hmm;
    hmm.states = c.hmm_states;
    hmm.seed = c.seed;
    hmm.em_iterations = scaled(hmm.em_iterations, c.effort);
    m.push_back(make_hmm(data, hmm));
    RnnModelConfig rnn;
    rnn.sequences = c.rnn_sequences;
    m.push_back(make_rnn_model(data, rnn));
    LstmConfig lstm;
    lstm.seed = c.seed;
    lstm.sequences = c.lstm_sequences;
    m.push_back(make_lstm(data, lstm));
    return m;
}

}  // namespace

// [SECTION] runner ---------------------------------------------------------------------------------

std::vector<std::string> zoo_skipped_models(const Task& task) {
    if (is_add(task)) return {};
    return {"autoregressive", "feed-forward taps", "feed-forward fixed width", "linear dynamical system", "HMM"};
}

ZooRunner::ZooRunner(const ZooConfig& config) : config_(config) {
    validate(config_);
    data_ = make_zoo_data(config_.seed, config_.train_pairs, config_.min_bits, config_.max_bits, config_.task);
    Rng test_rng(derive_seed(config_.seed, 0x74657374ULL));  // "test": independent of the training pairs
    for (int n : config_.test_bits) {
        std::vector<Pair> set;
        for (int i = 0; i < config_.test_pairs; ++i) set.push_back(random_task_pair(config_.task, test_rng, n));
        test_sets_.push_back(std::move(set));
    }
    Rng reach_rng(derive_seed(config_.seed, 0x7265616368ULL));          // "reach"
    for (int r = 1; r <= kMaxReachTarget && is_add(config_.task); ++r)  // the adder's carries only
        for (int i = 0; i < config_.reach_pairs; ++i)
            reach_set_.push_back(pair_with_reach(reach_rng, kReachPairBits, r));
    models_ = build_models(data_, config_);
    for (const auto& m : models_) {
        ModelResult r;
        r.name = m->name();
        r.params = m->params();
        r.reason = m->reason();
        r.exact_by_bits.assign(config_.test_bits.size(), 0.0);
        r.takes_bits.assign(config_.test_bits.size(), true);
        results_.push_back(std::move(r));
    }
}

ZooRunner::~ZooRunner() = default;

bool ZooRunner::done() const { return current_ >= models_.size(); }

bool ZooRunner::step(double budget_ms) {
    const auto start = std::chrono::steady_clock::now();
    do {
        if (done()) return true;
        work_unit();
    } while (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() < budget_ms);
    return done();
}

void ZooRunner::run_all() {
    while (!done()) work_unit();
}

void ZooRunner::work_unit() {
    Model& m = *models_[current_];
    ModelResult& r = results_[current_];
    const int L = static_cast<int>(test_sets_.size());
    if (phase_ == 0) {  // training
        const auto t0 = std::chrono::steady_clock::now();
        const bool finished = m.train_some();
        r.train_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (finished) {
            r.trained = true;
            r.params = m.params();
            phase_ = 1;
            next_pair_ = 0;
        }
        return;
    }
    if (phase_ <= L) {  // one chunk of one test length
        const auto li = static_cast<std::size_t>(phase_ - 1);
        const std::vector<Pair>& set = test_sets_[li];
        if (next_pair_ == 0) exact_count_ = 0;
        const std::size_t end = std::min(set.size(), next_pair_ + kScoreChunk);
        for (; next_pair_ < end; ++next_pair_) {
            const Pair& p = set[next_pair_];
            const std::optional<BitVector> got = m.add(p);
            if (!got) {
                r.takes_bits[li] = false;
                continue;
            }
            const BitVector want = task_targets(config_.task, p);
            std::size_t right = 0;
            for (std::size_t k = 0; k < want.size(); ++k) right += k < got->size() && (*got)[k] == want[k];
            bits_right_ += right;
            bits_total_ += want.size();
            exact_count_ += right == want.size() && got->size() == want.size();
        }
        if (next_pair_ == set.size()) {
            r.exact_by_bits[li] =
                r.takes_bits[li] ? static_cast<double>(exact_count_) / static_cast<double>(set.size()) : 0.0;
            ++phase_;
            next_pair_ = 0;
        }
        return;
    }
    // The carry-reach set, in chunks.
    if (next_pair_ == 0) {
        reach_exact_count_.fill(0);
        r.reach_pairs.fill(0);
        r.reach_scored = !reach_set_.empty();
    }
    const std::size_t end = std::min(reach_set_.size(), next_pair_ + kScoreChunk);
    for (; next_pair_ < end; ++next_pair_) {
        const Pair& p = reach_set_[next_pair_];
        const std::optional<BitVector> got = m.add(p);
        if (!got) {
            r.reach_scored = false;
            continue;
        }
        const auto b = static_cast<std::size_t>(std::min(longest_carry_reach(p), kReachBuckets - 1));
        ++r.reach_pairs[b];
        reach_exact_count_[b] += *got == true_sum(p);
    }
    if (next_pair_ == reach_set_.size()) finish_model(r);
}

void ZooRunner::finish_model(ModelResult& r) {
    for (std::size_t b = 0; b < r.reach_exact.size(); ++b)
        r.reach_exact[b] = r.reach_pairs[b] > 0 ? static_cast<double>(reach_exact_count_[b]) / r.reach_pairs[b] : 0.0;
    if (!r.reach_scored) r.reach_pairs.fill(0);
    r.bit_accuracy = bits_total_ > 0 ? static_cast<double>(bits_right_) / static_cast<double>(bits_total_) : 0.0;
    r.scored = true;
    r.verdict = zoo_verdict(config_, r);
    bits_right_ = bits_total_ = exact_count_ = 0;
    next_pair_ = 0;
    phase_ = 0;
    ++current_;
}

double ZooRunner::progress() const {
    if (models_.empty()) return 1.0;
    if (done()) return 1.0;
    // Training counts for most of a model's share, scoring for the rest.
    const double L = static_cast<double>(test_sets_.size()) + 1.0;
    const double within =
        phase_ == 0 ? 0.8 * models_[current_]->progress() : 0.8 + 0.2 * static_cast<double>(phase_ - 1) / L;
    return (static_cast<double>(current_) + within) / static_cast<double>(models_.size());
}

std::string ZooRunner::status() const {
    if (done()) return "done";
    char buf[160];
    const std::string& name = results_[current_].name;
    const int L = static_cast<int>(test_sets_.size());
    if (phase_ == 0)
        std::snprintf(buf, sizeof buf, "training %s (%.0f%%)", name.c_str(), 100.0 * models_[current_]->progress());
    else if (phase_ <= L)
        std::snprintf(buf, sizeof buf, "scoring %s on %d-bit sums", name.c_str(),
                      config_.test_bits[static_cast<std::size_t>(phase_ - 1)]);
    else
        std::snprintf(buf, sizeof buf, "scoring %s by carry reach", name.c_str());
    return buf;
}

// [SECTION] verdict --------------------------------------------------------------------------------

std::string zoo_verdict(const ZooConfig& config, const ModelResult& r) {
    const std::size_t L = config.test_bits.size();
    auto pct = [](double x) {
        char b[16];
        std::snprintf(b, sizeof b, "%.0f%%", 100.0 * x);
        return std::string(b);
    };
    std::string measured;
    bool all_exact = true;
    int widest_taken = 0;
    bool refuses = false;
    for (std::size_t i = 0; i < L; ++i) {
        if (!r.takes_bits[i]) {
            refuses = true;
            continue;
        }
        widest_taken = std::max(widest_taken, config.test_bits[i]);
        if (r.exact_by_bits[i] < 0.995) all_exact = false;
    }
    if (widest_taken == 0) {
        measured = "cannot take any of the test lengths";
    } else if (all_exact && !refuses) {
        measured = "exact at every length up to " + std::to_string(config.test_bits.back()) + " bits";
    } else {
        // First and last length it takes.
        std::size_t first = L, last = 0;
        for (std::size_t i = 0; i < L; ++i)
            if (r.takes_bits[i]) {
                first = std::min(first, i);
                last = i;
            }
        measured = pct(r.exact_by_bits[first]) + " exact at " + std::to_string(config.test_bits[first]) + " bits";
        if (last != first)
            measured += ", " + pct(r.exact_by_bits[last]) + " at " + std::to_string(config.test_bits[last]);
        if (refuses) measured += "; cannot take numbers wider than " + std::to_string(widest_taken) + " bits";
    }
    // How far a carry may travel before it fails (the delay-tap models' limit shows here).
    if (r.reach_scored && !all_exact) {
        int exact_up_to = -1;
        bool any = false;
        for (int b = 1; b < kReachBuckets; ++b) {
            const auto bi = static_cast<std::size_t>(b);
            if (r.reach_pairs[bi] == 0) continue;
            any = true;
            if (r.reach_exact[bi] < 0.995) break;
            exact_up_to = b;
        }
        if (any && exact_up_to >= 1 && exact_up_to < kReachBuckets - 1)
            measured += "; exact only while the carry travels at most " + std::to_string(exact_up_to) + " column" +
                        (exact_up_to == 1 ? "" : "s");
    }
    // "Measured. Reason." (reason() is one sentence of its own).
    if (!measured.empty() && measured[0] >= 'a' && measured[0] <= 'z')
        measured[0] = static_cast<char>(measured[0] - 'a' + 'A');
    std::string reason = r.reason;
    if (!reason.empty() && reason[0] >= 'a' && reason[0] <= 'z') reason[0] = static_cast<char>(reason[0] - 'a' + 'A');
    if (!reason.empty() && reason.back() != '.') reason += '.';
    return measured + ". " + reason;
}

}  // namespace carry::zoo
