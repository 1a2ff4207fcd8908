// reader: the app's side of the page's parallel DOM (issue 18 items 1-2, issue 17 item 1).
//
// A canvas says nothing to a screen reader and raises no phone keyboard, so the page keeps real
// elements beside it (web/reader.js): the two numbers as <input>s (their only editing path on the
// web), the sum the net printed and the true one, the animation's step in the add view's words,
// the training status, and buttons for the main actions. This file feeds them:
//   - reader_state_json(): what those elements show, compact (no per-frame figures: while training,
//     the counts of the last measurement);
//   - reader_update(): once a frame (strings the add view holds anyway); posts the event "reader" when that text
//     changed, at most every kReaderSeconds (a change held back asks for a frame then), and "edit-number" when a number
//     field of the canvas was clicked or activated from the keyboard (the page then focuses its input);
//   - reader_command() / reader_set_number(): the page's buttons and inputs, through the very
//     commands the canvas's buttons and fields queue;
//   - keyboard_claims(): whether ImGui needs Tab / Esc now (editing text, a menu or popup open);
//     otherwise the page lets them move the focus out of the canvas (never trapped).
#pragma once

#include <string>
#include <string_view>

namespace carry {

struct App;

inline constexpr double kReaderSeconds = 0.25;  // the page's mirror follows changes at most 4x a second

struct ReaderFeed {
    std::string last_sent;    // the last "reader" state posted
    double since_sent = 1e9;  // seconds since then
    bool held = false;        // a change waits for kReaderSeconds to pass
};

std::string reader_state_json(const App& app);
void reader_update(App& app, double dt);
// Seconds until a change held back may be sent, else kNoFrameDue.
double reader_due(const App& app);

// "train" (Train or Pause, as the toolbar's button), "step", "reset", "example", "random", "swap".
// False when the name is unknown or the link hides that control.
bool reader_command(App& app, std::string_view name);
// The page's input for a (which = 0) or b (1) holds `text`: queued as the canvas's field queues
// it (CommandKind::SetNumber); blanks are dropped, as that field drops them; the binary-digit rules and their messages stay the playground's.
bool reader_set_number(App& app, int which, std::string_view text);

// Bit 0: ImGui edits text (Tab and Esc are its own); bit 1: Esc closes or cancels something there.
int keyboard_claims();

}  // namespace carry
