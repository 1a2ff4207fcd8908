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
