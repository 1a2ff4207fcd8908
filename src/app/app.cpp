// app.cpp: App start-up (style, fonts) and the frame function shared by desktop and web.
//
// Layout: one window covering the whole viewport (no floating windows to lose), a menu bar, the
// always-visible toolbar (train / step / reset and the status), then the panels as collapsible
// sections. Wide screens get two columns (the sum and the net on the left, training on the
// right); narrow ones (an 800×500 iframe) one column, the sum first.
#include "app/app.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app/panels.h"
#include "app/widgets.h"
#include "imgui.h"

#ifndef CARRY_VERSION
#define CARRY_VERSION "0.0.0"
#endif
#ifndef CARRY_BUILD_TYPE
#define CARRY_BUILD_TYPE "unknown"
#endif
#ifndef CARRY_COMPILER
#define CARRY_COMPILER "unknown"
#endif

namespace carry {

const char* app_version() { return CARRY_VERSION; }

const char* app_build_info() {
#ifdef __EMSCRIPTEN__
    static const char info[] = "WebAssembly · " CARRY_BUILD_TYPE " · " CARRY_COMPILER " · Dear ImGui " IMGUI_VERSION;
#else
    static const char info[] = "native · " CARRY_BUILD_TYPE " · " CARRY_COMPILER " · Dear ImGui " IMGUI_VERSION;
#endif
    return info;
}

namespace {

// Adds or removes "models" in the panels list (the URL's `panels`).
void show_models(Playground& pg, bool show) {
    auto it = std::find(pg.link.panels.begin(), pg.link.panels.end(), "models");
    if (show && it == pg.link.panels.end()) pg.link.panels.emplace_back("models");
    if (!show && it != pg.link.panels.end()) pg.link.panels.erase(it);
}

constexpr float kFontPixels = 16.0f;        // logical pixels; reads well at 100 % zoom
constexpr float kTwoColumnWidth = 1000.0f;  // below this, one column

void about_popup(App& app) {
    if (!app.show_about) return;
    ImGui::SetNextWindowSize(ImVec2(460, 0), ImGuiCond_Appearing);
    if (ImGui::Begin("About Carry", &app.show_about, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text("Carry %s", app_version());
        ImGui::TextWrapped(
            "A small recurrent neural network learns to add binary numbers, right to left, "
            "as in lecture 7 of Geoffrey Hinton's Neural Networks for Machine Learning.");
        ImGui::Separator();
        ImGui::TextDisabled("Build");
        ImGui::SameLine(90);
        ImGui::TextWrapped("%s", app_build_info());
        ImGui::TextDisabled("Platform");
        ImGui::SameLine(90);
        ImGui::TextUnformatted(app.env.platform.c_str());
        ImGui::TextDisabled("OpenGL");
        ImGui::SameLine(90);
        ImGui::TextWrapped("%s · %s", app.env.gl_version.c_str(), app.env.gl_renderer.c_str());
        ImGui::TextDisabled("Frame rate");
        ImGui::SameLine(90);
        ImGui::Text("%.0f fps", static_cast<double>(ImGui::GetIO().Framerate));
    }
    ImGui::End();
}

void menu_bar(App& app) {
    if (!ImGui::BeginMenuBar()) return;
    ImGui::TextUnformatted("Carry");
    ImGui::TextDisabled("a recurrent net learns binary addition");
    if (ImGui::MenuItem("Share")) app.share.open = true;
    tooltip("A link and <iframe> code that open exactly this experiment (numbers, settings, seed).");
    model_menu(app);
    if (ImGui::MenuItem("Models", nullptr, app.models.open)) show_models(app.playground, !app.models.open);
    tooltip(
        "The lecture's other models side by side on the same sums (delay taps, fixed-width feed-forward, "
        "linear dynamical system, HMM, LSTM), gradients through time, dynamics, input and target modes.");
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("What to try")) app.help.open = true;
        if (ImGui::MenuItem("About Carry")) app.show_about = true;
        ImGui::EndMenu();
    }
    ImGui::EndMenuBar();
}

// Loads the UI font at the size in effect (look: text size × device pixel ratio) and builds the atlas.
void build_fonts(App& app) {
    Appearance& look = app.look;
    const float pixels = kFontPixels * look.text_scale * look.content_scale;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFont* font = nullptr;
    if (!app.font_path.empty()) {
        ImFontConfig cfg;
        cfg.OversampleH = 2;
        // Latin-1 plus the typography the UI uses (one list, shared with the web build's font subset).
        static const ImWchar kRanges[] = {
#include "app/font_ranges.inc"
            0};
        font = io.Fonts->AddFontFromFileTTF(app.font_path.c_str(), pixels, &cfg, kRanges);
        if (!font) {
            std::fprintf(stderr, "carry: could not load font %s; using ImGui's built-in font\n", app.font_path.c_str());
            app.font_path.clear();
        }
    }
    if (!font) {
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * look.text_scale * look.content_scale;
        io.Fonts->AddFontDefault(&cfg);
    }
    // Rasterized at device pixels, drawn at logical size: crisp on high-DPI screens and at any text size.
    io.FontGlobalScale = 1.0f / look.content_scale;
    io.Fonts->Build();
    look.font_pixels = pixels;
    look.atlas_width = io.Fonts->TexWidth;
    look.atlas_height = io.Fonts->TexHeight;
    ++look.font_builds;
}

}  // namespace

