// test_zoo_taps: the lecture's memoryless models on delay taps (zoo/taps.h): their gradients, the
// window argument that makes them fail on a carry chain longer than the window, their success
// inside it, and determinism.
//
// "Reach" here is counted from what a window can see: sum bit t depends on columns j .. t, where j
// is the nearest earlier column whose two bits are equal, or j = -1 (the zeros before column 0,
// 0+0, kill the carry) when there is none. A model that sees columns t-k+1 .. t knows the bit
// exactly when t - j <= k-1.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/rng.h"
#include "core/task.h"
#include "core/zoo/taps.h"

namespace {

using carry::BitVector;
using carry::Pair;
using carry::Rng;
namespace zoo = carry::zoo;

int window_reach(const Pair& p, int t) {
    int j = t - 1;
    while (j >= 0 && carry::column_a(p, j) != carry::column_b(p, j)) --j;
    return t - j;
}
int longest_window_reach(const Pair& p) {
    int longest = 0;
    for (int t = 0; t < carry::pair_columns(p.bits()); ++t) longest = std::max(longest, window_reach(p, t));
    return longest;
}

// n-bit pair whose columns propagate (a != b) with probability `propagate`: long carry chains
// when it is high, short ones when it is low.
Pair biased_pair(Rng& rng, int n, double propagate) {
    Pair p;
    for (int i = 0; i < n; ++i) {
        const int a = rng.bit();
        const int b = rng.uniform() < propagate ? 1 - a : a;
        p.a.push_back(static_cast<std::uint8_t>(a));
        p.b.push_back(static_cast<std::uint8_t>(b));
    }
    return p;
}

Pair pair_of(std::vector<int> a, std::vector<int> b) {  // LSB first
    Pair p;
    for (int x : a) p.a.push_back(static_cast<std::uint8_t>(x));
    for (int x : b) p.b.push_back(static_cast<std::uint8_t>(x));
    return p;
}

// Small enough to train in a few tens of ms, large enough that the feed-forward net with 4 taps
// has seen every window it must get right (checked over seeds 1..8 while writing this).
zoo::ZooData small_data() { return zoo::make_zoo_data(11, 300, 1, 12); }

zoo::TapsConfig small_config(int taps, std::uint64_t seed) {
    zoo::TapsConfig c;
    c.taps = taps;
    c.seed = seed;
    c.epochs = 30;
    return c;
}

void train(zoo::Model& m) {
    int slices = 0;
    while (!m.train_some()) REQUIRE(++slices < 100000);
}

// Analytic gradient of one example's loss against centred differences, every parameter.
void check_gradients(int taps, int hidden) {
    zoo::detail::TapsNet net;
    net.taps = taps;
    net.hidden = hidden;
    Rng rng(5);
    for (std::size_t i = 0; i < net.size(); ++i) net.params.push_back(rng.normal());
    std::vector<double> h(static_cast<std::size_t>(std::max(hidden, 1)));
    double worst = 0.0;
    for (int example = 0; example < 4; ++example) {
        const Pair p = carry::random_pair(rng, 6);
        const int t = static_cast<int>(rng.below(7));
        const int target = carry::true_sum(p)[static_cast<std::size_t>(t)];
        int active[8];
        zoo::detail::window_inputs(p, t, taps, active);
        std::vector<double> grad(net.size(), 0.0);
        zoo::detail::taps_loss_grad(net, active, target, 1.0, grad.data(), h.data());
        for (std::size_t i = 0; i < net.size(); ++i) {
            const double keep = net.params[i], eps = 1e-5;
            net.params[i] = keep + eps;
            const double up = zoo::detail::taps_loss_grad(net, active, target, 1.0, nullptr, h.data());
            net.params[i] = keep - eps;
            const double down = zoo::detail::taps_loss_grad(net, active, target, 1.0, nullptr, h.data());
            net.params[i] = keep;
            const double numeric = (up - down) / (2.0 * eps);
            const double rel = std::fabs(numeric - grad[i]) / std::max(std::fabs(numeric) + std::fabs(grad[i]), 1e-7);
            worst = std::max(worst, rel);
            if (example == 0 && i < 3) MESSAGE("param " << i << ": analytic " << grad[i] << ", numeric " << numeric);
        }
    }
    MESSAGE("taps " << taps << ", hidden " << hidden << ": worst relative error " << worst);
    CHECK(worst < 1e-6);
}

}  // namespace

