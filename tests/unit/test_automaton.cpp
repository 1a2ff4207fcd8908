// Tests for core/automaton: the adder automaton itself, extraction from the hand-wired and a
// trained net, noisy and wrong synthetic machines (with their shortest counterexamples), and
// transitions missing from the data.
#include <doctest/doctest.h>

#include <functional>

#include "core/automaton.h"
#include "core/handwired.h"
#include "core/trainer.h"

using carry::AutomatonOptions;
using carry::AutomatonResult;
using carry::AutomatonTrace;

namespace {

// A synthetic "net" whose hidden state is a one-hot code of a Moore machine's state, plus noise.
struct Machine {
    int states = 0;
    int start = 0;
    std::function<int(int, int)> next;  // (state, column code) -> state
    std::function<int(int)> print;

    std::vector<double> embed(int s, carry::Rng* rng, double noise) const {
        std::vector<double> h(static_cast<std::size_t>(states), 0.0);
        h[static_cast<std::size_t>(s)] = 1.0;
        if (rng)
            for (auto& x : h) x += noise * (rng->uniform() - 0.5);
        return h;
    }
    // Nearest one-hot code (for the hooks).
    int decode(const std::vector<double>& h) const {
        int best = 0;
        for (int i = 1; i < states; ++i)
            if (h[static_cast<std::size_t>(i)] > h[static_cast<std::size_t>(best)]) best = i;
        return best;
    }
    // skip(state, code): columns never drawn in that state (to leave transitions unobserved).
    std::vector<AutomatonTrace> traces(int pairs, int bits, double noise,
                                       const std::function<bool(int, int)>& skip = nullptr) const {
        carry::Rng rng(99);
        std::vector<AutomatonTrace> out;
        for (int p = 0; p < pairs; ++p) {
            AutomatonTrace tr;
            int s = start;
            for (int t = 0; t <= bits; ++t) {
                const auto h = embed(s, &rng, noise);
                tr.states.insert(tr.states.end(), h.begin(), h.end());
                tr.printed.push_back(static_cast<std::uint8_t>(print(s)));
                if (t == bits) break;
                int code = static_cast<int>(rng.below(4));
                while (skip && skip(s, code)) code = static_cast<int>(rng.below(4));
                tr.columns.push_back(static_cast<std::uint8_t>(code));
                s = next(s, code);
            }
            out.push_back(std::move(tr));
        }
        return out;
    }
    carry::AutomatonNetHooks hooks(bool with_step = true) const {
        carry::AutomatonNetHooks k;
        k.hidden = states;
        if (with_step)
            k.step = [this](const std::vector<double>& h, int c) { return embed(next(decode(h), c), nullptr, 0.0); };
        k.printed = [this](const std::vector<double>& h) { return print(decode(h)); };
        return k;
    }
};

// The adder itself: states 0..3 = adder nodes, 4 = start (printing 0).
Machine adder_machine() {
    Machine m;
    m.states = 5;
    m.start = 4;
    m.next = [](int s, int c) { return carry::adder_next(s, c); };
    m.print = [](int s) { return s == 4 ? 0 : carry::adder_printed(s); };
    return m;
}

}  // namespace

TEST_CASE("[automaton] the adder automaton") {
    using carry::adder_next;
    CHECK(adder_next(carry::kAdderStart, 0) == 0);  // 0+0: no carry, print 0
    CHECK(adder_next(carry::kAdderStart, 1) == 1);  // 1+0: print 1
    CHECK(adder_next(carry::kAdderStart, 3) == 2);  // 1+1: carry, print 0
    CHECK(adder_next(2, 0) == 1);                   // carry + 0+0: print 1, no carry
    CHECK(adder_next(3, 3) == 3);                   // carry + 1+1: print 1, carry
    CHECK(adder_next(2, 2) == 2);                   // carry + 0+1: print 0, carry
    CHECK(carry::column_label(1) == "10");
    CHECK(carry::column_label(2) == "01");
    CHECK(carry::adder_node_name(2) == "carry, print 0");
}

