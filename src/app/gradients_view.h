// gradients_view: "gradients through time" (the lecture's 7d) for the zoo's Models window:
// the error-derivative norm at each step back from the output, on a log scale, for the core
// recurrent net at several weight scales and for the LSTM, each curve with its per-step factor.
//
// The curves are computed by core/zoo/gradients.h when a control changes and cached, so a frame
// only draws. Drawn inside the current ImGui window (the zoo helper puts it in a tab).
#pragma once

#include <cstdint>
#include <vector>

namespace carry {

struct GradientsView {
  // Controls (each has a tooltip).
  int length = 32;          // bits per number: the curve runs over length+1 steps back
  std::uint64_t seed = 1;   // seeds the nets' weights and the sum sent through them

  // Draws the controls, the plot, the legend and the sentence in the lecture's words.
  void draw();

  // Cache: recomputed only when a control changed (see gradients_view.cpp).
  struct Curve {
    const char* label = "";
    std::vector<float> norms;  // norms[k] = |dE/d state| k steps back from the output
    double factor = 0.0;       // geometric-mean factor per step
  };
  std::vector<Curve> curves;
  int cached_length = -1;
  std::uint64_t cached_seed = 0;
};

}  // namespace carry
