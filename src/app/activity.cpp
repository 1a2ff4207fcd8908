// activity: when the playground next needs a frame drawn (see activity.h).
#include "app/activity.h"

#include <algorithm>

#include "app/app.h"

namespace carry {

namespace {

// Time until the sum's animation shows its next step (playground.cpp's animate(): a step every
// 1/speed seconds, then the finished sum held for 2 s before it starts again).
double animation_due(const App& app) {
    const Playground& pg = app.playground;
    if (!pg.stepper || !pg.anim.playing) return kNoFrameDue;
    // Only the add view, the network, the unrolled net and "Inside the net" show the cursor.
    if (!pg.shows("add") && !pg.shows("network") && !pg.shows("unrolled") && !pg.shows("lstm") && !app.inside.open)
        return kNoFrameDue;
    const int last = pg.stepper->steps() - 1;
    if (pg.anim.cursor >= last) return pg.anim.hold > 0.0 ? pg.anim.hold : 2.0;
    const double speed = std::clamp(static_cast<double>(pg.anim.steps_per_second), 0.25, 60.0);
    return std::max(0.0, (1.0 - pg.anim.accum) / speed);
}

}  // namespace

double app_next_frame_in(const App& app) {
    const Playground& pg = app.playground;
    const Embedding& e = app.embed;
    if (pg.live.training || !pg.commands.empty() || !e.trains.empty() || !e.after_frame.empty()) return 0.0;
    if (pg.stepper_dirty || app.inside.scroll_frames > 0) return 0.0;
    if (lstm_view_busy(app.lstm, pg)) return 0.0;  // the LSTM, live: training
    const InsideView& v = app.inside;
    if (v.open &&
        ((v.tab == InsideTab::Space && v.orbit.auto_rotate && !app.look.reduce_motion) || v.baseline_state == 1 ||
         v.baseline_state == 2))
        return 0.0;
    // The Models window: its experiments run a slice a frame, the dynamics view rotates.
    const ModelsWindow& m = app.models;
    if (m.open &&
        (m.zoo.running || m.states.running || m.modes.running || (m.tab == ModelsTab::Remedies && m.remedies.busy()) ||
         (m.tab == ModelsTab::Dynamics && !app.look.reduce_motion) || (m.tab == ModelsTab::NextTerm && m.next_term.running) ||
         m.request_tab >= 0))
        return 0.0;
    double due = std::min(animation_due(app), reader_due(app));
    if (v.open && v.tab == InsideTab::Backprop && v.bptt && v.bptt_playing)
        due = std::min(due, std::max(0.0, (1.0 - v.bptt_accum) / std::max(0.25f, v.bptt_steps_per_second)));
    return due;
}

bool app_has_background_work(const App& app) {
    if (!app.embed.trains.empty() || !app.embed.after_frame.empty() || !app.playground.commands.empty()) return true;
    return app.playground.link.background && app.playground.live.training;
}

}  // namespace carry
