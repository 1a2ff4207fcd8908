// init_view: the initialization x momentum heat maps and the initial state table (see init_view.h).
//
// [SECTION] running   [SECTION] heat map   [SECTION] initial state   [SECTION] tab
#include "app/init_view.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "app/colormap.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

namespace {

// [SECTION] running ------------------------------------------------------------------------------

double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// One slice at least, then more while the frame's budget lasts. Returns the time spent.
template <class E>
double advance(E& e, double budget_ms) {
    const double start = now_ms();
    if (!e.done()) e.step(16);
    while (!e.done() && now_ms() - start < budget_ms) e.step(16);
    return now_ms() - start;
}

std::string cell_tip(const zoo::InitGridConfig& c, std::size_t t, std::size_t r, std::size_t s, std::size_t m,
                     const zoo::SweepResult& x) {
    char buf[512];
    const zoo::MomentumSetting& ms = c.momenta[m];
    std::string mom = ms.schedule ? "the momentum schedule (0.5, 0.75, 0.83, .. every 250 updates, up to " +
                                        std::to_string(ms.momentum).substr(0, 4) + ")"
                                  : "momentum " + ms.label;
    if (x.runs == 0)
        std::snprintf(buf, sizeof buf, "%s W_rec, init scale %g, %s, on %s: not run yet.",
                      recurrent_init_name(c.rows[r]), c.scales[s], mom.c_str(), c.tasks[t].label.c_str());
    else if (x.median_sequences >= 0)
        std::snprintf(buf, sizeof buf,
                      "%s W_rec, init scale %g, %s, on %s: %d of %d seeds learned to add 64-bit sums exactly; the "
                      "solved ones took %lld sequences (median).",
                      recurrent_init_name(c.rows[r]), c.scales[s], mom.c_str(), c.tasks[t].label.c_str(), x.solved,
                      x.runs, x.median_sequences);
    else
        std::snprintf(buf, sizeof buf,
                      "%s W_rec, init scale %g, %s, on %s: no seed of %d learned within %lld sequences.",
                      recurrent_init_name(c.rows[r]), c.scales[s], mom.c_str(), c.tasks[t].label.c_str(), x.runs,
                      c.max_sequences);
    return buf;
}

// [SECTION] heat map -----------------------------------------------------------------------------

// One heat map: init scale down, momentum across, for task t and recurrent initialization r.
void heat_map(const zoo::InitGrid& g, std::size_t t, std::size_t r) {
    const zoo::InitGridConfig& c = g.config();
    const float fs = ImGui::GetFontSize();
    const float label_w = fs * 3.2f, cell_w = fs * 3.6f, cell_h = fs * 2.5f;
    const float W = label_w + cell_w * static_cast<float>(c.momenta.size());
    ImGui::BeginGroup();
    ImGui::PushID(static_cast<int>(t * 16 + r));
    // Title over the map.
    char title[96];
    std::snprintf(title, sizeof title, "%s W_rec", recurrent_init_name(c.rows[r]));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + label_w);
    ImGui::TextUnformatted(title);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Column headers: momentum.
    ImVec2 o = ImGui::GetCursorScreenPos();
    dl->AddText(ImVec2(o.x, o.y), pal().dim, "scale");
    for (std::size_t m = 0; m < c.momenta.size(); ++m) {
        const char* lab = c.momenta[m].label.c_str();
        const float tw = ImGui::CalcTextSize(lab).x;
        dl->AddText(ImVec2(o.x + label_w + cell_w * (static_cast<float>(m) + 0.5f) - tw * 0.5f, o.y), pal().dim, lab);
    }
    ImGui::Dummy(ImVec2(W, ImGui::GetTextLineHeightWithSpacing()));
    for (std::size_t s = 0; s < c.scales.size(); ++s) {
        o = ImGui::GetCursorScreenPos();
        char sl[16];
        std::snprintf(sl, sizeof sl, "%g", c.scales[s]);
        const float sw = ImGui::CalcTextSize(sl).x;
        dl->AddText(ImVec2(o.x + label_w - sw - fs * 0.4f, o.y + (cell_h - fs) * 0.5f), pal().dim, sl);
        for (std::size_t m = 0; m < c.momenta.size(); ++m) {
            const zoo::SweepResult& x = g.cell(t, r, s, m);
            const ImVec2 a(o.x + label_w + cell_w * static_cast<float>(m), o.y);
            const ImVec2 b(a.x + cell_w - 1.0f, a.y + cell_h - 1.0f);
            ImGui::SetCursorScreenPos(a);
            ImGui::PushID(static_cast<int>(s * 16 + m));
            ImGui::InvisibleButton("cell", ImVec2(cell_w - 1.0f, cell_h - 1.0f));
            const bool hot = ImGui::IsItemHovered() || ImGui::IsItemFocused();
            ImGui::PopID();
            const bool run = x.runs > 0;
            const ImU32 fill = run ? activity_color(x.solve_rate()) : pal().cell_empty;
            dl->AddRectFilled(a, b, fill);
            if (hot) dl->AddRect(a, b, pal().cursor, 0.0f, 0, 2.0f);
            if (run) {
                const ImU32 ink = activity_text_color(x.solve_rate());
                char l1[24], l2[24];
                std::snprintf(l1, sizeof l1, "%d/%d", x.solved, x.runs);
                if (x.median_sequences >= 0)
                    std::snprintf(l2, sizeof l2, "%lld", x.median_sequences);
                else
                    std::snprintf(l2, sizeof l2, "-");
                const float w1 = ImGui::CalcTextSize(l1).x, w2 = ImGui::CalcTextSize(l2).x;
                const float cx = (a.x + b.x) * 0.5f, top = a.y + (cell_h - 2.0f * fs) * 0.5f;
                dl->AddText(ImVec2(cx - w1 * 0.5f, top), ink, l1);
                dl->AddText(ImVec2(cx - w2 * 0.5f, top + fs), ink, l2);
            }
            tooltip(cell_tip(c, t, r, s, m, x).c_str());
        }
        ImGui::SetCursorScreenPos(ImVec2(o.x, o.y + cell_h));
    }
    ImGui::Dummy(ImVec2(W, 0.0f));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + label_w);
    ImGui::TextDisabled("momentum");
    ImGui::PopID();
    ImGui::EndGroup();
}

