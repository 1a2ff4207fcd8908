// widgets: small helpers every panel uses: tooltips in the lecture's words, item-rect recording,
// and line charts drawn with ImDrawList (ImGui 1.86 has no plotting beyond PlotLines).
#pragma once

#include <vector>

#include "app/palette.h"  // Okabe–Ito series hues: pal().orange, .sky, ...
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
