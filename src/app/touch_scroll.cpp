// touch_scroll: finger drags scroll the panels. See touch_scroll.h.
#include "app/touch_scroll.h"

#include "imgui.h"
#include "imgui_internal.h"

namespace carry {

void touch_scroll_frame(TouchScroll& ts, bool touch) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiIO& io = ImGui::GetIO();
    if (!touch || !io.MouseDown[0]) {
        ts.dragging = false;
        ts.long_press = false;
        return;
    }
    if (io.MouseClicked[0]) {
        ts.press_time = ImGui::GetTime();
        ts.press_x = io.MousePos.x;
        ts.press_y = io.MousePos.y;
        ts.long_press = false;
    }
    const float dx = io.MousePos.x - ts.press_x, dy = io.MousePos.y - ts.press_y;
    const float still = ImGui::GetFontSize() * 0.6f;
    if (!ts.dragging && dx * dx + dy * dy < still * still && ImGui::GetTime() - ts.press_time >= kLongPressSeconds)
        ts.long_press = true;
    // A click on a window's background makes the window's move handle the active id (even for
    // windows that cannot move): that, or nothing active, is "the background".
    if (io.MouseClicked[0]) {
        const ImGuiWindow* w = g.HoveredWindow;
        ts.dragging = w && (g.ActiveId == 0 || g.ActiveId == w->MoveId || g.ActiveId == w->RootWindow->MoveId) &&
                      g.HoveredId == 0;
    }
    if (!ts.dragging || io.MouseDelta.y == 0.0f) return;
    ImGuiWindow* w = g.HoveredWindow;
    while (w && w->ScrollMax.y <= 0.0f && w->ParentWindow) w = w->ParentWindow;  // the panel that scrolls
    if (w && w->ScrollMax.y > 0.0f) ImGui::SetScrollY(w, w->Scroll.y - io.MouseDelta.y);
}

}  // namespace carry
