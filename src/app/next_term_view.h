// next_term_view: the "Next term" tab of the Models window (issue 19, item 4). The net reads a
// bit sequence and predicts the next bit: no separate target. The student picks a source (a
// hidden machine, or a repeating pattern they type), its noise and the hidden units, and watches
// the held-out loss in bits per symbol fall towards the source's entropy rate (the best any
// predictor can do, drawn as a line), with a verdict computed from the numbers.
// The maths lives in core/next_term.h and core/next_term_train.h.
//
// Draws inside the current ImGui window. Training runs only inside draw(), a slice of at most
// frame_budget_ms per frame while `running`: a hidden tab costs nothing (app/activity.cpp asks
// for frames only while this tab is shown and running).
#pragma once

#include <memory>
#include <string>

#include "core/next_term.h"
#include "core/next_term_train.h"
#include "core/settings.h"

namespace carry {

struct NextTermView {
    void draw();   // inside the current ImGui window
    void reset();  // a new run from the controls (or an error message when they are invalid)

    // Controls (each has a tooltip).
    int source = 1;  // index into source_presets(); == presets: the pattern
    char pattern[kMaxPatternBits + 1] = "0010111";
    float noise = 0.05f;
    int hidden = 6;

    std::unique_ptr<NextTermRun> run;  // null until the first draw, or while the controls are invalid
    std::string error;                 // why the controls give no run
    bool started = false;              // the tab starts training by itself the first time it is shown
    bool running = false;
    double frame_budget_ms = 12.0;  // training time per frame while running, at most
    double owed = 0.0;              // sequences due from the frames' time, not trained yet
    long long stop_at = 0;          // training pauses here (Train again: another kTrainChunk)
    static constexpr long long kTrainChunk = 12000;
    static constexpr double kSequencesPerSecond = 2000.0;
    static constexpr long long kEvalEvery = 256;  // sequences between the curve's points

    bool pattern_chosen() const;
    double noise_value() const;  // the slider's float read as the hundredth it shows (0.05, not 0.0500000007)
    void advance();              // one frame's slice of training (trains only while running)

    // The link's rows (core/settings.h: next_source, next_pattern, next_noise, next_hidden).
    // apply_settings: the controls take them (a new run if the tab had one, kept running or not).
    // settings: the controls as link values; false while they are invalid (a pattern being typed).
    void apply_settings(const NextTermSettings& s);
    bool settings(NextTermSettings& out) const;
};

}  // namespace carry
