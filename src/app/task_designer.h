// task_designer: the task a student trains on (issue 19). The Training panel's task line picks one
// from the library or opens the designer; the designer edits a machine's table (states, the bit
// each prints, where each column takes it), checks it as it is typed (core/machine.h's
// validate_machine: unreachable states, missing transitions, more than 64 states), draws its
// diagram, and trains on it. A machine only ever reaches training through the `task` setting, so a
// designed task is in the link and the model file like a library one.
#pragma once

#include <string>

#include "app/playground.h"
#include "core/machine.h"

namespace carry {

struct TaskDesigner {
    bool open = false;
    bool loaded = false;     // `machine` holds something (the current task, at first opening)
    Machine machine;         // the table being edited
    std::string from;        // the library task it was loaded from; "" once edited
    std::string problem;     // validate_machine's message ("" when it can be used)
    int minimal_states = 0;  // its minimal machine's size (when valid)
    std::string text;        // the task's text form for a link (when valid)
    bool checked = false;    // problem/minimal_states/text are up to date with `machine`
};

// The Training panel's line: the task in use (a combo of the library), its description, and
// "Design…" to open the designer.
void task_picker(TaskDesigner& d, Playground& pg);

// The designer's window, when open; call once a frame after the main window.
void task_designer_window(TaskDesigner& d, Playground& pg);

// Loads a task's machine into the designer (the library's, or the one in use).
void task_designer_load(TaskDesigner& d, const Task& t);

}  // namespace carry
