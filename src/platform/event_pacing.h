// event_pacing.h: hand SDL's events to Dear ImGui 1.86 so that no key tap is lost.
//
// ImGui 1.86 (Debian's) reads keys as a state per frame (io.KeysDown), not as a queue of events.
// When a key goes down and up within one frame, which is what a quick tap or a pasted shortcut
// does at 10 frames per second in software WebGL, ImGui never sees it: Ctrl+A in a number field
// would not select, and the typed digits would be appended instead. So a frame stops taking
// events at the first key release whose press it already took, and the rest wait for the next
// frame, in order; so does a modifier's release after a key press (a shortcut whose Ctrl is let go
// before its letter, as fast hands and xdotool do, lost its Ctrl). The modifiers are read from each
// event, not from SDL's live state, because with waiting events the live state is ahead of the
// event being handed over.
#pragma once

#include <SDL.h>

#include <deque>

namespace carry {

class EventPacer {
public:
    // Pulls SDL's new events into the queue, then hands this frame's share to `handle` in order.
    template <typename Handler>
    void pump(Handler&& handle) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) waiting_.push_back(e);
        bool pressed[SDL_NUM_SCANCODES] = {};
        bool any_pressed = false;
        while (!waiting_.empty()) {
            const SDL_Event& next = waiting_.front();
            if (next.type == SDL_KEYUP && pressed[next.key.keysym.scancode]) break;  // next frame
            // A modifier let go after a key went down in this frame (Ctrl+V released Ctrl first):
            // the shortcut is seen with its modifier, the release next frame.
            if (next.type == SDL_KEYUP && any_pressed && is_modifier(next.key.keysym.scancode)) break;
            if (next.type == SDL_KEYDOWN) pressed[next.key.keysym.scancode] = any_pressed = true;
            handle(next);
            waiting_.pop_front();
        }
    }
    std::size_t waiting() const { return waiting_.size(); }

private:
    static bool is_modifier(SDL_Scancode sc) { return sc >= SDL_SCANCODE_LCTRL && sc <= SDL_SCANCODE_RGUI; }
    std::deque<SDL_Event> waiting_;
};

}  // namespace carry
