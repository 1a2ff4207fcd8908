// zoo_init: `carry-cli zoo --init` (see zoo_init.h).
#include "cli/zoo_init.h"

#include <cstdio>

#include "core/zoo/init_grid.h"
#include "core/zoo/initial_state.h"
#include "core/model_file.h"
#include "core/zoo/interleaved.h"

namespace carry::cli {
namespace {

Json result_json(const zoo::SweepResult& r) {
    return Json{{"runs", r.runs},
                {"solved", r.solved},
                {"solve_rate", r.solve_rate()},
                {"median_sequences", r.median_sequences >= 0 ? Json(r.median_sequences) : Json(nullptr)}};
}

std::string cell_text(const zoo::SweepResult& r) {
    char buf[32];
    if (r.median_sequences >= 0)
        std::snprintf(buf, sizeof buf, "%d/%d %lld", r.solved, r.runs, r.median_sequences);
    else
        std::snprintf(buf, sizeof buf, "%d/%d -", r.solved, r.runs);
    return buf;
}

template <class E>
void run_to_end(E& e) {
    const bool progress = stderr_is_tty();
    while (!e.step(64))
        if (progress) std::fprintf(stderr, "\r%-70s", e.current_run().c_str());
    if (progress) std::fprintf(stderr, "\r%-70s\r", "");
}

Json init_grid_json(bool quick, bool print) {
    zoo::InitGrid g(quick ? zoo::init_grid_quick_config() : zoo::InitGridConfig{});
    run_to_end(g);
    const zoo::InitGridConfig& c = g.config();
    Json tasks = Json::array();
    for (std::size_t t = 0; t < c.tasks.size(); ++t) {
        if (print)
            std::printf("\nInitialization x momentum, %s: seeds solved / %zu, median sequences (budget %lld)\n",
                        c.tasks[t].label.c_str(), c.seeds.size(), c.max_sequences);
        Json rows = Json::array();
        for (std::size_t r = 0; r < c.rows.size(); ++r) {
            if (print) {
                std::printf("%-11s %-6s", recurrent_init_name(c.rows[r]), "scale");
                for (const auto& m : c.momenta) std::printf(" %13s", ("mu " + m.label).c_str());
                std::printf("\n");
            }
            Json cells = Json::array();
            for (std::size_t s = 0; s < c.scales.size(); ++s) {
                if (print) std::printf("%-11s %-6g", "", c.scales[s]);
                for (std::size_t m = 0; m < c.momenta.size(); ++m) {
                    const zoo::SweepResult& x = g.cell(t, r, s, m);
                    if (print) std::printf(" %13s", cell_text(x).c_str());
                    Json j = result_json(x);
                    j["scale"] = c.scales[s];
                    j["momentum"] = c.momenta[m].label;
                    cells.push_back(j);
                }
                if (print) std::printf("\n");
            }
            rows.push_back(Json{{"recurrent_init", recurrent_init_name(c.rows[r])}, {"cells", cells}});
        }
        const std::string verdict = zoo::init_grid_verdict(g, t);
        if (print) std::printf("%s\n", verdict.c_str());
        tasks.push_back(Json{{"task", c.tasks[t].key},
                             {"label", c.tasks[t].label},
                             {"train_bits", Json::array({c.tasks[t].min_bits, c.tasks[t].max_bits})},
                             {"curriculum", c.tasks[t].curriculum},
                             {"rows", rows},
                             {"verdict", verdict}});
    }
    Json scales = Json::array(), momenta = Json::array();
    for (double s : c.scales) scales.push_back(s);
    for (const auto& m : c.momenta) momenta.push_back(m.label);
    return Json{{"seeds", c.seeds.size()},
                {"max_sequences", c.max_sequences},
                {"scales", scales},
                {"momenta", momenta},
                {"tasks", tasks}};
}

Json initial_state_json(bool quick, bool print) {
    zoo::InitialStateExperiment e(quick ? zoo::initial_state_quick_config() : zoo::InitialStateConfig{});
    run_to_end(e);
    const auto& c = e.config();
    if (print)
        std::printf("\nInitial state (%zu seeds, at most %lld sequences each):\n", c.seeds.size(), c.max_sequences);
    Json rows = Json::array();
    for (std::size_t i = 0; i < c.modes.size(); ++i) {
        const zoo::SweepResult& r = e.results()[i];
        if (print) std::printf("  %-14s %s\n", zoo::initial_state_label(c.modes[i]), cell_text(r).c_str());
        Json j = result_json(r);
        j["initial_state"] = initial_state_name(c.modes[i]);
        rows.push_back(j);
    }
    const std::string verdict = zoo::initial_state_verdict(c.modes, e.results());
    if (print) std::printf("%s\n", verdict.c_str());
    return Json{{"seeds", c.seeds.size()}, {"max_sequences", c.max_sequences}, {"rows", rows}, {"verdict", verdict}};
}

Json interleaved_json(bool quick, bool print) {
    zoo::InterleavedSearch s(quick ? zoo::interleaved_quick_config() : zoo::InterleavedConfig{});
    run_to_end(s);
    const auto& c = s.config();
    if (print)
        std::printf("\nThe RNN on two interleaved sums (%zu seeds, at most %lld sequences each):\n", c.seeds.size(),
                    c.max_sequences);
    Json rows = Json::array();
    for (const auto& row : s.rows()) {
        if (print) std::printf("  H = %-3d %s\n", row.hidden, cell_text(row.result).c_str());
        Json j = result_json(row.result);
        j["hidden"] = row.hidden;
        rows.push_back(j);
    }
    const std::string verdict = zoo::interleaved_verdict(s);
    if (print) std::printf("%s\n", verdict.c_str());
    const int h = s.hidden_needed();
    return Json{{"seeds", c.seeds.size()},
                {"needed", c.needed},
                {"max_sequences", c.max_sequences},
                {"rows", rows},
                {"hidden_needed", h > 0 ? Json(h) : Json(nullptr)},
                {"hmm_states_needed", 4},
                {"verdict", verdict}};
}

}  // namespace

Json run_zoo_init(bool quick, bool print) {
    Json j = Json::object();
    j["init_grid"] = init_grid_json(quick, print);
    j["initial_state"] = initial_state_json(quick, print);
    j["interleaved"] = interleaved_json(quick, print);
    return j;
}

}  // namespace carry::cli
