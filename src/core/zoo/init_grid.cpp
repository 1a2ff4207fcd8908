// zoo/init_grid: the initialization x momentum grid (see init_grid.h).
#include "core/zoo/init_grid.h"

#include <cstdio>

namespace carry::zoo {

namespace {

std::string scale_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", s);
    return buf;
}

std::vector<SweepCell> grid_cells(const InitGridConfig& c) {
    std::vector<SweepCell> cells;
    for (const InitTask& task : c.tasks)
        for (RecurrentInit row : c.rows)
            for (double scale : c.scales)
                for (const MomentumSetting& m : c.momenta) {
                    SweepCell cell;
                    cell.label = task.key + ", " + recurrent_init_name(row) + " W_rec, scale " + scale_text(scale) +
                                 ", momentum " + m.label;
                    cell.train = init_grid_train_config(task, row, scale, m);
                    cell.max_sequences = c.max_sequences;
                    cells.push_back(std::move(cell));
                }
    return cells;
}

// Better: more seeds solved, then fewer median sequences.
bool better(const SweepResult& a, const SweepResult& b) {
    if (a.solved != b.solved) return a.solved > b.solved;
    return a.median_sequences >= 0 && (b.median_sequences < 0 || a.median_sequences < b.median_sequences);
}

std::string rate_text(const SweepResult& r) {
    char buf[96];
    if (r.median_sequences >= 0)
        std::snprintf(buf, sizeof buf, "%d of %d seeds, median %lld sequences", r.solved, r.runs, r.median_sequences);
    else
        std::snprintf(buf, sizeof buf, "%d of %d seeds", r.solved, r.runs);
    return buf;
}

}  // namespace

InitGridConfig init_grid_quick_config() {
    InitGridConfig c;
    c.scales = {0.5, 2.0};
    c.momenta = {{0.0, false, "0"}, {0.9, false, "0.9"}, {0.99, true, "schedule"}};
    c.seeds = {1, 2, 3};
    c.max_sequences = 3000;
    return c;
}

TrainConfig init_grid_train_config(const InitTask& task, RecurrentInit row, double scale, const MomentumSetting& m) {
    TrainConfig t;
    t.net.recurrent_init = row;
    t.net.init_scale = scale;
    t.optim.momentum = m.momentum;
    t.optim.momentum_schedule = m.schedule;
    t.min_bits = task.min_bits;
    t.max_bits = task.max_bits;
    t.curriculum = task.curriculum;
    t.restart_after = 0;
    return t;
}

InitGrid::InitGrid(const InitGridConfig& config) : config_(config), sweep_(grid_cells(config), config.seeds) {}

const SweepResult& InitGrid::cell(std::size_t task, std::size_t row, std::size_t scale, std::size_t momentum) const {
    const std::size_t R = config_.rows.size(), S = config_.scales.size(), M = config_.momenta.size();
    return sweep_.results()[((task * R + row) * S + scale) * M + momentum];
}

std::string init_grid_verdict(const InitGrid& grid, std::size_t task) {
    const InitGridConfig& c = grid.config();
    const SweepResult* best = nullptr;
    std::string best_where;
    const SweepResult *best_zero = nullptr, *best_const = nullptr, *best_sched = nullptr, *best_099 = nullptr;
    std::vector<const SweepResult*> best_row(c.rows.size(), nullptr);
    for (std::size_t r = 0; r < c.rows.size(); ++r)
        for (std::size_t s = 0; s < c.scales.size(); ++s)
            for (std::size_t m = 0; m < c.momenta.size(); ++m) {
                const SweepResult& x = grid.cell(task, r, s, m);
                if (x.runs == 0) return "";  // not finished
                const MomentumSetting& ms = c.momenta[m];
                if (!best || better(x, *best)) {
                    best = &x;
                    best_where = std::string(recurrent_init_name(c.rows[r])) + " W_rec, scale " +
                                 scale_text(c.scales[s]) + ", momentum " + ms.label;
                }
                if (!best_row[r] || better(x, *best_row[r])) best_row[r] = &x;
                const SweepResult*& slot = ms.schedule ? best_sched : (ms.momentum == 0.0 ? best_zero : best_const);
                if (!slot || better(x, *slot)) slot = &x;
                if (!ms.schedule && ms.momentum == 0.99 && (!best_099 || better(x, *best_099))) best_099 = &x;
            }
    if (!best) return "";
    std::string v = "On " + c.tasks[task].label + ": ";
    if (best->solved == 0) return v + "no cell solved a single seed within the budget.";
    v += "best cell " + best_where + " (" + rate_text(*best) + "). ";
    if (best_zero && best_const) {
        if (better(*best_const, *best_zero))
            v += "Momentum helps: the best constant momentum cell solves " + rate_text(*best_const) +
                 ", the best without momentum " + rate_text(*best_zero) + ". ";
        else
            v += "Momentum does not help here: without it the best cell solves " + rate_text(*best_zero) +
                 ", with a constant momentum at best " + rate_text(*best_const) + ". ";
    }
    if (best_sched) {
        const SweepResult* other = best_099 ? best_099 : best_const;
        if (other) {
            const std::string what = best_099 ? "the constant 0.99 it rises to" : "the best constant momentum";
            v += (better(*best_sched, *other) ? "The schedule helps over " : "The schedule does not beat ") + what +
                 " (";
            v += rate_text(*best_sched) + " against " + rate_text(*other) + ")";
            if (best_const && best_const != other)
                v += better(*best_sched, *best_const) ? ", and beats every constant momentum."
                                                      : ", but not the best constant momentum.";
            else
                v += ".";
        }
    }
    std::size_t top = 0;
    for (std::size_t r = 1; r < best_row.size(); ++r)
        if (better(*best_row[r], *best_row[top])) top = r;
    if (v.back() != ' ') v += ' ';
    std::string tied;
    for (std::size_t r = 0; r < best_row.size(); ++r)
        if (r != top && !better(*best_row[top], *best_row[r]))
            tied += std::string(" and ") + recurrent_init_name(c.rows[r]);
    v += std::string(tied.empty() ? "Best recurrent initialization: " : "Best recurrent initializations, tied: ") +
         recurrent_init_name(c.rows[top]) + tied + " (" + rate_text(*best_row[top]) + " in the best cell).";
    return v;
}

InitGrid run_init_grid(const InitGridConfig& config) {
    InitGrid g(config);
    while (!g.step(1 << 20)) {}
    return g;
}

}  // namespace carry::zoo
