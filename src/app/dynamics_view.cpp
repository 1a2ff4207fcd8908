// dynamics_view: the dynamics explorer (see dynamics_view.h). Stub while the view is written.
#include "app/dynamics_view.h"

#include "imgui.h"

namespace carry {

void DynamicsView::draw(const Net* /*current*/) {
  ImGui::TextWrapped("Dynamics explorer: coming soon.");
}

}  // namespace carry
