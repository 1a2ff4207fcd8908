// Tests for core/hessian_free: the R-op pass (J v) against centred finite differences of the
// output logits; Gauss-Newton products against the formed 26 x 26 matrix of the lecture's net
// (and G symmetric, positive semi-definite along random directions); an HF step never raises the
// damped model's objective (CG's phi falls monotonically from <= 0) nor the batch loss; HF lowers
// the loss of a fixed batch; everything deterministic to a recorded hash (native = WebAssembly).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/bptt.h"
#include "core/hessian_free.h"
#include "core/mathx.h"
#include "core/net.h"
#include "core/rng.h"
#include "core/settings.h"

using namespace carry;

namespace {

Batch random_batch(std::uint64_t seed, int B, int n) {
    Batch b;
    Rng rng(seed);
    batch_random(b, rng, B, n);
    return b;
}

// Output logits w_out . h(s) + b_out at s = 0..T, from the forward pass's activities.
std::vector<double> logits(const Net& net, const Batch& batch) {
    Activities a;
    rnn_forward(a, net, batch, {});
    const int H = net.hidden(), B = batch.B, T = batch.T;
    std::vector<double> z(static_cast<std::size_t>(T + 2) * B, 0.0);
    for (int s = 0; s <= T; ++s)
        for (int b = 0; b < B; ++b) {
            double v = net.params[param_layout(H).b_out];
            for (int j = 0; j < H; ++j)
                v += net.params[param_layout(H).w_out + j] * a.h[(static_cast<std::size_t>(s) * H + j) * B + b];
            z[static_cast<std::size_t>(s + 1) * B + b] = v;
        }
    return z;
}

std::vector<double> random_direction(Rng& rng, std::size_t n) {
    std::vector<double> v(n);
    for (double& x : v) x = rng.normal();
    return v;
}

}  // namespace

