// scenarios: named states of the playground for tests and screenshots. Test support: linked by the
// unit tests and by the test builds of the app (carry-test, tests/support/test_hooks.cpp: the
// desktop's --scenario flag, the test page's carry_inside_test), never by the shipped app.
#pragma once

#include <string>

namespace carry {

struct App;
struct InsideView;
struct Playground;

// Puts the playground in a named state for tests and screenshots: "lecture", "training",
// "full-speed", "stress" (H=16, 64-bit sums, full speed), "solved" (trained until solved, the lecture's sum shown to
// the end), "long" (solved, a random 32-bit sum), "unrolled" (solved, cursor at step 6, unrolled view open), "diverge"
// (learning rate 1e6, training), "bad-input", "model-file", "share", "zoo" (the Models window on the zoo tab, the quick
// zoo already run), "models-states", "models-gradients", "models-dynamics", "models-modes" (its other tabs; the HMM
// fits and the modes experiment already run), "models-init" / "models-init-full" (the Init tab, the quick / full
// grid run), "models-interleaved" (the States tab, the HMM fits and the quick RNN search run), "models-remedies"
// (the Remedies tab, the quick remedies comparison and an ESN fit run), "task-designer" (div3 in use, its table
// in the designer), "task-broken" (the designer holding a machine with a transition to no state), "lstm" (the
// LSTM, live, trained until it adds). Otherwise the inside_scenario names. False if unknown.
bool app_scenario(App& app, const std::string& name);

// Scenarios "inside-space", "inside-automaton", "inside-backprop", "inside-gradients",
// "inside-baseline" (each: the view open on the lecture's sum, trained until solved), the same with
// "-fresh" (an untrained net), "inside-broken-shader" (a deliberate compile error), and
// "inside-10k" (the 3D view auto-rotating: the fps measurement). False if not one of those.
bool inside_scenario(InsideView& v, Playground& pg, const std::string& name);

}  // namespace carry
