// carry_soak: the native soak driver (tools/soak.py runs it). It does, frame by frame at 60 Hz, the
// core work the playground does: trains within a per-frame time budget, steps the addition
// animation (a Stepper over a fresh random pair whenever one finishes, with its BPTT backward now
// and then), validates, saves and reloads the model, and resets now and then: a new seed and a new
// settings mix every --reset-every seconds (the tuned defaults, H=16 on 64-bit sums, Adam, and a
// learning rate of 1e6 that keeps the divergence guard busy). Only the core: no window, no GL.
//
// Prints one CSV line per second on stdout:
//   t_s,frames,frame_ms_mean,frame_ms_p99,frame_ms_max,cpu_ms_mean,rss_kb,sequences,resets,divergences,phase
// frame_ms is wall time of a frame's work (what a student would feel, including time the OS gave
// to other processes); cpu_ms is this thread's CPU time for it (the work itself).
// and exits 1 if a loss or weight ever goes non-finite.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <time.h>
#include <vector>

#include "core/eval.h"
#include "core/model_file.h"
#include "core/stepper.h"
#include "core/task.h"
#include "core/trainer.h"

using namespace carry;
using Clock = std::chrono::steady_clock;

static long rss_kb() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return -1;
    long pages = 0, resident = 0;
    const int n = std::fscanf(f, "%ld %ld", &pages, &resident);
    std::fclose(f);
    return n == 2 ? resident * 4 : -1;  // 4 KiB pages on x86_64 Linux
}

static double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static TrainConfig phase_config(int phase, const char** name) {
    TrainConfig c;
    switch (phase % 4) {
        case 0: *name = "default"; break;
        case 1:
            *name = "h16-64bit";
            c.net.hidden = 16;
            c.min_bits = c.max_bits = 64;
            c.curriculum = false;
            break;
        case 2:
            *name = "adam";
            c.optim.kind = OptimizerKind::Adam;
            c.optim.lr = 0.01;
            break;
        default:
            *name = "lr1e6";
            c.optim.lr = 1e6;
            c.optim.clip_norm = 0.0;
            break;
    }
    return c;
}

int main(int argc, char** argv) {
    double seconds = 30.0, reset_every = 20.0, budget_ms = 6.0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--seconds"))
            seconds = std::atof(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--reset-every"))
            reset_every = std::atof(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--budget-ms"))
            budget_ms = std::atof(argv[i + 1]);
        else {
            std::fprintf(stderr, "usage: %s [--seconds S] [--reset-every S] [--budget-ms MS]\n", argv[0]);
            return 2;
        }
    }
    std::printf(
        "t_s,frames,frame_ms_mean,frame_ms_p99,frame_ms_max,cpu_ms_mean,rss_kb,sequences,resets,divergences,phase\n");
    std::fflush(stdout);

    const auto start = Clock::now();
    const auto frame_period = std::chrono::microseconds(16667);
    auto next_frame = start;
    int phase = 0, resets = 0;
    const char* phase_name = "";
    auto trainer = std::make_unique<Trainer>(phase_config(phase, &phase_name), 1);
    Rng anim_rng(99);
    auto make_stepper = [&] {
        auto s = std::make_unique<Stepper>(trainer->net(), random_pair(anim_rng, 4, 256));
        return s;
    };
    std::unique_ptr<Stepper> stepper = make_stepper();
    long long divergences = 0, frames_total = 0;
    double next_reset = reset_every, next_report = 1.0, next_validate = 5.0;
    std::vector<double> window;  // frame times of the current second
    double cpu_sum = 0.0;        // CPU ms of the current second's frames
    std::string model_json;
    bool reload_warned = false;

    for (;;) {
        const double t = std::chrono::duration<double>(Clock::now() - start).count();
        if (t >= seconds) break;
        const auto f0 = Clock::now();
        const double c0 = thread_cpu_ms();

        // Reset now and then: new seed, next settings mix.
        // A solved net starts over at once with the next seed (same settings), so the training
        // load stays up: the defaults solve in a few milliseconds of training.
        if (t >= next_reset || trainer->solved()) {
            if (t >= next_reset) {
                next_reset = t + reset_every;
                ++phase;
            }
            ++resets;
            trainer = std::make_unique<Trainer>(phase_config(phase, &phase_name), 1000 + resets);
            stepper = make_stepper();
        }
        // Training within the frame budget (whole minibatches), as the playground at full speed.
        while (std::chrono::duration<double, std::milli>(Clock::now() - f0).count() < budget_ms) {
            const StepResult r = trainer->step(1);
            if (!std::isfinite(r.loss)) {
                std::fprintf(stderr, "soak: non-finite loss at t=%.1f\n", t);
                return 1;
            }
            divergences += r.diverged ? 1 : 0;
            if (r.solved) break;
        }
        // Animation: one time step per frame; a new pair (with the current weights) when done.
        if (!stepper->advance()) {
            stepper = make_stepper();
            if (anim_rng.range(0, 3) == 0) stepper->backward();
        }
        // Every 5 s: a validation and a save + reload of the model file.
        if (t >= next_validate) {
            next_validate += 5.0;
            Rng vrng(7);
            (void)evaluate(trainer->net(), 64, 100, vrng);
            model_json = model_to_json(model_from_trainer(*trainer));
            Model back;
            const std::string err = model_from_json(model_json, back);
            if (!err.empty() && !reload_warned) {
                // Known (issue 8 report): the loader caps lr at 1000 while training accepts up to
                // 1e6, so a model saved at lr 1e6 does not load again. Reported once, not fatal.
                std::fprintf(stderr, "soak: the saved model did not load again (phase %s): %s\n", phase_name,
                             err.c_str());
                reload_warned = true;
            }
        }
        for (double w : trainer->net().params)
            if (!std::isfinite(w)) {
                std::fprintf(stderr, "soak: non-finite weight at t=%.1f\n", t);
                return 1;
            }

        window.push_back(std::chrono::duration<double, std::milli>(Clock::now() - f0).count());
        cpu_sum += thread_cpu_ms() - c0;
        ++frames_total;
        if (t >= next_report) {
            next_report += 1.0;
            std::vector<double> w = window;
            std::sort(w.begin(), w.end());
            double sum = 0;
            for (double x : w) sum += x;
            const double p99 = w[std::min(w.size() - 1, static_cast<std::size_t>(w.size() * 0.99))];
            std::printf("%.1f,%zu,%.3f,%.3f,%.3f,%.3f,%ld,%lld,%d,%lld,%s\n", t, w.size(), sum / w.size(), p99,
                        w.back(), cpu_sum / w.size(), rss_kb(), trainer->sequences(), resets, divergences, phase_name);
            std::fflush(stdout);
            window.clear();
            cpu_sum = 0.0;
        }
        next_frame += frame_period;
        const auto now = Clock::now();
        if (next_frame > now)
            std::this_thread::sleep_until(next_frame);
        else
            next_frame = now;  // late: do not try to catch up
    }
    std::fprintf(stderr, "soak: %lld frames, %d resets, %lld diverged minibatches caught\n", frames_total, resets,
                 divergences);
    return 0;
}
