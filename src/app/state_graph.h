// state_graph: a finite-state machine drawn as a graph: circles for states (the bit each prints
// inside, a label outside), curved arrows labelled with the columns that take one state to another,
// self-loops on the outward side. The automaton view (the net's machine beside the task's) and the
// task designer both draw with it.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "imgui.h"

namespace carry {

struct GraphNode {
    std::string title;  // inside the circle ("p1")
    std::string sub;    // beside it, on its outward side ("carry"); may be empty
    ImU32 color;
    ImVec2 pos;  // in [0,1]^2 of the graph's box
};
struct GraphEdge {
    int from, to;
    std::string label;  // the columns taking `from` to `to`, e.g. "00,11"
};

// Draws the graph in a bordered child of `size`. Circles shrink when there are many states.
void draw_state_graph(const char* id, const std::vector<GraphNode>& nodes, const std::vector<GraphEdge>& edges,
                      ImVec2 size);

// A column code's label: "ab" for two-input columns (code 1 -> "10": a = 1, b = 0), "0"/"1" for one.
std::string column_bits(int code, int inputs);

// One edge per (from, to) pair, labelled with every column code taking `from` there, in code order.
// table[state][code]; a negative target is skipped.
std::vector<GraphEdge> group_edges(const std::vector<std::vector<int>>& table, int inputs);

// Node i of n on a circle, the first on the left (where the start state goes).
ImVec2 circle_position(int i, int n);

// A colour per state of a machine with `states` states (colour-blind-safe hues first, then a wheel);
// state < 0 (a start-only state): grey.
std::array<float, 3> state_rgb(int state, int states);
ImU32 state_color(int state, int states);

}  // namespace carry
