// gradients_view: gradients through time for the zoo's Models window (see gradients_view.h).
#include "app/gradients_view.h"

#include "imgui.h"

namespace carry {

void GradientsView::draw() {
  ImGui::TextWrapped("Gradients through time: coming soon.");
}

}  // namespace carry
