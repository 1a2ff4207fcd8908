// state_graph: see state_graph.h. The layout rules (self-loops and labels on a node's outward side,
// curved edges bent to the left of their direction so both directions of a pair show) were tuned
// on the adder's four nodes and hold for circles of up to a few dozen states.
#include "app/state_graph.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "app/palette.h"

namespace carry {

void draw_state_graph(const char* id, const std::vector<GraphNode>& nodes, const std::vector<GraphEdge>& edges,
                      ImVec2 size) {
    ImGui::BeginChild(id, size, true, ImGuiWindowFlags_NoScrollbar);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    float r = std::clamp(std::min(avail.x, avail.y) * 0.075f, fs * 0.9f, fs * 1.6f);
    // Many states on a circle: small enough that neighbours do not touch.
    if (nodes.size() > 6)
        r = std::max(fs * 0.7f, std::min(r, std::min(avail.x, avail.y) * 1.2f / static_cast<float>(nodes.size())));
    // Room above the top row and below the bottom row for a self-loop, its label and the node's label.
    const float my = r * 2.05f + fs * 2.0f + 4.0f;
    auto at = [&](int n) {
        const ImVec2 p = nodes[static_cast<std::size_t>(n)].pos;
        return ImVec2(o.x + r + 4 + p.x * (avail.x - 2 * r - 8), o.y + my + p.y * std::max(0.0f, avail.y - 2 * my));
    };
    // Self-loops and the labels under a node go on its outward side (away from the graph's middle),
    // so they never sit among the edges between the rows: top row upwards, bottom row downwards.
    auto outward = [&](int n) {
        const ImVec2 p = nodes[static_cast<std::size_t>(n)].pos;
        const float dx = p.x - 0.5f, dy = p.y - 0.5f;
        if (std::fabs(dy) >= 0.05f) return ImVec2(0.0f, dy < 0 ? -1.0f : 1.0f);
        if (std::fabs(dx) >= 0.05f) return ImVec2(dx < 0 ? -1.0f : 1.0f, 0.0f);
        return ImVec2(0.0f, -1.0f);
    };
    // Half a text's extent along the axis direction u.
    auto half_along = [](ImVec2 u, ImVec2 ts) { return 0.5f * (std::fabs(u.x) * ts.x + std::fabs(u.y) * ts.y); };
    // Top-left corner for a text of size ts whose near edge is `dist` from c along u, kept in the box.
    auto beyond = [&](ImVec2 c, ImVec2 u, float dist, ImVec2 ts) {
        const float half = half_along(u, ts);
        ImVec2 p(c.x + u.x * (dist + half) - ts.x * 0.5f, c.y + u.y * (dist + half) - ts.y * 0.5f);
        p.x = std::clamp(p.x, o.x + 2.0f, std::max(o.x + 2.0f, o.x + avail.x - ts.x - 2.0f));
        return p;
    };
    std::vector<float> loop_extent(nodes.size(), r);  // how far each node's outward side is taken
    const ImU32 edge_col = pal().edge;
    for (const GraphEdge& e : edges) {
        const ImVec2 a = at(e.from), b = at(e.to);
        if (e.from == e.to) {  // self-loop on the outward side, its label beyond it
            const ImVec2 u = outward(e.from);
            const ImVec2 c(a.x + u.x * r * 1.45f, a.y + u.y * r * 1.45f);
            dl->AddCircle(c, r * 0.6f, edge_col, 20, 1.5f);
            const ImVec2 ts = ImGui::CalcTextSize(e.label.c_str());
            dl->AddText(beyond(a, u, r * 2.05f + 1.0f, ts), edge_col, e.label.c_str());
            loop_extent[static_cast<std::size_t>(e.from)] = r * 2.05f + 1.0f + 2.0f * half_along(u, ts);
            continue;
        }
        const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
        if (len < 1) continue;
        const float ux = dx / len, uy = dy / len, nx = -uy, ny = ux;
        const float bend = len * 0.18f;  // curve to the left of the direction: both directions visible
        const ImVec2 mid(a.x + dx * 0.5f + nx * bend, a.y + dy * 0.5f + ny * bend);
        const ImVec2 s(a.x + ux * r, a.y + uy * r);
        // The end point on b's circle, approached from the control point.
        const float ex = b.x - mid.x, ey = b.y - mid.y, el = std::sqrt(ex * ex + ey * ey);
        const ImVec2 t(b.x - ex / el * r, b.y - ey / el * r);
        dl->AddBezierQuadratic(s, mid, t, edge_col, 1.5f, 24);
        const float hx = ex / el, hy = ey / el, hl = fs * 0.5f;
        dl->AddTriangleFilled(t, ImVec2(t.x - hx * hl - hy * hl * 0.5f, t.y - hy * hl + hx * hl * 0.5f),
                              ImVec2(t.x - hx * hl + hy * hl * 0.5f, t.y - hy * hl - hx * hl * 0.5f), edge_col);
        const ImVec2 ts = ImGui::CalcTextSize(e.label.c_str());
        const ImVec2 lp(0.25f * s.x + 0.5f * mid.x + 0.25f * t.x - ts.x * 0.5f,
                        0.25f * s.y + 0.5f * mid.y + 0.25f * t.y - ts.y * 0.5f);
        dl->AddRectFilled(ImVec2(lp.x - 2, lp.y), ImVec2(lp.x + ts.x + 2, lp.y + ts.y), pal().label_bg, 3);
        dl->AddText(lp, pal().text, e.label.c_str());
    }
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        const ImVec2 c = at(static_cast<int>(n));
        dl->AddCircleFilled(c, r, nodes[n].color, 28);
        dl->AddCircle(c, r, pal().outline, 28, 1.5f);
        const ImVec2 ts = ImGui::CalcTextSize(nodes[n].title.c_str());
        dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), pal().ink, nodes[n].title.c_str());
        if (!nodes[n].sub.empty()) {
            const ImVec2 ss = ImGui::CalcTextSize(nodes[n].sub.c_str());
            const ImVec2 sp = beyond(c, outward(static_cast<int>(n)), loop_extent[n] + 1.0f, ss);
            dl->AddRectFilled(ImVec2(sp.x - 2, sp.y), ImVec2(sp.x + ss.x + 2, sp.y + ss.y), pal().label_bg, 3);
            dl->AddText(sp, pal().dim, nodes[n].sub.c_str());
        }
    }
    ImGui::EndChild();
}

