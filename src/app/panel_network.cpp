// panel_network: the lecture's figure. Two input units (the column's bits a and b) at the bottom,
// H hidden units in a row, fully interconnected in both directions (arcs above run left to right,
// arcs below right to left; small loops are self-connections), one output unit at the top.
// Units are filled by their activity at the cursor's step; connections are coloured and sized by
// weight; hovering over a unit or a connection shows its value.
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

struct Hover {
    float dist = 1e9f;
    std::string text;
};

float seg_dist(ImVec2 p, ImVec2 a, ImVec2 b) {
    const float vx = b.x - a.x, vy = b.y - a.y;
    const float wx = p.x - a.x, wy = p.y - a.y;
    const float l2 = vx * vx + vy * vy;
    const float t = l2 > 0 ? std::clamp((wx * vx + wy * vy) / l2, 0.0f, 1.0f) : 0.0f;
    const float dx = wx - t * vx, dy = wy - t * vy;
    return std::sqrt(dx * dx + dy * dy);
}

ImVec2 bez(ImVec2 a, ImVec2 c, ImVec2 b, float t) {
    const float u = 1 - t;
    return ImVec2(u * u * a.x + 2 * u * t * c.x + t * t * b.x, u * u * a.y + 2 * u * t * c.y + t * t * b.y);
}

void arrow_head(ImDrawList* dl, ImVec2 tip, ImVec2 from, ImU32 col, float size) {
    float dx = tip.x - from.x, dy = tip.y - from.y;
    const float l = std::sqrt(dx * dx + dy * dy);
    if (l < 1e-3f) return;
    dx /= l;
    dy /= l;
    dl->AddTriangleFilled(tip, ImVec2(tip.x - dx * size - dy * size * 0.5f, tip.y - dy * size + dx * size * 0.5f),
                          ImVec2(tip.x - dx * size + dy * size * 0.5f, tip.y - dy * size - dx * size * 0.5f), col);
}

// A connection drawn as a quadratic curve from unit centre a to unit centre b (radius r each).
void connection(ImDrawList* dl, ImVec2 a, ImVec2 c, ImVec2 b, float r, double w, double wmax, Hover& hover,
                const std::string& text) {
    constexpr int kSeg = 16;
    ImVec2 pts[kSeg + 1];
    for (int i = 0; i <= kSeg; ++i) pts[i] = bez(a, c, b, static_cast<float>(i) / kSeg);
    // Trim to the unit circles.
    int first = 0, last = kSeg;
    auto inside = [](ImVec2 p, ImVec2 q, float rr) {
        return (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y) < rr * rr;
    };
    while (first < kSeg && inside(pts[first], a, r)) ++first;
    while (last > 0 && inside(pts[last], b, r + 2)) --last;
    if (last <= first) return;
    const ImU32 col = weight_color(w, wmax);
    const float th = weight_thickness(w, wmax);
    dl->AddPolyline(&pts[first], last - first + 1, col, 0, th);
    arrow_head(dl, pts[last], pts[std::max(first, last - 2)], col, 5.0f + th);
    const ImVec2 m = ImGui::GetIO().MousePos;
    for (int i = first; i < last; ++i) {
        const float d = seg_dist(m, pts[i], pts[i + 1]);
        if (d < hover.dist) hover.dist = d, hover.text = text;
    }
}

}  // namespace

