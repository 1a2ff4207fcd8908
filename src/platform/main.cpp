// main.cpp: the SDL2 window, the GL context and the main loop, for the desktop and the browser.
//
// One frame function serves both platforms: events → NewFrame ×3 → app_frame → app_update →
// Render → draw → swap. On the desktop a plain loop calls it; in the browser Emscripten's main
// loop calls it once per animation frame (requestAnimationFrame), so the browser stays responsive.
//
// Draw on demand (issue 15). A frame is drawn only when something on screen may change: an
// input event (plus kLingerSeconds and kExtraFrames more, for hover, tooltips and ImGui's own
// settling), an API call, a resize, or the app's own next change (app/activity.h: training, the
// animation's next step, a running experiment). In between, the desktop sleeps in
// SDL_WaitEventTimeout and the browser pauses Emscripten's main loop (no requestAnimationFrame at
// all) with one setTimeout for the next due step. A hidden tab or a frame scrolled out of view
// (shell.js tells us: carry_set_visible) draws nothing: training pauses with its state kept, and
// only work the page waits for (train(n), or all training when it asked for `background`) goes on
// in setTimeout slices without drawing.
//
// Desktop flags (for tests and development):
//   --frames N          render N frames, then exit 0 (the mouse pointer is ignored in such runs)
//   --screenshot FILE   save the last rendered frame as a PNG (with --frames, the final one)
//   --size WxH          window size in logical pixels (default 1280x800)
//   --stats             at exit, print the mean frame rate and the training work per frame
//   --link TEXT         a link's query or hash ("#hidden=5&seed=3"), applied like the page's URL
//                       (repeatable); --session JSON a saved session; --page URL the page's address
//                       for the Share dialog. The web page passes its URL through these.
// The test build (carry-test) adds --scenario NAME and the browser tests' hooks (test_hooks.h).
//
// e.g. DISPLAY=:91 carry-test --scenario solved --frames 120 --screenshot solved.png
#include <SDL.h>

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "app/activity.h"
#include "app/app.h"
#include "platform/event_pacing.h"
#include "platform/web_input.h"
#include "platform/scene_gl.h"
#include "platform/test_hooks.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#include "platform/png_write.h"
#endif

// The drawable's viewport this frame: what ImGui's OpenGL3 backend is told instead of reading it
// back from GL (platform/gl_state_shim.h, web build).
extern "C" {
int carry_gl_viewport[4] = {0, 0, 0, 0};
}

namespace {

struct Options {
    long long frames = -1;  // -1: run until the window closes
    std::string screenshot;
    int width = 1280, height = 800;
    bool stats = false;
    std::vector<std::string> links;  // issue 6: URL state, saved session, page address
    std::string session, page;
};

struct Platform {
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    carry::App app;
    Options opts;
    Uint64 last_counter = 0;
    carry::EventPacer events;  // key taps shorter than a frame still reach ImGui
    bool running = true;
    bool renderer_ready = false;  // ImGui's OpenGL3 backend made its device objects (the first NewFrame)
    std::string page_theme;       // the theme the page was last told (web)
    int exit_code = 0;
    // --stats: frame time and training work, from the second frame on.
    double stats_seconds = 0.0, stats_train_ms = 0.0;
    long long stats_frames = 0, stats_sums = 0;
    long long stats_draw_calls = 0, stats_vertices = 0;  // what each frame asks of the GPU
};

Platform g;  // the browser's main loop takes a C callback; one global keeps both paths identical

// [SECTION] draw on demand --------------------------------------------------------------------
constexpr double kLingerSeconds = 0.35;     // frames go on this long after an event (hover, double click, hash)
constexpr int kExtraFrames = 3;             // and at least this many
constexpr double kTextCursorSeconds = 0.1;  // a focused text field's cursor blinks
constexpr double kBackgroundSliceMs = 8.0;  // work per setTimeout slice while nothing is drawn
constexpr int kBackgroundPeriodMs = 16;

struct Pacing {
    double linger_until = 0.0;  // seconds (now_seconds())
    int extra_frames = 0;
    bool visible = true;  // web: the tab is visible and the frame within the viewport
    bool paused = false;  // web: Emscripten's main loop is paused
    bool background_scheduled = false;
    long long timer_generation = 0;
    long long frames_drawn = 0;
};
Pacing pace;
int keyboard_claims_now = 0;  // app/reader.h keyboard_claims() after the last frame (shell: Tab / Esc)

double now_seconds() {
    return static_cast<double>(SDL_GetPerformanceCounter()) / static_cast<double>(SDL_GetPerformanceFrequency());
}

// Something happened (input, an API call, a resize): draw for a little while.
void note_activity() {
    pace.linger_until = now_seconds() + kLingerSeconds;
    pace.extra_frames = kExtraFrames;
}

// Seconds until the next frame is due after the one just drawn (0: draw the next one at once).
double frame_wait_seconds() {
    if (g.opts.frames >= 0) return 0.0;     // test runs draw every frame
    if (g.app.frame_count < 3) return 0.0;  // windows auto-size over the first frames
    if (pace.extra_frames > 0) {
        --pace.extra_frames;
        return 0.0;
    }
    if (g.events.waiting() > 0) return 0.0;  // a key release held back for the next frame
    const double now = now_seconds();
    if (now < pace.linger_until) return 0.0;
    double wait = carry::app_next_frame_in(g.app);
    if (ImGui::GetIO().WantTextInput) wait = std::min(wait, kTextCursorSeconds);
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left) || ImGui::IsMouseDown(ImGuiMouseButton_Right)) wait = 0.0;
    return wait;
}

