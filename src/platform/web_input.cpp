// web_input: clipboard, macOS shortcuts and pinch zoom. See web_input.h.
#include "platform/web_input.h"

#include <cfloat>
#include <string>

#include "app/orbit_view.h"
#include "imgui.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace carry {

bool g_touch_cancelled = false;
bool g_page_scrolls = false;

namespace {
int g_fingers = 0;                         // fingers down (SDL's finger events)
ImVec2 g_pinch_centre = ImVec2(-1.0f, -1.0f);  // the last two-finger gesture's centre, pixels
}  // namespace

namespace {

#ifdef __EMSCRIPTEN__
const char* get_clipboard(void*) {
    static std::string text;
    char* s = SDL_GetClipboardText();
    text = s ? s : "";
    SDL_free(s);
    return text.c_str();
}

void set_clipboard(void*, const char* text) {
    SDL_SetClipboardText(text);  // pasting inside the app works even when the browser refuses
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdollar-in-identifier-extension"
    // clang-format off
    EM_ASM({ if (Module.carryCopy) Module.carryCopy(UTF8ToString($0)); }, text);
    // clang-format on
#pragma clang diagnostic pop
}

// Ctrl+V (Cmd+V with macOS behaviours) pressed and released, as two events: ImGui's focused field
// pastes SDL's clipboard. The event pacer hands the release to the next frame.
void replay_paste_shortcut() {
    const Uint16 mod = ImGui::GetIO().ConfigMacOSXBehaviors ? KMOD_LGUI : KMOD_LCTRL;
    for (Uint32 type : {SDL_KEYDOWN, SDL_KEYUP}) {
        SDL_Event e{};
        e.type = type;
        e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.key.keysym.scancode = SDL_SCANCODE_V;
        e.key.keysym.sym = SDLK_v;
        e.key.keysym.mod = mod;
        SDL_PushEvent(&e);
    }
}
#endif

}  // namespace

void web_input_install() {
#ifdef __EMSCRIPTEN__
    ImGuiIO& io = ImGui::GetIO();
    io.GetClipboardTextFn = get_clipboard;
    io.SetClipboardTextFn = set_clipboard;
    // clang-format off
    io.ConfigMacOSXBehaviors = EM_ASM_INT({ return /Mac|iPhone|iPad/.test(String(navigator.platform)) ? 1 : 0; }) != 0;
    // clang-format on
#endif
}

void web_input_before_new_frame(bool long_press) {
    ImGuiIO& io = ImGui::GetIO();
    // Two fingers down: the pointer is their centre (SDL's is the first finger), so a pinch zooms
    // where it is without also dragging the view around.
    if (g_fingers >= 2 && g_pinch_centre.x >= 0.0f) io.MousePos = g_pinch_centre;
    if (g_fingers < 2) g_pinch_centre = ImVec2(-1.0f, -1.0f);
    // A long press ends without pressing what it showed the tooltip of.
    if (long_press && !io.MouseDown[0]) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    if (!g_touch_cancelled) return;
    // The release is taken away from every control: no button under the finger is pressed.
    if (!io.MouseDown[0]) g_touch_cancelled = false;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

void web_input_event(const SDL_Event& event) {
    if (event.type == SDL_FINGERDOWN) ++g_fingers;
    if (event.type == SDL_FINGERUP && g_fingers > 0) --g_fingers;
    if (event.type != SDL_MULTIGESTURE || event.mgesture.numFingers < 2) return;
    // Spreading the fingers by a tenth of the window zooms as about two wheel notches do.
    ImGuiIO& io = ImGui::GetIO();
    g_pinch_centre = ImVec2(event.mgesture.x * io.DisplaySize.x, event.mgesture.y * io.DisplaySize.y);
    io.MouseWheel += event.mgesture.dDist * 20.0f;
}

}  // namespace carry

#ifdef __EMSCRIPTEN__
extern "C" {
// The page's paste event (web/input.js): the text goes to the focused field, as Ctrl+V would.
EMSCRIPTEN_KEEPALIVE void carry_paste(const char* text) {
    SDL_SetClipboardText(text ? text : "");
    carry::replay_paste_shortcut();
}
// Inside an <iframe> (web/input.js): SDL stops cancelling touchstart, so a swipe can scroll the page
// around the frame (the canvas's touch-action: pan-y lets it).
EMSCRIPTEN_KEEPALIVE void carry_touch_scrolls_page() {
    SDL_EventState(SDL_FINGERDOWN, SDL_DISABLE);
    carry::g_page_scrolls = true;
}
// Whether a touch starting at (x, y), CSS pixels in the canvas, needs the drag (a 3D view orbits).
EMSCRIPTEN_KEEPALIVE int carry_needs_drag(double x, double y) {
    return carry::orbit_view_at(ImVec2(static_cast<float>(x), static_cast<float>(y))) ? 1 : 0;
}
// The browser took the touch for scrolling: the finger's release must not press what it started on.
EMSCRIPTEN_KEEPALIVE void carry_touch_cancelled() { carry::g_touch_cancelled = true; }
}
#endif
