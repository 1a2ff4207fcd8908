// panel_curves: curves over training (loss, bit accuracy, exact accuracy on 8- and 64-bit sums,
// gradient norm) and accuracy by number length (8 .. 256 bits) for the current net.
#include <algorithm>
#include <cstdio>

#include "app/chart.h"
#include "app/colormap.h"
#include "app/panels.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {
namespace {

void length_bars(Playground& pg) {
    const std::vector<EvalResult>& lc = pg.meas.length_curve;
    const float fs = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = fs * 7.2f;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("lengths", ImVec2(std::max(width, 60.0f), height));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float left = fs * 2.4f, bottom = fs * 2.4f;  // length labels, then the axis title
    const ImVec2 a(o.x + left, o.y + 2), b(o.x + width - 4, o.y + height - bottom);
    dl->AddRectFilled(a, b, pal().plot_bg);
    dl->AddText(ImVec2(o.x, a.y - 2), pal().dim, "100%");
    dl->AddText(ImVec2(o.x, b.y - fs), pal().dim, "0%");
    const char* xt = "bits per number";
    dl->AddText(ImVec2((a.x + b.x - ImGui::CalcTextSize(xt).x) * 0.5f, b.y + fs * 1.2f), pal().dim, xt);
    if (lc.empty()) {
        const char* msg = "nothing measured yet: press Measure now";
        const ImVec2 ts = ImGui::CalcTextSize(msg);
        dl->AddText(ImVec2((a.x + b.x - ts.x) * 0.5f, (a.y + b.y - ts.y) * 0.5f), pal().dim, msg);
        return;
    }
    const float n = static_cast<float>(lc.size());
    const float bw = (b.x - a.x) / n;
    for (std::size_t i = 0; i < lc.size(); ++i) {
        const float x0 = a.x + bw * static_cast<float>(i) + bw * 0.15f, x1 = x0 + bw * 0.7f;
        const float ye = b.y - (b.y - a.y) * static_cast<float>(lc[i].exact_accuracy);
        const float yb = b.y - (b.y - a.y) * static_cast<float>(lc[i].bit_accuracy);
        dl->AddRectFilled(ImVec2(x0, ye), ImVec2(x1, b.y), pal().sky, 2.0f);
        dl->AddLine(ImVec2(x0 - 2, yb), ImVec2(x1 + 2, yb), pal().orange, 2.5f);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%d", lc[i].bits);
        const ImVec2 sz = ImGui::CalcTextSize(buf);
        dl->AddText(ImVec2((x0 + x1 - sz.x) * 0.5f, b.y + 1), pal().text_soft, buf);
        const ImVec2 m = ImGui::GetIO().MousePos;
        if (hovered && m.x >= x0 - bw * 0.15f && m.x < x1 + bw * 0.15f) {
            ImGui::BeginTooltip();
            ImGui::Text("%d-bit sums: %d of %d exactly right (%.0f%%), %.2f%% of sum bits right", lc[i].bits,
                        lc[i].exact_correct, lc[i].count, 100.0 * lc[i].exact_accuracy, 100.0 * lc[i].bit_accuracy);
            ImGui::EndTooltip();
        }
    }
}

}  // namespace

void panel_curves(Playground& pg) {
    if (panel_header("Curves over training",
                     "How the net does as training goes on, measured every so often on "
                     "fixed validation sums it never trains on.")) {
        ImGui::PushID("curves");
        const TrainingHistory& h = pg.meas.history;
        const float fs = ImGui::GetFontSize();
        const float ch = fs * 4.5f;
        ChartAxes acc;
        acc.title = "Accuracy";
        acc.y_title = "share right, on validation sums";
        acc.x_title = "sums trained";
        acc.y_min = 0.0f;
        acc.y_max = 1.0f;
        acc.percent = true;
        acc.x_axis = false;  // the three charts share "sums trained": ticks and title under the last one
        axis_chart("acc", h.sequences,
                   {{"exact, 8-bit sums", &h.exact_8, pal().sky},
                    {"exact, 64-bit", &h.exact_64, pal().orange},
                    {"bits right, 64-bit", &h.bit_accuracy, pal().green}},
                   ch, acc);
        tooltip(
            "Accuracy over training, on fixed validation sums the net never trains on: the share of "
            "8-bit and of 64-bit sums it gets exactly right, and the share of single sum bits right.");
        ChartAxes loss;
        loss.title = "Loss";
        loss.y_title = "cross-entropy per sum bit (nats)";
        loss.x_title = "sums trained";
        loss.log_y = true;
        loss.x_axis = false;
        axis_chart("loss", h.sequences, {{"64-bit validation sums", &h.loss, pal().yellow}}, ch, loss);
        tooltip(
            "The error the net minimizes: cross-entropy between the output two steps after each column "
            "and that column's sum bit, here averaged over the 65 steps of 100 fixed 64-bit validation "
            "sums, so it stays comparable while training sums grow longer (log scale). ln 2 = 0.69 is "
            "a coin toss.");
        ChartAxes grad;
        grad.title = "Gradient norm";
        grad.y_title = "|dE/dw| over all weights";
        grad.x_title = "sums trained";
        grad.log_y = true;
        axis_chart("grad", h.sequences, {{"before each update", &h.grad_norm, pal().purple}}, ch, grad);
        tooltip(
            "Length of the error-derivative vector (all weights, summed over time steps) before the "
            "update: spikes are gradients exploding through many steps (log scale).");
        ImGui::PopID();
    }
    if (panel_header("Accuracy by number length",
                     "Does what the net learned on short sums work on long ones? An "
                     "automaton does not care how long the numbers are.")) {
        ImGui::PushID("lengths");
        if (ImGui::Button("Measure now")) pg.push(CommandKind::MeasureLengths);
        tooltip("Test the current net on 50 random sums of each length, 8 to 256 bits.");
        ImGui::SameLine();
        ImGui::Checkbox("while training", &pg.meas.length_curve_auto);
        tooltip("Re-measure about once a second while the net trains.");
        // The legend moves to the next line rather than being cut at the column's edge.
        same_line_if_fits(ImGui::CalcTextSize("bars: exact sums").x);
        ImGui::TextColored(col4(pal().sky), "bars: exact sums");
        same_line_if_fits(ImGui::CalcTextSize("lines: sum bits right").x);
        ImGui::TextColored(col4(pal().orange), "lines: sum bits right");
        length_bars(pg);
        tooltip(
            "A net that has learned the adder's algorithm (the automaton) adds 256-bit numbers as well "
            "as 8-bit ones, though it trained on at most 16 bits. One that memorized columns does not.");
        ImGui::PopID();
    }
}

}  // namespace carry
