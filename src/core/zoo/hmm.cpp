// zoo/hmm.cpp: the input-output HMM, its EM fit and the log N bits experiment (see hmm.h).
#include "core/zoo/hmm.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "core/mathx.h"

namespace carry::zoo {

namespace {

constexpr int U = kHmmSymbols;

void check_states(int states) {
    if (states < kHmmMinStates || states > kHmmMaxStates) throw std::invalid_argument("hmm: states out of range");
}

std::size_t idx(int a, int b, int c, int inner) { return static_cast<std::size_t>((a * U + b) * inner + c); }

// Normalizes `row[0..n)` to sum 1; returns false (row untouched) when its sum is not positive.
bool normalize(double* row, int n) {
    double sum = 0.0;
    for (int k = 0; k < n; ++k) sum += row[k];
    if (!(sum > 0.0)) return false;
    for (int k = 0; k < n; ++k) row[k] /= sum;
    return true;
}

// The pair widened with leading zeros (at the MSB end) to `bits` bits: the same sum, longer.
Pair widen(const Pair& p, int bits) {
    Pair w = p;
    w.a.resize(static_cast<std::size_t>(bits), 0);
    w.b.resize(static_cast<std::size_t>(bits), 0);
    return w;
}

}  // namespace

// ---- streams

IoStream addition_stream(const Pair& p) {
    const BitVector sum = true_sum(p);
    const int T = pair_columns(p.bits());
    IoStream s;
    s.inputs.resize(static_cast<std::size_t>(T));
    s.outputs.resize(static_cast<std::size_t>(T));
    for (int t = 0; t < T; ++t) {
        s.inputs[static_cast<std::size_t>(t)] =
            static_cast<std::uint8_t>(column_symbol(column_a(p, t), column_b(p, t)));
        s.outputs[static_cast<std::size_t>(t)] = sum[static_cast<std::size_t>(t)];
    }
    return s;
}

IoStream interleaved_stream(const std::vector<Pair>& pairs) {
    if (pairs.empty()) throw std::invalid_argument("interleaved_stream: no pairs");
    int bits = 0;
    for (const Pair& p : pairs) bits = std::max(bits, p.bits());
    const std::size_t k = pairs.size();
    const auto T = static_cast<std::size_t>(pair_columns(bits));
    IoStream s;
    s.inputs.resize(T * k);
    s.outputs.resize(T * k);
    for (std::size_t i = 0; i < k; ++i) {
        const IoStream one = addition_stream(widen(pairs[i], bits));
        for (std::size_t t = 0; t < T; ++t) {
            s.inputs[t * k + i] = one.inputs[t];
            s.outputs[t * k + i] = one.outputs[t];
        }
    }
    return s;
}

BitVector deinterleave(const std::vector<std::uint8_t>& outputs, int k, int i) {
    BitVector bits;
    for (std::size_t t = static_cast<std::size_t>(i); t < outputs.size(); t += static_cast<std::size_t>(k))
        bits.push_back(outputs[t]);
    return bits;
}

// ---- tables

std::size_t hmm_free_params(int states) {
    check_states(states);
    const auto n = static_cast<std::size_t>(states);
    return (n - 1) + n * U * (n - 1) + n * U * (kHmmOutputs - 1);
}

HmmParams hmm_random_params(int states, Rng& rng, double spread) {
    check_states(states);
    HmmParams p;
    p.states = states;
    const auto n = static_cast<std::size_t>(states);
    p.initial.resize(n);
    p.transition.resize(n * U * n);
    p.emission.resize(n * U * kHmmOutputs);
    auto fill = [&](std::vector<double>& table, int row) {
        for (double& v : table) v = det_exp(spread * rng.normal());
        for (std::size_t r = 0; r < table.size(); r += static_cast<std::size_t>(row)) normalize(&table[r], row);
    };
    fill(p.initial, states);
    fill(p.transition, states);
    fill(p.emission, kHmmOutputs);
    return p;
}

HmmParams hand_built_hmm_params(int states, int interleaved_sums) {
    check_states(states);
    const int k = interleaved_sums;
    if (k < 1 || k > 4) throw std::invalid_argument("hand_built_hmm_params: 1..4 interleaved sums");
    // The queue holds as many carries as fit: q with 2^q <= states, q <= k. Carries of the sums
    // beyond the first q in the queue are forgotten (taken as 0).
    int q = 0;
    while (q < k && (2 << q) <= states) ++q;
    HmmParams p;
    p.states = states;
    const auto n = static_cast<std::size_t>(states);
    p.initial.assign(n, 0.0);
    p.initial[0] = 1.0;  // no carries before column 0
    p.transition.assign(n * U * n, 0.0);
    p.emission.assign(n * U * kHmmOutputs, 0.0);
    const int used = 1 << q;  // states 0 .. used-1 code the queue
    for (int s = 0; s < states; ++s) {
        const int code = s < used ? s : 0;  // unreachable states copy state 0
        for (int u = 0; u < U; ++u) {
            const int a = u & 1, b = u >> 1;
            // The queue as a k-slot shift register: slot j of state `code` is bit j for j < q.
            // Slot 0 belongs to the sum whose column this is; after it, slot j moves to j-1 and
            // the new carry goes to slot k-1, which exists in the code only when k-1 < q.
            const int c = (q > 0) ? (code & 1) : 0;
            const int y = a ^ b ^ c;
            const int carry_out = (a + b + c) >> 1;
            int next = code >> 1;
            if (k - 1 < q) next |= carry_out << (k - 1);
            p.emission[idx(s, u, y, kHmmOutputs)] = 1.0;
            p.transition[idx(s, u, next, states)] = 1.0;
        }
    }
    return p;
}

// ---- inference

double hmm_forward_backward(const HmmParams& params, const IoStream& stream, HmmCounts* counts) {
    const int N = params.states;
    const std::size_t T = stream.inputs.size();
    if (T == 0) return 0.0;
    const auto n = static_cast<std::size_t>(N);
    // alpha (T, N): P(h_t | y_0..y_t, u_0..u_t), scaled so each row sums to 1; scale[t] = that sum.
    std::vector<double> alpha(T * n), scale(T);
    double log_likelihood = 0.0;
    const double* E = params.emission.data();
    const double* A = params.transition.data();
    for (std::size_t t = 0; t < T; ++t) {
        const int u = stream.inputs[t], y = stream.outputs[t];
        double* at = &alpha[t * n];
        if (t == 0) {
            for (int i = 0; i < N; ++i) at[i] = params.initial[static_cast<std::size_t>(i)];
        } else {
            const double* prev = &alpha[(t - 1) * n];
            const int up = stream.inputs[t - 1];
            for (int j = 0; j < N; ++j) at[j] = 0.0;
            for (int i = 0; i < N; ++i) {
                const double w = prev[i];
                if (w == 0.0) continue;
                const double* row = A + idx(i, up, 0, N);
                for (int j = 0; j < N; ++j) at[j] += w * row[j];
            }
        }
        double sum = 0.0;
        for (int i = 0; i < N; ++i) {
            at[i] *= E[idx(i, u, y, kHmmOutputs)];
            sum += at[i];
        }
        if (!(sum > 0.0)) return -std::numeric_limits<double>::infinity();
        scale[t] = sum;
        for (int i = 0; i < N; ++i) at[i] /= sum;
        log_likelihood += det_log(sum);
    }
    if (counts == nullptr) return log_likelihood;

    // beta (N) for step t: P(y_{t+1}.. | h_t, ..) / (scale[t+1] .. scale[T-1]).
    std::vector<double> beta(n, 1.0), beta_prev(n), next(n);
    for (std::size_t t = T; t-- > 0;) {
        const int u = stream.inputs[t], y = stream.outputs[t];
        const double* at = &alpha[t * n];
        // gamma_t(i) = alpha_t(i) beta_t(i): the posterior of h_t.
        for (int i = 0; i < N; ++i) {
            const double g = at[i] * beta[static_cast<std::size_t>(i)];
            counts->emission[idx(i, u, y, kHmmOutputs)] += g;
            if (t == 0) counts->initial[static_cast<std::size_t>(i)] += g;
        }
        if (t == 0) break;
        // xi_{t-1}(i, j) = alpha_{t-1}(i) A[i][u_{t-1}][j] E[j][u_t][y_t] beta_t(j) / scale[t].
        const int up = stream.inputs[t - 1];
        const double* ap = &alpha[(t - 1) * n];
        for (int j = 0; j < N; ++j)
            next[static_cast<std::size_t>(j)] =
                E[idx(j, u, y, kHmmOutputs)] * beta[static_cast<std::size_t>(j)] / scale[t];
        for (int i = 0; i < N; ++i) {
            const double* row = A + idx(i, up, 0, N);
            double* crow = counts->transition.data() + idx(i, up, 0, N);
            double b = 0.0;
            for (int j = 0; j < N; ++j) {
                const double m = row[j] * next[static_cast<std::size_t>(j)];
                b += m;
                crow[j] += ap[i] * m;
            }
            beta_prev[static_cast<std::size_t>(i)] = b;
        }
        beta.swap(beta_prev);
    }
    return log_likelihood;
}

double hmm_log_likelihood(const HmmParams& params, const std::vector<IoStream>& streams) {
    double total = 0.0;
    for (const IoStream& s : streams) total += hmm_forward_backward(params, s, nullptr);
    return total;
}

HmmCounts hmm_zero_counts(const HmmParams& params) {
    HmmCounts counts;
    counts.initial.assign(params.initial.size(), 0.0);
    counts.transition.assign(params.transition.size(), 0.0);
    counts.emission.assign(params.emission.size(), 0.0);
    return counts;
}

void hmm_m_step(HmmParams& params, HmmCounts& counts) {
    const int N = params.states;
    // Each row to its normalized expected counts; a row never visited keeps its values.
    if (normalize(counts.initial.data(), N)) params.initial = counts.initial;
    for (std::size_t r = 0; r < counts.transition.size(); r += static_cast<std::size_t>(N))
        if (normalize(&counts.transition[r], N)) std::copy_n(&counts.transition[r], N, &params.transition[r]);
    for (std::size_t r = 0; r < counts.emission.size(); r += kHmmOutputs)
        if (normalize(&counts.emission[r], kHmmOutputs))
            std::copy_n(&counts.emission[r], kHmmOutputs, &params.emission[r]);
}

double hmm_em_step(HmmParams& params, const std::vector<IoStream>& streams) {
    HmmCounts counts = hmm_zero_counts(params);
    double total = 0.0;
    for (const IoStream& s : streams) total += hmm_forward_backward(params, s, &counts);
    hmm_m_step(params, counts);
    return total;
}

std::vector<double> hmm_predictive_one(const HmmParams& params, const std::vector<std::uint8_t>& inputs) {
    const int N = params.states;
    std::vector<double> belief(params.initial), next(belief.size());
    std::vector<double> p_one(inputs.size());
    for (std::size_t t = 0; t < inputs.size(); ++t) {
        const int u = inputs[t];
        double p = 0.0;
        for (int i = 0; i < N; ++i)
            p += belief[static_cast<std::size_t>(i)] * params.emission[idx(i, u, 1, kHmmOutputs)];
        p_one[t] = p;
        std::fill(next.begin(), next.end(), 0.0);
        for (int i = 0; i < N; ++i) {
            const double w = belief[static_cast<std::size_t>(i)];
            if (w == 0.0) continue;
            const double* row = params.transition.data() + idx(i, u, 0, N);
            for (int j = 0; j < N; ++j) next[static_cast<std::size_t>(j)] += w * row[j];
        }
        // Renormalized so rounding cannot drift the total over 256+ steps.
        if (!normalize(next.data(), N)) next = params.initial;
        belief.swap(next);
    }
    return p_one;
}

std::vector<std::uint8_t> hmm_predict(const HmmParams& params, const std::vector<std::uint8_t>& inputs) {
    const std::vector<double> p_one = hmm_predictive_one(params, inputs);
    std::vector<std::uint8_t> bits(p_one.size());
    for (std::size_t t = 0; t < p_one.size(); ++t) bits[t] = p_one[t] > 0.5 ? 1 : 0;
    return bits;
}

std::vector<IoStream> interleaved_witness_streams() {
    std::vector<IoStream> streams;
    for (int w = 0; w < 4; ++w) {
        const int ca = w & 1, cb = w >> 1;
        IoStream s;
        s.inputs = {static_cast<std::uint8_t>(column_symbol(ca, ca)), static_cast<std::uint8_t>(column_symbol(cb, cb)),
                    static_cast<std::uint8_t>(column_symbol(0, 1)), static_cast<std::uint8_t>(column_symbol(0, 1))};
        s.outputs = {0, 0, static_cast<std::uint8_t>(1 - ca), static_cast<std::uint8_t>(1 - cb)};
        streams.push_back(s);
    }
    return streams;
}

int hmm_interleaved_witness(const HmmParams& params) {
    const std::vector<IoStream> streams = interleaved_witness_streams();
    for (std::size_t w = 0; w < streams.size(); ++w)
        if (hmm_predict(params, streams[w].inputs) != streams[w].outputs) return static_cast<int>(w);
    return -1;
}

// ---- the zoo models

namespace {

// A pair's companion in the interleaved experiment: same width, bits from a seed hashed from the
// pair (FNV-1a), so add() is a function of the pair alone and the two carries are unrelated.
Pair companion_pair(const Pair& p) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (std::size_t t = 0; t < p.a.size(); ++t) {
        h = (h ^ static_cast<std::uint64_t>(p.a[t] + 2 * p.b[t] + 4)) * 0x100000001b3ULL;
    }
    Rng rng(derive_seed(h, 0x1e7e));
    return random_pair(rng, p.bits());
}

BitVector add_with(const HmmParams& params, const Pair& p, bool interleaved) {
    if (!interleaved) return hmm_predict(params, addition_stream(p).inputs);
    return deinterleave(hmm_predict(params, interleaved_stream({p, companion_pair(p)}).inputs), 2, 0);
}

std::string hmm_reason(int states, bool interleaved) {
    if (!interleaved) {
        if (states == 1)
            return "One state holds no bits about the past (log2 1 = 0), so it cannot know the carry: it "
                   "can only print a XOR b.";
        return "Its state can be the carry: with N >= 2 states it holds log2 N >= 1 bit about the past, "
               "which is all addition needs, so a discrete-state model can add numbers of any length.";
    }
    if (states < 4)
        return "Two interleaved sums need two carries at once, 2 bits about the past: with fewer than 4 "
               "states (log2 N < 2 bits) no tables can hold both.";
    return "Two interleaved sums need two carries at once, 2 bits: 4 states hold them, but k sums need "
           "2^k states where a recurrent net needs only about k more hidden units.";
}

class HmmModel : public Model {
public:
    const HmmParams& tables() const { return best_; }
    const HmmFitReport& report() const { return report_; }

protected:
    HmmParams best_;
    HmmFitReport report_;
};

class TrainedHmm final : public HmmModel {
public:
    TrainedHmm(const ZooData& data, const HmmConfig& config) : config_(config) {
        check_states(config.states);
        if (config.em_iterations < 0 || config.restarts < 1 || config.work_per_slice < 1 || !(config.tolerance >= 0.0))
            throw std::invalid_argument("hmm: bad training settings");
        if (config.interleaved) {
            for (std::size_t m = 0; m + 1 < data.train.size(); m += 2)
                streams_.push_back(interleaved_stream({data.train[m], data.train[m + 1]}));
        } else {
            for (const Pair& p : data.train) streams_.push_back(addition_stream(p));
        }
        for (const IoStream& s : streams_) report_.columns += static_cast<long long>(s.inputs.size());
        if (streams_.empty()) throw std::invalid_argument("hmm: no training streams");
        start_restart();
        best_ = current_;  // until a restart finishes, add with the first start
    }

