// zoo/hmm: the lecture's hidden Markov model, as an input-output HMM, tried on binary addition
// (issue 9), and the lecture's "log N bits" argument made concrete with interleaved sums.
//
// The model: a one-of-N hidden state h_t (N = 1..16), the state BEFORE column t is read. The
// input is column t's symbol u_t = a_t + 2 b_t (0..3: the columns 00, 10, 01, 11 as (a, b)), the
// output is sum bit y_t. With one column per step, t = 0 .. n (the zero pad column included):
//   h_0            ~ initial[i]                      (pi)
//   y_t | h_t, u_t ~ emission[h_t][u_t][y]           P(y_t | s_{t-1}, u_t)
//   h_{t+1} | h_t, u_t ~ transition[h_t][u_t][j]     P(s_t | s_{t-1}, u_t)
// Mealy form (the bit is printed on reading the column, from the state before it) because the
// sum bit is a XOR b XOR carry-IN: the carry that came from the columns already read. So the
// state only has to hold that carry, and N = 2 suffices (state = carry): emit a^b^c, go to
// majority(a, b, c). In the Moore form (bit printed from the state after the column) the state
// would have to hold the bit just printed as well as the carry out, i.e. N = 4.
//
// Fitting: EM (Baum-Welch for an input-output HMM) on the input-output streams of ZooData:
// forward-backward with per-step scaling (the log-likelihood is the sum of det_log of the scales),
// then each table row is set to its normalized expected counts. Every EM iteration cannot lower
// the training log-likelihood. Several random restarts (carry::Rng); the one with the best final
// log-likelihood is kept.
//
// Prediction (adding): the model sees the inputs only, never the sum bits. It tracks its state
// distribution forward, P(h_t | u_0 .. u_{t-1}), and prints the bit that is more probable under
// the predictive distribution P(y_t | u_0 .. u_t) = sum_i P(h_t = i | ..) emission[i][u_t][y]
// (a tie prints 0). That is the model's honest belief; with deterministic tables it is exact.
//
// The log N bits argument: N states hold log2 N bits about the past. k additions interleaved
// column by column (sum 1's column 0, sum 2's column 0, .., sum 1's column 1, ..) need k carries
// at once: 2^k states (a queue of carries: emit with the first, push the new carry at the back),
// where a recurrent net needs only about k more hidden units. hmm_interleaved_witness() shows
// that NO 2-state model (any tables) can add two interleaved sums with the rule above.
//
// Implements:
//   - IoStream, addition_stream(), interleaved_stream(): the input and target symbols
//   - HmmParams, hmm_random_params(), hand_built_hmm_params(): tables; the exact adders
//   - hmm_forward_backward(), hmm_log_likelihood(), hmm_em_step() (= E-step + hmm_m_step()),
//     hmm_predict()
//   - hmm_interleaved_witness(): four short streams at least one of which any N = 2 model gets wrong
//   - HmmConfig, make_hmm() (the zoo Model "HMM"), make_hand_built_hmm(), hmm_fit_report()
//   - log_n_bits_explanation(): the sentences the UI shows
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/rng.h"
#include "core/task.h"
#include "core/zoo/model.h"

