// orbit_view: the orbiting-3D widget of the hidden-state cube. See orbit_view.h.
#include "app/orbit_view.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "app/appearance.h"
#include "app/colormap.h"
#include "app/hidden_space.h"
#include "imgui_internal.h"  // SetItemUsingMouseWheel

namespace carry {

void add_cube_edges(std::vector<float>& lines, float r, float g, float b, float alpha, float width_px) {
    for (int e = 0; e < 12; ++e) {
        const int axis = e / 4, k = e % 4;
        std::array<float, 3> p{}, q{};
        const auto a = static_cast<std::size_t>(axis), o1 = static_cast<std::size_t>((axis + 1) % 3),
                   o2 = static_cast<std::size_t>((axis + 2) % 3);
        p[a] = -1;
        q[a] = 1;
        p[o1] = q[o1] = (k & 1) ? 1.f : -1.f;
        p[o2] = q[o2] = (k & 2) ? 1.f : -1.f;
        const float x[kLineFloats] = {p[0], p[1], p[2], q[0], q[1], q[2], r, g, b, alpha, width_px};
        lines.insert(lines.end(), x, x + kLineFloats);
    }
}

namespace {

// Where the orbit views were drawn in the last frame (orbit_view_at()).
struct DrawnAreas {
    int frame = -1;
    std::vector<ImVec4> rects;  // x0, y0, x1, y1
};
DrawnAreas g_areas;

}  // namespace

bool orbit_view_at(ImVec2 p) {
    if (ImGui::GetCurrentContext() == nullptr || g_areas.frame != ImGui::GetFrameCount()) return false;
    for (const ImVec4& r : g_areas.rects)
        if (p.x >= r.x && p.x < r.z && p.y >= r.y && p.y < r.w) return true;
    return false;
}

ImVec2 orbit_input(OrbitCamera& cam, Scene3D& scene, const char* id, float w, float h) {
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    if (g_areas.frame != ImGui::GetFrameCount()) {
        g_areas.frame = ImGui::GetFrameCount();
        g_areas.rects.clear();
    }
    g_areas.rects.push_back(ImVec4(p0.x, p0.y, p0.x + w, p0.y + h));
    ImGui::InvisibleButton(id, ImVec2(w, h));
    ImGui::SetItemUsingMouseWheel();  // the wheel zooms the view instead of scrolling the panel
    ImGuiIO& io = ImGui::GetIO();
    // Not in the frame the press begins: a finger's touch moves the pointer there in that same frame,
    // and the jump from wherever it was would spin the view.
    if (ImGui::IsItemActive() && !ImGui::IsItemActivated() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
        cam.yaw -= io.MouseDelta.x * 0.01f;
        cam.pitch = std::clamp(cam.pitch + io.MouseDelta.y * 0.01f, -1.45f, 1.45f);
        if (cam.drag_stops_spin) cam.auto_rotate = false;
    }
    if (ImGui::IsItemHovered() && io.MouseWheel != 0.0f)
        cam.distance = std::clamp(cam.distance * (1.0f - io.MouseWheel * 0.08f), 2.2f, 8.0f);
    if (cam.auto_rotate && !motion_reduced()) cam.yaw += io.DeltaTime * cam.spin;  // reduced motion: still
    scene.view = orbit_view(cam.yaw, cam.pitch, cam.distance);
    scene.proj = perspective(0.85f, w / h, 0.1f, 30.0f);
    scene.fog_near = cam.distance - 1.2f;
    scene.fog_far = cam.distance + 2.5f;
    const ImVec4 bg = col4(pal().child_bg);  // the panel's ground in either theme; fog fades towards it
    scene.background = {bg.x, bg.y, bg.z};
    return p0;
}

void cube_corner_labels(const Scene3D& scene, ImVec2 p0, float w, float h, bool keep_inside, const char* caption) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int c = 0; c < 8; ++c) {
        const std::array<float, 3> q{(c & 4) ? 1.f : -1.f, (c & 2) ? 1.f : -1.f, (c & 1) ? 1.f : -1.f};
        float sx = 0, sy = 0;
        if (!project_point(scene.view, scene.proj, q, &sx, &sy)) continue;
        if (keep_inside && (sx < 0.02f || sx > 0.9f || sy < 0.04f || sy > 0.92f)) continue;
        char buf[8];
        std::snprintf(buf, sizeof buf, "%d%d%d", (c >> 2) & 1, (c >> 1) & 1, c & 1);
        dl->AddText(ImVec2(p0.x + sx * w + 3, p0.y + sy * h - 7), pal().dim, buf);
    }
    if (caption) dl->AddText(ImVec2(p0.x + 6, p0.y + h - ImGui::GetFontSize() - 4), pal().dim, caption);
}

}  // namespace carry
