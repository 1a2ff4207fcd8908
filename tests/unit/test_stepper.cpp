// Stepper: frames of one addition, its timing, and its backward pass.
#include <doctest/doctest.h>

#include "core/stepper.h"
#include "core/trainer.h"

using namespace carry;

TEST_CASE("[stepper] frames follow the lecture's timing and match net_add") {
    const Net net = net_init(NetConfig{}, 5);
    const Pair pair = make_pair({1, 0, 1, 1}, {1, 1, 0, 1});  // 13 + 11 = 24
    Stepper st(net, pair);
    CHECK(st.columns() == 5);
    CHECK(st.steps() == 7);
    CHECK(st.true_sum() == BitVector{0, 0, 0, 1, 1});
    CHECK(st.net_sum() == net_add(net, pair));
    CHECK(st.frame(0).hidden[0] == net.view().h0[0]);
    CHECK_FALSE(st.frame(1).has_target);
    CHECK(st.frame(kOutputDelay).has_target);
    CHECK(st.frame(kOutputDelay).column == 0);
    CHECK(st.frame(6).column == 4);
    CHECK_FALSE(st.frame(5).has_input);
    CHECK(st.frame(3).a == 1);
    CHECK(st.frame(3).b == 1);
    int n = 0;
    while (st.advance()) ++n;
    CHECK(n == 6);
    CHECK(st.done());
}

TEST_CASE("[stepper] backward: per-step derivatives and gradient agree with BPTT") {
    const Net net = net_init(NetConfig{}, 6);
    Rng rng(1);
    const Pair pair = random_pair(rng, 6);
    Stepper st(net, pair);
    CHECK_FALSE(st.has_backward());
    st.backward();
    CHECK(st.has_backward());
    Batch b;
    batch_from_pairs(b, {pair});
    Activities acts;
    rnn_forward(acts, net, b, LossConfig{});
    std::vector<double> g(param_count(3), 0.0);
    rnn_backward(g, acts, net, b, LossConfig{});
    CHECK(st.gradient() == g);
    double total = 0;
    for (int s = 0; s < st.steps(); ++s) {
        const StepFrame& f = st.frame(s);
        total += f.loss;
        if (f.has_target)
            CHECK(f.d_output_logit == doctest::Approx(f.output - f.target));
        else
            CHECK(f.d_output_logit == 0.0);
    }
    CHECK(total == doctest::Approx(st.loss()).epsilon(1e-12));
    // dE/dh(0) is the initial state's gradient.
    for (int i = 0; i < 3; ++i) CHECK(st.frame(0).d_hidden[i] == g[param_layout(3).h0 + i]);
}
