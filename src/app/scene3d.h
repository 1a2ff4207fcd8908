// scene3d: what the hidden-state view hands to a 3D renderer, and the renderer's small interface.
//
// The app layer knows no GL: it fills a Scene3D (instanced points, instanced line segments, a
// camera) and asks a SceneRenderer, set by the platform layer (src/platform/scene_gl.cpp), to draw
// it into an offscreen texture that a panel shows with ImGui::Image. Headless (tests) there is no
// renderer and the panel says so. Shader compile/link errors come back as a log the panel shows.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "imgui.h"

namespace carry {

// Column-major 4x4 (as GL expects).
using Mat4 = std::array<float, 16>;

struct Scene3D {
    // Points: x, y, z, r, g, b per instance (coordinates in the cube [-1, 1]^3, colours 0..1).
    std::vector<float> points;
    std::uint64_t points_version = 0;  // bumped whenever `points` changes (re-upload only then)
    float point_radius = 0.04f;        // world units

    // Segments: x0, y0, z0, x1, y1, z1, r, g, b, a, width_px per instance.
    std::vector<float> lines;

    Mat4 view{}, proj{};
    float fog_near = 2.0f, fog_far = 5.0f;  // eye-space distances over which colours fade to bg
    std::array<float, 3> background{0.08f, 0.09f, 0.12f};
};
inline constexpr int kPointFloats = 6;
inline constexpr int kLineFloats = 11;

class SceneRenderer {
public:
    virtual ~SceneRenderer() = default;
    // Draws the scene into a w x h texture (device pixels); returns it for ImGui::Image
    // (rows bottom-up: draw with uv0 = (0,1), uv1 = (1,0)), or nullptr when the shaders failed.
    virtual ImTextureID draw(const Scene3D& scene, int w, int h) = 0;
    // False when a shader failed to compile or link; log() then holds the driver's log.
    virtual bool ok() const = 0;
    virtual const std::string& log() const = 0;
    // Compiles every program again; with `inject_error` one source gets a deliberate syntax error
    // (the test of the error path: the panel must show the log, never a silent black square).
    virtual void rebuild(bool inject_error) = 0;
};

}  // namespace carry
