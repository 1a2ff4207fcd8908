// app.h: the playground's state and the one frame function both platforms call.
//
// The platform layer (src/platform) owns the window, the GL context and the main loop; each frame
// it calls, in order: ImGui backends' NewFrame → ImGui::NewFrame → app_frame → app_update →
// ImGui::Render. The app never touches SDL, GL or the browser: what it needs from them arrives in
// AppEnvironment, so the same code draws natively and in WebAssembly (and headless in tests).
#pragma once

#include <string>

#include "app/appearance.h"
#include "app/inside.h"
#include "app/js_api.h"
#include "app/lesson_view.h"
#include "app/lstm_view.h"
#include "app/model_menu.h"
#include "app/panel_help.h"
#include "app/panel_zoo.h"
#include "app/playground.h"
#include "app/reader.h"
#include "app/settings_snapshot.h"
#include "app/share_dialog.h"
#include "app/task_designer.h"
#include "app/touch_scroll.h"

namespace carry {

// Facts the platform layer hands the app once at start-up.
struct AppEnvironment {
    std::string platform;     // "desktop" or "web"
    std::string gl_version;   // GL_VERSION string of the context
    std::string gl_renderer;  // GL_RENDERER string
};

struct App {
    AppEnvironment env;
    Playground playground;
    InsideView inside;           // "Inside the net" (issue 5); its 3D renderer is set by the platform layer
    Appearance look;             // theme, motion, text size and the device pixel ratio in effect (issue 18)
    std::string font_path;       // the UI font's TTF (empty: ImGui's built-in font), rasterized again on change
    long long frame_count = 0;
    double time_seconds = 0.0;
    bool show_about = false;
    HelpWindow help;             // Help -> What to try: a first visit's path
    Embedding embed;             // link state, JavaScript API, embed mode (issue 6)
    ShareDialog share;           // the Share dialog
    ModelFileDialog model_file;  // the desktop's model file path (Model menu)
    ModelsWindow models;         // "Models": the lecture's zoo, gradients, dynamics, modes (issue 9)
    bool touch = false;          // the pointer is a finger (set by the platform layer from SDL's events)
    TouchScroll touch_scroll;    // a finger's drag on a panel's background scrolls it
    LessonView lesson;           // a guided lesson (issue 16): its own column or band beside the playground
    ReaderFeed reader;           // the page's parallel DOM (issue 18): what it last heard
    TaskDesigner designer;       // the task designer (issue 19): a machine's table, its diagram
    LstmLive lstm;               // "LSTM, live" (issue 20, item 5): the panel `lstm`
};

// The version and build description shown in the UI and reported by carry.version().
const char* app_version();
const char* app_build_info();

// Styles ImGui and loads the UI font (a TTF from Debian, rasterized at `content_scale` × the text
// size for crisp text on high-DPI screens). `font_path` may be empty: ImGui's built-in font is used instead.
void app_init(App& app, const AppEnvironment& env, const std::string& font_path, float content_scale);

// What app_before_frame() changed, for the platform.
struct FrameSetup {
    bool fonts_rebuilt = false;  // the font atlas was rebuilt: the renderer must upload its texture again
    bool theme_changed = false;  // the effective theme changed (the web page follows it)
};

// Called before ImGui::NewFrame every frame (fonts may change only between frames): resolves the
// theme, motion and text size, restyles ImGui when they changed, and rebuilds the font atlas when
// the text size or the device pixel ratio (look.content_scale, set by the platform) changed.
FrameSetup app_before_frame(App& app);

// Draws every panel. Called between ImGui::NewFrame and ImGui::Render.
void app_frame(App& app);

// Advances time-driven state (training steps, animation) by dt seconds.
void app_update(App& app, double dt_seconds);

}  // namespace carry
