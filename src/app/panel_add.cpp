// panel_add: the main view. The two numbers (live validation, decimal values, random / swap /
// the lecture's example), the sum laid out in columns right to left with the time cursor, the
// transport controls, and the current step in the lecture's words.
//
// Columns: column t (bit t of each number, LSB = rightmost) enters the input units at step t, the
// hidden units hold it at step t+1 (h(t+1), drawn under column t), and the output shows its sum
// bit at step t+2 (o(t+2), drawn under column t beside the true sum bit).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/settings_snapshot.h"
#include "app/colormap.h"
#include "app/panels.h"
#include "app/setting_controls.h"
#include "app/widgets.h"
#include "imgui.h"
#include "imgui_internal.h"  // ClearActiveID: the page's input takes the edit

namespace carry {
namespace {

// A number's input field, its decimal value or its error with the bad character marked.
void number_row(Playground& pg, NumberField& f, const char* label, UiRect& rect, bool is_a) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine();
    const bool bad = !f.parsed.ok();
    if (bad) {
        ImGui::PushStyleColor(ImGuiCol_FrameBg, col4(pal().field_error_bg));
        ImGui::PushStyleColor(ImGuiCol_Border, col4(pal().field_error_border));
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.5f);
    }
    ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 12.0f, ImGui::GetContentRegionAvail().x * 0.42f));
    char id[16];
    std::snprintf(id, sizeof id, "##num%s", label);
    // hide=a / hide=b (embedding): the number stays visible but cannot be edited.
    const ImGuiInputTextFlags locked = pg.shows_control(is_a ? "a" : "b") ? 0 : ImGuiInputTextFlags_ReadOnly;
    if (ImGui::InputText(id, f.buffer, kNumberBufferSize, ImGuiInputTextFlags_CharsNoBlank | locked)) {
        pg.commands.push_back(Command{CommandKind::SetNumber, is_a ? 0 : 1, std::string(f.buffer), {}});
    }
    record_rect(rect);
    // Web: the page's <input> edits the number (phone keyboard, IME, screen readers); the canvas's
    // field hands the focus over instead of editing (app/reader.h).
    if (pg.page_inputs.numbers && ImGui::IsItemActivated()) {
        pg.page_inputs.focus = is_a ? 0 : 1;
        ImGui::ClearActiveID();
    }
    if (bad) {
        ImGui::PopStyleVar();
        ImGui::PopStyleColor(2);
    }
    tooltip(find_setting(is_a ? "a" : "b")->tooltip);
    ImGui::SameLine();
    if (bad) {
        ImGui::TextColored(col4(pal().error_text), "not a binary number");
        tooltip(f.parsed.error.c_str());
    } else {
        const std::string& d = f.decimal;
        if (d.size() <= 24)
            ImGui::TextDisabled("= %s", d.c_str());
        else
            ImGui::TextDisabled("= %zu-digit decimal", d.size());
        tooltip(d.c_str());
    }
}

// Shows the typed text with each character that is not a binary digit or '_' in orange.
void bad_characters(const NumberField& f) {
    if (f.parsed.ok() || f.text.empty()) return;
    ImGui::TextDisabled("   ");
    ImGui::SameLine(0, 0);
    const std::size_t start =
        (f.text.size() >= 2 && f.text[0] == '0' && (f.text[1] == 'b' || f.text[1] == 'B')) ? 2 : 0;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::size_t shown = std::min<std::size_t>(f.text.size(), 80);
    for (std::size_t i = 0; i < shown; ++i) {
        const char ch = f.text[i];
        const bool ok = i < start || ch == '0' || ch == '1' || ch == '_';
        char s[2] = {ch, 0};
        const unsigned char uc = static_cast<unsigned char>(ch);
        if (uc < 32 || uc >= 127) s[0] = '?';
        if (!ok) {
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const ImVec2 sz = ImGui::CalcTextSize(s);
            dl->AddRectFilled(p, ImVec2(p.x + sz.x, p.y + sz.y), with_alpha(pal().vermillion, 200));
            ImGui::TextUnformatted(s);
        } else {
            ImGui::TextDisabled("%s", s);
        }
        ImGui::SameLine(0, 0);
    }
    ImGui::SameLine(0, ImGui::GetFontSize());
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(col4(pal().error_text), "%s", f.parsed.error.c_str());
    ImGui::PopTextWrapPos();
}

