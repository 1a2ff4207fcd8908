// touch_scroll: a finger dragged over a panel's background scrolls the panel, as on any phone page.
// ImGui 1.86 scrolls only by the mouse wheel and the scroll bar, so on a phone the panels below the
// first screen were out of reach. A drag that starts on a control (a button, a slider, a 3D view)
// stays the control's; one that starts on text or empty space scrolls the innermost panel under it
// that can scroll. Only for touch: a mouse dragging the background does nothing, as before.
// A long press (half a second, the finger still) shows the control's tooltip, as hovering does with
// a mouse, and lifting the finger then does not press the control (the platform layer moves that
// release away from it: long_press).
#pragma once

namespace carry {

struct TouchScroll {
    bool dragging = false;     // the current touch started on the background
    bool long_press = false;   // the current touch is a long press: its release presses nothing
    double press_time = 0.0;   // when and where the current touch began (ImGui's clock and pixels)
    float press_x = 0.0f, press_y = 0.0f;
};

inline constexpr double kLongPressSeconds = 0.5;

// Called once a frame after every panel is drawn; `touch`: the pointer is a finger (the platform
// layer knows from SDL's touch-synthesized mouse events).
void touch_scroll_frame(TouchScroll& ts, bool touch);

}  // namespace carry