TEST_CASE("[automaton] the hand-wired net is the adder: 4 patterns, 4 states, equivalent") {
    AutomatonOptions o;
    o.pairs = 100;
    const AutomatonResult r = carry::extract_automaton(carry::handwired_adder(), o);
    CHECK(r.clusters == 4);  // h(0) = 000 is the "no carry, print 0" pattern
    CHECK(r.states == 4);
    CHECK(r.equivalent);
    CHECK(r.complete);
    CHECK(r.counterexample.empty());
    CHECK(r.transition_agreement == 1.0);
    CHECK(r.output_agreement == 1.0);
    REQUIRE(r.nodes.size() == 4);
    for (const auto& n : r.nodes) {
        CHECK(n.adder_node >= 0);
        CHECK(n.adder_node < carry::kAdderNodes);
        CHECK(n.adder_purity == 1.0);
        CHECK(n.printed_bit == carry::adder_printed(n.adder_node));
    }
    CHECK(r.nodes[static_cast<std::size_t>(r.start)].adder_node == 0);
    // Each node has an edge for each of the 4 columns.
    int columns = 0;
    for (const auto& e : r.edges) columns += static_cast<int>(e.columns.size());
    CHECK(columns == 16);
}

TEST_CASE("[automaton] a trained net that adds exactly extracts to the adder") {
    const carry::SolveResult s = carry::train_until_solved(carry::TrainConfig{}, 1, 200000);
    REQUIRE(s.solved);
    const AutomatonResult r = carry::extract_automaton(s.net);
    MESSAGE("trained net (seed 1): " << r.clusters << " clusters, " << r.states << " states, equivalent "
                                     << r.equivalent);
    CHECK(r.equivalent);
    CHECK(r.states == 4);
}

TEST_CASE("[automaton] every solved default seed 1-20 extracts to the adder, 4 states") {
    // Seeds 10 and 20 keep two adder nodes within the clustering radius, on either side of the
    // output unit's threshold: clusters must be split by printed bit, or the machine is wrong.
    int equivalent = 0, four = 0, solved = 0, split = 0;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        const carry::SolveResult s = carry::train_until_solved(carry::TrainConfig{}, seed, 200000);
        if (!s.solved) continue;
        ++solved;
        const AutomatonResult r = carry::extract_automaton(s.net);
        equivalent += r.equivalent;
        four += r.states == 4;
        split += r.output_agreement < 1.0;
        INFO("seed " << seed << ": " << r.clusters << " clusters, " << r.states << " states");
        CHECK(r.equivalent);
    }
    MESSAGE(solved << " seeds solved; " << equivalent << " equivalent; " << four << " with 4 states; " << split
                   << " needed clusters split by printed bit");
    CHECK(solved == 20);
    CHECK(four == solved);
}

TEST_CASE("[automaton] noisy adder states: clustering absorbs the noise") {
    const Machine m = adder_machine();
    const AutomatonResult r = carry::extract_automaton(m.traces(100, 20, 0.1), m.hooks(), AutomatonOptions{});
    CHECK(r.clusters == 5);  // four nodes + the start (its own one-hot code)
    CHECK(r.start_only_cluster);
    CHECK(r.states == 4);  // the start merges: its printed bit is never used
    CHECK(r.equivalent);
}

