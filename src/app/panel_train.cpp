// panel_train: the training settings. Changes apply at once (a new hidden-unit count makes a new
// net); the seed and the init scale take effect at Reset, so a run is always replayable.
#include <algorithm>
#include <cstdio>

#include "app/panels.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

void panel_train(Playground& pg) {
  if (!panel_header("Training settings", "How the net is built and trained. Changes apply at once; the seed and "
                    "init scale at Reset.")) return;
  ImGui::PushID("train");
  TrainConfig& c = pg.pending_settings;
  bool changed = false;
  const float fs = ImGui::GetFontSize();
  const float w = std::min(ImGui::GetContentRegionAvail().x * 0.5f, fs * 14.0f);
  ImGui::PushItemWidth(w);

  // Controls a link's `hide` lists are skipped (embed mode, issue 6).
  if (pg.shows_control("hidden")) {
  changed |= ImGui::SliderInt("hidden units", &c.net.hidden, 1, 16, "%d", ImGuiSliderFlags_AlwaysClamp);
  tooltip("H, the number of hidden units, fully connected to each other in both directions. The "
          "lecture's net has 3. N units have 2^N binary activity patterns but only N^2 recurrent "
          "weights. Changing it starts a new net.");
  }

  int opt = c.optim.kind == OptimizerKind::Adam ? 1 : 0;
  if (pg.shows_control("optimizer")) {
    if (ImGui::Combo("optimizer", &opt, "SGD with momentum\0Adam\0")) {
      c.optim.kind = opt ? OptimizerKind::Adam : OptimizerKind::SgdMomentum;
      c.optim.lr = opt ? 0.01 : 0.1;
      changed = true;
    }
    tooltip("How each weight moves given its error derivative summed over all time steps: plain "
            "gradient descent with momentum, or Adam (per-weight step sizes).");
  }

  float lr = static_cast<float>(c.optim.lr);
  if (pg.shows_control("lr")) {
    if (ImGui::SliderFloat("learning rate", &lr, 1e-4f, 10.0f, "%.4g", ImGuiSliderFlags_Logarithmic)) {
      c.optim.lr = static_cast<double>(lr);
      changed = true;
    }
    tooltip("Step size of each weight update. Too small: slow learning. Too large: the weights blow "
            "up and training diverges (Carry then pauses and restores the last good weights). "
            "Ctrl+click to type any value.");
  }

  if (c.optim.kind == OptimizerKind::SgdMomentum && pg.shows_control("momentum")) {
    float mom = static_cast<float>(c.optim.momentum);
    if (ImGui::SliderFloat("momentum", &mom, 0.0f, 0.99f, "%.2f", ImGuiSliderFlags_AlwaysClamp)) {
      c.optim.momentum = static_cast<double>(mom);
      changed = true;
    }
    tooltip("Each update keeps this fraction of the previous one: a heavy ball rolling down the error "
            "surface, faster along consistent directions.");
  }

  if (pg.shows_control("batch")) {
    changed |= ImGui::SliderInt("batch size", &c.batch, 1, 64, "%d sums", ImGuiSliderFlags_AlwaysClamp);
    tooltip("Random sums per minibatch. Each weight's derivative is averaged over them before one update.");
  }

  if (pg.shows_control("min_bits") && pg.shows_control("max_bits")) {
    changed |= ImGui::DragIntRange2("training lengths", &c.min_bits, &c.max_bits, 0.2f, 1, 64,
                                    c.min_bits == 1 ? "%d bit" : "%d bits", c.max_bits == 1 ? "%d bit" : "%d bits",
                                    ImGuiSliderFlags_AlwaysClamp);
    tooltip("Each minibatch's sums have a length drawn from this range. The net is tested on 64-bit "
            "sums: a net that has learned the carry rule, not the columns, adds longer numbers than it "
            "was trained on.");
  }
  if (pg.shows_control("curriculum")) {
    changed |= ImGui::Checkbox("start short (curriculum)", &c.curriculum);
    tooltip("Begin with short sums and grow the longest length by one bit every 200 sums.");
  }

  int init = static_cast<int>(c.net.initial_state);
  if (pg.shows_control("init")) {
    if (ImGui::Combo("initial state", &init, "learned\0fixed at 0.5\0fixed at 0\0")) {
      c.net.initial_state = static_cast<InitialState>(init);
      changed = true;
    }
    tooltip("The hidden units' activities before the first column. The lecture: it can be fixed (e.g. "
            "0.5 for every unit), but it is better learned, exactly like the weights.");
  }

  float clip = static_cast<float>(c.optim.clip_norm);
  if (pg.shows_control("clip")) {
    if (ImGui::SliderFloat("gradient clipping", &clip, 0.0f, 10.0f, clip > 0 ? "norm %.2f" : "off")) {
      c.optim.clip_norm = static_cast<double>(std::max(0.0f, clip));
      changed = true;
    }
    tooltip("When the error derivatives, backpropagated through many steps, explode, scale them down to "
            "this length before the update (0: off).");
  }

  float scale = static_cast<float>(c.net.init_scale);
  if (pg.shows_control("init_scale")) {
    if (ImGui::SliderFloat("init scale", &scale, 0.1f, 5.0f, "%.2f", ImGuiSliderFlags_Logarithmic)) {
      c.net.init_scale = static_cast<double>(scale);
      changed = true;
    }
    tooltip("Spread of the random starting weights. Takes effect at Reset.");
  }

  int seed = static_cast<int>(std::min<std::uint64_t>(pg.pending_seed, 2147483647u));
  if (pg.shows_control("seed")) {
    if (ImGui::InputInt("seed", &seed)) pg.pending_seed = static_cast<std::uint64_t>(std::max(0, seed));
    tooltip("Every random choice (starting weights, training sums) comes from this number: the same seed "
            "and settings replay exactly the same run. Takes effect at Reset.");
  }
  ImGui::PopItemWidth();

  if (pg.pending_seed != pg.seed || pg.pending_settings.net.init_scale != pg.settings.net.init_scale) {
    ImGui::TextColored(ImVec4(0.55f, 0.80f, 1.0f, 1), "Seed / init scale take effect at Reset.");
    ImGui::SameLine();
    if (ImGui::SmallButton("Reset now")) pg.push(CommandKind::TrainReset);
    tooltip("New random weights from the seed.");
  }
  if (changed) pg.push(CommandKind::ApplySettings);
  if (pg.trainer) {
    ImGui::TextDisabled("run %d · %lld sums in this run · trains on up to %d bits now", pg.trainer->restarts() + 1,
                        pg.trainer->run_sequences(), pg.trainer->current_max_bits());
    tooltip("Runs: a run that has not learned after 8000 sums starts again from a new draw of weights.");
    ImGui::TextDisabled("last frame: %lld sums in %.2f ms", pg.last_frame_sequences, pg.last_frame_train_ms);
  }
  ImGui::PopID();
}

}  // namespace carry
