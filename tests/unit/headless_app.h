// headless_app.h: the playground with no window and no GPU (as ImGui's example_null does), driven
// frame by frame through the same app_frame/app_update the platforms call. Shared by the app tests.
#pragma once

#include <fstream>

#include "app/app.h"
#include "imgui.h"

namespace carry::test {

inline constexpr const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

// A bare ImGui context with its font atlas built (no App), for tests that draw one view inside a
// window of their own. Destroyed with the object.
struct HeadlessImGui {
    ImGuiContext* ctx = nullptr;
    HeadlessImGui(float w, float h) {
        ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(w, h);
        io.DeltaTime = 1.0f / 60.0f;
        // Keyboard navigation (issue 18) needs every key mapped: ImGui asserts it in debug builds
        // (the asan preset). Each key its own slot of KeysDown, as the SDL backend maps scancodes.
        for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
        unsigned char* pixels = nullptr;
        int tw = 0, th = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);
    }
    ~HeadlessImGui() { ImGui::DestroyContext(ctx); }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;
};

// One ImGui context and one App, at a given viewport size.
struct Headless {
    HeadlessImGui imgui;  // first in, last out: the context outlives the App
    App app;
    Headless(float w, float h) : imgui(w, h) {
        const bool have_font = std::ifstream(kFont).good();  // the real font makes the layout real
        app_init(app, AppEnvironment{"test", "none", "none"}, have_font ? kFont : "", 1.0f);
        unsigned char* pixels = nullptr;
        int tw = 0, th = 0;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);  // again, with the app's font
    }
    void frame(double dt = 1.0 / 60.0) {
        // ImGui asserts a positive frame time (debug builds: the asan preset); a frame with no time
        // passed (dt = 0) still gives the app dt = 0.
        ImGui::GetIO().DeltaTime = dt > 0.0 ? static_cast<float>(dt) : 1e-6f;
        app_before_frame(app);  // as the platform does: theme, text size and fonts change between frames
        unsigned char* pixels = nullptr;
        int tw = 0, th = 0;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);  // a rebuilt atlas, as the renderer uploads it
        ImGui::NewFrame();
        app_frame(app);
        app_update(app, dt);
        ImGui::Render();
    }
    void frames(int n) {
        for (int i = 0; i < n; ++i) frame();
    }
    Playground& pg() { return app.playground; }
};

}  // namespace carry::test
