// The zoo's shared measure (core/zoo/model.h): how far back each sum bit depends on the columns.
#include <doctest/doctest.h>

#include "core/zoo/model.h"

using namespace carry;
using namespace carry::zoo;

TEST_SUITE("zoo model") {
    TEST_CASE("[zoo] carry reach: back to the nearest column that decides the carry") {
        // LSB first. 1+1 at column 0 generates, 0+0 at column 1 kills.
        const Pair gen_kill = make_pair({1, 0, 0}, {1, 0, 0});
        CHECK(carry_reach(gen_kill, 0) == 1);  // only the zeros before column 0 decide
        CHECK(carry_reach(gen_kill, 1) == 1);  // column 0 decides
        CHECK(carry_reach(gen_kill, 2) == 1);  // column 1 decides
        CHECK(longest_carry_reach(gen_kill) == 1);

        // 111 + 000: every column propagates, so the pad column's sum bit depends on all of them and
        // on the zeros before column 0: a window of 4 columns cannot see that, one of 5 can.
        const Pair all_propagate = make_pair({1, 1, 1}, {0, 0, 0});
        for (int t = 0; t <= 3; ++t) CHECK(carry_reach(all_propagate, t) == t + 1);
        CHECK(longest_carry_reach(all_propagate) == 4);

        // 1+1 then three propagating columns: the carry travels 4 columns to the pad column.
        const Pair chain = make_pair({1, 1, 0, 1}, {1, 0, 1, 0});
        CHECK(carry_reach(chain, 4) == 4);
        CHECK(longest_carry_reach(chain) == 4);
    }

    TEST_CASE("[zoo] the shared training pairs are drawn once, from the seed") {
        const ZooData a = make_zoo_data(7, 50, 2, 9), b = make_zoo_data(7, 50, 2, 9), c = make_zoo_data(8, 50, 2, 9);
        REQUIRE(a.train.size() == 50);
        bool same = true, differs = false;
        for (std::size_t i = 0; i < a.train.size(); ++i) {
            CHECK(a.train[i].bits() >= 2);
            CHECK(a.train[i].bits() <= 9);
            same = same && a.train[i].a == b.train[i].a && a.train[i].b == b.train[i].b;
            differs = differs || a.train[i].a != c.train[i].a || a.train[i].b != c.train[i].b;
        }
        CHECK(same);
        CHECK(differs);
    }

}  // TEST_SUITE