namespace carry::zoo {

inline constexpr int kHmmMinStates = 1;
inline constexpr int kHmmMaxStates = 16;
inline constexpr int kHmmSymbols = 4;  // input symbols: u = a + 2b
inline constexpr int kHmmOutputs = 2;  // the sum bit

inline int column_symbol(int a, int b) { return a + 2 * b; }

// One input-output stream: inputs[t] = u_t (0..3), outputs[t] = y_t (0/1), same length.
struct IoStream {
    std::vector<std::uint8_t> inputs;
    std::vector<std::uint8_t> outputs;
};
// The n+1 columns of a pair and its n+1 sum bits.
IoStream addition_stream(const Pair& p);
// k sums interleaved column by column: column t of sum i is step t*k + i. Shorter pairs are
// widened with leading zeros to the longest, so every sum has n+1 columns and the stream k(n+1).
// Throws std::invalid_argument when `pairs` is empty.
IoStream interleaved_stream(const std::vector<Pair>& pairs);
// Sum i's bits back out of an interleaved output sequence of k sums.
BitVector deinterleave(const std::vector<std::uint8_t>& outputs, int k, int i);

// The tables. Dimension legend: N = states, U = 4 input symbols, 2 outputs. Rows sum to 1.
struct HmmParams {
    int states = 0;
    std::vector<double> initial;     // (N)        P(h_0 = i)
    std::vector<double> transition;  // (N, U, N)  [(i*U + u)*N + j] = P(h_{t+1} = j | h_t = i, u_t = u)
    std::vector<double> emission;    // (N, U, 2)  [(i*U + u)*2 + y] = P(y_t = y | h_t = i, u_t = u)
};
// Free table entries: (N-1) initial + N*U*(N-1) transition + N*U*1 emission, since each row sums
// to 1 (17 for N = 2).
std::size_t hmm_free_params(int states);

// Random rows (each entry e^(spread * normal), normalized). Throws when states is out of range.
HmmParams hmm_random_params(int states, Rng& rng, double spread = 1.0);

// Exact adder of `interleaved_sums` = k interleaved sums (k = 1: plain addition) with `states`
// states. The state is a queue of the k carries (state = c_1 + 2 c_2 + .. + 2^(k-1) c_k, c_1 the
// carry of the sum whose column comes next): emit a^b^c_1, then shift the queue and push
// majority(a, b, c_1) at the back. Needs states >= 2^k; extra states are never reached (they
// copy state 0's rows). With states < 2^k it builds the best such queue it can hold: the carries
// that do not fit are taken as 0 (for states = 1: the bit is a XOR b, no carry at all), which
// cannot be exact. Throws std::invalid_argument when states or k (1..4) is out of range.
HmmParams hand_built_hmm_params(int states, int interleaved_sums = 1);

// Forward-backward on one stream with per-step scaling. Adds the stream's expected counts into
// the accumulators (same shapes as the tables) when they are non-null; returns log P(outputs |
// inputs) (det_log of the scales; -infinity when the model gives the outputs probability 0).
struct HmmCounts {
    std::vector<double> initial, transition, emission;
};
double hmm_forward_backward(const HmmParams& params, const IoStream& stream, HmmCounts* counts);
double hmm_log_likelihood(const HmmParams& params, const std::vector<IoStream>& streams);
// Zeroed accumulators shaped like the tables.
HmmCounts hmm_zero_counts(const HmmParams& params);
// M-step: each table row to its normalized expected counts (a row with none keeps its values).
// Normalizes `counts` in place.
void hmm_m_step(HmmParams& params, HmmCounts& counts);
// One EM iteration over all streams: E-step with the current tables, then the M-step. Returns the
// log-likelihood of the tables it started from (the E-step computes it anyway); the new tables'
// log-likelihood is at least that.
double hmm_em_step(HmmParams& params, const std::vector<IoStream>& streams);

// The predicted outputs for an input sequence (see "Prediction" above).
std::vector<std::uint8_t> hmm_predict(const HmmParams& params, const std::vector<std::uint8_t>& inputs);
// P(y_t = 1 | u_0 .. u_t) at every step, the numbers hmm_predict() thresholds.
std::vector<double> hmm_predictive_one(const HmmParams& params, const std::vector<std::uint8_t>& inputs);

// The four streams of the pigeonhole argument for two interleaved sums: sum A's column 0 is
// (cA, cA), sum B's is (cB, cB) (carries cA, cB out, sum bits 0), then column 1 of each is (0, 1)
// (sum bits 1^cA, 1^cB). For a 2-state model the state distribution after the first two steps
// is one number p = P(state 1); both next predictions threshold an affine function of p, so each
// splits the four p's into a low and a high pair. The first must split them by cA, the second by
// cB: impossible, so at least one of the four streams is predicted wrongly. Returns the index
// (cA + 2 cB) of the first stream `params` gets wrong, or -1 when it gets all four right (never
// for states <= 2; the hand-built 4-state model does).
std::vector<IoStream> interleaved_witness_streams();
int hmm_interleaved_witness(const HmmParams& params);

struct HmmConfig {
    int states = 2;            // N, 1..16
    int em_iterations = 60;    // M-steps per restart (fewer when the log-likelihood stops rising)
    int restarts = 4;          // random starting tables; the best final log-likelihood is kept
    std::uint64_t seed = 1;    // initial tables (restart r from derive_seed(seed, r))
    double init_spread = 1.0;  // starting entries e^(spread * normal), normalized
    double tolerance = 1e-9;   // a restart stops when an iteration raises the log-likelihood by
                               // less than tolerance * |log-likelihood|
    // Train and add two sums interleaved column by column (the log N bits experiment). Training
    // streams interleave data.train[2m] with data.train[2m+1]; add(p) interleaves p with a
    // companion pair of the same width drawn from a seed hashed from p, and returns p's bits.
    bool interleaved = false;
    // Work per train_some(), in units of about 2 ns natively: a stream of L columns costs
    // L x (N^2 + 32) units (a call reads at least one stream), so about 4 ms a call.
    long long work_per_slice = 2000000;
};

// What EM reached; filled as training goes.
struct HmmFitReport {
    // Per restart: the log-likelihood of its tables after 0, 1, 2, .. M-steps (entry 0: the
    // random start). Never decreasing. The last entry is that of the tables the restart ends with.
    std::vector<std::vector<double>> log_likelihood;
    std::vector<double> final_log_likelihood;  // per finished restart
    int best_restart = -1;
    double best_log_likelihood = 0.0;  // of the tables the model adds with
    long long columns = 0;             // training columns (outputs) in all streams
};

// The zoo model "HMM". Throws std::invalid_argument on a bad config or no training streams.
std::unique_ptr<Model> make_hmm(const ZooData& data, const HmmConfig& config);
// The hand-built exact model (hand_built_hmm_params(states, interleaved ? 2 : 1)) as a zoo Model:
// nothing to train. Adds exactly when states >= 2 (>= 4 interleaved).
std::unique_ptr<Model> make_hand_built_hmm(int states, bool interleaved = false);
// The tables a model from make_hmm()/make_hand_built_hmm() adds with (nullptr for other models).
const HmmParams* hmm_params_of(const Model& model);
const HmmFitReport* hmm_fit_report(const Model& model);

// The sentences the UI shows under the HMM (the lecture's log N bits argument).
std::string log_n_bits_explanation();

}  // namespace carry::zoo
