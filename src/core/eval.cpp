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

// Runs the L = NV * width lanes of a batch of width L; per lane: right bits and all-right.
template <class V, int NV>
[[gnu::noinline]] void eval_lanes(int* exact, long long* right_bits, const ConstParamView& p, int H,
                                  const Batch& batch) {
    using LT = Lanes<V>;
    constexpr int W = LT::width, L = NV * W;
    const int T = batch.T;
    V h[kMaxHidden][NV], hn[kMaxHidden][NV];
    long long right[L];
    for (int i = 0; i < H; ++i)
        for (int v = 0; v < NV; ++v) h[i][v] = LT::splat(p.h0[i]);
    for (int l = 0; l < L; ++l) right[l] = 0;
    for (int s = 0; s <= T; ++s) {
        const int t_col = s + 1 - kOutputDelay;
        if (t_col >= 0) {
            const double* y = batch.target.data() + static_cast<std::size_t>(t_col) * L;
            V zo[NV];
            for (int v = 0; v < NV; ++v) {
                zo[v] = LT::splat(*p.b_out);
                for (int j = 0; j < H; ++j) zo[v] += LT::splat(p.w_out[j]) * h[j][v];
            }
            sigmoid_n<V, NV>(zo);
            for (int v = 0; v < NV; ++v) {
                double o[W];
                LT::store(o, zo[v]);  // read as net_add reads it: o >= 0.5
                for (int w = 0; w < W; ++w) right[v * W + w] += (o[w] >= 0.5 ? 1.0 : 0.0) == y[v * W + w] ? 1 : 0;
            }
        }
        if (s == T) break;
        const double* xa = batch.x.data() + static_cast<std::size_t>(s) * 2 * L;
        const double* xb = xa + L;
        for (int i = 0; i < H; ++i) {
            const V wa = LT::splat(p.w_in[i * 2]), wb = LT::splat(p.w_in[i * 2 + 1]), bi = LT::splat(p.b_hid[i]);
            V z[NV];
            for (int v = 0; v < NV; ++v) z[v] = bi + wa * LT::load(xa + v * W) + wb * LT::load(xb + v * W);
            const double* wr = p.w_rec + i * H;
            for (int j = 0; j < H; ++j) {
                const V w = LT::splat(wr[j]);
                for (int v = 0; v < NV; ++v) z[v] += w * h[j][v];
            }
            sigmoid_n<V, NV>(z);
            for (int v = 0; v < NV; ++v) hn[i][v] = z[v];
        }
        for (int i = 0; i < H; ++i)
            for (int v = 0; v < NV; ++v) h[i][v] = hn[i][v];
    }
    for (int l = 0; l < L; ++l) {
        right_bits[l] = right[l];
        exact[l] = right[l] == T ? 1 : 0;
    }
}

// Evaluates `count` pairs; stops after the first wrong pair when stop_at_error.
EvalResult run_eval(const Net& net, int bits, int count, Rng& rng, bool stop_at_error, const Task& task) {
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
        batch_random(batch, rng, L, bits, task);
        int exact[8];
        long long right[8];
        if (L == 8)
            opaque (&eval_lanes<f64x2, 4>)(exact, right, p, H, batch);
        else
            opaque (&eval_lanes<double, 1>)(exact, right, p, H, batch);
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

EvalResult evaluate(const Net& net, int bits, int count, Rng& rng, const Task& task) {
    return run_eval(net, bits, count, rng, false, task);
}

EvalResult evaluate(const Net& net, int bits, int count, std::uint64_t seed, const Task& task) {
    Rng rng(seed);
    return evaluate(net, bits, count, rng, task);
}

bool all_exact(const Net& net, int bits, int count, Rng& rng, const Task& task) {
    const EvalResult r = run_eval(net, bits, count, rng, true, task);
    return r.exact_correct == count;
}

std::vector<int> default_curve_lengths() {
    std::vector<int> v;
    for (int n = 8; n <= kMaxPairBits; n *= 2) v.push_back(n);
    return v;
}

std::vector<EvalResult> length_curve(const Net& net, const std::vector<int>& lengths, int count, std::uint64_t seed,
                                     const Task& task) {
    std::vector<EvalResult> out;
    for (int n : lengths) out.push_back(evaluate(net, n, count, seed, task));
    return out;
}

}  // namespace carry
