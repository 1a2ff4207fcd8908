// widgets: tooltips, rect recording, line charts.
#include "app/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/colormap.h"

namespace carry {

namespace {
std::string g_tooltip_text;  // the tooltip shown in frame g_tooltip_frame (tooltip_shown())
int g_tooltip_frame = -1;
}  // namespace

const char* tooltip_shown() {
    return ImGui::GetCurrentContext() && g_tooltip_frame == ImGui::GetFrameCount() ? g_tooltip_text.c_str() : "";
}

void tooltip(const char* text) {
    if (!ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
    g_tooltip_text = text;
    g_tooltip_frame = ImGui::GetFrameCount();
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

bool panel_header(const char* label, const char* tip, bool default_open) {
    const bool open = ImGui::CollapsingHeader(label, default_open ? ImGuiTreeNodeFlags_DefaultOpen : 0);
    tooltip(tip);
    return open;
}

void same_line_if_fits(float width) {
    const float right = ImGui::GetWindowContentRegionMax().x + ImGui::GetWindowPos().x;
    const float x = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
    if (x + width <= right) ImGui::SameLine();
}

void record_rect(UiRect& r, ImVec2 min, ImVec2 max) {
    r.x0 = min.x;
    r.y0 = min.y;
    r.x1 = max.x;
    r.y1 = max.y;
    r.drawn = true;
}

void record_rect(UiRect& r) { record_rect(r, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()); }

namespace {
float tr(float v, bool log_y) { return log_y ? std::log10(std::max(v, 1e-12f)) : v; }

// The plot rectangle and its ranges: where a sample lands on screen.
struct LineFrame {
    ImVec2 a, b;   // top-left, bottom-right of the plot area
    float x0, x1;  // x range
    float lo, hi;  // y range (log10 on a log scale)
    bool log_y;
    float px(float xv) const { return a.x + (b.x - a.x) * (xv - x0) / (x1 - x0); }
    float py(float yv) const { return b.y - (b.y - a.y) * (tr(yv, log_y) - lo) / (hi - lo); }
};

// The x range from the data, the y range from y_min..y_max or (when they give none) from the data.
void line_ranges(const std::vector<float>& x, const std::vector<Series>& series, float y_min, float y_max,
                 LineFrame& f) {
    const bool log_y = f.log_y;
    float x0 = x.empty() ? 0.0f : x.front(), x1 = x.empty() ? 1.0f : x.back();
    if (x1 <= x0) x1 = x0 + 1.0f;
    float lo = tr(y_min, log_y), hi = tr(y_max, log_y);
    if (y_min >= y_max) {
        lo = 1e30f;
        hi = -1e30f;
        for (const Series& s : series)
            for (float v : *s.y)
                if (std::isfinite(v) && (!log_y || v > 0))
                    lo = std::min(lo, tr(v, log_y)), hi = std::max(hi, tr(v, log_y));
        if (lo > hi) lo = 0, hi = 1;
        if (hi - lo < 1e-6f) hi = lo + 1.0f;
    }
    f.x0 = x0, f.x1 = x1, f.lo = lo, f.hi = hi;
}

// Axis labels: top and bottom values, or "nothing measured yet" before the first measurement.
void draw_end_labels(ImDrawList* dl, const LineFrame& f, ImVec2 p0, bool empty) {
    const ImVec2 a = f.a, b = f.b;
    char buf[64];
    auto fmt = [&](float t) {
        const float v = f.log_y ? std::pow(10.0f, t) : t;
        std::snprintf(buf, sizeof buf, (std::fabs(v) >= 100 || (std::fabs(v) < 0.01f && v != 0)) ? "%.0e" : "%.2g", v);
        return buf;
    };
    if (empty) {  // before the first measurement: say so instead of an axis of made-up values
        const char* msg = "nothing measured yet";
        const ImVec2 ts = ImGui::CalcTextSize(msg);
        dl->AddText(ImVec2((a.x + b.x - ts.x) * 0.5f, (a.y + b.y - ts.y) * 0.5f), pal().dim, msg);
    } else {
        dl->AddText(ImVec2(p0.x + 2, a.y), pal().dim, fmt(f.hi));
        dl->AddText(ImVec2(p0.x + 2, b.y - ImGui::GetTextLineHeight() + 2), pal().dim, fmt(f.lo));
        dl->AddLine(ImVec2(a.x, (a.y + b.y) * 0.5f), ImVec2(b.x, (a.y + b.y) * 0.5f), pal().grid);
    }
}

// The lines, clipped to the plot; a lone sample is a dot.
void draw_lines(ImDrawList* dl, const LineFrame& f, const std::vector<float>& x, const std::vector<Series>& series) {
    dl->PushClipRect(f.a, f.b, true);
    for (const Series& s : series) {
        const std::vector<float>& y = *s.y;
        const std::size_t n = std::min(x.size(), y.size());
        bool have = false;
        ImVec2 prev;
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(y[i]) || (f.log_y && y[i] <= 0)) {
                have = false;
                continue;
            }
            const ImVec2 p(f.px(x[i]), f.py(y[i]));
            if (have)
                dl->AddLine(prev, p, s.color, 2.0f);
            else if (n == 1 || i + 1 == n || !std::isfinite(y[i + 1]))
                dl->AddCircleFilled(p, 2.5f, s.color);
            prev = p;
            have = true;
        }
    }
    dl->PopClipRect();
}

// Hover: values at the nearest sample.
void draw_line_hover(ImDrawList* dl, const LineFrame& f, const std::vector<float>& x, const std::vector<Series>& series,
                     const char* x_label) {
    const float mx = ImGui::GetIO().MousePos.x;
    const float xv = f.x0 + (mx - f.a.x) / (f.b.x - f.a.x) * (f.x1 - f.x0);
    std::size_t best = 0;
    for (std::size_t i = 1; i < x.size(); ++i)
        if (std::fabs(x[i] - xv) < std::fabs(x[best] - xv)) best = i;
    dl->AddLine(ImVec2(f.px(x[best]), f.a.y), ImVec2(f.px(x[best]), f.b.y), pal().marker);
    ImGui::BeginTooltip();
    ImGui::Text("%s %.0f", x_label, static_cast<double>(x[best]));
    for (const Series& s : series)
        if (best < s.y->size()) {
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.color), "%s", s.name);
            ImGui::SameLine();
            ImGui::Text("%.4g", static_cast<double>((*s.y)[best]));
        }
    ImGui::EndTooltip();
}