void wake_main_loop();  // web: resume drawing if paused (a no-op on the desktop, which wakes on events)

// Every SDL event, at the moment SDL queues it (from the browser's event handler on the web).
int event_watch(void*, SDL_Event* event) {
    if (event->type == SDL_POLLSENTINEL) return 0;  // SDL_PollEvent pushes one on every call
    note_activity();
    wake_main_loop();
    return 0;
}

#ifdef __EMSCRIPTEN__
constexpr const char* kFontPath = "/fonts/DejaVuSans.ttf";  // embedded at link time
constexpr int kFirstFrameSignal = 3;  // windows auto-size over the first frames; signal after they settle

// Keeps the drawing buffer at CSS size × devicePixelRatio when the page zooms or the dpr changes.
void sync_canvas_size() {
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    const double dpr = emscripten_get_device_pixel_ratio();
    int buf_w = 0, buf_h = 0;
    emscripten_get_canvas_element_size("#canvas", &buf_w, &buf_h);
    const int want_w = static_cast<int>(css_w * dpr), want_h = static_cast<int>(css_h * dpr);
    if (want_w > 0 && want_h > 0 && (want_w != buf_w || want_h != buf_h)) {
        SDL_SetWindowSize(g.window, static_cast<int>(css_w), static_cast<int>(css_h));
    }
}
#else
constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

bool save_screenshot(const std::string& path) {
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(g.window, &w, &h);
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(w) * h * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // GL's rows run bottom-up; PNG's top-down.
    std::vector<std::uint8_t> flipped(pixels.size());
    const std::size_t row = static_cast<std::size_t>(w) * 4;
    for (int y = 0; y < h; ++y) std::memcpy(&flipped[y * row], &pixels[(h - 1 - y) * row], row);
    return carry::write_png(path, w, h, flipped);
}
#endif

// Device pixels per logical pixel now: the browser's devicePixelRatio (zoom, another screen), or
// the drawable's size over the window's on the desktop (a window moved to a high-DPI display).
// Read every frame: shell.js wakes one on a resolution change, SDL's window and display events do.
float current_content_scale() {
#ifdef __EMSCRIPTEN__
    return static_cast<float>(emscripten_get_device_pixel_ratio());
#else
    int win_w = 0, draw_w = 0, h = 0;
    SDL_GetWindowSize(g.window, &win_w, &h);
    SDL_GL_GetDrawableSize(g.window, &draw_w, &h);
    return win_w > 0 && draw_w > 0 ? static_cast<float>(draw_w) / static_cast<float>(win_w) : 1.0f;
#endif
}

