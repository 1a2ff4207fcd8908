// panel_inside_bptt: backpropagation through time for the current sum, steppable, and the
// exploding/vanishing-gradients curve.
//
// BPTT positions 0 .. S-1: the forward pass has built the stack up to step s (every unit's
// activity at steps 0..s). Positions S .. 2S-1: the backward pass has peeled steps S-1 down to s,
// each with its error derivatives dE/dz on the units; every weight's derivative is the sum of the
// per-step terms peeled so far (app/bptt_view.h), shown next to the update it causes.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/bptt_view.h"
#include "app/chart.h"
#include "app/colormap.h"
#include "app/inside_panels.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

namespace {

// The weights table (its columns have room, and no hover): two significant digits, e-notation for
// small values rather than the grid's "≈0", so a tiny update still shows its size.
const char* fmt_num(char* buf, std::size_t n, double x) {
    if (x == 0.0 || (std::fabs(x) >= 0.001 && std::fabs(x) < 1000)) return bptt_cell_text(buf, n, x);
    std::snprintf(buf, n, "%.2g", x);
    return buf;
}

// A cell of the grid: filled, framed when it is the current step, its text centred; hovering it
// shows the exact value behind the two rounded digits (none for empty cells: NaN).
void cell(ImDrawList* dl, ImVec2 p, ImVec2 size, ImU32 fill, ImU32 text_col, const char* text, bool frame,
          double exact = std::nan("")) {
    dl->AddRectFilled(p, ImVec2(p.x + size.x - 2, p.y + size.y - 2), fill, 3.0f);
    if (frame)
        dl->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + size.x - 1, p.y + size.y - 1), pal().cursor, 3.0f, 0, 2.0f);
    const ImVec2 ts = bptt_cell_text_size(text);
    dl->AddText(ImGui::GetFont(), bptt_cell_font_size(),
                ImVec2(p.x + (size.x - 2 - ts.x) * 0.5f, p.y + (size.y - 2 - ts.y) * 0.5f), text_col, text);
    if (!std::isnan(exact) && ImGui::IsWindowHovered() &&
        ImGui::IsMouseHoveringRect(p, ImVec2(p.x + size.x, p.y + size.y)))
        ImGui::SetTooltip("%.6g", exact);
}

// Where the BPTT animation is: positions 0 .. S-1 build the stack, S .. 2S-1 peel it off.
struct BpttAt {
    int S = 0, c = 0, last = 0;
    bool forward = true;
    int fwd_upto = 0;     // stack built up to this step
    int peeled_from = 0;  // backward: steps >= this are peeled
};

BpttAt bptt_at(InsideView& v, int S) {
    BpttAt at;
    at.S = S;
    at.last = 2 * S - 1;
    v.bptt_cursor = std::clamp(v.bptt_cursor, 0, at.last);
    at.c = v.bptt_cursor;
    at.forward = at.c < S;
    at.fwd_upto = at.forward ? at.c : S - 1;
    at.peeled_from = at.forward ? S : 2 * S - 1 - at.c;
    return at;
}

