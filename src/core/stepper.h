// stepper: runs a net over one pair a time step at a time, for the UI's animation of addition
// and of backpropagation through time.
//
// Time steps s = 0 .. T+1 (T = n+1 columns). Frame s shows h(s), o(s), the column x(s) fed at s
// (none for s >= T), and, for s >= kOutputDelay, the target bit of column s - kOutputDelay: the sum
// bit for add, the bit the task's machine prints after that column for any task (issue 19).
// After backward(), every frame also has the per-step error derivatives.
#pragma once

#include <vector>

#include "core/bptt.h"
#include "core/net.h"
#include "core/machine.h"
#include "core/task.h"

namespace carry {

struct StepFrame {
    int s = 0;                   // time step
    bool has_input = false;      // s < T: column s enters the net at this step
    int a = 0, b = 0;            // column s's bits (0 when !has_input)
    std::vector<double> hidden;  // h(s), H values (empty at s = T+1: no column is left to take in)
    double output = 0.0;         // o(s)
    bool has_target = false;     // s >= kOutputDelay and column s-kOutputDelay is targeted
    int column = -1;             // s - kOutputDelay when s >= kOutputDelay, else -1
    int target = 0;              // sum bit of that column
    int guess = 0;               // o(s) >= 0.5
    double loss = 0.0;           // cross-entropy at this step (0 without target)
    // After backward():
    double d_output_logit = 0.0;         // dE/dz of the output at s
    std::vector<double> d_hidden;        // dE/dh(s), H values
    std::vector<double> d_hidden_logit;  // dE/dz_h(s), H values (0 at s = 0)
};

class Stepper {
public:
    // `task` (issue 19): the targets are its printed bits (true_sum() holds them), and a one-input
    // task's b is dropped, as in training.
    Stepper(const Net& net, const Pair& pair, const LossConfig& loss = {}, const Task& task = add_task());

    int steps() const { return T_ + 2; }  // frames 0 .. T+1
    int columns() const { return T_; }
    int current() const { return current_; }  // frames 0..current() are revealed
    bool done() const { return current_ >= steps() - 1; }
    bool advance();  // reveals the next frame; false when done
    void reset() { current_ = 0; }
    void run_to_end() { current_ = steps() - 1; }

    // All frames are computed up front; current() is only for the animation.
    const StepFrame& frame(int s) const { return frames_[static_cast<std::size_t>(s)]; }

    void backward();  // fills the derivative fields of every frame (and gradient())
    bool has_backward() const { return has_backward_; }
    const std::vector<double>& gradient() const { return grads_; }  // param order, of this pair's loss

    double loss() const { return loss_; }  // total CE over targeted steps
    const BitVector& net_sum() const { return net_sum_; }
    const BitVector& true_sum() const { return true_sum_; }  // the task's targets (for add, the sum)
    const Net& net() const { return net_; }

private:
    Net net_;
    LossConfig loss_cfg_;
    Batch batch_;
    Activities acts_;
    std::vector<StepFrame> frames_;
    std::vector<double> grads_;
    BitVector net_sum_, true_sum_;
    double loss_ = 0.0;
    int T_ = 0, current_ = 0;
    bool has_backward_ = false;
};

}  // namespace carry
