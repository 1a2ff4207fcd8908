// zoo/interleaved: the recurrent net on two interleaved sums (see interleaved.h).
#include "core/zoo/interleaved.h"

#include <algorithm>
#include <cstdio>

#include "core/bptt.h"
#include "core/zoo/hmm.h"

namespace carry::zoo {

namespace {

constexpr std::uint64_t kEvalStream = 0x696e746c76ULL;  // "intlv": the evaluation pairs
constexpr int kQuickPairs = 64;

class InterleavedSums final : public BatchSource {
public:
    void draw(std::vector<Batch>& parts, Rng& rng, const Net&, int B, int n) override {
        pairs_.clear();
        targets_.clear();
        for (int b = 0; b < B; ++b) {
            const Pair first = random_pair(rng, n);
            const Pair second = random_pair(rng, n);
            pairs_.push_back(interleaved_input_pair(first, second));
            targets_.push_back(interleaved_stream({first, second}).outputs);
        }
        parts.resize(1);
        Batch& batch = parts[0];
        batch_from_pairs(batch, pairs_);
        for (int t = 0; t < batch.T; ++t)
            for (int b = 0; b < B; ++b)
                batch.target[static_cast<std::size_t>(t * B + b)] =
                    targets_[static_cast<std::size_t>(b)][static_cast<std::size_t>(t)];
    }

private:
    std::vector<Pair> pairs_;
    std::vector<std::vector<std::uint8_t>> targets_;
};

}  // namespace

Pair interleaved_input_pair(const Pair& first, const Pair& second) {
    const IoStream s = interleaved_stream({first, second});
    Pair p;
    const std::size_t bits = s.inputs.size() - 1;  // the last column is the pad column
    p.a.resize(bits);
    p.b.resize(bits);
    for (std::size_t t = 0; t < bits; ++t) {
        p.a[t] = static_cast<std::uint8_t>(s.inputs[t] & 1);
        p.b[t] = static_cast<std::uint8_t>(s.inputs[t] >> 1);
    }
    return p;
}

std::unique_ptr<BatchSource> interleaved_sums_source() { return std::make_unique<InterleavedSums>(); }

double rnn_interleaved_exact(const Net& net, std::uint64_t seed, int bits, int pairs, bool quick) {
    Rng rng(derive_seed(seed, kEvalStream));
    int right = 0;
    for (int i = 0; i < pairs; ++i) {
        const Pair first = random_pair(rng, bits);
        const Pair second = random_pair(rng, bits);
        const BitVector out = net_add(net, interleaved_input_pair(first, second));
        const std::vector<std::uint8_t> want = interleaved_stream({first, second}).outputs;
        if (out.size() == want.size() && std::equal(out.begin(), out.end(), want.begin()))
            ++right;
        else if (quick)
            return 0.0;
    }
    return pairs > 0 ? static_cast<double>(right) / pairs : 0.0;
}

InterleavedConfig interleaved_quick_config() {
    InterleavedConfig c;
    c.min_hidden = 3;
    c.max_hidden = 5;
    c.needed = 2;
    c.seeds = {1, 2, 3};
    c.max_sequences = 6000;
    c.eval_pairs = 200;
    return c;
}

InterleavedSearch::InterleavedSearch(const InterleavedConfig& config) : config_(config) { start(config.min_hidden); }

void InterleavedSearch::start(int hidden) {
    hidden_ = hidden;
    SweepCell cell;
    char label[64];
    std::snprintf(label, sizeof label, "H = %d", hidden);
    cell.label = label;
    cell.train = config_.train;
    cell.train.net.hidden = hidden;
    cell.max_sequences = config_.max_sequences;
    cell.source = interleaved_sums_source;
    const int bits = config_.eval_bits, pairs = config_.eval_pairs;
    cell.solved = [bits, pairs](const Net& net) {
        return rnn_interleaved_exact(net, 1, bits, kQuickPairs, true) == 1.0 &&
               rnn_interleaved_exact(net, 2, bits, pairs, false) == 1.0;
    };
    sweep_ = std::make_unique<SeedSweep>(std::vector<SweepCell>{cell}, config_.seeds);
}

bool InterleavedSearch::step(int minibatches) {
    if (done_) return true;
    if (sweep_->step(minibatches)) {
        rows_.push_back({hidden_, sweep_->results()[0]});
        if (rows_.back().result.solved >= config_.needed || hidden_ >= config_.max_hidden)
            done_ = true;
        else
            start(hidden_ + 1);
    }
    return done_;
}

double InterleavedSearch::progress() const { return done_ ? 1.0 : sweep_->progress(); }

std::string InterleavedSearch::current_run() const { return done_ ? "" : sweep_->current_run(); }

int InterleavedSearch::hidden_needed() const {
    for (const Row& r : rows_)
        if (r.result.solved >= config_.needed) return r.hidden;
    return -1;
}

std::string interleaved_verdict(const InterleavedSearch& search) {
    if (!search.done()) return "";
    const InterleavedConfig& c = search.config();
    char buf[400];
    const int h = search.hidden_needed();
    if (h > 0) {
        const SweepResult& r = search.rows()[static_cast<std::size_t>(h - c.min_hidden)].result;
        std::snprintf(buf, sizeof buf,
                      "The RNN needs %d hidden unit%s for two interleaved sums (%d of %zu seeds solved, median %lld "
                      "sequences); the HMM needs 4 states.",
                      h, h == 1 ? "" : "s", r.solved, c.seeds.size(), r.median_sequences);
    } else {
        std::snprintf(buf, sizeof buf,
                      "Up to %d hidden units, fewer than %d of %zu seeds learned two interleaved sums within %lld "
                      "sequences; the HMM needs 4 states.",
                      c.max_hidden, c.needed, c.seeds.size(), c.max_sequences);
    }
    return buf;
}

}  // namespace carry::zoo
