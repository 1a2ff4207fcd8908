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
}

static void batch_fill_targets(Batch& batch) {
    const int B = batch.B, T = batch.T;
    for (int b = 0; b < B; ++b) {
        int carry_bit = 0;
        for (int t = 0; t < T; ++t) {
            const int v = static_cast<int>(batch.x[(t * 2 + 0) * B + b]) + static_cast<int>(batch.x[(t * 2 + 1) * B + b]) + carry_bit;
            batch.target[t * B + b] = static_cast<double>(v & 1);
            carry_bit = v >> 1;
        }
    }
}

void batch_from_pairs(Batch& batch, const std::vector<Pair>& pairs) {
    if (pairs.empty()) throw std::invalid_argument("batch_from_pairs: no pairs");
    const int n = pairs[0].bits();
    for (const Pair& p : pairs)
        if (p.bits() != n || p.b.size() != p.a.size()) throw std::invalid_argument("batch_from_pairs: pairs differ in length");
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
    // Same draws, in the same order, as random_pair(rng, n) for b = 0 .. B-1.
    for (int b = 0; b < B; ++b) {
        std::uint64_t word = 0;
        int left = 0;
        for (int t = 0; t < n; ++t) {
            if (left == 0) {
                word = rng.next_u64();
                left = 32;
            }
            batch.x[(t * 2 + 0) * B + b] = static_cast<double>(word & 1);
            batch.x[(t * 2 + 1) * B + b] = static_cast<double>((word >> 1) & 1);
            word >>= 2;
            --left;
        }
        batch.x[(n * 2 + 0) * B + b] = 0.0;  // the pad column
        batch.x[(n * 2 + 1) * B + b] = 0.0;
    }
    batch_fill_targets(batch);
}

int targeted_columns(int T, const LossConfig& loss) {
    return loss.last_k > 0 && loss.last_k < T ? loss.last_k : T;
}

// ----------------------------------------------------------------------------------------------
// [SECTION] Kernels