TEST_SUITE("hessian free") {
    TEST_CASE("[hf] J v by the R-op pass matches centred finite differences of every output logit") {
        for (const int H : {3, 5}) {
            Net net = net_init(NetConfig{H}, 7);
            const Batch batch = random_batch(3, 5, 9);
            Activities acts;
            rnn_forward(acts, net, batch, {});
            Rng rng(2);
            const std::vector<double> v = random_direction(rng, net.params.size());
            std::vector<double> rz;
            rnn_jv(rz, acts, net, batch, v);
            const double eps = 1e-6;
            Net plus = net, minus = net;
            for (std::size_t i = 0; i < v.size(); ++i) plus.params[i] += eps * v[i], minus.params[i] -= eps * v[i];
            const std::vector<double> zp = logits(plus, batch), zm = logits(minus, batch);
            double worst = 0.0, biggest = 0.0;
            for (std::size_t k = 0; k < rz.size(); ++k) {
                const double fd = (zp[k] - zm[k]) / (2 * eps);
                worst = std::max(worst, std::fabs(fd - rz[k]));
                biggest = std::max(biggest, std::fabs(rz[k]));
            }
            MESSAGE("H=" << H << ": |Jv| up to " << biggest << ", worst difference from finite differences " << worst);
            CHECK(biggest > 0.1);
            CHECK(worst < 1e-6 * std::max(1.0, biggest));
        }
    }

    TEST_CASE("[hf] Gauss-Newton products equal the formed 26 x 26 matrix; G is symmetric and PSD") {
        Net net = net_init(NetConfig{}, 5);  // H = 3: param_count(3) = 26
        REQUIRE(net.params.size() == 26);
        const Batch batch = random_batch(9, 6, 7);
        for (const LossConfig loss : {LossConfig{}, LossConfig{2, false}, LossConfig{0, true}}) {
            Activities acts;
            rnn_forward(acts, net, batch, loss);
            const std::vector<double> g = gauss_newton_matrix(acts, net, batch, loss);
            const std::size_t P = 26;
            double sym = 0.0, gmax = 0.0;
            for (std::size_t i = 0; i < P; ++i)
                for (std::size_t j = 0; j < P; ++j) {
                    sym = std::max(sym, std::fabs(g[i * P + j] - g[j * P + i]));
                    gmax = std::max(gmax, std::fabs(g[i * P + j]));
                }
            CHECK(sym <= 1e-14 * gmax);
            // o0 feeds nothing: its row is zero.
            const std::size_t o0 = param_layout(3).o0;
            for (std::size_t j = 0; j < P; ++j) CHECK(g[o0 * P + j] == 0.0);
            Rng rng(4);
            double worst = 0.0;
            for (int trial = 0; trial < 5; ++trial) {
                const std::vector<double> v = random_direction(rng, P);
                std::vector<double> gv;
                gauss_newton_product(gv, acts, net, batch, loss, v);
                double vgv = 0.0;
                for (std::size_t i = 0; i < P; ++i) {
                    double m = 0.0;
                    for (std::size_t j = 0; j < P; ++j) m += g[i * P + j] * v[j];
                    worst = std::max(worst, std::fabs(m - gv[i]));
                    vgv += v[i] * gv[i];
                }
                CHECK(vgv >= 0.0);
            }
            MESSAGE("last_k " << loss.last_k << ", averaged " << loss.average_over_steps << ": |G| up to " << gmax
                              << ", worst |G v - product| " << worst);
            CHECK(gmax > 1e-3);
            CHECK(worst <= 1e-12 * std::max(1.0, gmax));
        }
    }

    TEST_CASE("[hf] a step never raises the damped model's objective, nor the loss on its fixed batch") {
        for (const std::uint64_t seed : {1ULL, 2ULL, 3ULL}) {
            Net net = net_init(NetConfig{}, seed);
            const Batch batch = random_batch(seed + 10, 32, 8);
            HfConfig cfg;
            cfg.curvature_share = seed == 1 ? 1.0 : 0.25;
            HfState st = hf_init(cfg);
            double first = 0.0, last = 0.0;
            for (int step = 0; step < 15; ++step) {
                const HfStepResult r = hf_step(net, st, batch, cfg);
                if (step == 0) first = r.loss_before;
                REQUIRE(!r.cg_phi.empty());
                CHECK(r.cg_phi.front() <= 0.0);  // the start is 0 or a warm start below it
                for (std::size_t i = 1; i < r.cg_phi.size(); ++i)
                    CHECK(r.cg_phi[i] <= r.cg_phi[i - 1] + 1e-12 * std::fabs(r.cg_phi[i - 1]));
                CHECK(r.damped_model <= 0.0);
                CHECK(r.loss_after <= r.loss_before);
                if (!r.accepted) CHECK(r.loss_after == r.loss_before);
                last = r.loss_after;
            }
            MESSAGE("seed " << seed << ": batch loss " << first << " -> " << last << " in 15 HF steps, lambda "
                            << st.lambda << ", " << st.sweeps << " sequence sweeps");
            CHECK(last < 0.7 * first);
        }
    }

    TEST_CASE("[hf] deterministic: a recorded weight hash after 10 steps, natively and in WebAssembly") {
        Net net = net_init(NetConfig{}, 1);
        const Batch batch = random_batch(21, 64, 10);
        HfConfig cfg;
        HfState st = hf_init(cfg);
        for (int i = 0; i < 10; ++i) hf_step(net, st, batch, cfg);
        Net again = net_init(NetConfig{}, 1);
        HfState st2 = hf_init(cfg);
        for (int i = 0; i < 10; ++i) hf_step(again, st2, batch, cfg);
        CHECK(again.params == net.params);
        MESSAGE("HF weight hash " << params_hash_hex(net.params) << ", lambda " << st.lambda);
        CHECK(params_hash(net.params) == 0x2c4a0eec7bd1cf64ULL);
    }
}
