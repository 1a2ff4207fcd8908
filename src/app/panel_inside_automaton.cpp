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
#include "app/state_graph.h"
#include "core/machine.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

namespace {

// Where the adder's nodes sit: no carry on top, carry below; prints 0 left, prints 1 right; start far left.
ImVec2 adder_pos(int node) {
    if (node == kAdderStart) return ImVec2(0.1f, 0.5f);
    return ImVec2((node & 1) ? 0.85f : 0.45f, (node >> 1) ? 1.0f : 0.0f);
}

// The core's [node][code] table as the graph's.
std::vector<GraphEdge> table_edges(const std::vector<std::array<int, kColumnCodes>>& table) {
    std::vector<std::vector<int>> t;
    for (const auto& row : table) t.emplace_back(row.begin(), row.end());
    return group_edges(t, 2);
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
    const bool adder = is_add(pg.settings.task);
    const std::string task_name = pg.settings.task.name.empty() ? std::string("your machine") : pg.settings.task.name;
    if (a.equivalent && adder) {
        ImGui::PushStyleColor(ImGuiCol_Text, pal().right);
        ImGui::TextWrapped(
            "Equivalent to the adder: the net's %d states print the same bits as the adder's nodes "
            "on every input.",
            a.states);
        ImGui::PopStyleColor();
    } else if (a.equivalent) {
        ImGui::PushStyleColor(ImGuiCol_Text, pal().right);
        ImGui::TextWrapped(
            "Equivalent to %s's minimal machine: the net's %d states print the same bits as its states "
            "on every input.",
            task_name.c_str(), a.states);
        ImGui::PopStyleColor();
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, pal().wrong);
        if (!a.counterexample.empty() && !adder) {
            std::string cols;
            for (int c : a.counterexample) cols += (cols.empty() ? "" : " ") + column_bits(c, a.inputs);
            ImGui::TextWrapped(
                "Not equivalent. Shortest counterexample: the columns %s (first read first): after them %s "
                "prints %d, the net's automaton prints %s.",
                cols.c_str(), task_name.c_str(), a.counterexample_expected,
                a.counterexample_got == 2 ? "an unknown bit" : std::to_string(a.counterexample_got).c_str());
        } else if (!a.counterexample.empty())
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

    // The truth: the adder (its four nodes where the lecture draws them, and the start), or the
    // task's minimal machine on a circle from its start.
    std::vector<GraphNode> an;
    std::vector<GraphEdge> true_edges;
    const Machine tm = task_minimal_machine(pg.settings.task);
    if (adder) {
        std::vector<std::array<int, kColumnCodes>> at(kAdderNodes + 1);
        for (int n = 0; n <= kAdderNodes; ++n) {
            GraphNode g;
            g.title = n == kAdderStart
                          ? "start"
                          : (std::string("c") + char('0' + adder_carry(n)) + " p" + char('0' + adder_printed(n)));
            g.sub = n == kAdderStart ? "" : (adder_carry(n) ? "carry" : "no carry");
            g.color = node_color(n);
            g.pos = adder_pos(n);
            an.push_back(g);
            for (int c = 0; c < kColumnCodes; ++c)
                at[static_cast<std::size_t>(n)][static_cast<std::size_t>(c)] = adder_next(n, c);
        }
        true_edges = table_edges(at);
    } else {
        for (int s = 0; s < tm.states(); ++s) {
            GraphNode g;
            g.title = "p" + std::to_string(tm.printed[static_cast<std::size_t>(s)]);
            g.sub = (s == tm.start ? "start, " : "") + std::string("T") + std::to_string(s);
            g.color = state_color(s, tm.states());
            g.pos = circle_position((s - tm.start + tm.states()) % tm.states(), tm.states());
            an.push_back(g);
        }
        true_edges = group_edges(tm.next, tm.inputs);
    }
    const int true_start = adder ? kAdderStart : tm.states();  // the id a start-only node matches
    auto true_color = [&](int node) {
        if (adder) return node_color(node);
        return state_color(node >= tm.states() ? -1 : node, tm.states());
    };
    auto true_short = [&](int node) {
        if (adder)
            return node == kAdderStart
                       ? std::string("start")
                       : std::string("c") + char('0' + adder_carry(node)) + "p" + char('0' + adder_printed(node));
        return node >= tm.states() ? std::string("start") : "T" + std::to_string(node);
    };
    // The net's: nodes placed where their adder node sits when that is one-to-one.
    std::vector<GraphNode> ln;
    std::vector<int> seen(static_cast<std::size_t>(true_start) + 1, 0);
    bool one_to_one = true;
    for (const AutomatonNode& n : a.nodes) {
        if (n.is_unknown) continue;
        const int k = n.adder_node >= 0 ? n.adder_node : (n.is_start ? true_start : -1);
        if (k < 0 || k > true_start || ++seen[static_cast<std::size_t>(k)] > 1) one_to_one = false;
    }
    for (std::size_t i = 0; i < a.nodes.size(); ++i) {
        const AutomatonNode& n = a.nodes[i];
        GraphNode g;
        g.title = n.is_unknown        ? "?"
                  : n.printed_bit < 0 ? "S" + std::to_string(n.id)
                                      : "p" + std::to_string(n.printed_bit);
        char sub[64];
        if (n.is_unknown)
            std::snprintf(sub, sizeof sub, "unknown");
        else if (n.adder_node >= 0)
            std::snprintf(sub, sizeof sub, "%s%s %.0f%%", n.is_start ? "start, " : "", true_short(n.adder_node).c_str(),
                          n.adder_purity * 100);
        else
            std::snprintf(sub, sizeof sub, "%s%d pts", n.is_start ? "start, " : "", static_cast<int>(n.count));
        g.sub = sub;
        g.color =
            n.is_unknown ? pal().unknown_node : true_color(n.is_start && n.adder_node < 0 ? true_start : n.adder_node);
        if (one_to_one && !n.is_unknown) {
            const int k = n.adder_node >= 0 ? n.adder_node : true_start;
            g.pos = adder              ? adder_pos(k)
                    : k >= tm.states() ? ImVec2(0.5f, 0.5f)  // a start-only state, in the middle
                                       : an[static_cast<std::size_t>(k)].pos;
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
    if (adder)
        ImGui::TextUnformatted("True adder (4 nodes + start)");
    else
        ImGui::Text("%s: its minimal machine (%d states)", task_name.c_str(), tm.states());
    draw_state_graph("adder_graph", an, true_edges, ImVec2(w, h));
    ImGui::EndGroup();
    if (side) ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::Text("Read out of the net (%d states)", a.states);
    std::vector<std::vector<int>> net_table;
    for (const auto& row : a.table) net_table.emplace_back(row.begin(), row.begin() + (a.inputs == 1 ? 2 : 4));
    draw_state_graph("net_graph", ln, group_edges(net_table, a.inputs), ImVec2(w, h));
    ImGui::EndGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped(
        "Edges: the column read, as the bits (a b; a alone for a one-input task). Node p0/p1: the bit the "
        "output prints from it; colour and the small label outside it: the true machine's state its hidden states "
        "really were at, and how many of them (%%).");
    ImGui::PopStyleColor();
}

}  // namespace carry
