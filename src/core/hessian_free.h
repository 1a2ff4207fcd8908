// hessian_free: Hessian-free optimization of the lecture's recurrent net (Martens 2010, Martens &
// Sutskever 2011; issue 20, item 4), the fourth way the lecture gives around gradients that
// vanish or explode through many steps: a truncated Newton method that looks at the curvature.
//
// Implements:
//   - rnn_jv(): J v, the directional derivative of every output LOGIT along a parameter direction
//     v, by one forward-mode (R-op) pass through the unrolled net (the activities from rnn_forward)
//   - gauss_newton_product(): G v = J^T H_L J v with no matrix formed: rnn_jv, then the loss's
//     curvature H_L = diag(o (1 - o)) (sigmoid output + cross-entropy), then the core's own
//     backward pass (rnn_backward) run on that vector
//   - gauss_newton_matrix(): G itself, column by column (tests: for H = 3 it is 26 x 26)
//   - HfConfig, HfState, hf_step(): one truncated-Newton step on a fixed batch: the gradient, then
//     conjugate gradient on (G + lambda I) d = -g started from the previous solution, backtracking
//     over the CG iterates, Levenberg-Marquardt adjustment of lambda
//
// This is an optimizer of its own beside optim.h's SGD and Adam (which the Trainer's one step
// uses); it reuses the core's forward and backward passes (bptt.h) and adds only the R-op pass.
//
// G (for the batch loss, the mean over B sequences of the summed cross-entropy, LossConfig):
//   G = scale * sum over sequences b and targeted outputs s of o_bs (1 - o_bs) J_bs^T J_bs,
//   scale = 1/B (1/(B k) when averaged over k steps). It is positive semi-definite (o0's row and
//   column are 0: o(0) feeds nothing); the damping lambda I makes CG's system definite.
// J^T u through rnn_backward: the backward pass starts every output's error from (o - y) * scale;
// giving it the targets y' = o - u makes that error u * scale. The subtraction rounds: the error
// it sees differs from u by at most half an ulp of o (about 1e-16), far below what CG resolves.
//
// The step (Martens 2010, section 4), on the batch's loss f:
//   g = grad f; CG minimizes the damped quadratic model
//     phi(d) = g.d + 1/2 d.(G + lambda I) d     (f(theta + d) ~ f(theta) + phi(d))
//   from d0 = cg_decay * (the previous step's solution), or from 0 when phi(d0) >= 0; CG's
//   iterates lower phi monotonically (so the step never raises the damped model: tests). G v
//   products use a share of the batch (curvature_share, a different slice each step), g the whole.
//   Stops after max_cg iterations or by Martens' relative progress test: i > k = max(10, i/10),
//   phi_i < 0 and (phi_i - phi_{i-k}) / phi_i < k * cg_tolerance.
//   Backtracking: among iterates kept at i = ceil(1.3^j) and the last, the last is tried first and
//   an earlier one taken while f keeps falling; if f still rose, a line search alpha = 0.8^k
//   (k <= 8, Armijo with c = 0.01); nothing found: the step is rejected (the net does not move).
//   rho = (f(theta + d) - f(theta)) / (q(d) - q(0)), q the UNdamped model g.d + 1/2 d.G d:
//   rho < 1/4: lambda *= 3/2; rho > 3/4: lambda *= 2/3 (Levenberg-Marquardt).
// No preconditioner and no structural damping (Martens & Sutskever 2011's extra penalty on how
// much the hidden states move): the lecture's net is tiny and its units are logistic.
//
// Cost, in sequence sweeps (one forward or one backward pass of one sequence): the gradient 2B,
// the curvature slice's activities Bc, each CG iteration 2Bc (R-op forward + backward), each loss
// evaluation B. HfState::sweeps adds them up, so curves can be drawn against passes through the
// data like SGD's and Adam's.
#pragma once

#include <cstdint>
#include <vector>

#include "core/bptt.h"
#include "core/net.h"

namespace carry {

// rz ((T+2, B), like Activities::o): rz[s*B + b] = d(logit of o(s))/d(params) . v for s = 1..T+1,
// 0 at s = 0 (o(0) is the fixed initial output). acts must come from rnn_forward(net, batch). A
// per-sequence initial state (batch.h0) is data: h(0) then does not move with v.
void rnn_jv(std::vector<double>& rz, const Activities& acts, const Net& net, const Batch& batch,
            const std::vector<double>& v);

// gv (param_count doubles) = G v, G the Gauss-Newton matrix of the batch loss (see above).
void gauss_newton_product(std::vector<double>& gv, const Activities& acts, const Net& net, const Batch& batch,
                          const LossConfig& loss, const std::vector<double>& v);

// G as a (P, P) row-major matrix, P = param_count(H), one R-op pass per parameter (tests).
std::vector<double> gauss_newton_matrix(const Activities& acts, const Net& net, const Batch& batch,
                                        const LossConfig& loss);

// Parameters HF never moves: o0 always (it feeds nothing), h0 when the initial state is fixed.
std::vector<unsigned char> hf_frozen(const Net& net);

struct HfConfig {
    double lambda = 1.0;            // initial damping
    int max_cg = 60;                // CG iterations per step at most
    double cg_decay = 0.95;         // CG starts from cg_decay * the previous solution
    double cg_tolerance = 5e-4;     // Martens' relative progress test
    double curvature_share = 0.25;  // share of the batch the G v products use (0 < share <= 1)
    bool backtrack = true;          // choose among the CG iterates by the loss
};

struct HfState {
    double lambda = 1.0;
    std::vector<double> prev;  // the previous step's CG solution (empty: none yet)
    long long steps = 0;
    long long sweeps = 0;      // sequence sweeps spent so far (see above)
    int curvature_offset = 0;  // where the next curvature slice starts in the batch
};

struct HfStepResult {
    double loss_before = 0.0, loss_after = 0.0;  // the batch loss at theta and where the step went
    double rho = 0.0;                            // reduction ratio (actual / undamped model)
    double damped_model = 0.0;                   // phi(d) of the step taken before the line search (<= 0)
    std::vector<double> cg_phi;                  // phi after each CG iteration (index 0: the start)
    int cg_iterations = 0;
    int iterate = 0;        // the CG iteration whose solution was taken
    double alpha = 1.0;     // the line search's factor (1: none)
    bool accepted = false;  // false: the loss did not fall, theta unchanged
    double lambda = 0.0;    // damping after the adjustment
    long long sweeps = 0;   // spent by this step
};

HfState hf_init(const HfConfig& config);

// One HF step on the fixed batch: net moves (or not, when rejected), state updated.
HfStepResult hf_step(Net& net, HfState& state, const Batch& batch, const HfConfig& config, const LossConfig& loss = {});

// The B-sequence sub-batch of `in` starting at sequence b0, wrapping around (count <= in.B).
void batch_slice(Batch& out, const Batch& in, int b0, int count);

}  // namespace carry
