// widgets: tooltips, rect recording, line charts.
#include "app/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/colormap.h"

namespace carry {

void tooltip(const char* text) {
  if (!ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
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
  r.x0 = min.x; r.y0 = min.y; r.x1 = max.x; r.y1 = max.y;
  r.drawn = true;
}

void record_rect(UiRect& r) { record_rect(r, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()); }

namespace {
float tr(float v, bool log_y) { return log_y ? std::log10(std::max(v, 1e-12f)) : v; }
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
  const ImVec2 a(p0.x + left, p0.y + top), b(p0.x + width - 6.0f, p0.y + height - bottom);
  dl->AddRectFilled(a, b, IM_COL32(22, 25, 33, 255));

  // Ranges.
  float x0 = x.empty() ? 0.0f : x.front(), x1 = x.empty() ? 1.0f : x.back();
  if (x1 <= x0) x1 = x0 + 1.0f;
  float lo = tr(y_min, log_y), hi = tr(y_max, log_y);
  if (y_min >= y_max) {
    lo = 1e30f; hi = -1e30f;
    for (const Series& s : series)
      for (float v : *s.y)
        if (std::isfinite(v) && (!log_y || v > 0)) lo = std::min(lo, tr(v, log_y)), hi = std::max(hi, tr(v, log_y));
    if (lo > hi) lo = 0, hi = 1;
    if (hi - lo < 1e-6f) hi = lo + 1.0f;
  }
  auto px = [&](float xv) { return a.x + (b.x - a.x) * (xv - x0) / (x1 - x0); };
  auto py = [&](float yv) { return b.y - (b.y - a.y) * (tr(yv, log_y) - lo) / (hi - lo); };

  // Axis labels: top and bottom values.
  char buf[64];
  auto fmt = [&](float t) {
    const float v = log_y ? std::pow(10.0f, t) : t;
    std::snprintf(buf, sizeof buf, (std::fabs(v) >= 100 || (std::fabs(v) < 0.01f && v != 0)) ? "%.0e" : "%.2g", v);
    return buf;
  };
  if (x.empty()) {  // before the first measurement: say so instead of an axis of made-up values
    const char* msg = "nothing measured yet";
    const ImVec2 ts = ImGui::CalcTextSize(msg);
    dl->AddText(ImVec2((a.x + b.x - ts.x) * 0.5f, (a.y + b.y - ts.y) * 0.5f), kColDim, msg);
  } else {
    dl->AddText(ImVec2(p0.x + 2, a.y), kColDim, fmt(hi));
    dl->AddText(ImVec2(p0.x + 2, b.y - ImGui::GetTextLineHeight() + 2), kColDim, fmt(lo));
    dl->AddLine(ImVec2(a.x, (a.y + b.y) * 0.5f), ImVec2(b.x, (a.y + b.y) * 0.5f), kColGrid);
  }

  dl->PushClipRect(a, b, true);
  for (const Series& s : series) {
    const std::vector<float>& y = *s.y;
    const std::size_t n = std::min(x.size(), y.size());
    bool have = false;
    ImVec2 prev;
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(y[i]) || (log_y && y[i] <= 0)) { have = false; continue; }
      const ImVec2 p(px(x[i]), py(y[i]));
      if (have) dl->AddLine(prev, p, s.color, 2.0f);
      else if (n == 1 || i + 1 == n || !std::isfinite(y[i + 1])) dl->AddCircleFilled(p, 2.5f, s.color);
      prev = p;
      have = true;
    }
  }
  dl->PopClipRect();

  // Hover: values at the nearest sample.
  if (hovered && !x.empty()) {
    const float mx = ImGui::GetIO().MousePos.x;
    const float xv = x0 + (mx - a.x) / (b.x - a.x) * (x1 - x0);
    std::size_t best = 0;
    for (std::size_t i = 1; i < x.size(); ++i)
      if (std::fabs(x[i] - xv) < std::fabs(x[best] - xv)) best = i;
    dl->AddLine(ImVec2(px(x[best]), a.y), ImVec2(px(x[best]), b.y), IM_COL32(255, 255, 255, 90));
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
  float lx = a.x;
  const float ly = p0.y + 1;
  for (const Series& s : series) {
    dl->AddRectFilled(ImVec2(lx, ly + 5), ImVec2(lx + 10, ly + 11), s.color);
    dl->AddText(ImVec2(lx + 13, ly), IM_COL32(220, 220, 220, 255), s.name);
    lx += 13 + ImGui::CalcTextSize(s.name).x + 12;
  }
  ImGui::PopID();
}

}  // namespace carry
