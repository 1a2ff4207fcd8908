// lstm_view: "LSTM, live": training the LSTM a slice a frame, its controls and curves (see
// lstm_view.h). The gate strips and the carry's sentence are drawn by lstm_strips.cpp.
#include "app/lstm_view.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app/chart.h"
#include "app/lstm_strips.h"
#include "app/palette.h"
#include "app/playground.h"
#include "app/widgets.h"
#include "core/machine.h"
#include "core/rng.h"
#include "imgui.h"

namespace carry {

namespace {

constexpr std::uint64_t kVal8Seed = 0x6c38, kVal64Seed = 0x6c40;  // fixed curve sums, any LSTM
constexpr double kCarryEverySeconds = 0.25;                       // the analysis while training

double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

void sample(LstmLive& v) {
    const zoo::Lstm& l = v.trainer->lstm();
    const zoo::LstmAccuracy a8 = zoo::lstm_exact_accuracy(l, 8, kLstmPairs8, kVal8Seed);
    const zoo::LstmAccuracy a64 = zoo::lstm_exact_accuracy(l, 64, kLstmPairs64, kVal64Seed);
    auto& h = v.history;
    h.sequences.push_back(static_cast<float>(v.trainer->sequences()));
    h.loss.push_back(static_cast<float>(a64.loss_per_bit));
    h.exact_8.push_back(static_cast<float>(a8.exact));
    h.exact_64.push_back(static_cast<float>(a64.exact));
    v.next_sample = v.trainer->sequences() + kLstmSampleEvery;
}

void reset(LstmLive& v) {
    zoo::LstmTrainConfig c;
    c.hidden = std::clamp(v.hidden, zoo::kMinLstmHidden, zoo::kMaxLstmHidden);
    v.trainer = std::make_unique<zoo::LstmTrainer>(c, static_cast<std::uint64_t>(std::max(v.seed, 0)));
    v.history.clear();
    v.accum = 0.0;
    v.solved_at = -1;
    ++v.generation;
    sample(v);  // the fresh LSTM's point
}

// Minibatches within the frame's budget; true when it became solved.
void train(LstmLive& v, long long minibatches) {
    const double t0 = now_ms();
    for (long long k = 0; k < minibatches; ++k) {
        v.trainer->step(1);
        v.accum -= v.trainer->config().batch;
        if (v.trainer->sequences() >= v.next_sample) sample(v);
        if (v.trainer->solved() && v.solved_at < 0) {
            v.solved_at = v.trainer->sequences();
            v.training = false;  // a verdict to read; Train goes on from here
            v.accum = 0.0;
            break;
        }
        if (now_ms() - t0 >= v.frame_budget_ms) break;
    }
}

void refresh_views(LstmLive& v, const Playground& pg, double dt) {
    const long long seq = v.trainer->sequences();
    if (v.view_sequences != seq || v.view_generation != v.generation || v.view_pair.a != pg.pair.a ||
        v.view_pair.b != pg.pair.b) {
        v.view = zoo::lstm_gate_view(v.trainer->lstm(), pg.pair);
        v.view_pair = pg.pair;
        v.view_sequences = seq;
        v.view_generation = v.generation;
    }
    v.carry_age += dt;
    const bool stale = v.carry_sequences != seq || v.carry_generation != v.generation;
    if (stale && (!v.training || v.carry_age >= kCarryEverySeconds)) {
        v.carry = zoo::lstm_carry_analysis(v.trainer->lstm(), zoo::lstm_carry_sample());
        v.carry_sentence = zoo::lstm_carry_sentence(v.carry);
        v.carry_sequences = seq;
        v.carry_generation = v.generation;
        v.carry_age = 0.0;
    }
}

}  // namespace

void LstmLive::History::clear() {
    sequences.clear();
    loss.clear();
    exact_8.clear();
    exact_64.clear();
}

bool lstm_view_shown(const Playground& pg) { return pg.shows("lstm") || pg.link.focus == "lstm"; }

bool lstm_view_busy(const LstmLive& v, const Playground& pg) {
    return lstm_view_shown(pg) && (v.training || v.want_reset || v.want_steps > 0 || !v.trainer);
}

void lstm_view_update(LstmLive& v, const Playground& pg, double dt_seconds) {
    v.last_frame_sequences = 0;
    v.last_frame_ms = 0.0;
    if (!lstm_view_shown(pg)) {
        v.training = false;  // closed: it stops, and costs nothing
        v.want_steps = 0;
        return;
    }
    const double t0 = now_ms();
    if (!v.trainer || v.want_reset) reset(v);
    v.want_reset = false;
    const long long s0 = v.trainer->sequences();
    if (v.want_steps > 0) {
        for (int k = 0; k < v.want_steps; ++k) v.trainer->step(1);
        if (v.trainer->sequences() >= v.next_sample) sample(v);
        if (v.trainer->solved() && v.solved_at < 0) v.solved_at = v.trainer->sequences();
        v.want_steps = 0;
    }
    if (v.training) {
        const int batch = v.trainer->config().batch;
        const double per_second = std::clamp(static_cast<double>(v.sums_per_second), 10.0, 1e6);
        v.accum += per_second * std::clamp(dt_seconds, 0.0, 0.25);
        const long long owed = static_cast<long long>(v.accum / batch);
        if (owed > 0) train(v, owed);
        // What the budget did not reach stays owed, at most half a second's worth.
        v.accum = std::clamp(v.accum, 0.0, std::max(per_second * 0.5, static_cast<double>(batch)));
        ++v.frames_trained;
    }
    refresh_views(v, pg, dt_seconds);
    v.last_frame_sequences = v.trainer->sequences() - s0;
    v.last_frame_ms = now_ms() - t0;
}

bool lstm_view_train_until_solved(LstmLive& v, Playground& pg, long long max_sequences) {
    if (!pg.shows("lstm")) pg.link.panels.emplace_back("lstm");
    if (!v.trainer || v.want_reset) reset(v);
    v.want_reset = false;
    while (!v.trainer->solved() && v.trainer->sequences() < max_sequences) {
        v.trainer->step(1);
        if (v.trainer->sequences() >= v.next_sample) sample(v);
    }
    if (v.trainer->solved() && v.solved_at < 0) v.solved_at = v.trainer->sequences();
    v.training = false;
    sample(v);
    return v.trainer->solved();
}

namespace {

void controls(LstmLive& v) {
    const Palette& p = pal();
    ImGui::PushStyleColor(ImGuiCol_Button, col4(v.training ? p.pause_btn : p.train_btn));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, col4(v.training ? p.pause_btn_hover : p.train_btn_hover));
    if (ImGui::Button(v.training ? "Pause##lstm" : "Train##lstm")) v.training = !v.training;
    ImGui::PopStyleColor(2);
    tooltip(v.training ? "Stop training the LSTM (its weights stay as they are)."
                       : "Train the LSTM on random sums, as the recurrent net is trained: backpropagation through "
                         "time, a minibatch of sums at a time.");
    ImGui::SameLine();
    if (ImGui::Button("Step##lstm")) ++v.want_steps;
    tooltip("One minibatch of 8 random sums: one step down the error's gradient.");
    ImGui::SameLine();
    if (ImGui::Button("Reset##lstm")) v.want_reset = true;
    tooltip("A new LSTM from the seed: the same cells and seed replay the same run, bit for bit.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
    int h = v.hidden;
    if (ImGui::SliderInt("cells##lstm", &h, zoo::kMinLstmHidden, zoo::kMaxLstmHidden) && h != v.hidden) {
        v.hidden = h;
        v.want_reset = true;
    }
    tooltip(
        "Memory cells. Each has a write gate (lets a new value in), a keep gate (holds the value from "
        "one step to the next) and a read gate (lets it out). Changing it starts a new LSTM.");
    same_line_if_fits(ImGui::GetFontSize() * 9.0f);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
    int s = v.seed;
    if (ImGui::InputInt("seed##lstm", &s, 1, 10) && s != v.seed && s >= 0) {
        v.seed = s;
        v.want_reset = true;
    }
    tooltip("The random seed of the LSTM's first weights and of its training sums.");
    same_line_if_fits(ImGui::GetFontSize() * 14.0f);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    ImGui::SliderFloat("sums/s##lstm", &v.sums_per_second, 100.0f, 50000.0f, "%.0f", ImGuiSliderFlags_Logarithmic);
    tooltip("Training speed in sums per second, whatever the frame rate (at most a few ms of each frame).");
}

void status(const LstmLive& v) {
    const zoo::LstmTrainer& t = *v.trainer;
    const auto& h = v.history;
    const double e8 = h.exact_8.empty() ? 0.0 : h.exact_8.back(), e64 = h.exact_64.empty() ? 0.0 : h.exact_64.back();
    ImGui::TextWrapped("%lld sums trained, lengths up to %d bits · exact: %.0f%% of 8-bit, %.0f%% of 64-bit sums",
                       t.sequences(), t.current_max_bits(), 100.0 * e8, 100.0 * e64);
    tooltip("Exact-sum accuracy on fixed validation sums it never trains on, at the last curve point.");
    if (v.solved_at >= 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, col4(pal().right));
        ImGui::TextWrapped(
            "Solved: after %lld sums, the LSTM adds every one of its %d validation sums of %d bits "
            "exactly, longer than any it trained on.",
            v.solved_at, t.config().validation_count, t.config().validation_bits);
        ImGui::PopStyleColor();
    } else if (t.last_exact() >= 0.0) {
        ImGui::TextDisabled("Last full check: %.1f%% of %d validation sums of %d bits exact.", 100.0 * t.last_exact(),
                            t.config().validation_count, t.config().validation_bits);
    }
}

void curves(const LstmLive& v) {
    const auto& h = v.history;
    const float fs = ImGui::GetFontSize();
    ChartAxes acc;
    acc.title = "LSTM: exact sums";
    acc.y_title = "share exact, validation sums";
    acc.y_min = 0.0f;
    acc.y_max = 1.0f;
    acc.percent = true;
    acc.x_axis = false;
    axis_chart("lstm_acc", h.sequences,
               {{"8-bit sums", &h.exact_8, pal().sky}, {"64-bit sums", &h.exact_64, pal().orange}}, fs * 3.5f, acc);
    ChartAxes loss;
    loss.title = "LSTM: loss";
    loss.y_title = "cross-entropy per sum bit, 64-bit sums";
    loss.x_title = "sums trained";
    loss.log_y = true;
    axis_chart("lstm_loss", h.sequences, {{"loss", &h.loss, pal().vermillion}}, fs * 3.5f, loss);
}

}  // namespace

void panel_lstm(LstmLive& v, Playground& pg) {
    if (!panel_header("LSTM, live",
                      "The lecture's long short-term memory, trained here on the same sums: its memory cells "
                      "are written, kept and read through gates, step by step beside the animation."))
        return;
    ImGui::PushID("lstm_live");
    // The gate view is about the carry: the LSTM here always learns addition (issue 19's tasks are the
    // recurrent net's), and it reads the add view's two numbers as a sum.
    if (!is_add(pg.settings.task))
        ImGui::TextColored(col4(pal().info), "The LSTM learns addition here, whatever the task above: its gates "
                                             "are read for the carry of the two numbers in the add view.");
    controls(v);
    if (v.trainer) {
        status(v);
        lstm_gate_strips(v, pg);
        if (ImGui::TreeNodeEx("Curves##lstm", ImGuiTreeNodeFlags_DefaultOpen)) {
            curves(v);
            ImGui::TreePop();
        }
    } else {
        ImGui::TextDisabled("Building the LSTM...");
    }
    ImGui::PopID();
}

}  // namespace carry
