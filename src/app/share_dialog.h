// share_dialog: the menu bar's Share dialog: the link to the full playground and the <iframe> code
// of the current state (panels, hidden settings, size), with a preview of the embed's size.
#pragma once

#include <string>
#include <vector>

namespace carry {

struct App;

struct ShareDialog {
    bool open = false;
    int w = 600, h = 400;
    std::vector<std::string> panels = {"add", "network"};  // ticked, of the `panels` row's choices
    bool hide_settings = false;
    std::string copied;  // "Link copied." once a copy button was pressed
};

// The full playground's link and the embed's <iframe> code for the current state.
std::string share_link(const App& app);
std::string share_iframe(const App& app);
void share_dialog(App& app);

}  // namespace carry
