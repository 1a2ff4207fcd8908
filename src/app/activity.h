// activity: when the playground next needs a frame drawn (issue 15, "draw on demand").
//
// The platform layer draws a frame only when something on screen changes. Input, resize and API
// calls wake it from outside; this file answers the other half: after a frame, how long until the
// app's own state changes what is shown (training, the sum's animation, a running experiment).
// The platform adds the few frames ImGui needs after an event (hover, tooltips, a field's cursor).
#pragma once

namespace carry {

struct App;

// A long way off: nothing in the app changes by itself.
inline constexpr double kNoFrameDue = 1e9;

// Seconds from now until the app needs its next frame: 0 while something moves every frame
// (training, train(n) jobs, queued commands, a rotating 3D view, a running experiment), the time
// to the animation's next step while the sum plays, kNoFrameDue when only input can change the screen.
double app_next_frame_in(const App& app);

// Work that must go on even when nothing is drawn (a hidden tab, a frame out of view): train(n)
// jobs the page waits for, and training when the link or the API asked for it to go on in the
// background (the setting `background`).
bool app_has_background_work(const App& app);

}  // namespace carry
