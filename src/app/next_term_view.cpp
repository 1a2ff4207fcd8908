// next_term_view: the "Next term" tab (see next_term_view.h).
//
// [SECTION] the run: building it from the controls, training a slice per frame
// [SECTION] controls
// [SECTION] the chart, the numbers and the verdict
// [SECTION] draw
#include "app/next_term_view.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "app/chart.h"
#include "app/palette.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

namespace {

double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

// [SECTION] the run ------------------------------------------------------------------------------

bool NextTermView::pattern_chosen() const { return source >= static_cast<int>(source_presets().size()); }

void NextTermView::reset() {
    NextTermConfig c;
    if (pattern_chosen())
        c.source.pattern = pattern;
    else
        c.source.preset = source_presets()[static_cast<std::size_t>(std::max(source, 0))].name;
    // The slider's float, read as the hundredth it shows (0.05, not 0.0500000007): the numbers of
    // `carry-cli predict --noise 0.05`.
    c.source.noise = noise_value();
    c.hidden = std::clamp(hidden, 1, kMaxNextTermHidden);
    c.eval_every = kEvalEvery;
    auto r = std::make_unique<NextTermRun>(c);
    if (!r->ok()) {
        error = r->error();
        run.reset();
        running = false;
        return;
    }
    error.clear();
    run = std::move(r);
    stop_at = kTrainChunk;
    owed = 0.0;
}

double NextTermView::noise_value() const { return std::round(static_cast<double>(noise) * 100.0) / 100.0; }

void NextTermView::apply_settings(const NextTermSettings& s) {
    const int preset = source_preset_index(s.source);
    source = preset >= 0 ? preset : static_cast<int>(source_presets().size());
    std::snprintf(pattern, sizeof pattern, "%s", s.pattern.c_str());
    noise = static_cast<float>(s.noise);
    hidden = std::clamp(s.hidden, 1, kMaxNextTermHidden);
    if (!started) return;  // the tab starts its run with these when first shown
    const bool was_running = running || !run;
    reset();
    running = run && was_running;
}

bool NextTermView::settings(NextTermSettings& out) const {
    if (pattern_chosen() && !check_pattern(pattern).empty()) return false;
    out.source = pattern_chosen() ? "pattern" : source_presets()[static_cast<std::size_t>(std::max(source, 0))].name;
    if (pattern_chosen() || out.pattern.empty()) out.pattern = pattern;
    out.noise = noise_value();
    out.hidden = std::clamp(hidden, 1, kMaxNextTermHidden);
    return true;
}

// Trains kSequencesPerSecond of the frame's time (so the speed does not depend on the frame rate:
// the curve falls over seconds, readable), within the frame's budget.
void NextTermView::advance() {
    if (!running || !run) return;
    const double dt = std::clamp(static_cast<double>(ImGui::GetIO().DeltaTime), 0.0, 0.1);
    owed += kSequencesPerSecond * dt;
    const double start = now_ms();
    const int batch = next_term_train_config(run->config()).batch;
    while (owed >= batch && run->sequences() < stop_at && now_ms() - start < frame_budget_ms) {
        run->step(1);
        owed -= batch;
    }
    if (owed > batch) owed = batch;  // a slow frame does not pile up work for the next ones
    if (run->sequences() >= stop_at) {
        run->score_now();
        running = false;
    }
}

namespace {

// [SECTION] controls -----------------------------------------------------------------------------

// The source, its noise, the hidden units; true when one of them changed.
bool draw_source_controls(NextTermView& v) {
    const float fs = ImGui::GetFontSize();
    const auto& presets = source_presets();
    bool changed = false;
    const char* current =
        v.pattern_chosen() ? "a repeating pattern" : presets[static_cast<std::size_t>(v.source)].label;
    ImGui::SetNextItemWidth(fs * 19.0f);
    if (ImGui::BeginCombo("source", current)) {
        for (int k = 0; k <= static_cast<int>(presets.size()); ++k) {
            const bool is_pattern = k == static_cast<int>(presets.size());
            const char* label =
                is_pattern ? "a repeating pattern (type it)" : presets[static_cast<std::size_t>(k)].label;
            if (ImGui::Selectable(label, v.source == k)) {
                changed = changed || v.source != k;
                v.source = k;
            }
            if (v.source == k) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    tooltip(
        "Where the bits come from. A hidden machine: states the net cannot see, each emitting a bit (a coin, or a "
        "bit fixed by the rule) and moving on the bit it emitted. Or a pattern you type, repeated over and over.");
    if (v.pattern_chosen()) {
        ImGui::SameLine();
        const bool bad = !check_pattern(v.pattern).empty();
        if (bad) {
            ImGui::PushStyleColor(ImGuiCol_FrameBg, col4(pal().field_error_bg));
            ImGui::PushStyleColor(ImGuiCol_Border, col4(pal().field_error_border));
        }
        ImGui::SetNextItemWidth(fs * 14.0f);
        if (ImGui::InputText("pattern", v.pattern, sizeof v.pattern, ImGuiInputTextFlags_CharsNoBlank)) changed = true;
        if (bad) ImGui::PopStyleColor(2);
        tooltip(
            "The pattern, 1 to 32 bits of 0 and 1, read left to right and then again from the start. Each bit is "
            "flipped with the noise's probability; the net must find where in the pattern it is.");
    }
    same_line_if_fits(fs * 22.0f);
    ImGui::SetNextItemWidth(fs * 9.0f);
    if (ImGui::SliderFloat("noise", &v.noise, 0.0f, 0.5f, "%.2f", ImGuiSliderFlags_AlwaysClamp)) changed = true;
    tooltip(
        "The chance that each emitted bit is flipped. 0: only the machine's coins are random; 0.5: every bit is a "
        "fair coin and nothing can be predicted (1 bit per symbol).");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 9.0f);
    if (ImGui::SliderInt("hidden units", &v.hidden, 1, kMaxNextTermHidden, "%d", ImGuiSliderFlags_AlwaysClamp))
        changed = true;
    tooltip("Hidden units of the recurrent net: its memory of the bits so far.");
    return changed;
}

// Train / Pause, Reset, and where the run is.
void draw_run_controls(NextTermView& v) {
    if (!v.run) ImGui::BeginDisabled();
    ImGui::PushStyleColor(ImGuiCol_Button, col4(v.running ? pal().pause_btn : pal().train_btn));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, col4(v.running ? pal().pause_btn_hover : pal().train_btn_hover));
    if (ImGui::Button(v.running ? "  Pause  " : "  Train  ")) {
        v.running = !v.running;
        if (v.running && v.run && v.run->sequences() >= v.stop_at) v.stop_at = v.run->sequences() + v.kTrainChunk;
    }
    ImGui::PopStyleColor(2);
    tooltip(v.running ? "Stop training; the net keeps its weights."
                      : "Train the net by backpropagation through time on sequences from the source: at every step "
                        "the target is the next bit. Trains while this tab is shown.");
    ImGui::SameLine();
    if (ImGui::Button("Reset")) v.reset();
    tooltip("Start the run again from its first weights (the seed is fixed: the same run repeats exactly).");
    if (!v.run) ImGui::EndDisabled();
    if (v.run) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%lld sequences of %d bits trained%s", v.run->sequences(), v.run->config().predictions + 1,
                            v.running                         ? ""
                            : v.run->sequences() >= v.stop_at ? ": paused (Train goes on)"
                                                              : ": paused");
    }
}

