// panel_help: Help -> "What to try": a first visit's path through the playground, a short guided
// list in the lecture's words, each step with a button that opens the view it names.
#pragma once

#include "app/playground.h"

namespace carry {

struct HelpWindow {
    bool open = false;
};

// The window, when open; call once a frame after the main window.
void help_window(HelpWindow& h, Playground& pg);

}  // namespace carry