// The sum in columns, right to left, with the cursor.
void columns_view(Playground& pg) {
    const Stepper* st = pg.stepper.get();
    if (!st) return;
    const int T = st->columns();
    const float Tf = static_cast<float>(T);
    const int H = st->net().hidden();
    const int s = pg.anim.cursor;
    const float fs = ImGui::GetFontSize();
    const float label_w = fs * 8.2f;
    const float cw = std::clamp((ImGui::GetContentRegionAvail().x - label_w - 8.0f) / Tf, fs * 1.35f, fs * 2.2f);
    const float rh = fs * 1.35f;    // row height
    const float hid_h = fs * 1.6f;  // hidden cells
    const int n_rows = 6;           // column index, a, b, hidden, output, true sum
    const float total_h = rh * (n_rows - 1) + hid_h + fs * 0.6f;
    const float content_w = label_w + cw * Tf + 8.0f;
    const bool scroll = content_w > ImGui::GetContentRegionAvail().x;

    // Row labels stay put; the columns scroll horizontally when the numbers are long.
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // The hidden row names its stripes, left to right: "hidden h1 h2 h3" (or "hidden h1..h16").
    char hidden_label[32];
    if (H <= 3)
        std::snprintf(hidden_label, sizeof hidden_label, "hidden%s%s%s", H >= 1 ? " h1" : "", H >= 2 ? " h2" : "",
                      H >= 3 ? " h3" : "");
    else
        std::snprintf(hidden_label, sizeof hidden_label, "hidden h1..h%d", H);
    const bool adder = is_add(pg.settings.task), one_input = pg.settings.task.machine.inputs == 1;
    const char* labels[] = {"column",     "a",          one_input ? "b (unread)" : "b",
                            hidden_label, "net output", adder ? "true sum" : "target"};
    const char* label_tips[] = {
        "Column t holds bit t of each number; the net reads column 0 (the rightmost) first. The extra "
        "leftmost column is a zero pad, so the last carry comes out.",
        "The first number's bit in each column: input unit a.",
        "The second number's bit in each column: input unit b.",
        "The hidden units' activities h(t+1), one step after column t came in (each stripe is one "
        "hidden unit, h1 on the left, coloured from 0 to 1). After training they fall into four patterns: the nodes "
        "of the adder's automaton (carry or no carry, combined with the bit printed).",
        "The output unit at step t+2: the net's sum bit for column t, two steps after the column came "
        "in (one step for the hidden units to take it in, one to drive the output). Filled by the "
        "output's activity; an orange frame marks a wrong bit.",
        "The true sum bit of each column (what a ripple-carry adder prints): the target."};
    if (!adder) {
        label_tips[0] =
            "Column t holds bit t of the input; the net reads column 0 (the rightmost) first. The extra "
            "leftmost column is a zero pad.";
        label_tips[2] = one_input ? "This task reads one bit a column: b is fed as zeros." : label_tips[2];
        label_tips[3] =
            "The hidden units' activities h(t+1), one step after column t came in (each stripe is one hidden unit, "
            "h1 on the left, coloured from 0 to 1). After training they fall into patterns, one per state of the "
            "task's machine.";
        label_tips[4] =
            "The output unit at step t+2: the net's bit for column t, two steps after the column came in. "
            "Filled by the output's activity; an orange frame marks a wrong bit.";
        label_tips[5] = "The bit the task's machine prints after reading columns 0..t: the target.";
    }
    float y = origin.y;
    float row_y[n_rows];
    for (int r = 0; r < n_rows; ++r) {
        const float h = r == 3 ? hid_h : rh;
        row_y[r] = y;
        ImGui::SetCursorScreenPos(ImVec2(origin.x, y + (h - fs) * 0.5f));
        if (r == 0)
            ImGui::TextDisabled("%s", labels[r]);
        else
            ImGui::TextUnformatted(labels[r]);
        tooltip(label_tips[r]);
        y += h;
        if (r == 2) y += fs * 0.3f;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x + label_w, origin.y));
    const float view_w = ImGui::GetContentRegionAvail().x;
    ImGui::BeginChild("columns", ImVec2(view_w, total_h + (scroll ? ImGui::GetStyle().ScrollbarSize : 0.0f)), false,
                      ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoBackground);
    dl = ImGui::GetWindowDrawList();
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(cw * Tf, total_h));
    auto col_x = [&](int t) { return o.x + cw * static_cast<float>(T - 1 - t); };  // MSB on the left

    // Keep the cursor's column in view: centred while playing, and whenever a step or a seek moved
    // it out of sight (otherwise the reader may scroll freely).
    if (scroll) {
        ImGuiStorage* store = ImGui::GetStateStorage();
        const ImGuiID cursor_id = ImGui::GetID("cursor");
        const bool moved = store->GetInt(cursor_id, -1) != s;
        store->SetInt(cursor_id, s);
        const float cursor_x = cw * static_cast<float>(T - 1 - std::min(s, T - 1));
        const float scroll_x = ImGui::GetScrollX();
        const bool out_of_sight = cursor_x < scroll_x || cursor_x + cw > scroll_x + view_w;
        if (pg.anim.playing || (moved && out_of_sight))
            ImGui::SetScrollX(std::clamp(cursor_x - view_w * 0.5f, 0.0f, ImGui::GetScrollMaxX()));
    }
    // Only the columns in sight are drawn (a 4096-bit sum is 4097 columns): column t lies at
    // col_x(t), so the ones in the child's visible x range are a contiguous run of t.
    const float vis_x0 = ImGui::GetWindowPos().x, vis_x1 = vis_x0 + ImGui::GetWindowSize().x;
    const int first_j = std::max(0, static_cast<int>(std::floor((vis_x0 - o.x) / cw)) - 1);  // j = T-1-t
    const int last_j = std::min(T - 1, static_cast<int>(std::ceil((vis_x1 - o.x) / cw)) + 1);
    const int t_lo = T - 1 - last_j, t_hi = T - 1 - first_j;

    // Cursor highlights: the input column (s), the hidden cell that just took in column s-1,
    // the output cell of column s-2.
    const ImU32 hl = pal().highlight;
    if (s < T)
        dl->AddRectFilled(ImVec2(col_x(s), row_y[0] - origin.y + o.y), ImVec2(col_x(s) + cw, row_y[3] - origin.y + o.y),
                          hl, 4.0f);

    const float dy = o.y - origin.y;
    char txt[16];
    for (int t = t_lo; t <= t_hi; ++t) {
        const float x = col_x(t);
        const float cx = x + cw * 0.5f;
        const StepFrame& in = st->frame(t);
        auto center_text = [&](int row, const char* text, ImU32 col) {
            const ImVec2 sz = ImGui::CalcTextSize(text);
            const float h = row == 3 ? hid_h : rh;
            dl->AddText(ImVec2(cx - sz.x * 0.5f, row_y[row] + dy + (h - sz.y) * 0.5f), col, text);
        };
        std::snprintf(txt, sizeof txt, "%d", t);
        if (cw >= fs * 1.6f || t % 4 == 0) center_text(0, txt, pal().dim);
        const bool pad = t == T - 1;
        center_text(1, in.a ? "1" : "0", pad ? pal().dim : pal().text);
        center_text(2, in.b ? "1" : "0", pad ? pal().dim : pal().text);

        // Hidden h(t+1): revealed once the cursor has reached step t+1.
        const float hy = row_y[3] + dy + 2.0f;
        const float hh = hid_h - 4.0f;
        const float x0 = x + 2.0f, x1 = x + cw - 2.0f;
        if (t + 1 <= s) {
            const StepFrame& hf = st->frame(t + 1);
            for (int i = 0; i < H && i < static_cast<int>(hf.hidden.size()); ++i) {
                const float a0 = x0 + (x1 - x0) * static_cast<float>(i) / static_cast<float>(H),
                            a1 = x0 + (x1 - x0) * static_cast<float>(i + 1) / static_cast<float>(H);
                dl->AddRectFilled(ImVec2(a0, hy), ImVec2(a1, hy + hh),
                                  activity_color(hf.hidden[static_cast<std::size_t>(i)]));
            }
            if (t + 1 == s)
                dl->AddRect(ImVec2(x0 - 1, hy - 1), ImVec2(x1 + 1, hy + hh + 1), pal().cursor, 2.0f, 0, 2.0f);
        } else {
            dl->AddRect(ImVec2(x0, hy), ImVec2(x1, hy + hh), pal().grid, 2.0f);
        }

        // Output o(t+2): revealed at step t+2.
        const float oy = row_y[4] + dy + 1.0f;
        const ImVec2 ob0(x0, oy), ob1(x1, oy + rh - 2.0f);
        const int truth = st->true_sum()[static_cast<std::size_t>(t)];
        if (t + kOutputDelay <= s) {
            const StepFrame& of = st->frame(t + kOutputDelay);
            dl->AddRectFilled(ob0, ob1, activity_color(of.output), 3.0f);
            center_text(4, of.guess ? "1" : "0", activity_text_color(of.output));
            if (of.guess != truth)
                dl->AddRect(ImVec2(ob0.x - 1, ob0.y - 1), ImVec2(ob1.x + 1, ob1.y + 1), pal().wrong, 3.0f, 0, 2.5f);
            if (t + kOutputDelay == s)
                dl->AddRect(ImVec2(ob0.x - 3, ob0.y - 3), ImVec2(ob1.x + 3, ob1.y + 3), pal().cursor, 3.0f, 0, 1.5f);
        } else {
            center_text(4, "·", pal().dim);
        }
        const bool wrong = t + kOutputDelay <= s && st->frame(t + kOutputDelay).guess != truth;
        center_text(5, truth ? "1" : "0", wrong ? pal().wrong : pal().text_soft);

        // Hover: the column's story.
        const ImVec2 mp = ImGui::GetIO().MousePos;
        if (ImGui::IsWindowHovered() && mp.x >= x && mp.x < x + cw && mp.y >= o.y && mp.y < o.y + total_h) {
            ImGui::BeginTooltip();
            ImGui::Text("Column %d%s: a = %d, b = %d, %s bit %d", t, pad ? " (zero pad)" : "", in.a, in.b,
                        adder ? "true sum" : "target", truth);
            ImGui::Text("Enters the inputs at step %d; hidden units take it in at step %d; output at step %d.", t,
                        t + 1, t + 2);
            if (t + 1 < st->steps() && !st->frame(t + 1).hidden.empty()) {
                ImGui::TextUnformatted("hidden h(t+1):");
                int unit = 0;
                for (double v : st->frame(t + 1).hidden) {
                    ImGui::SameLine();
                    ImGui::Text("h%d %.3f", ++unit, v);
                }
            }
            const StepFrame& of = st->frame(t + kOutputDelay);
            ImGui::Text("output o(t+2) = %.3f -> bit %d %s", of.output, of.guess,
                        of.guess == truth ? "(right)" : "(WRONG)");
            if (t + kOutputDelay > s) ImGui::TextDisabled("(not reached yet by the cursor)");
            ImGui::EndTooltip();
        }
    }
    ImGui::EndChild();
    record_rect(pg.drawn.rects.columns, origin, ImVec2(origin.x + label_w + view_w, origin.y + total_h));
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + total_h + (scroll ? ImGui::GetStyle().ScrollbarSize : 0.0f)));
    ImGui::Dummy(ImVec2(0, 0));
}

