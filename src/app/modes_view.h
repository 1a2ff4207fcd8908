// modes_view: the "Input and target modes" table of the lecture's zoo (issue 9): how the choice of
// targets (every step vs only the last few steps) and of inputs (a carry-in bit as a column vs as
// the initial state of a hidden unit) changes what the recurrent net learns (core/zoo/modes.h).
//
// Draws inside the current ImGui window. The experiment runs on a button press, a slice per frame
// (at most frame_budget_ms of training), so the page keeps responding; slicing does not change a
// result (the runs are deterministic per seed).
#pragma once

#include <memory>

#include "core/zoo/modes.h"

namespace carry {

struct ModesView {
    void draw();  // inside the current ImGui window

    std::unique_ptr<zoo::ModesExperiment> experiment;  // null until the first run
    bool running = false;
    double frame_budget_ms = 20.0;  // training time per frame while running
    double elapsed_ms = 0.0;        // training time spent on the current experiment
};

}  // namespace carry
