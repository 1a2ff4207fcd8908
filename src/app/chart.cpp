// chart: line charts with titled axes (see chart.h).
#include "app/chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/colormap.h"

namespace carry {

namespace {

float tr(float v, bool log_y) { return log_y ? std::log10(std::max(v, 1e-30f)) : v; }

// A step of 1, 2 or 5 times a power of ten giving about `want` intervals over `span`.
double nice_step(double span, double want) {
    const double raw = span / want;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    const double m = raw / p;
    return (m < 1.5 ? 1.0 : m < 3.5 ? 2.0 : m < 7.5 ? 5.0 : 10.0) * p;
}

// The plot rectangle and its ranges: where a value lands on screen.
struct PlotFrame {
    ImVec2 a, b;           // top-left, bottom-right of the plot area
    float x0, x1;          // x range
    bool x_whole = false;  // every x is a whole number (lags, lengths, steps): no tick between two
    double lo, hi;         // y range (log10 on a log scale)
    float px(double xv) const { return a.x + (b.x - a.x) * static_cast<float>((xv - x0) / (x1 - x0)); }
    float py(double t) const { return b.y - (b.y - a.y) * static_cast<float>((t - lo) / (hi - lo)); }
};

// Where each legend entry goes (it wraps); `legend_h` gets the height of its lines.
std::vector<ImVec2> legend_layout(const std::vector<Series>& series, float left, float width, float swatch, float gap,
                                  float line, float& legend_h) {
    std::vector<ImVec2> legend_at;
    float lx = 0.0f, ly = 0.0f;
    for (const Series& s : series) {
        const float item = swatch + 4.0f + ImGui::CalcTextSize(s.name).x;
        if (lx > 0.0f && left + lx + item > width) {
            lx = 0.0f;
            ly += line;
        }
        legend_at.emplace_back(lx, ly);
        lx += item + gap;
    }
    legend_h = series.empty() ? 0.0f : ly + line;
    return legend_at;
}

// Title, then the y quantity (dim), "log scale" said where it is one; the legend; the x title.
void draw_titles(ImDrawList* dl, ImVec2 p0, ImVec2 a, ImVec2 b, const std::vector<Series>& series,
                 const std::vector<ImVec2>& legend_at, float swatch, const ChartAxes& axes) {
    const float fs = ImGui::GetFontSize(), line = ImGui::GetTextLineHeight();
    dl->AddText(p0, pal().text, axes.title);
    std::string ytitle = axes.y_title;
    if (axes.log_y) ytitle += ytitle.empty() ? "log scale" : ", log scale";
    if (!ytitle.empty()) {
        const std::string t = "  " + ytitle;
        dl->AddText(ImVec2(p0.x + ImGui::CalcTextSize(axes.title).x, p0.y), pal().dim, t.c_str());
    }
    for (std::size_t i = 0; i < series.size(); ++i) {
        const ImVec2 q(a.x + legend_at[i].x, p0.y + line + legend_at[i].y);
        dl->AddRectFilled(ImVec2(q.x, q.y + line * 0.5f - 2.0f), ImVec2(q.x + swatch, q.y + line * 0.5f + 2.0f),
                          series[i].color);
        dl->AddText(ImVec2(q.x + swatch + 4.0f, q.y), pal().text_soft, series[i].name);
    }
    const char* xt = axes.x_title;
    if (axes.x_axis)
        dl->AddText(ImVec2((a.x + b.x - ImGui::CalcTextSize(xt).x) * 0.5f, b.y + line + fs * 0.2f), pal().dim, xt);
}

// The most points any series has with a finite value (and > 0 on a log scale).
std::size_t measured_points(const std::vector<float>& x, const std::vector<Series>& series, bool log_y) {
    std::size_t measured = 0;
    for (const Series& s : series) {
        std::size_t k = 0;
        for (std::size_t i = 0; i < std::min(x.size(), s.y->size()); ++i)
            if (std::isfinite((*s.y)[i]) && (!log_y || (*s.y)[i] > 0)) ++k;
        measured = std::max(measured, k);
    }
    return measured;
}

// The x range from the data, the y range from the axes or (when they give none) from the data.
void data_ranges(const std::vector<float>& x, const std::vector<Series>& series, const ChartAxes& axes, PlotFrame& f) {
    f.x0 = x.front(), f.x1 = x.back();
    if (f.x1 <= f.x0) f.x1 = f.x0 + 1.0f;
    f.x_whole = std::all_of(x.begin(), x.end(), [](float v) { return v == std::floor(v); });
    double lo = tr(axes.y_min, axes.log_y), hi = tr(axes.y_max, axes.log_y);
    if (axes.y_min >= axes.y_max) {
        lo = 1e30;
        hi = -1e30;
        for (const Series& s : series)
            for (float v : *s.y)
                if (std::isfinite(v) && (!axes.log_y || v > 0))
                    lo = std::min(lo, double(tr(v, axes.log_y))), hi = std::max(hi, double(tr(v, axes.log_y)));
        if (axes.log_y) {
            lo = std::floor(lo);
            hi = std::ceil(hi);
        }
        if (hi - lo < 1e-6) {
            lo -= 0.5;
            hi += 0.5;
        }
    }
    f.lo = lo;
    f.hi = hi;
}

// Ticks: decades on a log scale, 1-2-5 steps otherwise; x in 1-2-5 steps (whole ones for whole x).
void draw_ticks(ImDrawList* dl, const PlotFrame& f, const ChartAxes& axes) {
    const float fs = ImGui::GetFontSize(), line = ImGui::GetTextLineHeight();
    const ImVec2 a = f.a, b = f.b;
    const double lo = f.lo, hi = f.hi;
    char buf[32];
    const double rows =
        std::clamp(std::floor((b.y - a.y) / (line * 1.6f)), 1.0f, 5.0f);  // tick labels that do not crowd
    const double ystep = axes.log_y ? std::max(1.0, std::ceil((hi - lo) / rows)) : nice_step(hi - lo, rows);
    for (double t = std::ceil(lo / ystep - 1e-9) * ystep; t <= hi + 1e-9; t += ystep) {
        if (std::fabs(t) < 1e-9 * ystep) t = 0.0;  // no "-0%"
        const float y = f.py(t);
        dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), pal().grid);
        if (axes.percent)
            std::snprintf(buf, sizeof buf, "%.0f%%", t * 100.0);
        else
            chart_tick_text(buf, sizeof buf, t, axes.log_y);
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        dl->AddText(ImVec2(a.x - ts.x - 4.0f, std::clamp(y - ts.y * 0.5f, a.y - 2.0f, b.y - ts.y + 2.0f)), pal().dim,
                    buf);
    }
    float last_right = -1e9f;
    for (const double t : chart_x_ticks(f.x0, f.x1, b.x - a.x, fs, f.x_whole)) {
        const float xp = f.px(t);
        chart_tick_text(buf, sizeof buf, t, false);
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        const float lxp = std::clamp(xp - ts.x * 0.5f, a.x - 2.0f, b.x - ts.x);
        if (lxp < last_right + fs * 0.5f) continue;
        if (!axes.x_axis) {  // the shared x: grid lines only
            dl->AddLine(ImVec2(xp, a.y), ImVec2(xp, b.y), pal().grid);
            continue;
        }
        dl->AddLine(ImVec2(xp, b.y), ImVec2(xp, b.y + 4.0f), pal().dim);
        dl->AddText(ImVec2(lxp, b.y + 3.0f), pal().dim, buf);
        last_right = lxp + ts.x;
    }
}

