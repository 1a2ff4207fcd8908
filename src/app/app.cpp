// app.cpp: App start-up (style, fonts) and the frame function shared by desktop and web.
//
// Layout: one window covering the whole viewport (no floating windows to lose), a menu bar, the
// always-visible toolbar (train / step / reset and the status), then the panels as collapsible
// sections. Wide screens get two columns (the sum and the net on the left, training on the
// right); narrow ones (an 800×500 iframe) one column, the sum first.
#include "app/app.h"

#include <algorithm>
#include <chrono>
#include <cmath>
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

// Adds or removes a panel in the panels list (the URL's `panels`).
void toggle_panel(Playground& pg, const char* panel) {
    if (!std::erase(pg.link.panels, std::string(panel))) pg.link.panels.emplace_back(panel);
}

constexpr float kFontPixels = 16.0f;        // logical pixels; reads well at 100 % zoom
constexpr float kTwoColumnWidth = 1000.0f;  // below this, one column
// The layout's columns are part of the main window for keyboard navigation (no Enter to go in).
constexpr ImGuiWindowFlags kLayoutChild = ImGuiWindowFlags_NavFlattened;

// Room at the end of a column for the notice overlay, so what it covers scrolls into view above it.
void notice_gap(const Playground& pg) {
    if (pg.drawn.notice_height > 0.0f) ImGui::Dummy(ImVec2(1.0f, pg.drawn.notice_height));
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
    // The tagline only where the menus still fit beside it (a phone's 390 px cut "Models" and "Help").
    const char* tagline = "a recurrent net learns binary addition";
    const float pad = ImGui::GetStyle().ItemSpacing.x * 2.0f + ImGui::GetStyle().FramePadding.x * 2.0f;
    float menus = 0.0f;
    for (const char* m : {"Share", "Model", "Models", "LSTM", "Help"}) menus += ImGui::CalcTextSize(m).x + pad;
    if (ImGui::GetContentRegionAvail().x >= ImGui::CalcTextSize(tagline).x + pad + menus)
        ImGui::TextDisabled("%s", tagline);
    if (ImGui::MenuItem("Share")) app.share.open = true;
    tooltip("A link and <iframe> code that open exactly this experiment (numbers, settings, seed).");
    model_menu(app);
    if (ImGui::MenuItem("Models", nullptr, app.models.open)) show_models(app.playground, !app.models.open);
    tooltip(
        "The lecture's other models side by side on the same sums (delay taps, fixed-width feed-forward, "
        "linear dynamical system, HMM, LSTM), gradients through time, dynamics, input and target modes.");
    if (ImGui::MenuItem("LSTM", nullptr, app.playground.shows("lstm"))) toggle_panel(app.playground, "lstm");
    tooltip("The LSTM, live: train it here and watch its write, keep and read gates let the carry through.");
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("What to try")) app.help.open = true;
        // The guided path through the lecture (issue 16): the lesson follows the link's `lesson`.
        if (ImGui::MenuItem("Lesson: lecture 7, step by step", nullptr, app.playground.link.lesson == "lecture7"))
            app.playground.link.lesson = app.playground.link.lesson == "lecture7" ? "" : "lecture7";
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
    // Keyboard only (issue 18): arrows move between controls, Space / Enter press, Esc backs out.
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
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

namespace {

struct Area {
    ImVec2 pos, size;
};

// Where the lesson goes (issue 16): a column on the right of a wide viewport, a band across a
// narrow one (on top in an embed; at the bottom under a menu bar, which stays on top); the
// playground gets the rest. focus=lesson gives it everything.
void split_for_lesson(const Area& all, bool lesson, const std::string& focus, bool band_on_top, Area* lesson_area,
                      Area* rest) {
    *rest = all;
    *lesson_area = Area{};
    if (!lesson || (focus != "none" && focus != "lesson")) return;
    if (focus == "lesson") {
        *lesson_area = all;
        *rest = Area{};
    } else if (all.size.x >= kTwoColumnWidth * 0.9f) {
        const float w = std::floor(std::clamp(all.size.x * 0.3f, 300.0f, 440.0f));
        *lesson_area = Area{ImVec2(all.pos.x + all.size.x - w, all.pos.y), ImVec2(w, all.size.y)};
        rest->size.x -= w;
    } else {
        const float h = std::floor(all.size.y * 0.42f);
        rest->size.y -= h;
        if (band_on_top) {
            *lesson_area = Area{all.pos, ImVec2(all.size.x, h)};
            rest->pos.y += h;
        } else {
            *lesson_area = Area{ImVec2(all.pos.x, all.pos.y + rest->size.y), ImVec2(all.size.x, h)};
        }
    }
}

// One panel filling the main window (a link's focus=...).
void focused_panel(App& app, const std::string& focus) {
    Playground& pg = app.playground;
    if (focus == "add") panel_add(pg);
    if (focus == "network") panel_network(pg);
    if (focus == "unrolled") panel_unrolled(pg);
    if (focus == "curves") panel_curves(pg);
    if (focus == "train") panel_train(pg, &app.designer);
    if (focus == "inside") panel_inside(app.inside, pg);
    if (focus == "lstm") panel_lstm(app.lstm, pg);
}

void playground_panels(App& app, float width) {
    Playground& pg = app.playground;
    // Larger text needs a wider window for two columns (text_size 200 %: one column below 2000 px).
    if (width >= kTwoColumnWidth * app.look.text_scale) {
        const float left = ImGui::GetContentRegionAvail().x * 0.6f;
        ImGui::BeginChild("left", ImVec2(left, 0), false, kLayoutChild);
        if (pg.shows("add")) panel_add(pg);
        if (pg.shows("network")) panel_network(pg);
        if (pg.shows("lstm")) panel_lstm(app.lstm, pg);
        if (pg.shows("unrolled")) panel_unrolled(pg);
        if (pg.shows("inside")) panel_inside(app.inside, pg);
        notice_gap(pg);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("right", ImVec2(0, 0), false, kLayoutChild);
        if (pg.shows("curves")) panel_curves(pg);
        if (pg.shows("train")) panel_train(pg, &app.designer);
        notice_gap(pg);
        ImGui::EndChild();
    } else {
        ImGui::BeginChild("single", ImVec2(0, 0), false, kLayoutChild);
        if (pg.shows("add")) panel_add(pg);
        if (pg.shows("network")) panel_network(pg);
        if (pg.shows("lstm")) panel_lstm(app.lstm, pg);
        if (pg.shows("curves")) panel_curves(pg);
        if (pg.shows("train")) panel_train(pg, &app.designer);
        if (pg.shows("unrolled")) panel_unrolled(pg);
        if (pg.shows("inside")) panel_inside(app.inside, pg);
        notice_gap(pg);
        ImGui::EndChild();
    }
}

}  // namespace