// Between frames (issues 17, 18): the theme, text size and pixel density in effect; a rebuilt
// font atlas goes to the GPU before NewFrame uses it, and the page hears of a new theme.
void appearance_before_frame() {
    const float scale = current_content_scale();
    if (scale > 0.0f) g.app.look.content_scale = scale;
    const carry::FrameSetup setup = carry::app_before_frame(g.app);
    if (setup.fonts_rebuilt && g.renderer_ready) {  // before the first NewFrame the backend uploads it itself
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
#ifdef __EMSCRIPTEN__
    const std::string theme = carry::theme_name(g.app.look.theme);
    if (theme != g.page_theme) {
        g.page_theme = theme;
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdollar-in-identifier-extension"
        // clang-format off
        EM_ASM({ if (Module.carryTheme) Module.carryTheme(UTF8ToString($0)); }, theme.c_str());
        // clang-format on
#pragma clang diagnostic pop
    }
#endif
}

// Replies and events of the JavaScript API (app/embed.h) go to shell.js.
void flush_outbox() {
#ifdef __EMSCRIPTEN__
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdollar-in-identifier-extension"
    // JavaScript inside EM_ASM: clang-format would split `!==` into `!= =`.
    // clang-format off
    for (const std::string& m : g.app.embed.outbox)
        EM_ASM({ if (Module.carryMessage) Module.carryMessage(UTF8ToString($0)); }, m.c_str());
    // clang-format on
#pragma clang diagnostic pop
#endif
    g.app.embed.outbox.clear();
}

void frame() {
    ++pace.frames_drawn;
    g.events.pump([](const SDL_Event& event) {
        ImGui_ImplSDL2_ProcessEvent(&event);
        carry::web_input_event(event);
        if ((event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP) && event.button.which == SDL_TOUCH_MOUSEID)
            g.app.touch = !carry::g_page_scrolls;  // a finger: drags on the background scroll (app.h)
        else if (event.type == SDL_MOUSEBUTTONDOWN)
            g.app.touch = false;
        if (event.type == SDL_KEYDOWN || event.type == SDL_KEYUP) {
            // The modifiers as they were at this event (event_pacing.h), not SDL's live state.
            ImGuiIO& io = ImGui::GetIO();
            const Uint16 mod = event.key.keysym.mod;
            io.KeyShift = (mod & KMOD_SHIFT) != 0;
            io.KeyCtrl = (mod & KMOD_CTRL) != 0;
            io.KeyAlt = (mod & KMOD_ALT) != 0;
            io.KeySuper = (mod & KMOD_GUI) != 0;
        }
        if (event.type == SDL_QUIT) g.running = false;
        if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
            event.window.windowID == SDL_GetWindowID(g.window))
            g.running = false;
    });
#ifdef __EMSCRIPTEN__
    sync_canvas_size();
#endif
    appearance_before_frame();

    const Uint64 now = SDL_GetPerformanceCounter();
    const double dt =
        g.last_counter ? static_cast<double>(now - g.last_counter) / static_cast<double>(SDL_GetPerformanceFrequency())
                       : 0.0;
    g.last_counter = now;
    if (dt > 0.0) {
        g.stats_seconds += dt;
        ++g.stats_frames;
        g.stats_train_ms += g.app.playground.live.last_frame_train_ms;
        g.stats_sums += g.app.playground.live.last_frame_sequences;
    }

    ImGui_ImplOpenGL3_NewFrame();
    g.renderer_ready = true;
    ImGui_ImplSDL2_NewFrame();
    carry::web_input_before_new_frame(g.app.touch_scroll.long_press);
#ifndef __EMSCRIPTEN__
    // Test runs (--frames) ignore the pointer: wherever Xvfb parks it, no tooltip covers the screenshot.
    if (g.opts.frames >= 0) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
#endif
    ImGui::NewFrame();
    carry::app_frame(g.app);
    carry::app_update(g.app, dt);
    keyboard_claims_now = carry::keyboard_claims();
    flush_outbox();
    ImGui::Render();

    const ImGuiIO& io = ImGui::GetIO();
    carry_gl_viewport[2] = static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x);
    carry_gl_viewport[3] = static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y);
    glViewport(0, 0, carry_gl_viewport[2], carry_gl_viewport[3]);
    const ImVec4 bg = carry::col4(carry::pal().window_bg);  // the theme's ground around and under the UI
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (const ImDrawData* dd = ImGui::GetDrawData()) {
        for (int i = 0; i < dd->CmdListsCount; ++i) g.stats_draw_calls += dd->CmdLists[i]->CmdBuffer.Size;
        g.stats_vertices += dd->TotalVtxCount;
    }

#ifdef __EMSCRIPTEN__
    // The first frame on screen, for the benchmark's "time to first frame" (performance.mark);
    // the page's `carry.ready` promise resolves a few frames later, once the layout has settled.
    // JavaScript inside EM_ASM: clang-format would split `!==` into `!= =`.
    // clang-format off
    if (g.app.frame_count == 1)
        EM_ASM({ if (typeof performance !== 'undefined' && performance.mark) performance.mark('carry-first-frame'); });
    if (g.app.frame_count == kFirstFrameSignal)
        EM_ASM({ if (Module.carryFirstFrame) setTimeout(function() { Module.carryFirstFrame(); }, 0); });
    // clang-format on
