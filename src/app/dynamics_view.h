// dynamics_view: the dynamics explorer of the zoo's Models window (issue 9, lecture 7: "recurrent
// nets are deterministic dynamical systems: they can oscillate, settle to point attractors, or
// behave chaotically").
//
// The student picks a preset (oscillation, point attractor, chaos, or the playground's current
// net with a constant input column), or edits the recurrent weights and biases by hand, sets the
// initial state and the number of steps, and sees the free-running hidden trajectory (h1 against
// h2, and each unit over time) with its largest Lyapunov exponent and the verdict in words.
// The maths lives in core/zoo/dynamics.h; the trajectory is recomputed only when a control
// changes. Drawn inside the current ImGui window (the zoo helper puts it in a tab).
#pragma once

#include <vector>

namespace carry {

struct Net;

struct DynamicsView {
  // Draws the controls, the plots and the verdict. `current` is the playground's net (nullptr
  // when there is none): the "current net" preset runs its recurrent part with a constant input.
  void draw(const Net* current = nullptr);

  // Controls (each has a tooltip).
  int preset = 2;           // 0 oscillation, 1 point attractor, 2 chaos, 3 the current net
  int hidden = 3;           // H, 1..8 for hand editing
  std::vector<float> w;     // (H, H) row-major: w[i*H + j] = weight from unit j to unit i
  std::vector<float> bias;  // (H)
  std::vector<float> h0;    // (H) initial state
  int steps = 200;          // steps run from h0
  int input_a = 0, input_b = 0;  // the constant column fed to the current net

  // Cache (recomputed when a control changes).
  bool loaded = false;      // the preset's weights copied into the controls
  bool dirty = true;
  std::vector<double> trajectory;  // (steps+1, H) row-major
  double lyapunov = 0.0;
  int period = 0;
  int kind = 0;             // carry::zoo::Behaviour as int
};

}  // namespace carry
