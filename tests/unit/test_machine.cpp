// Tasks as data (issue 19): every library machine against an independent reference function,
// minimization on hand-checked machines, validation messages, and the task text form fuzzed.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <string>

#include "core/binary_text.h"
#include "core/machine.h"

using namespace carry;

namespace {

bool same_table(const Machine& x, const Machine& y) {
    return x.inputs == y.inputs && x.start == y.start && x.printed == y.printed && x.next == y.next;
}

// References: plain arithmetic on LSB-first bit vectors, written without any state machine.
BitVector bits_of(const BitVector& v, std::size_t n) {
    BitVector out(v);
    out.resize(n, 0);
    return out;
}
BitVector ref_add(const Pair& p) { return bits_of(add_exact(p.a, p.b), p.a.size() + 1); }
// a - b mod 2^(n+1) as a + ~b + 1 over n+1 bits.
BitVector ref_subtract(const Pair& p) {
    const std::size_t n = p.a.size() + 1;
    BitVector nb = bits_of(p.b, n);
    for (auto& x : nb) x ^= 1;
    BitVector one(n, 0);
    one[0] = 1;
    return bits_of(add_exact(add_exact(bits_of(p.a, n), nb), one), n);
}
// Target t: the low t+1 bits of a, compared with b's, from the most significant down.
BitVector ref_greater(const Pair& p) {
    const BitVector a = bits_of(p.a, p.a.size() + 1), b = bits_of(p.b, p.a.size() + 1);
    BitVector out(a.size(), 0);
    for (std::size_t t = 0; t < a.size(); ++t)
        for (std::size_t i = t + 1; i-- > 0;)
            if (a[i] != b[i]) {
                out[t] = a[i] > b[i];
                break;
            }
    return out;
}
BitVector ref_parity(const Pair& p) {
    const BitVector a = bits_of(p.a, p.a.size() + 1);
    BitVector out(a.size());
    for (std::size_t t = 0; t < a.size(); ++t)
        out[t] = static_cast<std::uint8_t>(std::count(a.begin(), a.begin() + static_cast<long>(t) + 1, 1) % 2);
    return out;
}
// Divisible by 3 iff (ones at even positions from the low end) - (ones at odd positions) = 0 mod 3.
BitVector ref_div3(const Pair& p) {
    const BitVector a = bits_of(p.a, p.a.size() + 1);
    BitVector out(a.size());
    for (std::size_t t = 0; t < a.size(); ++t) {
        long diff = 0;
        for (std::size_t i = 0; i <= t; ++i) diff += ((t - i) % 2 == 0 ? 1 : -1) * a[i];
        out[t] = ((diff % 3) + 3) % 3 == 0 ? 1 : 0;
    }
    return out;
}
BitVector ref_times3(const Pair& p) {
    BitVector twice{0};
    twice.insert(twice.end(), p.a.begin(), p.a.end());
    return bits_of(add_exact(p.a, twice), p.a.size() + 1);
}
std::function<BitVector(const Pair&)> ref_delay(std::size_t k) {
    return [k](const Pair& p) {
        const BitVector a = bits_of(p.a, p.a.size() + 1);
        BitVector out(a.size(), 0);
        for (std::size_t t = k; t < a.size(); ++t) out[t] = a[t - k];
        return out;
    };
}

Machine random_machine(Rng& rng, int inputs, int states) {
    Machine m;
    m.inputs = inputs;
    m.start = static_cast<int>(rng.below(static_cast<std::uint64_t>(states)));
    for (int s = 0; s < states; ++s) {
        m.printed.push_back(static_cast<std::uint8_t>(rng.bit()));
        std::vector<int> row;
        for (int c = 0; c < (1 << inputs); ++c)
            row.push_back(static_cast<int>(rng.below(static_cast<std::uint64_t>(states))));
        m.next.push_back(row);
    }
    return m;
}

}  // namespace

