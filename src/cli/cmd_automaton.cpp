// carry-cli automaton: extracts a finite-state machine from the net's hidden activity, minimizes
// it, and checks it against the adder automaton (see core/automaton.h).
#include <cstdio>

#include "cli/common.h"
#include "core/automaton.h"

namespace carry::cli {
namespace {

struct AutomatonCliOptions {
    std::string model;
    AutomatonOptions extract;
    bool json = false;
    std::string task;
};

std::string state_name(const AutomatonResult& r, int id) {
    return r.nodes[static_cast<std::size_t>(id)].is_unknown ? "?" : "S" + std::to_string(id);
}

Json result_json(const AutomatonResult& r, const std::string& model, const Task& task) {
    Json nodes = Json::array();
    for (const auto& n : r.nodes) {
        Json node{{"id", n.id},
                  {"printed_bit", n.printed_bit},
                  {"start", n.is_start},
                  {"unknown", n.is_unknown},
                  {"adder_node", n.adder_node},
                  {"adder_node_name", true_node_name(r, n.adder_node)},
                  {"adder_purity", n.adder_purity},
                  {"clusters", n.clusters},
                  {"centroid", n.centroid},
                  {"count", n.count}};
        nodes.push_back(node);
    }
    Json edges = Json::array();
    for (const auto& e : r.edges)
        edges.push_back(Json{{"from", e.from}, {"to", e.to}, {"columns", e.columns}, {"label", e.label}});
    Json clusters = Json::array();
    for (const auto& c : r.cluster_list)
        clusters.push_back(
            Json{{"centroid", c.centroid}, {"count", c.count}, {"printed_bit", c.printed_bit}, {"state", c.state}});
    Json j{{"model", model},
           {"hidden", r.hidden},
           {"points", r.points},
           {"clusters", r.clusters},
           {"states", r.states},
           {"equivalent", r.equivalent},
           {"complete", r.complete},
           {"inferred_transitions", r.inferred_transitions},
           {"max_radius", r.max_radius},
           {"start_only_cluster", r.start_only_cluster},
           {"hit_cluster_cap", r.hit_cluster_cap},
           {"transition_agreement", r.transition_agreement},
           {"output_agreement", r.output_agreement},
           {"start", r.start}};
    if (!r.equivalent) {
        Json cols = Json::array();
        for (int c : r.counterexample) cols.push_back(column_label(c));
        j["counterexample"] = Json{{"columns", cols},
                                   {"a", r.counterexample_a},
                                   {"b", r.counterexample_b},
                                   {"adder_prints", r.counterexample_expected},
                                   {"automaton_prints", r.counterexample_got}};
    } else {
        j["counterexample"] = nullptr;
    }
    if (!is_add(task)) {
        j["task"] = encode_task(task);
        j["task_states"] = task_minimal_machine(task).states();
    }
    j["nodes"] = nodes;
    j["edges"] = edges;
    j["cluster_list"] = clusters;
    return j;
}

void print_text(const AutomatonResult& r, const std::string& model, const AutomatonOptions& o) {
    // The adder's wording stays as it was; another task is named by its machine.
    const bool add = is_add(o.task);
    const std::string truth = add ? "adder automaton" : encode_task(o.task) + " machine";
    if (!add)
        std::printf("task %s: %s (minimal machine: %d states)\n", encode_task(o.task).c_str(),
                    o.task.description.c_str(), task_minimal_machine(o.task).states());
    std::printf("automaton of %s (H=%d): %zu hidden states from %d random %d-bit sums\n", model.c_str(), r.hidden,
                r.points, o.pairs, o.bits);
    std::printf("clusters (activity patterns within radius %.2f): %d%s%s; largest distance to a centre %.3f\n",
                o.radius, r.clusters, r.start_only_cluster ? ", one of them h(0) alone" : "",
                r.hit_cluster_cap ? " (cap reached)" : "", r.max_radius);
    std::printf("states after minimizing: %d\n\n", r.states);
    if (add)
        std::printf("  state  prints  adder node (purity)        next on column ab=00  10  01  11   activity\n");
    else if (r.inputs == 1)
        std::printf("  state  prints  task state (purity)        next on column 0   1     activity\n");
    else
        std::printf("  state  prints  task state (purity)        next on column ab=00  10  01  11   activity\n");
    for (const auto& n : r.nodes) {
        std::printf("  %s%-4s  %-6s  %-18s (%5.1f%%)  ", n.is_start ? ">" : " ", state_name(r, n.id).c_str(),
                    n.printed_bit < 0    ? "-"
                    : n.printed_bit == 2 ? "?"
                                         : std::to_string(n.printed_bit).c_str(),
                    true_node_name(r, n.adder_node).c_str(), 100.0 * n.adder_purity);
        std::printf("                  ");
        for (int c = 0; c < (r.inputs == 1 ? 2 : kColumnCodes); ++c)
            std::printf("%-4s",
                        state_name(r, r.table[static_cast<std::size_t>(n.id)][static_cast<std::size_t>(c)]).c_str());
        for (double x : n.centroid) std::printf(" %.2f", x);
        std::printf("\n");
    }
    if (r.inputs == 1)
        std::printf("\n(> marks h(0); column: the input bit)\n");
    else
        std::printf("\n(> marks h(0); column ab: a = bit of the first number, b = of the second)\n");
    if (!r.complete)
        std::printf("%d transition(s) never seen in the data were filled by stepping the net from a centre\n",
                    r.inferred_transitions);
    if (r.equivalent) {
        std::printf("equivalent to the %s: yes\n", truth.c_str());
    } else if (add) {
        std::printf("equivalent to the adder automaton: NO\n  shortest counterexample: columns");
        for (int c : r.counterexample) std::printf(" %s", column_label(c).c_str());
        std::printf(
            " (first column first), i.e. %s + %s:\n  after them the adder prints %d, the extracted machine prints %s\n",
            r.counterexample_a.c_str(), r.counterexample_b.c_str(), r.counterexample_expected,
            r.counterexample_got == 2 ? "nothing known" : std::to_string(r.counterexample_got).c_str());
    } else {
        std::printf("equivalent to the %s: NO\n  shortest counterexample: columns", truth.c_str());
        for (int c : r.counterexample)
            std::printf(" %s", r.inputs == 1 ? std::to_string(c & 1).c_str() : column_label(c).c_str());
        std::printf(" (first column first):\n  after them the task prints %d, the extracted machine prints %s\n",
                    r.counterexample_expected,
                    r.counterexample_got == 2 ? "nothing known" : std::to_string(r.counterexample_got).c_str());
    }
}

int run_automaton(const AutomatonCliOptions& o) {
    NetSource src;
    std::string error;
    if (!load_net(o.model, &src, &error, o.task)) return fail(o.json, error);
    AutomatonOptions extract = o.extract;
    extract.task = src.task;
    const AutomatonResult r = extract_automaton(src.net, extract);
    if (o.json)
        print_json(result_json(r, src.description, src.task));
    else
        print_text(r, src.description, extract);
    return kExitOk;
}

}  // namespace

Command add_automaton_command(CLI::App& root) {
    auto o = std::make_shared<AutomatonCliOptions>();
    CLI::App* sub = root.add_subcommand(
        "automaton", "Extract the net's finite-state machine and compare it with the task's (the adder)");
    sub->add_option("--model", o->model, "Model file (default: the built-in net)");
    sub->add_option("--pairs", o->extract.pairs, "Random sums to run")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    sub->add_option("--bits", o->extract.bits, "Bits per number")->check(CLI::Range(1, 4096))->capture_default_str();
    sub->add_option("--seed", o->extract.seed, "Seed for the random sums")->capture_default_str();
    sub->add_option("--radius", o->extract.radius, "Cluster radius in activity space")
        ->check(CLI::Range(1e-6, 10.0))
        ->capture_default_str();
    sub->add_option("--max-clusters", o->extract.max_clusters, "Cap on clusters")
        ->check(CLI::Range(1, 1024))
        ->capture_default_str();
    add_task_option(sub, o->task);
    sub->add_flag("--json", o->json, "Print one JSON object on stdout");
    return {sub, [o] { return run_automaton(*o); }};
}

}  // namespace carry::cli