void panel_network(Playground& pg) {
    if (pg.requests.close_network) ImGui::SetNextItemOpen(false);
    pg.requests.close_network = false;
    if (!panel_header("The network (the lecture's figure)",
                      "Two input units, the hidden units fully connected to each other in both directions, one "
                      "output unit. Every connection has a delay of one time step. Click to fold."))
        return;
    const Stepper* st = pg.stepper.get();
    if (!st || !pg.trainer) return;
    const Net& net = pg.trainer->net();
    const int H = net.hidden();
    const ConstParamView p = net.view();
    const int s = std::clamp(pg.anim.cursor, 0, st->steps() - 1);
    const StepFrame& f = st->frame(s);

    double wmax = 1.0;
    for (std::size_t k = 0; k < param_layout(H).h0; ++k) wmax = std::max(wmax, std::fabs(net.params[k]));

    const float fs = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = std::clamp(width * 0.42f, fs * 11.0f, fs * 16.0f);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("net", ImVec2(width, height));
    record_rect(pg.drawn.rects.network);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();

    const float r = std::clamp(width / static_cast<float>(H * 5 + 4), fs * 0.55f, fs * 1.15f);
    const float cx = o.x + width * 0.5f;
    const ImVec2 out_c(cx, o.y + r + 4);
    const float hy = o.y + height * 0.5f;
    const float span =
        std::min(width - 4 * r - fs * 9.0f, (static_cast<float>(H) - 1) * r * 5.0f);  // room for the row labels
    std::vector<ImVec2> hid(static_cast<std::size_t>(H));
    for (int i = 0; i < H; ++i)
        hid[static_cast<std::size_t>(i)] =
            ImVec2(H == 1 ? cx : cx - span * 0.5f + span * static_cast<float>(i) / static_cast<float>(H - 1), hy);
    const ImVec2 in_c[2] = {ImVec2(cx - std::max(span * 0.25f, r * 3), o.y + height - r - 4),
                            ImVec2(cx + std::max(span * 0.25f, r * 3), o.y + height - r - 4)};

    Hover hv;
    char buf[256];
    // Inputs -> hidden.
    for (int i = 0; i < H; ++i)
        for (int k = 0; k < 2; ++k) {
            const double w = p.w_in[i * 2 + k];
            const ImVec2 a = in_c[k], b = hid[static_cast<std::size_t>(i)];
            std::snprintf(buf, sizeof buf, "weight from input %s to hidden h%d: %+.3f", k == 0 ? "a" : "b", i + 1, w);
            connection(dl, a, ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f), b, r, w, wmax, hv, buf);
        }
    // Hidden <-> hidden (both directions), self-loops.
    for (int i = 0; i < H; ++i)
        for (int j = 0; j < H; ++j) {
            const double w = p.w_rec[i * H + j];
            std::snprintf(buf, sizeof buf,
                          "recurrent weight from hidden h%d to hidden h%d: %+.3f\n(delay of one step: h%d at step t "
                          "drives h%d at step t+1)",
                          j + 1, i + 1, w, j + 1, i + 1);
            const ImVec2 a = hid[static_cast<std::size_t>(j)], b = hid[static_cast<std::size_t>(i)];
            if (i == j) {
                // Self-loop: a small arc below-left of the unit.
                const ImVec2 c0(a.x - r * 1.1f, a.y + r * 2.4f), c1(a.x + r * 1.1f, a.y + r * 2.4f);
                const ImU32 col = weight_color(w, wmax);
                const float th = weight_thickness(w, wmax);
                const ImVec2 s0(a.x - r * 0.6f, a.y + r * 0.8f), s1(a.x + r * 0.6f, a.y + r * 0.8f);
                dl->AddBezierCubic(s0, c0, c1, s1, col, th, 16);
                arrow_head(dl, s1, ImVec2(s1.x + r * 0.3f, s1.y + r), col, 4.0f + th);
                const ImVec2 mid(a.x, a.y + r * 2.0f);
                const ImVec2 m = ImGui::GetIO().MousePos;
                const float d = std::sqrt((m.x - mid.x) * (m.x - mid.x) + (m.y - mid.y) * (m.y - mid.y)) - r * 0.3f;
                if (d < hv.dist) hv.dist = d, hv.text = buf;
                continue;
            }
            // j -> i: left-to-right arcs bulge up, right-to-left arcs bulge down.
            const float bulge = (r * 1.2f + std::fabs(b.x - a.x) * 0.22f) * (a.x < b.x ? -1.0f : 1.0f);
            connection(dl, a, ImVec2((a.x + b.x) * 0.5f, a.y + bulge), b, r, w, wmax, hv, buf);
        }
    // Hidden -> output.
    for (int j = 0; j < H; ++j) {
        const double w = p.w_out[j];
        std::snprintf(buf, sizeof buf, "weight from hidden h%d to the output: %+.3f", j + 1, w);
        const ImVec2 a = hid[static_cast<std::size_t>(j)];
        connection(dl, a, ImVec2((a.x + out_c.x) * 0.5f, (a.y + out_c.y) * 0.5f), out_c, r, w, wmax, hv, buf);
    }

    // Units, filled by activity at this step.
    const ImVec2 m = ImGui::GetIO().MousePos;
    auto unit = [&](ImVec2 c, double act, bool known, const char* name, const std::string& tip) {
        dl->AddCircleFilled(c, r, known ? activity_color(act) : pal().unit_empty, 24);
        dl->AddCircle(c, r, pal().outline, 24, 1.5f);
        const ImVec2 sz = ImGui::CalcTextSize(name);
        if (sz.x <= 2.0f * r - 2.0f)  // many small units: names only in the tooltips
            dl->AddText(ImVec2(c.x - sz.x * 0.5f, c.y - sz.y * 0.5f), known ? activity_text_color(act) : pal().dim, name);
        const float d = std::sqrt((m.x - c.x) * (m.x - c.x) + (m.y - c.y) * (m.y - c.y)) - r;
        if (d < 0 && -1.0f < hv.dist + 100) hv.dist = -1.0f, hv.text = tip;
    };
    const bool has_h = !f.hidden.empty();
    for (int i = 0; i < H; ++i) {
        const double h = has_h ? f.hidden[static_cast<std::size_t>(i)] : 0.0;
        char name[16];
        std::snprintf(name, sizeof name, "h%d", i + 1);
        char t[300];
        std::snprintf(t, sizeof t, "hidden unit h%d at step %d: activity %s\nbias %+.3f, initial state h(0) = %.3f%s",
                      i + 1, s, has_h ? std::to_string(h).substr(0, 5).c_str() : "(not computed: no column left)",
                      p.b_hid[i], p.h0[i],
                      pg.settings.net.initial_state == InitialState::Learned ? " (learned)" : " (fixed)");
        unit(hid[static_cast<std::size_t>(i)], h, has_h, name, t);
    }
    for (int k = 0; k < 2; ++k) {
        const int bit = k == 0 ? f.a : f.b;
        char t[200];
        std::snprintf(
            t, sizeof t, "input unit %s at step %d: %s", k == 0 ? "a" : "b", s,
            f.has_input ? (bit ? "1 (this column's bit)" : "0 (this column's bit)") : "0 (no column left to read)");
        unit(in_c[k], bit, true, k == 0 ? "a" : "b", t);
    }
    {
        char t[240];
        std::snprintf(t, sizeof t, "output unit at step %d: activity %.3f -> bit %d%s\nbias %+.3f", s, f.output,
                      f.guess,
                      f.column >= 0 ? (std::string(" (sum bit of column ") + std::to_string(f.column) + ")").c_str()
                                    : " (nothing yet)",
                      p.b_out[0]);
        unit(out_c, f.output, true, "out", t);
    }
    dl->AddText(ImVec2(o.x + 2, o.y + 2), pal().dim, "output");
    dl->AddText(ImVec2(o.x + 2, hy - fs * 0.5f), pal().dim, "hidden");
    dl->AddText(ImVec2(o.x + 2, o.y + height - fs - 2), pal().dim, "inputs");
    if (hovered && hv.dist < 6.0f) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(hv.text.c_str());
        ImGui::EndTooltip();
    }
    draw_activity_legend("activity");
    tooltip("Units are filled by their activity at the cursor's step, from 0 (dark) to 1 (yellow).");
    // Beside the activity legend where it fits, else below it (a phone's column).
    same_line_if_fits(ImGui::CalcTextSize("weight -99.9 +99.9").x + 120.0f + ImGui::GetStyle().ItemSpacing.x * 3.0f +
                      fs * 1.5f);
    draw_weight_legend(wmax);
    tooltip(
        "Connections: blue for negative weights, orange for positive, thicker and brighter for larger "
        "magnitudes. Every connection delays by one step.");
}

}  // namespace carry
