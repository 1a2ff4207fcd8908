// hidden_space: the net's hidden activities as points in space, coloured by the true adder's node.
//
// Implements:
//   - hidden_cloud(): runs a net over a fixed set of random sums (the UI's own seed, never the
//     trainer's) and keeps every hidden state h(0)..h(T) with the adder node it belongs to
//     (h(t+1) has read columns 0..t: carry out of column t x sum bit of column t; h(0): start)
//   - SpaceProjection: H = 3 -> the cube itself (activity 0..1 -> -1..1); H < 3 pads with 0;
//     H > 3 -> PCA onto the top three principal axes (own code: covariance + power iteration with
//     deflation from a fixed start vector, signs fixed, so it is deterministic)
//   - node_rgb(): Okabe-Ito colours per adder node (colour-blind safe), legend names
//   - orbit camera matrices (look_at, perspective) and project() for labels drawn over the image
//   - space_clusters(): the clusters' centres in the cube with their counts and adder node, and
//     draw_space_overlay(): a halo and a count per cluster, and corner labels placed off the data
//   - space_summary(): the header's "5 patterns, 4 states after minimization" from the counts
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "app/scene3d.h"
#include "core/machine.h"
#include "core/net.h"
#include "imgui.h"

namespace carry {

inline constexpr int kSpaceSums = 400;  // fixed random sums ...
inline constexpr int kSpaceBits = 24;   // ... of this length: 400 x 26 = 10 400 points
inline constexpr std::uint64_t kSpaceSeed = 0x5eed3d3dULL;
inline constexpr float kSpacePointRadius = 0.055f;  // world units (the cube is [-1, 1]^3): a few px
inline constexpr double kSpaceClusterRadius = 0.2;  // activity space, as the automaton's clusters

struct HiddenCloud {
    int hidden = 0;
    std::vector<double> states;      // (N, H) row-major
    std::vector<std::uint8_t> node;  // N: the true machine's state (for add: adder node 0..3 or kAdderStart)
    // The task's machine (issue 19): for add the adder's nodes (ids as automaton.h's, start = 4);
    // for any other task the states of its minimal machine, 0..true_states-1, and true_states for h(0).
    bool adder = true;
    int true_states = 4;
    std::vector<std::string> names;  // per node id, start last ("carry 1, print 0", ..., "start h(0)")
};

HiddenCloud hidden_cloud(const Net& net, int sums = kSpaceSums, int bits = kSpaceBits, std::uint64_t seed = kSpaceSeed,
                         const Task& task = add_task());
// A cloud node's colour: the adder's hues for add, one hue per state otherwise; the start grey.
std::array<float, 3> cloud_node_rgb(const HiddenCloud& cloud, int node);
ImU32 cloud_node_color(const HiddenCloud& cloud, int node);

struct SpaceProjection {
    int hidden = 0;
    bool pca = false;
    std::vector<double> mean;                 // H
    std::array<std::vector<double>, 3> axes;  // 3 unit vectors of H (H > 3)
    std::array<double, 3> variance{};         // along each axis (share of the total when pca)
    double scale = 1.0;                       // projected coordinate -> cube
    std::array<float, 3> project(const double* h) const;
};

// The projection for a cloud (PCA when H > 3; the identity cube otherwise).
SpaceProjection fit_projection(const HiddenCloud& cloud);

// Distinct activity patterns: clusters of radius `radius` (farthest-first, like the automaton's);
// the UI reports it next to the picture ("4 clusters").
int count_clusters(const HiddenCloud& cloud, double radius = 0.2, int cap = 64);

// One activity pattern as drawn: its centre in the cube (projected like the points), how many
// of the cloud's states it holds, and the adder node most of them were at.
struct SpaceCluster {
    std::array<float, 3> centre{};
    int count = 0;
    int node = 0;
    ImU32 color = 0;  // the node's (cloud_node_color)
};
// The clusters count_clusters() counts (same centres), each point given to its nearest centre;
// biggest first.
std::vector<SpaceCluster> space_clusters(const HiddenCloud& cloud, const SpaceProjection& projection,
                                         double radius = kSpaceClusterRadius, int cap = 64);

// The header's line: "5 activity patterns, 4 states after minimization" (`states` < 0: the
// automaton is not read out yet, only the patterns are said).
std::string space_summary(int patterns, int states);

// Drawn over the 3D image at p0 (size): a ring in its node's colour and the point count around every
// cluster holding at least 1% of the points, and for H = 3 the corner labels (h1 h2 h3) pushed
// outward from the cube's centre until they cover neither a ring nor another label.
void draw_space_overlay(ImDrawList* dl, const Mat4& view, const Mat4& proj, ImVec2 p0, ImVec2 size,
                        const std::vector<SpaceCluster>& clusters, std::size_t points, int hidden);

// Adder node -> colour (0..1 RGB) and name; kAdderStart is grey.
std::array<float, 3> node_rgb(int node);
ImU32 node_color(int node);

// Orbit camera around the origin: yaw/pitch in radians, distance from the centre.
Mat4 orbit_view(float yaw, float pitch, float distance);
Mat4 perspective(float fovy_radians, float aspect, float z_near, float z_far);
// Scales and shifts `proj` on screen so the cube [-1, 1]^3 fills the view (a margin of `margin`
// of its half-size) seen from this pitch and distance at any yaw (so it does not breathe while it
// turns), times `zoom` (the wheel's). The 3D look (perspective, depth, fog) is unchanged.
void fit_cube_to_view(Mat4& proj, float pitch, float distance, float zoom, float margin = 0.1f);
inline constexpr float kSpaceDistance = 4.5f;  // the orbit camera's distance at zoom 1

// Clip-space -> [0,1]^2 screen position (y down) of a world point; false when behind the camera.
bool project_point(const Mat4& view, const Mat4& proj, const std::array<float, 3>& p, float* sx, float* sy);

}  // namespace carry
