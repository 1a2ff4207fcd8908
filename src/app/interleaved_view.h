// interleaved_view: under the States (HMM) tab's table, the recurrent net on the same two
// interleaved sums (issue 20 item 7; core/zoo/interleaved.h): trained with H = 1, 2, .. hidden
// units, 10 seeds each, until 8 seeds learn it; a row per size and "RNN needs H units; the HMM
// needs 4 states". Runs on a button press, a slice per frame while the tab is drawn.
#pragma once

#include <memory>

#include "core/zoo/interleaved.h"

namespace carry {

struct InterleavedRnnView {
    void draw();  // inside the current ImGui window
    void start();

    std::unique_ptr<zoo::InterleavedSearch> search;  // null until the first run
    bool quick = false;                              // the small search (seconds)
    bool running = false;
    double frame_budget_ms = 20.0;
    double elapsed_ms = 0.0;
};

}  // namespace carry
