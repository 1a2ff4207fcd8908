// carry-cli bench: training throughput in sequence-steps per second for H = 3 and 16, batch 1 and 32.
#include <cstdio>

#include "cli/common.h"
#include "core/bench.h"
#include "core/bptt.h"

namespace carry::cli {
namespace {

struct BenchOptions {
    double seconds = 0.5;
    bool json = false;
    bool baseline = false;
};

int run_bench(const BenchOptions& o) {
    force_baseline_kernels(o.baseline);
    const std::vector<BenchRow> rows = bench_default(o.seconds);
    if (o.json) {
        Json arr = Json::array();
        for (const auto& r : rows)
            arr.push_back(Json{{"hidden", r.hidden},
                               {"batch", r.batch},
                               {"bits", r.bits},
                               {"steps", r.steps},
                               {"seconds", r.seconds},
                               {"steps_per_second", r.steps_per_second}});
        print_json(Json{{"kernels", kernel_isa()}, {"rows", arr}});
    } else {
        std::printf(
            "training throughput (sequence-steps per second, %g s per row, %s kernels)\n  hidden  batch  bits   "
            "steps/s\n",
            o.seconds, kernel_isa());
        for (const auto& r : rows)
            std::printf("  %6d  %5d  %4d  %8.2fM\n", r.hidden, r.batch, r.bits, r.steps_per_second / 1e6);
    }
    return kExitOk;
}

}  // namespace

Command add_bench_command(CLI::App& root) {
    auto o = std::make_shared<BenchOptions>();
    CLI::App* sub = root.add_subcommand("bench", "Training throughput for H=3 and H=16, batch 1 and 32");
    sub->add_option("--seconds", o->seconds, "Minimum time per row")
        ->check(CLI::Range(0.001, 600.0))
        ->capture_default_str();
    sub->add_flag("--json", o->json, "Print one JSON object on stdout");
    sub->add_flag("--baseline-kernels", o->baseline, "Use the baseline (SSE2) kernels even where the CPU has AVX");
    return {sub, [o] { return run_bench(*o); }};
}

}  // namespace carry::cli
