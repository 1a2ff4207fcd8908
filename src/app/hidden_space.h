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
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "app/scene3d.h"
#include "core/net.h"

namespace carry {

inline constexpr int kSpaceSums = 400;             // fixed random sums ...
inline constexpr int kSpaceBits = 24;              // ... of this length: 400 x 26 = 10 400 points
inline constexpr std::uint64_t kSpaceSeed = 0x5eed3d3dULL;

struct HiddenCloud {
    int hidden = 0;
    std::vector<double> states;      // (N, H) row-major
    std::vector<std::uint8_t> node;  // N: adder node 0..3 or kAdderStart
};

HiddenCloud hidden_cloud(const Net& net, int sums = kSpaceSums, int bits = kSpaceBits,
                         std::uint64_t seed = kSpaceSeed);

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

// Adder node -> colour (0..1 RGB) and name; kAdderStart is grey.
std::array<float, 3> node_rgb(int node);
ImU32 node_color(int node);

// Orbit camera around the origin: yaw/pitch in radians, distance from the centre.
Mat4 orbit_view(float yaw, float pitch, float distance);
Mat4 perspective(float fovy_radians, float aspect, float z_near, float z_far);
// Clip-space -> [0,1]^2 screen position (y down) of a world point; false when behind the camera.
bool project_point(const Mat4& view, const Mat4& proj, const std::array<float, 3>& p, float* sx, float* sy);

}  // namespace carry
