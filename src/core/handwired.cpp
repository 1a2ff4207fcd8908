// handwired: exact adder weights for H = 3 in the Net parameter layout (see handwired.h).
#include "core/handwired.h"

namespace carry {

Net handwired_adder(double gain) {
    NetConfig config;
    config.hidden = 3;
    config.initial_state = InitialState::FixedZero;  // start with no carry and nothing printed
    Net net = make_net(config);
    ParamView p = net.view();

    constexpr int kCarryUnit = 1;  // u_2: "at least two ones" is the carry out
    for (int i = 0; i < 3; ++i) {
        const double threshold = i + 0.5;  // u_{i+1} = [a + b + carry > i + 0.5]
        p.w_in[i * 2 + 0] = gain;
        p.w_in[i * 2 + 1] = gain;
        for (int j = 0; j < 3; ++j) p.w_rec[i * 3 + j] = j == kCarryUnit ? gain : 0.0;
        p.b_hid[i] = -gain * threshold;
    }
    // Parity of the column from the three thresholds: u1 - u2 + u3 is 0 or 1.
    p.w_out[0] = gain;
    p.w_out[1] = -gain;
    p.w_out[2] = gain;
    p.b_out[0] = -0.5 * gain;
    for (int i = 0; i < 3; ++i) p.h0[i] = 0.0;
    p.o0[0] = 0.0;
    return net;
}

HandwiredNet handwired_for_task(const Task& task, double gain) {
    HandwiredNet out;
    if (is_add(task)) {
        out.ok = true;
        out.units = 3;
        out.net = handwired_adder(gain);
        return out;
    }
    const Machine m = task_minimal_machine(task);
    const int S = m.states(), C = m.codes();
    bool start_entered = false;
    for (const auto& row : m.next)
        for (int to : row) start_entered = start_entered || to == m.start;
    const int start_unit = start_entered ? -1 : S * C;
    out.units = S * C + (start_entered ? 0 : 1);
    if (out.units > kMaxHidden) {
        out.message = "cannot be built: needs " + std::to_string(out.units) + " hidden units (at most " +
                      std::to_string(kMaxHidden) + ")";
        return out;
    }
    NetConfig config;
    config.hidden = out.units;
    config.initial_state = InitialState::Learned;  // h0 as wired below (the start's unit on)
    out.net = make_net(config);
    ParamView p = out.net.view();
    const int H = out.units;
    auto unit = [C](int state, int code) { return state * C + code; };
    for (int q = 0; q < S; ++q)
        for (int c = 0; c < C; ++c) {
            const int i = unit(q, c);
            // Inputs: +1 for a bit that must be 1, -1 for one that must be 0; `zeros` of them
            // match when 0, so a full match scores m.inputs exactly.
            int zeros = 0;
            for (int k = 0; k < m.inputs; ++k) {
                const int bit = (c >> k) & 1;
                p.w_in[i * 2 + k] = bit ? gain : -gain;
                zeros += bit ? 0 : 1;
            }
            if (m.inputs == 1) p.w_in[i * 2 + 1] = 0.0;
            // "Was in q": the units whose move leads into q, and the start unit for the start.
            for (int from = 0; from < S; ++from)
                for (int cc = 0; cc < C; ++cc)
                    if (m.next[static_cast<std::size_t>(from)][static_cast<std::size_t>(cc)] == q)
                        p.w_rec[i * H + unit(from, cc)] = gain;
            if (q == m.start && start_unit >= 0) p.w_rec[i * H + start_unit] = gain;
            // Fires when was-in-q (1) plus the match (m.inputs) reaches m.inputs + 1.
            p.b_hid[i] = gain * (zeros - m.inputs - 0.5);
            p.w_out[i] =
                m.printed[static_cast<std::size_t>(m.next[static_cast<std::size_t>(q)][static_cast<std::size_t>(c)])]
                    ? gain
                    : -gain;
        }
    if (start_unit >= 0) p.b_hid[start_unit] = -0.5 * gain;  // on at h(0) only
    p.b_out[0] = 0.0;
    // h(0): the machine is in its start state. With a start unit, that unit; else any unit that
    // leads into the start (its own column does not matter: only where it leads).
    int on = start_unit;
    for (int from = 0; on < 0 && from < S; ++from)
        for (int cc = 0; on < 0 && cc < C; ++cc)
            if (m.next[static_cast<std::size_t>(from)][static_cast<std::size_t>(cc)] == m.start) on = unit(from, cc);
    for (int i = 0; i < H; ++i) p.h0[i] = i == on ? 1.0 : 0.0;
    p.o0[0] = 0.0;
    out.ok = true;
    return out;
}

}  // namespace carry
