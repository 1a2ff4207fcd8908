// Tests for core/zoo/esn and core/zoo/ridge: the readout's Cholesky solve of the normal equations
// matches an independent direct least-squares solve (QR of the augmented matrix); the power
// iteration finds known spectral radii, complex pairs included; memory capacity grows with the
// spectral radius and stays within N; the ESN is deterministic down to a recorded hash, the same
// natively and in WebAssembly.
#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/rng.h"
#include "core/mathx.h"
#include "core/settings.h"
#include "core/zoo/esn.h"
#include "core/zoo/ridge.h"

using carry::Pair;
using carry::Rng;
using namespace carry::zoo;

namespace {

// min |A w - y|^2 + beta |w|^2 as the plain least-squares problem of [A; sqrt(beta) I] and
// [y; 0], solved by modified Gram-Schmidt QR (never forming A^T A).
std::vector<double> direct_least_squares(const std::vector<double>& a, int rows, int cols, const std::vector<double>& y,
                                         double beta) {
    const int m = rows + cols;
    std::vector<std::vector<double>> q(static_cast<std::size_t>(cols),
                                       std::vector<double>(static_cast<std::size_t>(m), 0.0));
    for (int j = 0; j < cols; ++j) {
        for (int i = 0; i < rows; ++i) q[j][static_cast<std::size_t>(i)] = a[static_cast<std::size_t>(i * cols + j)];
        q[j][static_cast<std::size_t>(rows + j)] = std::sqrt(beta);
    }
    std::vector<double> r(static_cast<std::size_t>(cols * cols), 0.0);
    for (int j = 0; j < cols; ++j) {
        for (int k = 0; k < j; ++k) {
            double d = 0.0;
            for (int i = 0; i < m; ++i) d += q[k][i] * q[j][i];
            r[k * cols + j] = d;
            for (int i = 0; i < m; ++i) q[j][i] -= d * q[k][i];
        }
        double n = 0.0;
        for (int i = 0; i < m; ++i) n += q[j][i] * q[j][i];
        n = std::sqrt(n);
        r[j * cols + j] = n;
        for (int i = 0; i < m; ++i) q[j][i] /= n;
    }
    std::vector<double> qty(static_cast<std::size_t>(cols), 0.0), w(static_cast<std::size_t>(cols), 0.0);
    for (int j = 0; j < cols; ++j)
        for (int i = 0; i < rows; ++i) qty[j] += q[j][i] * y[i];
    for (int j = cols - 1; j >= 0; --j) {
        double s = qty[j];
        for (int k = j + 1; k < cols; ++k) s -= r[j * cols + k] * w[k];
        w[j] = s / r[j * cols + j];
    }
    return w;
}

}  // namespace

