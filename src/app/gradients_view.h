// gradients_view: "gradients through time" (the lecture's 7d) for the zoo's Models window: the
// error-derivative norm at each step back from the last output, on a log scale, for the core
// recurrent net at several weight scales and for the (untrained) LSTM, each curve with its
// geometric-mean factor per step ("vanishes by x0.12 per step").
//
// The curves come from core/zoo/gradients.h and are recomputed only when a control changes
// (cached here), so a frame only draws. Drawn inside the current ImGui window: the zoo helper
// puts it in a tab of the "Models" window.
#pragma once

#include <cstdint>
#include <vector>

#include "core/zoo/gradients.h"

namespace carry {

struct GradientsView {
    // Controls (each has a tooltip).
    int length = 32;       // bits per number: the error flows back through length+1 columns
    int seed = 1;          // seeds every net's weights and the sum sent through them
    int hidden = 3;        // hidden units of the core net (the lecture's: 3)
    bool centred = false;  // biases set so every unit sits at its steepest slope

    // Draws the controls, the plot, the legend and the sentence in the lecture's words.
    void draw();

    // Cache: the curves for the settings below, recomputed when a control differs from them.
    std::vector<zoo::GradientCurve> curves;
    int cached_length = -1, cached_seed = -1, cached_hidden = -1;
    bool cached_centred = false;
    void refresh();  // recomputes `curves` if a control changed
};

}  // namespace carry
