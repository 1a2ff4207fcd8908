// zoo/ridge: ridge regression in closed form, for readouts trained without gradients (the echo
// state network's, zoo/esn.h). Plain loops, no external library; deterministic (only + - * / and
// sqrt, which IEEE rounds exactly, so native and WebAssembly give the same bits).
//
// Implements:
//   - RidgeSystem: the normal equations X^T X and X^T Y accumulated one feature row at a time,
//     for one or several target columns sharing the same X
//   - cholesky_factor() / cholesky_solve(): A = L L^T for a symmetric positive definite A
//   - ridge_solve(): w = (X^T X + beta I)^-1 X^T y for each target column
//
// Dimension legend: F = features per row (bias included as a constant-1 feature by the caller),
// K = target columns. Every matrix is row-major.
#pragma once

#include <cstddef>
#include <vector>

namespace carry::zoo {

struct RidgeSystem {
    int F = 0, K = 1;
    std::vector<double> xtx;  // (F, F) sum over rows of x x^T (the full square, kept symmetric)
    std::vector<double> xty;  // (F, K) sum over rows of x y^T
    long long rows = 0;

    RidgeSystem() = default;
    RidgeSystem(int features, int targets);
    // Adds one row: x (F values) with targets y (K values).
    void add(const double* x, const double* y);
};

// In place: a (n, n), symmetric positive definite, becomes its lower Cholesky factor L (the upper
// triangle is set to 0). Returns false when a pivot is not positive (not positive definite).
bool cholesky_factor(std::vector<double>& a, int n);
// Solves L L^T x = b in place (b: n values), L from cholesky_factor.
void cholesky_solve(const std::vector<double>& l, int n, double* b);

// w (F, K): (X^T X + beta I) w = X^T Y, by Cholesky. beta > 0 makes the system positive definite
// (the bias feature is regularized like the others). Throws std::runtime_error when the
// factorization fails (beta <= 0 on a singular X).
std::vector<double> ridge_solve(const RidgeSystem& s, double beta);

}  // namespace carry::zoo
