// test_train_speed: training speed is set in time (sums per second), not per frame, and curve points
// fall every so many sums, whatever the frame rate (issue 21, item 4).
#include <doctest/doctest.h>

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
