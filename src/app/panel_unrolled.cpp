// panel_unrolled: the same net unrolled over the time steps of the current sum: a layered
// feed-forward net with one layer per time step (inputs at the bottom, hidden units, output on
// top). Every layer uses the same weights, so every copy of a connection is drawn the same;
// hovering over one highlights all its copies. The cursor's step is framed; later steps are dim.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/colormap.h"
#include "app/panels.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

void panel_unrolled(Playground& pg) {
  if (pg.open_unrolled) ImGui::SetNextItemOpen(true);
  pg.open_unrolled = false;
  if (!panel_header("Unrolled in time: one layer per step, the same weights in every layer",
                    "A recurrent net run for T steps is a T-layer feed-forward net that reuses the same "
                    "weights at every layer. Backpropagation through time trains it like that deep net, "
                    "summing each shared weight's derivatives over the layers.", pg.embed)) return;
  const Stepper* st = pg.stepper.get();
  if (!st || !pg.trainer) return;
  const Net& net = pg.trainer->net();
  const int H = net.hidden();
  const int S = st->steps();
  const int cur = std::clamp(pg.cursor, 0, S - 1);
  const float fs = ImGui::GetFontSize();
  double wmax = 1.0;
  for (std::size_t k = 0; k < param_layout(H).h0; ++k) wmax = std::max(wmax, std::fabs(net.params[k]));

  const float ur = std::clamp(fs * 0.45f, 5.0f, 9.0f);   // unit radius
  const float dx = fs * 3.2f;                              // between layers
  const float dy = std::max(ur * 2.6f, fs * 1.2f);         // between units in a layer
  const float top = fs * 1.4f;
  const float y_out = top + ur;
  const float y_hid0 = y_out + dy * 1.6f;
  const float y_in0 = y_hid0 + dy * static_cast<float>(H - 1) + dy * 1.6f;
  const float height = y_in0 + dy + ur + 4.0f;
  const float width = fs * 3.0f + dx * static_cast<float>(S);

  ImGui::BeginChild("unrolled", ImVec2(0, height + ImGui::GetStyle().ScrollbarSize + 4), false, ImGuiWindowFlags_HorizontalScrollbar);
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("u", ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Time runs left to right here (step 0 first), unlike the columns of a written number.
  auto lx = [&](int s) { return o.x + fs * 2.4f + dx * static_cast<float>(s); };
  auto y_hid = [&](int i) { return o.y + y_hid0 + dy * static_cast<float>(i); };
  auto y_in = [&](int k) { return o.y + y_in0 + dy * static_cast<float>(k); };
  const float yo = o.y + y_out;

  // Which shared weight the mouse is on (parameter index), found on the previous pass's geometry.
  const ImVec2 m = ImGui::GetIO().MousePos;
  int hover_param = -1;
  float best = 5.0f;
  auto near_seg = [&](ImVec2 a, ImVec2 b, int param) {
    const float vx = b.x - a.x, vy = b.y - a.y, l2 = vx * vx + vy * vy;
    const float t = std::clamp(((m.x - a.x) * vx + (m.y - a.y) * vy) / l2, 0.0f, 1.0f);
    const float ex = m.x - a.x - t * vx, ey = m.y - a.y - t * vy;
    const float d = std::sqrt(ex * ex + ey * ey);
    if (d < best) best = d, hover_param = param;
  };
  const ParamLayout lay = param_layout(H);
  const float clip_l = ImGui::GetWindowPos().x - dx, clip_r = ImGui::GetWindowPos().x + ImGui::GetWindowSize().x + dx;
  if (hovered)
    for (int s = 0; s + 1 < S; ++s) {
      if (lx(s + 1) < clip_l || lx(s) > clip_r) continue;
      for (int i = 0; i < H; ++i) {
        if (s < st->columns())
          for (int k = 0; k < 2; ++k) near_seg(ImVec2(lx(s), y_in(k)), ImVec2(lx(s + 1), y_hid(i)), static_cast<int>(lay.w_in) + i * 2 + k);
        if (s + 1 <= st->columns())
          for (int j = 0; j < H; ++j) near_seg(ImVec2(lx(s), y_hid(j)), ImVec2(lx(s + 1), y_hid(i)), static_cast<int>(lay.w_rec) + i * H + j);
      }
      for (int j = 0; j < H; ++j) near_seg(ImVec2(lx(s), y_hid(j)), ImVec2(lx(s + 1), yo), static_cast<int>(lay.w_out) + j);
    }

  // The cursor's layer.
  dl->AddRectFilled(ImVec2(lx(cur) - dx * 0.42f, o.y), ImVec2(lx(cur) + dx * 0.42f, o.y + height), IM_COL32(255, 255, 255, 22), 4.0f);
  char buf[64];
  for (int s = 0; s < S; ++s) {
    if (lx(s) < clip_l || lx(s) > clip_r) continue;
    std::snprintf(buf, sizeof buf, "%d", s);
    const ImVec2 sz = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(lx(s) - sz.x * 0.5f, o.y + 1), s == cur ? IM_COL32(255, 255, 255, 255) : kColDim, buf);
  }
  // Connections: the same weight is drawn the same in every layer.
  auto link = [&](ImVec2 a, ImVec2 b, int param, bool future) {
    const double w = net.params[static_cast<std::size_t>(param)];
    const bool hi = param == hover_param;
    const float alpha = hi ? 1.0f : hover_param >= 0 ? 0.12f : future ? 0.25f : 0.85f;
    dl->AddLine(a, b, weight_color(w, wmax, alpha), weight_thickness(w, wmax, 3.5f) + (hi ? 1.5f : 0.0f));
  };
  for (int s = 0; s + 1 < S; ++s) {
    if (lx(s + 1) < clip_l || lx(s) > clip_r) continue;
    const bool future = s + 1 > cur;
    for (int i = 0; i < H; ++i) {
      if (s < st->columns())
        for (int k = 0; k < 2; ++k) link(ImVec2(lx(s), y_in(k)), ImVec2(lx(s + 1), y_hid(i)), static_cast<int>(lay.w_in) + i * 2 + k, future);
      if (s + 1 <= st->columns())
        for (int j = 0; j < H; ++j) link(ImVec2(lx(s), y_hid(j)), ImVec2(lx(s + 1), y_hid(i)), static_cast<int>(lay.w_rec) + i * H + j, future);
    }
    for (int j = 0; j < H; ++j) link(ImVec2(lx(s), y_hid(j)), ImVec2(lx(s + 1), yo), static_cast<int>(lay.w_out) + j, future);
  }
  // Units.
  for (int s = 0; s < S; ++s) {
    if (lx(s) < clip_l || lx(s) > clip_r) continue;
    const StepFrame& f = st->frame(s);
    const bool future = s > cur;
    const auto a8 = static_cast<float>(future ? 0.3 : 1.0);
    auto unit = [&](ImVec2 c, double act, bool known) {
      dl->AddCircleFilled(c, ur, known ? activity_color(act, a8) : IM_COL32(40, 44, 54, 255), 16);
      dl->AddCircle(c, ur, IM_COL32(200, 200, 210, future ? 70 : 200), 16, 1.0f);
    };
    unit(ImVec2(lx(s), yo), f.output, true);
    if (f.column >= 0 && !future) {
      const bool ok = f.guess == f.target;
      std::snprintf(buf, sizeof buf, "%d", f.guess);
      dl->AddText(ImVec2(lx(s) + ur + 2, yo - fs * 0.5f), ok ? kColRight : kColWrong, buf);
    }
    for (int i = 0; i < H; ++i)
      unit(ImVec2(lx(s), y_hid(i)), f.hidden.empty() ? 0.0 : f.hidden[static_cast<std::size_t>(i)], !f.hidden.empty());
    if (s < st->columns())
      for (int k = 0; k < 2; ++k) unit(ImVec2(lx(s), y_in(k)), k == 0 ? f.a : f.b, true);
  }
  dl->AddText(ImVec2(o.x, yo - fs * 0.5f), kColDim, "o");
  dl->AddText(ImVec2(o.x, y_hid(0) - fs * 0.5f), kColDim, "h");
  dl->AddText(ImVec2(o.x, y_in(0) - fs * 0.5f), kColDim, "a");
  dl->AddText(ImVec2(o.x, y_in(1) - fs * 0.5f), kColDim, "b");

  if (hovered) {
    // A weight's tooltip goes below the figure, where it covers none of the copies it highlights.
    if (hover_param >= 0) ImGui::SetNextWindowPos(ImVec2(m.x, o.y + height + 6.0f), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::BeginTooltip();
    if (hover_param >= 0) {
      const auto k = static_cast<std::size_t>(hover_param);
      std::string what;
      if (k < lay.w_rec) what = "input " + std::string((k - lay.w_in) % 2 ? "b" : "a") + " -> hidden h" + std::to_string((k - lay.w_in) / 2 + 1);
      else if (k < lay.b_hid) what = "hidden h" + std::to_string((k - lay.w_rec) % static_cast<std::size_t>(H) + 1) + " -> hidden h" + std::to_string((k - lay.w_rec) / static_cast<std::size_t>(H) + 1);
      else what = "hidden h" + std::to_string(k - lay.w_out + 1) + " -> output";
      ImGui::Text("weight %s: %+.3f", what.c_str(), net.params[k]);
      ImGui::TextDisabled("The same weight at every step: all its copies are highlighted.");
    } else {
      const int s = static_cast<int>(std::lround((m.x - lx(0)) / dx));
      if (s >= 0 && s < S) ImGui::TextUnformatted(step_description(pg, s).c_str());
    }
    ImGui::EndTooltip();
  }
  if (ImGui::IsItemClicked() && hover_param < 0) {
    const int s = static_cast<int>(std::lround((m.x - lx(0)) / dx));
    if (s >= 0 && s < S) pg.push(CommandKind::AnimSeek, s);
  }
  ImGui::EndChild();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Time runs left to right here (step 0 first). Units are filled by activity (viridis); dark grey "
                     "hidden units at the last step are not computed: the last output reads the hidden state before "
                     "them. Click a layer to move the cursor; hover a connection to see all its copies.");
  ImGui::PopStyleColor();
}

}  // namespace carry