void transport(Playground& pg) {
    const Stepper* st = pg.stepper.get();
    const int last = st ? st->steps() - 1 : 0;
    if (ImGui::Button("|<")) pg.push(CommandKind::AnimSeek, 0);
    tooltip("Back to step 0: nothing read yet, the units hold their initial state.");
    ImGui::SameLine();
    if (ImGui::Button("<")) pg.push(CommandKind::AnimStep, -1);
    tooltip("One time step back.");
    ImGui::SameLine();
    if (ImGui::Button(pg.anim.playing ? "Pause" : "Play ", ImVec2(ImGui::GetFontSize() * 3.6f, 0)))
        pg.push(pg.anim.playing ? CommandKind::AnimPause : CommandKind::AnimPlay);
    tooltip(
        "Play or pause the animation: one time step after another, the net reads the next column "
        "and prints the sum bit of the column two steps back.");
    ImGui::SameLine();
    if (ImGui::Button(">")) pg.push(CommandKind::AnimStep, +1);
    tooltip("One time step forward: the next column enters, the hidden units update, the output moves on.");
    ImGui::SameLine();
    if (ImGui::Button(">|")) pg.push(CommandKind::AnimSeek, last);
    tooltip("Jump to the last step: the whole sum has been printed.");
    ImGui::SameLine();
    int cur = pg.anim.cursor;
    // Each slider's value beside its handle (the handle covered part of "step 6"), the step's in a
    // fixed width so the row does not shift as the animation plays.
    const SettingDef& speed = *find_setting("speed");
    const Settings s = playground_snapshot(pg);
    const bool speed_shown = setting_shown(speed, s) && !pg.hides(speed.key);
    const float fs = ImGui::GetFontSize();
    const float step_w = ImGui::CalcTextSize("step 000").x, speed_w = fs * 6.0f;
    float speed_block = speed_shown ? speed_w + ImGui::CalcTextSize("00.0 steps/s").x + fs : 0.0f;
    // A narrow column (a phone) puts the speed on its own line rather than past the right edge.
    const bool speed_below = ImGui::GetContentRegionAvail().x < fs * 5.0f + step_w + speed_block + fs;
    if (speed_below) speed_block = 0.0f;
    ImGui::SetNextItemWidth(std::max(fs * 5.0f, ImGui::GetContentRegionAvail().x - step_w - speed_block - fs));
    if (ImGui::SliderInt("##scrub", &cur, 0, last, "")) pg.push(CommandKind::AnimSeek, cur);
    tooltip("Scrub to any time step of this sum.");
    ImGui::SameLine();
    const float x0 = ImGui::GetCursorPosX();
    ImGui::Text("step %d", cur);
    tooltip("Scrub to any time step of this sum.");
    if (!speed_shown) return;
    // The animation speed: the settings table's row (unlabeled: its format says what it is).
    if (!speed_below) ImGui::SameLine(x0 + step_w + ImGui::GetStyle().ItemSpacing.x);
    ImGui::SetNextItemWidth(speed_w);
    setting_control(pg, speed, s, true);
}

}  // namespace

