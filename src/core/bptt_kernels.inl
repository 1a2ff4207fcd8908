// bptt_kernels.inl: the BPTT kernels (no include guard on purpose).
//
// bptt.cpp includes this file in namespace `baseline` as it is (SSE2 natively, SIMD128 in
// WebAssembly) and, in x86-64 GCC builds, once more in namespace `avx` under `#pragma GCC target("avx")`,
// where the same source becomes three-operand VEX code (no FMA: every value keeps its roundings,
// so both copies give the same bits). bptt.cpp picks a copy at run time from the CPU.
// Expects Dims, KernelSet and the mathx.h helpers to be declared before it.

// Register blocks: how many hidden rows share each load of the previous state. Sized so the
// accumulators fit the 16 vector registers of SSE2 (WebAssembly engines map v128 onto them too).
template <class V>
constexpr int kRows = 4;
template <>
constexpr int kRows<f64x2> = 2;

// hn[i0 .. i0+R) = sigmoid(b_hid + W_in x + W_rec h) for R rows, over NV lane vectors.
// wrec_v: W_rec with every weight already splat to a V (no broadcast inside the loop).
template <class V, int NV, int R>
inline void hidden_rows(double* __restrict hn, int i0, const ConstParamView& p, const V* __restrict wrec_v, int H,
                        int B, const double* __restrict h, const V* xav, const V* xbv) {
    using LT = Lanes<V>;
    constexpr int W = LT::width;
    V z[R][NV];
    for (int r = 0; r < R; ++r) {
        const int i = i0 + r;
        const V wa = LT::splat(p.w_in[i * 2]), wb = LT::splat(p.w_in[i * 2 + 1]), bi = LT::splat(p.b_hid[i]);
        for (int v = 0; v < NV; ++v) z[r][v] = bi + wa * xav[v] + wb * xbv[v];
    }
    // Pointers stepped along j (not j * B and row * H + j per load): V8 then spends one add per
    // pointer per j instead of a multiply or shift-add per address.
    const V* wp = wrec_v + i0 * H;
    const double* hp = h;
    for (int j = 0; j < H; ++j, ++wp, hp += B) {
        V hv[NV];
        for (int v = 0; v < NV; ++v) hv[v] = LT::load(hp + v * W);
        for (int r = 0; r < R; ++r)
            for (int v = 0; v < NV; ++v) z[r][v] += wp[r * H] * hv[v];
    }
    sigmoid_n<V, R * NV>(&z[0][0]);
    for (int r = 0; r < R; ++r)
        for (int v = 0; v < NV; ++v) LT::store(hn + (i0 + r) * B + v * W, z[r][v]);
}

// All hidden rows for NV lane vectors, in register blocks of R rows x NVB lane vectors.
template <class V, int NV, int R, int NVB>
inline void hidden_all(double* __restrict hn, const ConstParamView& p, const V* __restrict wrec_v, int H, int B,
                       const double* __restrict h, const V* xav, const V* xbv) {
    constexpr int W = Lanes<V>::width;
    static_assert(NV % NVB == 0, "lane block must divide the group");
    for (int v0 = 0; v0 < NV; v0 += NVB) {
        const int full = H - H % R;  // (not `i + R <= H`: with H a constant, GCC warns on the dead tail)
        for (int i = 0; i < full; i += R)
            hidden_rows<V, NVB, R>(hn + v0 * W, i, p, wrec_v, H, B, h + v0 * W, xav + v0, xbv + v0);
        for (int i = full; i < H; ++i)
            hidden_rows<V, NVB, 1>(hn + v0 * W, i, p, wrec_v, H, B, h + v0 * W, xav + v0, xbv + v0);
    }
}

