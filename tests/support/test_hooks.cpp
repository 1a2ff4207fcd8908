// test_hooks.cpp: the test build's hooks into the app's main loop (src/platform/test_hooks.h),
// linked into `carry-test` (desktop) and the test page (build/web/test-site/), never into the
// shipped `carry`:
//   --scenario NAME     start in a named state (scenarios.h): lecture, training, full-speed, stress,
//                       solved, long, unrolled, diverge, bad-input, model-file, share, zoo,
//                       models-*, lstm, inside-*
//   carry_inside_test   (browser) "scenario NAME" starts a scenario ("ok" or "unknown"); "space"
//                       the 3D view's rectangle in CSS pixels and whether it rendered,
//                       "x0 y0 x1 y1 rendered shader-error-length"; "models" the Models window's
//                       state as JSON; "tooltip" the text of the tooltip shown in the last frame;
//                       "rects" the add view's fields and the Train button, CSS pixels; "camera"
//                       the hidden space's orbit camera, "yaw pitch distance";
//                       "canvas-inputs" the number fields edit in the canvas (as on the desktop)
//                       instead of handing the edit to the page's inputs
//   at exit (desktop)   where the 3D view was drawn and whether the dynamics view rendered, on
//                       stderr (tests/desktop/*.py read them)
#include <cstdio>
#include <string>

#include "app/app.h"
#include "app/widgets.h"
#include "platform/test_hooks.h"
#include "scenarios.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace {

std::string g_scenario;
carry::App* g_app = nullptr;

}  // namespace

namespace carry {

int test_hooks_parse_arg(int argc, char** argv, int i) {
    const std::string a = argv[i];
    if (a == "--scenario" && i + 1 < argc) {
        g_scenario = argv[i + 1];
        return 2;
    }
    return 0;
}

const char* test_hooks_usage() {
    return "test build: [--scenario NAME]\n"
           "scenarios: lecture training full-speed stress solved long unrolled diverge bad-input share model-file zoo\n"
           "           models-states models-gradients models-dynamics models-modes models-remedies task-designer task-broken\n"
           "           lstm inside-* "
           "(tests/support/scenarios.h)\n";
}

bool test_hooks_start(App& app) {
    g_app = &app;
    if (!g_scenario.empty() && !app_scenario(app, g_scenario)) {
        std::fprintf(stderr, "carry: unknown scenario %s\n", g_scenario.c_str());
        return false;
    }
    return true;
}

void test_hooks_exit(const App& app) {
    // The numbers and where field a was, for tests/desktop/clipboard_test.py.
    const Playground& pg = app.playground;
    const UiRect& a = pg.drawn.rects.number_a;
    std::fprintf(stderr, "carry: number a at %.0f %.0f %.0f %.0f\n", static_cast<double>(a.x0),
                 static_cast<double>(a.y0), static_cast<double>(a.x1), static_cast<double>(a.y1));
    std::fprintf(stderr, "carry: numbers a=%s b=%s\n", pg.a.text.c_str(), pg.b.text.c_str());
    if (app.inside.space_rect.drawn)  // where the 3D view was, for tests/desktop/inside_test.py
        std::fprintf(stderr, "carry: 3D view at %.0f %.0f %.0f %.0f, %s\n",
                     static_cast<double>(app.inside.space_rect.x0), static_cast<double>(app.inside.space_rect.y0),
                     static_cast<double>(app.inside.space_rect.x1), static_cast<double>(app.inside.space_rect.y1),
                     app.inside.rendered ? "rendered" : "not rendered");
    if (app.models.open && app.models.tab == ModelsTab::Dynamics)  // for tests/desktop/desktop_test.py
        std::fprintf(stderr, "carry: dynamics 3D view %s\n",
                     app.models.dynamics.rendered ? "rendered" : "not rendered");
}

}  // namespace carry

#ifdef __EMSCRIPTEN__
extern "C" {
EMSCRIPTEN_KEEPALIVE const char* carry_inside_test(const char* cmd) {
    static std::string out;
    const std::string c = cmd ? cmd : "";
    if (!g_app) {
        out = "not started";
    } else if (c.rfind("scenario ", 0) == 0) {
        out = carry::app_scenario(*g_app, c.substr(9)) ? "ok" : "unknown";
    } else if (c == "canvas-inputs") {  // the canvas's number fields edit in ImGui, as on the desktop
        g_app->playground.page_inputs.numbers = false;
        out = "ok";
    } else if (c == "space") {
        const carry::UiRect& r = g_app->inside.space_rect;
        char buf[160];
        std::snprintf(buf, sizeof buf, "%g %g %g %g %d %zu", static_cast<double>(r.x0), static_cast<double>(r.y0),
                      static_cast<double>(r.x1), static_cast<double>(r.y1), g_app->inside.rendered ? 1 : 0,
                      g_app->inside.shown_error.size());
        out = buf;
    } else if (c == "rects") {  // where the last frame drew the add view's fields and the Train button
        const carry::UiRects& r = g_app->playground.drawn.rects;
        auto one = [](const char* name, const carry::UiRect& u) {
            char buf[160];
            std::snprintf(buf, sizeof buf, "\"%s\":[%g,%g,%g,%g]", name, static_cast<double>(u.x0),
                          static_cast<double>(u.y0), static_cast<double>(u.x1), static_cast<double>(u.y1));
            return std::string(buf);
        };
        out = "{" + one("a", r.number_a) + "," + one("b", r.number_b) + "," + one("train", r.train_button) + "}";
    } else if (c == "camera") {  // the hidden space's orbit camera: "yaw pitch distance"
        const carry::OrbitCamera& o = g_app->inside.orbit;
        char buf[96];
        std::snprintf(buf, sizeof buf, "%g %g %g", static_cast<double>(o.yaw), static_cast<double>(o.pitch),
                      static_cast<double>(o.distance));
        out = buf;
    } else if (c == "tooltip") {  // the tooltip the last frame showed ("" if none)
        out = carry::tooltip_shown();
    } else if (c == "models") {  // the Models window: open, the tab, the zoo's progress and last-length scores
        const carry::ModelsWindow& w = g_app->models;
        out = std::string("{\"open\":") + (w.open ? "true" : "false") +
              ",\"tab\":" + std::to_string(static_cast<int>(w.tab)) +
              ",\"running\":" + (w.zoo.running ? "true" : "false") +
              ",\"dynamics3d\":" + (w.dynamics.rendered ? "true" : "false") +
              ",\"progress\":" + std::to_string(w.zoo.runner ? w.zoo.runner->progress() : 0.0) + ",\"exact_longest\":{";
        if (w.zoo.runner) {
            bool first = true;
            for (const carry::zoo::ModelResult& r : w.zoo.runner->results()) {
                if (!r.scored || r.exact_by_bits.empty()) continue;
                out += (first ? "\"" : ",\"") + r.name + "\":" + std::to_string(r.exact_by_bits.back());
                first = false;
            }
        }
        out += "}}";
    } else {
        out = "unknown command";
    }
    return out.c_str();
}
}
#endif