void app_frame(App& app) {
    Playground& pg = app.playground;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const std::string focus = pg.link.focus;
    const bool lesson = !pg.link.lesson.empty();
    Area lesson_area, rest;
    split_for_lesson(Area{vp->WorkPos, vp->WorkSize}, lesson, focus, pg.link.embed, &lesson_area, &rest);
    // The views write the tab they show (the link's inside_tab / models_tab) as they draw it.
    pg.link.inside_tab = "none";
    if (pg.requests.open_models_tab >= 0) {
        app.models.request_tab = pg.requests.open_models_tab;
        pg.requests.open_models_tab = -1;
    }
    // Embed mode (a link's embed=1): no menu bar; the page adds a small "open full playground" link.
    // The Models window fills the playground's area in an embed or with focus=models.
    const bool models_fill = focus == "models" || (pg.link.embed && pg.shows("models")) || lesson_area.size.x > 0;
    const bool main_window = rest.size.x > 0 && !(focus == "models" && pg.shows("models")) && focus != "lesson";
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings |
                                   (pg.link.embed ? 0 : ImGuiWindowFlags_MenuBar);
    if (main_window) {
        ImGui::SetNextWindowPos(rest.pos);
        ImGui::SetNextWindowSize(rest.size);
        if (ImGui::Begin("Carry##main", nullptr, flags)) {
            if (!pg.link.embed) menu_bar(app);
            if (focus == "none" || focus == "add" || focus == "train") panel_toolbar(pg);
            if (focus == "none" || focus == "lesson") {
                ImGui::Separator();
                playground_panels(app, rest.size.x);
            } else {
                ImGui::BeginChild("focus", ImVec2(0, 0), false);
                focused_panel(app, focus);
                ImGui::EndChild();
            }
        }
        ImGui::End();
    }
    // The window is a panel of the link's `panels` list (issue 9), so a link can open it and
    // closing it with its x updates the link.
    if (focus == "models") show_models(pg, true);
    app.models.open = pg.shows("models");
    if (models_fill) {
        ImGui::SetNextWindowPos(rest.size.x > 0 ? rest.pos : vp->WorkPos);
        ImGui::SetNextWindowSize(rest.size.x > 0 ? rest.size : vp->WorkSize);
    }
    if (pg.requests.apply_next_term) {  // a link set the Next term tab's rows
        app.models.next_term.apply_settings(pg.link.next_term);
        pg.requests.apply_next_term = false;
    }
    models_window(app.models, pg, models_fill);
    // The tab's controls are the writer of its rows once a student changes them (kept as they were
    // while a typed pattern is invalid; a preset chosen keeps the link's last pattern).
    if (NextTermSettings nt = pg.link.next_term; app.models.next_term.settings(nt)) pg.link.next_term = nt;
    if (!app.models.open) show_models(pg, false);
    pg.link.models_tab = app.models.open ? models_tab_name(static_cast<int>(app.models.tab)) : "none";
    if (lesson_area.size.x > 0) {
        ImGui::SetNextWindowPos(lesson_area.pos);
        ImGui::SetNextWindowSize(lesson_area.size);
        if (ImGui::Begin("Lesson##lesson", nullptr,
                         (ImGuiWindowFlags_NoDecoration & ~ImGuiWindowFlags_NoScrollbar) | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoSavedSettings))
            panel_lesson(app);
        ImGui::End();
    }
    about_popup(app);
    help_window(app.help, pg);
    share_dialog(app);
    task_designer_window(app.designer, pg);
    model_path_dialog(app);
    touch_scroll_frame(app.touch_scroll, app.touch);
}

void app_update(App& app, double dt_seconds) {
    app.time_seconds += dt_seconds;
    ++app.frame_count;
    lesson_update(app);  // a step entered queues its link's commands, applied just below
    playground_update(app.playground, dt_seconds);
    inside_update(app.inside, app.playground, dt_seconds);
    lesson_measure(app);
    embed_update(app, dt_seconds);
    reader_update(app, dt_seconds);
    models_update(app.models, dt_seconds);
    lstm_view_update(app.lstm, app.playground, dt_seconds);
}

}  // namespace carry
