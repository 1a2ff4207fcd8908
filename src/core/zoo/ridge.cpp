// zoo/ridge: ridge regression by Cholesky (see ridge.h).
#include "core/zoo/ridge.h"

#include <cmath>
#include <stdexcept>

namespace carry::zoo {

RidgeSystem::RidgeSystem(int features, int targets)
    : F(features),
      K(targets),
      xtx(static_cast<std::size_t>(features) * features, 0.0),
      xty(static_cast<std::size_t>(features) * targets, 0.0) {}

void RidgeSystem::add(const double* x, const double* y) {
    // Lower triangle only in the loop; mirrored when solving (half the work).
    for (int i = 0; i < F; ++i) {
        const double xi = x[i];
        if (xi == 0.0) continue;  // one-hot and zero features (the column bits) cost nothing
        double* row = xtx.data() + static_cast<std::size_t>(i) * F;
        for (int j = 0; j <= i; ++j) row[j] += xi * x[j];
        double* ty = xty.data() + static_cast<std::size_t>(i) * K;
        for (int k = 0; k < K; ++k) ty[k] += xi * y[k];
    }
    ++rows;
}

bool cholesky_factor(std::vector<double>& a, int n) {
    const auto N = static_cast<std::size_t>(n);
    for (std::size_t j = 0; j < N; ++j) {
        double d = a[j * N + j];
        for (std::size_t k = 0; k < j; ++k) d -= a[j * N + k] * a[j * N + k];
        if (!(d > 0.0)) return false;
        const double ljj = std::sqrt(d);
        a[j * N + j] = ljj;
        for (std::size_t i = j + 1; i < N; ++i) {
            double s = a[i * N + j];
            for (std::size_t k = 0; k < j; ++k) s -= a[i * N + k] * a[j * N + k];
            a[i * N + j] = s / ljj;
        }
        for (std::size_t i = 0; i < j; ++i) a[i * N + j] = 0.0;
    }
    return true;
}

void cholesky_solve(const std::vector<double>& l, int n, double* b) {
    const auto N = static_cast<std::size_t>(n);
    for (std::size_t i = 0; i < N; ++i) {  // L z = b
        double s = b[i];
        for (std::size_t k = 0; k < i; ++k) s -= l[i * N + k] * b[k];
        b[i] = s / l[i * N + i];
    }
    for (std::size_t i = N; i-- > 0;) {  // L^T x = z
        double s = b[i];
        for (std::size_t k = i + 1; k < N; ++k) s -= l[k * N + i] * b[k];
        b[i] = s / l[i * N + i];
    }
}

std::vector<double> ridge_solve(const RidgeSystem& s, double beta) {
    const auto F = static_cast<std::size_t>(s.F), K = static_cast<std::size_t>(s.K);
    std::vector<double> a(F * F);
    for (std::size_t i = 0; i < F; ++i)
        for (std::size_t j = 0; j <= i; ++j) a[i * F + j] = a[j * F + i] = s.xtx[i * F + j];
    for (std::size_t i = 0; i < F; ++i) a[i * F + i] += beta;
    if (!cholesky_factor(a, s.F)) throw std::runtime_error("ridge_solve: X^T X + beta I is not positive definite");
    std::vector<double> w(F * K), col(F);
    for (std::size_t k = 0; k < K; ++k) {
        for (std::size_t i = 0; i < F; ++i) col[i] = s.xty[i * K + k];
        cholesky_solve(a, s.F, col.data());
        for (std::size_t i = 0; i < F; ++i) w[i * K + k] = col[i];
    }
    return w;
}

}  // namespace carry::zoo
