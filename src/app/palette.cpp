// palette: the dark and light palettes and ImGui's style from them. See palette.h.
#include "app/palette.h"

#include <cmath>

namespace carry {

namespace {

constexpr ImU32 rgb(int r, int g, int b, int a = 255) { return IM_COL32(r, g, b, a); }

// Dark: the playground's original colours, gathered from the views.
const Palette kDark = {
    Theme::Dark,
    rgb(15, 17, 23), rgb(20, 23, 31), rgb(26, 28, 38), rgb(22, 25, 33), rgb(20, 23, 31, 200),
    rgb(235, 235, 235), rgb(220, 222, 228), rgb(140, 146, 160), rgb(255, 255, 255), rgb(135, 138, 148),
    rgb(60, 66, 80), rgb(255, 255, 255, 90), rgb(255, 255, 255, 28), rgb(255, 255, 255, 200), rgb(220, 220, 230),
    rgb(190, 196, 210, 220),
    rgb(90, 200, 250), rgb(255, 120, 60), rgb(242, 217, 115), rgb(140, 204, 255), rgb(255, 140, 77),
    rgb(40, 44, 54), rgb(30, 34, 44), rgb(90, 90, 90), rgb(10, 10, 14),
    rgb(230, 159, 0), rgb(86, 180, 233), rgb(0, 158, 115), rgb(240, 228, 66), rgb(0, 114, 178), rgb(213, 94, 0),
    rgb(204, 121, 167), rgb(175, 175, 175),
    rgb(26, 107, 77), rgb(33, 133, 94), rgb(89, 77, 31), rgb(115, 97, 38),
    rgb(18, 31, 51, 247), rgb(56, 26, 18, 247), rgb(89, 102, 128), rgb(102, 41, 20), rgb(255, 120, 60),
    rgb(40, 16, 16),
    rgb(20, 24, 34), rgb(79, 150, 247), rgb(40, 56, 84),
};

// Light: near-white grounds, near-black text; every hue darkened until it reads on white
// (text at least 4.5:1, the series hues too since legends and verdicts print in them;
// tests/unit/test_palette.cpp measures them).
const Palette kLight = {
    Theme::Light,
    rgb(250, 250, 252), rgb(243, 244, 247), rgb(230, 232, 238), rgb(255, 255, 255), rgb(255, 255, 255, 215),
    rgb(20, 22, 28), rgb(40, 44, 52), rgb(75, 80, 92), rgb(0, 0, 0), rgb(75, 80, 92),
    rgb(218, 221, 228), rgb(0, 0, 0, 90), rgb(0, 0, 0, 22), rgb(20, 20, 30, 210), rgb(60, 64, 72),
    rgb(80, 86, 100, 230),
    rgb(0, 105, 170), rgb(190, 60, 0), rgb(140, 100, 0), rgb(0, 95, 160), rgb(180, 60, 0),
    rgb(222, 225, 232), rgb(232, 235, 240), rgb(150, 150, 150), rgb(10, 10, 14),
    rgb(155, 95, 0), rgb(20, 115, 175), rgb(0, 122, 87), rgb(124, 110, 0), rgb(0, 80, 145), rgb(180, 72, 0),
    rgb(165, 75, 125), rgb(108, 108, 108),
    rgb(168, 222, 196), rgb(146, 208, 180), rgb(240, 221, 150), rgb(230, 206, 120),
    rgb(225, 237, 250, 250), rgb(252, 230, 220, 250), rgb(150, 160, 180), rgb(255, 226, 212), rgb(200, 80, 20),
    rgb(255, 232, 225),
    rgb(245, 247, 250), rgb(0, 114, 178), rgb(205, 222, 245),
};

const Palette* g_active = &kDark;

double channel(unsigned v) {
    const double c = static_cast<double>(v & 0xFFu) / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(ImU32 c) {
    return 0.2126 * channel(c >> IM_COL32_R_SHIFT) + 0.7152 * channel(c >> IM_COL32_G_SHIFT) +
           0.0722 * channel(c >> IM_COL32_B_SHIFT);
}

}  // namespace

const Palette& dark_palette() { return kDark; }
const Palette& light_palette() { return kLight; }
const Palette& pal() { return *g_active; }

double contrast_ratio(ImU32 a, ImU32 b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::fmax(la, lb) + 0.05) / (std::fmin(la, lb) + 0.05);
}

void palette_apply(Theme theme, float size_scale) {
    g_active = theme == Theme::Light ? &kLight : &kDark;
    const Palette& p = *g_active;
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();  // sizes from scratch: ScaleAllSizes multiplies what is there
    if (theme == Theme::Light)
        ImGui::StyleColorsLight();
    else
        ImGui::StyleColorsDark();
    style.WindowRounding = 0.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.ChildRounding = 4.0f;
    style.WindowPadding = ImVec2(10, 8);
    style.FramePadding = ImVec2(7, 4);
    style.ItemSpacing = ImVec2(8, 6);
    style.WindowBorderSize = 0.0f;
    if (size_scale > 0.0f && size_scale != 1.0f) style.ScaleAllSizes(size_scale);
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = col4(p.text);
    c[ImGuiCol_TextDisabled] = col4(p.text_disabled);
    c[ImGuiCol_WindowBg] = col4(p.window_bg);
    c[ImGuiCol_ChildBg] = col4(p.child_bg);
    c[ImGuiCol_MenuBarBg] = col4(p.menubar_bg);
    c[ImGuiCol_PlotHistogram] = col4(p.train_btn);  // progress bars: the Train button's green, not a glaring yellow
    // The keyboard's focus ring (issue 18): amber on dark, a deep orange on light (3:1 on white at least).
    c[ImGuiCol_NavHighlight] = theme == Theme::Dark ? ImVec4(1.0f, 0.84f, 0.30f, 1.0f) : ImVec4(0.70f, 0.33f, 0.0f, 1.0f);
    if (theme == Theme::Dark) {
        c[ImGuiCol_Header] = ImVec4(0.16f, 0.22f, 0.33f, 1.0f);
        c[ImGuiCol_HeaderHovered] = ImVec4(0.20f, 0.29f, 0.44f, 1.0f);
        c[ImGuiCol_HeaderActive] = ImVec4(0.24f, 0.35f, 0.52f, 1.0f);
    } else {
        // Opaque pale blues: black text on them keeps its contrast whatever lies beneath.
        c[ImGuiCol_Header] = ImVec4(0.80f, 0.87f, 0.96f, 1.0f);
        c[ImGuiCol_HeaderHovered] = ImVec4(0.72f, 0.82f, 0.95f, 1.0f);
        c[ImGuiCol_HeaderActive] = ImVec4(0.64f, 0.77f, 0.94f, 1.0f);
        c[ImGuiCol_Button] = ImVec4(0.82f, 0.88f, 0.97f, 1.0f);
        c[ImGuiCol_ButtonHovered] = ImVec4(0.70f, 0.80f, 0.95f, 1.0f);
        c[ImGuiCol_ButtonActive] = ImVec4(0.60f, 0.74f, 0.94f, 1.0f);
        c[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
        c[ImGuiCol_Border] = ImVec4(0.0f, 0.0f, 0.0f, 0.25f);
        style.FrameBorderSize = 1.0f;  // white fields on a near-white window need an edge
    }
}

}  // namespace carry
