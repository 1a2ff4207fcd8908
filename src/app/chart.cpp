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

}  // namespace

void chart_tick_text(char* buf, int n, double v, bool decade) {
  const auto size = static_cast<std::size_t>(n);
  if (decade) {  // v is the exponent
    const int e = static_cast<int>(std::lround(v));
    if (e >= -3 && e <= 3) std::snprintf(buf, size, "%g", std::pow(10.0, e));
    else std::snprintf(buf, size, "1e%d", e);
    return;
  }
  const double a = std::fabs(v);
  if (a >= 1e6) std::snprintf(buf, size, "%gM", v / 1e6);
  else if (a >= 1e4) std::snprintf(buf, size, "%gk", v / 1e3);
  else std::snprintf(buf, size, "%g", std::fabs(v) < 1e-12 ? 0.0 : v);
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
  std::vector<ImVec2> legend_at;
  float lx = 0.0f, ly = 0.0f;
  for (const Series& s : series) {
    const float item = swatch + 4.0f + ImGui::CalcTextSize(s.name).x;
    if (lx > 0.0f && left + lx + item > width) { lx = 0.0f; ly += line; }
    legend_at.emplace_back(lx, ly);
    lx += item + gap;
  }
  const float legend_h = series.empty() ? 0.0f : ly + line;
  const float top = line + legend_h + fs * 0.3f;          // title line, legend lines
  const float bottom = axes.x_axis ? line * 2.0f + fs * 0.3f : fs * 0.5f;  // tick labels, x title
  const float height = top + plot_height + bottom;
  ImGui::InvisibleButton("chart", ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 a(p0.x + left, p0.y + top), b(p0.x + width - fs * 0.5f, p0.y + top + plot_height);
  dl->AddRectFilled(a, b, IM_COL32(22, 25, 33, 255));

  // Title, then the y quantity (dim), "log scale" said where it is one.
  dl->AddText(p0, IM_COL32(235, 235, 235, 255), axes.title);
  std::string ytitle = axes.y_title;
  if (axes.log_y) ytitle += ytitle.empty() ? "log scale" : ", log scale";
  if (!ytitle.empty()) {
    const std::string t = "  " + ytitle;
    dl->AddText(ImVec2(p0.x + ImGui::CalcTextSize(axes.title).x, p0.y), kColDim, t.c_str());
  }
  for (std::size_t i = 0; i < series.size(); ++i) {
    const ImVec2 q(a.x + legend_at[i].x, p0.y + line + legend_at[i].y);
    dl->AddRectFilled(ImVec2(q.x, q.y + line * 0.5f - 2.0f), ImVec2(q.x + swatch, q.y + line * 0.5f + 2.0f), series[i].color);
    dl->AddText(ImVec2(q.x + swatch + 4.0f, q.y), IM_COL32(220, 220, 220, 255), series[i].name);
  }
  const char* xt = axes.x_title;
  if (axes.x_axis) dl->AddText(ImVec2((a.x + b.x - ImGui::CalcTextSize(xt).x) * 0.5f, b.y + line + fs * 0.2f), kColDim, xt);

  // Points with a finite value (and > 0 on a log scale): a curve needs two to be a curve.
  std::size_t measured = 0;
  for (const Series& s : series) {
    std::size_t k = 0;
    for (std::size_t i = 0; i < std::min(x.size(), s.y->size()); ++i)
      if (std::isfinite((*s.y)[i]) && (!axes.log_y || (*s.y)[i] > 0)) ++k;
    measured = std::max(measured, k);
  }
  if (measured < 2) {
    const char* msg = measured == 0 ? "nothing measured yet" : "one point so far: a curve needs two";
    const ImVec2 ts = ImGui::CalcTextSize(msg);
    dl->AddText(ImVec2((a.x + b.x - ts.x) * 0.5f, (a.y + b.y - ts.y) * 0.5f), kColDim, msg);
    ImGui::PopID();
    return false;
  }

  // Ranges.
  float x0 = x.front(), x1 = x.back();
  if (x1 <= x0) x1 = x0 + 1.0f;
  double lo = tr(axes.y_min, axes.log_y), hi = tr(axes.y_max, axes.log_y);
  if (axes.y_min >= axes.y_max) {
    lo = 1e30; hi = -1e30;
    for (const Series& s : series)
      for (float v : *s.y)
        if (std::isfinite(v) && (!axes.log_y || v > 0)) lo = std::min(lo, double(tr(v, axes.log_y))), hi = std::max(hi, double(tr(v, axes.log_y)));
    if (axes.log_y) { lo = std::floor(lo); hi = std::ceil(hi); }
    if (hi - lo < 1e-6) { lo -= 0.5; hi += 0.5; }
  }
  auto px = [&](double xv) { return a.x + (b.x - a.x) * static_cast<float>((xv - x0) / (x1 - x0)); };
  auto py = [&](double t) { return b.y - (b.y - a.y) * static_cast<float>((t - lo) / (hi - lo)); };

  // Ticks: decades on a log scale, 1-2-5 steps otherwise; x in 1-2-5 steps.
  char buf[32];
  const double rows = std::clamp(std::floor((b.y - a.y) / (line * 1.6f)), 1.0f, 5.0f);  // tick labels that do not crowd
  const double ystep = axes.log_y ? std::max(1.0, std::ceil((hi - lo) / rows)) : nice_step(hi - lo, rows);
  for (double t = std::ceil(lo / ystep - 1e-9) * ystep; t <= hi + 1e-9; t += ystep) {
    if (std::fabs(t) < 1e-9 * ystep) t = 0.0;  // no "-0%"
    const float y = py(t);
    dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), kColGrid);
    if (axes.percent) std::snprintf(buf, sizeof buf, "%.0f%%", t * 100.0);
    else chart_tick_text(buf, sizeof buf, t, axes.log_y);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(a.x - ts.x - 4.0f, std::clamp(y - ts.y * 0.5f, a.y - 2.0f, b.y - ts.y + 2.0f)), kColDim, buf);
  }
  const double xstep = nice_step(x1 - x0, std::max(2.0, std::floor((b.x - a.x) / (fs * 5.0))));
  float last_right = -1e9f;
  for (double t = std::ceil(x0 / xstep - 1e-9) * xstep; t <= x1 + 1e-9 * xstep; t += xstep) {
    const float xp = px(t);
    chart_tick_text(buf, sizeof buf, t, false);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    const float lxp = std::clamp(xp - ts.x * 0.5f, a.x - 2.0f, b.x - ts.x);
    if (lxp < last_right + fs * 0.5f) continue;
    if (!axes.x_axis) {  // the shared x: grid lines only
      dl->AddLine(ImVec2(xp, a.y), ImVec2(xp, b.y), kColGrid);
      continue;
    }
    dl->AddLine(ImVec2(xp, b.y), ImVec2(xp, b.y + 4.0f), kColDim);
    dl->AddText(ImVec2(lxp, b.y + 3.0f), kColDim, buf);
    last_right = lxp + ts.x;
  }

  dl->PushClipRect(a, b, true);
  for (const Series& s : series) {
    const std::vector<float>& y = *s.y;
    const std::size_t n = std::min(x.size(), y.size());
    bool have = false;
    ImVec2 prev;
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(y[i]) || (axes.log_y && y[i] <= 0)) { have = false; continue; }
      const ImVec2 p(px(x[i]), py(tr(y[i], axes.log_y)));
      if (have) dl->AddLine(prev, p, s.color, 2.0f);
      else if (i + 1 == n || !std::isfinite(y[i + 1])) dl->AddCircleFilled(p, 2.5f, s.color);
      prev = p;
      have = true;
    }
  }
  dl->PopClipRect();

  if (hovered) {
    const float mx = ImGui::GetIO().MousePos.x;
    const double xv = x0 + (mx - a.x) / (b.x - a.x) * (x1 - x0);
    std::size_t best = 0;
    for (std::size_t i = 1; i < x.size(); ++i)
      if (std::fabs(x[i] - xv) < std::fabs(x[best] - xv)) best = i;
    dl->AddLine(ImVec2(px(x[best]), a.y), ImVec2(px(x[best]), b.y), IM_COL32(255, 255, 255, 90));
    ImGui::BeginTooltip();
    ImGui::Text("%s: %.0f", axes.x_title, static_cast<double>(x[best]));
    for (const Series& s : series)
      if (best < s.y->size()) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.color), "%s", s.name);
        ImGui::SameLine();
        const double v = (*s.y)[best];
        if (axes.percent) ImGui::Text("%.1f%%", v * 100.0);
        else ImGui::Text("%.4g", v);
      }
    ImGui::EndTooltip();
  }
  ImGui::PopID();
  return true;
}

}  // namespace carry
