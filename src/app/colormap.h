// colormap: colour-blind-safe colours for activities and weights, and their legends.
//
// Implements:
//   - activity_color(): viridis, 0 (dark purple) .. 1 (yellow); reads for every common form of
//     colour blindness and in greyscale (its lightness rises monotonically)
//   - weight_color() / weight_thickness(): a blue (negative) – grey (zero) – orange (positive)
//     diverging map; magnitude also sets line width, so sign and size read without hue
//   - draw_activity_legend() / draw_weight_legend(): small labelled colour bars
// Marks that are not data (right/wrong, cursor, dim text) come from the palette (palette.h).
#pragma once

#include "app/palette.h"
#include "imgui.h"

namespace carry {

// Viridis at t in [0, 1] (clamped; NaN -> grey).
ImU32 activity_color(double t, float alpha = 1.0f);

// Text colour that reads on top of activity_color(t).
ImU32 activity_text_color(double t);

// Diverging blue–grey–orange for a weight w, saturating at |w| = w_max.
ImU32 weight_color(double w, double w_max, float alpha = 1.0f);

// Line width in pixels for a weight: 1 px near zero up to max_px at |w| >= w_max.
float weight_thickness(double w, double w_max, float max_px = 5.0f);

// Colour bars with end labels; each takes one line of the current layout.
void draw_activity_legend(const char* label = "activity");
void draw_weight_legend(double w_max);


}  // namespace carry