void app_init(App& app, const AppEnvironment& env, const std::string& font_path, float content_scale) {
    app.env = env;
    app.font_path = font_path;
    app.look.content_scale = content_scale > 0.0f ? content_scale : 1.0f;
    playground_init(app.playground);
    app_before_frame(app);  // style and fonts for the defaults; a link's values apply before the next frame
}

FrameSetup app_before_frame(App& app) {
    FrameSetup out;
    Appearance& look = app.look;
    const Playground& pg = app.playground;
    if (!(look.content_scale > 0.0f)) look.content_scale = 1.0f;
    appearance_resolve(look, pg.link.theme, pg.link.motion, pg.link.text_size);
    if (!look.styled || look.styled_theme != look.theme || look.styled_scale != look.text_scale) {
        out.theme_changed = !look.styled || look.styled_theme != look.theme;
        palette_apply(look.theme, look.text_scale);
        look.styled = true;
        look.styled_theme = look.theme;
        look.styled_scale = look.text_scale;
    }
    if (look.font_pixels != kFontPixels * look.text_scale * look.content_scale) {
        build_fonts(app);
        out.fonts_rebuilt = true;
    }
    return out;
}

void app_frame(App& app) {
    Playground& pg = app.playground;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    // Embed mode (a link's embed=1): no menu bar; the page adds a small "open full playground" link.
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings |
                                   (pg.link.embed ? 0 : ImGuiWindowFlags_MenuBar);
    if (ImGui::Begin("Carry##main", nullptr, flags)) {
        if (!pg.link.embed) menu_bar(app);
        panel_toolbar(pg);
        ImGui::Separator();
        // Larger text needs a wider window for two columns (text_size 200 %: one column below 2000 px).
        const bool two_columns = vp->WorkSize.x >= kTwoColumnWidth * app.look.text_scale;
        if (two_columns) {
            const float left = ImGui::GetContentRegionAvail().x * 0.6f;
            ImGui::BeginChild("left", ImVec2(left, 0), false);
            if (pg.shows("add")) panel_add(pg);
            if (pg.shows("network")) panel_network(pg);
            if (pg.shows("unrolled")) panel_unrolled(pg);
            if (pg.shows("inside")) panel_inside(app.inside, pg);
            ImGui::EndChild();
            ImGui::SameLine();
            ImGui::BeginChild("right", ImVec2(0, 0), false);
            if (pg.shows("curves")) panel_curves(pg);
            if (pg.shows("train")) panel_train(pg);
            ImGui::EndChild();
        } else {
            ImGui::BeginChild("single", ImVec2(0, 0), false);
            if (pg.shows("add")) panel_add(pg);
            if (pg.shows("network")) panel_network(pg);
            if (pg.shows("curves")) panel_curves(pg);
            if (pg.shows("train")) panel_train(pg);
            if (pg.shows("unrolled")) panel_unrolled(pg);
            if (pg.shows("inside")) panel_inside(app.inside, pg);
            ImGui::EndChild();
        }
    }
    ImGui::End();
    if (!pg.link.embed) {
        // The window is a panel of the link's `panels` list (issue 9), so a link can open it and
        // closing it with its x updates the link.
        app.models.open = pg.shows("models");
        models_window(app.models, pg);
        if (!app.models.open) show_models(pg, false);
    }
    about_popup(app);
    help_window(app.help, pg);
    share_dialog(app);
    model_path_dialog(app);
}

void app_update(App& app, double dt_seconds) {
    app.time_seconds += dt_seconds;
    ++app.frame_count;
    playground_update(app.playground, dt_seconds);
    inside_update(app.inside, app.playground, dt_seconds);
    embed_update(app, dt_seconds);
    models_update(app.models, dt_seconds);
}

}  // namespace carry