std::string column_bits(int code, int inputs) {
    if (inputs == 1) return std::string(1, static_cast<char>('0' + (code & 1)));
    return std::string{static_cast<char>('0' + (code & 1)), static_cast<char>('0' + ((code >> 1) & 1))};
}

std::vector<GraphEdge> group_edges(const std::vector<std::vector<int>>& table, int inputs) {
    std::map<std::pair<int, int>, std::string> labels;
    for (std::size_t f = 0; f < table.size(); ++f)
        for (std::size_t code = 0; code < table[f].size(); ++code) {
            const int to = table[f][code];
            if (to < 0) continue;
            std::string& l = labels[{static_cast<int>(f), to}];
            if (!l.empty()) l += ",";
            l += column_bits(static_cast<int>(code), inputs);
        }
    std::vector<GraphEdge> out;
    for (const auto& [k, l] : labels) out.push_back(GraphEdge{k.first, k.second, l});
    return out;
}

ImVec2 circle_position(int i, int n) {
    if (n <= 1) return ImVec2(0.5f, 0.5f);
    // The first node on top, or half a step round when that leaves a node level with the centre: a
    // node's self-loop and label go on its outward side, and there is room above and below the
    // circle, not at its sides.
    const float step = 6.2831853f / static_cast<float>(n);
    auto flattest = [&](float offset) {
        float m = 1.0f;
        for (int k = 0; k < n; ++k) m = std::min(m, std::fabs(std::sin(offset + step * static_cast<float>(k))));
        return m;
    };
    const float top = -1.5707963f, half = top + step * 0.5f;
    const float offset = flattest(top) >= flattest(half) ? top : half;
    const float ang = offset + step * static_cast<float>(i);
    return ImVec2(0.5f + 0.45f * std::cos(ang), 0.5f + 0.5f * std::sin(ang));
}

std::array<float, 3> state_rgb(int state, int states) {
    if (state < 0) return {0.75f, 0.75f, 0.75f};
    // Okabe–Ito's hues (black aside), then an even walk round the hue circle for large machines.
    static const std::array<float, 3> kHues[7] = {
        {86 / 255.f, 180 / 255.f, 233 / 255.f}, {0 / 255.f, 158 / 255.f, 115 / 255.f},
        {230 / 255.f, 159 / 255.f, 0 / 255.f},  {204 / 255.f, 121 / 255.f, 167 / 255.f},
        {0 / 255.f, 114 / 255.f, 178 / 255.f},  {213 / 255.f, 94 / 255.f, 0 / 255.f},
        {240 / 255.f, 228 / 255.f, 66 / 255.f}};
    if (states <= 7) return kHues[state % 7];
    const float h = 6.0f * static_cast<float>(state) / static_cast<float>(states);
    const float x = 1.0f - std::fabs(std::fmod(h, 2.0f) - 1.0f);
    std::array<float, 3> c{};
    switch (static_cast<int>(h) % 6) {
        case 0: c = {1, x, 0}; break;
        case 1: c = {x, 1, 0}; break;
        case 2: c = {0, 1, x}; break;
        case 3: c = {0, x, 1}; break;
        case 4: c = {x, 0, 1}; break;
        default: c = {1, 0, x}; break;
    }
    for (float& v : c) v = 0.35f + 0.55f * v;  // mid tones: the black text inside stays readable
    return c;
}

ImU32 state_color(int state, int states) {
    const auto c = state_rgb(state, states);
    return IM_COL32(static_cast<int>(c[0] * 255), static_cast<int>(c[1] * 255), static_cast<int>(c[2] * 255), 255);
}

}  // namespace carry