void grid_section(InitView& v) {
    const zoo::InitGridConfig shown =
        v.grid ? v.grid->config() : (v.quick ? zoo::init_grid_quick_config() : zoo::InitGridConfig{});
    ImGui::TextWrapped(
        "Sutskever, Martens, Dahl and Hinton (2013): a well-scaled initialization and a momentum that rises on a "
        "schedule let plain gradient descent learn long-range dependencies. Here: the adder (3 hidden units, SGD "
        "learning rate 0.2, gradients clipped at 1), trained from %zu seeds per cell, at most %lld sequences each; "
        "the recurrent weights start random, as the identity or orthogonal, times the init scale.",
        shown.seeds.size(), shown.max_sequences);
    if (v.grid_running && v.grid) {
        v.grid_ms += advance(*v.grid, v.frame_budget_ms);
        if (v.grid->done()) v.grid_running = false;
    }
    if (!v.grid || v.grid->done()) {
        if (ImGui::Button(v.grid ? "Run the grid again" : "Run the grid")) v.start_grid();
        tooltip(
            "Train every cell of the grid from every seed, a little each frame (natively a few minutes; the "
            "quick grid: seconds).");
    } else {
        if (ImGui::Button(v.grid_running ? "Pause" : "Resume")) v.grid_running = !v.grid_running;
        tooltip("Pause or resume the grid's training.");
    }
    ImGui::SameLine();
    ImGui::Checkbox("quick", &v.quick);
    tooltip("The small grid for the next run: 3 seeds, init scales 0.5 and 2, momentum 0, 0.9 and the schedule.");
    if (!v.grid) return;
    ImGui::SameLine();
    char label[160];
    if (v.grid->done())
        std::snprintf(label, sizeof label, "done in %.1f s of training", v.grid_ms / 1000.0);
    else
        std::snprintf(label, sizeof label, "%s", v.grid->current_run().c_str());
    ImGui::ProgressBar(static_cast<float>(v.grid->progress()), ImVec2(-1.0f, 0.0f), label);
    draw_activity_legend("fraction of seeds solved");
    ImGui::TextDisabled("Each cell: seeds solved / seeds, and the median sequences of the solved ones.");
    const zoo::InitGridConfig& c = v.grid->config();
    const float fs = ImGui::GetFontSize();
    const float map_w = fs * (3.2f + 3.6f * static_cast<float>(c.momenta.size())) + fs;
    for (std::size_t t = 0; t < c.tasks.size(); ++t) {
        ImGui::Separator();
        ImGui::TextColored(col4(pal().strong), "%s", c.tasks[t].label.c_str());
        for (std::size_t r = 0; r < c.rows.size(); ++r) {
            if (r > 0) same_line_if_fits(map_w);
            heat_map(*v.grid, t, r);
        }
        const std::string verdict = zoo::init_grid_verdict(*v.grid, t);
        if (!verdict.empty()) ImGui::TextWrapped("%s", verdict.c_str());
    }
}