#else
    const bool last = g.opts.frames >= 0 && g.app.frame_count >= g.opts.frames;
    if (last && !g.opts.screenshot.empty()) {
        if (!save_screenshot(g.opts.screenshot)) {
            std::fprintf(stderr, "carry: could not write screenshot %s\n", g.opts.screenshot.c_str());
            g.exit_code = 1;
        } else {
            std::fprintf(stderr, "carry: screenshot saved to %s\n", g.opts.screenshot.c_str());
        }
    }
    if (last) g.running = false;
#endif
    SDL_GL_SwapWindow(g.window);
}

// [SECTION] the browser's loop ---------------------------------------------------------------
#ifdef __EMSCRIPTEN__
void background_tick(void*);

void schedule_background() {
    if (pace.background_scheduled || pace.visible || g.app.frame_count < kFirstFrameSignal) return;
    if (!carry::app_has_background_work(g.app)) return;
    pace.background_scheduled = true;
    emscripten_async_call(background_tick, nullptr, kBackgroundPeriodMs);
}

// Not drawn (hidden tab, frame out of view): the app advances as it would at 60 frames a second
// (training is counted per frame, so a run keeps its sequence of minibatches), within a time
// slice, and answers the page; nothing is drawn. A tab's hidden timers may run once a second only.
void background_tick(void*) {
    pace.background_scheduled = false;
    if (pace.visible) return;  // the main loop has taken over
    const Uint64 start = SDL_GetPerformanceCounter();
    const double freq = static_cast<double>(SDL_GetPerformanceFrequency());
    const double owed = g.last_counter ? static_cast<double>(start - g.last_counter) / freq : 0.0;
    const int steps = std::max(1, std::min(600, static_cast<int>(owed * 60.0)));
    for (int i = 0; i < steps; ++i) {
        if (!carry::app_has_background_work(g.app)) break;
        // Live training waits for the frame to be seen, unless the page asked for `background`
        // (a train(n) job trains here all the same; queued commands, e.g. pause(), apply as usual).
        carry::Playground& pg = g.app.playground;
        const bool hold = pg.live.training && !pg.link.background && pg.commands.empty();
        if (hold) pg.live.training = false;
        carry::app_update(g.app, 1.0 / 60.0);
        if (hold) pg.live.training = true;
        flush_outbox();
        if (static_cast<double>(SDL_GetPerformanceCounter() - start) / freq * 1000.0 >= kBackgroundSliceMs) break;
    }
    g.last_counter = SDL_GetPerformanceCounter();
    schedule_background();
}

void pause_main_loop() {
    if (pace.paused) return;
    pace.paused = true;
    emscripten_pause_main_loop();
}

void wake_main_loop() {
    if (!pace.paused || !pace.visible) return;
    pace.paused = false;
    emscripten_resume_main_loop();
}

void timer_wake(void* arg) {
    if (reinterpret_cast<std::intptr_t>(arg) != static_cast<std::intptr_t>(pace.timer_generation)) return;
    wake_main_loop();
}

// Emscripten's main loop callback: a frame, then either the next animation frame or a pause
// until an event, an API call or the app's next due change.
void web_tick() {
    frame();
    const double wait = frame_wait_seconds();
    if (wait <= 0.0 && pace.visible) return;
    pause_main_loop();
    ++pace.timer_generation;
    if (pace.visible && wait < carry::kNoFrameDue) {
        const int ms = std::max(1, static_cast<int>(wait * 1000.0 + 0.5));
        emscripten_async_call(timer_wake, reinterpret_cast<void*>(static_cast<std::intptr_t>(pace.timer_generation)),
                              ms);
    }
    schedule_background();
}
#else
void wake_main_loop() {}

// The desktop's loop: a frame, then sleep until an event or the app's next due change.
void desktop_loop() {
    while (g.running) {
        frame();
        const double wait = frame_wait_seconds();
        if (wait <= 0.0 || !g.running) continue;
        const double ms = std::min(wait * 1000.0, 3600.0 * 1000.0);
        SDL_WaitEventTimeout(nullptr, std::max(1, static_cast<int>(ms)));
    }
}
#endif

