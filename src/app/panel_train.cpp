// panel_train: the training settings, drawn from the settings table's rows (setting_controls.h).
// Changes apply at once (a new hidden-unit count makes a new net); the seed and the init scale take
// effect at Reset, so a run is always replayable.
#include <algorithm>
#include <cstdio>

#include "app/settings_snapshot.h"
#include "app/panels.h"
#include "app/setting_controls.h"
#include "app/task_designer.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

void panel_train(Playground& pg, TaskDesigner* designer) {
    if (!panel_header("Training settings",
                      "How the net is built and trained. Changes apply at once; the seed and "
                      "init scale at Reset."))
        return;
    ImGui::PushID("train");
    const float fs = ImGui::GetFontSize();
    const float w = std::min(ImGui::GetContentRegionAvail().x * 0.5f, fs * 14.0f);
    // The task first: everything below trains the net on it. A link may hide it (hide=task).
    if (designer && pg.shows_control("task")) task_picker(*designer, pg);
    ImGui::PushItemWidth(w);
    // One control per row of the settings table whose panel is "train" (setting_controls.h); a
    // link's `hide` list skips some (embed mode). Edits are queued and validated by the table.
    const Settings s = playground_snapshot(pg);
    const std::size_t queued = pg.commands.size();
    setting_controls(pg, "train", s);
    // A new optimizer starts from its own usual learning rate.
    for (std::size_t i = queued; i < pg.commands.size(); ++i) {
        const Command& c = pg.commands[i];
        if (c.kind == CommandKind::SetSetting && c.text_a == "optimizer") {
            pg.commands.push_back(Command{CommandKind::SetSetting, 0, "lr", c.text_b == "adam" ? "0.01" : "0.1"});
            break;
        }
    }
    ImGui::PopItemWidth();

    if (pg.pending_seed != pg.seed || pg.pending_settings.net.init_scale != pg.settings.net.init_scale) {
        ImGui::TextColored(col4(pal().info), "Seed / init scale take effect at Reset.");
        ImGui::SameLine();
        if (ImGui::SmallButton("Reset now")) pg.push(CommandKind::TrainReset);
        tooltip("New random weights from the seed.");
    }
    if (pg.trainer) {
        ImGui::TextDisabled("run %d · %lld sums in this run · trains on up to %d bits now", pg.trainer->restarts() + 1,
                            pg.trainer->run_sequences(), pg.trainer->current_max_bits());
        tooltip("Runs: a run that has not learned after `restart after` sums starts again from a new draw of weights.");
        ImGui::TextDisabled("last frame: %lld sums in %.2f ms", pg.live.last_frame_sequences,
                            pg.live.last_frame_train_ms);
    }
    // Appearance (issue 18): theme, motion, text size. Here rather than in a menu, so an embed
    // (which has no menu bar) offers them too; a link's `hide` can take them away.
    ImGui::Spacing();
    ImGui::TextDisabled("Appearance");
    ImGui::PushItemWidth(w);
    setting_controls(pg, "view", s);
    ImGui::PopItemWidth();
    ImGui::PopID();
}

}  // namespace carry
