// zoo/initial_state: learned vs fixed initial state over seeds (see initial_state.h).
#include "core/zoo/initial_state.h"

#include <cstdio>

namespace carry::zoo {

// Regenerate: carry-cli zoo --init --json (key "initial_state"); test_zoo_init_grid.cpp checks a row.
const RecordedInitialState kRecordedInitialState[3] = {
    {InitialState::Learned, 16, 20, 2688},
    {InitialState::FixedHalf, 12, 20, 2944},
    {InitialState::FixedZero, 9, 20, 3840},
};

InitialStateConfig initial_state_quick_config() {
    InitialStateConfig c;
    c.seeds = {1, 2, 3, 4};
    return c;
}

const char* initial_state_label(InitialState s) {
    switch (s) {
        case InitialState::Learned: return "learned";
        case InitialState::FixedHalf: return "fixed at 0.5";
        case InitialState::FixedZero: return "fixed at 0";
    }
    return "learned";
}

std::vector<SweepCell> initial_state_cells(const InitialStateConfig& config) {
    std::vector<SweepCell> cells;
    for (InitialState s : config.modes) {
        SweepCell cell;
        cell.label = std::string("initial state ") + initial_state_label(s);
        cell.train.net.initial_state = s;
        cell.max_sequences = config.max_sequences;
        cells.push_back(std::move(cell));
    }
    return cells;
}

std::string initial_state_recorded_note() {
    std::vector<InitialState> modes;
    std::vector<SweepResult> results;
    for (const RecordedInitialState& rec : kRecordedInitialState) {
        modes.push_back(rec.mode);
        SweepResult r;
        r.runs = rec.runs;
        r.solved = rec.solved;
        r.median_sequences = rec.median_sequences;
        results.push_back(r);
    }
    const InitialStateConfig c;
    return "Over seeds 1-" + std::to_string(c.seeds.size()) + ", at most " + std::to_string(c.max_sequences) +
           " sequences each, the other settings at their defaults (Models > Init). " +
           initial_state_verdict(modes, results);
}

std::string initial_state_verdict(const std::vector<InitialState>& modes, const std::vector<SweepResult>& results) {
    if (modes.empty() || results.size() != modes.size()) return "";
    std::size_t best = 0;
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (results[i].runs == 0) return "";
        const SweepResult &a = results[i], &b = results[best];
        if (a.solved > b.solved || (a.solved == b.solved && a.median_sequences >= 0 &&
                                    (b.median_sequences < 0 || a.median_sequences < b.median_sequences)))
            best = i;
    }
    char buf[512];
    std::string v = "Measured: ";
    for (std::size_t i = 0; i < results.size(); ++i) {
        const SweepResult& r = results[i];
        if (r.median_sequences >= 0)
            std::snprintf(buf, sizeof buf, "%s%s %d of %d seeds (median %lld sequences)", i ? "; " : "",
                          initial_state_label(modes[i]), r.solved, r.runs, r.median_sequences);
        else
            std::snprintf(buf, sizeof buf, "%s%s %d of %d seeds", i ? "; " : "", initial_state_label(modes[i]),
                          r.solved, r.runs);
        v += buf;
    }
    v += ". ";
    const bool learned_best = modes[best] == InitialState::Learned;
    bool tie = false;
    for (std::size_t i = 0; i < results.size(); ++i)
        if (i != best && results[i].solved == results[best].solved &&
            results[i].median_sequences == results[best].median_sequences)
            tie = true;
    if (tie)
        v += "No mode comes out ahead.";
    else if (learned_best)
        v += "The learned initial state does best, as the lecture says.";
    else
        v += std::string("Here ") + initial_state_label(modes[best]) +
             " does best: on this task the lecture's \"better learned\" is not borne out.";
    return v;
}

}  // namespace carry::zoo
