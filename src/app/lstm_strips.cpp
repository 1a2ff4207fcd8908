// lstm_strips: the LSTM's gates per column, as heat strips, and which gate lets the carry through
// (see lstm_strips.h).
#include "app/lstm_strips.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/colormap.h"
#include "app/lstm_view.h"
#include "app/palette.h"
#include "app/playground.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

namespace {

using zoo::CarryEvent;
using zoo::LstmRow;

enum class Kind { Index, BitA, BitB, Gate, Out, Sum, Carry };

struct Row {
    Kind kind;
    LstmRow gate = LstmRow::Write;
    int cell = 0;
    float y0 = 0, y1 = 0;
};

constexpr LstmRow kDrawn[] = {LstmRow::Write,     LstmRow::Keep, LstmRow::Read,
                              LstmRow::Candidate, LstmRow::Cell, LstmRow::Hidden};

const char* gate_label(LstmRow g) {
    switch (g) {
        case LstmRow::Write: return "write i";
        case LstmRow::Keep: return "keep f";
        case LstmRow::Read: return "read o";
        case LstmRow::Candidate: return "candidate g";
        case LstmRow::Cell: return "cell c";
        case LstmRow::Hidden: return "output h";
    }
    return "";
}

const char* gate_meaning(LstmRow g) {
    switch (g) {
        case LstmRow::Write: return "how much of the candidate the write gate lets into the cell (0 shut, 1 open)";
        case LstmRow::Keep: return "how much of the cell's old value the keep gate holds (0 forgets, 1 keeps)";
        case LstmRow::Read: return "how much of the cell the read gate lets out to the output and the gates";
        case LstmRow::Candidate: return "the new value offered to the cell, -1 .. 1";
        case LstmRow::Cell: return "the memory cell after this column: keep x old + write x candidate";
        case LstmRow::Hidden: return "what the cell lets out: read x tanh(cell)";
    }
    return "";
}

bool is_gate(LstmRow g) { return g == LstmRow::Write || g == LstmRow::Keep || g == LstmRow::Read; }

ImU32 value_color(LstmRow g, double x, float alpha) {
    return is_gate(g) ? activity_color(x, alpha) : weight_color(x, 1.0, alpha);
}

// The diverging map's legend for g, c and h (colormap's own says "weight").
void value_legend() {
    ImGui::TextDisabled("g, c, h");
    ImGui::SameLine();
    ImGui::TextUnformatted("-1");
    ImGui::SameLine();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = ImGui::GetTextLineHeight(), w = ImGui::GetFontSize() * 7.0f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    constexpr int kSteps = 24;
    for (int i = 0; i < kSteps; ++i) {
        const double t = (i + 0.5) / kSteps * 2.0 - 1.0;
        dl->AddRectFilled(ImVec2(p.x + w * static_cast<float>(i) / kSteps, p.y + 3),
                          ImVec2(p.x + w * static_cast<float>(i + 1) / kSteps + 0.5f, p.y + h - 3),
                          weight_color(t, 1.0));
    }
    ImGui::Dummy(ImVec2(w, h));
    ImGui::SameLine();
    ImGui::TextUnformatted("+1");
}

const char* event_name(CarryEvent e) {
    switch (e) {
        case CarryEvent::None: return "no carry";
        case CarryEvent::Starts: return "a carry starts";
        case CarryEvent::Held: return "a carry is held";
        case CarryEvent::Ends: return "the carry ends";
    }
    return "";
}

void tooltip_for(const zoo::LstmGateView& g, const Row& r, int t) {
    const auto ut = static_cast<std::size_t>(t);
    char buf[320];
    switch (r.kind) {
        case Kind::Index:
            std::snprintf(buf, sizeof buf, "Column %d: the LSTM reads it at step %d and prints its sum bit then.", t,
                          t);
            break;
        case Kind::BitA: std::snprintf(buf, sizeof buf, "Column %d: bit a = %d.", t, g.a[ut]); break;
        case Kind::BitB: std::snprintf(buf, sizeof buf, "Column %d: bit b = %d.", t, g.b[ut]); break;
        case Kind::Gate:
            std::snprintf(buf, sizeof buf, "Column %d, cell %d: %s = %.3f, %s.", t, r.cell + 1, gate_label(r.gate),
                          g.value(r.gate, t, r.cell), gate_meaning(r.gate));
            break;
        case Kind::Out:
            std::snprintf(buf, sizeof buf,
                          "Column %d: the LSTM prints %d (p = %.3f) at this very step; the true sum bit is %d. "
                          "The recurrent net prints it two steps later.",
                          t, g.out[ut], g.y[ut], g.sum[ut]);
            break;
        case Kind::Sum: std::snprintf(buf, sizeof buf, "Column %d: the true sum bit is %d.", t, g.sum[ut]); break;
        case Kind::Carry:
            std::snprintf(buf, sizeof buf, "Carry out of column %d: %d (%s). The adder's state, worked out exactly.", t,
                          g.carry_out[ut], event_name(zoo::carry_event(g.carry_in[ut], g.carry_out[ut])));
            break;
    }
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
    ImGui::TextUnformatted(buf);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void strips(const LstmLive& v, Playground& pg) {
    const zoo::LstmGateView& g = v.view;
    if (g.T == 0) return;
    const Palette& p = pal();
    const float fs = ImGui::GetFontSize();
    const int H = g.H, T = g.T, s = pg.anim.cursor;
    const float label_w = fs * 6.5f, avail = ImGui::GetContentRegionAvail().x;
    const float cw = std::clamp((avail - label_w) / static_cast<float>(T), fs * 0.9f, fs * 2.4f);
    // Columns shown: all when they fit, else a window around the current column.
    const int fit = std::max(1, static_cast<int>((avail - label_w) / cw));
    int t_lo = 0, t_hi = T - 1;
    if (T > fit) {
        const int centre = std::clamp(s, 0, T - 1);
        t_lo = std::clamp(centre - fit / 2, 0, T - fit);
        t_hi = t_lo + fit - 1;
    }
    const float rh = std::clamp(fs * 2.4f / static_cast<float>(H), 3.0f, fs * 0.6f), gap = fs * 0.3f;
    std::vector<Row> rows;
    float y = 0;
    const auto add = [&](Row r, float h) {
        r.y0 = y;
        r.y1 = y + h;
        rows.push_back(r);
        y += h;
    };
    add({Kind::Index}, fs);
    add({Kind::BitA}, fs);
    add({Kind::BitB}, fs);
    y += gap;
    for (LstmRow gate : kDrawn) {
        for (int k = 0; k < H; ++k) add({Kind::Gate, gate, k}, rh);
        y += gap;
    }
    add({Kind::Out}, fs);
    add({Kind::Sum}, fs);
    add({Kind::Carry}, fs);
    const float width = label_w + cw * static_cast<float>(t_hi - t_lo + 1);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("gates", ImVec2(width, y));
    const bool hovered = ImGui::IsItemHovered(), focused = ImGui::IsItemFocused();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const auto col_x = [&](int t) { return o.x + label_w + cw * static_cast<float>(t_hi - t); };
    // Labels.
    const auto label = [&](const char* text, float y0, float y1, ImU32 c) {
        dl->AddText(ImVec2(o.x, o.y + (y0 + y1 - fs) * 0.5f), c, text);
    };
    constexpr std::size_t kFirstGate = 3;  // after the column numbers and the two bits
    label("column", rows[0].y0, rows[0].y1, p.dim);
    label("a", rows[1].y0, rows[1].y1, p.text_soft);
    label("b", rows[2].y0, rows[2].y1, p.text_soft);
    for (std::size_t q = 0; q < std::size(kDrawn); ++q) {
        const Row& first = rows[kFirstGate + q * static_cast<std::size_t>(H)];
        const Row& last = rows[kFirstGate + (q + 1) * static_cast<std::size_t>(H) - 1];
        label(gate_label(kDrawn[q]), first.y0, last.y1, is_gate(kDrawn[q]) ? p.text : p.text_soft);
        if (v.carry.cell >= 0 && std::abs(v.carry.r()) >= zoo::kCarryCellMinCorrelation) {
            const Row& c = rows[kFirstGate + q * static_cast<std::size_t>(H) + static_cast<std::size_t>(v.carry.cell)];
            dl->AddTriangleFilled(ImVec2(o.x + label_w - 7, o.y + c.y0), ImVec2(o.x + label_w - 7, o.y + c.y1 + 1),
                                  ImVec2(o.x + label_w - 2, o.y + (c.y0 + c.y1) * 0.5f), p.strong);
        }
    }
    const std::size_t n_rows = rows.size();
    label("LSTM", rows[n_rows - 3].y0, rows[n_rows - 3].y1, p.text);
    label("sum", rows[n_rows - 2].y0, rows[n_rows - 2].y1, p.text_soft);
    label("carry", rows[n_rows - 1].y0, rows[n_rows - 1].y1, p.text_soft);
    // Cells.
    for (int t = t_lo; t <= t_hi; ++t) {
        const auto ut = static_cast<std::size_t>(t);
        const bool shown = t <= s;  // columns the animation has not reached yet are faint
        const float alpha = shown ? 1.0f : 0.3f;
        const float x0 = col_x(t), x1 = x0 + cw - 1.0f;
        const auto bit = [&](const Row& r, int b, ImU32 c) {
            char txt[2] = {static_cast<char>('0' + b), 0};
            const ImVec2 ts = ImGui::CalcTextSize(txt);
            dl->AddText(ImVec2((x0 + x1 - ts.x) * 0.5f, o.y + (r.y0 + r.y1 - ts.y) * 0.5f), shown ? c : p.dim, txt);
        };
        for (const Row& r : rows) {
            switch (r.kind) {
                case Kind::Index:
                    if ((t % 4 == 0 && std::abs(t - s) > 1) || t == s) {
                        char num[16];
                        std::snprintf(num, sizeof num, "%d", t);
                        const ImVec2 ts = ImGui::CalcTextSize(num);
                        dl->AddText(ImVec2((x0 + x1 - ts.x) * 0.5f, o.y + r.y0), t == s ? p.strong : p.dim, num);
                    }
                    break;
                case Kind::BitA: bit(r, g.a[ut], p.text); break;
                case Kind::BitB: bit(r, g.b[ut], p.text); break;
                case Kind::Gate:
                    dl->AddRectFilled(ImVec2(x0, o.y + r.y0), ImVec2(x1, o.y + r.y1 - (rh > 5 ? 1.0f : 0.0f)),
                                      value_color(r.gate, g.value(r.gate, t, r.cell), alpha));
                    break;
                case Kind::Out: bit(r, g.out[ut], g.out[ut] == g.sum[ut] ? p.right : p.wrong); break;
                case Kind::Sum: bit(r, g.sum[ut], p.text_soft); break;
                case Kind::Carry: bit(r, g.carry_out[ut], g.carry_out[ut] ? p.strong : p.dim); break;
            }
        }
    }
    if (s >= t_lo && s <= t_hi)
        dl->AddRect(ImVec2(col_x(s) - 1, o.y - 1), ImVec2(col_x(s) + cw, o.y + y + 1), p.cursor, 3.0f, 0, 2.0f);
    // Hover: the value under the pointer; a click seeks the animation to that column.
    if (hovered) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        const int t = t_hi - static_cast<int>((m.x - o.x - label_w) / cw);
        if (m.x >= o.x + label_w && t >= t_lo && t <= t_hi) {
            for (const Row& r : rows)
                if (m.y >= o.y + r.y0 && m.y < o.y + r.y1) tooltip_for(g, r, t);
            if (ImGui::IsItemClicked()) pg.commands.push_back(Command{CommandKind::AnimSeek, t, {}, {}});
        }
    } else if (focused) {
        tooltip_for(g, rows[n_rows - 3], std::clamp(s, 0, T - 1));  // the keyboard's focus: the current column
    }
    if (ImGui::IsItemActivated() && !hovered) pg.push(CommandKind::AnimStep, 1);  // Space / Enter: the next step
}

// The current column's carry cell in words.
void current_column(const LstmLive& v, const Playground& pg) {
    const zoo::LstmGateView& g = v.view;
    const int s = pg.anim.cursor;
    if (s < 0 || s >= g.T) {
        ImGui::TextDisabled("Step %d: every column has been read; the recurrent net is still printing its last bits.",
                            s);
        return;
    }
    const auto us = static_cast<std::size_t>(s);
    const CarryEvent e = zoo::carry_event(g.carry_in[us], g.carry_out[us]);
    ImGui::TextWrapped(
        "Step %d: column %d (%d + %d) enters and the LSTM prints sum bit %d = %d (%s); the recurrent net "
        "prints it at step %d. Here %s.",
        s, s, g.a[us], g.b[us], s, g.out[us], g.out[us] == g.sum[us] ? "right" : "wrong", s + 2, event_name(e));
    if (v.carry.cell >= 0 && std::abs(v.carry.r()) >= zoo::kCarryCellMinCorrelation) {
        const int k = v.carry.cell;
        ImGui::TextWrapped("Cell %d now: write %.2f, keep %.2f, read %.2f, candidate %+.2f, cell %+.2f.", k + 1,
                           g.value(LstmRow::Write, s, k), g.value(LstmRow::Keep, s, k), g.value(LstmRow::Read, s, k),
                           g.value(LstmRow::Candidate, s, k), g.value(LstmRow::Cell, s, k));
    }
}

// The carry cell's mean gates by kind of column.
void carry_table(const zoo::LstmCarryAnalysis& a) {
    if (a.cell < 0) return;
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("carry_gates", 6, flags)) return;
    char head[32];
    std::snprintf(head, sizeof head, "cell %d, mean", a.cell + 1);
    ImGui::TableSetupColumn(head);
    ImGui::TableSetupColumn("columns");
    ImGui::TableSetupColumn("write");
    ImGui::TableSetupColumn("keep");
    ImGui::TableSetupColumn("read");
    ImGui::TableSetupColumn("cand. g");
    ImGui::TableHeadersRow();
    for (int e = 0; e < zoo::kCarryEvents; ++e) {
        const auto ce = static_cast<CarryEvent>(e);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(event_name(ce));
        ImGui::TableNextColumn();
        ImGui::Text("%lld", a.count[static_cast<std::size_t>(e)]);
        for (LstmRow r : {LstmRow::Write, LstmRow::Keep, LstmRow::Read, LstmRow::Candidate}) {
            ImGui::TableNextColumn();
            ImGui::Text(r == LstmRow::Candidate ? "%+.2f" : "%.2f", a.gate(ce, r));
        }
    }
    ImGui::EndTable();
}

}  // namespace

void lstm_gate_strips(const LstmLive& v, Playground& pg) {
    ImGui::PushID("lstm_strips");
    ImGui::PushStyleColor(ImGuiCol_Text, col4(pal().dim));
    ImGui::TextWrapped("Gates step by step over the sum above, right to left; the outlined column is the add view's.");
    ImGui::PopStyleColor();
    strips(v, pg);
    tooltip(
        "Each row of a strip is one memory cell; the triangle marks the cell that follows the carry. Hover a "
        "square for its value; click a column to show that step.");
    draw_activity_legend("write, keep, read gates");
    same_line_if_fits(ImGui::GetFontSize() * 14.0f);
    value_legend();
    current_column(v, pg);
    ImGui::Separator();
    ImGui::TextUnformatted("Which gate lets the carry through?");
    ImGui::TextWrapped("%s", v.carry_sentence.c_str());
    tooltip(
        "Measured over 64 random 16-bit sums: the cell whose memory c best follows the carry out of each "
        "column (correlation r), and that cell's gates in the four kinds of column.");
    carry_table(v.carry);
    ImGui::PopID();
}

}  // namespace carry
