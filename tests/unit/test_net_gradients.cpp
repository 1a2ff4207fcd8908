// Gradient check: every parameter group's BPTT derivative against centred finite differences.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "core/bptt.h"
#include "core/net.h"

using namespace carry;

namespace {

double batch_loss(const Net& net, const Batch& batch, const LossConfig& loss) {
    Activities acts;
    return rnn_forward(acts, net, batch, loss);
}

struct CheckResult {
    double max_rel = 0.0;
    int checked = 0;
};

// Relative error |g - fd| / max(|g|, |fd|), with a floor of 1e-7 on the denominator so that
// derivatives that are exactly 0 (o0) compare by absolute error instead.
CheckResult check_gradients(const Net& net0, const Batch& batch, const LossConfig& loss, bool print) {
    Net net = net0;
    Activities acts;
    rnn_forward(acts, net, batch, loss);
    std::vector<double> g(param_count(net.hidden()), 123.0);
    zero_grad(g);
    rnn_backward(g, acts, net, batch, loss);
    const ParamLayout lay = param_layout(net.hidden());
    const struct {
        const char* name;
        std::size_t begin, end;
    } groups[] = {{"w_in", lay.w_in, lay.w_rec},   {"w_rec", lay.w_rec, lay.b_hid}, {"b_hid", lay.b_hid, lay.w_out},
                  {"w_out", lay.w_out, lay.b_out}, {"b_out", lay.b_out, lay.h0},    {"h0", lay.h0, lay.o0},
                  {"o0", lay.o0, lay.total}};
    CheckResult r;
    const double eps = 1e-5;
    for (const auto& grp : groups) {
        double group_max = 0.0;
        for (std::size_t k = grp.begin; k < grp.end; ++k) {
            const double keep = net.params[k];
            net.params[k] = keep + eps;
            const double lp = batch_loss(net, batch, loss);
            net.params[k] = keep - eps;
            const double lm = batch_loss(net, batch, loss);
            net.params[k] = keep;
            const double fd = (lp - lm) / (2 * eps);
            const double denom = std::fmax(std::fmax(std::fabs(g[k]), std::fabs(fd)), 1e-7);
            const double rel = std::fabs(g[k] - fd) / denom;
            group_max = std::fmax(group_max, rel);
            ++r.checked;
            if (print && k == grp.begin)
                MESSAGE(std::string(grp.name) << "[0]: bptt " << g[k] << "  finite-diff " << fd << "  rel.err " << rel);
        }
        if (print) MESSAGE(std::string(grp.name) << ": max rel.err " << group_max);
        r.max_rel = std::fmax(r.max_rel, group_max);
    }
    // o(0) feeds nothing, so its derivative is exactly zero (not merely small).
    CHECK(g[lay.o0] == 0.0);
    return r;
}

Batch random_batch(int B, int n, std::uint64_t seed) {
    Rng rng(seed);
    Batch batch;
    batch_random(batch, rng, B, n);
    return batch;
}

}  // namespace

TEST_CASE("[bptt] gradients match centred finite differences, every group incl. h0 and o0") {
    NetConfig nc;
    nc.hidden = 3;
    nc.init_scale = 2.0;
    Net net = net_init(nc, 7);
    // A non-trivial learned initial state.
    ParamView p = net.view();
    p.h0[0] = 0.2, p.h0[1] = 0.7, p.h0[2] = -0.3;
    LossConfig loss;
    SUBCASE("H=3, batch 1, targets at every step") {
        const CheckResult r = check_gradients(net, random_batch(1, 6, 1), loss, true);
        CHECK(r.max_rel < 1e-6);
    }
    SUBCASE("H=3, batch 11 (a SIMD lane group of 8 plus single lanes), averaged over steps") {
        loss.average_over_steps = true;
        CHECK(check_gradients(net, random_batch(11, 5, 2), loss, false).max_rel < 1e-6);
    }
    SUBCASE("H=3, targets only on the last 2 columns") {
        loss.last_k = 2;
        CHECK(check_gradients(net, random_batch(9, 4, 3), loss, true).max_rel < 1e-6);
    }
}

