// carry-cli baseline: the feed-forward net the lecture argues against, beside the recurrent net
// trained on the same pairs (see core/feedforward.h for the split).
#include <chrono>
#include <cstdio>

#include "cli/common.h"
#include "core/feedforward.h"

namespace carry::cli {
namespace {

struct BaselineOptions {
    FeedforwardConfig config;
    bool json = false;
};

Json score_json(const SplitScore& s) {
    return Json{{"pairs", s.pairs}, {"exact_accuracy", s.exact_accuracy}, {"bit_accuracy", s.bit_accuracy}};
}

int run_baseline(const BaselineOptions& o, const CLI::App& sub) {
    const FeedforwardConfig& c = o.config;
    if (c.unseen_carry_column >= c.width) {  // a bad argument, though no single flag shows it
        std::fprintf(stderr, "carry-cli: error: --unseen-carry-column (%d) must be below --width (%d)\n\n%s",
                     c.unseen_carry_column, c.width, sub.help().c_str());
        return kExitUsage;
    }
    const auto start = std::chrono::steady_clock::now();
    FeedforwardResult r;
    if (!run_feedforward_baseline(c, &r)) return fail(o.json, "baseline: settings out of range");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    if (o.json) {
        Json j{{"width", c.width},
               {"hidden", c.hidden},
               {"epochs", c.epochs},
               {"seed", c.seed},
               {"unseen_carry_column", c.unseen_carry_column},
               {"parameters", r.parameters},
               {"final_loss", r.final_loss},
               {"seconds", seconds},
               {"feedforward", Json{{"train", score_json(r.train)},
                                    {"heldout", score_json(r.heldout)},
                                    {"unseen_carry", score_json(r.unseen_carry)}}}};
        if (r.rnn_run)
            j["recurrent"] = Json{{"hidden", 3},
                                  {"sequences", r.rnn_sequences},
                                  {"train", score_json(r.rnn_train)},
                                  {"heldout", score_json(r.rnn_heldout)},
                                  {"unseen_carry", score_json(r.rnn_unseen_carry)}};
        print_json(j);
        return kExitOk;
    }
    std::printf(
        "%d-bit addition. Held out entirely: every pair with a carry into column %d (\"unseen carry\").\n"
        "Training pairs: a seeded half of the rest; \"held-out\": the other half.\n\n",
        c.width, c.unseen_carry_column);
    std::printf("                                          exact%%    bit%%   (pairs)\n");
    auto row = [](const char* name, const SplitScore& s) {
        std::printf("  %-38s %7.2f %7.2f   (%zu)\n", name, 100.0 * s.exact_accuracy, 100.0 * s.bit_accuracy, s.pairs);
    };
    std::printf("feed-forward %d-%d-%d (%lld weights, %d epochs):\n", 2 * c.width, c.hidden, c.width + 1, r.parameters,
                c.epochs);
    row("train", r.train);
    row("held-out", r.heldout);
    row("unseen carry", r.unseen_carry);
    if (r.rnn_run) {
        std::printf("recurrent 2-3-1 (%lld training sequences from the same pairs):\n", r.rnn_sequences);
        row("train", r.rnn_train);
        row("held-out", r.rnn_heldout);
        row("unseen carry", r.rnn_unseen_carry);
    }
    std::printf("\n(%.2f s)\n", seconds);
    return kExitOk;
}

}  // namespace

Command add_baseline_command(CLI::App& root) {
    auto o = std::make_shared<BaselineOptions>();
    FeedforwardConfig& c = o->config;
    CLI::App* sub =
        root.add_subcommand("baseline", "The feed-forward adder the lecture argues against, beside the recurrent net");
    sub->add_option("--width", c.width, "Bits per number")->check(CLI::Range(2, 10))->capture_default_str();
    sub->add_option("--hidden", c.hidden, "Hidden units of the feed-forward net")
        ->check(CLI::Range(1, 1024))
        ->capture_default_str();
    sub->add_option("--epochs", c.epochs, "Training epochs")->check(CLI::Range(0, 10000))->capture_default_str();
    sub->add_option("--lr", c.lr, "Adam learning rate")->check(CLI::PositiveNumber)->capture_default_str();
    sub->add_option("--train-fraction", c.train_fraction, "Share of the remaining pairs used for training")
        ->check(CLI::Range(0.001, 1.0))
        ->capture_default_str();
    sub->add_option("--unseen-carry-column", c.unseen_carry_column, "Hold out every pair with a carry into this column")
        ->check(CLI::Range(1, 9))
        ->capture_default_str();
    sub->add_option("--seed", c.seed, "Random seed")->capture_default_str();
    sub->add_option("--rnn-sequences", c.rnn_sequences, "Budget of the recurrent comparison (0: skip)")
        ->check(CLI::Range(0LL, 100000000LL))
        ->capture_default_str();
    sub->add_flag("--json", o->json, "Print one JSON object on stdout");
    return {sub, [o, sub] { return run_baseline(*o, *sub); }};
}

}  // namespace carry::cli
