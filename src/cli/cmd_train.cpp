// carry-cli train: trains a net with the default (tuned) settings until it adds 1000 random
// 64-bit validation pairs exactly or the budget runs out; optionally saves a model file.
// Its training flags (--hidden, --lr, --seed, ...) come from the settings table (core/settings.h),
// the same rows that drive the playground and its URL: a link's settings replay here bit for bit.
#include <chrono>
#include <map>
#include <memory>
#include <cstdio>
#include <iostream>

#include "cli/common.h"
#include "core/model_file.h"
#include "core/settings.h"
#include "core/url_state.h"
#include "core/trainer.h"

namespace carry::cli {
namespace {

struct TrainOptions {
    std::map<std::string, std::string> settings;  // table key -> value given on the command line
    std::string link;                             // a playground link or its hash: its training settings and seed
    long long max_sequences = kDefaultMaxSequences;
    std::string out;
    std::string resume;  // a model file written with --out: continue its run
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
                  exact < 0 ? "  -  " : (std::to_string(static_cast<int>(exact * 100.0 + 0.5)) + "%").c_str(),
                  restarts);
    std::cerr << line << std::flush;
}

// The settings and the trainer of a run: a new one from the flags, or the run saved in --resume.
// Returns "" or the error.
std::string start_run(const TrainOptions& o, Settings& settings, std::unique_ptr<Trainer>& trainer) {
    settings = settings_defaults();
    if (!o.resume.empty()) {
        if (!o.link.empty() || !o.settings.empty())
            return "--resume: the run's settings come from its file; give no --link or training flags with it";
        Model m;
        if (auto e = load_model_file(o.resume, m); !e.empty()) return "--resume: " + e;
        settings.train = m.config;
        settings.seed = m.seed;
        trainer = std::make_unique<Trainer>(m.config, m.seed, model_trainer_state(m));
        return {};
    }
    if (!o.link.empty()) {
        const std::size_t hash = o.link.find('#');
        const UrlDecodeReport r = decode_url_state(
            hash == std::string::npos ? std::string_view(o.link) : std::string_view(o.link).substr(hash), settings);
        if (!r.rejected.empty()) return "--link: " + describe_rejections(r);
    }
    for (const auto& [key, value] : o.settings) {
        if (auto e = set_setting(settings, *find_setting(key), value); !e.empty()) return "--" + key + ": " + e;
    }
    if (const std::string conflict = settings_conflict(settings); !conflict.empty())
        return "--min-bits/--max-bits: " + conflict;
    trainer = std::make_unique<Trainer>(settings.train, settings.seed);
    return {};
}

int run_train(const TrainOptions& o) {
    Settings settings;
    std::unique_ptr<Trainer> run;
    if (auto e = start_run(o, settings, run); !e.empty()) return fail(o.json, e);
    Trainer& trainer = *run;
    const TrainConfig config = settings.train;
    const std::uint64_t seed = settings.seed;
    const int hidden = config.net.hidden;

    // The same loop as train_until_solved(), with a progress bar between steps. --max-sequences
    // counts from the start of the run (a resumed run goes on to it).
    const auto start = std::chrono::steady_clock::now();
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
    // Saved before the closing validation, which may mark the net solved between two of the run's
    // own validations: a resumed run then goes on exactly as this one would have.
    const Model saved = model_from_trainer(trainer);
    const double exact = trainer.solved() ? 1.0 : trainer.validate();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (progress) {
        draw_progress(trainer.sequences(), o.max_sequences, exact, trainer.restarts());
        std::cerr << "\n";
    }

    if (!o.out.empty()) {
        const std::string err = save_model_file(o.out, saved);
        if (!err.empty()) return fail(o.json, err);
    }
    if (o.json) {
        Json j{{"seed", seed},
               {"hidden", hidden},
               {"sequences", trainer.sequences()},
               {"seconds", seconds},
               {"solved", trainer.solved()},
               {"exact_accuracy_64", exact},
               {"restarts", trainer.restarts()},
               {"weights_hash", params_hash_hex(trainer.net().params)},
               {"settings", encode_url_state(settings, kSettingCli)}};
        if (!o.out.empty()) j["model"] = o.out;
        if (!is_add(config.task)) j["task"] = encode_task(config.task);
        print_json(j);
    } else {
        if (!is_add(config.task))
            std::printf("task %s: %s\n", encode_task(config.task).c_str(), config.task.description.c_str());
        std::printf("seed %llu, H=%d: %s after %lld sequences in %.3f s (%d restart%s)\n",
                    static_cast<unsigned long long>(seed), hidden, trainer.solved() ? "solved" : "NOT solved",
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
    // One flag per row of the settings table marked for the CLI, validated by the table.
    for (const SettingDef& d : settings_table()) {
        if (!(d.flags & kSettingCli)) continue;
        std::string flag = std::string("--") + d.key;
        for (char& c : flag)
            if (c == '_') c = '-';
        std::string help = std::string(d.tooltip) + " (default " + d.def + ")";
        if (d.choices) help += " [" + std::string(d.choices) + "]";
        const SettingDef* row = &d;
        sub->add_option_function<std::string>(
               flag, [o, row](const std::string& v) { o->settings[row->key] = v; }, help)
            ->check(CLI::Validator(
                [row](std::string& v) {
                    const std::string e = validate_setting(*row, v);
                    return e.empty() ? std::string() : e;
                },
                d.type == SettingType::Int    ? "INT"
                : d.type == SettingType::Real ? "NUMBER"
                                              : "TEXT"));
    }
    sub->add_option("--link", o->link,
                    "A playground link (or its #hash): train with its settings and seed; flags given too override it");
    sub->add_option("--max-sequences", o->max_sequences, "Training budget in sequences")
        ->check(CLI::Range(1LL, 1LL << 40))
        ->capture_default_str();
    sub->add_option("--out", o->out,
                    "Save the trained model to this JSON file (with its optimizer state: --resume continues it)");
    sub->add_option("--resume", o->resume,
                    "Continue the run saved in this model file (written with --out) with its settings, up to "
                    "--max-sequences counted from the run's start: the same weights as one uninterrupted run");
    sub->add_flag("--no-progress", o->no_progress, "Never draw the progress bar (it is drawn only on a terminal)");
    sub->add_flag("--json", o->json, "Print one JSON object on stdout");
    return {sub, [o] { return run_train(*o); }};
}

}  // namespace carry::cli
