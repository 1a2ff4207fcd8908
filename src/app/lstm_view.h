// lstm_view: the playground's "LSTM, live" panel (issue 20, item 5; the `panels` entry `lstm`).
//
// An LSTM (core/zoo/lstm.h) trained live beside the recurrent net, on the same kind of random
// sums, with its own Train / Pause, Step, Reset, cells and seed; its loss and exact-sum accuracy
// (8 and 64 bits) as curves and a verdict once it adds every validation sum exactly. Beside the
// add view's animation, its gates step by step over the current sum (core/zoo/lstm_gates.h):
// per column the input bits, each cell's write, keep and read gates, candidate, cell and output,
// the LSTM's sum bit against the true one, the current column highlighted; then which gate lets
// the carry through, from the numbers.
//
// How time advances (lstm_view_update, once per frame, only while the panel is in `panels`):
// queued button presses first, then, while training, `sums_per_second` * dt sums in whole
// minibatches within kLstmBudgetMs; curve points every kLstmSampleEvery sums; the gate view and
// the carry analysis again when the weights or the sum changed. A closed or paused panel costs
// nothing and asks for no frames (lstm_view_busy, read by app/activity.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/task.h"
#include "core/zoo/lstm_gates.h"
#include "core/zoo/lstm_trainer.h"

namespace carry {

struct Playground;

inline constexpr double kLstmBudgetMs = 6.0;                // the most a frame spends training the LSTM
inline constexpr long long kLstmSampleEvery = 512;          // sums between curve points
inline constexpr int kLstmPairs8 = 100, kLstmPairs64 = 50;  // validation sums per curve point

struct LstmLive {
    // The controls; Reset (or a change of cells or seed) builds a new LSTM from them.
    int hidden = 4;
    int seed = 1;
    float sums_per_second = 2000.0f;
    double frame_budget_ms = kLstmBudgetMs;  // a frame's training time, at most (tests: unbounded, so exact)

    std::unique_ptr<zoo::LstmTrainer> trainer;  // built the first time the panel is shown
    bool training = false;
    double accum = 0.0;  // sums owed at the chosen speed
    // Buttons pressed while drawing, applied by the next update.
    bool want_reset = false;
    int want_steps = 0;

    // Curves: one point every kLstmSampleEvery sums, on fixed 8- and 64-bit sums.
    struct History {
        std::vector<float> sequences, loss, exact_8, exact_64;
        void clear();
    } history;
    long long next_sample = 0;
    long long solved_at = -1;  // sums trained when it first added every validation sum (-1: not yet)

    // What the gates show: the current sum through the current weights, and the carry analysis
    // over lstm_carry_sample(), recomputed when either changed.
    zoo::LstmGateView view;
    zoo::LstmCarryAnalysis carry;
    std::string carry_sentence;
    long long view_sequences = -1, carry_sequences = -1;
    std::uint64_t generation = 0, view_generation = ~0ULL, carry_generation = ~0ULL;  // bumped by Reset
    Pair view_pair;
    double carry_age = 0.0;  // seconds since the analysis ran

    long long last_frame_sequences = 0;
    double last_frame_ms = 0.0;
    long long frames_trained = 0;  // frames in which it trained (tests)
};

// Trains, samples and recomputes the gate view (see above). Does nothing unless the panel is shown.
void lstm_view_update(LstmLive& v, const Playground& pg, double dt_seconds);

// Whether the panel is shown: in the link's `panels`, or the one view of focus=lstm.
bool lstm_view_shown(const Playground& pg);

// Whether the panel needs every frame: shown and training (or a button press waits).
bool lstm_view_busy(const LstmLive& v, const Playground& pg);

// Trains synchronously until solved or `max_sequences` (scenarios, a screenshot's trained LSTM);
// shows the panel. Returns whether it is solved.
bool lstm_view_train_until_solved(LstmLive& v, Playground& pg, long long max_sequences);

// Draws the panel (a collapsible section in the playground's columns).
void panel_lstm(LstmLive& v, Playground& pg);

}  // namespace carry
