// The Models window's "States (HMM)" tab (app/hmm_states_view.h): the lecture's "log N bits"
// argument as the student sees it, one sum vs two interleaved, N = 1..4 states fitted by EM.
#if CARRY_HAS_APP

#include <doctest/doctest.h>

#include "app/hmm_states_view.h"

TEST_SUITE("zoo states view") {
    TEST_CASE("[app] EM: one bit of state adds one sum, two interleaved sums need four states") {
        carry::HmmStatesView v;
        v.start();
        int slices = 0;
        while (!v.step(0.0)) ++slices;  // a budget of 0: one slice per call, as a slow frame would do
        CHECK(slices > 8);              // the work is spread over frames, not done in one
        REQUIRE(v.fits.size() == 8);
        auto exact = [&](bool inter, int n) { return v.fits[static_cast<std::size_t>((inter ? 4 : 0) + n - 1)].exact; };
        CHECK(exact(false, 1) < 0.2);                                 // no state: no carry
        CHECK(exact(false, 2) == 1.0);                                // one bit: the carry
        CHECK(exact(true, 2) < 0.2);                                  // two carries do not fit in one bit
        CHECK(exact(true, 4) == 1.0);                                 // two bits do
        for (const auto& f : v.fits) CHECK(f.ll_per_column <= 1e-9);  // a log-likelihood of bits
    }

}  // TEST_SUITE
#endif
