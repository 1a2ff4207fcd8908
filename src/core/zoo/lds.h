// zoo/lds: the lecture's linear dynamical system, tried on binary addition (issue 9).
//
// A real-valued hidden state x_t (state_dim numbers) with linear dynamics and Gaussian noise,
// driven by the column's inputs, and a linear-Gaussian output:
//   x_{t+1} = A x_t + B u_t + w,   w ~ N(0, Q)        u_t = (a_t, b_t, 1): column t's two bits and a
//   y_t     = C x_t + D u_t + v,   v ~ N(0, R)        constant 1 (an offset in both equations)
//   x_0 ~ N(mu0, V0)
// y_t is sum bit t of the pair (0/1 as a real), t = 0 .. n (the pad column included).
//
// Fitted by EM (Ghahramani & Hinton 1996, "Parameter estimation for linear dynamical systems",
// with inputs): the E-step runs the Kalman filter and the RTS smoother over every training pair
// and adds up the expected sufficient statistics; the M-step sets every parameter in closed form.
// Each EM iteration cannot lower the log-likelihood of the training sums.
//
// Inference is Kalman filtering. To add, the model sees only the inputs (never the true sum
// bits): with no observation the filter only predicts, and its predicted mean of y_t given
// u_0 .. u_t, thresholded at 0.5, is the model's sum bit t.
//
// Why it cannot add: for a fixed history that prediction is affine in the current column (a, b),
// so f(0,0) + f(1,1) = f(0,1) + f(1,0); the sum bit a XOR b XOR carry needs the two sides on
// opposite sides of 2 x 0.5, so at every column at least one of the four (a, b) is wrong.
//
// Implements:
//   - LdsParams, kalman_filter(), rts_smoother(), lds_predict_outputs() (free functions, any
//     state and input dimension, a scalar output)
//   - LdsConfig, LdsModel (the zoo Model), make_lds()
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/zoo/model.h"

namespace carry::zoo {

inline constexpr int kLdsMaxStateDim = 8;
inline constexpr int kLdsInputs = 3;  // a, b and the constant 1

// Parameters of an LDS with a scalar output. Matrices row-major.
// Dimension legend: n = state_dim, m = input_dim.
struct LdsParams {
    int state_dim = 0;            // n
    int input_dim = 0;            // m
    std::vector<double> A;        // (n, n) dynamics
    std::vector<double> B;        // (n, m) input to state
    std::vector<double> C;        // (n)    state to output
    std::vector<double> D;        // (m)    input to output
    std::vector<double> Q;        // (n, n) state noise covariance
    double R = 1.0;               //        output noise variance
    std::vector<double> x0_mean;  // (n)    mu0
    std::vector<double> x0_cov;   // (n, n) V0
};
// All-zero matrices of the given shape (R = 1).
LdsParams make_lds_params(int state_dim, int input_dim);

// The Kalman filter over one sequence of T steps. inputs: (T, m); observations: y_0 .. y_{K-1}
// with K <= T; steps t >= K have no observation (the filter only predicts there).
struct KalmanResult {
    int T = 0;
    std::vector<double> predicted_mean;  // (T, n)    x_{t|t-1} = E[x_t | y_0..y_{t-1}]
    std::vector<double> predicted_cov;   // (T, n, n) P_{t|t-1}
    std::vector<double> filtered_mean;   // (T, n)    x_{t|t} (= predicted where unobserved)
    std::vector<double> filtered_cov;    // (T, n, n) P_{t|t}
    std::vector<double> output_mean;     // (T)       E[y_t | y_0..y_{t-1}] = C x_{t|t-1} + D u_t
    std::vector<double> output_var;      // (T)       C P_{t|t-1} C' + R
    double log_likelihood = 0.0;         // log p(observed y | inputs)
};
KalmanResult kalman_filter(const LdsParams& params, const std::vector<double>& inputs,
                           const std::vector<double>& observations);

// The Rauch-Tung-Striebel smoother after a filter pass over all T steps.
struct SmootherResult {
    std::vector<double> mean;       // (T, n)      E[x_t | all y]
    std::vector<double> cov;        // (T, n, n)   Cov[x_t | all y]
    std::vector<double> cross_cov;  // (T-1, n, n) Cov[x_{t+1}, x_t | all y]
};
SmootherResult rts_smoother(const LdsParams& params, const KalmanResult& filtered);

// The model's guess of y_t for t = 0 .. T-1 from the inputs alone: the filter's predicted output
// mean with no observation (non-finite values, from an unstable A on a long sequence, become 0).
std::vector<double> lds_predict_outputs(const LdsParams& params, const std::vector<double>& inputs);

// u_t = (a_t, b_t, 1) for the n+1 columns of p: (n+1, kLdsInputs).
std::vector<double> lds_inputs(const Pair& p);

struct LdsConfig {
    int state_dim = 2;               // 1 .. kLdsMaxStateDim
    int em_iterations = 40;          // M-steps
    std::uint64_t seed = 1;          // the initial parameters
    double init_scale = 0.5;         // initial A, B, C entries ~ init_scale * N(0,1) / sqrt(n)
    long long work_per_call = 4000;  // columns the E-step processes per train_some() (a few ms)
};

class LdsModel final : public Model {
public:
    LdsModel(const ZooData& data, const LdsConfig& config);
    ~LdsModel() override;
    LdsModel(LdsModel&&) noexcept;
    LdsModel& operator=(LdsModel&&) noexcept;

    std::string name() const override { return "linear dynamical system"; }
    // Entries of A, B, C, D, the symmetric Q and V0 counted once each (n(n+1)/2), R, mu0:
    // n^2 + 3n + n + 3 + n(n+1)/2 + 1 + n + n(n+1)/2 (n = state_dim; 3 inputs with the constant).
    std::size_t params() const override;
    bool train_some() override;
    double progress() const override;
    std::optional<BitVector> add(const Pair& p) const override;
    std::string reason() const override;

    const LdsParams& parameters() const { return params_; }
    // Training log-likelihood (sum over the pairs, in nats) before each M-step and after the last:
    // em_iterations + 1 values once training is complete.
    const std::vector<double>& log_likelihoods() const { return log_likelihoods_; }
    int iterations_done() const { return iteration_; }

private:
    struct Stats;
    void e_step_sequence(const Pair& p);
    void m_step();

    ZooData data_;
    LdsConfig config_;
    LdsParams params_;
    std::vector<double> log_likelihoods_;
    std::unique_ptr<Stats> stats_;  // expected sufficient statistics of the current E-step
    std::size_t cursor_ = 0;        // next training pair of the current E-step
    int iteration_ = 0;             // M-steps done
    bool done_ = false;
};

std::unique_ptr<Model> make_lds(const ZooData& data, const LdsConfig& config);

}  // namespace carry::zoo
