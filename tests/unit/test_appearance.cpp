// app/appearance.h (issues 17, 18): the theme, motion and text-size rows, resolved against what the
// page reports, drive ImGui's style, the sum's animation and the font atlas (rebuilt between
// frames when the text size or the device pixel ratio changes).
#include <doctest/doctest.h>

#include <string>

#include "app/activity.h"
#include "app/palette.h"
#include "headless_app.h"
#include <nlohmann/json.hpp>

using carry::Command;
using carry::CommandKind;
using carry::test::Headless;

namespace {

ImU32 window_bg() { return ImGui::ColorConvertFloat4ToU32(ImGui::GetStyle().Colors[ImGuiCol_WindowBg]); }

void set(Headless& h, const char* key, const char* value) {
    h.pg().commands.push_back(Command{CommandKind::SetSetting, 0, key, value});
    h.frames(2);  // applied after one frame, in effect from the next
}

// Puts the app-wide reduced-motion flag back for the tests that follow in this binary.
struct ResetMotion {
    ~ResetMotion() {
        carry::Appearance a;
        carry::appearance_resolve(a, "auto", "auto", 100);
    }
};

}  // namespace

TEST_CASE("[appearance] theme: auto follows the page's preference, dark without one; a set theme wins") {
    Headless h(1280, 800);
    h.frames(2);
    CHECK(h.app.look.theme == carry::Theme::Dark);  // the desktop reports nothing: dark
    CHECK(window_bg() == carry::dark_palette().window_bg);
    h.app.look.system_known = true;
    h.app.look.system_light = true;  // prefers-color-scheme: light
    h.frames(1);
    CHECK(h.app.look.theme == carry::Theme::Light);
    CHECK(window_bg() == carry::light_palette().window_bg);
    CHECK(&carry::pal() == &carry::light_palette());
    set(h, "theme", "dark");  // a link's theme=dark overrides the preference
    CHECK(h.app.look.theme == carry::Theme::Dark);
    CHECK(window_bg() == carry::dark_palette().window_bg);
    set(h, "theme", "blue");  // refused by the table, with its reason
    CHECK(h.pg().link.theme == "dark");
    CHECK(h.pg().notice.find("theme") != std::string::npos);
    set(h, "theme", "auto");
    CHECK(h.app.look.theme == carry::Theme::Light);
    const auto st = nlohmann::json::parse(carry::api_state_json(h.app));
    CHECK(st["appearance"]["theme"] == "light");
    CHECK(st["settings"]["theme"] == "auto");
}

TEST_CASE("[appearance] text size re-rasterizes the font at the new size (not a scaled bitmap)") {
    Headless h(1280, 800);
    h.frames(2);
    const int builds = h.app.look.font_builds;
    const float px = h.app.look.font_pixels;
    CHECK(ImGui::GetFontSize() == doctest::Approx(px));
    const int atlas_h = ImGui::GetIO().Fonts->TexHeight;
    set(h, "text_size", "150");
    CHECK(h.app.look.font_builds == builds + 1);
    CHECK(h.app.look.font_pixels == doctest::Approx(px * 1.5f));
    CHECK(ImGui::GetIO().Fonts->Fonts[0]->FontSize == doctest::Approx(px * 1.5f));  // the glyphs, not a scale
    CHECK(ImGui::GetIO().FontGlobalScale == doctest::Approx(1.0f));
    CHECK(ImGui::GetFontSize() == doctest::Approx(px * 1.5f));
    CHECK(ImGui::GetIO().Fonts->TexHeight > atlas_h);
    h.frames(3);
    CHECK(h.app.look.font_builds == builds + 1);  // once, not every frame
    set(h, "text_size", "250");                   // above the row's 200 %: refused
    CHECK(h.pg().link.text_size == 150);
}

TEST_CASE("[appearance] a device pixel ratio change rebuilds the atlas at the new density") {
    Headless h(1280, 800);
    h.frames(2);
    const int builds = h.app.look.font_builds;
    const float px = h.app.look.font_pixels;
    const int atlas_h = h.app.look.atlas_height;
    h.app.look.content_scale = 2.0f;  // browser zoom 200 %, or the window moved to a high-DPI screen
    h.frames(1);
    CHECK(h.app.look.font_builds == builds + 1);
    CHECK(h.app.look.font_pixels == doctest::Approx(px * 2.0f));  // rasterized at device pixels
    CHECK(h.app.look.atlas_height > atlas_h);
    CHECK(ImGui::GetFontSize() == doctest::Approx(px));  // drawn at the same logical size
    const auto st = nlohmann::json::parse(carry::api_state_json(h.app));
    CHECK(st["appearance"]["fontBuilds"] == builds + 1);
    CHECK(st["appearance"]["devicePixelRatio"] == 2.0);
}

TEST_CASE("[appearance] reduced motion: the sum waits for Play, plays once and stops; nothing is due") {
    ResetMotion reset;
    Headless h(1280, 800);
    h.app.look.system_reduce_motion = true;  // prefers-reduced-motion: reduce (motion=auto)
    h.frames(2);
    carry::Playground& pg = h.pg();
    const int start = pg.anim.cursor;
    for (int i = 0; i < 10; ++i) h.frame(1.0);  // ten seconds pass
    CHECK(pg.anim.cursor == start);
    CHECK_FALSE(pg.anim.playing);
    CHECK(carry::app_next_frame_in(h.app) >= carry::kNoFrameDue);  // no frame wanted: nothing moves
    // The reader presses Play: it moves, to the end, and stays there.
    pg.push(CommandKind::AnimPlay);
    h.frame(0.0);
    for (int i = 0; i < 120; ++i) h.frame(0.5);
    CHECK(pg.anim.cursor == pg.stepper->steps() - 1);
    CHECK_FALSE(pg.anim.playing);
    const int end = pg.anim.cursor;
    for (int i = 0; i < 10; ++i) h.frame(1.0);
    CHECK(pg.anim.cursor == end);  // no loop back to the start
    // motion=full overrides the preference; a new Play loops again as before.
    set(h, "motion", "full");
    CHECK_FALSE(h.app.look.reduce_motion);
    pg.push(CommandKind::AnimPlay);
    h.frame(0.0);
    h.frame(1.0);
    CHECK(pg.anim.playing);
}

TEST_CASE("[appearance] motion=reduce stills the orbiting 3D views of the Models window") {
    ResetMotion reset;
    Headless h(1280, 800);
    set(h, "motion", "reduce");
    CHECK(h.app.look.reduce_motion);
    CHECK(carry::motion_reduced());
    h.app.models.open = true;
    h.app.models.tab = carry::ModelsTab::Dynamics;
    CHECK(carry::app_next_frame_in(h.app) >= carry::kNoFrameDue);
}
