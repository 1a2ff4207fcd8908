// gradients_view: gradients through time (the lecture's 7d) for the zoo's Models window: a
// log-scale plot of |dE/d state| against steps back from the last output, one curve per weight
// scale of the core net plus the LSTM, a legend with each curve's per-step factor, and the
// lecture's explanation below. See gradients_view.h.
#include "app/gradients_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/colormap.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

namespace {

constexpr int kMinLength = 4, kMaxLength = 128;

// Okabe–Ito, one colour per weight scale in order (small = blue .. big = vermillion); the LSTM
// gets purple and a thicker line.
ImU32 curve_color(const zoo::GradientCurve& c, std::size_t index) {
    if (c.lstm) return pal().purple;
    const ImU32 scale_colors[] = {pal().blue, pal().sky, pal().green, pal().yellow, pal().orange, pal().vermillion};
    return scale_colors[index % (sizeof scale_colors / sizeof scale_colors[0])];
}

// log10 of a norm, or NaN where it underflowed to 0 (the curve stops there).
double log10_norm(double n) { return n > 0.0 && std::isfinite(n) ? std::log10(n) : std::nan(""); }

// Decades between grid lines: 1, 2, 5, 10, 20, 50, ... so at most ~6 lines show.
int decade_step(double span) {
    int step = 1;
    for (int mult = 0; span / step > 6.0; ++mult)
        step = (mult % 3 == 0) ? step * 2 : (mult % 3 == 1 ? step * 5 / 2 : step * 2);
    return step;
}

// The plot rectangle and its ranges: x = steps back, y = log10 norm.
struct GradFrame {
    ImVec2 a, b;            // top-left, bottom-right of the plot area
    std::size_t steps = 1;  // 0 .. the longest curve
    double lo = 1e300, hi = -1e300;
    float px(double k) const { return a.x + static_cast<float>((b.x - a.x) * k / static_cast<double>(steps)); }
    float py(double l) const { return b.y - static_cast<float>((b.y - a.y) * (l - lo) / (hi - lo)); }
};

// Ranges: x = steps back (0 .. the longest curve), y = log10 norm over every finite point.
void gradient_ranges(const std::vector<zoo::GradientCurve>& curves, GradFrame& f) {
    std::size_t steps = 1;
    double lo = 1e300, hi = -1e300;
    for (const auto& c : curves) {
        steps = std::max(steps, c.norms.size() - 1);
        for (double n : c.norms) {
            const double l = log10_norm(n);
            if (std::isfinite(l)) lo = std::min(lo, l), hi = std::max(hi, l);
        }
    }
    if (lo > hi) lo = -1.0, hi = 1.0;
    lo = std::floor(lo);
    hi = std::ceil(hi);
    if (hi - lo < 2.0) hi = lo + 2.0;
    f.steps = steps, f.lo = lo, f.hi = hi;
}

// Grid: decades on y (1e0 drawn brighter: the size of the error at the output), steps on x; the
// axis labels.
void draw_gradient_grid(ImDrawList* dl, const GradFrame& f, ImVec2 p0) {
    const float fs = ImGui::GetFontSize();
    const ImVec2 a = f.a, b = f.b;
    char buf[48];
    const int dstep = decade_step(f.hi - f.lo);
    for (int d = static_cast<int>(std::ceil(f.lo / dstep)) * dstep; d <= f.hi; d += dstep) {
        const float y = f.py(d);
        dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), d == 0 ? pal().dim : pal().grid);
        std::snprintf(buf, sizeof buf, "1e%d", d);
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        dl->AddText(ImVec2(a.x - ts.x - 4.0f, y - ts.y * 0.5f), pal().dim, buf);
    }
    const std::size_t steps = f.steps;
    const int xstep = steps > 64 ? 16 : (steps > 32 ? 8 : (steps > 12 ? 4 : 2));
    for (std::size_t k = 0; k <= steps; k += static_cast<std::size_t>(xstep)) {
        const float x = f.px(static_cast<double>(k));
        dl->AddLine(ImVec2(x, b.y), ImVec2(x, b.y + 4.0f), pal().dim);
        std::snprintf(buf, sizeof buf, "%zu", k);
        dl->AddText(ImVec2(x - ImGui::CalcTextSize(buf).x * 0.5f, b.y + 5.0f), pal().dim, buf);
    }
    const char* xlabel = "steps back from the last output";
    dl->AddText(ImVec2((a.x + b.x - ImGui::CalcTextSize(xlabel).x) * 0.5f, b.y + fs * 1.35f), pal().dim, xlabel);
    const char* ylabel = "|dE/d state| (log scale)";
    dl->AddText(ImVec2(p0.x, p0.y), pal().dim, ylabel);
}

// The curves, clipped to the plot, each until it underflows; the LSTM's thicker.
void draw_gradient_curves(ImDrawList* dl, const GradFrame& f, const std::vector<zoo::GradientCurve>& curves) {
    dl->PushClipRect(f.a, f.b, true);
    for (std::size_t ci = 0; ci < curves.size(); ++ci) {
        const auto& c = curves[ci];
        const ImU32 col = curve_color(c, ci);
        bool have = false;
        ImVec2 prev;
        for (std::size_t k = 0; k < c.norms.size(); ++k) {
            const double l = log10_norm(c.norms[k]);
            if (!std::isfinite(l)) break;  // underflowed: nothing further back
            const ImVec2 p(f.px(static_cast<double>(k)), f.py(l));
            if (have) dl->AddLine(prev, p, col, c.lstm ? 3.0f : 2.0f);
            prev = p;
            have = true;
        }
    }
    dl->PopClipRect();
}

