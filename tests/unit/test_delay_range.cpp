// test_delay_range: the delay machines at every lag (against a reference written from the task's
// definition; minimal sizes; the library's delay2 / delay3), and the delay-range sweep
// (core/zoo/delay_range.h): deterministic however the work is sliced, a recorded hash of every
// number (native = WebAssembly), a verdict from the numbers.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/machine.h"
#include "core/rng.h"
#include "core/settings.h"
#include "core/zoo/delay_range.h"

using namespace carry;
using namespace carry::zoo;

namespace {

// Output = the input bit lag columns back, 0 before the start.
std::vector<std::uint8_t> reference_delay(const std::vector<int>& columns, int lag) {
    std::vector<std::uint8_t> out;
    for (std::size_t t = 0; t < columns.size(); ++t)
        out.push_back(t >= static_cast<std::size_t>(lag) ? static_cast<std::uint8_t>(columns[t - lag] & 1) : 0);
    return out;
}

DelayRangeConfig tiny_config() {
    DelayRangeConfig c = delay_range_quick_config();
    c.lags = {1, 3};
    c.seeds = 1;
    c.sequences = 1500;
    c.test_bits = 20;
    c.test_pairs = 10;
    return c;
}

std::vector<double> numbers(const DelayRangeRunner& r) {
    std::vector<double> v;
    for (const DelayRunResult& run : r.runs())
        v.insert(v.end(), {static_cast<double>(run.lag), static_cast<double>(run.seed),
                           static_cast<double>(run.sequences), run.exact, run.bit});
    return v;
}

}  // namespace

TEST_SUITE("delay range") {
    TEST_CASE("[delay] every lag's machine prints the input bit from lag columns back, 0 before") {
        Rng rng(7);
        for (int lag = 1; lag <= kMaxDelayLag; ++lag) {
            const Task t = delay_task(lag);
            CHECK(validate_machine(t.machine) == "");
            CHECK(t.machine.inputs == 1);
            for (int trial = 0; trial < 50; ++trial) {
                const int n = 1 + trial;
                std::vector<int> cols;
                for (int i = 0; i < n; ++i) cols.push_back(static_cast<int>(rng.next_u64() & 1));
                REQUIRE(run_machine(t.machine, cols) == reference_delay(cols, lag));
            }
            // Through the task's own path too (a pair, its pad column).
            const Pair p = random_task_pair(t, rng, 30);
            const BitVector want = task_targets(t, p);
            const std::vector<std::uint8_t> ref = reference_delay(task_columns(t, p), lag);
            REQUIRE(want.size() == ref.size());
            for (std::size_t i = 0; i < ref.size(); ++i) CHECK(want[i] == ref[i]);
        }
    }

    TEST_CASE("[delay] minimal sizes 2^(lag+1); lags 2 and 3 are the library's") {
        for (int lag = 1; lag <= kMaxDelayLag; ++lag) {
            const Machine m = minimize_machine(delay_task(lag).machine);
            CHECK(m.states() == (1 << (lag + 1)));
        }
        CHECK(minimize_machine(delay_task(2).machine).states() == 8);
        CHECK(minimize_machine(delay_task(3).machine).states() == 16);
        CHECK(machines_equivalent(delay_task(2).machine, find_task("delay2")->machine));
        CHECK(machines_equivalent(delay_task(3).machine, find_task("delay3")->machine));
        CHECK(machines_equivalent(delay_machine(3), find_task("delay3")->machine));
        CHECK_FALSE(machines_equivalent(delay_task(2).machine, delay_task(3).machine));
        // A designed machine: its text form parses back to an equivalent machine.
        const Task t4 = delay_task(4);
        CHECK(t4.name.empty());
        const auto back = parse_task(encode_task(t4));
        REQUIRE(back.has_value());
        CHECK(machines_equivalent(back->machine, t4.machine));
        CHECK_THROWS_AS(delay_task(0), std::invalid_argument);
        CHECK_THROWS_AS(delay_task(kMaxDelayLag + 1), std::invalid_argument);
    }

    TEST_CASE("[delay range] deterministic however sliced; a recorded hash; a verdict from the numbers") {
        const DelayRangeConfig c = tiny_config();
        DelayRangeRunner a(c), b(c);
        a.run_all();
        while (!b.step(0.0)) {}  // one unit per call
        REQUIRE(a.done());
        CHECK(a.progress() == 1.0);
        const std::vector<double> na = numbers(a), nb = numbers(b);
        CHECK(na == nb);
        MESSAGE("delay range hash " << params_hash_hex(na) << " over " << na.size() << " numbers");
        CHECK(params_hash(na) == 0x8f6648e32b9d6002ULL);
        REQUIRE(a.runs().size() == 2 * c.lags.size() * static_cast<std::size_t>(c.seeds));
        for (const DelayRunResult& run : a.runs()) {
            CHECK(run.done);
            CHECK(run.sequences >= c.sequences);
            CHECK(run.bit >= 0.0);
            CHECK(run.bit <= 1.0);
            CHECK(run.exact <= run.bit);
        }
        for (Remedy r : DelayRangeRunner::kRemedies) {
            const auto pts = a.by_lag(r);
            REQUIRE(pts.size() == c.lags.size());
            for (std::size_t i = 0; i < pts.size(); ++i) {
                CHECK(pts[i].lag == c.lags[i]);
                CHECK(pts[i].runs == c.seeds);
            }
        }
        const std::string v = a.verdict();
        MESSAGE(v);
        CHECK(!v.empty());
        CHECK(v.back() == '.');
        CHECK(v.find("states") != std::string::npos);
        DelayRangeConfig bad = c;
        bad.lags = {6};
        CHECK_THROWS_AS(DelayRangeRunner{bad}, std::invalid_argument);
        bad.lags.clear();
        CHECK_THROWS_AS(DelayRangeRunner{bad}, std::invalid_argument);
    }
}
