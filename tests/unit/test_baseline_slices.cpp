// test_baseline_slices: "vs feed-forward → Compute the comparison" runs a slice per frame with a
// progress bar; the page keeps drawing (issue 21, item 5).
#include <doctest/doctest.h>

#include "app/activity.h"
#include "app/app.h"
#include "app/inside.h"
#include "core/feedforward.h"
#include "headless_app.h"

using namespace carry;
using namespace carry::test;

TEST_CASE(
    "[baseline] the comparison runs in slices of at most 100 ms, frames keep coming, and its result is the "
    "one-shot's") {
    Headless h(1280, 800);
    h.frames(2);
    InsideView& v = h.app.inside;
    h.app.playground.requests.open_inside_tab = static_cast<int>(InsideTab::Baseline);
    h.frames(3);
    REQUIRE(v.open);
    REQUIRE(v.tab == InsideTab::Baseline);
    v.baseline_state = 1;  // what "Compute the comparison" does
    int frames = 0, long_slices = 0;
    bool progress_seen = false;
    while (v.baseline_state != 3 && frames < 5000) {
        h.frame();
        ++frames;
        // Each slice is budgeted at 8 ms. Wall time also counts the machine preempting this process
        // (a loaded CI box), so one slice in twenty may exceed 100 ms; the old one-shot comparison
        // blocked a single frame for ~2.7 s, and a run in big slices fails this in every frame.
        if (v.baseline_slice_ms >= 100.0) ++long_slices;
        if (v.baseline_state != 3) {
            CHECK(app_next_frame_in(h.app) == 0.0);  // draw-on-demand keeps frames coming while it runs
            REQUIRE(v.baseline_run);
            if (v.baseline_run->progress() > 0.3 && v.baseline_run->progress() < 0.9) progress_seen = true;
        }
    }
    REQUIRE(v.baseline_state == 3);
    CHECK(frames > 10);  // it was sliced
    CHECK(progress_seen);
    CHECK(long_slices * 20 <= frames);
    CHECK(v.baseline_slice_max_ms < 1000.0);  // never a frozen page
    MESSAGE("baseline: " << frames << " frames, " << v.baseline_ms << " ms, longest slice " << v.baseline_slice_max_ms
                         << " ms");
    FeedforwardResult one;
    REQUIRE(run_feedforward_baseline(FeedforwardConfig{}, &one));
    CHECK(v.baseline.final_loss == one.final_loss);
    CHECK(v.baseline.unseen_carry.bit_accuracy == one.unseen_carry.bit_accuracy);
    CHECK(v.baseline.rnn_unseen_carry.exact_accuracy == one.rnn_unseen_carry.exact_accuracy);
    CHECK(v.baseline.rnn_sequences == one.rnn_sequences);
}