// [SECTION] the chart, the numbers and the verdict -----------------------------------------------

void draw_chart(const NextTermRun& r) {
    const float fs = ImGui::GetFontSize();
    const std::vector<float>& x = r.curve_sequences();
    const std::vector<float>& y = r.curve_bits();
    std::vector<float> rate(x.size(), static_cast<float>(r.stats().entropy_rate));
    char rate_name[96], net_name[96];
    std::snprintf(rate_name, sizeof rate_name, "entropy rate %.3f: the best possible", r.stats().entropy_rate);
    std::snprintf(net_name, sizeof net_name, "the net on held-out bits, now %.3f", r.score().bits);
    // From a little below the lower of the rate and the curve: the gap between them is what to see.
    float top = 1.05f, bottom = static_cast<float>(r.stats().entropy_rate);
    for (float v : y) top = std::max(top, v * 1.02f), bottom = std::min(bottom, v);
    bottom = std::max(0.0f, std::floor((bottom - 0.1f) * 10.0f) / 10.0f);
    ChartAxes axes;
    axes.title = "Loss predicting the next bit";
    axes.y_title = "bits per symbol";
    axes.x_title = "training sequences";
    axes.y_min = bottom;
    axes.y_max = top;
    const float h = std::clamp(ImGui::GetContentRegionAvail().y - fs * 16.0f, fs * 7.0f, fs * 16.0f);
    axis_chart("next_term_loss", x, {{net_name, &y, pal().orange}, {rate_name, &rate, pal().sky}}, h, axes);
    tooltip(
        "The net's average cross-entropy (log base 2) on fixed held-out sequences, after the first 16 bits of each "
        "(the net must first find the machine's state). The flat line is the source's entropy rate, computed "
        "exactly from the machine: no predictor can average less.");
}

