// interleaved_view: the recurrent net on two interleaved sums, beside the HMM (see interleaved_view.h).
#include "app/interleaved_view.h"

#include <chrono>
#include <cstdio>

#include "app/widgets.h"
#include "imgui.h"

namespace carry {

namespace {

double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

void InterleavedRnnView::start() {
    search =
        std::make_unique<zoo::InterleavedSearch>(quick ? zoo::interleaved_quick_config() : zoo::InterleavedConfig{});
    running = true;
    elapsed_ms = 0.0;
}

void InterleavedRnnView::draw() {
    ImGui::Separator();
    ImGui::TextColored(col4(pal().strong), "The recurrent net on the same interleaved sums");
    const zoo::InterleavedConfig shown = search ? search->config() : zoo::InterleavedConfig{};
    ImGui::TextWrapped(
        "The HMM needs 4 states (2 bits) to hold the two carries. The recurrent net reads the same interleaved "
        "columns, its target the sum bit of each, and is trained with %d, %d, .. hidden units, %zu seeds each (at "
        "most %lld sequences), until %d seeds add two interleaved %d-bit sums exactly.",
        shown.min_hidden, shown.min_hidden + 1, shown.seeds.size(), shown.max_sequences, shown.needed, shown.eval_bits);
    if (running && search) {
        const double t0 = now_ms();
        if (!search->done()) search->step(16);
        while (!search->done() && now_ms() - t0 < frame_budget_ms) search->step(16);
        elapsed_ms += now_ms() - t0;
        if (search->done()) running = false;
    }
    if (!search || search->done()) {
        if (ImGui::Button(search ? "Train the RNN again" : "Train the RNN on interleaved sums")) start();
        tooltip(
            "Train the recurrent net on two sums interleaved column by column, growing its hidden layer one "
            "unit at a time until most seeds learn it.");
    } else {
        if (ImGui::Button(running ? "Pause##rnn" : "Resume##rnn")) running = !running;
    }
    if (search) {
        ImGui::SameLine();
        char label[128];
        if (search->done())
            std::snprintf(label, sizeof label, "done in %.1f s of training", elapsed_ms / 1000.0);
        else
            std::snprintf(label, sizeof label, "%s", search->current_run().c_str());
        ImGui::ProgressBar(static_cast<float>(search->progress()), ImVec2(-1.0f, 0.0f), label);
    }
    if (!search) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("interleaved_rnn", 3, flags)) {
        ImGui::TableSetupColumn("hidden units H");
        ImGui::TableSetupColumn("seeds solved");
        ImGui::TableSetupColumn("median sequences to solve");
        ImGui::TableHeadersRow();
        for (const auto& row : search->rows()) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%d", row.hidden);
            ImGui::TableNextColumn();
            const bool enough = row.result.solved >= search->config().needed;
            ImGui::TextColored(col4(enough ? pal().sky : pal().text_soft), "%d of %d", row.result.solved,
                               row.result.runs);
            ImGui::TableNextColumn();
            if (row.result.median_sequences >= 0)
                ImGui::Text("%lld", row.result.median_sequences);
            else
                ImGui::TextDisabled("none solved");
        }
        ImGui::EndTable();
    }
    if (search->done()) {
        const int h = search->hidden_needed();
        if (h > 0)
            ImGui::TextColored(col4(pal().strong), "RNN needs %d hidden unit%s; the HMM needs 4 states.", h,
                               h == 1 ? "" : "s");
        ImGui::TextWrapped("%s", zoo::interleaved_verdict(*search).c_str());
    }
}

}  // namespace carry