// Transport, like the addition's, and where the pass is in words.
void bptt_transport(InsideView& v, const BpttAt& at) {
    if (ImGui::SmallButton("|<")) {
        v.bptt_cursor = 0;
        v.bptt_playing = false;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("<")) {
        v.bptt_cursor = std::max(0, at.c - 1);
        v.bptt_playing = false;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(v.bptt_playing ? "Pause" : "Play")) {
        if (!v.bptt_playing && at.c >= at.last) v.bptt_cursor = 0;
        v.bptt_playing = !v.bptt_playing;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(">")) {
        v.bptt_cursor = std::min(at.last, at.c + 1);
        v.bptt_playing = false;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(">|")) {
        v.bptt_cursor = at.last;
        v.bptt_playing = false;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    int pos = v.bptt_cursor;
    if (ImGui::SliderInt("##bpttpos", &pos, 0, at.last, "")) {
        v.bptt_cursor = pos;
        v.bptt_playing = false;
    }
    if (at.forward)
        ImGui::Text("Forward, step %d: the stack holds every activity at steps 0..%d", at.fwd_upto, at.fwd_upto);
    else
        ImGui::Text("Backward, step %d: derivatives at steps %d..%d peeled off, %d left", at.peeled_from,
                    at.peeled_from, at.S - 1, at.peeled_from);
}

// The stack's row labels: output, hidden units and inputs, then the derivatives dE/dz.
template <class RowY>
void stack_labels(ImDrawList* dl, ImVec2 o, RowY row_y, int H) {
    char buf[32];
    dl->AddText(ImVec2(o.x, o.y), pal().dim, "step");
    dl->AddText(ImVec2(o.x, row_y(0) + 2), pal().dim, "out o");
    for (int i = 0; i < H; ++i) {
        std::snprintf(buf, sizeof buf, "h%d", i + 1);
        dl->AddText(ImVec2(o.x, row_y(1 + i) + 2), pal().dim, buf);
    }
    dl->AddText(ImVec2(o.x, row_y(1 + H) + 2), pal().dim, "in a");
    dl->AddText(ImVec2(o.x, row_y(2 + H) + 2), pal().dim, "in b");
    const int dr = 1 + H + 2 + 1;  // first derivative row
    dl->AddText(ImVec2(o.x, row_y(dr - 1) + 4), pal().dim, "dE/dz:");
    dl->AddText(ImVec2(o.x, row_y(dr) + 2), pal().dim, "out");
    for (int i = 0; i < H; ++i) {
        std::snprintf(buf, sizeof buf, "h%d", i + 1);
        dl->AddText(ImVec2(o.x, row_y(dr + 1 + i) + 2), pal().dim, buf);
    }
}

// The stack: one column per time step, rows output / hidden / inputs; below them dE/dz.
void bptt_stack(const Stepper& st, const BpttAt& at) {
    const int S = at.S, H = st.net().hidden();
    const bool forward = at.forward;
    const int fwd_upto = at.fwd_upto, peeled_from = at.peeled_from;
    const float fs = ImGui::GetFontSize();
    const ImVec2 csz = bptt_cell_size();
    const float label_w = fs * 3.2f;
    const int rows = 1 + H + 2;
    const float height = csz.y * static_cast<float>(rows + 1 + H + 1) + fs * 2.2f;
    ImGui::BeginChild("bptt_stack", ImVec2(0, height + ImGui::GetStyle().ScrollbarSize), false,
                      ImGuiWindowFlags_HorizontalScrollbar);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(label_w + csz.x * static_cast<float>(S), height));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    char buf[32];
    double dmax = 1e-9;
    for (int s = 0; s < S; ++s) {
        dmax = std::max(dmax, std::fabs(st.frame(s).d_output_logit));
        for (double d : st.frame(s).d_hidden_logit) dmax = std::max(dmax, std::fabs(d));
    }
    auto row_y = [&](int r) { return o.y + fs * 1.2f + csz.y * static_cast<float>(r); };
    auto col_x = [&](int s) { return o.x + label_w + csz.x * static_cast<float>(s); };
    stack_labels(dl, o, row_y, H);
    const int dr = rows + 1;  // first derivative row
    const ImU32 empty = pal().cell_empty;
    for (int s = 0; s < S; ++s) {
        const StepFrame& f = st.frame(s);
        std::snprintf(buf, sizeof buf, "%d", s);
        dl->AddText(ImVec2(col_x(s) + csz.x * 0.4f, o.y),
                    (forward ? s == fwd_upto : s == peeled_from) ? pal().strong : pal().dim, buf);
        const bool built = s <= fwd_upto;
        const bool here_f = forward && s == fwd_upto;
        if (built) {
            const bool tgt = f.has_target;
            bptt_activity_text(buf, sizeof buf, f.output);
            cell(dl, ImVec2(col_x(s), row_y(0)), csz, activity_color(f.output), activity_text_color(f.output),
                 s == 0 ? "-" : buf, here_f, s == 0 ? std::nan("") : f.output);
            (void)tgt;
            for (int i = 0; i < H; ++i) {
                if (f.hidden.empty()) {
                    cell(dl, ImVec2(col_x(s), row_y(1 + i)), csz, empty, pal().dim, "", false);
                    continue;
                }
                const double hv = f.hidden[static_cast<std::size_t>(i)];
                cell(dl, ImVec2(col_x(s), row_y(1 + i)), csz, activity_color(hv), activity_text_color(hv),
                     bptt_activity_text(buf, sizeof buf, hv), here_f, hv);
            }
            if (f.has_input) {
                cell(dl, ImVec2(col_x(s), row_y(1 + H)), csz, activity_color(f.a), activity_text_color(f.a),
                     f.a ? "1" : "0", false);
                cell(dl, ImVec2(col_x(s), row_y(2 + H)), csz, activity_color(f.b), activity_text_color(f.b),
                     f.b ? "1" : "0", false);
            }
        } else {
            for (int r = 0; r < rows; ++r) cell(dl, ImVec2(col_x(s), row_y(r)), csz, empty, pal().dim, "", false);
        }
        const bool peeled = s >= peeled_from;
        const bool here_b = !forward && s == peeled_from;
        for (int r = 0; r <= H; ++r) {
            const ImVec2 p(col_x(s), row_y(dr + r));
            const double d = r == 0
                                 ? f.d_output_logit
                                 : (f.d_hidden_logit.empty() ? 0.0 : f.d_hidden_logit[static_cast<std::size_t>(r - 1)]);
            if (!peeled || (r > 0 && (f.hidden.empty() || s == 0))) {
                cell(dl, p, csz, empty, pal().dim, peeled ? "" : "", false);
                continue;
            }
            cell(dl, p, csz, weight_color(d, dmax), pal().ink, bptt_cell_text(buf, sizeof buf, d),
                 here_b, d);
        }
    }
    ImGui::EndChild();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped(
        "Cells: unit activities 0..1 (viridis), except the hidden column at step 0: h(0) is the initial "
        "state, a value learned like a weight (unless the settings fix it), not a unit's output, so it may "
        "lie outside 0..1. "
        "dE/dz blue (negative) to orange (positive), two digits, \"≈0\" below %g: hover a cell for its exact "
        "value. Targets: the output at step s >= 2 against sum bit s-2. Step 0's dE/dh(0) trains the initial state.",
        kBpttNearZero);
    ImGui::PopStyleColor();
}

