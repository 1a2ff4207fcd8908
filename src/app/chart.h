// chart: a line chart a student can read without being told: a title, the y axis's quantity and
// unit (and "log scale" where it is one), ticks and a title on both axes, a legend that wraps onto
// as many lines as it needs, and "nothing measured yet" until a curve has two points. Drawn with
// ImDrawList, the way the Models -> Gradients plot (gradients_view.cpp) does it.
#pragma once

#include <vector>

#include "app/widgets.h"  // Series
#include "imgui.h"

namespace carry {

struct ChartAxes {
    const char* title = "";            // what the chart shows, above it ("Accuracy on validation sums")
    const char* y_title = "";          // the y quantity with its unit ("share right"); "log scale" is added
    const char* x_title = "";          // the x quantity with its unit, below the ticks ("sums trained")
    float y_min = 0.0f, y_max = 0.0f;  // fixed range; fitted to the data when y_min >= y_max
    bool log_y = false;                // plot log10(y): ticks at decades
    bool percent = false;              // y in 0..1 shown as 0% .. 100%
    bool x_axis = true;                // false: a chart right below shows the same x (its ticks and title)
};

// The plot area is `plot_height` pixels high; the title, legend, ticks and x title add their lines.
// Hovering shows every series' value at the nearest x. Returns true when the chart had data to draw.
bool axis_chart(const char* id, const std::vector<float>& x, const std::vector<Series>& series, float plot_height,
                const ChartAxes& axes);

// Where the x ticks go on a plot `width` pixels wide over [x0, x1]: steps of 1, 2 or 5 times a power
// of ten, about five font sizes apart; never a fraction when every x is a whole number (`whole`).
std::vector<double> chart_x_ticks(double x0, double x1, float width, float font_size, bool whole);

// Tick labels: 0.5 -> "0.5", 12000 -> "12k", 2.5e6 -> "2.5M"; log ticks 1e-3 -> "0.001", 1e-7 -> "1e-7".
void chart_tick_text(char* buf, int n, double v, bool decade);

}  // namespace carry
