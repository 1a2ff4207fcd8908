// Tests for core/handwired: the hand-wired 3-unit net adds exactly, and its hidden units show
// the adder automaton's four nodes as four binary patterns.
#include <doctest/doctest.h>

#include "core/binary_text.h"
#include "core/eval.h"
#include "core/handwired.h"
#include "core/task.h"

TEST_CASE("[handwired] 1000 random 256-bit sums are all exact") {
    const carry::Net net = carry::handwired_adder();
    REQUIRE(net.hidden() == 3);
    carry::Rng rng(2024);
    int exact = 0;
    for (int i = 0; i < 1000; ++i) {
        const carry::Pair p = carry::random_pair(rng, 256);
        exact += carry::net_add(net, p) == carry::add_exact(p.a, p.b);
    }
    CHECK(exact == 1000);
}

TEST_CASE("[handwired] long carry chains and the longest numbers") {
    const carry::Net net = carry::handwired_adder();
    const carry::BitVector ones(carry::kMaxNumberBits, 1);
    carry::BitVector one(carry::kMaxNumberBits, 0);
    one[0] = 1;
    const carry::Pair p = carry::make_pair(ones, one);  // the carry ripples through all 4096 columns
    CHECK(carry::net_add(net, p) == carry::add_exact(ones, one));
    CHECK(carry::evaluate(net, 4096, 20, 5).exact_accuracy == 1.0);
}

TEST_CASE("[handwired] hidden patterns are the four automaton nodes") {
    const carry::Net net = carry::handwired_adder();
    // Column by column from no carry: 1+1 -> carry, print 0 (pattern 110); 1+0 with carry -> 110;
    // 1+1 with carry -> carry, print 1 (111); 0+0 with carry -> no carry, print 1 (100).
    const carry::Pair p = carry::make_pair(carry::parse_binary("0111").bits, carry::parse_binary("0101").bits);
    std::vector<double> h;
    carry::net_add(net, p, &h);
    const int expect[][3] = {{0, 0, 0}, {1, 1, 0}, {1, 1, 0}, {1, 1, 1}, {1, 0, 0}, {0, 0, 0}};
    for (int t = 0; t < 6; ++t)
        for (int i = 0; i < 3; ++i) {
            INFO("t=" << t << " unit " << i);
            CHECK(h[static_cast<std::size_t>(t * 3 + i)] == doctest::Approx(expect[t][i]).epsilon(1e-3));
        }
}

using namespace carry;

TEST_CASE("[handwired] any task's machine, wired: exact on long random inputs (issue 19)") {
    for (const Task& task : task_library()) {
        CAPTURE(task.name);
        const HandwiredNet h = handwired_for_task(task);
        REQUIRE_MESSAGE(h.ok, h.message);
        const int minimal = task_minimal_machine(task).states();
        if (!is_add(task)) CHECK(h.units >= minimal * task.machine.codes());
        CHECK(h.net.hidden() == h.units);
        for (int bits : {1, 7, 64, 1500}) {
            const EvalResult r = evaluate(h.net, bits, bits > 100 ? 16 : 200, 9, task);
            CHECK(r.exact_accuracy == 1.0);
        }
        // It is that task's net: scored against another task's targets it fails somewhere.
        const Task& other = task.name == "parity" ? *find_task("delay2") : *find_task("parity");
        CHECK(evaluate(h.net, 64, 200, 9, other).exact_accuracy < 1.0);
    }
    // Designed machines: parity whose start prints 1 (a don't-care) and never comes back; and one
    // printing the first bit for ever, whose start joins no state (it gets a start unit).
    for (const char* text : {"m1.1.2.001.110.101", "m1.1.0.012.011.122"}) {
        CAPTURE(std::string(text));
        const Task t = *parse_task(text);
        const HandwiredNet p = handwired_for_task(t);
        REQUIRE(p.ok);
        CHECK(evaluate(p.net, 300, 50, 2, t).exact_accuracy == 1.0);
    }
    CHECK(handwired_for_task(*parse_task("m1.1.0.012.011.122")).units == 7);
}

TEST_CASE("[handwired] a machine too big for 32 units says how many it needs") {
    // 17 states in a ring, one input: 34 (state, column) units.
    std::string text = "m1.1.0";
    const char* digits = "0123456789ABCDEFGHIJ";
    for (int s = 0; s < 17; ++s) text += std::string(".") + (s % 2 ? "1" : "0") + digits[(s + 1) % 17] + digits[0];
    const auto task = parse_task(text);
    REQUIRE(task);
    REQUIRE(task_minimal_machine(*task).states() == 17);
    const HandwiredNet h = handwired_for_task(*task);
    CHECK(!h.ok);
    CHECK(h.message == "cannot be built: needs 34 hidden units (at most 32)");
}
