// panel_toolbar: the always-visible strip: train play/pause, step, reset, speed, status, notices.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/colormap.h"
#include "app/inside.h"
#include "app/panels.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {
namespace {

// Speed levels of the slider: sequences per 1/60 s (x60: sums per second); the last level is full speed.
constexpr float kSpeedLevels[] = {1, 2, 4, 8, 16, 32, 64, 128, 256};
constexpr int kLevels = static_cast<int>(sizeof kSpeedLevels / sizeof kSpeedLevels[0]);

int speed_level(const Playground& pg) {
    if (pg.live.full_speed) return kLevels;
    int best = 0;
    for (int i = 0; i < kLevels; ++i)
        if (std::fabs(kSpeedLevels[i] - pg.live.sequences_per_frame) <
            std::fabs(kSpeedLevels[best] - pg.live.sequences_per_frame))
            best = i;
    return best;
}

// The training speed slider: sums per second (60 x the level), or full speed (a frame's time budget). The settings
// table's train_speed row, drawn as levels (its own widget): a link may give any value 0 .. 256.
void training_speed(Playground& pg) {
    // The label, the slider and its value as one group, on the next line when they do not fit.
    same_line_if_fits(ImGui::CalcTextSize("speed 15360 sums/s").x + ImGui::GetFontSize() * 6.0f +
                      ImGui::GetStyle().ItemSpacing.x * 2.0f);
    ImGui::AlignTextToFramePadding();  // on a line of its own (a phone), level with the slider
    ImGui::TextDisabled("speed");
    ImGui::SameLine();
    int level = speed_level(pg);
    char label[48];
    if (level == kLevels)
        std::snprintf(label, sizeof label, "full speed");
    else
        std::snprintf(label, sizeof label, "%g sums/s", 60.0 * static_cast<double>(kSpeedLevels[level]));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
    // The value beside the slider, not under its handle.
    if (ImGui::SliderInt("##speed", &level, 0, kLevels, "", ImGuiSliderFlags_NoInput)) {
        pg.live.full_speed = level == kLevels;
        if (level < kLevels) pg.live.sequences_per_frame = kSpeedLevels[level];
        if (level == kLevels)
            std::snprintf(label, sizeof label, "full speed");
        else
            std::snprintf(label, sizeof label, "%g sums/s", 60.0 * static_cast<double>(kSpeedLevels[level]));
    }
    tooltip(find_setting("train_speed")->tooltip);
    ImGui::SameLine();
    ImGui::TextUnformatted(label);
}

}  // namespace

