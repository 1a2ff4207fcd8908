// remedies_view: the Models window's "Remedies" tab (issue 20, items 1, 2 and 4): the lecture's
// ways around gradients that vanish or explode through many steps, measured on sums whose carry
// must travel far (core/zoo/remedies.h).
//
//   Long range       exact sums against the longest carry chain (5 .. 100 columns) for the net
//                    trained by SGD with momentum, Adam and Hessian-free (on short sums, and on
//                    sums with 20-column chains) and for the echo state network
//   Hessian-free     training loss against passes through the data, HF beside SGD and Adam, on
//                    short and on long-range sums
//   Delay range      exact and bit accuracy against the lag of the tasks' delay machines (lag 1..5,
//                    2^(lag+1) states), one line per optimizer (core/zoo/delay_range.h)
//   Echo state net   controls (size, spectral radius, input scale, leak, ridge) and one fit with
//                    its accuracy and memory capacity; accuracy against the radius and the size
// Each part ends with one sentence computed from its numbers (RemediesRunner's verdicts).
//
// Draws inside the current ImGui window. Work runs only while the tab is drawn, a slice per frame
// (frame_budget_ms), so a closed tab costs nothing and the page keeps responding.
#pragma once

#include <memory>
#include <string>

#include "core/zoo/delay_range.h"
#include "core/zoo/remedies.h"

namespace carry {

struct RemediesView {
    void draw();
    bool busy() const { return running || (probe && !probe->done()); }
    void start();  // a new comparison run (the Run button)

    bool quick = false;  // the quick configuration or the full one (about 7.5 s of work natively)
    std::unique_ptr<zoo::RemediesRunner> runner;
    std::unique_ptr<zoo::DelayRangeRunner> delay;  // runs after `runner`, in the same slices
    bool running = false;
    double seconds = 0.0;
    std::string error;
    // The ESN controls and their probe.
    zoo::EsnConfig esn;
    std::unique_ptr<zoo::EsnProbe> probe;
    double frame_budget_ms = 12.0;
};

}  // namespace carry
