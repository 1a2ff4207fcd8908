// lesson_view: the lesson panel (issue 16): a lesson's steps with Back/Next, progress, the step's
// text and its "try this" check, answered by measuring the playground.
//
// The link's `lesson` and `lesson_step` (Playground::link) say which lesson and step are shown;
// lesson_update() follows them: it loads the lesson (built in, a file the page fetches, or a file
// on the desktop), and entering a step applies the step's link over the defaults (the frame's own
// keys kept: embed, hide, allow, background, focus), so every step has its own address and opens
// the same way by Next or by link. A lesson that does not parse shows its errors with line numbers;
// the playground keeps working.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/lesson.h"
#include "core/settings.h"

namespace carry {

struct App;

struct LessonView {
    std::string name;  // the lesson loaded (or asked for); "" : none
    Lesson lesson;
    std::vector<LessonError> errors;
    bool waiting = false;        // a file asked of the page, not here yet
    std::string fetch_path;      // the page's fetch of it (js_api posts it once)
    int shown_step = 0;          // the step whose link was applied, from 1 (0: none yet)
    int divergences_at_step = 0; // the playground's count when the step began (the "diverged" check)
    LessonFacts facts;           // measured this frame
    CheckVerdict verdict;        // the step's check over them
    // Requests from the panel, taken by lesson_update (the panel draws, it does not apply).
    int request_step = 0;
    std::string request_link;
    bool request_close = false;
};

// The text of a built-in lesson ("lecture7"), or nullptr.
const char* builtin_lesson(std::string_view name);

// Start-up: a link naming a built-in lesson opens its step as the step's link sets it (applied
// once, with the link's frame keys). `s` is the link's state; returns whether it was replaced.
bool lesson_link_state(App& app, Settings& s);

// Loads and follows the link's lesson and step (before playground_update, which applies the
// step's commands); lesson_measure() measures the step's check (after it).
void lesson_update(App& app);
void lesson_measure(App& app);

// A lesson file's text from the page (shell.js fetched it), or why it could not be had.
void lesson_provide_text(App& app, const std::string& path, const std::string& text, const std::string& error);

// The panel, drawn inside the window app_frame gives it (a column, a band, or the whole frame).
void panel_lesson(App& app);


}  // namespace carry