// Hover: every curve's norm at the nearest step back.
void draw_gradient_hover(ImDrawList* dl, const GradFrame& f, const std::vector<zoo::GradientCurve>& curves) {
    const float mx = ImGui::GetIO().MousePos.x;
    const double kf = std::clamp((mx - f.a.x) / (f.b.x - f.a.x), 0.0f, 1.0f) * static_cast<double>(f.steps);
    const auto k = static_cast<std::size_t>(std::lround(kf));
    dl->AddLine(ImVec2(f.px(static_cast<double>(k)), f.a.y), ImVec2(f.px(static_cast<double>(k)), f.b.y),
                pal().marker);
    ImGui::BeginTooltip();
    ImGui::Text("%zu steps back", k);
    for (std::size_t ci = 0; ci < curves.size(); ++ci) {
        const auto& c = curves[ci];
        if (k >= c.norms.size()) continue;
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(curve_color(c, ci)), "%s", c.label.c_str());
        ImGui::SameLine();
        ImGui::Text("%.3g", c.norms[k]);
    }
    ImGui::EndTooltip();
}

void plot(const std::vector<zoo::GradientCurve>& curves) {
    const float fs = ImGui::GetFontSize();
    const float width = std::max(ImGui::GetContentRegionAvail().x, 200.0f);
    const float height = std::clamp(ImGui::GetContentRegionAvail().y - fs * 12.0f, fs * 12.0f, fs * 24.0f);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("gradients_plot", ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float left = fs * 4.2f, bottom = fs * 2.6f, top = fs * 1.6f;  // y label above the plot
    GradFrame f;
    f.a = ImVec2(p0.x + left, p0.y + top);
    f.b = ImVec2(p0.x + width - fs * 0.5f, p0.y + height - bottom);
    dl->AddRectFilled(f.a, f.b, pal().plot_bg);
    gradient_ranges(curves, f);
    draw_gradient_grid(dl, f, p0);
    draw_gradient_curves(dl, f, curves);
    if (hovered) draw_gradient_hover(dl, f, curves);
}

void legend(const std::vector<zoo::GradientCurve>& curves) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    for (std::size_t ci = 0; ci < curves.size(); ++ci) {
        const auto& c = curves[ci];
        const ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(ImVec2(p.x, p.y + fs * 0.3f),
                          ImVec2(p.x + fs * 1.4f, p.y + fs * 0.3f + (c.lstm ? 4.0f : 3.0f)), curve_color(c, ci));
        ImGui::Dummy(ImVec2(fs * 1.6f, fs));
        ImGui::SameLine();
        ImGui::Text("%s: %s", c.label.c_str(), zoo::describe_factor(c.factor).c_str());
    }
}

}  // namespace

void GradientsView::refresh() {
    length = std::clamp(length, kMinLength, kMaxLength);
    seed = std::max(seed, 1);
    hidden = std::clamp(hidden, kMinHidden, kMaxHidden);
    if (length == cached_length && seed == cached_seed && hidden == cached_hidden && centred == cached_centred &&
        !curves.empty())
        return;
    zoo::GradientsConfig cfg;
    cfg.bits = length;
    cfg.seed = static_cast<std::uint64_t>(seed);
    cfg.rnn_hidden = hidden;
    cfg.centred = centred;
    curves = zoo::gradient_curves(cfg);
    cached_length = length;
    cached_seed = seed;
    cached_hidden = hidden;
    cached_centred = centred;
}

void GradientsView::draw() {
    ImGui::PushID("gradients_view");
    const float fs = ImGui::GetFontSize();
    // Labels before their widgets, as a sentence reads.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("length");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 8);
    ImGui::SliderInt("##length", &length, kMinLength, kMaxLength, "%d bits");
    tooltip(
        "Bits per number of the sum the error is sent back through: the curve runs over that many "
        "columns plus one. Each column is one step back in time, one more layer of the unrolled net.");
    ImGui::SameLine();
    ImGui::TextUnformatted("seed");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 6);
    ImGui::InputInt("##seed", &seed);
    tooltip(
        "Seeds the weights of every net and the random sum. Every weight scale uses the same draw, "
        "so the curves differ only by how big the weights are.");
    ImGui::SameLine();
    ImGui::TextUnformatted("hidden units");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 6);
    ImGui::SliderInt("##hidden", &hidden, kMinHidden, kMaxHidden);
    tooltip("Hidden units of the recurrent net (the lecture's adder has 3). The LSTM keeps its 4 memory cells.");
    ImGui::SameLine();
    ImGui::Checkbox("centred", &centred);
    tooltip(
        "Set each hidden unit's bias so it sits at its steepest slope (input 0) when every activity is 0.5. "
        "Big weights otherwise push the logistic units into saturation, where their slope is almost 0.");
    refresh();

    plot(curves);
    legend(curves);
    ImGui::Spacing();
    ImGui::TextWrapped(
        "The backward pass is linear: each step back multiplies the error derivative by the recurrent weights "
        "and the units' slopes, so with small weights it shrinks exponentially and with big weights it can grow "
        "exponentially, but big weights also saturate logistic units and leave them no slope (try 16 hidden units, "
        "centred, to see it explode), while the LSTM's memory cell is kept by multiplying by its keep gate, so "
        "along the cell the derivative fades only as fast as the keep gate lets it.");
    ImGui::PopID();
}

}  // namespace carry