// A lane group is NV vectors of type V (double: 1 lane; f64x2: 2 lanes): L = NV * width lanes.
// HC > 0 fixes H at compile time (the default H = 3 gets fully unrolled code, and H = 16, the
// benchmark's wide net, fixed trip counts that V8 compiles far better); 0 reads d.H.
// Forward over the group: h(1..T), o(1..T+1), and per-lane summed CE into loss_lane (L values).
// Kept out of line: WebAssembly engines optimize small hot functions far better than one huge one.
template <class V, int NV, int HC>
[[gnu::noinline]] void forward_lanes(double* loss_lane, double* __restrict h_stack, double* __restrict o_stack,
                                     const ConstParamView& p, const double* __restrict x,
                                     const double* __restrict target, const Dims& d) {
    using LT = Lanes<V>;
    constexpr int W = LT::width, L = NV * W;
    const int H = HC > 0 ? HC : d.H;
    const int B = d.B, T = d.T;
    const std::size_t row = static_cast<std::size_t>(H) * B;
    // Row 0: the initial state, the net's for every lane unless the batch gives one per sequence.
    for (int i = 0; i < H; ++i)
        for (int l = 0; l < L; ++l) h_stack[i * B + d.b0 + l] = d.h0 ? d.h0[i * B + d.b0 + l] : p.h0[i];
    for (int l = 0; l < L; ++l) o_stack[d.b0 + l] = *p.o0;

    V prod[NV];
    double loss[L];
    for (int v = 0; v < NV; ++v) prod[v] = LT::splat(1.0);
    for (int l = 0; l < L; ++l) loss[l] = 0.0;
    int in_prod = 0;
    const double b_out = *p.b_out;
    V wrec_v[kMaxHidden * kMaxHidden];
    for (int k = 0; k < H * H; ++k) wrec_v[k] = LT::splat(p.w_rec[k]);

    for (int s = 0; s <= T; ++s) {
        const double* h = h_stack + static_cast<std::size_t>(s) * row + d.b0;
        // o(s+1) = sigmoid(w_out . h(s) + b_out)
        V zo[NV];
        for (int v = 0; v < NV; ++v) zo[v] = LT::splat(b_out);
        const double* hj = h;  // h(s)[j], stepped along j (as in hidden_rows)
        for (int j = 0; j < H; ++j, hj += B) {
            const V w = LT::splat(p.w_out[j]);
            for (int v = 0; v < NV; ++v) zo[v] += w * LT::load(hj + v * W);
        }
        double* o = o_stack + static_cast<std::size_t>(s + 1) * B + d.b0;
        V ov[NV], om[NV];  // o and 1 - o
        for (int v = 0; v < NV; ++v) ov[v] = zo[v];
        sigmoid_n<V, NV>(ov, om);
        for (int v = 0; v < NV; ++v) LT::store(o + v * W, ov[v]);
        const int t_col = s + 1 - kOutputDelay;  // the column whose sum bit o(s+1) should be
        if (t_col >= d.first_target) {
            const double* y = target + static_cast<std::size_t>(t_col) * B + d.b0;
            for (int v = 0; v < NV; ++v) {
                // Probability of the right bit (1-o as its own quotient keeps its precision).
                // CE = -log of the product, taken every 8 steps (one log, not eight).
                const V yv = LT::load(y + v * W);
                const V pc = yv * ov[v] + (LT::splat(1.0) - yv) * om[v];
                prod[v] *= LT::max(pc, LT::splat(1e-30));
            }
            if (++in_prod == 8) {
                for (int v = 0; v < NV; ++v) {
                    double tmp[W];
                    LT::store(tmp, prod[v]);
                    for (int w = 0; w < W; ++w) loss[v * W + w] -= det_log(tmp[w]);
                    prod[v] = LT::splat(1.0);
                }
                in_prod = 0;
            }
        }
        if (s == T) break;
        // h(s+1) = sigmoid(W_in x(s) + W_rec h(s) + b_hid)
        const double* xa = x + static_cast<std::size_t>(s) * 2 * B + d.b0;
        const double* xb = xa + B;
        double* hn = h_stack + static_cast<std::size_t>(s + 1) * row + d.b0;
        V xav[NV], xbv[NV];
        for (int v = 0; v < NV; ++v) xav[v] = LT::load(xa + v * W), xbv[v] = LT::load(xb + v * W);
        if constexpr (W == 1)
            hidden_all<V, NV, 4, NV>(hn, p, wrec_v, H, B, h, xav, xbv);
        else if constexpr (HC == 16 && NV % 4 == 0)  // 2 rows x 4 lane vectors: +2% in V8 at H = 16
            hidden_all<V, NV, 2, 4>(hn, p, wrec_v, H, B, h, xav, xbv);
        else if constexpr (HC == 3 && NV % 2 == 0)  // all 3 rows x 2 lane vectors: +11% native, +15% V8
            hidden_all<V, NV, 3, 2>(hn, p, wrec_v, H, B, h, xav, xbv);
        else  // 4 rows x 2 lane vectors
            hidden_all<V, NV, 4, 2>(hn, p, wrec_v, H, B, h, xav, xbv);
    }
    if (in_prod > 0)
        for (int v = 0; v < NV; ++v) {
            double tmp[W];
            LT::store(tmp, prod[v]);
            for (int w = 0; w < W; ++w) loss[v * W + w] -= det_log(tmp[w]);
        }
    for (int l = 0; l < L; ++l) loss_lane[l] = loss[l];
}

