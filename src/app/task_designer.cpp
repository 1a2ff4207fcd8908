// task_designer: see task_designer.h. The table is edited in place; every edit marks it unchecked and
// the next frame validates it once (a machine of 64 states validates and minimizes in microseconds).
#include "app/task_designer.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "app/state_graph.h"
#include "app/widgets.h"
#include "core/task_measurements.h"
#include "imgui.h"

namespace carry {

namespace {

const Task& task_in_use(const Playground& pg) { return pg.pending_settings.task; }

std::string task_title(const Task& t) { return t.name.empty() ? std::string("your machine") : t.name; }

void use_task(Playground& pg, const std::string& text) {
    pg.commands.push_back(Command{CommandKind::SetSetting, 0, "task", text});
}

void check(TaskDesigner& d) {
    if (d.checked) return;
    d.checked = true;
    d.problem = validate_machine(d.machine);
    d.minimal_states = 0;
    d.text.clear();
    if (!d.problem.empty()) return;
    d.minimal_states = minimize_machine(d.machine).states();
    if (!d.from.empty()) {
        d.text = d.from;
    } else {
        Task t;
        t.machine = d.machine;
        d.text = encode_task(t);
    }
}

void edited(TaskDesigner& d) {
    d.from.clear();
    d.checked = false;
}

// Inputs per column changed: a two-input table keeps the one-input columns (b = 0) and copies them
// for b = 1, so the machine ignores b until it is edited; back to one input drops b's columns.
void set_inputs(Machine& m, int inputs) {
    if (inputs == m.inputs) return;
    for (auto& row : m.next) {
        row.resize(static_cast<std::size_t>(inputs == 2 ? 4 : 2), -1);
        if (inputs == 2) {
            row[2] = row[0];
            row[3] = row[1];
        }
    }
    m.inputs = inputs;
}

std::string state_label(const Machine& m, int s) {
    std::string l = std::to_string(s);
    if (static_cast<std::size_t>(s) < m.state_names.size() && !m.state_names[static_cast<std::size_t>(s)].empty())
        l += "  " + m.state_names[static_cast<std::size_t>(s)];
    return l;
}

// The table: one row per state; the bit it prints, then where each column takes it (a combo per
// cell: tapped on a phone, arrowed through by keyboard; no typing needed).
void machine_table(TaskDesigner& d) {
    Machine& m = d.machine;
    const int codes = m.codes();
    const ImGuiTableFlags flags =
        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY |
        ImGuiTableFlags_ScrollX;  // a phone's narrow window scrolls the table sideways
    const float fs = ImGui::GetFontSize();
    const float rows_h =
        std::min(static_cast<float>(m.states()) * ImGui::GetFrameHeightWithSpacing() + fs * 2.5f, fs * 16.0f);
    if (!ImGui::BeginTable("machine", 2 + codes, flags, ImVec2(0, rows_h))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("state");
    ImGui::TableSetupColumn("prints");
    for (int c = 0; c < codes; ++c) {
        const std::string h = (m.inputs == 2 ? "reads ab " : "reads ") + column_bits(c, m.inputs);
        ImGui::TableSetupColumn(h.c_str());
    }
    ImGui::TableHeadersRow();
    for (int s = 0; s < m.states(); ++s) {
        ImGui::PushID(s);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%d%s", s, s == m.start ? " (start)" : "");
        if (static_cast<std::size_t>(s) < m.state_names.size() && !m.state_names[static_cast<std::size_t>(s)].empty())
            tooltip(m.state_names[static_cast<std::size_t>(s)].c_str());
        ImGui::TableNextColumn();
        int bit = m.printed[static_cast<std::size_t>(s)];
        ImGui::SetNextItemWidth(fs * 3.0f);
        if (ImGui::Combo("##prints", &bit,
                         "0\0"
                         "1\0")) {
            m.printed[static_cast<std::size_t>(s)] = static_cast<std::uint8_t>(bit);
            edited(d);
        }
        for (int c = 0; c < codes; ++c) {
            ImGui::TableNextColumn();
            ImGui::PushID(c);
            int& to = m.next[static_cast<std::size_t>(s)][static_cast<std::size_t>(c)];
            const std::string shown = to < 0             ? std::string("missing")
                                      : to >= m.states() ? "→ " + std::to_string(to) + " (none)"
                                                         : "→ " + std::to_string(to);
            ImGui::SetNextItemWidth(fs * 5.0f);
            if (ImGui::BeginCombo("##to", shown.c_str())) {
                for (int t = 0; t < m.states(); ++t) {
                    if (ImGui::Selectable(state_label(m, t).c_str(), t == to)) {
                        to = t;
                        edited(d);
                    }
                }
                ImGui::EndCombo();
            }
            ImGui::PopID();
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

// The edited machine's diagram (states on a circle from the start on the left; edges that go
// nowhere are left out: the message above names them).
void machine_diagram(const Machine& m, float width) {
    std::vector<GraphNode> nodes;
    std::vector<std::vector<int>> table;
    const int n = m.states();
    for (int s = 0; s < n; ++s) {
        const int slot = (s - m.start + n) % std::max(1, n);
        GraphNode g;
        g.title = "p" + std::to_string(m.printed[static_cast<std::size_t>(s)]);
        g.sub = (s == m.start ? "start, state " : "state ") + std::to_string(s);
        g.color = state_color(s, n);
        g.pos = circle_position(slot, n);
        nodes.push_back(g);
        std::vector<int> row = m.next[static_cast<std::size_t>(s)];
        for (int& t : row)
            if (t >= n) t = -1;
        table.push_back(row);
    }
    const float fs = ImGui::GetFontSize();
    const float h = std::clamp(width * 0.7f, fs * 12.0f, fs * (n > 8 ? 28.0f : 20.0f));
    draw_state_graph("machine_graph", nodes, group_edges(table, m.inputs), ImVec2(width, h));
}

// What each library task needs, measured (core/task_measurements.h, from carry-cli tasks --measure).
void measured_table() {
    if (!ImGui::CollapsingHeader("What each library task needs (measured)")) return;
    ImGui::TextWrapped(
        "Seeds 1 to 10, the default settings, at most %lld sums each: the fewest hidden units that learn the task "
        "in at least %d of %d seeds, and whether the automaton read out of each solved net is the task's minimal "
        "machine. N hidden units can hold far more than N states: delay3 needs 16 states (4 bits of the past), "
        "which an HMM holds only with 16 states; the net needs 4 units.",
        kTaskMeasureBudget, kTaskMeasureNeed, kTaskMeasureSeeds);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("measured", 5, flags)) return;
    ImGui::TableSetupColumn("task");
    ImGui::TableSetupColumn("states");
    ImGui::TableSetupColumn("hidden units");
    ImGui::TableSetupColumn("median sums");
    ImGui::TableSetupColumn("automaton found");
    ImGui::TableHeadersRow();
    for (const TaskMeasurement& m : task_measurements()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(m.task);
        ImGui::TableNextColumn();
        ImGui::Text("%d", m.states);
        ImGui::TableNextColumn();
        ImGui::Text("%d (%d/%d seeds)", m.hidden, m.solved, kTaskMeasureSeeds);
        ImGui::TableNextColumn();
        ImGui::Text("%.0f", m.median_sequences);
        ImGui::TableNextColumn();
        ImGui::Text("%d of %d", m.extracted_minimal, m.solved);
    }
    ImGui::EndTable();
}

}  // namespace

void task_designer_load(TaskDesigner& d, const Task& t) {
    d.machine = t.machine;
    d.from = t.name;
    d.loaded = true;
    d.checked = false;
}

void task_picker(TaskDesigner& d, Playground& pg) {
    const Task& cur = task_in_use(pg);
    ImGui::PushID("task");
    const float fs = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x * 0.5f, fs * 14.0f));
    if (ImGui::BeginCombo("task", task_title(cur).c_str())) {
        for (const Task& t : task_library()) {
            if (ImGui::Selectable(t.name.c_str(), t.name == cur.name) && t.name != cur.name) use_task(pg, t.name);
            tooltip(t.description.c_str());
        }
        ImGui::EndCombo();
    }
    tooltip(
        "What the net learns: a finite-state machine that reads one column a step and prints a bit, "
        "two steps later. Adding is one; so are parity, divisibility by 3, delays. A new task starts "
        "a new net (Undo brings the old one back).");
    ImGui::SameLine();
    if (ImGui::Button(d.open ? "Designer open" : "Design…")) {
        if (!d.open) task_designer_load(d, cur);
        d.open = true;
        ImGui::SetWindowFocus("Task designer");
    }
    tooltip("Edit the machine's table (states, printed bits, transitions), see its diagram, train on it.");
    ImGui::PopID();
    ImGui::TextDisabled("%s", cur.name.empty() ? "a machine you designed" : cur.description.c_str());
    if (const TaskMeasurement* m = find_task_measurement(cur.name)) {
        ImGui::TextDisabled("measured: %d hidden unit%s learn it (%d of %d seeds), median %.0f sums; %d states",
                            m->hidden, m->hidden == 1 ? "" : "s", m->solved, kTaskMeasureSeeds, m->median_sequences,
                            m->states);
        tooltip(
            "carry-cli tasks --measure: the fewest hidden units that learn the task in at least 8 of 10 seeds "
            "with the default settings, and its minimal machine's states. The Task designer lists every task.");
    }
}

void task_designer_window(TaskDesigner& d, Playground& pg) {
    if (!d.open) return;
    if (!d.loaded) task_designer_load(d, task_in_use(pg));
    const float fs = ImGui::GetFontSize();
    // Inside the viewport whatever its size (a phone's 390 px, an 800×500 frame): the table scrolls.
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImVec2 size(std::min(fs * 40.0f, vp->WorkSize.x * 0.96f), std::min(fs * 44.0f, vp->WorkSize.y * 0.94f));
    ImGui::SetNextWindowSize(size, ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + std::min(fs * 3.0f, (vp->WorkSize.x - size.x) * 0.5f),
                                   vp->WorkPos.y + (vp->WorkSize.y - size.y) * 0.5f),
                            ImGuiCond_Appearing);
    if (!ImGui::Begin("Task designer", &d.open, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    check(d);
    Machine& m = d.machine;
    ImGui::TextWrapped(
        "A task is a machine in the lecture's form: each state prints a bit; each step reads one column "
        "and moves to the state its row names. The net reads column t at step t and must print the bit "
        "of the state after it at step t+2.");

    ImGui::SetNextItemWidth(fs * 12.0f);
    if (ImGui::BeginCombo("start from", d.from.empty() ? "(edited)" : d.from.c_str())) {
        for (const Task& t : task_library()) {
            if (ImGui::Selectable(t.name.c_str(), t.name == d.from)) task_designer_load(d, t);
            tooltip(t.description.c_str());
        }
        ImGui::EndCombo();
    }
    tooltip("Load a library task's table to edit.");
    // Side by side where they fit (a phone's narrow window wraps them).
    same_line_if_fits(ImGui::CalcTextSize("1 bit a column").x + fs * 2.0f);
    int inputs = m.inputs;
    if (ImGui::RadioButton("1 bit a column", inputs == 1)) inputs = 1;
    same_line_if_fits(ImGui::CalcTextSize("2 bits (a, b)").x + fs * 2.0f);
    if (ImGui::RadioButton("2 bits (a, b)", inputs == 2)) inputs = 2;
    if (inputs != m.inputs) {
        set_inputs(m, inputs);
        edited(d);
    }

    if (ImGui::Button("Add a state") && m.states() < kMaxMachineStates) {
        const int s = m.states();
        m.printed.push_back(0);
        m.next.emplace_back(static_cast<std::size_t>(m.codes()), s);
        if (!m.state_names.empty()) m.state_names.emplace_back();
        edited(d);
    }
    tooltip("A new state printing 0 that stays where it is; point some transition at it to reach it. At most 64.");
    ImGui::SameLine();
    if (ImGui::Button("Remove the last") && m.states() > 1) {
        m.printed.pop_back();
        m.next.pop_back();
        if (m.state_names.size() > m.printed.size()) m.state_names.resize(m.printed.size());
        if (m.start >= m.states()) m.start = 0;
        edited(d);
    }
    tooltip("Transitions into it become missing: the check below names them.");
    same_line_if_fits(fs * 10.0f);
    ImGui::SetNextItemWidth(fs * 6.0f);
    if (ImGui::BeginCombo("start", std::to_string(m.start).c_str())) {
        for (int s = 0; s < m.states(); ++s)
            if (ImGui::Selectable(state_label(m, s).c_str(), s == m.start)) {
                m.start = s;
                edited(d);
            }
        ImGui::EndCombo();
    }
    tooltip("The state before any column is read. Its printed bit is never asked for.");

    machine_table(d);
    check(d);
    if (!d.problem.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, pal().wrong);
        ImGui::TextWrapped("Cannot be used: %s.", d.problem.c_str());
        ImGui::PopStyleColor();
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, pal().right);
        if (d.minimal_states < m.states())
            ImGui::TextWrapped(
                "Valid. %d states; the same task needs only %d (states that behave alike merge): "
                "that smaller machine is what the net can find.",
                m.states(), d.minimal_states);
        else
            ImGui::TextWrapped("Valid, and minimal: %d states, each needed.", m.states());
        ImGui::PopStyleColor();
    }
    const bool in_use = d.problem.empty() && d.text == encode_task(task_in_use(pg));
    ImGui::BeginDisabled(!d.problem.empty() || in_use);
    if (ImGui::Button(in_use ? "In use" : "Train on this task")) use_task(pg, d.text);
    ImGui::EndDisabled();
    tooltip("A new net from the seed learns this machine (Undo brings the old net back). The link carries it.");
    if (d.problem.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("task=%s", d.text.size() > 48 ? (d.text.substr(0, 45) + "...").c_str() : d.text.c_str());
    }
    machine_diagram(m, ImGui::GetContentRegionAvail().x);
    measured_table();
    ImGui::End();
}

}  // namespace carry