// Each weight's derivative summed over the peeled steps, next to the update it causes.
void bptt_weights(const Stepper& st, const Playground& pg, const BpttAt& at) {
    const int H = st.net().hidden();
    const bool forward = at.forward;
    const int peeled_from = at.peeled_from;
    const float fs = ImGui::GetFontSize();
    char buf[32];
    const std::vector<double> sum =
        forward ? std::vector<double>(param_count(H), 0.0) : bptt_peeled_sum(st, peeled_from);
    const std::vector<double> term = forward ? sum : bptt_step_terms(st, peeled_from);
    const OptimConfig& oc = pg.settings.optim;
    const std::vector<double> step = forward ? sum : bptt_update(st.net(), sum, pg.trainer->optim_state(), oc);
    ImGui::TextWrapped("Weights: derivative summed over the peeled steps; the update: %s",
                       oc.kind == OptimizerKind::Adam
                           ? "Adam's step"
                           : "-lr × derivative, and the step the optimizer would take from it (clipping, momentum)");
    const ImGuiTableFlags tf = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                               ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("bptt_weights", 5, tf, ImVec2(0, fs * 11))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("weight");
        ImGui::TableSetupColumn("this step");
        ImGui::TableSetupColumn("dE/dw so far");
        char lr_head[48];
        std::snprintf(lr_head, sizeof lr_head, "-lr × dE/dw (lr %g)", oc.lr);
        ImGui::TableSetupColumn(lr_head);
        ImGui::TableSetupColumn("optimizer's step");
        ImGui::TableHeadersRow();
        const ParamLayout l = param_layout(H);
        for (std::size_t p = 0; p < l.o0; ++p) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(param_name(H, p).c_str());
            ImGui::TableNextColumn();
            if (forward) {
                ImGui::TextDisabled("-");
            } else
                ImGui::TextUnformatted(fmt_num(buf, sizeof buf, term[p]));
            ImGui::TableNextColumn();
            if (forward) {
                ImGui::TextDisabled("-");
            } else
                ImGui::TextUnformatted(fmt_num(buf, sizeof buf, sum[p]));
            ImGui::TableNextColumn();
            if (forward) {
                ImGui::TextDisabled("-");
            } else
                ImGui::TextUnformatted(fmt_num(buf, sizeof buf, -oc.lr * sum[p]));
            ImGui::TableNextColumn();
            if (forward) {
                ImGui::TextDisabled("-");
            } else
                ImGui::TextUnformatted(fmt_num(buf, sizeof buf, step[p]));
        }
        ImGui::EndTable();
    }
    if (!forward && peeled_from == 0) {
        const double n = grad_norm(sum);
        ImGui::TextDisabled(
            "Fully peeled: these are the core's gradients for this sum (norm %.3g%s).", n,
            oc.clip_norm > 0 && n > oc.clip_norm ? ", clipped to the limit in the optimizer's step" : "");
    }
}

}  // namespace