    std::string name() const override { return "HMM"; }
    std::size_t params() const override { return hmm_free_params(config_.states); }

    // EM a slice at a time: the E-step runs over as many streams as the slice allows (about
    // len x (N^2 + 32) units per stream: the N x N state updates and a fixed part, the scales and
    // their logs; a unit is ~2 ns natively), so even N = 16 keeps a call to a few ms. When a pass
    // ends, its log-likelihood is that of the current tables: keep them if EM has stalled or used
    // its iterations, else take the M-step.
    bool train_some() override {
        const long long per_column = config_.states * config_.states + 32;
        long long work = 0;
        while (!done_ && (work == 0 || work < config_.work_per_slice)) {
            const IoStream& s = streams_[next_stream_];
            pass_ll_ += hmm_forward_backward(current_, s, &counts_);
            work += static_cast<long long>(s.inputs.size()) * per_column;
            if (++next_stream_ < streams_.size()) continue;
            end_pass();
        }
        return done_;
    }

    double progress() const override {
        if (done_) return 1.0;
        const double passes = config_.em_iterations + 1.0;
        const double within =
            (static_cast<double>(m_steps_) + static_cast<double>(next_stream_) / static_cast<double>(streams_.size())) /
            passes;
        return (static_cast<double>(restart_) + within) / config_.restarts;
    }

