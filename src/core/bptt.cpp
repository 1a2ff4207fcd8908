// bptt: forward with the activity stack, backward through time, over a minibatch.
//
// [SECTION] Batches
// [SECTION] Kernels (one lane group of L sequences; L = 8 vectorizes, L = 1 for the rest)
// [SECTION] Public forward / backward
//
// Layout: every stack is [time][unit][b] with the batch innermost. A kernel handles lanes
// b0 .. b0+L-1 with L a compile-time constant, so the `for l < L` loops are fixed-size and GCC /
// clang turn them into SIMD (SSE2 natively, SIMD128 in WebAssembly). Each lane does exactly the
// scalar operations a one-sequence loop would, in the same order, and weight gradients are kept
// per lane and summed over lanes in a fixed order at the end: results do not depend on the SIMD
// width, the compiler or the platform.
#include "core/bptt.h"

#include <stdexcept>

// x86-64 GCC builds carry a second, AVX-encoded copy of the kernels (see bptt_kernels.inl).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CARRY_AVX_KERNELS 1
#else
#define CARRY_AVX_KERNELS 0
#endif

#include "core/mathx.h"

namespace carry {

// ----------------------------------------------------------------------------------------------
// [SECTION] Batches

static void batch_resize(Batch& batch, int B, int n) {
    batch.B = B;
    batch.n = n;
    batch.T = pair_columns(n);
    const auto T = static_cast<std::size_t>(batch.T), uB = static_cast<std::size_t>(B);
    batch.x.assign(T * 2 * uB, 0.0);
    batch.target.assign(T * uB, 0.0);
    batch.h0.clear();  // the net's initial state unless the caller sets one per sequence
}

static void batch_fill_targets(Batch& batch) {
    const int B = batch.B, T = batch.T;
    for (int b = 0; b < B; ++b) {
        int carry_bit = 0;
        for (int t = 0; t < T; ++t) {
            const int v = static_cast<int>(batch.x[(t * 2 + 0) * B + b]) +
                          static_cast<int>(batch.x[(t * 2 + 1) * B + b]) + carry_bit;
            batch.target[t * B + b] = static_cast<double>(v & 1);
            carry_bit = v >> 1;
        }
    }
}

void batch_from_pairs(Batch& batch, const std::vector<Pair>& pairs) {
    if (pairs.empty()) throw std::invalid_argument("batch_from_pairs: no pairs");
    const int n = pairs[0].bits();
    for (const Pair& p : pairs)
        if (p.bits() != n || p.b.size() != p.a.size())
            throw std::invalid_argument("batch_from_pairs: pairs differ in length");
    const int B = static_cast<int>(pairs.size());
    batch_resize(batch, B, n);
    for (int b = 0; b < B; ++b)
        for (int t = 0; t < n; ++t) {
            batch.x[(t * 2 + 0) * B + b] = pairs[b].a[t];
            batch.x[(t * 2 + 1) * B + b] = pairs[b].b[t];
        }
    batch_fill_targets(batch);
}

void batch_random(Batch& batch, Rng& rng, int B, int n) {
    if (n < kMinPairBits || n > kMaxPairBits || B < 1) throw std::invalid_argument("batch_random: bad size");
    const int T = pair_columns(n);
    batch.B = B;
    batch.n = n;
    batch.T = T;
    batch.x.resize(static_cast<std::size_t>(T) * 2 * B);
    batch.target.resize(static_cast<std::size_t>(T) * B);
    batch.h0.clear();
    // Same draws, in the same order, as random_pair(rng, n) for b = 0 .. B-1; the sum bits are
    // worked out on the way (one pass over the batch instead of two).
    double* __restrict x = batch.x.data();
    double* __restrict y = batch.target.data();
    for (int b = 0; b < B; ++b) {
        unsigned carry_bit = 0;
        for (int t0 = 0; t0 < n; t0 += 32) {
            std::uint64_t word = rng.next_u64();
            const int t1 = t0 + 32 < n ? t0 + 32 : n;
            for (int t = t0; t < t1; ++t, word >>= 2) {
                const unsigned a = static_cast<unsigned>(word & 1), c = static_cast<unsigned>((word >> 1) & 1);
                x[(t * 2 + 0) * B + b] = static_cast<double>(a);
                x[(t * 2 + 1) * B + b] = static_cast<double>(c);
                const unsigned v = a + c + carry_bit;
                y[t * B + b] = static_cast<double>(v & 1);
                carry_bit = v >> 1;
            }
        }
        x[(n * 2 + 0) * B + b] = 0.0;  // the pad column: its sum bit is the final carry
        x[(n * 2 + 1) * B + b] = 0.0;
        y[n * B + b] = static_cast<double>(carry_bit);
    }
}

// A batch's inputs and targets made the task's: b dropped for a one-input task, the targets the
// bits its machine prints. The adder's own targets are already there.
static void batch_to_task(Batch& batch, const Task& task) {
    if (is_add(task)) return;
    const int B = batch.B, T = batch.T;
    const Machine& m = task.machine;
    for (int b = 0; b < B; ++b) {
        int state = m.start;
        for (int t = 0; t < T; ++t) {
            double& xb = batch.x[static_cast<std::size_t>((t * 2 + 1) * B + b)];
            if (m.inputs == 1) xb = 0.0;
            const int code =
                static_cast<int>(batch.x[static_cast<std::size_t>((t * 2 + 0) * B + b)]) + 2 * static_cast<int>(xb);
            state = m.next[static_cast<std::size_t>(state)][static_cast<std::size_t>(code)];
            batch.target[static_cast<std::size_t>(t * B + b)] = m.printed[static_cast<std::size_t>(state)];
        }
    }
}

void batch_random(Batch& batch, Rng& rng, int B, int n, const Task& task) {
    batch_random(batch, rng, B, n);
    batch_to_task(batch, task);
}

void batch_from_pairs(Batch& batch, const std::vector<Pair>& pairs, const Task& task) {
    batch_from_pairs(batch, pairs);
    batch_to_task(batch, task);
}

int targeted_columns(int T, const LossConfig& loss) { return loss.last_k > 0 && loss.last_k < T ? loss.last_k : T; }

// ----------------------------------------------------------------------------------------------
// [SECTION] Kernels

namespace {

// Shapes shared by the kernels: one lane group [b0, b0+L) of a B-wide batch.
struct Dims {
    int H, B, T, b0, first_target;  // columns t >= first_target carry a target
    double scale;                   // d(batch loss)/d(per-step CE)
    const double* h0;               // (H, B) per-sequence initial state, or nullptr: the net's
};

// The kernels' entry points, by H (see kernel_index): one table per compiled copy.
struct KernelSet {
    using Forward = void(double*, double*, double*, const ConstParamView&, const double*, const double*, const Dims&);
    using Backward = void(std::vector<double>&, double*, double*, double*, const ConstParamView&, const ParamLayout&,
                          const double*, const double*, const double*, const double*, const Dims&);
    Forward* forward_lanes[3];
    Forward* forward_units[3];
    Backward* backward_lanes[3];
    Backward* backward_units[3];
};
int kernel_index(int H) { return H == 3 ? 0 : H == 16 ? 1 : 2; }

namespace baseline {
#include "core/bptt_kernels.inl"
}  // namespace baseline

#if CARRY_AVX_KERNELS
#pragma GCC push_options
#pragma GCC target("avx")
namespace avx {
#include "core/bptt_kernels.inl"
}  // namespace avx
#pragma GCC pop_options
#endif

// The copy in use: AVX where the CPU (and OS) support it, unless the baseline is forced.
bool g_force_baseline = false;
const KernelSet& kernels() {
#if CARRY_AVX_KERNELS
    static const bool has_avx = __builtin_cpu_supports("avx");
    if (has_avx && !g_force_baseline) return avx::kKernelSet;
#endif
    return baseline::kKernelSet;
}

// Runs a kernel over the batch in groups of 8 lanes, then single lanes.
template <class F8, class F1>
void for_lane_groups(int B, F8&& f8, F1&& f1) {
    int b0 = 0;
    for (; b0 + 8 <= B; b0 += 8) f8(b0);
    for (; b0 < B; ++b0) f1(b0);
}

}  // namespace

// ----------------------------------------------------------------------------------------------
// [SECTION] Public forward / backward

static Dims make_dims(const Net& net, const Batch& batch, const LossConfig& loss) {
    Dims d{};
    d.H = net.hidden();
    d.B = batch.B;
    d.T = batch.T;
    d.b0 = 0;
    const int k = targeted_columns(batch.T, loss);
    d.first_target = batch.T - k;
    d.scale = 1.0 / batch.B;
    if (loss.average_over_steps) d.scale /= k;
    if (!batch.h0.empty() && batch.h0.size() != static_cast<std::size_t>(d.H) * d.B)
        throw std::invalid_argument("Batch::h0: expected hidden x batch values");
    d.h0 = batch.h0.empty() ? nullptr : batch.h0.data();
    return d;
}

double rnn_forward(Activities& acts, const Net& net, const Batch& batch, const LossConfig& loss) {
    Dims d = make_dims(net, batch, loss);
    acts.B = d.B;
    acts.H = d.H;
    acts.T = d.T;
    acts.h.resize(static_cast<std::size_t>(d.T + 1) * d.H * d.B);
    acts.o.resize(static_cast<std::size_t>(d.T + 2) * d.B);
    const ConstParamView p = net.view();
    const KernelSet& k = kernels();
    const int hi = kernel_index(d.H);
    double total = 0.0;
    for_lane_groups(
        d.B,
        [&](int b0) {
            Dims dl = d;
            dl.b0 = b0;
            double ll[8];
            opaque(k.forward_lanes[hi])(ll, acts.h.data(), acts.o.data(), p, batch.x.data(), batch.target.data(), dl);
            for (double v : ll) total += v;
        },
        [&](int b0) {
            Dims dl = d;
            dl.b0 = b0;
            double ll[1];
            opaque(k.forward_units[hi])(ll, acts.h.data(), acts.o.data(), p, batch.x.data(), batch.target.data(), dl);
            total += ll[0];
        });
    double per_seq = total / d.B;
    if (loss.average_over_steps) per_seq /= targeted_columns(batch.T, loss);
    return per_seq;
}

void rnn_backward(std::vector<double>& grads, const Activities& acts, const Net& net, const Batch& batch,
                  const LossConfig& loss, Deltas* deltas) {
    const Dims d = make_dims(net, batch, loss);
    const ParamLayout lay = param_layout(d.H);
    if (grads.size() != lay.total) grads.assign(lay.total, 0.0);
    // The per-step derivative stacks, only when the caller asks for them.
    double *d_out = nullptr, *d_h = nullptr, *d_zh = nullptr;
    if (deltas) {
        deltas->d_out.assign(static_cast<std::size_t>(d.T + 2) * d.B, 0.0);  // 0 where no target
        deltas->d_h.assign(static_cast<std::size_t>(d.T + 1) * d.H * d.B, 0.0);
        deltas->d_zh.assign(static_cast<std::size_t>(d.T + 1) * d.H * d.B, 0.0);  // row s = 0 stays 0
        d_out = deltas->d_out.data();
        d_h = deltas->d_h.data();
        d_zh = deltas->d_zh.data();
    }
    const ConstParamView p = net.view();
    const KernelSet& k = kernels();
    const int hi = kernel_index(d.H);
    for_lane_groups(
        d.B,
        [&](int b0) {
            Dims dl = d;
            dl.b0 = b0;
            opaque(k.backward_lanes[hi])(grads, d_out, d_h, d_zh, p, lay, acts.h.data(), acts.o.data(), batch.x.data(),
                                         batch.target.data(), dl);
        },
        [&](int b0) {
            Dims dl = d;
            dl.b0 = b0;
            opaque(k.backward_units[hi])(grads, d_out, d_h, d_zh, p, lay, acts.h.data(), acts.o.data(), batch.x.data(),
                                         batch.target.data(), dl);
        });
}

void zero_grad(std::vector<double>& grads) { std::fill(grads.begin(), grads.end(), 0.0); }

const char* kernel_isa() { return &kernels() == &baseline::kKernelSet ? "baseline" : "avx"; }
void force_baseline_kernels(bool on) { g_force_baseline = on; }

}  // namespace carry
