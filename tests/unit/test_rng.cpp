// The project's RNG and libm-free math: golden values (same natively and in WebAssembly),
// ranges, distributions, state round trip; det_exp / det_log against the C library.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>

#include "core/mathx.h"
#include "core/rng.h"

using namespace carry;

TEST_CASE("[rng] golden values: splitmix64 seeding + xoshiro256** are stable everywhere") {
    Rng rng(42);
    const std::uint64_t a = rng.next_u64(), b = rng.next_u64(), c = rng.next_u64();
    MESSAGE("Rng(42): " << a << " " << b << " " << c);
    CHECK(a == 1546998764402558742ULL);
    CHECK(b == 6990951692964543102ULL);
    CHECK(c == 12544586762248559009ULL);
    Rng r2(42);
    CHECK(r2.normal() == -0.72621913824478568);
}

TEST_CASE("[rng] ranges and distributions") {
    Rng rng(1);
    double sum = 0, sum2 = 0;
    int counts[6] = {};
    const int N = 60000;
    for (int k = 0; k < N; ++k) {
        const double u = rng.uniform();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        const auto r = rng.range(-2, 3);
        REQUIRE(r >= -2);
        REQUIRE(r <= 3);
        ++counts[r + 2];
        const double z = rng.normal();
        sum += z;
        sum2 += z * z;
    }
    for (int c : counts) CHECK(std::abs(c - N / 6) < 500);
    CHECK(std::abs(sum / N) < 0.02);
    CHECK(std::abs(sum2 / N - 1.0) < 0.03);
    CHECK(rng.below(1) == 0);
    CHECK(rng.range(5, 5) == 5);
}

TEST_CASE("[rng] state save/restore replays the stream; derived seeds differ") {
    Rng rng(7);
    rng.next_u64();
    const RngState st = rng.state();
    const double x = rng.uniform();
    Rng other(0);
    other.set_state(st);
    CHECK(other.uniform() == x);
    CHECK(derive_seed(1, 0) != derive_seed(1, 1));
    CHECK(derive_seed(1, 0) != derive_seed(2, 0));
    CHECK(derive_seed(3, 4) == derive_seed(3, 4));
}

TEST_CASE("[mathx] det_exp, sigmoid, det_log agree with libm to ~1 ulp") {
    double max_rel_exp = 0, max_rel_log = 0;
    Rng rng(3);
    for (int k = 0; k < 20000; ++k) {
        const double x = rng.uniform(-700.0, 700.0) * (k % 2 ? 1.0 : 0.01);
        max_rel_exp = std::fmax(max_rel_exp, std::fabs(det_exp(x) - std::exp(x)) / std::exp(x));
        const double y = std::exp(rng.uniform(-700.0, 700.0));
        max_rel_log =
            std::fmax(max_rel_log, std::fabs(det_log(y) - std::log(y)) / std::fmax(std::fabs(std::log(y)), 1e-300));
    }
    MESSAGE("max relative error: exp " << max_rel_exp << ", log " << max_rel_log);
    CHECK(max_rel_exp < 4e-16);
    CHECK(max_rel_log < 4e-16);
    CHECK(det_exp(0.0) == 1.0);
    CHECK(det_log(1.0) == 0.0);
    CHECK(sigmoid(0.0) == 0.5);
    CHECK(sigmoid(800.0) == 1.0);
    CHECK(sigmoid(-800.0) > 0.0);
    CHECK(std::isnan(sigmoid(std::nan(""))));
    CHECK(logistic_cross_entropy(0.0, 1.0) == doctest::Approx(std::log(2.0)).epsilon(1e-15));
    CHECK(logistic_cross_entropy(-50.0, 1.0) == doctest::Approx(50.0).epsilon(1e-15));
}