TEST_CASE("[automaton] a machine that forgets carries is caught with a shortest counterexample") {
    // Prints a XOR b of the column just read; never carries.
    Machine m;
    m.states = 2;
    m.start = 0;
    m.next = [](int, int c) { return (c & 1) ^ (c >> 1); };
    m.print = [](int s) { return s; };
    const AutomatonResult r = carry::extract_automaton(m.traces(50, 16, 0.0), m.hooks(), AutomatonOptions{});
    CHECK_FALSE(r.equivalent);
    CHECK(r.states == 2);
    // 1+1 (prints 0, fine) then 0+0: the adder prints the carry, 1; this machine prints 0.
    REQUIRE(r.counterexample.size() == 2);
    CHECK(r.counterexample[0] == 3);
    CHECK(r.counterexample[1] == 0);
    CHECK(r.counterexample_a == "01");
    CHECK(r.counterexample_b == "01");
    CHECK(r.counterexample_expected == 1);
    CHECK(r.counterexample_got == 0);
}

TEST_CASE("[automaton] a carry that is lost after three columns needs a longer counterexample") {
    // Adder whose carry survives at most 3 columns in a row (states carry the chain length).
    Machine m;
    m.states = 9;  // 0: start; 1 + 2*k + printed: chain length k (0..3)
    m.start = 0;
    m.next = [](int s, int c) {
        const int k = s == 0 ? 0 : (s - 1) / 2;
        const int ones = (c & 1) + (c >> 1) + (k > 0 ? 1 : 0);
        int nk = ones >= 2 ? k + 1 : 0;
        if (nk > 3) nk = 0;  // forgets the carry
        return 1 + 2 * nk + (ones & 1);
    };
    m.print = [](int s) { return s == 0 ? 0 : (s - 1) & 1; };
    const AutomatonResult r = carry::extract_automaton(m.traces(300, 32, 0.0), m.hooks(), AutomatonOptions{});
    CHECK_FALSE(r.equivalent);
    // Four carrying columns lose the carry, the fifth shows it: shortest length 5, and replaying
    // it on both machines gives different printed bits at its end only.
    REQUIRE(r.counterexample.size() == 5);
    int s = m.start, a = carry::kAdderStart;
    for (std::size_t i = 0; i < r.counterexample.size(); ++i) {
        s = m.next(s, r.counterexample[i]);
        a = carry::adder_next(a, r.counterexample[i]);
        CHECK((m.print(s) != carry::adder_printed(a)) == (i + 1 == r.counterexample.size()));
    }
}

TEST_CASE("[automaton] transitions missing from the data") {
    const Machine m = adder_machine();
    // Never a 1+1 column right after "carry, print 1" (node 3); every node still shows up.
    const auto traces = m.traces(50, 16, 0.0, [](int s, int c) { return s == 3 && c == 3; });
    SUBCASE("filled by stepping the net from the centre") {
        const AutomatonResult r = carry::extract_automaton(traces, m.hooks(true), AutomatonOptions{});
        CHECK_FALSE(r.complete);
        CHECK(r.inferred_transitions > 0);
        CHECK(r.equivalent);
    }
    SUBCASE("without a net: an unknown sink, and not equivalent") {
        const AutomatonResult r = carry::extract_automaton(traces, m.hooks(false), AutomatonOptions{});
        CHECK_FALSE(r.complete);
        CHECK_FALSE(r.equivalent);
        // Shortest way into node 3 is 11 11; then the unseen 11.
        CHECK(r.counterexample == std::vector<int>{3, 3, 3});
        CHECK(r.counterexample_got == 2);
        bool has_unknown = false;
        for (const auto& n : r.nodes) has_unknown = has_unknown || n.is_unknown;
        CHECK(has_unknown);
    }
}

TEST_CASE("[automaton] extraction is deterministic") {
    const carry::Net net = carry::handwired_adder(6.0);  // softer units: activity not saturated
    AutomatonOptions o;
    o.pairs = 60;
    const AutomatonResult a = carry::extract_automaton(net, o), b = carry::extract_automaton(net, o);
    CHECK(a.clusters == b.clusters);
    CHECK(a.states == b.states);
    REQUIRE(a.cluster_list.size() == b.cluster_list.size());
    for (std::size_t k = 0; k < a.cluster_list.size(); ++k)
        CHECK(a.cluster_list[k].centroid == b.cluster_list[k].centroid);
}
