// init_view: the "Init" tab of the Models window (issue 20 items 3 and 6): careful initialization
// with momentum measured as a grid (core/zoo/init_grid.h), drawn as heat maps, one per task and
// recurrent initialization (rows: init scale, columns: momentum; colour: the fraction of seeds
// solved, viridis; written in each cell: seeds solved and the median sequences), and the initial
// state measured (core/zoo/initial_state.h), each with its verdict from the numbers.
//
// Draws inside the current ImGui window. Each experiment runs on a button press, a slice per frame
// (at most frame_budget_ms), only while the tab is drawn; slicing does not change a result. Every
// cell is a focusable item (keyboard navigation) with a tooltip.
#pragma once

#include <memory>

#include "core/zoo/init_grid.h"
#include "core/zoo/initial_state.h"

namespace carry {

struct InitView {
    void draw();  // inside the current ImGui window

    void start_grid();
    void start_initial_state();

    std::unique_ptr<zoo::InitGrid> grid;                   // null until the first run
    std::unique_ptr<zoo::InitialStateExperiment> initial;  // null until the first run
    bool quick = false;                                    // the small grid (seconds)
    bool grid_running = false, initial_running = false;
    double frame_budget_ms = 20.0;  // training time per frame while running
    double grid_ms = 0.0, initial_ms = 0.0;
};

// Scenarios "models-init" (quick) and "models-init-full": the grid already run to the end.
void init_view_scenario(InitView& v, bool quick = true);

}  // namespace carry
