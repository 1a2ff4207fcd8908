// orbit_view: the one orbiting-3D widget of the hidden-state cube, shared by "Inside the net"'s
// hidden space (inside.cpp) and the Models window's dynamics view (dynamics_view.cpp): the cube's
// edges, drag to orbit / scroll to zoom / auto-rotation, the camera of a Scene3D, and the corner
// labels (the 8 binary activity patterns) drawn over the rendered image.
#pragma once

#include <vector>

#include "app/scene3d.h"
#include "imgui.h"

namespace carry {

struct OrbitCamera {
    float yaw = 0.6f, pitch = 0.38f, distance = 4.5f;  // radians, radians, from the cube's centre
    bool auto_rotate = false;
    float spin = 0.5f;             // auto-rotation, radians per second
    bool drag_stops_spin = false;  // dragging turns auto-rotation off
};

// The cube [-1, 1]^3's 12 edges appended to a Scene3D's segments, in one colour and width.
void add_cube_edges(std::vector<float>& lines, float r, float g, float b, float alpha, float width_px);

// An invisible w x h button at the cursor that orbits the camera (drag), zooms (wheel) and
// auto-rotates; sets the scene's view, projection and fog. The item is the last one, so a
// tooltip() after it shows on hover. Returns the top-left corner.
ImVec2 orbit_input(OrbitCamera& cam, Scene3D& scene, const char* id, float w, float h);

// Whether `p` (screen pixels) lies on an orbit view drawn in the last frame: a touch starting there
// drags the view, even where a swipe elsewhere scrolls the page around an embedded frame.
bool orbit_view_at(ImVec2 p);

// Labels "000".."111" at the cube's corners, projected with the scene's camera onto the image at
// p0 (w x h); `keep_inside`: skip labels that would fall off the image's edges. `caption` (if
// any) at the bottom-left names the axes.
void cube_corner_labels(const Scene3D& scene, ImVec2 p0, float w, float h, bool keep_inside, const char* caption);

}  // namespace carry
