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
// The layout's columns are part of the main window for keyboard navigation (no Enter to go in).
constexpr ImGuiWindowFlags kLayoutChild = ImGuiWindowFlags_NavFlattened;

void apply_style() {
    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 0.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.ChildRounding = 4.0f;
    style.WindowPadding = ImVec2(10, 8);
    style.FramePadding = ImVec2(7, 4);
    style.ItemSpacing = ImVec2(8, 6);
    style.WindowBorderSize = 0.0f;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.059f, 0.067f, 0.090f, 1.0f);
    c[ImGuiCol_PlotHistogram] =
        ImVec4(0.10f, 0.42f, 0.30f, 1.0f);  // progress bars: the Train button's green, not a glaring yellow
    c[ImGuiCol_ChildBg] = ImVec4(0.08f, 0.09f, 0.12f, 1.0f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.10f, 0.11f, 0.15f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.16f, 0.22f, 0.33f, 1.0f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.20f, 0.29f, 0.44f, 1.0f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.24f, 0.35f, 0.52f, 1.0f);
    // The keyboard's focus ring (issue 18): amber, seen on every fill; the page's rings match it.
    c[ImGuiCol_NavHighlight] = ImVec4(1.0f, 0.84f, 0.30f, 1.0f);
}

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

}  // namespace

void app_init(App& app, const AppEnvironment& env, const std::string& font_path, float content_scale) {
    app.env = env;
    app.content_scale = content_scale > 0.0f ? content_scale : 1.0f;
    apply_style();
    playground_init(app.playground);

    ImGuiIO& io = ImGui::GetIO();
    // Keyboard only (issue 18): arrows move between controls, Space / Enter press, Esc backs out.
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.Fonts->Clear();
    ImFont* font = nullptr;
    if (!font_path.empty()) {
        ImFontConfig cfg;
        cfg.OversampleH = 2;
        // Latin-1 plus the typography the UI uses (one list, shared with the web build's font subset).
        static const ImWchar kRanges[] = {
#include "app/font_ranges.inc"
            0};
        font = io.Fonts->AddFontFromFileTTF(font_path.c_str(), kFontPixels * app.content_scale, &cfg, kRanges);
        if (!font)
            std::fprintf(stderr, "carry: could not load font %s; using ImGui's built-in font\n", font_path.c_str());
    }
    if (!font) {
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * app.content_scale;
        io.Fonts->AddFontDefault(&cfg);
    }
    // Rasterized at device pixels, drawn at logical size: crisp on high-DPI screens.
    io.FontGlobalScale = 1.0f / app.content_scale;
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
        const bool two_columns = vp->WorkSize.x >= kTwoColumnWidth;
        if (two_columns) {
            const float left = ImGui::GetContentRegionAvail().x * 0.6f;
            ImGui::BeginChild("left", ImVec2(left, 0), false, kLayoutChild);
            if (pg.shows("add")) panel_add(pg);
            if (pg.shows("network")) panel_network(pg);
            if (pg.shows("unrolled")) panel_unrolled(pg);
            if (pg.shows("inside")) panel_inside(app.inside, pg);
            ImGui::EndChild();
            ImGui::SameLine();
            ImGui::BeginChild("right", ImVec2(0, 0), false, kLayoutChild);
            if (pg.shows("curves")) panel_curves(pg);
            if (pg.shows("train")) panel_train(pg);
            ImGui::EndChild();
        } else {
            ImGui::BeginChild("single", ImVec2(0, 0), false, kLayoutChild);
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
    reader_update(app, dt_seconds);
    models_update(app.models, dt_seconds);
}

}  // namespace carry
