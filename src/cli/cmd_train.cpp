// carry-cli train: trains a net with the default (tuned) settings until it adds 1000 random
// 64-bit validation pairs exactly or the budget runs out; optionally saves a model file.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/common.h"
#include "core/model_file.h"
#include "core/trainer.h"

namespace carry::cli {
namespace {

struct TrainOptions {
    int hidden = 3;
    std::uint64_t seed = kDefaultSeed;
    long long max_sequences = kDefaultMaxSequences;
    std::string out;
    std::string optimizer;
    double lr = 0.0;
    int batch = 0;
    bool json = false;
    bool no_progress = false;
};

// One line on stderr, redrawn in place with \r.
void draw_progress(long long done, long long total, double exact, int restarts) {
    constexpr int kWidth = 30;
    const double frac = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
    const int filled = static_cast<int>(frac * kWidth + 0.5);
    std::string bar(static_cast<std::size_t>(kWidth), '.');
    for (int i = 0; i < filled && i < kWidth; ++i) bar[static_cast<std::size_t>(i)] = '#';
    char line[160];
    std::snprintf(line, sizeof line, "\r[%s] %lld/%lld sequences  exact@64 %s  restarts %d ", bar.c_str(), done, total,
                  exact < 0 ? "  -  " : (std::to_string(static_cast<int>(exact * 100.0 + 0.5)) + "%").c_str(), restarts);
    std::cerr << line << std::flush;
}

int run_train(const TrainOptions& o) {
    TrainConfig config;
    config.net.hidden = o.hidden;
    if (!o.optimizer.empty() && !parse_optimizer(o.optimizer, &config.optim.kind))
        return fail(o.json, "--optimizer: expected sgd_momentum or adam");
    if (o.lr > 0.0) config.optim.lr = o.lr;
    if (o.batch > 0) config.batch = o.batch;

    // The same loop as train_until_solved(), with a progress bar between steps.
    const auto start = std::chrono::steady_clock::now();
    Trainer trainer(config, o.seed);
    const bool progress = !o.no_progress && stderr_is_tty();
    auto last_draw = start;
    double last_exact = -1.0;
    while (!trainer.solved() && trainer.sequences() < o.max_sequences) {
        const StepResult r = trainer.step(1);
        if (r.exact_accuracy >= 0.0) last_exact = r.exact_accuracy;
        if (progress) {
            const auto now = std::chrono::steady_clock::now();
            if (now - last_draw > std::chrono::milliseconds(50)) {
                draw_progress(trainer.sequences(), o.max_sequences, last_exact, trainer.restarts());
                last_draw = now;
            }
        }
    }
    const double exact = trainer.solved() ? 1.0 : trainer.validate();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (progress) {
        draw_progress(trainer.sequences(), o.max_sequences, exact, trainer.restarts());
        std::cerr << "\n";
    }

    if (!o.out.empty()) {
        const std::string err = save_model_file(o.out, model_from_trainer(trainer));
        if (!err.empty()) return fail(o.json, err);
    }
    if (o.json) {
        Json j{{"seed", o.seed},
               {"hidden", o.hidden},
               {"sequences", trainer.sequences()},
               {"seconds", seconds},
               {"solved", trainer.solved()},
               {"exact_accuracy_64", exact},
               {"restarts", trainer.restarts()}};
        if (!o.out.empty()) j["model"] = o.out;
        print_json(j);
    } else {
        std::printf("seed %llu, H=%d: %s after %lld sequences in %.3f s (%d restart%s)\n",
                    static_cast<unsigned long long>(o.seed), o.hidden, trainer.solved() ? "solved" : "NOT solved",
                    trainer.sequences(), seconds, trainer.restarts(), trainer.restarts() == 1 ? "" : "s");
        std::printf("exact accuracy on %d random %d-bit sums: %.1f%%\n", config.validation_count,
                    config.validation_bits, exact * 100.0);
        if (!o.out.empty()) std::printf("saved %s\n", o.out.c_str());
    }
    return kExitOk;
}

}  // namespace

Command add_train_command(CLI::App& root) {
    auto o = std::make_shared<TrainOptions>();
    CLI::App* sub = root.add_subcommand("train", "Train a net until it adds 1000 random 64-bit sums exactly");
    sub->add_option("--hidden", o->hidden, "Hidden units (1-32)")->check(CLI::Range(kMinHidden, kMaxHidden))->capture_default_str();
    sub->add_option("--seed", o->seed, "Random seed")->capture_default_str();
    sub->add_option("--max-sequences", o->max_sequences, "Training budget in sequences")
        ->check(CLI::Range(1LL, 1LL << 40))->capture_default_str();
    sub->add_option("--out", o->out, "Save the trained model to this JSON file");
    sub->add_option("--optimizer", o->optimizer, "sgd_momentum (default) or adam")
        ->check(CLI::IsMember({"sgd_momentum", "adam"}));
    sub->add_option("--lr", o->lr, "Learning rate (default: the tuned one)")->check(CLI::PositiveNumber);
    sub->add_option("--batch", o->batch, "Sequences per minibatch (default: the tuned one)")->check(CLI::Range(1, 4096));
    sub->add_flag("--no-progress", o->no_progress, "Never draw the progress bar (it is drawn only on a terminal)");
    sub->add_flag("--json", o->json, "Print one JSON object on stdout");
    return {sub, [o] { return run_train(*o); }};
}

}  // namespace carry::cli
