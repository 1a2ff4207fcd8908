// zoo_remedies: carry-cli zoo's "remedies" section (issue 20): the lecture's remedies for
// vanishing and exploding gradients on long-range sums (core/zoo/remedies.h), as JSON and as text.
#include "cli/zoo_remedies.h"

#include <cstdio>
#include <string>

namespace carry::cli {

namespace {

Json chain_scores(const zoo::RemediesConfig& c, const std::vector<zoo::ChainScore>& s) {
    Json j = Json::object();
    for (std::size_t i = 0; i < c.ranges.size() && i < s.size(); ++i)
        j[std::to_string(c.ranges[i])] = Json{{"exact", s[i].exact}, {"landing_bit", s[i].land}};
    return j;
}

Json esn_json(const zoo::RemediesConfig& c, const zoo::EsnPointResult& e) {
    return Json{{"size", e.config.size},
                {"spectral_radius", e.config.spectral_radius},
                {"input_scale", e.config.input_scale},
                {"leak", e.config.leak},
                {"ridge", e.config.ridge},
                {"raw_spectral_radius", e.raw_radius},
                {"bit_accuracy_8", e.bit_8},
                {"exact_accuracy_8", e.exact_8},
                {"bit_accuracy_32", e.bit_32},
                {"exact_accuracy_32", e.exact_32},
                {"by_carry_chain", chain_scores(c, e.by_range)},
                {"memory_capacity", e.memory_capacity}};
}

}  // namespace

zoo::RemediesConfig remedies_cli_config(bool quick, std::uint64_t seed, int seeds) {
    zoo::RemediesConfig c = quick ? zoo::remedies_quick_config() : zoo::RemediesConfig{};
    c.seed = seed;
    c.esn.seed = seed;
    if (seeds > 0) c.seeds = seeds;
    return c;
}

zoo::DelayRangeConfig delay_range_cli_config(bool quick, std::uint64_t seed, int seeds) {
    zoo::DelayRangeConfig c = quick ? zoo::delay_range_quick_config() : zoo::DelayRangeConfig{};
    c.seed = seed;
    if (seeds > 0) c.seeds = seeds;
    return c;
}

Json remedies_json(const zoo::RemediesRunner& r, const zoo::DelayRangeRunner* delay) {
    const zoo::RemediesConfig& c = r.config();
    Json j{{"ranges", c.ranges},           {"range_pairs", c.range_pairs},
           {"train_pairs", c.train_pairs}, {"short_bits", c.short_bits},
           {"train_chain", c.train_chain}, {"seeds", c.seeds},
           {"passes", c.passes},           {"loss_target", zoo::RemediesRunner::kLossTarget}};
    Json opt = Json::array();
    for (int k = 0; k < static_cast<int>(zoo::Remedy::Count); ++k)
        for (bool long_set : {false, true}) {
            const auto rem = static_cast<zoo::Remedy>(k);
            Json runs = Json::array();
            for (const zoo::OptimRunResult& run : r.runs()) {
                if (run.remedy != rem || run.long_set != long_set) continue;
                Json curve = Json::array();
                for (const zoo::CurvePoint& p : run.curve) curve.push_back(Json::array({p.passes, p.loss}));
                runs.push_back(Json{{"seed", run.seed},
                                    {"final_loss", run.final_loss},
                                    {"exact_accuracy_64", run.exact_64},
                                    {"by_carry_chain", chain_scores(c, run.by_range)},
                                    {"loss_by_passes", curve}});
            }
            const double p = r.median_passes_to(rem, long_set, zoo::RemediesRunner::kLossTarget);
            opt.push_back(Json{{"optimizer", zoo::remedy_key(rem)},
                               {"name", zoo::remedy_name(rem)},
                               {"trained_on", long_set ? "long" : "short"},
                               {"mean_final_loss", r.mean_final_loss(rem, long_set)},
                               {"solved_seeds", r.solved_seeds(rem, long_set)},
                               {"median_passes_to_target", p >= 0.0 ? Json(p) : Json(nullptr)},
                               {"mean_by_carry_chain", chain_scores(c, r.mean_by_range(rem, long_set))},
                               {"runs", runs}});
        }
    j["rnn"] = opt;
    Json radius = Json::array(), size = Json::array();
    for (const auto& e : r.esn_by_radius()) radius.push_back(esn_json(c, e));
    for (const auto& e : r.esn_by_size()) size.push_back(esn_json(c, e));
    j["esn"] = Json{{"by_spectral_radius", radius}, {"by_size", size}};
    j["lstm"] = c.lstm_sequences > 0
                    ? Json{{"sequences", c.lstm_sequences}, {"by_carry_chain", chain_scores(c, r.lstm_by_range())}}
                    : Json(nullptr);
    j["verdicts"] = Json{{"range", r.verdict_range()}, {"esn", r.verdict_esn()}, {"hessian_free", r.verdict_hf()}};
    if (delay) {
        const zoo::DelayRangeConfig& d = delay->config();
        Json points = Json::array();
        for (zoo::Remedy rem : zoo::DelayRangeRunner::kRemedies)
            for (const zoo::DelayRangePoint& p : delay->by_lag(rem)) {
                Json runs = Json::array();
                for (const zoo::DelayRunResult& run : delay->runs())
                    if (run.remedy == rem && run.lag == p.lag)
                        runs.push_back(Json{{"seed", run.seed},
                                            {"exact_accuracy", run.exact},
                                            {"bit_accuracy", run.bit},
                                            {"sequences", run.sequences}});
                points.push_back(Json{{"lag", p.lag},
                                      {"states", 1 << (p.lag + 1)},
                                      {"optimizer", zoo::remedy_key(rem)},
                                      {"name", zoo::remedy_name(rem)},
                                      {"exact_accuracy", p.exact},
                                      {"bit_accuracy", p.bit},
                                      {"solved_seeds", p.solved},
                                      {"runs", runs}});
            }
        j["delay_range"] = points;
        j["delay_range_config"] =
            Json{{"hidden", d.hidden},       {"seeds", d.seeds},
                 {"sequences", d.sequences}, {"train_bits", Json::array({d.min_bits, d.max_bits})},
                 {"test_bits", d.test_bits}, {"test_pairs", d.test_pairs}};
        j["verdicts"]["delay_range"] = delay->verdict();
    }
    return j;
}

void print_remedies(const zoo::RemediesRunner& r, const zoo::DelayRangeRunner* delay) {
    const zoo::RemediesConfig& c = r.config();
    std::printf(
        "\nRemedies for long-range sums (issue 20): the lecture's net (3 hidden units) trained on %d sums of %d bits\n"
        "(\"short\") or %d sums with a %d-column carry chain (\"long\"), %d seeds, %.0f passes each; exact sums by "
        "the\n"
        "longest carry chain (mean over seeds; in brackets the bit where the long carry lands):\n\n",
        c.train_pairs, c.short_bits, c.train_pairs, c.train_chain, c.seeds, c.passes);
    std::printf("%-32s", "remedy");
    for (int L : c.ranges) std::printf(" %11d", L);
    std::printf("  (columns)  solved\n");
    auto row = [&](const std::string& name, const std::vector<zoo::ChainScore>& s, int solved) {
        std::printf("%-32s", name.c_str());
        for (const zoo::ChainScore& x : s) std::printf("  %4.0f%% (%3.0f)", 100.0 * x.exact, 100.0 * x.land);
        if (solved >= 0)
            std::printf("  %13d of %d\n", solved, c.seeds);
        else
            std::printf("\n");
    };
    for (bool long_set : {false, true})
        for (int k = 0; k < static_cast<int>(zoo::Remedy::Count); ++k) {
            const auto rem = static_cast<zoo::Remedy>(k);
            row(std::string("RNN + ") + zoo::remedy_name(rem) + (long_set ? ", long" : ", short"),
                r.mean_by_range(rem, long_set), r.solved_seeds(rem, long_set));
        }
    if (const zoo::EsnPointResult* e = r.esn_reference()) {
        char name[64];
        std::snprintf(name, sizeof name, "ESN (%d units, radius %.2g)", e->config.size, e->config.spectral_radius);
        row(name, e->by_range, -1);
    }
    if (!r.lstm_by_range().empty()) row("LSTM (4 cells, 1..16-bit sums)", r.lstm_by_range(), -1);
    std::printf("\nPasses through the data to a training loss under %.2f nats per sum bit (median over seeds):\n",
                zoo::RemediesRunner::kLossTarget);
    for (int k = 0; k < static_cast<int>(zoo::Remedy::Count); ++k) {
        const auto rem = static_cast<zoo::Remedy>(k);
        std::printf("  %-16s", zoo::remedy_name(rem));
        for (bool long_set : {false, true}) {
            const double p = r.median_passes_to(rem, long_set, zoo::RemediesRunner::kLossTarget);
            char buf[32];
            if (p >= 0.0)
                std::snprintf(buf, sizeof buf, "%.0f", p);
            else
                std::snprintf(buf, sizeof buf, "not reached");
            std::printf("  %s: %-12s final loss %.4f", long_set ? "long" : "short", buf,
                        r.mean_final_loss(rem, long_set));
        }
        std::printf("\n");
    }
    std::printf(
        "\nEcho state network (input scale %.2g, leak %.2g, ridge %.0e): accuracy on 32-bit sums, memory capacity\n",
        c.esn.input_scale, c.esn.leak, c.esn.ridge);
    for (const auto* set : {&r.esn_by_radius(), &r.esn_by_size()})
        for (const zoo::EsnPointResult& e : *set)
            std::printf("  %3d units, radius %4.2f: bits %5.1f%%, exact %5.1f%%, MC %5.2f\n", e.config.size,
                        e.config.spectral_radius, 100.0 * e.bit_32, 100.0 * e.exact_32, e.memory_capacity);
    std::printf("\n%s\n%s\n%s\n", r.verdict_range().c_str(), r.verdict_hf().c_str(), r.verdict_esn().c_str());
    if (!delay) return;
    const zoo::DelayRangeConfig& d = delay->config();
    std::printf(
        "\nDelay range: the net (%d hidden units) trained on the delay task (print the input bit from `lag` "
        "columns back)\nfor %lld sequences of %d..%d columns, %d seeds; scored on %d inputs of %d columns "
        "(exact / bits right):\n\n",
        d.hidden, d.sequences, d.min_bits, d.max_bits, d.seeds, d.test_pairs, d.test_bits);
    std::printf("%-20s", "lag (states)");
    for (int lag : d.lags) {
        char h[32];
        std::snprintf(h, sizeof h, "%d (%d)", lag, 1 << (lag + 1));
        std::printf(" %15s", h);
    }
    std::printf("\n");
    for (zoo::Remedy rem : zoo::DelayRangeRunner::kRemedies) {
        std::printf("%-20s", (std::string("RNN + ") + zoo::remedy_name(rem)).c_str());
        for (const zoo::DelayRangePoint& p : delay->by_lag(rem))
            std::printf("     %4.0f%% / %3.0f%%", 100.0 * p.exact, 100.0 * p.bit);
        std::printf("\n");
    }
    std::printf("\n%s\n", delay->verdict().c_str());
}

}  // namespace carry::cli
