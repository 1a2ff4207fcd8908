// The task: pairs, padding column, true sum, seeded random pairs.
#include <doctest/doctest.h>

#include "core/binary_text.h"
#include "core/task.h"

using namespace carry;

TEST_CASE("[task] true_sum has n+1 bits and equals the reference adder") {
    Rng rng(5);
    for (int n : {1, 2, 7, 64, 300, 4096}) {
        const Pair p = random_pair(rng, n);
        REQUIRE(p.bits() == n);
        REQUIRE(p.b.size() == static_cast<std::size_t>(n));
        const BitVector s = true_sum(p);
        CHECK(s.size() == static_cast<std::size_t>(pair_columns(n)));
        CHECK(s == add_exact(p.a, p.b));
    }
    // 11 + 01 = 100 (LSB first: a = 1,1; b = 1,0; sum = 0,0,1)
    const Pair p = make_pair({1, 1}, {1});
    CHECK(p.b == BitVector{1, 0});
    CHECK(true_sum(p) == BitVector{0, 0, 1});
    CHECK(column_a(p, 2) == 0);  // the pad column
    CHECK(column_b(p, 2) == 0);
}

TEST_CASE("[task] random pairs: seeded, lengths in range, fair bits") {
    Rng r1(9), r2(9);
    CHECK(random_pair(r1, 40).a == random_pair(r2, 40).a);
    int ones = 0, total = 0;
    for (int k = 0; k < 500; ++k) {
        const Pair p = random_pair(r1, 3, 17);
        REQUIRE(p.bits() >= 3);
        REQUIRE(p.bits() <= 17);
        for (auto v : p.a) ones += v, ++total;
    }
    CHECK(std::abs(ones - total / 2) < total / 20);
    CHECK_THROWS(random_pair(r1, 0));
    CHECK_THROWS(random_pair(r1, 4097));
}

TEST_CASE("[task] 64-bit sums agree with integer addition") {
    Rng rng(2);
    for (int k = 0; k < 100; ++k) {
        const Pair p = random_pair(rng, 63);
        const std::uint64_t a = bits_to_uint(p.a), b = bits_to_uint(p.b);
        CHECK(bits_to_uint(true_sum(p)) == a + b);
    }
}
