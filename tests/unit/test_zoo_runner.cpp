// Tests for core/zoo/runner: the whole zoo on a small config. Every model is scored at every test
// length on the same sums, the recurrent net beats the memoryless autoregressive model on 64-bit
// sums, a model of fixed width is flagged beyond its width, the carry-reach set covers the
// buckets it promises, and the scores are the same when the run is sliced differently.
#include <doctest/doctest.h>

#include <string>

#include "core/zoo/runner.h"

namespace {

using carry::zoo::ModelResult;
using carry::zoo::ZooConfig;
using carry::zoo::ZooRunner;

// Smaller than zoo_quick_config(): the suite runs under ASan and in WebAssembly too.
ZooConfig tiny_config() {
    ZooConfig c = carry::zoo::zoo_quick_config();
    c.train_pairs = 300;
    c.test_pairs = 12;
    c.reach_pairs = 4;
    c.lstm_sequences = 600;
    c.fixed_width_epochs = 10;
    c.effort = 0.1;
    return c;
}

const ModelResult* find(const std::vector<ModelResult>& results, const std::string& name) {
    for (const auto& r : results)
        if (r.name == name) return &r;
    return nullptr;
}

}  // namespace

TEST_SUITE("zoo runner") {
    TEST_CASE("[zoo] every model is trained and scored at every length; the RNN adds, fixed width refuses wide sums") {
        const ZooConfig c = tiny_config();
        ZooRunner zoo(c);
        REQUIRE(zoo.size() >= 3);
        CHECK_FALSE(zoo.done());
        zoo.run_all();
        CHECK(zoo.done());
        CHECK(zoo.progress() == 1.0);
        CHECK(zoo.status() == "done");
        for (const ModelResult& r : zoo.results()) {
            MESSAGE(r.name << ": " << r.params << " params, " << r.train_seconds << " s | " << r.verdict);
            CHECK(r.trained);
            CHECK(r.scored);
            CHECK(r.params > 0);
            REQUIRE(r.exact_by_bits.size() == c.test_bits.size());
            for (double a : r.exact_by_bits) CHECK((a >= 0.0 && a <= 1.0));
            REQUIRE(r.reason.size() > 1);
            CHECK(r.verdict.find(r.reason.substr(1)) != std::string::npos);  // its first letter may be capitalized
        }
        const ModelResult* rnn = find(zoo.results(), "RNN");
        REQUIRE(rnn != nullptr);
        for (double a : rnn->exact_by_bits) CHECK(a == 1.0);  // 256-bit sums included
        CHECK(rnn->verdict.rfind("Exact at every length up to 256 bits", 0) == 0);

        const ModelResult* fixed = find(zoo.results(), "feed-forward fixed width");
        REQUIRE(fixed != nullptr);
        CHECK(fixed->takes_bits[0]);  // 8 bits: its width
        for (std::size_t i = 1; i < c.test_bits.size(); ++i) {
            CHECK_FALSE(fixed->takes_bits[i]);
            CHECK(fixed->exact_by_bits[i] == 0.0);
        }
        CHECK_FALSE(fixed->reach_scored);  // the 24-bit carry-reach pairs are too wide for it
        CHECK(fixed->verdict.find("cannot take numbers wider than 8 bits") != std::string::npos);

        // The carry-reach set: every bucket 1 .. 12+ has pairs (reach 0 needs a 0-bit sum).
        for (int b = 1; b < carry::zoo::kReachBuckets; ++b) CHECK(rnn->reach_pairs[static_cast<std::size_t>(b)] > 0);
        CHECK(rnn->reach_pairs[0] == 0);

        if (const ModelResult* ar = find(zoo.results(), "autoregressive")) {
            // Memoryless: k = 4 taps see 4 columns; a 64-bit sum almost surely has a longer carry.
            CHECK(rnn->exact_by_bits[3] > ar->exact_by_bits[3]);
            CHECK(ar->reach_scored);
        }
    }

    TEST_CASE("[zoo] the scores are deterministic: the same with the work sliced by frames") {
        ZooConfig c = tiny_config();
        c.test_bits = {8, 64};
        ZooRunner a(c), b(c);
        a.run_all();
        int frames = 0;
        while (!b.step(0.0)) ++frames;  // one unit of work per "frame"
        CHECK(frames > 10);
        REQUIRE(a.results().size() == b.results().size());
        for (std::size_t i = 0; i < a.results().size(); ++i) {
            const ModelResult &x = a.results()[i], &y = b.results()[i];
            CHECK(x.name == y.name);
            CHECK(x.params == y.params);
            CHECK(x.exact_by_bits == y.exact_by_bits);
            CHECK(x.bit_accuracy == y.bit_accuracy);
            CHECK(x.reach_exact == y.reach_exact);
            CHECK(x.verdict == y.verdict);
        }
    }

    TEST_CASE("[zoo] a bad config is refused") {
        ZooConfig c = tiny_config();
        c.taps = 0;
        CHECK_THROWS_AS(ZooRunner{c}, std::invalid_argument);
        c = tiny_config();
        c.test_bits.clear();
        CHECK_THROWS_AS(ZooRunner{c}, std::invalid_argument);
    }

}  // TEST_SUITE