void panel_add(Playground& pg) {
    const Task& task = pg.settings.task;
    const bool adder = is_add(task);
    const std::string title = adder ? std::string("Add: the net reads two numbers right to left###add")
                                    : "Task " + (task.name.empty() ? std::string("(designed)") : task.name) +
                                          ": the net reads the input right to left###add";
    if (!panel_header(title.c_str(),
                      adder ? "The recurrent net adds as the lecture tells it: one column per time step, right to "
                              "left, printing each sum bit two steps after its column came in. Click to fold."
                            : "The recurrent net runs the task's machine: one column per time step, right to left, "
                              "printing each output bit two steps after its column came in. Click to fold."))
        return;
    ImGui::PushID("add");
    const float fs = ImGui::GetFontSize();
    const float block = fs * 13.6f;  // the buttons' block on the right of the number fields
    const float buttons_x = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - block;
    const bool wide = ImGui::GetContentRegionAvail().x > fs * 40.0f;
    // hide=numbers (embedding): no buttons that change the numbers.
    const bool buttons = pg.shows_control("numbers");
    auto example_swap = [&]() {
        if (!buttons) return;
        if (ImGui::Button("Lecture's example", ImVec2(wide ? fs * 9.0f : 0, 0))) pg.push(CommandKind::LectureExample);
        tooltip("The sum from the lecture: 00110100 + 01001101.");
        ImGui::SameLine();
        if (ImGui::Button("Swap", ImVec2(wide ? ImGui::GetContentRegionAvail().x : 0, 0)))
            pg.push(CommandKind::SwapNumbers);
        tooltip("Swap a and b. Addition does not care; does the net?");
    };
    auto randoms = [&]() {
        if (!buttons) return;
        if (ImGui::Button("Random")) pg.push(CommandKind::RandomNumbers, 0);
        tooltip("Two random numbers of the current length.");
        for (int bits : {8, 32, 128}) {
            char lb[16];
            std::snprintf(lb, sizeof lb, "%d", bits);
            same_line_if_fits(ImGui::CalcTextSize(lb).x + ImGui::GetStyle().FramePadding.x * 2.0f);
            if (ImGui::Button(lb)) pg.push(CommandKind::RandomNumbers, bits);
            tooltip(
                "Two random numbers of this many bits. The net trained on sums of at most 16 bits: "
                "does the algorithm it learned carry over to long ones?");
        }
    };
    number_row(pg, pg.a, "a", pg.drawn.rects.number_a, true);
    if (wide && buttons) {
        ImGui::SameLine(buttons_x);
        example_swap();
    }
    bad_characters(pg.a);
    number_row(pg, pg.b, "b", pg.drawn.rects.number_b, false);
    if (wide && buttons) {
        ImGui::SameLine(buttons_x);
        randoms();
    }
    bad_characters(pg.b);
    if (task.machine.inputs == 1) ImGui::TextDisabled("This task reads one bit a column: only a; b is fed as zeros.");
    if (!wide && buttons) {
        example_swap();
        ImGui::SameLine(0, fs * 1.5f);
        randoms();
    }
    if (!pg.a.parsed.ok() || !pg.b.parsed.ok())
        ImGui::TextColored(col4(pal().error_text),
                           "Still showing the last valid sum until both numbers are valid binary.");

    columns_view(pg);
    transport(pg);

    // The current step in the lecture's words, and the verdict once the sum is printed. Their room
    // is reserved (the tallest description of a few typical steps, plus the verdict's line), so the
    // panels below do not move while the animation runs.
    const float text_top = ImGui::GetCursorPosY();
    float reserve = 0.0f;
    if (pg.stepper) {
        const int last = pg.stepper->steps() - 1;
        const float wrap = ImGui::GetContentRegionAvail().x;
        for (int s : {0, 1, 2, last / 2, last - 1, last, pg.anim.cursor})
            reserve = std::max(
                reserve,
                ImGui::CalcTextSize(step_description(pg, std::clamp(s, 0, last)).c_str(), nullptr, false, wrap).y);
        reserve += ImGui::GetStyle().ItemSpacing.y + ImGui::GetTextLineHeight();  // the verdict
    }
    const std::string d = step_description(pg, pg.anim.cursor);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(d.c_str());
    ImGui::PopTextWrapPos();
    if (pg.stepper && pg.anim.cursor >= pg.stepper->steps() - 1) {
        const bool right = pg.stepper->net_sum() == pg.stepper->true_sum();
        int wrong = 0;
        for (std::size_t i = 0; i < pg.stepper->true_sum().size(); ++i)
            wrong += pg.stepper->net_sum()[i] != pg.stepper->true_sum()[i];
        const std::string ns = format_bits(pg.stepper->net_sum());
        const char* what = adder ? "sum" : "output";
        if (right)
            ImGui::TextColored(col4(pal().right), "The net's %s %s is right.", what, ns.size() <= 40 ? ns.c_str() : "");
        else
            ImGui::TextColored(col4(pal().wrong), "The net's %s %s has %d wrong bit%s.", what,
                               ns.size() <= 40 ? ns.c_str() : "", wrong, wrong == 1 ? "" : "s");
        // The whole sum, however long, to paste elsewhere (the page's clipboard on the web).
        same_line_if_fits(ImGui::CalcTextSize("Copy the sum").x + ImGui::GetStyle().FramePadding.x * 2.0f);
        if (ImGui::SmallButton("Copy the sum")) ImGui::SetClipboardText(ns.c_str());
        tooltip("Copies the net's sum (most significant bit first) to the clipboard.");
    }
    const float used = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y - text_top;
    if (reserve - used > ImGui::GetStyle().ItemSpacing.y)
        ImGui::Dummy(ImVec2(0.0f, reserve - used - ImGui::GetStyle().ItemSpacing.y));
    ImGui::PopID();
}

}  // namespace carry
