// panel_inside_automaton: the automaton read out of the net (core/automaton.h: clusters of hidden
// states -> transition table -> minimized machine) drawn as a state graph beside the true adder's
// four nodes, with the verdict: equivalent, or the shortest sum on which they differ.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "app/colormap.h"
#include "app/inside_panels.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

namespace {

struct GNode {
    std::string title, sub;
    ImU32 color;
    ImVec2 pos;  // in [0,1]^2 of the graph's box
};
struct GEdge {
    int from, to;
    std::string label;
};

// Where the adder's nodes sit: no carry on top, carry below; prints 0 left, prints 1 right; start far left.
ImVec2 adder_pos(int node) {
    if (node == kAdderStart) return ImVec2(0.1f, 0.5f);
    return ImVec2((node & 1) ? 0.85f : 0.45f, (node >> 1) ? 1.0f : 0.0f);
}

void draw_graph(const char* id, const std::vector<GNode>& nodes, const std::vector<GEdge>& edges, ImVec2 size) {
    ImGui::BeginChild(id, size, true, ImGuiWindowFlags_NoScrollbar);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    const float r = std::clamp(std::min(avail.x, avail.y) * 0.075f, fs * 0.9f, fs * 1.6f);
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
    for (const GEdge& e : edges) {
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
            dl->AddRectFilled(ImVec2(sp.x - 2, sp.y), ImVec2(sp.x + ss.x + 2, sp.y + ss.y), pal().label_bg,
                              3);
            dl->AddText(sp, pal().dim, nodes[n].sub.c_str());
        }
    }
    ImGui::EndChild();
}

std::vector<GEdge> group_edges(const std::vector<std::array<int, kColumnCodes>>& table) {
    std::map<std::pair<int, int>, std::string> labels;
    for (std::size_t f = 0; f < table.size(); ++f)
        for (int code = 0; code < kColumnCodes; ++code) {
            const int to = table[f][static_cast<std::size_t>(code)];
            if (to < 0) continue;
            std::string& l = labels[{static_cast<int>(f), to}];
            if (!l.empty()) l += ",";
            l += column_label(code);
        }
    std::vector<GEdge> out;
    for (const auto& [k, l] : labels) out.push_back(GEdge{k.first, k.second, l});
    return out;
}

}  // namespace