TEST_CASE("[machine] every library machine matches its reference function, long inputs too") {
    const std::vector<std::pair<const char*, std::function<BitVector(const Pair&)>>> refs = {
        {"add", ref_add},   {"subtract", ref_subtract}, {"greater", ref_greater}, {"parity", ref_parity},
        {"div3", ref_div3}, {"times3", ref_times3},     {"delay2", ref_delay(2)}, {"delay3", ref_delay(3)},
    };
    REQUIRE(task_library().size() == refs.size());
    for (std::size_t i = 0; i < refs.size(); ++i) {
        const Task& task = task_library()[i];
        INFO(task.name);
        REQUIRE(task.name == refs[i].first);
        CHECK(validate_machine(task.machine) == "");
        CHECK(task.machine.state_names.size() == static_cast<std::size_t>(task.machine.states()));
        CHECK(!task.description.empty());
        Rng rng(100 + i);
        for (int n : {1, 2, 3, 5, 8, 17, 64, 200, 1500}) {
            for (int k = 0; k < (n > 100 ? 2 : 20); ++k) {
                const Pair p = random_task_pair(task, rng, n);
                if (task.machine.inputs == 1) CHECK(std::count(p.b.begin(), p.b.end(), 1) == 0);
                const BitVector want = refs[i].second(p);
                REQUIRE(want.size() == static_cast<std::size_t>(n + 1));
                CHECK(task_targets(task, p) == want);
                // The machine itself, not only the adder's fast path.
                CHECK(run_machine(task.machine, task_columns(task, p)) == want);
                CHECK(run_machine(task_minimal_machine(task), task_columns(task, p)) == want);
            }
        }
    }
}

TEST_CASE("[machine] add draws exactly as random_pair and targets exactly true_sum") {
    Rng r1(7), r2(7);
    for (int n : {1, 31, 32, 33, 100}) {
        const Pair p = random_task_pair(add_task(), r1, n);
        const Pair q = random_pair(r2, n);
        CHECK(p.a == q.a);
        CHECK(p.b == q.b);
        CHECK(task_targets(add_task(), p) == true_sum(p));
    }
    CHECK(r1.next_u64() == r2.next_u64());
    CHECK(find_task("add") == &add_task());
    CHECK(find_task("nope") == nullptr);
}

TEST_CASE("[machine] minimal machines have the documented sizes") {
    const std::vector<std::pair<const char*, int>> sizes = {{"add", 4},    {"subtract", 4}, {"greater", 2},
                                                            {"parity", 2}, {"div3", 3},     {"times3", 6},
                                                            {"delay2", 8}, {"delay3", 16}};
    for (const auto& size : sizes) {
        const char* name = size.first;  // not a structured binding: INFO captures it (clang 14)
        const int states = size.second;
        INFO(name);
        const Task* t = find_task(name);
        REQUIRE(t);
        const Machine m = minimize_machine(t->machine);
        CHECK(m.states() == states);
        CHECK(validate_machine(m) == "");
        CHECK(machines_equivalent(m, t->machine));
        CHECK(same_table(minimize_machine(m), m));  // minimal is a fixed point
    }
}

