// modes_view: the input and target modes table (see modes_view.h).
#include "app/modes_view.h"

#include <chrono>
#include <cstdio>

#include "imgui.h"

namespace carry {

namespace {

double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// Trains one slice of a few minibatches, then more slices while the frame's budget lasts, until
// the experiment ends. (One slice at least: a budget of 0 gives exactly one slice per frame.)
void advance(ModesView& v) {
    const double start = now_ms();
    if (!v.experiment->done()) v.experiment->step(16);
    while (!v.experiment->done() && now_ms() - start < v.frame_budget_ms) v.experiment->step(16);
    v.elapsed_ms += now_ms() - start;
    if (v.experiment->done()) v.running = false;
}

void draw_table(const zoo::ModesExperiment& e) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg;
    if (!ImGui::BeginTable("modes_table", 4, flags)) return;
    ImGui::TableSetupColumn("how inputs and targets are given");
    ImGui::TableSetupColumn("seeds solved");
    ImGui::TableSetupColumn("median sequences to solve");
    ImGui::TableSetupColumn("exact 64-bit sums");
    ImGui::TableHeadersRow();
    const std::size_t seeds = e.config().seeds.size();
    for (const zoo::ModeResult& r : e.results()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.mode.label.c_str());
        ImGui::TableNextColumn();
        if (r.runs == 0) {
            ImGui::TextDisabled("-");
        } else {
            ImGui::Text("%d of %d", r.solved, r.runs);
            if (static_cast<std::size_t>(r.runs) < seeds) {
                ImGui::SameLine();
                ImGui::TextDisabled("(of %zu)", seeds);
            }
        }
        ImGui::TableNextColumn();
        if (r.median_sequences >= 0)
            ImGui::Text("%lld", r.median_sequences);
        else
            ImGui::TextDisabled("-");
        ImGui::TableNextColumn();
        if (r.runs > 0)
            ImGui::Text("%.0f%%", r.mean_exact_64 * 100.0);
        else
            ImGui::TextDisabled("-");
    }
    ImGui::EndTable();
}

// What the finished table shows, in the lecture's words; each claim only when the numbers bear it out.
void draw_summary(const zoo::ModesExperiment& e) {
    const zoo::ModeResult *every = nullptr, *last = nullptr, *final_carry = nullptr, *column = nullptr,
                          *initial = nullptr;
    for (const zoo::ModeResult& r : e.results()) {
        if (r.mode.kind == zoo::ModeKind::Targets && r.mode.last_k == 0) every = &r;
        if (r.mode.kind == zoo::ModeKind::Targets && r.mode.last_k == 2) last = &r;
        if (r.mode.kind == zoo::ModeKind::Targets && r.mode.last_k == 1) final_carry = &r;
        if (r.mode.kind == zoo::ModeKind::CarryInColumn) column = &r;
        if (r.mode.kind == zoo::ModeKind::CarryInInitialState) initial = &r;
    }
    if (every && last && every->solved > last->solved)
        ImGui::TextWrapped(
            "A target at every step gives an error signal at every column, right where each carry is made; "
            "with targets only at the last steps the signal must travel back through the whole sum, and "
            "fewer seeds learn to add (%d against %d).",
            every->solved, last->solved);
    if (final_carry && final_carry->solved == 0)
        ImGui::TextWrapped("The final carry alone (one target bit per sum) taught no seed to add.");
    if (column && initial)
        ImGui::TextWrapped(
            "The carry-in bit is learned %s as the initial state of a hidden unit (%d seeds) as it is "
            "as a column (%d): the net must make that unit's starting value act like its own carry "
            "state, with nothing else telling it how.",
            initial->solved < column->solved ? "less reliably" : "as well", initial->solved, column->solved);
}

}  // namespace

void ModesView::draw() {
    const zoo::ModesConfig defaults;
    ImGui::TextWrapped(
        "The same recurrent net (3 hidden units, the trainer's settings) trained %zu times per row (seeds 1-%zu, at "
        "most "
        "%lld sequences each). Targets: the sum bit at every step, or only the final sum bits (the last few steps; the "
        "very last is the final carry). Inputs: a carry-in bit c0 for a + b + c0, given as an extra first column, or "
        "as the initial state of hidden unit 1.",
        defaults.seeds.size(), defaults.seeds.size(), defaults.max_sequences);
    if (running && experiment) advance(*this);
    if (!experiment) {
        if (ImGui::Button("Run the experiment")) {
            experiment = std::make_unique<zoo::ModesExperiment>(defaults);
            running = true;
            elapsed_ms = 0.0;
        }
        return;
    }
    if (experiment->done()) {
        if (ImGui::Button("Run again")) {
            experiment = std::make_unique<zoo::ModesExperiment>(defaults);
            running = true;
            elapsed_ms = 0.0;
        }
    } else if (ImGui::Button(running ? "Pause" : "Resume")) {
        running = !running;
    }
    ImGui::SameLine();
    char label[160];
    if (experiment->done())
        std::snprintf(label, sizeof label, "done in %.1f s of training", elapsed_ms / 1000.0);
    else
        std::snprintf(label, sizeof label, "%s", experiment->current_run().c_str());
    ImGui::ProgressBar(static_cast<float>(experiment->progress()), ImVec2(-1.0f, 0.0f), label);
    draw_table(*experiment);
    if (experiment->done()) draw_summary(*experiment);
}

}  // namespace carry