// Forward for ONE sequence (lane b0 of the batch), vectorized across units instead of lanes:
// the H hidden rows and the output row (all driven by h(s)) form ceil((H+1)/2) two-lane vectors.
// Row r computes bias_r + wa_r a + wb_r b + sum_j M[r][j] h(s)[j] in the same order as
// forward_lanes (the output row has wa = wb = 0, and adding +0.0 changes no value), so both
// kernels give bit-identical activities and loss.
template <int HC>
[[gnu::noinline]] void forward_units(double* loss_lane, double* __restrict h_stack, double* __restrict o_stack,
                                     const ConstParamView& p, const double* __restrict x,
                                     const double* __restrict target, const Dims& d) {
    using LT = Lanes<f64x2>;
    const int H = HC > 0 ? HC : d.H;
    const int B = d.B, T = d.T;
    const int NR = (H + 2) / 2;  // row vectors: rows 0..H-1 hidden, row H output, padding after
    const std::size_t row = static_cast<std::size_t>(H) * B;
    constexpr int kMaxNR = (kMaxHidden + 2) / 2;
    // Per row vector: bias, input weights, and column j of M = [W_rec; w_out] (padding rows 0).
    alignas(16) double bias[2 * kMaxNR] = {}, wa[2 * kMaxNR] = {}, wb[2 * kMaxNR] = {};
    // mcol[j*NR + r] = (M[2r][j], M[2r+1][j]): column j of M, row pair r (the inner loop walks r).
    alignas(16) double mcol[kMaxNR * kMaxHidden * 2] = {};
    auto m_at = [&](int i, int j) -> double& { return mcol[(j * NR + i / 2) * 2 + i % 2]; };
    for (int i = 0; i < H; ++i) {
        bias[i] = p.b_hid[i];
        wa[i] = p.w_in[i * 2];
        wb[i] = p.w_in[i * 2 + 1];
        for (int j = 0; j < H; ++j) m_at(i, j) = p.w_rec[i * H + j];
    }
    bias[H] = *p.b_out;
    for (int j = 0; j < H; ++j) m_at(H, j) = p.w_out[j];

    alignas(16) double h[2 * kMaxNR];  // current state h(s) (lanes H.. are scratch)
    for (int i = 0; i < H; ++i) h[i] = h_stack[i * B + d.b0] = d.h0 ? d.h0[i * B + d.b0] : p.h0[i];
    o_stack[d.b0] = *p.o0;
    double prod = 1.0, loss = 0.0;
    int in_prod = 0;
    for (int s = 0; s <= T; ++s) {
        // Column s (zero beyond the last column: h(T+1) is computed but never used).
        const double xa = s < T ? x[static_cast<std::size_t>(s) * 2 * B + d.b0] : 0.0;
        const double xb = s < T ? x[(static_cast<std::size_t>(s) * 2 + 1) * B + d.b0] : 0.0;
        const f64x2 xav = LT::splat(xa), xbv = LT::splat(xb);
        f64x2 z[kMaxNR];
        for (int r = 0; r < NR; ++r)
            z[r] = LT::load(bias + 2 * r) + LT::load(wa + 2 * r) * xav + LT::load(wb + 2 * r) * xbv;
        // j outer, row pairs inner: RB independent running sums (not one chain of H adds per row),
        // each still taking j in order as in forward_lanes. Blocks of at most 4 row pairs: V8
        // spilled two of 9 running sums to the stack (a store-to-load chain every step).
        auto row_block = [&]<int RB>(int r0) {
            f64x2 acc[RB];
            for (int r = 0; r < RB; ++r) acc[r] = z[r0 + r];
            for (int j = 0; j < H; ++j) {
                const f64x2 hj = LT::splat(h[j]);
                const double* m = mcol + (static_cast<std::size_t>(j) * NR + r0) * 2;
                CARRY_UNROLL for (int r = 0; r < RB; ++r) acc[r] += LT::load(m + 2 * r) * hj;
            }
            for (int r = 0; r < RB; ++r) z[r0 + r] = acc[r];
        };
        int r0 = 0;
        for (; r0 + 4 <= NR; r0 += 4) row_block.template operator()<4>(r0);
        for (; r0 + 2 <= NR; r0 += 2) row_block.template operator()<2>(r0);
        for (; r0 < NR; ++r0) row_block.template operator()<1>(r0);
        // The output row is in the last row pair: only it needs 1 - o (the cross-entropy's).
        f64x2 zm_last;
        int r = 0;
        for (; r + 4 < NR; r += 4) sigmoid_n<f64x2, 4>(z + r);
        for (; r + 2 < NR; r += 2) sigmoid_n<f64x2, 2>(z + r);
        if (r + 2 == NR)
            sigmoid_n_last_one_minus<f64x2, 2>(z + r, &zm_last);
        else
            sigmoid_n_last_one_minus<f64x2, 1>(z + r, &zm_last);
        alignas(16) double a[2 * kMaxNR], am[2];
        for (r = 0; r < NR; ++r) LT::store(a + 2 * r, z[r]);
        LT::store(am, zm_last);
        // o(s+1) and, against sum bit s+1-kOutputDelay, its cross-entropy (as forward_lanes).
        o_stack[static_cast<std::size_t>(s + 1) * B + d.b0] = a[H];
        const int t_col = s + 1 - kOutputDelay;
        if (t_col >= d.first_target) {
            const double y = target[static_cast<std::size_t>(t_col) * B + d.b0];
            const double pc = y * a[H] + (1.0 - y) * am[H % 2];
            prod *= Lanes<double>::max(pc, 1e-30);
            if (++in_prod == 8) loss -= det_log(prod), prod = 1.0, in_prod = 0;
        }
        if (s == T) break;
        double* hn = h_stack + static_cast<std::size_t>(s + 1) * row + d.b0;
        for (int i = 0; i < H; ++i) h[i] = a[i], hn[i * B] = a[i];
    }
    if (in_prod > 0) loss -= det_log(prod);
    *loss_lane = loss;
}