TEST_CASE("[machine] minimization on hand-checked machines") {
    SUBCASE("the adder: start joins 'carry 0, print 0'; breadth-first numbering") {
        const Machine m = minimize_machine(add_task().machine);
        CHECK(m.printed == std::vector<std::uint8_t>{0, 1, 0, 1});
        CHECK(m.next == std::vector<std::vector<int>>{{0, 1, 1, 2}, {0, 1, 1, 2}, {1, 2, 2, 3}, {1, 2, 2, 3}});
        CHECK(m.state_names[2] == "carry 1, print 0");
    }
    SUBCASE("duplicate and unreachable states go; the start's own bit is a don't-care") {
        // Parity with the start apart (printing 1, never seen), a duplicate of 'odd' and an
        // unreachable state: 0 start, 1 even, 2 odd, 3 odd again, 4 unreachable.
        Machine m;
        m.inputs = 1;
        m.start = 0;
        m.printed = {1, 0, 1, 1, 0};
        m.next = {{1, 2}, {1, 3}, {2, 1}, {3, 1}, {4, 0}};
        const Machine min = minimize_machine(m);
        CHECK(min.printed == std::vector<std::uint8_t>{0, 1});
        CHECK(min.next == std::vector<std::vector<int>>{{0, 1}, {1, 0}});
        CHECK(same_table(min, minimize_machine(find_task("parity")->machine)));
    }
    SUBCASE("a start that joins no state stays apart, printing 0") {
        // The first bit is remembered for ever: start, then 'first 0' or 'first 1'.
        Machine m;
        m.inputs = 1;
        m.start = 2;
        m.printed = {1, 0, 1};
        m.next = {{0, 0}, {1, 1}, {1, 0}};
        const Machine min = minimize_machine(m);
        CHECK(min.printed == std::vector<std::uint8_t>{0, 0, 1});
        CHECK(min.next == std::vector<std::vector<int>>{{1, 2}, {1, 1}, {2, 2}});
    }
    SUBCASE("a start entered again keeps its bit") {
        // div3: remainder 0 is the start and is entered after "0", "11", ...
        const Machine min = minimize_machine(find_task("div3")->machine);
        CHECK(min.printed == std::vector<std::uint8_t>{1, 0, 0});
        CHECK(min.next == std::vector<std::vector<int>>{{0, 1}, {2, 0}, {1, 2}});
    }
}

TEST_CASE("[machine] equivalence and the shortest difference") {
    const Machine& add = add_task().machine;
    const Machine& sub = find_task("subtract")->machine;
    const std::vector<int> d = first_difference(add, sub);
    REQUIRE(!d.empty());
    // No single column tells them apart (a=0 b=1 prints 1 in both); two do (then a=b=0: 0 vs 1).
    CHECK(run_machine(add, d).back() != run_machine(sub, d).back());
    std::vector<int> prefix(d.begin(), d.end() - 1);
    CHECK(run_machine(add, prefix) == run_machine(sub, prefix));
    CHECK(d.size() == 2);
    CHECK(first_difference(add, minimize_machine(add)).empty());
    CHECK(machines_equivalent(add, add));
    CHECK(!machines_equivalent(find_task("parity")->machine, add));  // inputs differ
    CHECK(first_difference(find_task("delay2")->machine, find_task("delay3")->machine).size() == 3);
}

