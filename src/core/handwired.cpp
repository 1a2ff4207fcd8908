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

}  // namespace carry
