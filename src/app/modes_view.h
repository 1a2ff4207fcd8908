// modes_view: the "Input and target modes" table of the lecture's zoo (issue 9): how the choice of
// targets (every step vs only the last few steps) and of inputs changes what the recurrent net
// learns. Draws inside the current ImGui window; the experiment runs a little per frame.
#pragma once

namespace carry {

struct ModesView {
  void draw();  // inside the current ImGui window
};

}  // namespace carry
