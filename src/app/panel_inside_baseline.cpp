// panel_inside_baseline: the lecture's argument in numbers: a feed-forward net given both 8-bit
// numbers at once against the recurrent net (H = 3), trained on the same pairs, scored on held-out
// pairs and on a carry column it never saw (core/feedforward.h).
//
// The comparison (about 1-3 s of work natively, longer in the browser) runs a slice a frame
// (FeedforwardBaseline, stepped by inside_update) with a progress bar; the result is kept.
#include <cstdio>

#include "app/colormap.h"
#include "app/inside_panels.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

void panel_inside_baseline(InsideView& v, Playground& /*pg*/) {
    const FeedforwardConfig cfg;
    ImGui::TextWrapped(
        "A feed-forward net (%d logistic hidden units) gets both %d-bit numbers at once and outputs all "
        "%d sum bits. It and the recurrent net (3 hidden units, one column per step) train on the same "
        "half of the pairs; every pair with a carry into column %d is kept out of training.",
        cfg.hidden, cfg.width, cfg.width + 1, cfg.unseen_carry_column);
    if (v.baseline_state == 0) {
        if (ImGui::Button("Compute the comparison")) v.baseline_state = 1;
        tooltip("Trains both nets once, a slice per frame (a second or two on a desktop; the page keeps responding).");
        return;
    }
    if (v.baseline_state < 3) {
        const FeedforwardBaseline* run = v.baseline_run.get();
        const float p = run ? static_cast<float>(run->progress()) : 0.0f;
        char label[96];
        std::snprintf(label, sizeof label, "%.0f%%: %s", 100.0f * p, run ? run->status() : "starting");
        ImGui::ProgressBar(p, ImVec2(-1.0f, 0.0f), label);
        ImGui::TextDisabled("Both nets train once; the page keeps drawing while they do.");
        return;
    }
    const FeedforwardResult& r = v.baseline;
    if (ImGui::BeginTable("ffvsrnn", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("exact sums right");
        char ff[64], rn[64];
        std::snprintf(ff, sizeof ff, "feed-forward (%lld weights)", r.parameters);
        std::snprintf(rn, sizeof rn, "recurrent, H=3 (%zu weights)", param_count(3));
        ImGui::TableSetupColumn(ff);
        ImGui::TableSetupColumn(rn);
        ImGui::TableHeadersRow();
        auto row = [&](const char* name, const SplitScore& a, const SplitScore& b) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%s (%zu pairs)", name, a.pairs);
            ImGui::TableNextColumn();
            ImGui::Text("%.1f%%  (bits %.1f%%)", a.exact_accuracy * 100, a.bit_accuracy * 100);
            ImGui::TableNextColumn();
            if (r.rnn_run)
                ImGui::Text("%.1f%%  (bits %.1f%%)", b.exact_accuracy * 100, b.bit_accuracy * 100);
            else
                ImGui::TextDisabled("-");
        };
        row("training pairs", r.train, r.rnn_train);
        row("held-out pairs", r.heldout, r.rnn_heldout);
        row("carry into an unseen column", r.unseen_carry, r.rnn_unseen_carry);
        ImGui::EndTable();
    }
    ImGui::TextWrapped(
        "What it shows: the feed-forward net must learn the carry rule separately for every column, "
        "so it does %s on the carry it never saw (%.0f%% exact) while the recurrent net, which applies "
        "one rule in every column, gets %.0f%%, and it adds numbers of any length, not only %d bits.",
        r.unseen_carry.exact_accuracy < 0.5 ? "poorly" : "worse", r.unseen_carry.exact_accuracy * 100,
        r.rnn_unseen_carry.exact_accuracy * 100, cfg.width);
    ImGui::TextDisabled("Computed once in %.0f ms over %d frames (recurrent net: %lld training sequences).",
                        v.baseline_ms, v.baseline_frames, r.rnn_sequences);
    if (ImGui::SmallButton("Compute again")) v.baseline_state = 1;
}

}  // namespace carry