// The curves, clipped to the plot; a lone point is a dot.
void draw_curves(ImDrawList* dl, const PlotFrame& f, const std::vector<float>& x, const std::vector<Series>& series,
                 bool log_y) {
    dl->PushClipRect(f.a, f.b, true);
    for (const Series& s : series) {
        const std::vector<float>& y = *s.y;
        const std::size_t n = std::min(x.size(), y.size());
        bool have = false;
        ImVec2 prev;
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(y[i]) || (log_y && y[i] <= 0)) {
                have = false;
                continue;
            }
            const ImVec2 p(f.px(x[i]), f.py(tr(y[i], log_y)));
            if (have)
                dl->AddLine(prev, p, s.color, 2.0f);
            else if (i + 1 == n || !std::isfinite(y[i + 1]))
                dl->AddCircleFilled(p, 2.5f, s.color);
            prev = p;
            have = true;
        }
    }
    dl->PopClipRect();
}

// The hover line at the nearest x, and a tooltip with every series' value there.
void draw_hover(ImDrawList* dl, const PlotFrame& f, const std::vector<float>& x, const std::vector<Series>& series,
                const ChartAxes& axes) {
    const float mx = ImGui::GetIO().MousePos.x;
    const double xv = f.x0 + (mx - f.a.x) / (f.b.x - f.a.x) * (f.x1 - f.x0);
    std::size_t best = 0;
    for (std::size_t i = 1; i < x.size(); ++i)
        if (std::fabs(x[i] - xv) < std::fabs(x[best] - xv)) best = i;
    dl->AddLine(ImVec2(f.px(x[best]), f.a.y), ImVec2(f.px(x[best]), f.b.y), pal().marker);
    ImGui::BeginTooltip();
    ImGui::Text("%s: %.0f", axes.x_title, static_cast<double>(x[best]));
    for (const Series& s : series)
        if (best < s.y->size()) {
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.color), "%s", s.name);
            ImGui::SameLine();
            const double v = (*s.y)[best];
            if (axes.percent)
                ImGui::Text("%.1f%%", v * 100.0);
            else
                ImGui::Text("%.4g", v);
        }
    ImGui::EndTooltip();
}

}  // namespace