    std::optional<BitVector> add(const Pair& p) const override { return add_with(best_, p, config_.interleaved); }
    std::string reason() const override { return hmm_reason(config_.states, config_.interleaved); }

private:
    void start_restart() {
        Rng rng(derive_seed(config_.seed, static_cast<std::uint64_t>(restart_)));
        current_ = hmm_random_params(config_.states, rng, config_.init_spread);
        m_steps_ = 0;
        report_.log_likelihood.emplace_back();
        start_pass();
    }

    void start_pass() {
        counts_ = hmm_zero_counts(current_);
        pass_ll_ = 0.0;
        next_stream_ = 0;
    }

    void end_pass() {
        auto& history = report_.log_likelihood.back();
        const double ll = pass_ll_;
        const bool stalled = !history.empty() && ll - history.back() <= config_.tolerance * -ll;
        history.push_back(ll);
        if (!stalled && m_steps_ < config_.em_iterations) {
            hmm_m_step(current_, counts_);
            ++m_steps_;
            start_pass();
            return;
        }
        report_.final_log_likelihood.push_back(ll);
        if (report_.best_restart < 0 || ll > report_.best_log_likelihood) {
            report_.best_restart = restart_;
            report_.best_log_likelihood = ll;
            best_ = current_;
        }
        if (++restart_ >= config_.restarts)
            done_ = true;
        else
            start_restart();
    }