// dE/dh(s-1)[j0 .. j0+R) = (W_rec^T dz(s)) for R columns of W_rec.
// wT: W_rec transposed with every weight splat to a V: wT[j*H + i] = W_rec[i][j].
template <class V, int NV, int R>
inline void back_rows(V (*dh)[NV], int j0, const V* __restrict wT, int H, const V* __restrict dz, int dz_row) {
    using LT = Lanes<V>;
    V acc[R][NV];
    for (int r = 0; r < R; ++r)
        for (int v = 0; v < NV; ++v) acc[r][v] = LT::splat(0.0);
    const V* wp = wT + j0 * H;
    const V* dp = dz;
    for (int i = 0; i < H; ++i, ++wp, dp += dz_row)
        for (int r = 0; r < R; ++r) {
            const V w = wp[r * H];
            for (int v = 0; v < NV; ++v) acc[r][v] += w * dp[v];
        }
    for (int r = 0; r < R; ++r)
        for (int v = 0; v < NV; ++v) dh[j0 + r][v] = acc[r][v];
}

// Per-lane dW_rec[i][j] += dz_k[i] h_k[j] for k = 0 .. K-1 in that order (the steps, latest
// first): one load and one store of each running sum per K steps instead of per step.
// Units i in pairs, one lane vector at a time: the pair's K dz values stay in registers while
// j walks the row, and each h_k[j] loaded serves both units (V8 kept too few of the
// h-in-registers version's values in registers, and spilled).
// The same pass adds the waiting steps' terms of b_hid's and W_in's derivatives (dz_k[i] and
// dz_k[i] x_k), also per lane in order of decreasing s: one load and store of those sums per K
// steps too. xs[k]: the input column of step k's h(s-1) -> h(s) (a at +0, b at +B).
template <class V, int NV, int K, int HC>
inline void wrec_accumulate(V* __restrict gw, V (*g_b_hid)[NV], V (*g_w_a)[NV], V (*g_w_b)[NV], int H, int B,
                            const V* __restrict dzs, int dz_row, const double* const* hs, const double* const* xs) {
    using LT = Lanes<V>;
    constexpr int W = LT::width;
    constexpr int RI = HC == 16 ? 2 : 1;  // units per pass
    for (int v = 0; v < NV; ++v) {
        for (int i0 = 0; i0 < H; i0 += RI) {
            V dk[RI][K];
            for (int r = 0; r < RI; ++r)
                for (int k = 0; k < K; ++k) dk[r][k] = dzs[(i0 + r) * dz_row + k * NV + v];
            for (int r = 0; r < RI; ++r) {
                V gb = g_b_hid[i0 + r][v], ga = g_w_a[i0 + r][v], gc = g_w_b[i0 + r][v];
                for (int k = 0; k < K; ++k) {
                    gb += dk[r][k];
                    ga += dk[r][k] * LT::load(xs[k] + v * W);
                    gc += dk[r][k] * LT::load(xs[k] + B + v * W);
                }
                g_b_hid[i0 + r][v] = gb, g_w_a[i0 + r][v] = ga, g_w_b[i0 + r][v] = gc;
            }
            V* __restrict a = gw + static_cast<std::size_t>(i0) * H * NV + v;  // a[r*H*NV]: unit i0+r, column j
            const double* hj[K];  // h_k[j], stepped along j (V8: one add per pointer, no multiply)
            for (int k = 0; k < K; ++k) hj[k] = hs[k] + v * W;
            CARRY_UNROLL4 for (int j = 0; j < H; ++j, a += NV) {
                V acc[RI];
                for (int r = 0; r < RI; ++r) acc[r] = a[r * H * NV];
                for (int k = 0; k < K; ++k) {
                    const V hv = LT::load(hj[k]);
                    hj[k] += B;
                    for (int r = 0; r < RI; ++r) acc[r] += dk[r][k] * hv;
                }
                for (int r = 0; r < RI; ++r) a[r * H * NV] = acc[r];
            }
        }
    }
}