std::vector<double> chart_x_ticks(double x0, double x1, float width, float font_size, bool whole) {
    double step = nice_step(x1 - x0, std::max(2.0, std::floor(width / (font_size * 5.0))));
    if (whole) step = std::max(1.0, step);  // a lag of 1.5 columns means nothing
    std::vector<double> ticks;
    for (double t = std::ceil(x0 / step - 1e-9) * step; t <= x1 + 1e-9 * step; t += step) ticks.push_back(t);
    return ticks;
}

void chart_tick_text(char* buf, int n, double v, bool decade) {
    const auto size = static_cast<std::size_t>(n);
    if (decade) {  // v is the exponent
        const int e = static_cast<int>(std::lround(v));
        if (e >= -3 && e <= 3)
            std::snprintf(buf, size, "%g", std::pow(10.0, e));
        else
            std::snprintf(buf, size, "1e%d", e);
        return;
    }
    const double a = std::fabs(v);
    if (a >= 1e6)
        std::snprintf(buf, size, "%gM", v / 1e6);
    else if (a >= 1e4)
        std::snprintf(buf, size, "%gk", v / 1e3);
    else
        std::snprintf(buf, size, "%g", std::fabs(v) < 1e-12 ? 0.0 : v);
}

bool axis_chart(const char* id, const std::vector<float>& x, const std::vector<Series>& series, float plot_height,
                const ChartAxes& axes) {
    ImGui::PushID(id);
    const float fs = ImGui::GetFontSize(), line = ImGui::GetTextLineHeight();
    const float width = std::max(ImGui::GetContentRegionAvail().x, 120.0f);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();

    // Legend layout first: it wraps, and the plot goes below however many lines it takes.
    const float swatch = fs * 0.8f, gap = fs * 0.9f;
    const float left = fs * 3.0f;  // room for the y tick labels
    float legend_h = 0.0f;
    const std::vector<ImVec2> legend_at = legend_layout(series, left, width, swatch, gap, line, legend_h);
    const float top = line + legend_h + fs * 0.3f;                           // title line, legend lines
    const float bottom = axes.x_axis ? line * 2.0f + fs * 0.3f : fs * 0.5f;  // tick labels, x title
    const float height = top + plot_height + bottom;
    ImGui::InvisibleButton("chart", ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    PlotFrame f{};
    f.a = ImVec2(p0.x + left, p0.y + top);
    f.b = ImVec2(p0.x + width - fs * 0.5f, p0.y + top + plot_height);
    dl->AddRectFilled(f.a, f.b, pal().plot_bg);
    draw_titles(dl, p0, f.a, f.b, series, legend_at, swatch, axes);

    // A curve needs two points to be a curve.
    const std::size_t measured = measured_points(x, series, axes.log_y);
    if (measured < 2) {
        const char* msg = measured == 0 ? "nothing measured yet" : "one point so far: a curve needs two";
        const ImVec2 ts = ImGui::CalcTextSize(msg);
        dl->AddText(ImVec2((f.a.x + f.b.x - ts.x) * 0.5f, (f.a.y + f.b.y - ts.y) * 0.5f), pal().dim, msg);
        ImGui::PopID();
        return false;
    }

    data_ranges(x, series, axes, f);
    draw_ticks(dl, f, axes);
    draw_curves(dl, f, x, series, axes.log_y);
    if (hovered) draw_hover(dl, f, x, series, axes);
    ImGui::PopID();
    return true;
}

}  // namespace carry