// [SECTION] initial state ------------------------------------------------------------------------

void initial_state_section(InitView& v) {
    ImGui::Separator();
    ImGui::TextColored(col4(pal().strong), "The initial state, measured");
    const zoo::InitialStateConfig defaults;
    ImGui::TextWrapped(
        "The lecture: the initial state can be fixed (say 0.5 for every unit), but it is better learned, exactly "
        "like the weights. The adder with the trainer's settings, from %zu seeds each, at most %lld sequences.",
        defaults.seeds.size(), defaults.max_sequences);
    if (v.initial_running && v.initial) {
        v.initial_ms += advance(*v.initial, v.frame_budget_ms);
        if (v.initial->done()) v.initial_running = false;
    }
    if (!v.initial || v.initial->done()) {
        if (ImGui::Button(v.initial ? "Measure again" : "Measure the initial state")) v.start_initial_state();
        tooltip("Train the adder from every seed with a learned initial state, one fixed at 0.5 and one fixed at 0.");
    } else {
        if (ImGui::Button(v.initial_running ? "Pause##initial" : "Resume##initial"))
            v.initial_running = !v.initial_running;
    }
    if (v.initial) {
        ImGui::SameLine();
        ImGui::ProgressBar(static_cast<float>(v.initial->progress()), ImVec2(-1.0f, 0.0f),
                           v.initial->done() ? "done" : v.initial->current_run().c_str());
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("initial_state", 3, flags)) return;
    ImGui::TableSetupColumn("initial state");
    ImGui::TableSetupColumn("seeds solved");
    ImGui::TableSetupColumn("median sequences to solve");
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < 3; ++i) {
        const zoo::RecordedInitialState& rec = zoo::kRecordedInitialState[i];
        const zoo::SweepResult* r = v.initial ? &v.initial->results()[i] : nullptr;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(zoo::initial_state_label(rec.mode));
        ImGui::TableNextColumn();
        if (r && r->runs > 0)
            ImGui::Text("%d of %d", r->solved, r->runs);
        else if (!r)
            ImGui::TextDisabled("%d of %d (recorded)", rec.solved, rec.runs);
        else
            ImGui::TextDisabled("-");
        ImGui::TableNextColumn();
        const long long med = r ? r->median_sequences : rec.median_sequences;
        if (r && r->runs == 0)
            ImGui::TextDisabled("-");
        else if (med >= 0)
            r ? ImGui::Text("%lld", med) : ImGui::TextDisabled("%lld (recorded)", med);
        else
            ImGui::TextDisabled("none solved");
    }
    ImGui::EndTable();
    std::vector<InitialState> modes;
    std::vector<zoo::SweepResult> results;
    for (std::size_t i = 0; i < 3; ++i) {
        modes.push_back(zoo::kRecordedInitialState[i].mode);
        if (v.initial) {
            results.push_back(v.initial->results()[i]);
        } else {
            zoo::SweepResult r;
            r.runs = zoo::kRecordedInitialState[i].runs;
            r.solved = zoo::kRecordedInitialState[i].solved;
            r.median_sequences = zoo::kRecordedInitialState[i].median_sequences;
            results.push_back(r);
        }
    }
    const std::string verdict = zoo::initial_state_verdict(modes, results);
    if (!verdict.empty()) ImGui::TextWrapped("%s", verdict.c_str());
}

}  // namespace

// [SECTION] tab ----------------------------------------------------------------------------------

void InitView::start_grid() {
    grid = std::make_unique<zoo::InitGrid>(quick ? zoo::init_grid_quick_config() : zoo::InitGridConfig{});
    grid_running = true;
    grid_ms = 0.0;
}

void InitView::start_initial_state() {
    initial = std::make_unique<zoo::InitialStateExperiment>(zoo::InitialStateConfig{});
    initial_running = true;
    initial_ms = 0.0;
}

void InitView::draw() {
    grid_section(*this);
    initial_state_section(*this);
}

void init_view_scenario(InitView& v, bool quick) {
    v.quick = quick;
    v.start_grid();
    const double t0 = now_ms();
    while (!v.grid->step(1 << 20)) {}
    v.grid_ms = now_ms() - t0;
    v.grid_running = false;
}

}  // namespace carry
