// carry-cli tasks: the library of tasks (issue 19): each one's name, how many bits it reads per
// column, the size of its minimal machine (what automaton extraction compares a net against) and
// what it prints.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "cli/common.h"
#include "core/automaton.h"
#include "core/machine.h"
#include "core/trainer.h"

namespace carry::cli {
namespace {

struct TasksOptions {
    bool json = false;
    bool measure = false;
    int seeds = 10;            // seeds 1..seeds per hidden size
    int need = 8;              // solved seeds that count as "learns it"
    int max_hidden = 12;       // search upward from 1 to this
    long long budget = 40000;  // training sequences per seed
    std::string only;          // one task
};

// One task's figures: the fewest hidden units solving it in `need` of `seeds` seeds.
struct Measured {
    int hidden = 0;  // 0: none up to max_hidden
    int solved = 0;
    double median_sequences = 0, median_seconds = 0;
    int extracted_minimal = 0;  // solved nets whose extracted machine is the minimal one
};

double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

Measured measure(const Task& task, const TasksOptions& o) {
    Measured m;
    for (int h = 1; h <= o.max_hidden; ++h) {
        TrainConfig config;
        config.task = task;
        config.net.hidden = h;
        std::vector<double> seqs, secs;
        int minimal = 0;
        AutomatonOptions ao;
        ao.task = task;
        for (int seed = 1; seed <= o.seeds; ++seed) {
            const SolveResult r = train_until_solved(config, static_cast<std::uint64_t>(seed), o.budget);
            if (!r.solved) continue;
            const AutomatonResult a = extract_automaton(r.net, ao);
            if (a.equivalent && a.states == task_minimal_machine(task).states()) ++minimal;
            seqs.push_back(static_cast<double>(r.sequences));
            secs.push_back(r.seconds);
        }
        std::fprintf(stderr, "%s H=%d: %zu/%d solved\n", task.name.c_str(), h, seqs.size(), o.seeds);
        if (static_cast<int>(seqs.size()) < o.need) continue;
        m.hidden = h;
        m.solved = static_cast<int>(seqs.size());
        m.median_sequences = median(seqs);
        m.median_seconds = median(secs);
        m.extracted_minimal = minimal;
        return m;
    }
    return m;
}

int run_measure(const TasksOptions& o) {
    Json rows = Json::array();
    if (!o.json)
        std::printf("%-9s %6s %6s  %7s %6s %10s %9s  %s\n", "task", "inputs", "states", "hidden", "solved",
                    "median seq", "median s", "extraction");
    for (const Task& t : task_library()) {
        if (!o.only.empty() && t.name != o.only) continue;
        const Measured m = measure(t, o);
        const int states = task_minimal_machine(t).states();
        if (o.json) {
            rows.push_back(Json{{"name", t.name},
                                {"inputs", t.machine.inputs},
                                {"states", states},
                                {"hidden", m.hidden},
                                {"solved", m.solved},
                                {"seeds", o.seeds},
                                {"median_sequences", m.median_sequences},
                                {"median_seconds", m.median_seconds},
                                {"extracted_minimal", m.extracted_minimal}});
        } else if (m.hidden == 0) {
            std::printf("%-9s %6d %6d  %7s\n", t.name.c_str(), t.machine.inputs, states, "none");
        } else {
            std::printf("%-9s %6d %6d  %7d %3d/%-2d %10.0f %9.4f  minimal in %d of %d\n", t.name.c_str(),
                        t.machine.inputs, states, m.hidden, m.solved, o.seeds, m.median_sequences, m.median_seconds,
                        m.extracted_minimal, m.solved);
        }
        std::fflush(stdout);
    }
    if (o.json) print_json(Json{{"seeds", o.seeds}, {"need", o.need}, {"budget_sequences", o.budget}, {"tasks", rows}});
    return kExitOk;
}

int run_tasks(const TasksOptions& o) {
    if (o.measure) return run_measure(o);
    if (o.json) {
        Json rows = Json::array();
        for (const Task& t : task_library())
            rows.push_back(Json{{"name", t.name},
                                {"inputs", t.machine.inputs},
                                {"states", task_minimal_machine(t).states()},
                                {"arithmetic", t.arithmetic},
                                {"description", t.description},
                                {"table", encode_machine(t.machine)}});
        print_json(Json{{"tasks", rows}});
        return kExitOk;
    }
    std::printf("%-9s %6s %6s  %s\n", "task", "inputs", "states", "prints");
    for (const Task& t : task_library())
        std::printf("%-9s %6d %6d  %s\n", t.name.c_str(), t.machine.inputs, task_minimal_machine(t).states(),
                    t.description.c_str());
    std::printf(
        "\nstates: the minimal machine's. --task takes a name above or an encoded machine "
        "(m1.<inputs>.<start>.<state>...; `carry-cli tasks --json` shows each one's).\n");
    return kExitOk;
}

}  // namespace

Command add_tasks_command(CLI::App& root) {
    auto o = std::make_shared<TasksOptions>();
    CLI::App* sub = root.add_subcommand("tasks", "The library of tasks a net can learn (--task NAME elsewhere)");
    sub->add_flag("--json", o->json, "Print one JSON object on stdout");
    sub->add_flag("--measure", o->measure,
                  "Per task: the fewest hidden units (from 1 up) solving it in --need of --seeds seeds within "
                  "--budget sequences each (default settings, restarts included), the median sequences and seconds to "
                  "solve, and whether "
                  "extraction from each solved net finds the minimal machine (docs/tasks.md)");
    sub->add_option("--seeds", o->seeds, "Seeds 1..N per hidden size")
        ->check(CLI::Range(1, 100))
        ->capture_default_str();
    sub->add_option("--need", o->need, "Solved seeds needed")->check(CLI::Range(1, 100))->capture_default_str();
    sub->add_option("--max-hidden", o->max_hidden, "Largest hidden size tried")
        ->check(CLI::Range(1, 16))
        ->capture_default_str();
    sub->add_option("--budget", o->budget, "Training sequences per seed")
        ->check(CLI::Range(1LL, 1LL << 30))
        ->capture_default_str();
    sub->add_option("--only", o->only, "Measure one task");
    return {sub, [o] { return run_tasks(*o); }};
}

}  // namespace carry::cli