// Legend in one line, above the plot.
void draw_line_legend(ImDrawList* dl, float lx, float ly, const std::vector<Series>& series) {
    for (const Series& s : series) {
        dl->AddRectFilled(ImVec2(lx, ly + 5), ImVec2(lx + 10, ly + 11), s.color);
        dl->AddText(ImVec2(lx + 13, ly), pal().text_soft, s.name);
        lx += 13 + ImGui::CalcTextSize(s.name).x + 12;
    }
}
}  // namespace

void line_chart(const char* id, const std::vector<float>& x, const std::vector<Series>& series, float height,
                float y_min, float y_max, bool log_y, const char* x_label) {
    ImGui::PushID(id);
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("chart", ImVec2(std::max(width, 50.0f), height));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float left = 46.0f, bottom = 4.0f, top = ImGui::GetTextLineHeight() + 4.0f;  // legend above the plot
    LineFrame f{};
    f.a = ImVec2(p0.x + left, p0.y + top);
    f.b = ImVec2(p0.x + width - 6.0f, p0.y + height - bottom);
    f.log_y = log_y;
    dl->AddRectFilled(f.a, f.b, pal().plot_bg);
    line_ranges(x, series, y_min, y_max, f);
    draw_end_labels(dl, f, p0, x.empty());
    draw_lines(dl, f, x, series);
    if (hovered && !x.empty()) draw_line_hover(dl, f, x, series, x_label);
    draw_line_legend(dl, f.a.x, p0.y + 1, series);
    ImGui::PopID();
}

}  // namespace carry
