// palette: the colours of every view, light and dark (issue 18).
//
// Implements:
//   - Theme and Palette: one named colour per role (text, dim labels, grid, plot backgrounds,
//     right/wrong, the Okabe–Ito series hues, notices, buttons), one instance per theme
//   - pal(): the active palette; every view reads its colours here, never from literals
//   - palette_apply(): makes a theme active and styles ImGui to match (also its sizes, by the
//     text scale)
//   - contrast_ratio(): WCAG 2.1 contrast of two colours (the unit test holds both palettes to it)
//
// Data colours that mean the same in both themes (viridis for activities, the weights' diverging
// map, the adder's node hues) stay in colormap.h and hidden_space.h: they are fills with their own
// text colour on top, legible on either background.
#pragma once

#include "imgui.h"

namespace carry {

enum class Theme { Dark, Light };

struct Palette {
    Theme theme;
    // Backgrounds (ImGui's window, child and menu bar; plots; a translucent backdrop behind labels).
    ImU32 window_bg, child_bg, menubar_bg, plot_bg, label_bg;
    // Text: main, legend labels, dim (axes, captions), strong (the current step), the ImGui disabled text.
    ImU32 text, text_soft, dim, strong, text_disabled;
    // Marks that are not data: grid lines, a hover line, a highlighted band, the time cursor, outlines.
    ImU32 grid, marker, highlight, cursor, outline, edge;
    // Meanings: the net is right / wrong, a warning, an information, an error's text.
    ImU32 right, wrong, warn, info, error_text;
    // Empty cells and units (no value yet), an unknown automaton node, dark ink on a coloured fill.
    ImU32 unit_empty, cell_empty, unknown_node, ink;
    // Okabe–Ito hues for series (light: the same hues darkened to read on white).
    ImU32 orange, sky, green, yellow, blue, vermillion, purple, grey;
    // The Train / Pause button, the notice bar, an invalid number field, the 3D view's failure box.
    ImU32 train_btn, train_btn_hover, pause_btn, pause_btn_hover;
    ImU32 notice_info_bg, notice_error_bg, notice_border, field_error_bg, field_error_border, error_box_bg;
    // The Share dialog's little diagram of the embed.
    ImU32 share_bg, share_border, share_band;
};

const Palette& dark_palette();
const Palette& light_palette();

// The active palette (dark until palette_apply() says otherwise).
const Palette& pal();

// Makes `theme` active and restyles ImGui: its colours from the palette, its paddings and
// roundings times `size_scale` (the text-size setting; 1 = 100 %).
void palette_apply(Theme theme, float size_scale = 1.0f);

// ImVec4 of a palette colour, for ImGui's style and TextColored.
inline ImVec4 col4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

// `c` with alpha `a` (0..255): a palette colour drawn fainter.
inline ImU32 with_alpha(ImU32 c, int a) {
    return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(a) << IM_COL32_A_SHIFT);
}

// WCAG 2.1 contrast ratio (1..21) of two opaque colours; alpha is ignored.
double contrast_ratio(ImU32 a, ImU32 b);

}  // namespace carry
