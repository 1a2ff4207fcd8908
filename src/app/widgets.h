// widgets: small helpers every panel uses: tooltips in the lecture's words, item-rect recording,
// and line charts drawn with ImDrawList (ImGui 1.86 has no plotting beyond PlotLines).
#pragma once

#include <vector>

#include "app/playground.h"
#include "imgui.h"

namespace carry {

// A collapsible panel header with a tooltip; true when open.
bool panel_header(const char* label, const char* tip, bool default_open = true);

// Tooltip on the last item (wrapped at a readable width), shown on hover, also when disabled. On a
// touch screen "hover" is where the finger is or was last: a long press (or a tap on a label) shows it.
void tooltip(const char* text);
// The text of the tooltip shown in the last frame, "" if none (tests).
const char* tooltip_shown();

// SameLine() when an item `width` pixels wide still fits on the current line; else a new line.
void same_line_if_fits(float width);

// Records the last item's screen rectangle.
void record_rect(UiRect& r);
void record_rect(UiRect& r, ImVec2 min, ImVec2 max);

// Okabe–Ito colours: distinguishable with every common colour-vision deficiency.
inline constexpr ImU32 kOkabeOrange = IM_COL32(230, 159, 0, 255);
inline constexpr ImU32 kOkabeSky = IM_COL32(86, 180, 233, 255);
inline constexpr ImU32 kOkabeGreen = IM_COL32(0, 158, 115, 255);
inline constexpr ImU32 kOkabeYellow = IM_COL32(240, 228, 66, 255);
inline constexpr ImU32 kOkabeBlue = IM_COL32(0, 114, 178, 255);
inline constexpr ImU32 kOkabeVermillion = IM_COL32(213, 94, 0, 255);
inline constexpr ImU32 kOkabePurple = IM_COL32(204, 121, 167, 255);

struct Series {
    const char* name;
    const std::vector<float>* y;
    ImU32 color;
};

// A line chart of several series over a shared x (NaN points are skipped). y from y_min..y_max, or
// fitted when y_min >= y_max; log_y plots log10. Hover shows the values at the nearest x.
void line_chart(const char* id, const std::vector<float>& x, const std::vector<Series>& series, float height,
                float y_min, float y_max, bool log_y, const char* x_label);

}  // namespace carry
