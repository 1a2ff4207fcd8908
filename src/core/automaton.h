// automaton: reads a finite-state machine out of a trained net and compares it with the adder.
//
// Implements:
//   - true adder automaton: 4 nodes (carry after column t) x (sum bit of column t) + a start node
//   - collect_traces(): runs the net on random sums, keeps every hidden state and printed bit
//   - extract_automaton(): cluster hidden states -> transition table -> Moore minimization ->
//     product-automaton BFS against the adder (shortest counterexample when not equivalent)
//   - the graph (nodes, labelled edges, printed bits, matched adder nodes) a UI can draw
//
// Timing: h(t+1) has read columns 0..t; the output it drives, o(t+2), is the sum bit of column t.
// So a hidden state h(t+1) belongs with the adder node "carry out of column t, printed sum bit of
// column t", and h(0) with the start node (nothing read, nothing printed yet: its printed bit is
// a don't-care, never compared).
//
// Clustering: farthest-first traversal (Gonzalez's k-center) grows centres one at a time, each new
// centre being the point farthest from all centres so far, until every point lies within
// `radius` of a centre; a few Lloyd (k-means) passes then move centres to their members' means.
// Deterministic (no random seeding), needs no k in advance, and never merges two activity
// patterns farther apart than 2*radius. Over-splitting one pattern into several clusters is
// harmless: minimization merges clusters that behave the same. A cluster whose states print
// different bits is then split by printed bit (a solved net can hold two adder nodes within the
// radius, just either side of the output's threshold: seeds 10 and 20 of the defaults do). A
// transition never seen in the data is filled by running the net one step from the cluster's
// centre (flagged `inferred`) and taking the nearest centre among the clusters printing its bit.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/machine.h"
#include "core/net.h"

namespace carry {

// Input column code: a + 2*b (0..3). Its label is "ab", e.g. code 1 -> "10" (a=1, b=0).
inline constexpr int kColumnCodes = 4;
std::string column_label(int code);

// Adder nodes: id = 2*carry + printed sum bit (0..3), plus the start node.
inline constexpr int kAdderNodes = 4;
inline constexpr int kAdderStart = 4;
int adder_next(int node, int column_code);  // node after reading a column
inline int adder_carry(int node) { return node == kAdderStart ? 0 : node >> 1; }
inline int adder_printed(int node) { return node == kAdderStart ? -1 : node & 1; }
std::string adder_node_name(int node);  // "carry 1, print 0", "start"

// One run of a net over one sum: h(0)..h(T), the bit the output shows from each, columns 0..T-1.
struct AutomatonTrace {
    std::vector<double> states;         // (T+1, H) row-major
    std::vector<std::uint8_t> printed;  // T+1: [net_output(h(t)) >= 0.5]
    std::vector<std::uint8_t> columns;  // T: column code fed at step t
};

struct AutomatonOptions {
    int pairs = 300;         // random sums to run
    int bits = 32;           // length of each sum (plus the pad column)
    std::uint64_t seed = 1;  // for the random sums
    double radius = 0.2;     // cluster radius in activity space (Euclidean; activities are in [0,1])
    int max_clusters = 64;   // cap on clusters
    int lloyd_iterations = 10;
    // The task the net was trained on (issue 19): its inputs, and the minimal machine the result is
    // compared with. For a one-input task only columns 0 and 1 are read: the table's entries for
    // codes 2 and 3 repeat those for 0 and 1 (b is ignored, as the machine ignores it).
    Task task = add_task();
};

// A cluster of hidden states (one observed activity pattern).
struct AutomatonCluster {
    std::vector<double> centroid;  // H
    std::size_t count = 0;         // states in it
    int printed_bit = 0;           // majority printed bit of its members
    int state = -1;                // minimized state it belongs to (-1: unreachable)
};

// A state of the minimized machine: a node of the drawn graph.
struct AutomatonNode {
    int id = 0;
    int printed_bit = 0;  // -1 for a start-only state (printed bit never used)
    bool is_start = false;
    bool is_unknown = false;  // the sink for transitions that could not be determined
    // The task machine's state (a state of task_minimal_machine(task); for add, the adder node ids
    // above; true_states(): start, before any column) most of its hidden states really were at.
    int adder_node = -1;
    double adder_purity = 0.0;     // fraction of its hidden states (h(0) aside) at that state
    std::vector<int> clusters;     // clusters merged into it
    std::vector<double> centroid;  // mean hidden activity (count-weighted), H
    std::size_t count = 0;
};

struct AutomatonEdge {
    int from = 0, to = 0;
    std::vector<int> columns;  // column codes taking `from` to `to`
    std::string label;         // e.g. "00,11"
};

struct AutomatonResult {
    int hidden = 0;
    std::size_t points = 0;             // hidden states clustered
    int clusters = 0;                   // activity patterns found
    bool start_only_cluster = false;    // h(0) forms a cluster of its own (counted in `clusters`)
    bool hit_cluster_cap = false;       // radius not reached within max_clusters
    double max_radius = 0.0;            // largest distance of a state to its cluster centre
    int states = 0;                     // after minimization (sink excluded)
    bool equivalent = false;            // same printed bits as the adder on every input
    bool complete = true;               // every reachable transition observed in the data
    int inferred_transitions = 0;       // filled by stepping the net from a centre
    double transition_agreement = 1.0;  // observed transitions that agree with the table
    double output_agreement = 1.0;      // states printing their cluster's majority bit, before the split

    // Shortest input (column codes, first column first) after which the two machines print
    // different bits; empty when equivalent. Also as two numbers, MSB-first text.
    std::vector<int> counterexample;
    std::string counterexample_a, counterexample_b;
    int counterexample_expected = -1;  // adder's printed bit after it
    int counterexample_got = -1;       // extracted machine's (2 = unknown)

    // The task's minimal machine, the truth the result is compared with (issue 19): its states'
    // names, then "start" (node id true_names.size() - 1, h(0) before any column). For add, exactly
    // adder_node_name() of the ids 0..kAdderStart.
    std::vector<std::string> true_names;
    int inputs = 2;  // bits per column of the task

    std::vector<AutomatonCluster> cluster_list;
    std::vector<AutomatonNode> nodes;  // minimized states
    std::vector<AutomatonEdge> edges;
    int start = 0;                                     // node id of h(0)
    std::vector<std::array<int, kColumnCodes>> table;  // minimized transition table, [node][code]
};

// How to read and drive the net, so extraction works on any recurrent net shaped like ours.
struct AutomatonNetHooks {
    int hidden = 0;
    // Hidden state after one column (for transitions never seen in the data).
    std::function<std::vector<double>(const std::vector<double>& h, int column_code)> step;
    // Printed bit from a hidden state.
    std::function<int(const std::vector<double>& h)> printed;
};

AutomatonNetHooks automaton_hooks(const Net& net);

// A task machine state's name in a result ("carry 1, print 0", "remainder 2, print 0", "start").
std::string true_node_name(const AutomatonResult& r, int node);

// Runs `net` on options.pairs random sums of options.bits bits.
std::vector<AutomatonTrace> collect_traces(const Net& net, const AutomatonOptions& options);

// The whole pipeline from traces (testable without a net).
AutomatonResult extract_automaton(const std::vector<AutomatonTrace>& traces, const AutomatonNetHooks& hooks,
                                  const AutomatonOptions& options);

// collect_traces + extract_automaton.
AutomatonResult extract_automaton(const Net& net, const AutomatonOptions& options = {});

}  // namespace carry
