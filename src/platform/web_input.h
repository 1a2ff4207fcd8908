// web_input: input SDL2's Emscripten backend does not hand to Dear ImGui by itself.
//
//   - Clipboard. SDL 2.26 keeps the clipboard inside the page on the web. A paste from the system
//     arrives as the page's `paste` event (web/input.js, which keeps Ctrl/Cmd+V from SDL so the
//     browser fires it): carry_paste() puts the text on SDL's clipboard and replays the shortcut
//     to ImGui, so the focused field pastes it by its own rules. A copy in ImGui (Ctrl+C in a field,
//     "Copy the sum", "Copy model as JSON") also goes to the system clipboard (navigator.clipboard).
//   - Cmd as Ctrl on macOS (ImGui's ConfigMacOSXBehaviors).
//   - Touch in an <iframe>: a swipe scrolls the page around it unless it starts on a 3D view
//     (carry_needs_drag); a touch the browser took for scrolling presses nothing.
//   - Pinch zoom: two fingers' SDL_MULTIGESTURE becomes the mouse wheel at the pinch's centre,
//     so pinching zooms wherever the wheel zooms (the 3D views), on the web and on touch screens.
#pragma once

#include <SDL.h>

namespace carry {

// After ImGui_ImplSDL2_InitForOpenGL (it installs SDL's clipboard functions; this wraps them).
void web_input_install();
// Every SDL event, after ImGui's backend took it.
void web_input_event(const SDL_Event& event);
// After ImGui_ImplSDL2_NewFrame: a touch the browser took for scrolling (touchcancel), or a long
// press (the app's TouchScroll::long_press), ends away from every control: lifting the finger
// presses nothing.
void web_input_before_new_frame(bool long_press);
// In an <iframe>: a vertical swipe scrolls the page, not the app's panels (the app's touch scroll is off).
extern bool g_page_scrolls;

}  // namespace carry