void draw_numbers(const NextTermRun& r) {
    const PredictionScore& s = r.score();
    const SourceStats& st = r.stats();
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg;
    if (!ImGui::BeginTable("next_term_numbers", 3, flags)) return;
    ImGui::TableSetupColumn("predictor");
    ImGui::TableSetupColumn("bits per symbol");
    ImGui::TableSetupColumn("next bits right");
    ImGui::TableHeadersRow();
    auto row = [](const char* name, double bits, double acc, const char* tip) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(name);
        tooltip(tip);
        ImGui::TableNextColumn();
        ImGui::Text("%.3f", bits);
        ImGui::TableNextColumn();
        ImGui::Text("%.1f%%", 100.0 * acc);
    };
    row("entropy rate: the best possible on average (exact)", st.entropy_rate, st.best_accuracy,
        "The entropy rate: the sum over states of how often the machine is in the state times the uncertainty of "
        "its next bit, H(p). The accuracy: always guessing the likelier bit of the state the machine is in.");
    row("a predictor that knows the machine, on these bits", s.bayes_bits, s.bayes_accuracy,
        "A predictor that knows the machine and tracks which state it may be in from the bits so far, scored on "
        "the same held-out bits as the net: what is possible on this sample.");
    row("the net, on the same held-out bits", s.bits, s.accuracy,
        "The recurrent net's loss and accuracy on the held-out bits.");
    ImGui::EndTable();
}

void draw_verdict(const NextTermRun& r) {
    const double gap = r.score().bits - r.stats().entropy_rate;
    ImGui::PushStyleColor(ImGuiCol_Text, col4(gap <= 0.02 ? pal().right : pal().text));
    ImGui::TextWrapped("%s", next_term_verdict(r.score(), r.stats()).c_str());
    ImGui::PopStyleColor();
}

}  // namespace

// [SECTION] draw ---------------------------------------------------------------------------------

void NextTermView::draw() {
    if (!started) {
        started = true;
        reset();
        running = run != nullptr;
    }
    advance();
    ImGui::TextWrapped(
        "Predict the next term: the net reads a sequence of bits one at a time and at every step guesses the next "
        "bit. There is no separate target sequence: the target is the input, one step on.");
    if (draw_source_controls(*this)) {
        const bool was_running = running || !run;
        reset();
        running = run && was_running;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, col4(pal().dim));
    if (pattern_chosen())
        ImGui::TextWrapped(
            "The pattern repeats; each bit is flipped with the noise's probability. A predictor must find where in "
            "the pattern it is.");
    else
        ImGui::TextWrapped("%s", source_presets()[static_cast<std::size_t>(source)].description);
    ImGui::PopStyleColor();
    draw_run_controls(*this);
    if (!error.empty()) {
        ImGui::TextColored(col4(pal().error_text), "%s", error.c_str());
        return;
    }
    if (!run) return;
    draw_chart(*run);
    draw_numbers(*run);
    draw_verdict(*run);
    ImGui::TextWrapped(
        "This is supervised learning: backpropagation through time with a target at every step, exactly as for "
        "the adder, only the target is the next term of the same sequence. So-called unsupervised sequence "
        "learning is supervised learning where the data supply their own targets.");
}

}  // namespace carry
