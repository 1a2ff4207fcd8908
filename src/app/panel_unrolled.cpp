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

namespace {

// Where everything of the unrolled net is drawn: one layer (column) per step, time left to right.
struct UnrolledGeometry {
    ImVec2 o;                              // top-left of the drawing
    float fs = 0, ur = 0, dx = 0, dy = 0;  // font size, unit radius, between layers, between units
    float y_out = 0, y_hid0 = 0, y_in0 = 0, height = 0, width = 0;
    float clip_l = 0, clip_r = 0;  // layers outside [clip_l, clip_r] are not drawn (screen x)
    // Time runs left to right here (step 0 first), unlike the columns of a written number.
    float lx(int s) const { return o.x + fs * 2.4f + dx * static_cast<float>(s); }
    float y_hid(int i) const { return o.y + y_hid0 + dy * static_cast<float>(i); }
    float y_in(int k) const { return o.y + y_in0 + dy * static_cast<float>(k); }
    float yo() const { return o.y + y_out; }
    bool off_screen(int s) const { return lx(s) < clip_l || lx(s) > clip_r; }
};

UnrolledGeometry unrolled_geometry(int H, int S) {
    UnrolledGeometry g;
    g.fs = ImGui::GetFontSize();
    g.ur = std::clamp(g.fs * 0.45f, 5.0f, 9.0f);
    g.dx = g.fs * 3.2f;
    g.dy = std::max(g.ur * 2.6f, g.fs * 1.2f);
    const float top = g.fs * 1.4f;
    g.y_out = top + g.ur;
    g.y_hid0 = g.y_out + g.dy * 1.6f;
    g.y_in0 = g.y_hid0 + g.dy * static_cast<float>(H - 1) + g.dy * 1.6f;
    g.height = g.y_in0 + g.dy + g.ur + 4.0f;
    g.width = g.fs * 3.0f + g.dx * static_cast<float>(S);
    return g;
}

// Calls f(from, to, parameter index, step) for every copy of every connection between the layers
// of steps s and s + 1 that are on screen: inputs -> hidden, hidden -> hidden, hidden -> output.
template <class F>
void each_connection(const UnrolledGeometry& g, const Stepper& st, int H, F f) {
    const ParamLayout lay = param_layout(H);
    for (int s = 0; s + 1 < st.steps(); ++s) {
        if (g.lx(s + 1) < g.clip_l || g.lx(s) > g.clip_r) continue;
        for (int i = 0; i < H; ++i) {
            if (s < st.columns())
                for (int k = 0; k < 2; ++k)
                    f(ImVec2(g.lx(s), g.y_in(k)), ImVec2(g.lx(s + 1), g.y_hid(i)),
                      static_cast<int>(lay.w_in) + i * 2 + k, s);
            if (s + 1 <= st.columns())
                for (int j = 0; j < H; ++j)
                    f(ImVec2(g.lx(s), g.y_hid(j)), ImVec2(g.lx(s + 1), g.y_hid(i)),
                      static_cast<int>(lay.w_rec) + i * H + j, s);
        }
        for (int j = 0; j < H; ++j)
            f(ImVec2(g.lx(s), g.y_hid(j)), ImVec2(g.lx(s + 1), g.yo()), static_cast<int>(lay.w_out) + j, s);
    }
}

// Which shared weight the mouse is on (parameter index; -1: none within 5 pixels).
int hovered_weight(const UnrolledGeometry& g, const Stepper& st, int H, ImVec2 m) {
    int hover_param = -1;
    float best = 5.0f;
    each_connection(g, st, H, [&](ImVec2 a, ImVec2 b, int param, int) {
        const float vx = b.x - a.x, vy = b.y - a.y, l2 = vx * vx + vy * vy;
        const float t = std::clamp(((m.x - a.x) * vx + (m.y - a.y) * vy) / l2, 0.0f, 1.0f);
        const float ex = m.x - a.x - t * vx, ey = m.y - a.y - t * vy;
        const float d = std::sqrt(ex * ex + ey * ey);
        if (d < best) best = d, hover_param = param;
    });
    return hover_param;
}

// "input a -> hidden h2", "hidden h1 -> hidden h3", "hidden h2 -> output".
std::string weight_name(int H, std::size_t k) {
    const ParamLayout lay = param_layout(H);
    if (k < lay.w_rec)
        return "input " + std::string((k - lay.w_in) % 2 ? "b" : "a") + " -> hidden h" +
               std::to_string((k - lay.w_in) / 2 + 1);
    if (k < lay.b_hid)
        return "hidden h" + std::to_string((k - lay.w_rec) % static_cast<std::size_t>(H) + 1) + " -> hidden h" +
               std::to_string((k - lay.w_rec) / static_cast<std::size_t>(H) + 1);
    return "hidden h" + std::to_string(k - lay.w_out + 1) + " -> output";
}

// Every layer's units, filled by activity; the output's guess marked right or wrong.
void draw_units(ImDrawList* dl, const UnrolledGeometry& g, const Stepper& st, int H, int cur) {
    char buf[64];
    const float yo = g.yo(), ur = g.ur;
    for (int s = 0; s < st.steps(); ++s) {
        if (g.off_screen(s)) continue;
        const StepFrame& f = st.frame(s);
        const bool future = s > cur;
        const auto a8 = static_cast<float>(future ? 0.3 : 1.0);
        auto unit = [&](ImVec2 c, double act, bool known) {
            dl->AddCircleFilled(c, ur, known ? activity_color(act, a8) : pal().unit_empty, 16);
            dl->AddCircle(c, ur, with_alpha(pal().outline, future ? 70 : 200), 16, 1.0f);
        };
        unit(ImVec2(g.lx(s), yo), f.output, true);
        if (f.column >= 0 && !future) {
            const bool ok = f.guess == f.target;
            std::snprintf(buf, sizeof buf, "%d", f.guess);
            dl->AddText(ImVec2(g.lx(s) + ur + 2, yo - g.fs * 0.5f), ok ? pal().right : pal().wrong, buf);
        }
        for (int i = 0; i < H; ++i)
            unit(ImVec2(g.lx(s), g.y_hid(i)), f.hidden.empty() ? 0.0 : f.hidden[static_cast<std::size_t>(i)],
                 !f.hidden.empty());
        if (s < st.columns())
            for (int k = 0; k < 2; ++k) unit(ImVec2(g.lx(s), g.y_in(k)), k == 0 ? f.a : f.b, true);
    }
    dl->AddText(ImVec2(g.o.x, yo - g.fs * 0.5f), pal().dim, "o");
    dl->AddText(ImVec2(g.o.x, g.y_hid(0) - g.fs * 0.5f), pal().dim, "h");
    dl->AddText(ImVec2(g.o.x, g.y_in(0) - g.fs * 0.5f), pal().dim, "a");
    dl->AddText(ImVec2(g.o.x, g.y_in(1) - g.fs * 0.5f), pal().dim, "b");
}

}  // namespace