TEST_CASE("[bptt] gradients match finite differences for H=1 and H=16") {
    for (int H : {1, 16}) {
        NetConfig nc;
        nc.hidden = H;
        const Net net = net_init(nc, 11);
        const CheckResult r =
            check_gradients(net, random_batch(9, 4, 4), LossConfig{}, false);  // 8 SIMD lanes + 1 alone
        INFO("H=" << H);
        CHECK(r.max_rel < 1e-6);
    }
}

TEST_CASE("[bptt] backward accumulates with += and the forward pass matches net_add") {
    NetConfig nc;
    const Net net = net_init(nc, 3);
    const Batch batch = random_batch(3, 5, 9);
    Activities acts;
    rnn_forward(acts, net, batch, LossConfig{});
    std::vector<double> g1(param_count(3), 0.0), g2(param_count(3), 0.0);
    rnn_backward(g1, acts, net, batch, LossConfig{});
    rnn_backward(g2, acts, net, batch, LossConfig{});
    rnn_backward(g2, acts, net, batch, LossConfig{});
    for (std::size_t k = 0; k < g1.size(); ++k) CHECK(g2[k] == doctest::Approx(2 * g1[k]).epsilon(1e-12));

    // The single-step API (net_step_hidden / net_output via net_add) sees bit-identical
    // activities, whichever kernel ran the lane: 9 sequences = one 8-lane SIMD group (lanes
    // 0..7) + one sequence vectorized across units (lane 8).
    for (int H : {3, 5, 16}) {  // 3 and 16 have kernels specialized at compile time
        NetConfig c;
        c.hidden = H;
        const Net n2 = net_init(c, 4);
        const Batch b9 = random_batch(9, 11, 10);
        Activities a9;
        rnn_forward(a9, n2, b9, LossConfig{});
        Rng rng(10);
        for (int b = 0; b < 9; ++b) {
            const Pair pair = random_pair(rng, 11);
            std::vector<double> hs, os;
            net_add(n2, pair, &hs, &os);
            REQUIRE(hs.size() == static_cast<std::size_t>(b9.T + 1) * H);
            int same = 0, total = 0;
            for (int s = 0; s <= b9.T; ++s)
                for (int i = 0; i < H; ++i) same += hs[s * H + i] == a9.h[(s * H + i) * 9 + b], ++total;
            for (int s = 0; s <= b9.T + 1; ++s) same += os[s] == a9.o[s * 9 + b], ++total;
            INFO("H=" << H << " lane " << b);
            CHECK(same == total);
        }
    }
}

TEST_CASE("[bptt] the SIMD-lane and the single-sequence kernels give bit-identical derivatives") {
    // Lane 0 runs in an 8-lane group, lane 8 alone (vectorized across units); same pair in both.
    for (int H : {3, 4, 7, 16}) {
        NetConfig c;
        c.hidden = H;
        const Net net = net_init(c, 21);
        Rng rng(8);
        std::vector<Pair> pairs;
        for (int b = 0; b < 9; ++b) pairs.push_back(random_pair(rng, 9));
        pairs[8] = pairs[0];
        Batch batch;
        batch_from_pairs(batch, pairs);
        Activities acts;
        rnn_forward(acts, net, batch, LossConfig{});
        std::vector<double> g(param_count(H), 0.0);
        Deltas dl;
        rnn_backward(g, acts, net, batch, LossConfig{}, &dl);
        int same = 0, total = 0;
        for (int s = 0; s <= batch.T; ++s)
            for (int i = 0; i < H; ++i) {
                const std::size_t k = (static_cast<std::size_t>(s) * H + i) * 9;
                same += (dl.d_h[k] == dl.d_h[k + 8]) + (dl.d_zh[k] == dl.d_zh[k + 8]) + (acts.h[k] == acts.h[k + 8]);
                total += 3;
            }
        for (int s = 0; s <= batch.T + 1; ++s) same += dl.d_out[s * 9] == dl.d_out[s * 9 + 8], ++total;
        INFO("H=" << H);
        CHECK(same == total);

        // And a batch of one sequence gives the gradient of that sequence alone.
        Batch one;
        batch_from_pairs(one, {pairs[0]});
        Activities a1;
        rnn_forward(a1, net, one, LossConfig{});
        std::vector<double> g1(param_count(H), 0.0);
        rnn_backward(g1, a1, net, one, LossConfig{});
        CHECK(g1[param_layout(H).o0] == 0.0);
    }
}