void panel_inside_automaton(InsideView& v, Playground& pg) {
    if (!pg.trainer) return;
    if (ImGui::SmallButton("Extract again")) inside_refresh_automaton(v, pg);
    tooltip(
        "Runs the net on 200 random 24-bit sums, groups its hidden states into activity patterns, reads "
        "off which pattern follows which for every column, merges patterns that behave the same and "
        "compares the result with the adder.");
    ImGui::SameLine();
    ImGui::Checkbox("while training (every 2 s)", &v.automaton_auto);
    if (!v.has_automaton) {
        ImGui::TextDisabled("Not extracted yet.");
        return;
    }
    const AutomatonResult& a = v.automaton;
    if (a.equivalent) {
        ImGui::PushStyleColor(ImGuiCol_Text, pal().right);
        ImGui::TextWrapped(
            "Equivalent to the adder: the net's %d states print the same bits as the adder's nodes "
            "on every input.",
            a.states);
        ImGui::PopStyleColor();
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, pal().wrong);
        if (!a.counterexample.empty())
            ImGui::TextWrapped(
                "Not equivalent. Shortest counterexample: %s + %s (read right to left): after it the adder "
                "prints %d, the net's automaton prints %s.",
                a.counterexample_a.c_str(), a.counterexample_b.c_str(), a.counterexample_expected,
                a.counterexample_got == 2 ? "an unknown bit" : std::to_string(a.counterexample_got).c_str());
        else
            ImGui::TextWrapped("Not equivalent.");
        ImGui::PopStyleColor();
    }
    ImGui::TextDisabled("%zu hidden states · %d activity patterns · %d states after minimization%s%s · %.0f ms",
                        a.points, a.clusters, a.states, a.complete ? "" : " · some transitions inferred",
                        a.hit_cluster_cap ? " · cluster cap hit" : "", v.automaton_ms);

    // The adder.
    std::vector<GNode> an;
    for (int n = 0; n <= kAdderNodes; ++n) {
        GNode g;
        g.title = n == kAdderStart
                      ? "start"
                      : (std::string("c") + char('0' + adder_carry(n)) + " p" + char('0' + adder_printed(n)));
        g.sub = n == kAdderStart ? "" : (adder_carry(n) ? "carry" : "no carry");
        g.color = node_color(n);
        g.pos = adder_pos(n);
        an.push_back(g);
    }
    std::vector<std::array<int, kColumnCodes>> at(kAdderNodes + 1);
    for (int n = 0; n <= kAdderNodes; ++n)
        for (int c = 0; c < kColumnCodes; ++c)
            at[static_cast<std::size_t>(n)][static_cast<std::size_t>(c)] = adder_next(n, c);

    // The net's: nodes placed where their adder node sits when that is one-to-one.
    std::vector<GNode> ln;
    std::vector<int> seen(kAdderNodes + 1, 0);
    bool one_to_one = true;
    for (const AutomatonNode& n : a.nodes) {
        if (n.is_unknown) continue;
        const int k = n.adder_node >= 0 ? n.adder_node : (n.is_start ? kAdderStart : -1);
        if (k < 0 || ++seen[static_cast<std::size_t>(k)] > 1) one_to_one = false;
    }
    for (std::size_t i = 0; i < a.nodes.size(); ++i) {
        const AutomatonNode& n = a.nodes[i];
        GNode g;
        g.title = n.is_unknown        ? "?"
                  : n.printed_bit < 0 ? "S" + std::to_string(n.id)
                                      : "p" + std::to_string(n.printed_bit);
        char sub[64];
        if (n.is_unknown)
            std::snprintf(sub, sizeof sub, "unknown");
        else if (n.adder_node >= 0)
            std::snprintf(sub, sizeof sub, "%s%s %.0f%%", n.is_start ? "start, " : "",
                          n.adder_node == kAdderStart ? "start"
                                                      : (std::string("c") + char('0' + adder_carry(n.adder_node)) +
                                                         "p" + char('0' + adder_printed(n.adder_node)))
                                                            .c_str(),
                          n.adder_purity * 100);
        else
            std::snprintf(sub, sizeof sub, "%s%d pts", n.is_start ? "start, " : "", static_cast<int>(n.count));
        g.sub = sub;
        g.color = n.is_unknown ? pal().unknown_node
                               : node_color(n.is_start && n.adder_node < 0 ? kAdderStart : n.adder_node);
        if (one_to_one && !n.is_unknown) {
            g.pos = adder_pos(n.adder_node >= 0 ? n.adder_node : kAdderStart);
        } else {
            const float ang =
                6.2831853f * static_cast<float>(i) / static_cast<float>(std::max<std::size_t>(1, a.nodes.size()));
            g.pos = ImVec2(0.5f + 0.45f * std::cos(ang), 0.5f + 0.45f * std::sin(ang));
        }
        ln.push_back(g);
    }
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool side = avail > ImGui::GetFontSize() * 36;
    const float w = side ? (avail - ImGui::GetStyle().ItemSpacing.x) * 0.5f : avail;
    const float h = std::min(w * 0.8f, ImGui::GetFontSize() * 20);
    ImGui::BeginGroup();
    ImGui::TextUnformatted("True adder (4 nodes + start)");
    draw_graph("adder_graph", an, group_edges(at), ImVec2(w, h));
    ImGui::EndGroup();
    if (side) ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::Text("Read out of the net (%d states)", a.states);
    draw_graph("net_graph", ln, group_edges(a.table), ImVec2(w, h));
    ImGui::EndGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped(
        "Edges: the column read, as the bits (a b). Node p0/p1: the bit the output prints from it; "
        "colour and the small label outside it: the adder node its hidden states really were at, and how many of "
        "them (%%).");
    ImGui::PopStyleColor();
}

}  // namespace carry