void panel_unrolled(Playground& pg) {
    if (pg.requests.open_unrolled) ImGui::SetNextItemOpen(true);
    pg.requests.open_unrolled = false;
    if (!panel_header("Unrolled in time: one layer per step, the same weights in every layer",
                      "A recurrent net run for T steps is a T-layer feed-forward net that reuses the same "
                      "weights at every layer. Backpropagation through time trains it like that deep net, "
                      "summing each shared weight's derivatives over the layers.",
                      pg.link.embed))
        return;
    const Stepper* st = pg.stepper.get();
    if (!st || !pg.trainer) return;
    const Net& net = pg.trainer->net();
    const int H = net.hidden();
    const int S = st->steps();
    const int cur = std::clamp(pg.anim.cursor, 0, S - 1);
    double wmax = 1.0;
    for (std::size_t k = 0; k < param_layout(H).h0; ++k) wmax = std::max(wmax, std::fabs(net.params[k]));

    UnrolledGeometry g = unrolled_geometry(H, S);
    ImGui::BeginChild("unrolled", ImVec2(0, g.height + ImGui::GetStyle().ScrollbarSize + 4), false,
                      ImGuiWindowFlags_HorizontalScrollbar);
    g.o = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("u", ImVec2(g.width, g.height));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    g.clip_l = ImGui::GetWindowPos().x - g.dx;
    g.clip_r = ImGui::GetWindowPos().x + ImGui::GetWindowSize().x + g.dx;

    // Which shared weight the mouse is on, found on the previous pass's geometry.
    const ImVec2 m = ImGui::GetIO().MousePos;
    const int hover_param = hovered ? hovered_weight(g, *st, H, m) : -1;

    // The cursor's layer.
    dl->AddRectFilled(ImVec2(g.lx(cur) - g.dx * 0.42f, g.o.y), ImVec2(g.lx(cur) + g.dx * 0.42f, g.o.y + g.height),
                      pal().highlight, 4.0f);
    char buf[64];
    for (int s = 0; s < S; ++s) {
        if (g.off_screen(s)) continue;
        std::snprintf(buf, sizeof buf, "%d", s);
        const ImVec2 sz = ImGui::CalcTextSize(buf);
        dl->AddText(ImVec2(g.lx(s) - sz.x * 0.5f, g.o.y + 1), s == cur ? pal().strong : pal().dim, buf);
    }
    // Connections: the same weight is drawn the same in every layer.
    each_connection(g, *st, H, [&](ImVec2 a, ImVec2 b, int param, int s) {
        const bool future = s + 1 > cur;
        const double w = net.params[static_cast<std::size_t>(param)];
        const bool hi = param == hover_param;
        const float alpha = hi ? 1.0f : hover_param >= 0 ? 0.12f : future ? 0.25f : 0.85f;
        dl->AddLine(a, b, weight_color(w, wmax, alpha), weight_thickness(w, wmax, 3.5f) + (hi ? 1.5f : 0.0f));
    });
    draw_units(dl, g, *st, H, cur);

    if (hovered) {
        // A weight's tooltip goes below the figure, where it covers none of the copies it highlights.
        if (hover_param >= 0)
            ImGui::SetNextWindowPos(ImVec2(m.x, g.o.y + g.height + 6.0f), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
        ImGui::BeginTooltip();
        if (hover_param >= 0) {
            const auto k = static_cast<std::size_t>(hover_param);
            ImGui::Text("weight %s: %+.3f", weight_name(H, k).c_str(), net.params[k]);
            ImGui::TextDisabled("The same weight at every step: all its copies are highlighted.");
        } else {
            const int s = static_cast<int>(std::lround((m.x - g.lx(0)) / g.dx));
            if (s >= 0 && s < S) ImGui::TextUnformatted(step_description(pg, s).c_str());
        }
        ImGui::EndTooltip();
    }
    if (ImGui::IsItemClicked() && hover_param < 0) {
        const int s = static_cast<int>(std::lround((m.x - g.lx(0)) / g.dx));
        if (s >= 0 && s < S) pg.push(CommandKind::AnimSeek, s);
    }
    ImGui::EndChild();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped(
        "Time runs left to right here (step 0 first). Units are filled by activity (viridis); dark grey "
        "hidden units at the last step are not computed: the last output reads the hidden state before "
        "them. Click a layer to move the cursor; hover a connection to see all its copies.");
    ImGui::PopStyleColor();
}

}  // namespace carry
