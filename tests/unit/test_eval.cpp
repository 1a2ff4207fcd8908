// Evaluation: accuracy figures on nets whose answer we know.
#include <doctest/doctest.h>

#include "core/eval.h"
#include "core/trainer.h"

using namespace carry;

TEST_CASE("[eval] a constant-output net: bit accuracy about 1/2, exact accuracy about 0") {
    Net net = make_net(NetConfig{});  // all weights 0: output 0.5 -> reads as 1 everywhere
    const EvalResult r = evaluate(net, 16, 400, 1);
    CHECK(r.count == 400);
    CHECK(r.bits == 16);
    CHECK(r.exact_accuracy < 0.01);
    CHECK(r.bit_accuracy == doctest::Approx(0.5).epsilon(0.05));
}

TEST_CASE("[eval] evaluate agrees with net_add pair by pair, odd counts included") {
    TrainConfig cfg;
    Trainer tr(cfg, 4);
    tr.step(60);  // partly trained: some sums right, some wrong
    for (int count : {1, 13, 37}) {
        const EvalResult r = evaluate(tr.net(), 12, count, 77);
        Rng rng(77);
        int exact = 0;
        long long right = 0;
        for (int k = 0; k < count; ++k) {
            const Pair p = random_pair(rng, 12);
            const BitVector s = net_add(tr.net(), p), t = true_sum(p);
            int ok = 0;
            for (std::size_t i = 0; i < s.size(); ++i) ok += s[i] == t[i];
            right += ok;
            exact += ok == static_cast<int>(s.size());
        }
        CHECK(r.exact_correct == exact);
        CHECK(r.bit_accuracy == doctest::Approx(static_cast<double>(right) / (count * 13.0)));
    }
}

TEST_CASE("[eval] a solved net generalizes from short training sums to 4096 bits") {
    TrainConfig cfg;  // trains on at most 16 bits
    const SolveResult s = train_until_solved(cfg, 3, 100000);
    REQUIRE(s.solved);
    const auto curve = length_curve(s.net, default_curve_lengths(), 20, 11);
    REQUIRE(curve.size() == 10);
    CHECK(curve.front().bits == 8);
    CHECK(curve.back().bits == 4096);
    for (const EvalResult& e : curve) {
        MESSAGE(e.bits << " bits: exact " << e.exact_accuracy << ", bit " << e.bit_accuracy);
        CHECK(e.exact_accuracy == 1.0);
    }
}
