// panel_zoo: the "Models" window (issue 9): the lecture's models side by side, in five tabs.
//
//   Model zoo               every model trained on the same sums (core/zoo/runner.h), a slice per
//                           frame: the table, exact accuracy by number length as grouped bars, the
//                           delay-tap models' accuracy by how far the carry travels, a verdict each
//   States (HMM)            HmmStatesView (hmm_states_view.h): the "log N bits" argument measured
//   Gradients through time  GradientsView (gradients_view.h)
//   Dynamics                DynamicsView (dynamics_view.h), given the playground's current net
//   Input & target modes    ModesView (modes_view.h)
//   Next term               NextTermView (next_term_view.h): predicting the next bit of a source
//   Init                    InitView (init_view.h): initialization x momentum, the initial state
//   Remedies                RemediesView (remedies_view.h): long-range sums, ESN, Hessian-free
//
// Opened from the menu bar ("Models"); floats over the playground, closable.
#pragma once

#include <memory>
#include <string>

#include "app/dynamics_view.h"
#include "app/gradients_view.h"
#include "app/hmm_states_view.h"
#include "app/init_view.h"
#include "app/interleaved_view.h"
#include "app/modes_view.h"
#include "app/next_term_view.h"
#include "app/playground.h"
#include "app/remedies_view.h"
#include "core/zoo/runner.h"

namespace carry {

enum class ModelsTab { Zoo = 0, States, Gradients, Dynamics, Modes, NextTerm, Init, Remedies, Count };

struct ZooPanel {
    // Settings (applied by the next Run).
    int taps = 4;            // k delay taps of the autoregressive and feed-forward taps models
    int hmm_states = 2;      // N states of the HMM
    bool quick = false;      // the small configuration (a second or two)
    Task task = add_task();  // issue 19: the playground's task, taken when no run is going on
    // The run: trained a slice per frame while `running`.
    std::unique_ptr<zoo::ZooRunner> runner;
    bool running = false;
    double seconds = 0.0;               // wall time of the run so far
    std::string error;                  // a config the runner refused
    zoo::ZooConfig config_now() const;  // the settings above as a runner config
};

struct ModelsWindow {
    bool open = false;
    int request_tab = -1;  // one-shot: select this tab next frame (scenarios, tests)
    ModelsTab tab = ModelsTab::Zoo;
    ZooPanel zoo;
    HmmStatesView states;
    GradientsView gradients;
    DynamicsView dynamics;
    ModesView modes;
    NextTermView next_term;
    InterleavedRnnView interleaved;  // under the States tab
    InitView init;
    RemediesView remedies;
};

// The window (when open). Call after the main window, between ImGui::NewFrame and Render.
// `fill`: no title bar, in the area the caller gives with SetNextWindowPos/Size (an embedded frame,
// a link's focus=models, beside a lesson).
void models_window(ModelsWindow& w, const Playground& pg, bool fill = false);

// Trains the zoo for a few milliseconds of the frame while it runs.
void models_update(ModelsWindow& w, double dt_seconds);

// Starts a zoo run with the panel's settings (the Run button).
void zoo_start(ZooPanel& z);

// Scenario "zoo": the zoo tab selected, the quick zoo already run to the end. (The window opens
// through the panels list, which app_scenario sets: `open` follows it every frame.)
void models_scenario_zoo(ModelsWindow& w);

}  // namespace carry