    HmmConfig config_;
    std::vector<IoStream> streams_;
    HmmParams current_;     // the restart's tables
    HmmCounts counts_;      // the current E-step pass: expected counts so far
    double pass_ll_ = 0.0;  // and log-likelihood so far
    std::size_t next_stream_ = 0;
    int restart_ = 0, m_steps_ = 0;
    bool done_ = false;
};

class HandBuiltHmm final : public HmmModel {
public:
    HandBuiltHmm(int states, bool interleaved) : interleaved_(interleaved) {
        best_ = hand_built_hmm_params(states, interleaved ? 2 : 1);
    }
    std::string name() const override { return "HMM"; }
    std::size_t params() const override { return hmm_free_params(best_.states); }
    bool train_some() override { return true; }
    double progress() const override { return 1.0; }
    std::optional<BitVector> add(const Pair& p) const override { return add_with(best_, p, interleaved_); }
    std::string reason() const override { return hmm_reason(best_.states, interleaved_); }

private:
    bool interleaved_;
};

}  // namespace

std::unique_ptr<Model> make_hmm(const ZooData& data, const HmmConfig& config) {
    return std::make_unique<TrainedHmm>(data, config);
}

std::unique_ptr<Model> make_hand_built_hmm(int states, bool interleaved) {
    return std::make_unique<HandBuiltHmm>(states, interleaved);
}

const HmmParams* hmm_params_of(const Model& model) {
    const auto* m = dynamic_cast<const HmmModel*>(&model);
    return m != nullptr ? &m->tables() : nullptr;
}

const HmmFitReport* hmm_fit_report(const Model& model) {
    const auto* m = dynamic_cast<const HmmModel*>(&model);
    return m != nullptr ? &m->report() : nullptr;
}

std::string log_n_bits_explanation() {
    return "A hidden Markov model's state is one of N, so it holds only log2 N bits about the past. "
           "Adding needs one bit, the carry: N = 2 is enough. Two additions interleaved column by "
           "column need two carries at once, so N >= 4 (no 2-state model can do it), and k "
           "interleaved additions need 2^k states, while a recurrent net, whose hidden units hold "
           "one bit each, needs only about k more units.";
}

}  // namespace carry::zoo
