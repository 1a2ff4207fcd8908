// stepper: every frame of one pair's run (and, on request, its backward pass) for the UI.
#include "core/stepper.h"

#include <algorithm>

#include "core/mathx.h"

namespace carry {

Stepper::Stepper(const Net& net, const Pair& given, const LossConfig& loss, const Task& task)
    : net_(net), loss_cfg_(loss) {
    // A one-input task reads a alone: b is fed as zeros (and shown so).
    Pair pair = given;
    if (task.machine.inputs == 1) std::fill(pair.b.begin(), pair.b.end(), std::uint8_t{0});
    batch_from_pairs(batch_, {pair}, task);
    T_ = batch_.T;
    loss_ = rnn_forward(acts_, net_, batch_, loss_cfg_);
    true_sum_ = task_targets(task, pair);
    net_sum_.assign(static_cast<std::size_t>(T_), 0);
    const int H = net_.hidden();
    const int first_target = T_ - targeted_columns(T_, loss_cfg_);
    frames_.resize(static_cast<std::size_t>(steps()));
    for (int s = 0; s < steps(); ++s) {
        StepFrame& f = frames_[static_cast<std::size_t>(s)];
        f.s = s;
        f.has_input = s < T_;
        f.a = column_a(pair, s);
        f.b = task.machine.inputs == 1 ? 0 : column_b(pair, s);
        f.hidden.assign(H, 0.0);
        if (s <= T_)
            for (int i = 0; i < H; ++i) f.hidden[i] = acts_.h[static_cast<std::size_t>(s) * H + i];
        else
            f.hidden.clear();  // h(T+1) is never computed: no column is left to take in
        f.output = acts_.o[static_cast<std::size_t>(s)];
        f.guess = f.output >= 0.5 ? 1 : 0;
        f.column = s >= kOutputDelay ? s - kOutputDelay : -1;
        if (f.column >= 0) {
            f.target = true_sum_[static_cast<std::size_t>(f.column)];
            net_sum_[static_cast<std::size_t>(f.column)] = static_cast<std::uint8_t>(f.guess);
            f.has_target = f.column >= first_target;
            if (f.has_target) {
                // CE from the output activity (display only; clamped so a saturated unit shows a finite loss).
                double pc = f.target ? f.output : 1.0 - f.output;
                pc = pc < 1e-300 ? 1e-300 : pc;
                f.loss = -det_log(pc);
            }
        }
        f.d_hidden.assign(f.hidden.size(), 0.0);
        f.d_hidden_logit.assign(f.hidden.size(), 0.0);
    }
}

bool Stepper::advance() {
    if (done()) return false;
    ++current_;
    return true;
}

void Stepper::backward() {
    Deltas d;
    grads_.assign(param_count(net_.hidden()), 0.0);
    rnn_backward(grads_, acts_, net_, batch_, loss_cfg_, &d);
    const int H = net_.hidden();
    for (int s = 0; s < steps(); ++s) {
        StepFrame& f = frames_[static_cast<std::size_t>(s)];
        f.d_output_logit = d.d_out[static_cast<std::size_t>(s)];
        if (s <= T_)
            for (int i = 0; i < H; ++i) {
                f.d_hidden[i] = d.d_h[static_cast<std::size_t>(s) * H + i];
                f.d_hidden_logit[i] = d.d_zh[static_cast<std::size_t>(s) * H + i];
            }
    }
    has_backward_ = true;
}

}  // namespace carry
