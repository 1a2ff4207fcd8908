// test_train_speed: training speed is set in time (sums per second), not per frame, and curve points
// fall every so many sums, whatever the frame rate (issue 21, item 4).
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "app/app.h"
#include "headless_app.h"

using namespace carry;
using namespace carry::test;

namespace {

struct Run {
    long long sequences = 0;
    std::vector<float> points;  // the curves' x values
};

// `seconds` of live training at `fps`, at the speed level `level` (sums per 1/60 s).
Run train_at(double fps, float level, double seconds) {
    Headless h(1280, 800);
    h.frames(2);
    Playground& pg = h.pg();
    pg.live.full_speed = false;
    pg.live.sequences_per_frame = level;
    pg.live.sample_budget_ms = 0.0;  // every due point, however slow the build (asan, WebAssembly under load)
    pg.push(CommandKind::TrainPlay);
    h.frame(0.0);  // the command, no time yet
    const long long s0 = pg.trainer->sequences();
    const int frames = static_cast<int>(seconds * fps + 0.5);
    for (int i = 0; i < frames; ++i) h.frame(1.0 / fps);
    REQUIRE(pg.live.training);  // not stopped by a solve: the whole time trained
    return Run{pg.trainer->sequences() - s0, pg.meas.history.sequences};
}

}  // namespace

TEST_CASE("[train-speed] sums per second hold at 10 and 60 frames per second; curve points fall at the same sums") {
    const float level = 4.0f;  // 240 sums per second
    const double seconds = 4.0;
    const Run slow = train_at(10.0, level, seconds), fast = train_at(60.0, level, seconds);
    const double want = 60.0 * level * seconds;  // 960 sums
    MESSAGE("10 fps: " << slow.sequences << " sums, " << slow.points.size() << " points; 60 fps: " << fast.sequences
                       << " sums, " << fast.points.size() << " points");
    CHECK(fast.sequences >= want - 8);  // whole minibatches of 8
    CHECK(fast.sequences <= want + 8);
    CHECK(slow.sequences >= want - 8);
    CHECK(slow.sequences <= want + 8);
    CHECK(slow.points.size() > 20);  // per so many sums, not per frame
    CHECK(slow.points == fast.points);
}

// A machine too slow for the chosen speed trains slower instead of stalling: a frame's training stops
// at its time budget, and what it owes is capped at half a second's worth (before, a 2 fps frame at the
// top speed owed 7 680 sums and spent them all in that frame, so the next frame came later still).
TEST_CASE("[train-speed] a frame's training is bounded in time when the machine cannot keep up") {
    Headless h(1280, 800);
    h.frames(2);
    Playground& pg = h.pg();
    pg.commands.push_back(Command{CommandKind::SetSetting, 0, "hidden", "16"});
    h.frame(0.0);
    pg.live.full_speed = false;
    pg.live.sequences_per_frame = kMaxSequencesPerFrame;  // 15 360 sums per second
    pg.push(CommandKind::TrainPlay);
    h.frame(0.0);
    const double cap = kMaxSequencesPerFrame * 60.0 * 0.5;
    double slowest = 0.0;
    long long trained = 0;
    for (int i = 0; i < 6 && pg.live.training; ++i) {
        h.frame(0.5);  // 2 frames per second: 7 680 sums owed each frame
        slowest = std::max(slowest, pg.live.last_frame_train_ms);
        trained += pg.live.last_frame_sequences;
        CHECK(pg.live.accum <= cap);
        CHECK(pg.live.last_frame_sequences > 0);  // progress every frame
    }
    MESSAGE("slowest frame's training " << slowest << " ms; " << trained << " sums in 6 frames");
    CHECK(trained < 6 * 7680);  // the budget stopped the frames early: the owed work was not all done
    CHECK(slowest < 500.0);     // about kSpeedBudgetMs plus one minibatch; 7 680 sums of 16 units take seconds
}