void panel_toolbar(Playground& pg) {
    const bool training = pg.live.training;
    // The train button: the one thing a newcomer must find, in the accent colour.
    ImGui::PushStyleColor(ImGuiCol_Button, col4(training ? pal().pause_btn : pal().train_btn));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, col4(training ? pal().pause_btn_hover : pal().train_btn_hover));
    // Buttons a link's `hide` lists are skipped (embed mode, issue 6).
    if (pg.shows_control("train") && ImGui::Button(training ? "  Pause training  " : "  Train  ", ImVec2(0, 0)))
        pg.push(training ? CommandKind::TrainPause : CommandKind::TrainPlay);
    record_rect(pg.drawn.rects.train_button);
    ImGui::PopStyleColor(2);
    if (pg.shows_control("train"))
        tooltip(training ? "Stop training. The weights stay as they are; the add view keeps showing this net."
                         : "Train the net live by backpropagation through time: random sums are run forward, "
                           "the errors of the output two steps after each column are sent back through every "
                           "step, and each shared weight moves by its summed derivative. Watch the add view "
                           "change as it learns.");
    if (pg.shows_control("train")) ImGui::SameLine();
    // Each tooltip inside its button's block: a hidden button must not lend its tooltip to the last one shown.
    if (pg.shows_control("step")) {
        if (ImGui::Button("Step")) pg.push(CommandKind::TrainStep);
        tooltip(
            "Train on one minibatch only (a few random sums): one forward pass, one backward pass "
            "through time, one weight update.");
        ImGui::SameLine();
    }
    if (pg.shows_control("reset")) {
        if (ImGui::Button("Reset")) pg.push(CommandKind::TrainReset);
        tooltip(
            "Start again with fresh random weights drawn from the seed. The same seed and settings "
            "replay exactly the same run.");
    }

    if (pg.shows_control("train_speed")) training_speed(pg);

    // Status (wraps to its own line when the window is narrow).
    // A net with no training behind it is a guesser, unless it was wired by hand (a link's preset).
    const bool adder = !pg.trainer || is_add(pg.trainer->config().task);
    const char* untrained = pg.link.preset != "handwired" ? "Untrained: its bits are guesses. Press Train!"
                            : adder                       ? "Hand-wired: not trained, it adds exactly."
                                                          : "Hand-wired: not trained, it computes the task exactly.";
    const StepResult& r = pg.live.last_step;
    const long long seq = pg.trainer ? pg.trainer->sequences() : 0;
    if (pg.trainer && pg.trainer->solved()) {
        same_line_if_fits(ImGui::CalcTextSize("Solved").x);
        ImGui::TextColored(col4(pal().right), "Solved");
        tooltip("The net added every one of the trainer's validation sums (random 64-bit numbers) exactly.");
    }
    char status[96];
    std::snprintf(status, sizeof status, "%lld sums trained", seq);
    same_line_if_fits(ImGui::CalcTextSize(seq == 0 ? untrained : status).x);
    if (seq == 0) {
        ImGui::TextColored(col4(pal().warn), "%s", untrained);
        tooltip(
            "The weights are random. Training runs random sums through the net and nudges every "
            "weight to make the output two steps after each column match that column's sum bit.");
    } else {
        ImGui::TextUnformatted(status);
        tooltip("Training sequences (random sums) seen so far, over all restarts.");
    }
    if (seq > 0 && pg.meas.history.size() > 0 && !(pg.trainer && pg.trainer->solved())) {
        // Progress toward "Solved": the share of the check sums already exact, as a bar that fills.
        const float share = static_cast<float>(pg.meas.val_64.exact_accuracy);
        char acc[48];
        std::snprintf(acc, sizeof acc, "%.0f%% exact", 100.0 * share);
        const float bar = ImGui::GetFontSize() * 6.0f;
        same_line_if_fits(ImGui::CalcTextSize("toward solved").x + bar + ImGui::GetStyle().ItemSpacing.x);
        ImGui::TextDisabled("toward solved");
        const char* why =
            "Progress toward Solved: the share of 100 fixed random 64-bit sums the net gets exactly right "
            "(every one of the 65 sum bits), measured every so often while training. Solved comes soon "
            "after it reaches 100%: when 1000 fresh 64-bit sums are all exact too.";
        tooltip(why);
        ImGui::SameLine();
        ImGui::ProgressBar(share, ImVec2(bar, 0.0f), acc);  // the style's fill: the palette keeps its text legible
        tooltip(why);
    }
    (void)r;

    // Notice: divergence (error), restarts and solved (info). An overlay along the bottom of the
    // window (a toast): it covers whatever is scrolled there until dismissed, instead of pushing every
    // panel down by its height, and leaves the numbers and the toolbar at the top uncovered.
    pg.drawn.rects.undo_button.drawn = false;
    pg.drawn.notice_height = 0.0f;
    if (!pg.notice.empty()) {
        // Bottom right, at most about 40 characters wide; the panels end with a gap of its height
        // (app.cpp), so whatever it covers can still be scrolled into view above it.
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        const float margin = ImGui::GetFontSize() * 0.5f;
        ImGui::SetNextWindowPos(
            ImVec2(vp->WorkPos.x + vp->WorkSize.x - margin, vp->WorkPos.y + vp->WorkSize.y - margin), ImGuiCond_Always,
            ImVec2(1.0f, 1.0f));
        const float width = std::min(vp->WorkSize.x - 2.0f * margin, ImGui::GetFontSize() * 40.0f);
        ImGui::SetNextWindowSize(ImVec2(width, 0.0f));  // 0: fit the height
        ImGui::PushStyleColor(ImGuiCol_WindowBg,
                              pg.notice_is_error ? col4(pal().notice_error_bg) : col4(pal().notice_info_bg));
        ImGui::PushStyleColor(ImGuiCol_Border, col4(pal().notice_border));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
        ImGui::Begin("##notice", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
        const ImVec4 col = pg.notice_is_error ? col4(pal().error_text) : col4(pal().info);
        ImGui::PushStyleColor(ImGuiCol_Text, col);
        ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 2.0f + ImGui::GetCursorPosX());
        // The Solved notice ends with what to try next: those words become links to the views they name.
        const std::string::size_type next = pg.notice.find(" Try longer numbers");
        const bool solved_links = !pg.notice_is_error && pg.notice.rfind("Solved", 0) == 0 && next != std::string::npos;
        ImGui::TextUnformatted(pg.notice.c_str(), pg.notice.c_str() + (solved_links ? next : pg.notice.size()));
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        if (solved_links) {
            same_line_if_fits(ImGui::CalcTextSize("Try longer numbers").x + ImGui::GetFontSize());
            // Following a link is the answer to the notice: it goes, and uncovers what is below it.
            if (ImGui::SmallButton("Try longer numbers")) {
                pg.push(CommandKind::RandomNumbers, 64);
                pg.push(CommandKind::DismissNotice);
            }
            tooltip("A random 64-bit sum in the add view: the net trained on at most 16 bits.");
            same_line_if_fits(ImGui::CalcTextSize("or look at the hidden units' activities").x + ImGui::GetFontSize());
            if (ImGui::SmallButton("or look at the hidden units' activities")) {
                pg.requests.open_inside_tab = static_cast<int>(InsideTab::Space);
                pg.push(CommandKind::DismissNotice);
            }
            tooltip(
                "Opens Inside the net on the hidden-state space: four clusters, one per node of the adder's "
                "automaton.");
        }
        if (pg.notice_offers_undo()) {
            same_line_if_fits(ImGui::CalcTextSize("Undo").x + ImGui::GetFontSize());
            if (ImGui::SmallButton("Undo")) pg.push(CommandKind::Undo);
            record_rect(pg.drawn.rects.undo_button);
            tooltip(
                "Brings back the net this replaced, exactly as it was: weights, optimizer, curves, settings and seed.");
        }
        same_line_if_fits(ImGui::CalcTextSize("x").x + ImGui::GetStyle().FramePadding.x * 2.0f);
        if (ImGui::SmallButton("x##notice")) pg.push(CommandKind::DismissNotice);
        tooltip("Dismiss this message.");
        pg.drawn.notice_height = ImGui::GetWindowHeight() + margin;
        ImGui::End();
        ImGui::PopStyleVar();
        ImGui::PopStyleColor(2);
    }
}

}  // namespace carry