TEST_SUITE("zoo taps") {
    TEST_CASE("[taps] gradients match centred finite differences") {
        SUBCASE("autoregressive") { check_gradients(3, 0); }
        SUBCASE("feed-forward taps") { check_gradients(3, 5); }
        SUBCASE("feed-forward taps, 8 taps") { check_gradients(8, 4); }
    }

    TEST_CASE("[taps] the window: k columns one-hot, zeros before column 0") {
        const Pair p = pair_of({1, 0, 1}, {1, 1, 0});  // columns (a,b): 11, 01, 10, then the pad 00
        int active[4];
        zoo::detail::window_inputs(p, 1, 4, active);  // tap i is input 4i + (a + 2b) of column t-i
        CHECK(std::vector<int>(active, active + 4) == std::vector<int>{0 + 2, 4 + 3, 8 + 0, 12 + 0});
        zoo::detail::window_inputs(p, 3, 4, active);  // the pad column, then columns 2, 1, 0
        CHECK(std::vector<int>(active, active + 4) == std::vector<int>{0 + 0, 4 + 1, 8 + 2, 12 + 3});
    }

    TEST_CASE("[taps] feed-forward taps: exact inside the window, provably wrong beyond it") {
        const int k = 4;
        for (std::uint64_t seed : {1u, 2u}) {
            CAPTURE(seed);
            const auto model = zoo::make_feedforward_taps(small_data(), small_config(k, seed));
            train(*model);
            CHECK(model->progress() == 1.0);

            // Two pairs that agree on columns t-3 .. t but differ at t-4: 1+1 there generates a carry
            // that columns t-3 .. t-1 (1+0) propagate into t; 0+0 there kills it.
            const int t = 6;
            const Pair carried = pair_of({0, 0, 1, 1, 1, 1, 0, 0}, {0, 0, 1, 0, 0, 0, 0, 0});
            const Pair killed = pair_of({0, 0, 0, 1, 1, 1, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0});
            int wa[k], wb[k];
            zoo::detail::window_inputs(carried, t, k, wa);
            zoo::detail::window_inputs(killed, t, k, wb);
            REQUIRE(std::equal(wa, wa + k, wb));
            REQUIRE(carry::true_sum(carried)[t] != carry::true_sum(killed)[t]);
            REQUIRE(window_reach(carried, t) == k);
            const BitVector got_carried = *model->add(carried), got_killed = *model->add(killed);
            CHECK(got_carried[t] == got_killed[t]);  // the same window gives the same answer ...
            CHECK((got_carried != carry::true_sum(carried) ||
                   got_killed != carry::true_sum(killed)));  // ... so one is wrong

            // Every sum whose carries travel at most k-1 columns comes out exactly right.
            Rng rng(carry::derive_seed(seed, 99));
            int inside = 0, exact = 0;
            for (int i = 0; i < 400; ++i) {
                const Pair p = biased_pair(rng, static_cast<int>(rng.range(1, 24)), i % 2 == 0 ? 0.3 : 0.5);
                if (longest_window_reach(p) > k - 1) continue;
                ++inside;
                exact += *model->add(p) == carry::true_sum(p);
            }
            MESSAGE("seed " << seed << ": " << exact << " of " << inside
                            << " sums with carries within the window exact");
            REQUIRE(inside > 100);
            CHECK(exact == inside);
        }
    }

    TEST_CASE("[taps] autoregressive: a sum of per-column terms cannot XOR in a carry") {
        // 1000 pairs: with 300 the pad columns (0+0, target = the final carry) tilted the regression
        // toward guessing the carry from the older taps on some draws; 17 weights train in ms.
        zoo::TapsConfig c = small_config(4, 1);
        c.epochs = 20;
        const auto model = zoo::make_autoregressive(zoo::make_zoo_data(11, 1000, 1, 16), c);
        train(*model);
        const Pair one_plus_one = pair_of({1, 0}, {1, 0});  // 01 + 01 = 010: a carry arrives at column 1
        CHECK(*model->add(one_plus_one) != carry::true_sum(one_plus_one));

        // Carry-free sums (never 1+1): every sum bit is a XOR b, which one column's weights can say.
        Rng rng(3);
        long right = 0, bits = 0, exact = 0, random_right = 0, random_bits = 0;
        for (int i = 0; i < 200; ++i) {
            Pair p = carry::random_pair(rng, 16);
            for (std::size_t j = 0; j < p.a.size(); ++j)
                if (p.a[j] == 1 && p.b[j] == 1) p.b[j] = 0;
            const BitVector got = *model->add(p), want = carry::true_sum(p);
            for (std::size_t j = 0; j < want.size(); ++j) right += got[j] == want[j];
            bits += static_cast<long>(want.size());
            exact += got == want;
            const Pair q = carry::random_pair(rng, 16);
            const BitVector got_q = *model->add(q), want_q = carry::true_sum(q);
            for (std::size_t j = 0; j < want_q.size(); ++j) random_right += got_q[j] == want_q[j];
            random_bits += static_cast<long>(want_q.size());
        }
        const double carry_free = static_cast<double>(right) / static_cast<double>(bits);
        MESSAGE("autoregressive, 4 taps: bit accuracy "
                << carry_free << " on carry-free sums (" << exact << "/200 exact), "
                << static_cast<double>(random_right) / static_cast<double>(random_bits) << " on random 16-bit sums");
        CHECK(carry_free > 0.9);
    }

    TEST_CASE("[taps] names, parameter counts, any width, config checks") {
        const zoo::ZooData data = zoo::make_zoo_data(1, 5, 1, 4);
        zoo::TapsConfig c;
        c.taps = 3;
        c.hidden = 7;
        const auto ar = zoo::make_autoregressive(data, c);
        const auto ff = zoo::make_feedforward_taps(data, c);
        CHECK(ar->name() == "autoregressive");
        CHECK(ff->name() == "feed-forward taps");
        CHECK(ar->params() == 4 * 3 + 1);
        CHECK(ff->params() == 7 * 12 + 7 + 7 + 1);
        CHECK(ff->reason().find("3 delay taps") != std::string::npos);
        Rng rng(4);
        for (int n : {1, 300}) {
            const Pair p = carry::random_pair(rng, n);
            REQUIRE(ar->add(p).has_value());
            REQUIRE(ff->add(p).has_value());
            CHECK(ff->add(p)->size() == static_cast<std::size_t>(n + 1));
        }
        for (auto edit : {+[](zoo::TapsConfig& x) { x.taps = 0; }, +[](zoo::TapsConfig& x) { x.taps = 9; },
                          +[](zoo::TapsConfig& x) { x.hidden = 0; }, +[](zoo::TapsConfig& x) { x.learning_rate = 0.0; },
                          +[](zoo::TapsConfig& x) { x.momentum = 1.0; }}) {
            zoo::TapsConfig bad = c;
            edit(bad);
            CHECK_THROWS_AS(zoo::make_feedforward_taps(data, bad), std::invalid_argument);
        }
    }

    TEST_CASE("[taps] the same seed trains the same model") {
        const zoo::ZooData data = small_data();
        zoo::TapsConfig c = small_config(3, 7);
        c.epochs = 3;
        const auto a = zoo::make_feedforward_taps(data, c), b = zoo::make_feedforward_taps(data, c);
        train(*a);
        train(*b);
        c.seed = 8;
        const auto other = zoo::make_feedforward_taps(data, c);
        train(*other);
        Rng rng(6);
        int differ = 0;
        for (int i = 0; i < 100; ++i) {
            const Pair p = carry::random_pair(rng, 1, 32);
            CHECK(*a->add(p) == *b->add(p));
            differ += *a->add(p) != *other->add(p);
        }
        MESSAGE(differ << " of 100 sums differ with another seed after 3 epochs");
    }

}  // TEST_SUITE