// Backward over a lane group: peel the stack from the last step to the first, getting dE/dz of
// the output (optionally stored in d_out, (T+2, B)), dE/dh(s) (d_h, (T+1, H, B), optional) and
// dE/dz_h(s) (d_zh, (T+1, H, B), optional) at every step. Each weight's per-step terms are summed
// per lane on the way (s = T down to 0), then over the group's lanes in order, and added (+=)
// into grads.
template <class V, int NV, int HC>
[[gnu::noinline]] void backward_lanes(std::vector<double>& grads, double* __restrict d_out, double* __restrict d_h,
                                      double* __restrict d_zh, const ConstParamView& p, const ParamLayout& lay,
                                      const double* __restrict h_stack, const double* __restrict o_stack,
                                      const double* __restrict x, const double* __restrict target, const Dims& d) {
    using LT = Lanes<V>;
    constexpr int W = LT::width, L = NV * W, R = kRows<V>;
    const int H = HC > 0 ? HC : d.H;
    const int B = d.B, T = d.T;
    const std::size_t row = static_cast<std::size_t>(H) * B;
    V dh[kMaxHidden][NV];
    // Per-lane running sums of the small groups' derivatives.
    V g_w_out[kMaxHidden][NV], g_b_hid[kMaxHidden][NV], g_w_a[kMaxHidden][NV], g_w_b[kMaxHidden][NV], g_b_out[NV];
    for (int j = 0; j < H; ++j)
        for (int v = 0; v < NV; ++v)
            dh[j][v] = g_w_out[j][v] = g_b_hid[j][v] = g_w_a[j][v] = g_w_b[j][v] =
                LT::splat(0.0);  // h(T) feeds nothing but o(T+1)
    for (int v = 0; v < NV; ++v) g_b_out[v] = LT::splat(0.0);
    // Per-lane running sums of dW_rec, (H, H, NV) vectors; small enough to stay in L1.
    thread_local std::vector<V> gw_buf;
    gw_buf.assign(static_cast<std::size_t>(H) * H * NV, LT::splat(0.0));
    V* __restrict gw = gw_buf.data();
    thread_local std::vector<V> wT_buf;
    wT_buf.resize(static_cast<std::size_t>(H) * H);
    V* __restrict wT = wT_buf.data();
    for (int i = 0; i < H; ++i)
        for (int j = 0; j < H; ++j) wT[j * H + i] = LT::splat(p.w_rec[i * H + j]);
    const V scale = LT::splat(d.scale);
    // dW_rec terms are added kWrecSteps steps at a time: the dz(s) (and h(s-1) rows) wait here.
    constexpr int kWrecSteps = 4;
    // dz_wait[i][k][v]: the K waiting steps of one unit side by side (small constant offsets).
    constexpr int kDzRow = kWrecSteps * NV;
    V dz_wait[kMaxHidden * kDzRow];
    const double* h_wait[kWrecSteps];
    const double* x_wait[kWrecSteps];
    int waiting = 0;

    for (int s = T; s >= 0; --s) {
        const double* h = h_stack + static_cast<std::size_t>(s) * row + d.b0;
        // The output o(s+1), driven by h(s): its error derivative (cross-entropy + logistic: o - y).
        const int t_col = s + 1 - kOutputDelay;
        if (t_col >= d.first_target) {
            const double* o = o_stack + static_cast<std::size_t>(s + 1) * B + d.b0;
            const double* y = target + static_cast<std::size_t>(t_col) * B + d.b0;
            V dzo[NV];
            for (int v = 0; v < NV; ++v) {
                dzo[v] = (LT::load(o + v * W) - LT::load(y + v * W)) * scale;
                g_b_out[v] += dzo[v];
            }
            if (d_out)
                for (int v = 0; v < NV; ++v)
                    LT::store(d_out + static_cast<std::size_t>(s + 1) * B + d.b0 + v * W, dzo[v]);
            const double* hj = h;  // h(s)[j], stepped along j
            for (int j = 0; j < H; ++j, hj += B) {
                const V w = LT::splat(p.w_out[j]);
                for (int v = 0; v < NV; ++v) {
                    g_w_out[j][v] += dzo[v] * LT::load(hj + v * W);
                    dh[j][v] += dzo[v] * w;
                }
            }
        }
        if (d_h)
            for (int j = 0; j < H; ++j)
                for (int v = 0; v < NV; ++v)
                    LT::store(d_h + static_cast<std::size_t>(s) * row + j * B + d.b0 + v * W, dh[j][v]);
        if (s == 0) break;
        // Through the hidden logistic: dz = dh * h (1 - h) (written where the dW_rec sums wait for it).
        V* dz = dz_wait + waiting * NV;  // dz[i * kDzRow + v]
        const double* xa = x + static_cast<std::size_t>(s - 1) * 2 * B + d.b0;
        const double* hi = h;
        for (int i = 0; i < H; ++i, hi += B)
            for (int v = 0; v < NV; ++v) {
                const V hv = LT::load(hi + v * W);
                dz[i * kDzRow + v] = dh[i][v] * hv * (LT::splat(1.0) - hv);
            }
        if (d_zh)
            for (int i = 0; i < H; ++i)
                for (int v = 0; v < NV; ++v)
                    LT::store(d_zh + static_cast<std::size_t>(s) * row + i * B + d.b0 + v * W, dz[i * kDzRow + v]);
        // dW_rec[i][j] += dz(s)[i] h(s-1)[j], per lane, in order of decreasing s; and, as
        // h(s) = sigmoid(W_in x(s-1) + W_rec h(s-1) + b_hid), b_hid's and W_in's terms.
        h_wait[waiting] = h_stack + static_cast<std::size_t>(s - 1) * row + d.b0;
        x_wait[waiting] = xa;
        if (++waiting == kWrecSteps) {
            wrec_accumulate<V, NV, kWrecSteps, HC>(gw, g_b_hid, g_w_a, g_w_b, H, B, dz_wait, kDzRow, h_wait, x_wait);
            waiting = 0;
        }
        // dE/dh(s-1) = W_rec^T dz(s)
        int j = 0;
        for (; j + R <= H; j += R) back_rows<V, NV, R>(dh, j, wT, H, dz, kDzRow);
        for (; j < H; ++j) back_rows<V, NV, 1>(dh, j, wT, H, dz, kDzRow);
    }
    if (waiting == 3) wrec_accumulate<V, NV, 3, HC>(gw, g_b_hid, g_w_a, g_w_b, H, B, dz_wait, kDzRow, h_wait, x_wait);
    if (waiting == 2) wrec_accumulate<V, NV, 2, HC>(gw, g_b_hid, g_w_a, g_w_b, H, B, dz_wait, kDzRow, h_wait, x_wait);
    if (waiting == 1) wrec_accumulate<V, NV, 1, HC>(gw, g_b_hid, g_w_a, g_w_b, H, B, dz_wait, kDzRow, h_wait, x_wait);

    // Sum each derivative over the group's lanes, in lane order.
    auto add_lanes = [&](std::size_t k, const V* acc) {
        double tmp[L];
        for (int v = 0; v < NV; ++v) LT::store(tmp + v * W, acc[v]);
        double sum = 0.0;
        for (double t : tmp) sum += t;
        grads[k] += sum;
    };
    for (int j = 0; j < H; ++j) {
        V acc[NV];  // h(0) takes no column: dE/dh(0) is the initial state's derivative
        for (int v = 0; v < NV; ++v) acc[v] = LT::splat(0.0) + dh[j][v];
        add_lanes(lay.h0 + j, acc);
    }
    add_lanes(lay.b_out, g_b_out);
    for (int j = 0; j < H; ++j) add_lanes(lay.w_out + j, g_w_out[j]);
    for (int i = 0; i < H; ++i) {
        add_lanes(lay.b_hid + i, g_b_hid[i]);
        add_lanes(lay.w_in + i * 2, g_w_a[i]);
        add_lanes(lay.w_in + i * 2 + 1, g_w_b[i]);
    }
    for (int k = 0; k < H * H; ++k) add_lanes(lay.w_rec + k, gw + static_cast<std::size_t>(k) * NV);
}