bool parse_args(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool has_value = i + 1 < argc;
        if (a == "--frames" && has_value) {
            char* end = nullptr;
            o.frames = std::strtoll(argv[++i], &end, 10);
            if (*end || o.frames < 1) return false;
        } else if (a == "--screenshot" && has_value) {
            o.screenshot = argv[++i];
        } else if (a == "--link" && has_value) {
            o.links.emplace_back(argv[++i]);
        } else if (a == "--session" && has_value) {
            o.session = argv[++i];
        } else if (a == "--page" && has_value) {
            o.page = argv[++i];
        } else if (a == "--stats") {
            o.stats = true;
        } else if (a == "--size" && has_value) {
            if (std::sscanf(argv[++i], "%dx%d", &o.width, &o.height) != 2 || o.width < 200 || o.height < 150)
                return false;
        } else if (const int taken = carry::test_hooks_parse_arg(argc, argv, i); taken > 0) {
            i += taken - 1;
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace

#ifdef __EMSCRIPTEN__
extern "C" {
EMSCRIPTEN_KEEPALIVE const char* carry_version() { return carry::app_version(); }
EMSCRIPTEN_KEEPALIVE const char* carry_build_info() { return carry::app_build_info(); }
// The JavaScript API (shell.js): one JSON call in, one JSON reply out (valid until the next call).
EMSCRIPTEN_KEEPALIVE const char* carry_api(const char* request) {
    static std::string reply;
    reply = carry::api_call(g.app, request ? request : "");
    note_activity();  // the call's effect is drawn (or, out of sight, its work goes on in the background)
    wake_main_loop();
    schedule_background();
    return reply.c_str();
}
// The page's hash changed after load (shell.js's hashchange listener).
EMSCRIPTEN_KEEPALIVE void carry_hash_changed(const char* hash) {
    carry::embed_hash_changed(g.app, hash ? hash : "");
    note_activity();
    wake_main_loop();
}
// A lesson file the app asked for ('fetch-lesson'): its text, or why it could not be fetched.
EMSCRIPTEN_KEEPALIVE void carry_lesson_text(const char* path, const char* text, const char* error) {
    carry::lesson_provide_text(g.app, path ? path : "", text ? text : "", error ? error : "");
    note_activity();
    wake_main_loop();
}
// Draw on demand (shell.js): the page was resized or zoomed, or something else outside SDL changed.
EMSCRIPTEN_KEEPALIVE void carry_wake() {
    note_activity();
    wake_main_loop();
}
// The tab is visible and the frame within the viewport (1), or not (0): nothing is drawn then.
EMSCRIPTEN_KEEPALIVE void carry_set_visible(int visible) {
    const bool v = visible != 0;
    if (v == pace.visible) return;
    pace.visible = v;
    if (v) {
        g.last_counter = 0;  // the time asleep is not one long step
        note_activity();
        wake_main_loop();
    } else {
        pause_main_loop();
        schedule_background();
    }
}
// The page's media queries (shell.js): prefers-color-scheme: light, prefers-reduced-motion: reduce.
// The settings rows `theme` and `motion` set to auto follow them.
EMSCRIPTEN_KEEPALIVE void carry_set_preferences(int light, int reduce_motion) {
    g.app.look.system_known = true;
    g.app.look.system_light = light != 0;
    g.app.look.system_reduce_motion = reduce_motion != 0;
    note_activity();
    wake_main_loop();
}
// The page's parallel DOM (web/reader.js, app/reader.h): its buttons and number inputs act through
// the canvas's own commands; Tab and Esc leave the canvas unless ImGui claims them.
EMSCRIPTEN_KEEPALIVE int carry_reader_command(const char* name) {
    const bool ok = carry::reader_command(g.app, name ? name : "");
    note_activity();
    wake_main_loop();
    return ok ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE int carry_reader_set_number(int which, const char* text) {
    const bool ok = carry::reader_set_number(g.app, which, text ? text : "");
    note_activity();
    wake_main_loop();
    return ok ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE int carry_keyboard_claims() { return keyboard_claims_now; }
// Frames drawn so far, and whether drawing is paused (tests and benchmarks).
EMSCRIPTEN_KEEPALIVE double carry_frames_drawn() { return static_cast<double>(pace.frames_drawn); }
}
#endif

int main(int argc, char** argv) {
    if (!parse_args(argc, argv, g.opts)) {
        std::fprintf(stderr,
                     "usage: %s [--frames N] [--screenshot FILE.png] [--size WxH] [--stats] [--link TEXT] [--session "
                     "JSON] [--page URL]\n%s",
                     argv[0], carry::test_hooks_usage());
        return 2;
    }

#ifdef __EMSCRIPTEN__
    // Keyboard events stay on the canvas, so text fields of a page that embeds Carry keep working.
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
#endif
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "carry: SDL_Init failed: %s\n", SDL_GetError());
        return 1;
    }

#ifdef __EMSCRIPTEN__
    const char* glsl_version = "#version 300 es";  // WebGL2
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
    const char* glsl_version = "#version 330 core";
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
#endif
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    // ImGui draws without depth; the 3D view renders into its own framebuffer with a depth buffer.
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);

    const auto flags =
        static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    g.window = SDL_CreateWindow("Carry — a recurrent net learns binary addition", SDL_WINDOWPOS_CENTERED,
                                SDL_WINDOWPOS_CENTERED, g.opts.width, g.opts.height, flags);
    if (!g.window) {
        std::fprintf(stderr, "carry: could not create a window: %s\n", SDL_GetError());
        return 1;
    }
    g.gl = SDL_GL_CreateContext(g.window);
    if (!g.gl) {
        std::fprintf(stderr, "carry: could not create an OpenGL 3 context: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_MakeCurrent(g.window, g.gl);
    SDL_GL_SetSwapInterval(g.opts.frames >= 0 ? 0 : 1);  // tests run unthrottled

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
#ifdef __EMSCRIPTEN__
    ImGui::GetIO().IniFilename = nullptr;  // no file system to keep a layout in
    const float content_scale = static_cast<float>(emscripten_get_device_pixel_ratio());
#else
    int win_w = 0, draw_w = 0, h = 0;
    SDL_GetWindowSize(g.window, &win_w, &h);
    SDL_GL_GetDrawableSize(g.window, &draw_w, &h);
    const float content_scale = win_w > 0 ? static_cast<float>(draw_w) / static_cast<float>(win_w) : 1.0f;
    if (g.opts.frames >= 0) ImGui::GetIO().IniFilename = nullptr;  // test runs leave no imgui.ini behind
#endif

    carry::AppEnvironment env;
#ifdef __EMSCRIPTEN__
    env.platform = "web";
#else
    env.platform = "desktop";
#endif
    env.gl_version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    env.gl_renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    carry::app_init(g.app, env, kFontPath, content_scale);
#ifdef __EMSCRIPTEN__
    g.app.embed.web = true;
    g.app.playground.page_inputs.numbers = true;  // web/reader.js's <input>s edit the numbers
#endif
    if (!g.opts.page.empty()) g.app.embed.page_url = g.opts.page;
    carry::embed_start(g.app, g.opts.links, g.opts.session);

    if (!carry::test_hooks_start(g.app)) return 2;

    ImGui_ImplSDL2_InitForOpenGL(g.window, g.gl);
    carry::web_input_install();
    ImGui_ImplOpenGL3_Init(glsl_version);
    carry::scene_gl_attach(g.app);  // the 3D hidden-state view's renderer (compiles shaders/)

    SDL_AddEventWatch(event_watch, nullptr);
    note_activity();
#ifdef __EMSCRIPTEN__
    emscripten_set_main_loop(web_tick, 0, true);  // never returns
#else
    desktop_loop();
    carry::scene_gl_detach(g.app);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(g.gl);
    SDL_DestroyWindow(g.window);
    SDL_Quit();
    std::fprintf(stderr, "carry: %lld frames rendered\n", g.app.frame_count);
    carry::test_hooks_exit(g.app);
    if (g.opts.stats && g.stats_frames > 0)
        std::fprintf(stderr,
                     "carry: %.1f frames/s over %lld frames; training %.2f ms and %.1f sums per frame (%lld sums)\n",
                     static_cast<double>(g.stats_frames) / g.stats_seconds, g.stats_frames,
                     g.stats_train_ms / static_cast<double>(g.stats_frames),
                     static_cast<double>(g.stats_sums) / static_cast<double>(g.stats_frames), g.stats_sums);
    if (g.opts.stats && g.app.frame_count > 0)
        std::fprintf(stderr, "carry: %.0f draw calls and %.0f vertices per frame\n",
                     static_cast<double>(g.stats_draw_calls) / static_cast<double>(g.app.frame_count),
                     static_cast<double>(g.stats_vertices) / static_cast<double>(g.app.frame_count));
#endif
    return g.exit_code;
}
