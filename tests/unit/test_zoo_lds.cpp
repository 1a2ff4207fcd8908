// Tests for zoo/lds: the Kalman filter and RTS smoother against a 2-step example worked by hand,
// EM never lowering the training log-likelihood, the lecture's argument for why a linear
// dynamical system cannot add (its guess is affine in the current column, so one of the four
// columns is always wrong), and a seeded fit being repeatable.
#include <doctest/doctest.h>

#include <cmath>

#include "core/rng.h"
#include "core/zoo/lds.h"

namespace {

using carry::zoo::LdsConfig;
using carry::zoo::LdsModel;

// Small enough to stay fast, large enough that EM has something to fit.
LdsModel trained_lds(std::uint64_t seed, int iterations, int pairs = 300) {
    LdsConfig config;
    config.seed = seed;
    config.em_iterations = iterations;
    LdsModel model(carry::zoo::make_zoo_data(7, pairs, 1, 16), config);
    for (int guard = 0; guard < 100000 && !model.train_some(); ++guard) {}
    return model;
}

}  // namespace

TEST_SUITE("zoo lds") {
    TEST_CASE("[lds] Kalman filter and RTS smoother match a 2-step example worked by hand") {
        // 1-D state, inputs u = (a, b):
        //   A = 0.5, B = (1, 0), C = 1, D = (0, 0.5), Q = 1, R = 1, mu0 = 0, V0 = 1
        //   u_0 = (1, 0), y_0 = 1;  u_1 = (0, 1), y_1 = 2.
        // t = 0: x_{0|-1} = 0, P = 1; predicted y = 0, S = P + R = 2; e = 1; K = P/S = 1/2
        //        x_{0|0} = 1/2, P_{0|0} = 1 - K S K = 1/2
        //        x_{1|0} = 0.5 * 1/2 + 1 = 5/4, P_{1|0} = 0.25 * 1/2 + 1 = 9/8
        // t = 1: predicted y = 5/4 + 0.5 = 7/4, S = 9/8 + 1 = 17/8; e = 2 - 7/4 = 1/4; K = 9/17
        //        x_{1|1} = 5/4 + (1/4)(9/17) = 47/34, P_{1|1} = (9/8)(1 - 9/17) = 9/17
        // log-likelihood = -1/2 (log 2pi + log 2 + 1/2) - 1/2 (log 2pi + log 17/8 + (1/16)/(17/8))
        // Smoother: J_0 = P_{0|0} A / P_{1|0} = (1/4) / (9/8) = 2/9
        //        x_{0|1} = 1/2 + (2/9)(47/34 - 5/4) = 1/2 + 1/34 = 9/17
        //        P_{0|1} = 1/2 + (2/9)^2 (9/17 - 9/8) = 1/2 - 1/34 = 8/17
        //        Cov[x_1, x_0 | y] = P_{1|1} J_0 = (9/17)(2/9) = 2/17
        carry::zoo::LdsParams p = carry::zoo::make_lds_params(1, 2);
        p.A = {0.5};
        p.B = {1.0, 0.0};
        p.C = {1.0};
        p.D = {0.0, 0.5};
        p.Q = {1.0};
        p.R = 1.0;
        p.x0_mean = {0.0};
        p.x0_cov = {1.0};
        const std::vector<double> u = {1.0, 0.0, 0.0, 1.0}, y = {1.0, 2.0};
        const carry::zoo::KalmanResult f = carry::zoo::kalman_filter(p, u, y);
        REQUIRE(f.T == 2);
        const double eps = 1e-12;
        CHECK(std::abs(f.output_mean[0] - 0.0) < eps);
        CHECK(std::abs(f.output_var[0] - 2.0) < eps);
        CHECK(std::abs(f.filtered_mean[0] - 0.5) < eps);
        CHECK(std::abs(f.filtered_cov[0] - 0.5) < eps);
        CHECK(std::abs(f.predicted_mean[1] - 1.25) < eps);
        CHECK(std::abs(f.predicted_cov[1] - 1.125) < eps);
        CHECK(std::abs(f.output_mean[1] - 1.75) < eps);
        CHECK(std::abs(f.output_var[1] - 17.0 / 8.0) < eps);
        CHECK(std::abs(f.filtered_mean[1] - 47.0 / 34.0) < eps);
        CHECK(std::abs(f.filtered_cov[1] - 9.0 / 17.0) < eps);
        const double log2pi = std::log(2.0 * 3.14159265358979323846);
        const double ll =
            -0.5 * (log2pi + std::log(2.0) + 0.5) - 0.5 * (log2pi + std::log(17.0 / 8.0) + (1.0 / 16.0) / (17.0 / 8.0));
        CHECK(std::abs(f.log_likelihood - ll) < eps);
        const carry::zoo::SmootherResult s = carry::zoo::rts_smoother(p, f);
        CHECK(std::abs(s.mean[0] - 9.0 / 17.0) < eps);
        CHECK(std::abs(s.cov[0] - 8.0 / 17.0) < eps);
        CHECK(std::abs(s.mean[1] - 47.0 / 34.0) < eps);  // the last step: smoothed = filtered
        CHECK(std::abs(s.cov[1] - 9.0 / 17.0) < eps);
        CHECK(std::abs(s.cross_cov[0] - 2.0 / 17.0) < eps);
        // With no observation the filter only predicts: y_0 = D u_0 = 0; x_1 = B u_0 = 1, y_1 = 1 + 0.5.
        const std::vector<double> guess = carry::zoo::lds_predict_outputs(p, u);
        CHECK(std::abs(guess[0] - 0.0) < eps);
        CHECK(std::abs(guess[1] - 1.5) < eps);
    }

    TEST_CASE("[lds] EM never lowers the training log-likelihood") {
        const LdsModel model = trained_lds(3, 12);
        const std::vector<double>& ll = model.log_likelihoods();
        REQUIRE(ll.size() == 13u);
        for (std::size_t i = 1; i < ll.size(); ++i) {
            INFO("iteration " << i << ": " << ll[i - 1] << " -> " << ll[i]);
            CHECK(std::isfinite(ll[i]));
            CHECK(ll[i] >= ll[i - 1] - 1e-9 * std::abs(ll[i - 1]));
        }
        CHECK(ll.back() > ll.front());  // and it does learn something (the sum bits' mean and spread)
        MESSAGE("LDS EM log-likelihood (300 pairs): " << ll.front() << " -> " << ll.back());
    }

    TEST_CASE("[lds] cannot add: its guess is affine in the current column, so one column of four is wrong") {
        const LdsModel model = trained_lds(1, 10);
        carry::Rng rng(11);
        for (int trial = 0; trial < 20; ++trial) {
            const int prefix = static_cast<int>(rng.below(10));
            carry::Pair p = carry::random_pair(rng, prefix + 1);
            double f[2][2];
            int wrong = 0;
            for (int a = 0; a < 2; ++a)
                for (int b = 0; b < 2; ++b) {
                    p.a[static_cast<std::size_t>(prefix)] = static_cast<std::uint8_t>(a);
                    p.b[static_cast<std::size_t>(prefix)] = static_cast<std::uint8_t>(b);
                    f[a][b] = carry::zoo::lds_predict_outputs(
                        model.parameters(), carry::zoo::lds_inputs(p))[static_cast<std::size_t>(prefix)];
                    const auto bits = model.add(p);
                    REQUIRE(bits.has_value());
                    wrong += (*bits)[static_cast<std::size_t>(prefix)] !=
                             carry::true_sum(p)[static_cast<std::size_t>(prefix)];
                }
            INFO("prefix " << prefix << ": f00 " << f[0][0] << " f01 " << f[0][1] << " f10 " << f[1][0] << " f11 "
                           << f[1][1]);
            CHECK(std::abs((f[0][0] + f[1][1]) - (f[0][1] + f[1][0])) < 1e-9);
            CHECK(wrong >= 1);
        }
        // And so whole sums come out right only by luck.
        long long exact = 0, bits_right = 0, bits_total = 0;
        const int pairs = 400;
        for (int i = 0; i < pairs; ++i) {
            const carry::Pair p = carry::random_pair(rng, 16);
            const carry::BitVector want = carry::true_sum(p), got = *model.add(p);
            exact += got == want;
            for (std::size_t t = 0; t < want.size(); ++t) bits_right += got[t] == want[t];
            bits_total += static_cast<long long>(want.size());
        }
        const double bit_accuracy = static_cast<double>(bits_right) / static_cast<double>(bits_total);
        MESSAGE("LDS on 16-bit pairs: exact " << static_cast<double>(exact) / pairs << ", bit accuracy "
                                              << bit_accuracy);
        CHECK(exact <= pairs / 100);
        CHECK(bit_accuracy < 0.7);
    }

    TEST_CASE("[lds] the same seed fits the same parameters; the parameter count") {
        const LdsModel a = trained_lds(5, 3, 120), b = trained_lds(5, 3, 120), c = trained_lds(6, 3, 120);
        CHECK(a.parameters().A == b.parameters().A);
        CHECK(a.parameters().B == b.parameters().B);
        CHECK(a.parameters().C == b.parameters().C);
        CHECK(a.parameters().Q == b.parameters().Q);
        CHECK(a.parameters().R == b.parameters().R);
        CHECK(a.log_likelihoods() == b.log_likelihoods());
        CHECK(a.parameters().A != c.parameters().A);
        // n = 2, 3 inputs: A 4, B 6, C 2, D 3, Q 3, R 1, mu0 2, V0 3.
        CHECK(a.params() == 24u);
        CHECK(a.name() == "linear dynamical system");
        CHECK(a.progress() == 1.0);
    }

}  // TEST_SUITE
