// carry-cli eval: exact-sum and bit accuracy over random pairs of one length, optionally the
// length-generalization curve (8, 16, ... 4096 bits).
#include <cstdio>

#include "cli/common.h"
#include "core/eval.h"

namespace carry::cli {
namespace {

struct EvalOptions {
    std::string model;
    int bits = 64;
    int count = 1000;
    std::uint64_t seed = kDefaultSeed;
    bool curve = false;
    bool json = false;
    std::string task;
};

Json result_json(const EvalResult& r) {
    return Json{
        {"bits", r.bits}, {"count", r.count}, {"exact_accuracy", r.exact_accuracy}, {"bit_accuracy", r.bit_accuracy}};
}

int run_eval(const EvalOptions& o) {
    NetSource src;
    std::string error;
    if (!load_net(o.model, &src, &error, o.task)) return fail(o.json, error);
    const EvalResult r = evaluate(src.net, o.bits, o.count, o.seed, src.task);
    std::vector<EvalResult> curve;
    if (o.curve) curve = length_curve(src.net, default_curve_lengths(), o.count, o.seed, src.task);
    const bool add = is_add(src.task);

    if (o.json) {
        Json j = result_json(r);
        j["seed"] = o.seed;
        j["model"] = src.description;
        if (!add) j["task"] = encode_task(src.task);
        if (o.curve) {
            Json rows = Json::array();
            for (const auto& c : curve) rows.push_back(result_json(c));
            j["curve"] = rows;
        }
        print_json(j);
    } else {
        if (!add) std::printf("task %s: %s\n", encode_task(src.task).c_str(), src.task.description.c_str());
        std::printf(
            "%s on %d random %d-bit sums (seed %llu):\n  exact accuracy %.2f%%  (%d/%d)\n  bit accuracy   %.4f%%\n",
            src.description.c_str(), r.count, r.bits, static_cast<unsigned long long>(o.seed), 100.0 * r.exact_accuracy,
            r.exact_correct, r.count, 100.0 * r.bit_accuracy);
        if (o.curve) {
            std::printf("\nlength curve (%d sums per length):\n   bits   exact%%     bit%%\n", o.count);
            for (const auto& c : curve)
                std::printf("  %5d  %7.2f  %7.3f\n", c.bits, 100.0 * c.exact_accuracy, 100.0 * c.bit_accuracy);
        }
    }
    return kExitOk;
}

}  // namespace

Command add_eval_command(CLI::App& root) {
    auto o = std::make_shared<EvalOptions>();
    CLI::App* sub = root.add_subcommand("eval", "Accuracy of a net on random sums");
    sub->add_option("--model", o->model, "Model file (default: the built-in net)");
    sub->add_option("--bits", o->bits, "Bits per number")->check(CLI::Range(1, 4096))->capture_default_str();
    sub->add_option("--count", o->count, "Random pairs")->check(CLI::Range(1, 10000000))->capture_default_str();
    sub->add_option("--seed", o->seed, "Seed for the random pairs")->capture_default_str();
    add_task_option(sub, o->task);
    sub->add_flag("--curve", o->curve, "Also the length-generalization curve (8 .. 4096 bits)");
    sub->add_flag("--json", o->json, "Print one JSON object on stdout");
    return {sub, [o] { return run_eval(*o); }};
}

}  // namespace carry::cli
