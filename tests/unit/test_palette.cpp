// app/palette.h (issue 18): both palettes measured against WCAG 2.1, from their real values.
// Text needs 4.5:1 on the ground it is drawn on (1.4.3), chart lines and marks 3:1 (1.4.11); the
// light palette's series keep the Okabe–Ito hues (colour-blind-safe) only darkened.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/hidden_space.h"
#include "app/palette.h"
#include "headless_app.h"

using carry::contrast_ratio;
using carry::Palette;

namespace {

// The colour a translucent `top` makes over an opaque `ground`.
ImU32 over(ImU32 top, ImU32 ground) {
    const ImVec4 t = carry::col4(top), g = carry::col4(ground);
    auto mix = [&](float a, float b) { return static_cast<int>((a * t.w + b * (1.0f - t.w)) * 255.0f + 0.5f); };
    return IM_COL32(mix(t.x, g.x), mix(t.y, g.y), mix(t.z, g.z), 255);
}

double hue_degrees(ImU32 c) {
    const ImVec4 v = carry::col4(c);
    float h = 0, s = 0, l = 0;
    ImGui::ColorConvertRGBtoHSV(v.x, v.y, v.z, h, s, l);
    return h * 360.0;
}

void check_text(const char* what, ImU32 fg, ImU32 bg, double need = 4.5) {
    const double r = contrast_ratio(fg, over(bg, IM_COL32(0, 0, 0, 255)));
    const std::string name = what;
    MESSAGE(name << ": " << r << ":1");
    CHECK_MESSAGE(r >= need, name << " is only " << r << ":1");
}

void check_palette(const Palette& p) {
    // The main text on every ground it is drawn on.
    for (ImU32 bg : {p.window_bg, p.child_bg, p.menubar_bg, p.plot_bg}) {
        check_text("text", p.text, bg);
        check_text("dim label", p.dim, bg);
        check_text("legend text", p.text_soft, bg);
    }
    check_text("disabled text on window", p.text_disabled, p.window_bg);
    check_text("disabled text on panel", p.text_disabled, p.child_bg);
    for (ImU32 c : {p.right, p.wrong, p.warn, p.info, p.error_text}) {
        check_text("status text on window", c, p.window_bg);
        check_text("status text on panel", c, p.child_bg);
    }
    check_text("Train button", p.text, p.train_btn);
    check_text("Pause button", p.text, p.pause_btn);
    check_text("notice", p.text, over(p.notice_info_bg, p.window_bg));
    check_text("error notice", p.text, over(p.notice_error_bg, p.window_bg));
    check_text("invalid number field", p.text, p.field_error_bg);
    check_text("label on its backdrop", p.text, over(p.label_bg, p.plot_bg));
    // Labels inside the automaton's nodes: dark ink on the adder nodes' hues (the same in both themes).
    for (int n = 0; n < 4; ++n) check_text("node label", p.ink, carry::node_color(n));
    // Series drawn as lines and bars: graphical objects, 3:1 on the plot ground.
    for (ImU32 c : {p.orange, p.sky, p.green, p.yellow, p.blue, p.vermillion, p.purple, p.grey})
        check_text("series on plot", c, p.plot_bg, 3.0);
    // Legends and verdicts print in the series hues ("bars: exact sums", "chaos: ..."): text on panels.
    for (ImU32 c : {p.orange, p.sky, p.green, p.yellow, p.vermillion, p.purple}) check_text("series as text", c, p.child_bg);
    check_text("grid visible", p.grid, p.plot_bg, 1.2);
    check_text("time cursor", over(p.cursor, p.plot_bg), p.plot_bg, 3.0);
}

}  // namespace

TEST_CASE("[palette] dark: every main text/ground pair reaches WCAG AA") { check_palette(carry::dark_palette()); }

TEST_CASE("[palette] light: every main text/ground pair reaches WCAG AA") { check_palette(carry::light_palette()); }

TEST_CASE("[palette] the light series keep the Okabe–Ito hues, so colour-blind readers tell them apart") {
    const Palette& d = carry::dark_palette();
    const Palette& l = carry::light_palette();
    const ImU32 dark[] = {d.orange, d.sky, d.green, d.yellow, d.blue, d.vermillion, d.purple};
    const ImU32 light[] = {l.orange, l.sky, l.green, l.yellow, l.blue, l.vermillion, l.purple};
    for (std::size_t i = 0; i < 7; ++i) {
        double diff = std::fabs(hue_degrees(dark[i]) - hue_degrees(light[i]));
        diff = std::min(diff, 360.0 - diff);
        CAPTURE(i);
        CHECK(diff < 12.0);
    }
}

TEST_CASE("[palette] contrast_ratio matches WCAG's reference values") {
    CHECK(contrast_ratio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(21.0));
    CHECK(contrast_ratio(IM_COL32(119, 119, 119, 255), IM_COL32(255, 255, 255, 255)) ==
          doctest::Approx(4.48).epsilon(0.01));
    CHECK(contrast_ratio(IM_COL32(10, 20, 30, 255), IM_COL32(10, 20, 30, 255)) == doctest::Approx(1.0));
}

TEST_CASE("[palette] palette_apply styles ImGui from the palette and scales its sizes") {
    carry::test::HeadlessImGui imgui(800, 600);
    carry::palette_apply(carry::Theme::Light, 1.0f);
    const ImGuiStyle& st = ImGui::GetStyle();
    CHECK(ImGui::ColorConvertFloat4ToU32(st.Colors[ImGuiCol_WindowBg]) == carry::light_palette().window_bg);
    CHECK(ImGui::ColorConvertFloat4ToU32(st.Colors[ImGuiCol_Text]) == carry::light_palette().text);
    CHECK(&carry::pal() == &carry::light_palette());
    const float pad = st.FramePadding.x;
    carry::palette_apply(carry::Theme::Dark, 1.5f);
    CHECK(ImGui::ColorConvertFloat4ToU32(st.Colors[ImGuiCol_WindowBg]) == carry::dark_palette().window_bg);
    CHECK(st.FramePadding.x == doctest::Approx(std::floor(pad * 1.5f)));  // ImGui floors scaled sizes
    carry::palette_apply(carry::Theme::Dark, 1.0f);
    CHECK(st.FramePadding.x == doctest::Approx(pad));  // not compounded
}
