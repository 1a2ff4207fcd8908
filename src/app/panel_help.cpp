// panel_help: the "What to try" window (see panel_help.h).
#include "app/panel_help.h"

#include <algorithm>

#include "app/inside.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

namespace {

// A numbered step: its title, a sentence, and a button (false when none is pressed).
bool step(int n, const char* title, const char* text, const char* button) {
    ImGui::PushID(n);
    ImGui::Text("%d.", n);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextColored(col4(pal().text), "%s", title);
    ImGui::PushStyleColor(ImGuiCol_Text, col4(pal().text_soft));
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
    const bool pressed = button && ImGui::SmallButton(button);
    ImGui::EndGroup();
    ImGui::PopID();
    ImGui::Spacing();
    return pressed;
}

void show_inside(Playground& pg, InsideTab tab) { pg.requests.open_inside_tab = static_cast<int>(tab); }

}  // namespace

void help_window(HelpWindow& h, Playground& pg) {
    if (!h.open) return;
    const float fs = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(fs * 30.0f, 0.0f), ImGuiCond_Appearing);
    ImGui::SetNextWindowSizeConstraints(ImVec2(fs * 18.0f, 0.0f),
                                        ImVec2(fs * 40.0f, ImGui::GetIO().DisplaySize.y * 0.9f));
    if (ImGui::Begin("What to try", &h.open, ImGuiWindowFlags_NoCollapse)) {
        ImGui::TextWrapped(
            "A recurrent net with two inputs, three hidden units and one output learns to add binary "
            "numbers, right to left, one column per time step (lecture 7). A path through it:");
        ImGui::Separator();
        if (step(1, "Watch it learn",
                 "Press Train. Column t of the two numbers enters the inputs at step t; the output prints that "
                 "column's sum bit two steps later: one step for the hidden units to take the column in, one for "
                 "them to drive the output. Training stops by itself at \"Solved\".",
                 pg.live.training ? nullptr : "Train"))
            pg.push(CommandKind::TrainPlay);
        if (step(2, "Find the automaton in the hidden units",
                 "Adding is a finite state automaton: in each state it prints a bit, reads the next column and "
                 "moves on (carry or not, with the bit printed: four nodes). After training, the hidden units "
                 "settle into four activity patterns, one per node.",
                 "Show the hidden space"))
            show_inside(pg, InsideTab::Space);
        if (step(3, "Read the automaton out of the net",
                 "The activity patterns read as states, minimized, beside the adder's automaton, and whether the "
                 "two print the same bits on every input.",
                 "Show the automaton"))
            show_inside(pg, InsideTab::Automaton);
        if (step(4, "Unroll it in time",
                 "A recurrent net run for T steps is a T-layer feed-forward net that uses the same weights at "
                 "every layer: each connection has a delay of one step.",
                 "Show the unrolled net"))
            pg.requests.open_unrolled = true;
        if (step(5, "Follow one backward pass",
                 "The forward pass builds a stack of every unit's activity at every step; the backward pass peels "
                 "it off, getting the error derivatives at each step; each weight's derivative is the sum over the "
                 "steps, which keeps the shared weights equal.",
                 "Show backprop in time"))
            show_inside(pg, InsideTab::Backprop);
        if (step(6, "Add long numbers",
                 "It trained on numbers of at most 16 bits. An automaton does not care how long the numbers are: "
                 "try a 64-bit sum, and Accuracy by number length up to 256 bits.",
                 "A random 64-bit sum"))
            pg.push(CommandKind::RandomNumbers, 64);
        if (step(7, "Compare the lecture's other models",
                 "Memoryless models see a fixed number of past columns; a feed-forward net given both numbers at "
                 "once must learn the carry for every column; a hidden Markov model with N states carries only "
                 "log2 N bits about the past.",
                 "Open Models")) {
            if (std::find(pg.link.panels.begin(), pg.link.panels.end(), "models") == pg.link.panels.end())
                pg.link.panels.emplace_back("models");
        }
        if (step(8, "Watch gradients vanish",
                 "Sent back through many steps, error derivatives shrink or grow geometrically: the reason long-range "
                 "credit is hard, and what LSTM, careful initialization and echo state networks address.",
                 "Show the gradients"))
            show_inside(pg, InsideTab::Gradients);
    }
    ImGui::End();
}

}  // namespace carry
