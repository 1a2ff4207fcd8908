// carry-cli predict: next-term prediction (issue 19, item 4). The net reads a bit sequence from a
// source and predicts each next bit; its held-out loss in bits per symbol is printed beside the
// source's entropy rate (the best any predictor can do) and the Bayes-optimal predictor's loss on
// the same bits; accuracies likewise. --json: one object.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/common.h"
#include "core/next_term_train.h"

namespace carry::cli {
namespace {

struct PredictOptions {
    std::string source = "even";
    std::string pattern;
    double noise = 0.05;
    int hidden = 6;
    std::uint64_t seed = kDefaultSeed;
    long long sequences = 20000;
    bool json = false;
};

int run_predict(const PredictOptions& o) {
    NextTermConfig c;
    c.source.preset = o.source;
    c.source.pattern = o.pattern;
    c.source.noise = o.noise;
    c.hidden = o.hidden;
    c.seed = o.seed;
    const auto start = std::chrono::steady_clock::now();
    NextTermRun run(c);
    if (!run.ok()) return fail(o.json, "predict: " + run.error());
    const double before = run.score().bits;
    run.run_to(o.sequences);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const PredictionScore& s = run.score();
    const SourceStats& st = run.stats();
    const std::string verdict = next_term_verdict(s, st);
    if (o.json) {
        print_json(Json{{"source", run.machine().name},
                        {"states", run.machine().states()},
                        {"noise", c.source.noise},
                        {"hidden", c.hidden},
                        {"seed", c.seed},
                        {"sequences", run.sequences()},
                        {"predictions_per_sequence", c.predictions},
                        {"burn_in", c.burn_in},
                        {"scored", s.scored},
                        {"entropy_rate", st.entropy_rate},
                        {"bits_per_symbol_untrained", before},
                        {"bits_per_symbol", s.bits},
                        {"gap", s.bits - st.entropy_rate},
                        {"bayes_bits_per_symbol", s.bayes_bits},
                        {"accuracy", s.accuracy},
                        {"best_accuracy", st.best_accuracy},
                        {"bayes_accuracy", s.bayes_accuracy},
                        {"seconds", seconds},
                        {"verdict", verdict}});
        return kExitOk;
    }
    std::printf("Next-term prediction: %s, noise %g (%d states); %d hidden units, seed %llu, %lld sequences.\n",
                run.machine().name.c_str(), c.source.noise, run.machine().states(), c.hidden,
                static_cast<unsigned long long>(c.seed), run.sequences());
    std::printf("Held out: %lld predictions (%d sequences, columns %d..%d of each).\n\n", s.scored,
                c.held_out_sequences, c.burn_in, c.predictions - 1);
    std::printf("%-44s %8s %9s\n", "", "bits/sym", "accuracy");
    std::printf("%-44s %8.4f %8.2f%%\n", "entropy rate (best possible, exact)", st.entropy_rate,
                100.0 * st.best_accuracy);
    std::printf("%-44s %8.4f %8.2f%%\n", "Bayes-optimal predictor on the same bits", s.bayes_bits,
                100.0 * s.bayes_accuracy);
    std::printf("%-44s %8.4f %8.2f%%\n", "the net, trained", s.bits, 100.0 * s.accuracy);
    std::printf("%-44s %8.4f\n", "the net, untrained", before);
    std::printf("\ngap to the entropy rate: %+.4f bits per symbol\n%s\n(%.1f s)\n", s.bits - st.entropy_rate,
                verdict.c_str(), seconds);
    return kExitOk;
}

}  // namespace

Command add_predict_command(CLI::App& root) {
    auto o = std::make_shared<PredictOptions>();
    CLI::App* sub = root.add_subcommand(
        "predict", "Next-term prediction: the net learns to predict the next bit of a source (no separate target)");
    std::string presets;
    for (const SourcePreset& p : source_presets()) presets += std::string(presets.empty() ? "" : ", ") + p.name;
    sub->add_option("--source", o->source, "A hidden machine: " + presets)->capture_default_str();
    sub->add_option("--pattern", o->pattern, "A repeating pattern of 0s and 1s instead (at most 32 bits)");
    sub->add_option("--noise", o->noise, "Chance that each emitted bit is flipped, 0..0.5")->capture_default_str();
    sub->add_option("--hidden", o->hidden, "Hidden units")->capture_default_str()->check(CLI::Range(1, 32));
    sub->add_option("--seed", o->seed, "Random seed (weights, training bits, held-out bits)")->capture_default_str();
    sub->add_option("--sequences", o->sequences, "Training sequences (48 predictions each)")
        ->capture_default_str()
        ->check(CLI::Range(0LL, 100000000LL));
    sub->add_flag("--json", o->json, "One JSON object on stdout");
    return {sub, [o] { return run_predict(*o); }};
}

}  // namespace carry::cli
