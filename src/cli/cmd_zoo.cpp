// carry-cli zoo: trains every model of the lecture's zoo (issue 9) on the same addition streams
// and prints one table: parameters, training time, exact-sum accuracy at each length (8 .. 256
// bits) and a verdict per model. --json: one object with a `models` list (core/zoo/runner.h).
// Then the remedies for long-range sums and the delay range (issue 20, cli/zoo_remedies.h):
// "remedies" in the JSON, more tables in the text; --no-remedies leaves them out.
#include <chrono>
#include <exception>
#include <memory>
#include <cstdio>
#include <string>

#include "cli/common.h"
#include "cli/zoo_init.h"
#include "cli/zoo_remedies.h"
#include "core/zoo/runner.h"

namespace carry::cli {
namespace {

struct ZooOptions {
    std::uint64_t seed = kDefaultSeed;
    int taps = 4;
    int hmm_states = 2;
    bool quick = false;
    bool json = false;
    bool init = false;  // issue 20: initialization x momentum, initial state, interleaved sums
    bool remedies = true;
    int remedies_seeds = 0;
    std::string task;
};

Json model_json(const zoo::ZooConfig& c, const zoo::ModelResult& r) {
    Json by_bits = Json::object(), cannot = Json::array();
    for (std::size_t i = 0; i < c.test_bits.size(); ++i) {
        const std::string key = std::to_string(c.test_bits[i]);
        by_bits[key] = r.exact_by_bits[i];
        if (!r.takes_bits[i]) cannot.push_back(c.test_bits[i]);
    }
    Json j{{"name", r.name},
           {"params", r.params},
           {"train_seconds", r.train_seconds},
           {"exact_accuracy_by_bits", by_bits},
           {"cannot_take_bits", cannot},
           {"bit_accuracy", r.bit_accuracy}};
    if (r.reach_scored) {
        // Bucket "12" holds every sum whose longest carry chain reaches 12 columns or more.
        Json reach = Json::object();
        for (int b = 0; b < zoo::kReachBuckets; ++b) {
            const auto bi = static_cast<std::size_t>(b);
            if (r.reach_pairs[bi] == 0) continue;
            reach[std::to_string(b)] = Json{{"pairs", r.reach_pairs[bi]}, {"exact_accuracy", r.reach_exact[bi]}};
        }
        j["exact_accuracy_by_carry_reach"] = reach;
    } else {
        j["exact_accuracy_by_carry_reach"] = nullptr;  // it cannot take the carry-reach pairs
    }
    j["verdict"] = r.verdict;
    return j;
}

int run_zoo(const ZooOptions& o) {
    zoo::ZooConfig c = o.quick ? zoo::zoo_quick_config() : zoo::ZooConfig{};
    c.seed = o.seed;
    c.taps = o.taps;
    c.hmm_states = o.hmm_states;
    if (!o.task.empty()) {
        std::string why;
        const std::optional<Task> task = parse_task(o.task, &why);
        if (!task) return fail(o.json, "--task: " + why);
        c.task = *task;
    }
    const bool add = is_add(c.task);
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<zoo::ZooRunner> runner;
    try {
        runner = std::make_unique<zoo::ZooRunner>(c);
    } catch (const std::exception& e) {
        return fail(o.json, std::string("zoo: ") + e.what());
    }
    const bool progress = !o.json && stderr_is_tty();
    while (!runner->step(100.0))
        if (progress) std::fprintf(stderr, "\r%-60s", runner->status().c_str());
    std::unique_ptr<zoo::RemediesRunner> remedies;
    std::unique_ptr<zoo::DelayRangeRunner> delay;
    if (o.remedies && add) {  // the remedies are measured on addition's carry chains
        remedies = std::make_unique<zoo::RemediesRunner>(remedies_cli_config(o.quick, c.seed, o.remedies_seeds));
        while (!remedies->step(100.0))
            if (progress) std::fprintf(stderr, "\r%-60s", remedies->status().c_str());
        // and on the delay tasks at growing lags
        delay = std::make_unique<zoo::DelayRangeRunner>(delay_range_cli_config(o.quick, c.seed, o.remedies_seeds));
        while (!delay->step(100.0))
            if (progress) std::fprintf(stderr, "\r%-60s", delay->status().c_str());
    }
    if (progress) std::fprintf(stderr, "\r%-60s\r", "");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    if (o.json) {
        Json models = Json::array();
        for (const auto& r : runner->results()) models.push_back(model_json(c, r));
        Json j{{"seed", c.seed},
               {"quick", o.quick},
               {"taps", c.taps},
               {"hmm_states", c.hmm_states},
               {"train_pairs", c.train_pairs},
               {"train_bits", Json::array({c.min_bits, c.max_bits})},
               {"test_pairs_per_length", c.test_pairs},
               {"seconds", seconds},
               {"models", models},
               {"remedies", remedies ? remedies_json(*remedies, delay.get()) : Json(nullptr)}};
        if (!add) {  // the adder's output stays as it was
            j["task"] = encode_task(c.task);
            j["not_run"] = zoo::zoo_skipped_models(c.task);
        }
        if (o.init && add) j.update(run_zoo_init(o.quick, false));
        print_json(j);
        return kExitOk;
    }
    if (!add) {
        std::printf("task %s: %s\n", encode_task(c.task).c_str(), c.task.description.c_str());
        std::printf("not run (built for addition, they do not apply to other tasks):");
        const auto skipped = zoo::zoo_skipped_models(c.task);
        for (std::size_t i = 0; i < skipped.size(); ++i) std::printf("%s %s", i ? "," : "", skipped[i].c_str());
        std::printf("\n\n");
    }
    std::printf(
        "The lecture's models on the same sums: %d training pairs of %d..%d bits (seed %llu);\n"
        "exact-sum accuracy on %d random pairs at each length (\"-\": cannot take that width).\n\n",
        c.train_pairs, c.min_bits, c.max_bits, static_cast<unsigned long long>(c.seed), c.test_pairs);
    std::printf("%-26s %7s %8s", "model", "params", "train s");
    for (int n : c.test_bits) std::printf(" %6d", n);
    std::printf("  (bits)\n");
    for (const auto& r : runner->results()) {
        std::printf("%-26s %7zu %8.3f", r.name.c_str(), r.params, r.train_seconds);
        for (std::size_t i = 0; i < c.test_bits.size(); ++i) {
            // One decimal near the ends, so 99.5% never reads as 100% (nor 0.5% as 0%).
            const double pct = 100.0 * r.exact_by_bits[i];
            const bool near_end = (pct > 99.0 && pct < 100.0) || (pct > 0.0 && pct < 1.0);
            if (r.takes_bits[i])
                std::printf(near_end ? " %5.1f%%" : " %5.0f%%", pct);
            else
                std::printf(" %6s", "-");
        }
        std::printf("\n");
    }
    std::printf("\n");
    for (const auto& r : runner->results()) std::printf("%s: %s\n", r.name.c_str(), r.verdict.c_str());
    if (o.init && add) run_zoo_init(o.quick, true);
    if (remedies) print_remedies(*remedies, delay.get());
    std::printf("\n(%.1f s)\n", seconds);
    return kExitOk;
}

}  // namespace

Command add_zoo_command(CLI::App& root) {
    auto o = std::make_shared<ZooOptions>();
    CLI::App* sub = root.add_subcommand(
        "zoo", "The lecture's models (delay taps, fixed width, LDS, HMM, RNN, LSTM) on the same sums");
    sub->add_option("--seed", o->seed, "Random seed (training pairs, test pairs, initial weights)")
        ->capture_default_str();
    sub->add_option("--taps", o->taps, "Delay taps k of the autoregressive and feed-forward taps models")
        ->check(CLI::Range(1, 8))
        ->capture_default_str();
    sub->add_option("--hmm-states", o->hmm_states, "States N of the hidden Markov model")
        ->check(CLI::Range(1, 16))
        ->capture_default_str();
    add_task_option(sub, o->task);
    sub->add_flag("--quick", o->quick, "A small run (fewer pairs, smaller budgets): a few seconds");
    sub->add_flag("--init", o->init,
                  "Also measure initialization x momentum, the initial state and the RNN on two interleaved sums "
                  "(minutes; --quick: seconds)");
    sub->add_flag("--json", o->json, "Print one JSON object on stdout");
    sub->add_option("--remedies-seeds", o->remedies_seeds,
                    "Nets per optimizer and training set in the remedies section (default: 3, --quick 2)")
        ->check(CLI::Range(1, 20));
    sub->add_flag("--no-remedies{false}", o->remedies,
                  "Leave out the remedies for long-range sums (ESN, Hessian-free, SGD and Adam on long carry chains)");
    return {sub, [o] { return run_zoo(*o); }};
}

}  // namespace carry::cli
