// app/activity.h (issue 15): when the playground needs its next frame. The platform draws only
// then (plus a few frames after input), so these answers are what a user sees as smooth or idle.
#include <doctest/doctest.h>

#include "app/activity.h"
#include "headless_app.h"

using carry::test::Headless;

TEST_CASE("[activity] the sum animation asks for a frame at its next step, and only while a panel shows it") {
    Headless h(1280, 800);
    h.frames(5);
    carry::Playground& pg = h.pg();
    REQUIRE(pg.anim.playing);
    REQUIRE_FALSE(pg.live.training);
    const double due = carry::app_next_frame_in(h.app);
    MESSAGE("next frame in " << due << " s at " << pg.anim.steps_per_second << " steps/s");
    CHECK(due > 0.0);
    CHECK(due <= 2.0 + 1e-9);  // a step every 1/speed s, or the 2 s hold at the end of the sum
    // No panel shows the cursor: nothing changes on screen, nothing is due.
    pg.link.panels = {"curves", "train"};
    h.frames(3);
    CHECK(carry::app_next_frame_in(h.app) >= carry::kNoFrameDue);
    // Paused animation with the add view shown: idle too.
    pg.link.panels = {"add", "network"};
    pg.anim.playing = false;
    h.frames(3);
    CHECK(carry::app_next_frame_in(h.app) >= carry::kNoFrameDue);
}

TEST_CASE(
    "[activity] training, queued commands and train(n) jobs need every frame; background work follows the setting") {
    Headless h(1280, 800);
    h.frames(3);
    carry::Playground& pg = h.pg();
    pg.anim.playing = false;
    h.frames(2);
    CHECK(carry::app_next_frame_in(h.app) >= carry::kNoFrameDue);
    CHECK_FALSE(carry::app_has_background_work(h.app));
    pg.push(carry::CommandKind::TrainPlay);
    CHECK(carry::app_next_frame_in(h.app) == 0.0);  // a queued command
    CHECK(carry::app_has_background_work(h.app));
    h.frame();
    REQUIRE(pg.live.training);
    CHECK(carry::app_next_frame_in(h.app) == 0.0);
    CHECK_FALSE(carry::app_has_background_work(h.app));  // live training waits out of sight...
    pg.link.background = true;
    CHECK(carry::app_has_background_work(h.app));  // ...unless the page asked for it
    pg.link.background = false;
    pg.push(carry::CommandKind::TrainPause);
    h.frame();
    h.app.embed.trains.push_back(carry::Embedding::TrainJob{});  // a train(n) the page waits for
    CHECK(carry::app_next_frame_in(h.app) == 0.0);
    CHECK(carry::app_has_background_work(h.app));
}