TEST_SUITE("zoo esn") {
    TEST_CASE("[esn] the ridge readout equals a direct least-squares solve of the same features") {
        EsnConfig cfg;
        cfg.size = 12;
        cfg.ridge = 1e-3;
        Esn esn = esn_init(cfg);
        Rng rng(11);
        std::vector<Pair> train;
        for (int i = 0; i < 30; ++i) train.push_back(carry::random_pair(rng, 1, 10));
        const long long steps = esn_fit(esn, train);
        // The same rows, stacked into one matrix, solved without the normal equations.
        std::vector<double> a, y, rows;
        for (const Pair& p : train) {
            esn_features(rows, esn, p);
            a.insert(a.end(), rows.begin(), rows.end());
            for (auto bit : carry::true_sum(p)) y.push_back(bit);
        }
        const int F = esn.features();
        REQUIRE(static_cast<long long>(y.size()) == steps);
        const std::vector<double> w = direct_least_squares(a, static_cast<int>(y.size()), F, y, cfg.ridge);
        double worst = 0.0, biggest = 0.0;
        for (int k = 0; k < F; ++k) {
            worst = std::max(worst, std::fabs(w[k] - esn.readout[k]));
            biggest = std::max(biggest, std::fabs(w[k]));
        }
        MESSAGE("readout[0..2] " << esn.readout[0] << " " << esn.readout[1] << " " << esn.readout[2] << "; direct "
                                 << w[0] << " " << w[1] << " " << w[2] << "; worst difference " << worst);
        CHECK(worst <= 1e-7 * std::max(1.0, biggest));

        // A Cholesky that is given a matrix that is not positive definite says so.
        std::vector<double> bad{1.0, 2.0, 2.0, 1.0};
        CHECK_FALSE(cholesky_factor(bad, 2));
    }

    TEST_CASE("[esn] power iteration finds the spectral radius, complex pairs too; the reservoir is scaled to it") {
        // diag(0.3, -0.8, 0.5): 0.8.
        std::vector<double> d{0.3, 0, 0, 0, -0.8, 0, 0, 0, 0.5};
        CHECK(spectral_radius(d, 3) == doctest::Approx(0.8).epsilon(1e-6));
        // 1.3 x a rotation by 1 radian: eigenvalues 1.3 e^{+-i}, the iterate rotates and never settles.
        const double c = 0.5403023058681398, s = 0.8414709848078965;
        std::vector<double> rot{1.3 * c, -1.3 * s, 1.3 * s, 1.3 * c};
        CHECK(spectral_radius(rot, 2) == doctest::Approx(1.3).epsilon(1e-6));
        // A random reservoir after scaling: measured again, within 1%.
        for (double rho : {0.5, 0.9, 1.2}) {
            EsnConfig cfg;
            cfg.size = 60;
            cfg.spectral_radius = rho;
            const Esn esn = esn_init(cfg);
            const double again = spectral_radius(esn.w, cfg.size, 99);
            MESSAGE("target " << rho << ", raw " << esn.raw_radius << ", measured after scaling " << again);
            CHECK(again == doctest::Approx(rho).epsilon(0.01));
        }
        EsnConfig bad;
        bad.leak = 0.0;
        CHECK_THROWS_AS(esn_init(bad), std::invalid_argument);
    }

    TEST_CASE("[esn] memory capacity grows with the spectral radius and stays within N") {
        EsnConfig cfg;
        cfg.size = 30;
        cfg.input_scale = 0.2;  // nearly linear units
        std::vector<double> mc;
        for (double rho : {0.1, 0.5, 0.95}) {
            cfg.spectral_radius = rho;
            const Esn esn = esn_init(cfg);
            std::vector<double> per;
            mc.push_back(esn_memory_capacity(esn, 40, 2000, 5, &per));
            MESSAGE("rho " << rho << ": MC " << mc.back() << " (delay 1: " << per[0] << ", delay 5: " << per[4] << ")");
            CHECK(mc.back() <= cfg.size + 0.5);
        }
        CHECK(mc[0] < mc[1]);
        CHECK(mc[1] < mc[2]);
        CHECK(mc[2] > 3.0);
    }

    TEST_CASE("[esn] deterministic: a recorded hash of the readout, natively and in WebAssembly") {
        EsnConfig cfg;
        cfg.size = 40;
        Esn esn = esn_init(cfg);
        Rng rng(3);
        std::vector<Pair> train;
        for (int i = 0; i < 50; ++i) train.push_back(carry::random_pair(rng, 1, 12));
        esn_fit(esn, train);
        Esn again = esn_init(cfg);
        esn_fit(again, train);
        CHECK(again.readout == esn.readout);
        const std::uint64_t h = carry::params_hash(esn.readout);
        MESSAGE("readout hash " << carry::params_hash_hex(esn.readout) << ", raw radius " << esn.raw_radius);
        CHECK(h == 0xdcb0d0e0a8620103ULL);
        const double mc = esn_memory_capacity(esn, 20, 600, 7);
        MESSAGE("memory capacity bits " << carry::double_to_bits(mc) << " (" << mc << ")");
        CHECK(carry::double_to_bits(mc) == 4615524871026776961ULL);
    }
}