// Backward for ONE sequence (lane b0), vectorized across units (the j of dE/dh(s-1)[j] and of
// dW_rec[i][j], the i of dz(s)[i]) instead of lanes. Every value goes through the same operations
// in the same order as backward_lanes, so both kernels give bit-identical gradients.
template <int HC>
[[gnu::noinline]] void backward_units(std::vector<double>& grads, double* __restrict d_out, double* __restrict d_h,
                                      double* __restrict d_zh, const ConstParamView& p, const ParamLayout& lay,
                                      const double* __restrict h_stack, const double* __restrict o_stack,
                                      const double* __restrict x, const double* __restrict target, const Dims& d) {
    using LT = Lanes<f64x2>;
    const int H = HC > 0 ? HC : d.H;
    const int HV = (H + 1) / 2;  // unit vectors (the last one padded with a zero unit)
    const int B = d.B, T = d.T;
    const std::size_t row = static_cast<std::size_t>(H) * B;
    constexpr int kMaxHV = (kMaxHidden + 1) / 2;
    // Padded copies: W_rec rows, w_out, and the per-unit running sums.
    thread_local std::vector<f64x2> wrow_buf, gw_buf;
    wrow_buf.assign(static_cast<std::size_t>(H) * HV, LT::splat(0.0));
    gw_buf.assign(static_cast<std::size_t>(H) * HV, LT::splat(0.0));
    f64x2* __restrict wrow = wrow_buf.data();  // wrow[i*HV + jv] = W_rec[i][2jv .. 2jv+1]
    f64x2* __restrict gw = gw_buf.data();      // same layout: dW_rec running sums
    alignas(16) double wout[2 * kMaxHV] = {};
    for (int i = 0; i < H; ++i)
        for (int j = 0; j < H; ++j) reinterpret_cast<double*>(wrow + i * HV)[j] = p.w_rec[i * H + j];
    for (int j = 0; j < H; ++j) wout[j] = p.w_out[j];
    f64x2 dh[kMaxHV], g_w_out[kMaxHV], g_b_hid[kMaxHV], g_w_a[kMaxHV], g_w_b[kMaxHV];
    for (int v = 0; v < HV; ++v) dh[v] = g_w_out[v] = g_b_hid[v] = g_w_a[v] = g_w_b[v] = LT::splat(0.0);
    double g_b_out = 0.0;
    alignas(16) double hs[2 * kMaxHV] = {}, dzs[2 * kMaxHV] = {};
    // dW_rec[i][:] += dz(s)[i] h(s-1)[:] for K waiting steps (latest first): one load and one store
    // of each running sum per K steps instead of per step.
    constexpr int kWait = HC > 0 && HC <= 4 ? 1 : 4;  // (tiny nets: the sums fit in registers anyway)
    alignas(16) double hp_wait[kWait][2 * kMaxHV] = {}, dz_wait[kWait][kMaxHidden] = {};
    int waiting = 0;
    auto flush = [&]<int K>() {
        for (int i = 0; i < H; ++i) {
            f64x2 dk[K];
            for (int k = 0; k < K; ++k) dk[k] = LT::splat(dz_wait[k][i]);
            f64x2* a = gw + i * HV;
            CARRY_UNROLL4 for (int v = 0; v < HV; ++v) {
                f64x2 acc = a[v];
                for (int k = 0; k < K; ++k) acc += dk[k] * LT::load(hp_wait[k] + 2 * v);
                a[v] = acc;
            }
        }
    };
    auto load_row = [&](double* dst, int s) {
        const double* src = h_stack + static_cast<std::size_t>(s) * row + d.b0;
        for (int j = 0; j < H; ++j) dst[j] = src[j * B];
    };
    load_row(hs, T);
    for (int s = T; s >= 0; --s) {
        // hs = h(s). The output o(s+1): dE/dz = (o - y) * scale.
        const int t_col = s + 1 - kOutputDelay;
        if (t_col >= d.first_target) {
            const double dzo = (o_stack[static_cast<std::size_t>(s + 1) * B + d.b0] -
                                target[static_cast<std::size_t>(t_col) * B + d.b0]) *
                               d.scale;
            g_b_out += dzo;
            if (d_out) d_out[static_cast<std::size_t>(s + 1) * B + d.b0] = dzo;
            const f64x2 dv = LT::splat(dzo);
            for (int v = 0; v < HV; ++v) {
                g_w_out[v] += dv * LT::load(hs + 2 * v);
                dh[v] += dv * LT::load(wout + 2 * v);
            }
        }
        if (d_h)
            for (int j = 0; j < H; ++j)
                d_h[static_cast<std::size_t>(s) * row + j * B + d.b0] = reinterpret_cast<const double*>(dh)[j];
        if (s == 0) break;
        // dz(s) = dh * h (1 - h); b_hid's and W_in's terms.
        const double xa = x[static_cast<std::size_t>(s - 1) * 2 * B + d.b0];
        const double xb = x[(static_cast<std::size_t>(s - 1) * 2 + 1) * B + d.b0];
        const f64x2 xav = LT::splat(xa), xbv = LT::splat(xb);
        for (int v = 0; v < HV; ++v) {
            const f64x2 hv = LT::load(hs + 2 * v);
            const f64x2 g = dh[v] * hv * (LT::splat(1.0) - hv);
            LT::store(dzs + 2 * v, g);
            g_b_hid[v] += g;
            g_w_a[v] += g * xav;
            g_w_b[v] += g * xbv;
        }
        if (d_zh)
            for (int i = 0; i < H; ++i) d_zh[static_cast<std::size_t>(s) * row + i * B + d.b0] = dzs[i];
        // dW_rec[i][:] += dz(s)[i] h(s-1)[:] and dE/dh(s-1)[:] = sum_i W_rec[i][:] dz(s)[i].
        // The dW_rec terms wait here and are added kWait steps at a time (as backward_lanes does).
        double* hps = hp_wait[waiting];
        load_row(hps, s - 1);
        f64x2 dzsp[kMaxHidden];
        for (int i = 0; i < H; ++i) dzsp[i] = LT::splat(dzs[i]), dz_wait[waiting][i] = dzs[i];
        if (++waiting == kWait) flush.template operator()<kWait>(), waiting = 0;
        // i outer, unit vectors inner: HV independent running sums, each taking i in order.
        for (int v = 0; v < HV; ++v) dh[v] = LT::splat(0.0);
        for (int i = 0; i < H; ++i) {
            const f64x2* w = wrow + i * HV;
            CARRY_UNROLL for (int v = 0; v < HV; ++v) dh[v] += w[v] * dzsp[i];
        }
        for (int j = 0; j < H; ++j) hs[j] = hps[j];
    }
    if constexpr (kWait == 4) {  // the steps still waiting (none when every step is flushed)
        if (waiting == 3) flush.template operator()<3>();
        if (waiting == 2) flush.template operator()<2>();
        if (waiting == 1) flush.template operator()<1>();
    }
    // Lane sums (one lane: 0.0 + value, exactly as backward_lanes adds its lanes).
    auto add1 = [&](std::size_t k, double value) {
        double sum = 0.0;
        sum += value;
        grads[k] += sum;
    };
    const double* dhd = reinterpret_cast<const double*>(dh);
    for (int j = 0; j < H; ++j) add1(lay.h0 + j, 0.0 + dhd[j]);
    add1(lay.b_out, g_b_out);
    for (int j = 0; j < H; ++j) add1(lay.w_out + j, reinterpret_cast<const double*>(g_w_out)[j]);
    for (int i = 0; i < H; ++i) {
        add1(lay.b_hid + i, reinterpret_cast<const double*>(g_b_hid)[i]);
        add1(lay.w_in + i * 2, reinterpret_cast<const double*>(g_w_a)[i]);
        add1(lay.w_in + i * 2 + 1, reinterpret_cast<const double*>(g_w_b)[i]);
    }
    for (int i = 0; i < H; ++i)
        for (int j = 0; j < H; ++j) add1(lay.w_rec + i * H + j, reinterpret_cast<const double*>(gw + i * HV)[j]);
}

// This copy's entry points, by H: [0] H = 3, [1] H = 16, [2] any other H.
constexpr KernelSet kKernelSet = {
    {&forward_lanes<f64x2, 4, 3>, &forward_lanes<f64x2, 4, 16>, &forward_lanes<f64x2, 4, 0>},
    {&forward_units<3>, &forward_units<16>, &forward_units<0>},
    {&backward_lanes<f64x2, 4, 3>, &backward_lanes<f64x2, 4, 16>, &backward_lanes<f64x2, 4, 0>},
    {&backward_units<3>, &backward_units<16>, &backward_units<0>},
};
