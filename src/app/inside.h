// inside: "Inside the net": the views of issue 5, in one collapsible section with a tab bar.
//
//   Hidden space   hidden activities of a fixed set of sums as points in the cube (PCA for H > 3),
//                  coloured by the true adder's node, the current sum's path, drawn in 3D by the
//                  platform's SceneRenderer (shaders/), rotatable by dragging
//   Automaton      the automaton extracted from the net beside the adder's, with the verdict
//   Backprop       BPTT for the current sum: the forward stack, the backward pass peeling it off,
//                  each weight's derivative summed over the steps next to the update it causes
//   Gradients      |dE/dh| at each step back from the output, current net vs its initial weights
//   vs feed-forward the baseline's numbers beside the recurrent net's
// plus presets (hand-wired, fresh, pre-trained) queued as playground commands.
//
// Everything expensive is throttled: the point cloud and the automaton are recomputed while
// training at most every kSpaceRefreshSeconds / kAutomatonRefreshSeconds, never every frame.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "app/hidden_space.h"
#include "app/orbit_view.h"
#include "app/playground.h"
#include "app/scene3d.h"
#include "core/automaton.h"
#include "core/feedforward.h"
#include "core/stepper.h"

namespace carry {

inline constexpr double kSpaceRefreshSeconds = 0.25;
inline constexpr double kBaselineSliceMs = 8.0;  // the feed-forward comparison's work per frame
inline constexpr double kAutomatonRefreshSeconds = 2.0;

enum class InsideTab { Space = 0, Automaton, Backprop, Gradients, Baseline, Count };

struct InsideView {
    SceneRenderer* renderer = nullptr;  // set by the platform layer; null headless

    // One-shot requests (scenarios, tests).
    bool request_open = false;
    int request_tab = -1;
    bool inject_shader_error = false;

    // Hidden space.
    HiddenCloud cloud;
    SpaceProjection projection;
    Scene3D scene;
    long long cloud_sequences = -1;
    std::uint64_t cloud_net = 0;  // Playground::net_generation the cloud was taken from (0: none)
    double cloud_age = 1e9;
    int clusters = 0;
    OrbitCamera orbit;                         // drag to rotate, scroll to zoom, "Rotate" (app/orbit_view.h)
    std::vector<SpaceCluster> space_clusters;  // the same clusters, ringed and counted in the view
    bool show_path = true;
    UiRect space_rect;        // where the 3D image was drawn (tests check its pixels)
    std::string shown_error;  // the shader log the panel showed last (tests)
    bool rendered = false;    // the renderer returned a texture this frame

    // Learned automaton.
    AutomatonResult automaton;
    bool has_automaton = false;
    long long automaton_sequences = -1;
    std::uint64_t automaton_net = 0;  // Playground::net_generation it was extracted from (0: none)
    double automaton_age = 1e9;
    double automaton_ms = 0.0;
    bool automaton_auto = true;
    bool automaton_request = false;

    // Backpropagation through time: positions 0 .. S-1 build the stack, S .. 2S-1 peel it off.
    std::unique_ptr<Stepper> bptt;
    std::uint64_t bptt_source = 0;  // Playground::stepper_generation it was copied from (0: none)
    int bptt_cursor = 0;
    bool bptt_playing = false;
    double bptt_accum = 0.0;
    float bptt_steps_per_second = 2.0f;
    bool grad_long = false;  // gradient norms over a 64-bit sum instead of the current one

    // Initial weights of the current run (for the gradient-norm comparison).
    Net initial_net;
    std::uint64_t initial_for = 0;  // Playground::net_generation (0: none)
    int initial_restarts = -1;

    // Feed-forward baseline: 0 idle, 1 running (one slice of kBaselineSliceMs a frame, while the
    // section is open), 3 done (`baseline` holds the result).
    int baseline_state = 0;
    std::unique_ptr<FeedforwardBaseline> baseline_run;
    FeedforwardResult baseline;
    double baseline_ms = 0.0;            // compute time of all its slices
    double baseline_slice_ms = 0.0;      // the last frame's slice
    double baseline_slice_max_ms = 0.0;  // the longest slice of the run (tests: the page never freezes)
    int baseline_frames = 0;             // frames it took

    int scroll_frames = 0;                                // > 0: scroll the section to the top in that many frames
    float tab_area_height = 0.0f, tab_area_width = 0.0f;  // the tallest tab so far at this width
    bool open = false;                                    // the section was open this frame
    InsideTab tab = InsideTab::Space;
};

// The section (collapsed by default); call inside the left column.
void panel_inside(InsideView& v, Playground& pg);

// Throttled recomputation and the BPTT animation; after playground_update.
void inside_update(InsideView& v, Playground& pg, double dt_seconds);

// Recomputes the point cloud / automaton now (the panels' refresh buttons; tests).
void inside_refresh_space(InsideView& v, const Playground& pg);
void inside_refresh_automaton(InsideView& v, const Playground& pg);
// The initial weights of the trainer's current run (after its last restart).
Net inside_initial_net(const Trainer& tr);
// Rebuilds the BPTT stepper (with its backward pass) from the playground's current net and sum.
void inside_sync_bptt(InsideView& v, const Playground& pg);

}  // namespace carry
