// dynamics_view: the dynamics explorer of the zoo's Models window (issue 9, lecture 7: "recurrent
// nets are deterministic dynamical systems: they can oscillate, settle to point attractors, or
// behave chaotically").
//
// The student picks a preset (oscillation, point attractor, chaos, or a copy of the playground's
// current net with one input column held constant), or edits the recurrent weights and biases by
// hand, sets the initial state and the number of steps, and sees the free-running hidden
// trajectory (in the hidden-state space in 3D, as "Inside the net" draws it, or one unit against
// another; each unit over time; how far apart two runs started a hair apart drift) with the
// largest Lyapunov exponent and the verdict in words.
// The maths lives in core/zoo/dynamics.h; everything is recomputed only when a control changes.
// Drawn inside the current ImGui window (the zoo helper puts it in a tab).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "app/orbit_view.h"
#include "app/scene3d.h"

namespace carry {

struct Net;

struct DynamicsView {
    // Draws the controls, the plots and the verdict. `current` is the playground's net (nullptr
    // when there is none): the "current net" preset copies its recurrent part with a constant input.
    void draw(const Net* current = nullptr);
    // The parts draw() shows in order (controls, weights table, verdict, plots).
    void draw_preset(const Net* current);
    void draw_size();
    void draw_weights();
    void draw_verdict();
    void draw_plots();

    enum Preset { kOscillation = 0, kPointAttractor = 1, kChaos = 2, kCurrentNet = 3 };

    // Controls (each has a tooltip).
    int preset = kChaos;
    int hidden = 3;              // H, 1..8 by hand (a copied net may have more)
    std::vector<double> w;       // (H, H) row-major: w[i*H + j] = weight from unit j to unit i
    std::vector<double> bias;    // (H)
    std::vector<double> h0;      // (H) initial state
    int steps = 200;             // steps drawn from h0
    int input_column = 0;        // the constant column fed to the copied net: 0 = 00, 1 = 01 (b), 2 = 10 (a), 3 = 11
    int axis_x = 0, axis_y = 1;  // units on the state plot's axes
    int axis_z = 2;              // and the third axis of the 3D view
    bool view3d = true;          // H >= 3 and a renderer: the trajectory in the hidden-state space, in 3D

    // The 3D view: the trajectory drawn by the same renderer and shaders as "Inside the net"'s
    // hidden-state space (set by the platform layer; nullptr headless: the 2D plot is shown).
    SceneRenderer* renderer = nullptr;
    Scene3D scene;
    OrbitCamera orbit{0.7f, 0.45f, 5.0f, true, 0.4f, true};  // auto-rotating until dragged (app/orbit_view.h)
    bool rendered = false;                                   // the last frame's 3D view came from the renderer (tests)
    std::array<std::uint64_t, 4> scene_built_for{};          // (trajectory_version, axes) `scene` was built from
    bool edited = false;                                     // weights changed by hand since the preset was loaded

    // Cache: recomputed when the key (H, steps, weights, biases, h0) changes.
    bool loaded = false;
    std::vector<double> key;
    std::vector<double> trajectory;        // (steps+1, H) row-major
    std::uint64_t trajectory_version = 0;  // bumped whenever `trajectory` is recomputed
    std::vector<float> separation;         // |difference| of a run started 1e-6 away, per step
    double lyapunov = 0.0;
    int period = 0;
    int behaviour = 0;  // carry::zoo::Behaviour as int
    double final_change = 0.0;
};

}  // namespace carry
