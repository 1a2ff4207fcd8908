// colormap: viridis for activities, blue–grey–orange for weights, with legends.
#include "app/colormap.h"

#include <cmath>
#include <cstdio>

namespace carry {
namespace {

// Viridis sampled at 9 evenly spaced points (matplotlib's table), linearly interpolated.
constexpr float kViridis[9][3] = {
    {0.267f, 0.005f, 0.329f}, {0.279f, 0.175f, 0.483f}, {0.230f, 0.322f, 0.546f},
    {0.173f, 0.449f, 0.558f}, {0.128f, 0.567f, 0.551f}, {0.153f, 0.683f, 0.502f},
    {0.360f, 0.785f, 0.388f}, {0.667f, 0.862f, 0.196f}, {0.993f, 0.906f, 0.144f},
};

ImU32 rgb(float r, float g, float b, float a) {
    return IM_COL32(static_cast<int>(r * 255.0f + 0.5f), static_cast<int>(g * 255.0f + 0.5f),
                    static_cast<int>(b * 255.0f + 0.5f), static_cast<int>(a * 255.0f + 0.5f));
}

constexpr float kNeg[3] = {0.22f, 0.55f, 0.95f};   // blue
constexpr float kPos[3] = {1.00f, 0.60f, 0.10f};   // orange
constexpr float kZero[3] = {0.36f, 0.38f, 0.42f};  // grey

}  // namespace

ImU32 activity_color(double t, float alpha) {
    if (!std::isfinite(t)) return IM_COL32(128, 128, 128, static_cast<int>(alpha * 255));
    const double c = t < 0 ? 0 : t > 1 ? 1 : t;
    const double x = c * 8.0;
    int i = static_cast<int>(x);
    if (i > 7) i = 7;
    const float f = static_cast<float>(x - i);
    const float* a = kViridis[i];
    const float* b = kViridis[i + 1];
    return rgb(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f, alpha);
}

ImU32 activity_text_color(double t) {
    return (std::isfinite(t) && t > 0.55) ? IM_COL32(20, 20, 30, 255) : IM_COL32(240, 240, 240, 255);
}

ImU32 weight_color(double w, double w_max, float alpha) {
    if (!std::isfinite(w)) return IM_COL32(255, 0, 255, static_cast<int>(alpha * 255));
    double t = w_max > 0 ? std::fabs(w) / w_max : 0.0;
    t = t > 1 ? 1 : t;
    t = std::sqrt(t);  // small weights still show their sign
    const float f = static_cast<float>(t);
    const float* e = w < 0 ? kNeg : kPos;
    return rgb(kZero[0] + (e[0] - kZero[0]) * f, kZero[1] + (e[1] - kZero[1]) * f, kZero[2] + (e[2] - kZero[2]) * f,
               alpha);
}

float weight_thickness(double w, double w_max, float max_px) {
    if (!std::isfinite(w) || w_max <= 0) return 1.0f;
    double t = std::fabs(w) / w_max;
    t = t > 1 ? 1 : t;
    return 1.0f + (max_px - 1.0f) * static_cast<float>(t);
}

namespace {
void legend_bar(const char* left, const char* right, const char* label, ImU32 (*color)(double, void*), void* ctx) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = ImGui::GetTextLineHeight();
    const float w = 120.0f;
    ImGui::TextDisabled("%s", label);
    ImGui::SameLine();
    ImGui::TextUnformatted(left);
    ImGui::SameLine();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    constexpr int kSteps = 24;
    for (int i = 0; i < kSteps; ++i) {
        const double t = (i + 0.5) / kSteps;
        dl->AddRectFilled(ImVec2(p.x + w * static_cast<float>(i) / kSteps, p.y + 3),
                          ImVec2(p.x + w * static_cast<float>(i + 1) / kSteps + 0.5f, p.y + h - 3), color(t, ctx));
    }
    ImGui::Dummy(ImVec2(w, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(right);
}
ImU32 act_fn(double t, void*) { return activity_color(t); }
ImU32 weight_fn(double t, void* ctx) {
    const double wmax = *static_cast<double*>(ctx);
    return weight_color((t * 2.0 - 1.0) * wmax, wmax);
}
}  // namespace

void draw_activity_legend(const char* label) { legend_bar("0", "1", label, act_fn, nullptr); }

void draw_weight_legend(double w_max) {
    char lo[32], hi[32];
    std::snprintf(lo, sizeof lo, "%+.3g", -w_max);
    std::snprintf(hi, sizeof hi, "%+.3g", w_max);
    legend_bar(lo, hi, "weight", weight_fn, &w_max);
}

}  // namespace carry