float bptt_cell_font_size() { return std::round(ImGui::GetFontSize() * 0.88f); }

ImVec2 bptt_cell_text_size(const char* text) {
    return ImGui::GetFont()->CalcTextSizeA(bptt_cell_font_size(), FLT_MAX, 0.0f, text);
}

ImVec2 bptt_cell_size() {
    // Wide enough for the widest text bptt_cell_text / bptt_activity_text write, plus a margin; the
    // cells' font a little smaller than the UI's, so the lecture's 11 steps fit a 1024-wide page.
    float w = 0.0f;
    for (const char* widest : {"-0.088", "-0.008", "-8.8e8", "-8e308", "-8.88", "≈0"})
        w = std::max(w, bptt_cell_text_size(widest).x);
    const float fs = ImGui::GetFontSize();
    return ImVec2(std::ceil(w + fs * 0.35f), std::round(fs * 1.35f));
}

void panel_inside_bptt(InsideView& v, Playground& pg) {
    if (!v.bptt) inside_sync_bptt(v, pg);
    if (!v.bptt || !pg.trainer) return;
    const Stepper& st = *v.bptt;
    const BpttAt at = bptt_at(v, st.steps());
    ImGui::TextWrapped(
        "The sum %s + %s. The forward pass keeps every unit's activity at every step (the stack); "
        "the backward pass peels it off from the last step to the first, getting the error "
        "derivatives at each step; each weight's derivative is the sum over the steps.",
        pg.a.text.c_str(), pg.b.text.c_str());
    bptt_transport(v, at);
    bptt_stack(st, at);
    bptt_weights(st, pg, at);
}

void panel_inside_gradients(InsideView& v, Playground& pg) {
    if (!pg.trainer || !pg.stepper) return;
    ImGui::TextWrapped(
        "A unit error at the net's last output, sent back through time: the size |dE/dh| of the "
        "derivative on the hidden units at each step back. Logistic units multiply it by h(1-h) ≤ 1/4 "
        "and by the recurrent weights at every step, so it shrinks (vanishes) or grows (explodes) "
        "geometrically.");
    ImGui::Checkbox("a random 64-bit sum instead of the current one", &v.grad_long);
    Pair pair = pg.pair;
    if (v.grad_long) {
        Rng rng(0x5eed6464ULL);
        pair = random_pair(rng, 64);
    }
    const std::vector<double> now = backprop_norms(pg.trainer->net(), pair);
    const bool same_shape = v.initial_net.hidden() == pg.trainer->net().hidden() && !v.initial_net.params.empty();
    const std::vector<double> init = same_shape ? backprop_norms(v.initial_net, pair) : std::vector<double>{};
    std::vector<float> x, yn, yi;
    for (std::size_t k = 0; k < now.size(); ++k) {
        x.push_back(static_cast<float>(k));
        yn.push_back(static_cast<float>(now[k]));
        yi.push_back(k < init.size() ? static_cast<float>(init[k]) : std::nanf(""));
    }
    ChartAxes ax;
    ax.title = "Size of the error derivative";
    ax.y_title = "|dE/dh| on the hidden units";
    ax.x_title = "steps back from the last output";
    ax.log_y = true;
    axis_chart("gradnorms", x, {{"current net", &yn, pal().orange}, {"its initial weights", &yi, pal().sky}},
               ImGui::GetFontSize() * 9, ax);
    auto factor = [](const std::vector<double>& n) {
        if (n.size() < 2 || !(n.front() > 0) || !(n.back() > 0)) return std::nan("");
        return std::pow(n.back() / n.front(), 1.0 / static_cast<double>(n.size() - 1));
    };
    const double fn = factor(now), fi = factor(init);
    ImGui::TextWrapped(
        "Per step back, the derivative is multiplied by about ×%.3g (current net) and ×%.3g (initial weights).", fn,
        fi);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped(
        "Over %zu steps: ×%.2g now, ×%.2g at the start. Long-range credit vanishes when this stays "
        "below 1; LSTM, careful initialization and echo state nets are the lecture's remedies.",
        now.size() - 1, now.empty() || now.front() == 0 ? 0.0 : now.back() / now.front(),
        init.empty() || init.front() == 0 ? 0.0 : init.back() / init.front());
    ImGui::PopStyleColor();
}

}  // namespace carry