namespace {

// Shapes shared by the kernels: one lane group [b0, b0+L) of a B-wide batch.
struct Dims {
    int H, B, T, b0, first_target;  // columns t >= first_target carry a target
    double scale;                   // d(batch loss)/d(per-step CE)
};

// Forward over lanes [b0, b0+L): h(1..T), o(1..T+1), and per-lane summed CE into loss_lane.
template <int L>
void forward_lanes(double* loss_lane, double* h_stack, double* o_stack, const ConstParamView& p,
                   const double* x, const double* target, const Dims& d) {
    const int H = d.H, B = d.B, T = d.T;
    // Row 0: the initial state, the same for every lane.
    for (int i = 0; i < H; ++i)
        for (int l = 0; l < L; ++l) h_stack[i * B + d.b0 + l] = p.h0[i];
    for (int l = 0; l < L; ++l) o_stack[d.b0 + l] = *p.o0;

    double prod[L], loss[L];
    for (int l = 0; l < L; ++l) prod[l] = 1.0, loss[l] = 0.0;
    int in_prod = 0;

    for (int s = 0; s <= T; ++s) {
        const double* h = h_stack + static_cast<std::size_t>(s) * H * B + d.b0;
        // o(s+1) = sigmoid(w_out . h(s) + b_out)
        double zo[L];
        for (int l = 0; l < L; ++l) zo[l] = *p.b_out;
        for (int j = 0; j < H; ++j)
            for (int l = 0; l < L; ++l) zo[l] += p.w_out[j] * h[j * B + l];
        double* o = o_stack + static_cast<std::size_t>(s + 1) * B + d.b0;
        const int t_col = s + 1 - kOutputDelay;  // the column whose sum bit o(s+1) should be
        if (t_col >= d.first_target) {
            const double* y = target + static_cast<std::size_t>(t_col) * B + d.b0;
            for (int l = 0; l < L; ++l) {
                const double e = det_exp(-zo[l]);
                const double ol = 1.0 / (1.0 + e);
                o[l] = ol;
                // Probability of the right bit, from the logit so that 1-o keeps its precision;
                // CE = -log of the product, taken every 8 steps (one log instead of eight).
                double pc = ol * (y[l] + (1.0 - y[l]) * e);
                pc = pc < 1e-30 ? 1e-30 : pc;
                prod[l] *= pc;
            }
            if (++in_prod == 8) {
                for (int l = 0; l < L; ++l) loss[l] -= det_log(prod[l]), prod[l] = 1.0;
                in_prod = 0;
            }
        } else {
            for (int l = 0; l < L; ++l) o[l] = sigmoid(zo[l]);
        }
        if (s == T) break;
        // h(s+1) = sigmoid(W_in x(s) + W_rec h(s) + b_hid)
        const double* xa = x + static_cast<std::size_t>(s) * 2 * B + d.b0;
        const double* xb = xa + B;
        double* hn = h_stack + static_cast<std::size_t>(s + 1) * H * B + d.b0;
        for (int i = 0; i < H; ++i) {
            double z[L];
            const double wa = p.w_in[i * 2], wb = p.w_in[i * 2 + 1];
            for (int l = 0; l < L; ++l) z[l] = p.b_hid[i] + wa * xa[l] + wb * xb[l];
            const double* wr = p.w_rec + i * H;
            for (int j = 0; j < H; ++j)
                for (int l = 0; l < L; ++l) z[l] += wr[j] * h[j * B + l];
            for (int l = 0; l < L; ++l) hn[i * B + l] = sigmoid(z[l]);
        }
    }
    if (in_prod > 0)
        for (int l = 0; l < L; ++l) loss[l] -= det_log(prod[l]);
    for (int l = 0; l < L; ++l) loss_lane[l] = loss[l];
}

// Backward over lanes [b0, b0+L). g: per-lane gradient accumulators (P, L), zeroed by the caller.
// dh, dh_prev, dz: scratch (H, L).
template <int L>
void backward_lanes(double* g, double* dh, double* dh_prev, double* dz, const ConstParamView& p,
                    const ParamLayout& lay, const double* h_stack, const double* o_stack,
                    const double* x, const double* target, const Dims& d, Deltas* deltas) {
    const int H = d.H, B = d.B, T = d.T;
    double* g_w_in = g + lay.w_in * L;
    double* g_w_rec = g + lay.w_rec * L;
    double* g_b_hid = g + lay.b_hid * L;
    double* g_w_out = g + lay.w_out * L;
    double* g_b_out = g + lay.b_out * L;
    double* g_h0 = g + lay.h0 * L;
    for (int k = 0; k < H * L; ++k) dh[k] = 0.0;  // h(T) feeds nothing but o(T+1)

    for (int s = T; s >= 0; --s) {
        const double* h = h_stack + static_cast<std::size_t>(s) * H * B + d.b0;
        // The output o(s+1), driven by h(s): its error derivative (cross-entropy + logistic: o - y).
        const int t_col = s + 1 - kOutputDelay;
        if (t_col >= d.first_target) {
            const double* o = o_stack + static_cast<std::size_t>(s + 1) * B + d.b0;
            const double* y = target + static_cast<std::size_t>(t_col) * B + d.b0;
            double dzo[L];
            for (int l = 0; l < L; ++l) dzo[l] = (o[l] - y[l]) * d.scale;
            for (int l = 0; l < L; ++l) g_b_out[l] += dzo[l];
            for (int j = 0; j < H; ++j)
                for (int l = 0; l < L; ++l) {
                    g_w_out[j * L + l] += dzo[l] * h[j * B + l];
                    dh[j * L + l] += dzo[l] * p.w_out[j];
                }
            if (deltas)
                for (int l = 0; l < L; ++l) deltas->d_out[static_cast<std::size_t>(s + 1) * B + d.b0 + l] = dzo[l];
        }
        if (deltas)
            for (int j = 0; j < H; ++j)
                for (int l = 0; l < L; ++l) deltas->d_h[(static_cast<std::size_t>(s) * H + j) * B + d.b0 + l] = dh[j * L + l];
        if (s == 0) {
            for (int k = 0; k < H * L; ++k) g_h0[k] += dh[k];
            break;
        }
        // Through the hidden logistic: dz = dh * h (1 - h).
        for (int i = 0; i < H; ++i)
            for (int l = 0; l < L; ++l) {
                const double hv = h[i * B + l];
                dz[i * L + l] = dh[i * L + l] * hv * (1.0 - hv);
            }
        if (deltas)
            for (int i = 0; i < H; ++i)
                for (int l = 0; l < L; ++l) deltas->d_zh[(static_cast<std::size_t>(s) * H + i) * B + d.b0 + l] = dz[i * L + l];
        // h(s) = sigmoid(W_in x(s-1) + W_rec h(s-1) + b_hid): weight derivatives and dE/dh(s-1).
        const double* hp = h - static_cast<std::size_t>(H) * B;
        const double* xa = x + static_cast<std::size_t>(s - 1) * 2 * B + d.b0;
        const double* xb = xa + B;
        for (int k = 0; k < H * L; ++k) dh_prev[k] = 0.0;
        for (int i = 0; i < H; ++i) {
            const double* dzi = dz + i * L;
            for (int l = 0; l < L; ++l) {
                g_b_hid[i * L + l] += dzi[l];
                g_w_in[(i * 2) * L + l] += dzi[l] * xa[l];
                g_w_in[(i * 2 + 1) * L + l] += dzi[l] * xb[l];
            }
            const double* wr = p.w_rec + i * H;
            double* gr = g_w_rec + static_cast<std::size_t>(i) * H * L;
            for (int j = 0; j < H; ++j)
                for (int l = 0; l < L; ++l) {
                    gr[j * L + l] += dzi[l] * hp[j * B + l];
                    dh_prev[j * L + l] += wr[j] * dzi[l];
                }
        }
        for (int k = 0; k < H * L; ++k) dh[k] = dh_prev[k];
    }
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
    double total = 0.0;
    for_lane_groups(
        d.B,
        [&](int b0) {
            Dims dl = d;
            dl.b0 = b0;
            double ll[8];
            forward_lanes<8>(ll, acts.h.data(), acts.o.data(), p, batch.x.data(), batch.target.data(), dl);
            for (double v : ll) total += v;
        },
        [&](int b0) {
            Dims dl = d;
            dl.b0 = b0;
            double ll[1];
            forward_lanes<1>(ll, acts.h.data(), acts.o.data(), p, batch.x.data(), batch.target.data(), dl);
            total += ll[0];
        });
    double per_seq = total / d.B;
    if (loss.average_over_steps) per_seq /= targeted_columns(batch.T, loss);
    return per_seq;
}

void rnn_backward(std::vector<double>& grads, const Activities& acts, const Net& net,
                  const Batch& batch, const LossConfig& loss, Deltas* deltas) {
    const Dims d = make_dims(net, batch, loss);
    const ParamLayout lay = param_layout(d.H);
    const auto P = lay.total;
    if (grads.size() != P) grads.assign(P, 0.0);
    if (deltas) {
        deltas->d_out.assign(static_cast<std::size_t>(d.T + 2) * d.B, 0.0);
        deltas->d_h.assign(static_cast<std::size_t>(d.T + 1) * d.H * d.B, 0.0);
        deltas->d_zh.assign(static_cast<std::size_t>(d.T + 1) * d.H * d.B, 0.0);
    }
    const ConstParamView p = net.view();
    // Scratch: per-lane gradients (P, 8) and (H, 8) deltas. Thread-local so repeated calls do not allocate.
    thread_local std::vector<double> g, dh, dh_prev, dz;
    g.resize(P * 8);
    dh.resize(static_cast<std::size_t>(d.H) * 8);
    dh_prev.resize(dh.size());
    dz.resize(dh.size());
    auto run = [&](auto lanes_tag, int b0) {
        constexpr int L = decltype(lanes_tag)::value;
        Dims dl = d;
        dl.b0 = b0;
        std::fill(g.begin(), g.begin() + static_cast<std::ptrdiff_t>(P * L), 0.0);
        backward_lanes<L>(g.data(), dh.data(), dh_prev.data(), dz.data(), p, lay, acts.h.data(),
                          acts.o.data(), batch.x.data(), batch.target.data(), dl, deltas);
        for (std::size_t k = 0; k < P; ++k) {
            double s = 0.0;
            for (int l = 0; l < L; ++l) s += g[k * L + l];
            grads[k] += s;
        }
    };
    for_lane_groups(
        d.B, [&](int b0) { run(std::integral_constant<int, 8>{}, b0); },
        [&](int b0) { run(std::integral_constant<int, 1>{}, b0); });
}

void zero_grad(std::vector<double>& grads) { std::fill(grads.begin(), grads.end(), 0.0); }

}  // namespace carry
