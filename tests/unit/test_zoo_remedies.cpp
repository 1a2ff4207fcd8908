// Tests for core/zoo/long_range and core/zoo/remedies: chain pairs have exactly the longest carry
// chain they promise, with a real carry landing where they say; the hand-wired adder is exact at
// every range and a coin flip is not; the remedies runner is deterministic (the same results
// however the work is sliced, and a recorded hash of every number, native = WebAssembly), and its
// verdicts come from its numbers.
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "core/handwired.h"
#include "core/mathx.h"
#include "core/net.h"
#include "core/settings.h"
#include "core/zoo/long_range.h"
#include "core/zoo/model.h"
#include "core/zoo/remedies.h"

using carry::Pair;
using carry::Rng;
using namespace carry::zoo;

namespace {

RemediesConfig tiny_config() {
    RemediesConfig c = remedies_quick_config();
    c.ranges = {5, 20};
    c.range_pairs = 6;
    c.train_pairs = 16;
    c.seeds = 1;
    c.passes = 12.0;
    c.curve_points = 4;
    c.esn.size = 20;
    c.esn_train_pairs = 30;
    c.esn_test_pairs = 8;
    c.esn_radii = {0.5, 0.9};
    c.esn_sizes = {10};
    c.mc_delays = 10;
    c.mc_steps = 200;
    c.lstm_sequences = 400;
    c.lstm_train_pairs = 50;
    return c;
}

// Every number the runner produced, as one list of doubles (hashed below).
std::vector<double> numbers(const RemediesRunner& r) {
    std::vector<double> v;
    for (const OptimRunResult& run : r.runs()) {
        for (const CurvePoint& p : run.curve) v.push_back(p.passes), v.push_back(p.loss);
        for (const ChainScore& s : run.by_range) v.push_back(s.exact), v.push_back(s.land);
        v.push_back(run.exact_64);
    }
    for (const auto* set : {&r.esn_by_radius(), &r.esn_by_size()})
        for (const EsnPointResult& e : *set) {
            v.insert(v.end(), {e.raw_radius, e.bit_8, e.exact_8, e.bit_32, e.exact_32, e.memory_capacity});
            for (const ChainScore& s : e.by_range) v.push_back(s.exact), v.push_back(s.land);
        }
    for (const ChainScore& s : r.lstm_by_range()) v.push_back(s.exact), v.push_back(s.land);
    return v;
}

}  // namespace

TEST_SUITE("zoo remedies") {
    TEST_CASE("[long range] a chain pair's longest carry chain is exactly L, and its carry lands where it says") {
        Rng rng(4);
        for (int L : {1, 2, 3, 5, 10, 20, 50, 100}) {
            for (int i = 0; i < 30; ++i) {
                const ChainPair cp = pair_with_chain(rng, L);
                REQUIRE(cp.pair.bits() == L + kChainMargin);
                CHECK(longest_carry_reach(cp.pair) == L);
                CHECK(carry_reach(cp.pair, cp.land) == L);
                // The column L back generates (1 + 1): the landing bit really needs that carry.
                const auto g = static_cast<std::size_t>(cp.land - L);
                CHECK(cp.pair.a[g] == 1);
                CHECK(cp.pair.b[g] == 1);
            }
        }
        CHECK_THROWS(pair_with_chain(rng, 0));
    }

    TEST_CASE("[long range] the hand-wired adder is exact at every range; a net that prints zeros is not") {
        const carry::Net adder = carry::handwired_adder();
        for (int L : {5, 50, 100}) {
            const std::vector<ChainPair> set = chain_set(1, L, 20);
            const ChainScore s = score_chains(set, [&](const Pair& p) { return carry::net_add(adder, p); });
            CHECK(s.exact == 1.0);
            CHECK(s.land == 1.0);
            const ChainScore z = score_chains(set, [](const Pair& p) { return carry::BitVector(p.bits() + 1, 0); });
            CHECK(z.exact < 0.2);
        }
    }

    TEST_CASE("[remedies] deterministic however sliced; a recorded hash; verdicts from the numbers") {
        const RemediesConfig c = tiny_config();
        RemediesRunner a(c), b(c);
        a.run_all();
        while (!b.step(0.0)) {}  // one unit per call
        REQUIRE(a.done());
        const std::vector<double> na = numbers(a), nb = numbers(b);
        CHECK(na == nb);
        const std::uint64_t h = carry::params_hash(na);
        MESSAGE("remedies hash " << carry::params_hash_hex(na) << " over " << na.size() << " numbers");
        CHECK(h == 0x34db3c832167d4dbULL);
        for (const std::string& v : {a.verdict_range(), a.verdict_hf(), a.verdict_esn()}) {
            MESSAGE(v);
            CHECK(!v.empty());
            CHECK(v.back() == '.');
        }
        // Every run spent its budget and has a curve from pass 0.
        for (const OptimRunResult& run : a.runs()) {
            CHECK(run.done);
            CHECK(run.curve.front().passes == 0.0);
            CHECK(run.curve.back().passes >= c.passes);
        }
        RemediesConfig bad = c;
        bad.ranges.clear();
        CHECK_THROWS_AS(RemediesRunner{bad}, std::invalid_argument);
    }
}
