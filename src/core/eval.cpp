// eval: exact-sum and bit accuracy over random pairs, and the length-generalization curve.
//
// A forward-only kernel over lane groups (like bptt.cpp, batch innermost) that keeps just the
// current hidden state, so 4096-bit sums cost no memory beyond the inputs. Pairs are drawn in
// the same order as random_pair(rng, bits), one after another.
#include "core/eval.h"

#include <stdexcept>

#include "core/bptt.h"
#include "core/mathx.h"

namespace carry {

namespace {

// Runs lanes [0, L) of a batch of width L; per lane: right bits and whether all were right.
template <int L>
void eval_lanes(int* exact, long long* right_bits, const ConstParamView& p, int H, const Batch& batch) {
    const int T = batch.T;
    double h[kMaxHidden * L], hn[kMaxHidden * L];
    long long right[L];
    for (int i = 0; i < H; ++i)
        for (int l = 0; l < L; ++l) h[i * L + l] = p.h0[i];
    for (int l = 0; l < L; ++l) right[l] = 0;
    for (int s = 0; s <= T; ++s) {
        const int t_col = s + 1 - kOutputDelay;
        if (t_col >= 0) {
            double zo[L];
            for (int l = 0; l < L; ++l) zo[l] = *p.b_out;
            for (int j = 0; j < H; ++j)
                for (int l = 0; l < L; ++l) zo[l] += p.w_out[j] * h[j * L + l];
            const double* y = batch.target.data() + static_cast<std::size_t>(t_col) * L;
            for (int l = 0; l < L; ++l) {
                const double guess = sigmoid(zo[l]) >= 0.5 ? 1.0 : 0.0;  // as net_add reads it
                right[l] += guess == y[l] ? 1 : 0;
            }
        }
        if (s == T) break;
        const double* xa = batch.x.data() + static_cast<std::size_t>(s) * 2 * L;
        const double* xb = xa + L;
        for (int i = 0; i < H; ++i) {
            double z[L];
            const double wa = p.w_in[i * 2], wb = p.w_in[i * 2 + 1];
            for (int l = 0; l < L; ++l) z[l] = p.b_hid[i] + wa * xa[l] + wb * xb[l];
            const double* wr = p.w_rec + i * H;
            for (int j = 0; j < H; ++j)
                for (int l = 0; l < L; ++l) z[l] += wr[j] * h[j * L + l];
            for (int l = 0; l < L; ++l) hn[i * L + l] = sigmoid(z[l]);
        }
        for (int k = 0; k < H * L; ++k) h[k] = hn[k];
    }
    for (int l = 0; l < L; ++l) {
        right_bits[l] = right[l];
        exact[l] = right[l] == T ? 1 : 0;
    }
}

// Evaluates `count` pairs; stops after the first wrong pair when stop_at_error.
EvalResult run_eval(const Net& net, int bits, int count, Rng& rng, bool stop_at_error) {
    if (bits < kMinPairBits || bits > kMaxPairBits) throw std::invalid_argument("evaluate: bits out of range");
    EvalResult r;
    r.bits = bits;
    const ConstParamView p = net.view();
    const int H = net.hidden();
    thread_local Batch batch;
    long long right_total = 0;
    int done = 0;
    while (done < count) {
        const int L = count - done >= 8 ? 8 : 1;
        batch_random(batch, rng, L, bits);
        int exact[8];
        long long right[8];
        if (L == 8)
            eval_lanes<8>(exact, right, p, H, batch);
        else
            eval_lanes<1>(exact, right, p, H, batch);
        for (int l = 0; l < L; ++l) {
            r.exact_correct += exact[l];
            right_total += right[l];
        }
        done += L;
        if (stop_at_error && r.exact_correct != done) break;
    }
    r.count = done;
    r.exact_accuracy = done ? static_cast<double>(r.exact_correct) / done : 0.0;
    r.bit_accuracy = done ? static_cast<double>(right_total) / (static_cast<double>(done) * pair_columns(bits)) : 0.0;
    return r;
}

}  // namespace

EvalResult evaluate(const Net& net, int bits, int count, Rng& rng) { return run_eval(net, bits, count, rng, false); }

EvalResult evaluate(const Net& net, int bits, int count, std::uint64_t seed) {
    Rng rng(seed);
    return evaluate(net, bits, count, rng);
}

bool all_exact(const Net& net, int bits, int count, Rng& rng) {
    const EvalResult r = run_eval(net, bits, count, rng, true);
    return r.exact_correct == count;
}

std::vector<int> default_curve_lengths() {
    std::vector<int> v;
    for (int n = 8; n <= kMaxPairBits; n *= 2) v.push_back(n);
    return v;
}

std::vector<EvalResult> length_curve(const Net& net, const std::vector<int>& lengths, int count,
                                     std::uint64_t seed) {
    std::vector<EvalResult> out;
    for (int n : lengths) out.push_back(evaluate(net, n, count, seed));
    return out;
}

}  // namespace carry
