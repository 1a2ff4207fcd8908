// carry-bench: Carry's rows of bench/run.py, natively and compiled to WebAssembly (run under Node).
//
//   carry-bench throughput H B BITS SECONDS   -> {"steps_per_second": ...}
//   carry-bench core SECONDS                  -> the core issue's rows: 64-bit sums, H=3,16 x B=1,32
//   carry-bench solve H B BITS SEED MAX_SEQ   -> {"solved":..,"sequences":..,"seconds":..}
//   carry-bench all SECONDS SEED_LO SEED_HI MAX_SEQ BUDGET
//       -> the peers' report (bench/peers/common.py): throughput for H=3,16 x B=1,32 at 8 bits,
//          then time to solve (H=3, batch 8) for each seed while BUDGET wall seconds last.
//
// Both print one JSON line. CARRY_KERNELS=baseline in the environment runs the baseline (SSE2)
// kernels where the CPU has AVX (see core/bptt.h); `core` reports which ran. The recipe
// (bench/peers/RECIPE.md) is the one every peer follows.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <string>

#include "core/bench.h"
#include "core/bptt.h"
#include "core/trainer.h"

namespace {

int usage() {
    std::fprintf(stderr,
                 "usage: carry-bench throughput H B BITS SECONDS | core SECONDS | solve H B BITS SEED MAX_SEQUENCES\n"
                 "       carry-bench all SECONDS SEED_LO SEED_HI MAX_SEQUENCES BUDGET_SECONDS\n");
    return 2;
}

carry::TrainConfig solve_config(int hidden, int batch, int bits) {
    carry::TrainConfig c;
    c.net.hidden = hidden;
    c.batch = batch;
    c.min_bits = c.max_bits = bits;  // fixed-length training operands
    c.curriculum = false;
    c.restart_after = 0;  // peers do not restart either
    return c;
}

std::string throughput_json(const carry::BenchRow& r) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "{\"hidden\": %d, \"batch\": %d, \"bits\": %d, \"steps\": %lld, \"seconds\": %.6f, "
                  "\"steps_per_second\": %.3f}",
                  r.hidden, r.batch, r.bits, r.steps, r.seconds, r.steps_per_second);
    return buf;
}

std::string solve_json(std::uint64_t seed, const carry::SolveResult& r) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "{\"seed\": %llu, \"run\": true, \"solved\": %s, \"sequences\": %lld, \"seconds\": %.6f, "
                  "\"exact_accuracy_64\": %.4f, \"cut_by_budget\": false}",
                  static_cast<unsigned long long>(seed), r.solved ? "true" : "false", r.sequences, r.seconds,
                  r.exact_accuracy_64);
    return buf;
}

using Clock = std::chrono::steady_clock;
constexpr int kSlices = 5;

// Best of kSlices slices of secs / kSlices each: the machine is shared, and a slice that lost the
// CPU to another process says nothing about the code. Steps and seconds are the totals.
std::string best_of_slices(int h, int b, int bits, double secs) {
    carry::BenchRow best = carry::bench_training(h, b, bits, secs / kSlices);
    long long steps = best.steps;
    double seconds = best.seconds;
    for (int k = 1; k < kSlices; ++k) {
        const carry::BenchRow r = carry::bench_training(h, b, bits, secs / kSlices);
        steps += r.steps;
        seconds += r.seconds;
        if (r.steps_per_second > best.steps_per_second) best = r;
    }
    std::string j = throughput_json(best);
    j.pop_back();
    char tail[128];
    std::snprintf(tail, sizeof tail, ", \"total_steps\": %lld, \"total_seconds\": %.6f, \"slices\": %d}", steps,
                  seconds, kSlices);
    return j + tail;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    if (const char* k = std::getenv("CARRY_KERNELS"); k && std::strcmp(k, "baseline") == 0)
        carry::force_baseline_kernels(true);
    if (std::strcmp(argv[1], "throughput") == 0 && argc == 6) {
        const int h = std::atoi(argv[2]), b = std::atoi(argv[3]), bits = std::atoi(argv[4]);
        const double secs = std::atof(argv[5]);
        carry::bench_training(h, b, bits, secs * 0.2);  // warm-up (and, in wasm, V8's tier-up)
        std::printf("%s\n", throughput_json(carry::bench_training(h, b, bits, secs)).c_str());
        return 0;
    }
    if (std::strcmp(argv[1], "core") == 0 && argc == 3) {
        // The core issue's figures: 64-bit training sums, H = 3 and 16, batch 1 and 32.
        const double secs = std::atof(argv[2]);
        std::string out = std::string("{\"bits\": 64, \"kernels\": \"") + carry::kernel_isa() + "\", \"throughput\": [";
        for (int h : {3, 16})
            for (int b : {1, 32}) {
                carry::bench_training(h, b, 64, secs * 0.3);  // warm-up (and, in wasm, V8's tier-up)
                out += (h == 3 && b == 1 ? "" : ", ") + best_of_slices(h, b, 64, secs);
            }
        std::printf("%s]}\n", out.c_str());
        return 0;
    }
    if (std::strcmp(argv[1], "solve") == 0 && argc == 7) {
        const auto seed = std::strtoull(argv[5], nullptr, 10);
        const carry::TrainConfig c = solve_config(std::atoi(argv[2]), std::atoi(argv[3]), std::atoi(argv[4]));
        std::printf("%s\n", solve_json(seed, carry::train_until_solved(c, seed, std::atoll(argv[6]))).c_str());
        return 0;
    }
    if (std::strcmp(argv[1], "all") == 0 && argc == 7) {
        const double secs = std::atof(argv[2]);
        const int lo = std::atoi(argv[3]), hi = std::atoi(argv[4]);
        const long long max_seq = std::atoll(argv[5]);
        const double budget = std::atof(argv[6]);
        std::string out = "{\"throughput\": [";
        bool first = true;
        for (int h : {3, 16})
            for (int b : {1, 32}) {
                carry::bench_training(h, b, 8, secs * 0.3);  // warm-up
                out += (first ? "" : ", ") + best_of_slices(h, b, 8, secs);
                first = false;
            }
        out += "], \"solve\": [";
        const auto t_all = Clock::now();
        for (int seed = lo; seed <= hi; ++seed) {
            if (seed > lo) out += ", ";
            if (std::chrono::duration<double>(Clock::now() - t_all).count() >= budget) {
                out += "{\"seed\": " + std::to_string(seed) + ", \"run\": false}";
                continue;
            }
            const auto s = static_cast<std::uint64_t>(seed);
            out += solve_json(s, carry::train_until_solved(solve_config(3, 8, 8), s, max_seq));
        }
        out += "]}";
        std::printf("%s\n", out.c_str());
        return 0;
    }
    return usage();
}