TEST_CASE("[machine] random machines: minimal is equivalent, canonical and smallest; text round-trips") {
    Rng rng(42);
    for (int k = 0; k < 400; ++k) {
        const int inputs = 1 + static_cast<int>(rng.below(2));
        const int states = 1 + static_cast<int>(rng.below(k % 10 == 0 ? 64 : 8));
        const Machine m = random_machine(rng, inputs, states);
        const Machine min = minimize_machine(m);
        REQUIRE(validate_machine(min) == "");
        CHECK(min.states() <= states);
        CHECK(machines_equivalent(m, min));
        // The same machine with its states shuffled and duplicated minimizes to the same table.
        Machine big = m;
        std::vector<int> perm(static_cast<std::size_t>(2 * states));
        for (int i = 0; i < 2 * states; ++i) perm[static_cast<std::size_t>(i)] = i;
        for (int i = 2 * states - 1; i > 0; --i)
            std::swap(perm[static_cast<std::size_t>(i)], perm[rng.below(static_cast<std::uint64_t>(i) + 1)]);
        big.printed.assign(static_cast<std::size_t>(2 * states), 0);
        big.next.assign(static_cast<std::size_t>(2 * states), {});
        for (int copy = 0; copy < 2; ++copy)
            for (int s = 0; s < states; ++s) {
                const int at = perm[static_cast<std::size_t>(copy * states + s)];
                big.printed[static_cast<std::size_t>(at)] = m.printed[static_cast<std::size_t>(s)];
                for (int to : m.next[static_cast<std::size_t>(s)])  // each copy jumps into either copy
                    big.next[static_cast<std::size_t>(at)].push_back(
                        perm[static_cast<std::size_t>(static_cast<int>(rng.below(2)) * states + to)]);
            }
        big.start = perm[static_cast<std::size_t>(m.start)];
        CHECK(same_table(minimize_machine(big), min));
        // No state of the minimal machine can go: two states are told apart by their bits (the
        // start's only if it is entered again) or by some input that follows.
        bool start_entered = false;
        for (const auto& row : min.next) start_entered = start_entered || std::count(row.begin(), row.end(), 0) > 0;
        for (int x = 0; x < min.states(); ++x)
            for (int y = x + 1; y < min.states(); ++y) {
                Machine mx = min, my = min;
                mx.start = x;
                my.start = y;
                const bool bits_tell =
                    min.printed[static_cast<std::size_t>(x)] != min.printed[static_cast<std::size_t>(y)] &&
                    (x != 0 || start_entered);
                CHECK((bits_tell || !machines_equivalent(mx, my)));
            }
        // Text form.
        Task t;
        t.machine = min;
        const std::string text = encode_task(t);
        CHECK(text.size() <= kMaxTaskTextLength);
        for (char c : text)
            CHECK(((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                   c == '-'));
        std::string err = "unset";
        const auto back = parse_task(text, &err);
        REQUIRE_MESSAGE(back, err);
        CHECK(err == "");
        CHECK(back->name == "");
        CHECK(same_table(back->machine, min));
    }
}

TEST_CASE("[machine] library names and the adder's table parse; encode gives the name") {
    for (const Task& t : task_library()) {
        CHECK(encode_task(t) == t.name);
        const auto back = parse_task(t.name);
        REQUIRE(back);
        CHECK(back->name == t.name);
        const auto table = parse_task(encode_machine(t.machine));
        REQUIRE(table);
        CHECK(same_table(table->machine, t.machine));
    }
    CHECK(encode_machine(add_task().machine) == "m1.2.0.00112.10112.01223.11223");
}

TEST_CASE("[machine] validation messages name the problem") {
    Machine m = find_task("parity")->machine;
    CHECK(validate_machine(m) == "");
    Machine bad = m;
    bad.inputs = 3;
    CHECK(validate_machine(bad) == "inputs must be 1 or 2 (bits read per column), not 3");
    bad = m;
    bad.next[1] = {1};
    CHECK(validate_machine(bad) == "state 1 has no transition for column 1");
    bad = m;
    bad.next[1][0] = -1;
    CHECK(validate_machine(bad) == "state 1 has no transition for column 0");
    bad = m;
    bad.next[0][1] = 9;
    CHECK(validate_machine(bad) == "state 0 goes to state 9 on column 1, which does not exist");
    bad = m;
    bad.next[0] = {0, 0};  // odd is never entered
    CHECK(validate_machine(bad) == "state 1 cannot be reached from the start state");
    bad = add_task().machine;
    bad.next[2][2] = -1;
    CHECK(validate_machine(bad) == "state 2 has no transition for column a=0 b=1");
    bad = m;
    bad.start = 2;
    CHECK(validate_machine(bad) == "the start state 2 does not exist");
    bad = m;
    bad.printed[0] = 2;
    CHECK(validate_machine(bad) == "state 0 must print 0 or 1");
    bad = Machine{};
    CHECK(validate_machine(bad) == "the machine has no states");
    bad = m;
    for (int s = 2; s < 65; ++s) {
        bad.printed.push_back(0);
        bad.next.push_back({0, 0});
    }
    CHECK(validate_machine(bad) == "more than 64 states (65)");
}

TEST_CASE("[machine] parse_task: clear messages, never throws, whatever the text") {
    std::string err;
    CHECK(!parse_task("", &err));
    CHECK(err.find("no task given") != std::string::npos);
    CHECK(!parse_task("multiply", &err));
    CHECK(err.find("unknown task \"multiply\"") == 0);
    CHECK(err.find("add, subtract, greater, parity, div3, times3, delay2, delay3") != std::string::npos);
    CHECK(!parse_task("m2.1.0.001", &err));
    CHECK(err.find("\"m2\" is not a version") != std::string::npos);
    CHECK(!parse_task("m1.1.0.001.101.111", &err));  // state 2 unreachable
    CHECK(err == "bad encoded machine: state 2 cannot be reached from the start state");
    CHECK(!parse_task("m1.1.0.01", &err));
    CHECK(err.find("state 0 is \"01\": it needs 3 characters") != std::string::npos);
    CHECK(!parse_task("m1.1.0.00*", &err));
    CHECK(err.find("where a state digit") != std::string::npos);
    CHECK(!parse_task(std::string(2000, 'm'), &err));
    CHECK(err.find("at most 1024 characters") != std::string::npos);
    CHECK(!parse_task(std::string("add\0", 4), &err));
    CHECK(err.find("\\x00") != std::string::npos);
    // Thousands of random and mutated strings: no throw, and whatever is accepted is a valid
    // machine that encodes and parses back to the same table.
    Rng rng(3);
    const std::string alphabet = "m12.0aA-_zZ9~%&#= \n";
    std::vector<std::string> seeds;
    for (const Task& t : task_library()) seeds.push_back(encode_machine(t.machine));
    int accepted = 0;
    for (int k = 0; k < 20000; ++k) {
        std::string s;
        if (k % 2 == 0) {
            const std::size_t len = rng.below(40);
            for (std::size_t i = 0; i < len; ++i)
                s += k % 4 == 0 ? static_cast<char>(rng.below(256)) : alphabet[rng.below(alphabet.size())];
        } else {
            s = seeds[rng.below(seeds.size())];
            for (int e = 0; e < 1 + static_cast<int>(rng.below(3)); ++e) {
                const std::size_t at = rng.below(s.size() + 1);
                switch (rng.below(3)) {
                    case 0: s.insert(at, 1, alphabet[rng.below(alphabet.size())]); break;
                    case 1:
                        if (at < s.size()) s.erase(at, 1);
                        break;
                    default:
                        if (at < s.size()) s[at] = alphabet[rng.below(alphabet.size())];
                        break;
                }
            }
        }
        std::optional<Task> t;
        err.clear();
        CHECK_NOTHROW(t = parse_task(s, &err));
        if (t) {
            ++accepted;
            CHECK(validate_machine(t->machine) == "");
            const auto again = parse_task(encode_task(*t));
            REQUIRE(again);
            CHECK(same_table(again->machine, t->machine));
        } else {
            CHECK(!err.empty());
        }
    }
    CHECK(accepted > 100);  // the mutations do reach valid machines
}

TEST_CASE("[machine] task_states follows the minimal machine") {
    const Pair p = make_pair({1, 1, 0}, {1, 0, 0});  // 3 + 1 = 4: carries out of columns 0 and 1
    const std::vector<int> s = task_states(add_task(), p);
    const Machine min = task_minimal_machine(add_task());
    REQUIRE(s.size() == 4);
    for (std::size_t t = 0; t < s.size(); ++t) CHECK(min.printed[static_cast<std::size_t>(s[t])] == true_sum(p)[t]);
    CHECK(min.state_names[static_cast<std::size_t>(s[0])] == "carry 1, print 0");
    CHECK(min.state_names[static_cast<std::size_t>(s[2])] == "carry 0, print 1");
    CHECK(min.state_names[static_cast<std::size_t>(s[3])] == "carry 0, print 0");
}