TEST_CASE("[bptt] weight derivatives are the step terms summed in the documented order, in every kernel") {
    // Per sequence: 0.0, then + dz(s)[i] * h(s-1)[j] for s = T down to 1; then the sequences of an
    // 8-lane group (or the lone one) summed in lane order into grads. The kernels keep running sums
    // in registers, a few steps per load and store, in blocks of rows: none may change a bit of this.
    // Batches: 1 (the single-sequence kernel), 8 (one lane group), 9 (both); lengths with T a multiple
    // of 4 and not (the steps still waiting at the end).
    for (int H : {3, 5, 16})
        for (int B : {1, 8, 9})
            for (int n : {9, 11}) {
                NetConfig c;
                c.hidden = H;
                const Net net = net_init(c, 31);
                const Batch batch = random_batch(B, n, 7);
                Activities acts;
                rnn_forward(acts, net, batch, LossConfig{});
                std::vector<double> g(param_count(H), 0.0);
                Deltas dl;
                rnn_backward(g, acts, net, batch, LossConfig{}, &dl);
                const ParamLayout lay = param_layout(H);
                const int T = batch.T;
                auto h_at = [&](int s, int j, int b) { return acts.h[(static_cast<std::size_t>(s) * H + j) * B + b]; };
                auto dz_at = [&](int s, int i, int b) {
                    return dl.d_zh[(static_cast<std::size_t>(s) * H + i) * B + b];
                };
                auto x_at = [&](int t, int k, int b) { return batch.x[(static_cast<std::size_t>(t) * 2 + k) * B + b]; };
                // term(b, s): the step term of one weight; the reference sums it as the kernels must.
                auto reference = [&](auto term) {
                    double total = 0.0;
                    for (int g0 = 0; g0 < B; g0 += (B - g0 >= 8 ? 8 : 1)) {
                        const int lanes = B - g0 >= 8 ? 8 : 1;
                        double group = 0.0;
                        for (int b = g0; b < g0 + lanes; ++b) {
                            double lane = 0.0;
                            for (int s = T; s >= 1; --s) lane += term(b, s);
                            group += lane;
                        }
                        total += group;
                    }
                    return total;
                };
                int same = 0, total = 0;
                for (int i = 0; i < H; ++i) {
                    for (int j = 0; j < H; ++j)
                        same += g[lay.w_rec + i * H + j] ==
                                reference([&](int b, int s) { return dz_at(s, i, b) * h_at(s - 1, j, b); }),
                            ++total;
                    same += g[lay.b_hid + i] == reference([&](int b, int s) { return dz_at(s, i, b); }), ++total;
                    same += g[lay.w_in + i * 2] ==
                            reference([&](int b, int s) { return dz_at(s, i, b) * x_at(s - 1, 0, b); }),
                        ++total;
                    same += g[lay.w_in + i * 2 + 1] ==
                            reference([&](int b, int s) { return dz_at(s, i, b) * x_at(s - 1, 1, b); }),
                        ++total;
                }
                INFO("H=" << H << " B=" << B << " n=" << n);
                CHECK(same == total);
            }
}
