// modes_view: the input and target modes table (see modes_view.h). Stub until the experiment lands.
#include "app/modes_view.h"

#include "imgui.h"

namespace carry {

void ModesView::draw() { ImGui::TextUnformatted("Input and target modes: experiment coming."); }

}  // namespace carry
