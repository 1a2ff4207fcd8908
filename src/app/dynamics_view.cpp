// dynamics_view: the dynamics explorer (see dynamics_view.h).
//
// [SECTION] loading presets and keeping the arrays in shape
// [SECTION] recomputing
// [SECTION] the verdict in words
// [SECTION] the trajectory in 3D (the orbiting cube of app/orbit_view.h)
// [SECTION] the state plot (one unit against another; for one unit, the cobweb of h(t+1) = f(h(t)))
// [SECTION] draw
#include "app/dynamics_view.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cmath>
#include <cstdio>

#include "app/chart.h"
#include "app/colormap.h"
#include "app/hidden_space.h"
#include "app/orbit_view.h"
#include "app/widgets.h"
#include "core/mathx.h"
#include "core/net.h"
#include "core/zoo/dynamics.h"
#include "imgui.h"

namespace carry {

namespace {

std::size_t sz(int n) { return static_cast<std::size_t>(n); }

// [SECTION] loading presets and keeping the arrays in shape --------------------------------------

void load_net(DynamicsView& v, const zoo::FreeNet& n, const std::vector<double>& h0) {
    v.hidden = n.hidden;
    v.w = n.w;
    v.bias = n.b;
    v.h0 = h0;
    v.axis_x = 0;
    v.axis_y = n.hidden > 1 ? 1 : 0;
    v.edited = false;
    v.loaded = true;
}

// Copies the playground's net with the chosen column held constant; false when there is none.
bool load_current(DynamicsView& v, const Net* current) {
    if (!current) return false;
    const int a = (v.input_column >> 1) & 1, b = v.input_column & 1;
    load_net(v, zoo::free_net_from(*current, a, b), zoo::initial_state_of(*current));
    return true;
}

// Each preset also sets a number of steps that shows its behaviour at a readable density.
void load_preset(DynamicsView& v, const Net* current) {
    v.steps = v.preset == DynamicsView::kOscillation ? 36 : v.preset == DynamicsView::kChaos ? 400 : 60;
    switch (v.preset) {
        case DynamicsView::kOscillation: {
            const zoo::DynamicsPreset p = zoo::dynamics_preset(zoo::Behaviour::Oscillation);
            load_net(v, p.net, p.h0);
            break;
        }
        case DynamicsView::kPointAttractor: {
            const zoo::DynamicsPreset p = zoo::dynamics_preset(zoo::Behaviour::PointAttractor);
            load_net(v, p.net, p.h0);
            break;
        }
        case DynamicsView::kCurrentNet:
            if (load_current(v, current)) break;
            [[fallthrough]];  // no playground net: show the chaotic preset meanwhile
        default: {
            const zoo::DynamicsPreset p = zoo::dynamics_preset(zoo::Behaviour::Chaos);
            load_net(v, p.net, p.h0);
            break;
        }
    }
}

// H changed by hand: keep the top-left block of W, the first biases and initial activities.
void resize_hidden(DynamicsView& v, int new_h) {
    const int old_h = v.hidden;
    std::vector<double> w(sz(new_h * new_h), 0.0), b(sz(new_h), 0.0), h0(sz(new_h), 0.5);
    for (int i = 0; i < std::min(old_h, new_h); ++i) {
        b[sz(i)] = v.bias[sz(i)];
        h0[sz(i)] = v.h0[sz(i)];
        for (int j = 0; j < std::min(old_h, new_h); ++j) w[sz(i * new_h + j)] = v.w[sz(i * old_h + j)];
    }
    v.hidden = new_h;
    v.w = std::move(w);
    v.bias = std::move(b);
    v.h0 = std::move(h0);
    v.axis_x = std::min(v.axis_x, new_h - 1);
    v.axis_y = std::min(v.axis_y, new_h - 1);
    if (new_h > 1 && v.axis_x == v.axis_y) v.axis_y = v.axis_x == 0 ? 1 : 0;
}

// [SECTION] recomputing --------------------------------------------------------------------------

constexpr double kNudge = 1e-6;             // how far apart the second run starts
constexpr double kSeparationFloor = 1e-12;  // the separation chart's bottom (line_chart's log floor)

void recompute_if_changed(DynamicsView& v) {
    std::vector<double> key;
    key.reserve(v.w.size() + v.bias.size() + v.h0.size() + 2);
    key.push_back(v.hidden);
    key.push_back(v.steps);
    key.insert(key.end(), v.w.begin(), v.w.end());
    key.insert(key.end(), v.bias.begin(), v.bias.end());
    key.insert(key.end(), v.h0.begin(), v.h0.end());
    if (key == v.key) return;
    v.key = std::move(key);
    ++v.trajectory_version;

    zoo::FreeNet n = zoo::make_free_net(v.hidden);
    n.w = v.w;
    n.b = v.bias;
    v.trajectory = zoo::free_run(n, v.h0, v.steps);
    std::vector<double> nudged = v.h0;
    nudged[0] += kNudge;
    const std::vector<double> other = zoo::free_run(n, nudged, v.steps);
    const std::size_t H = sz(v.hidden);
    v.separation.assign(sz(v.steps) + 1, 0.0f);
    for (std::size_t t = 0; t <= sz(v.steps); ++t) {
        double d = 0.0;
        for (std::size_t i = 0; i < H; ++i) d = std::max(d, std::fabs(v.trajectory[t * H + i] - other[t * H + i]));
        // Below the chart's floor the two runs are (nearly) the same number: leave the line there.
        v.separation[t] = d >= kSeparationFloor ? static_cast<float>(d) : std::nanf("");
    }
    const zoo::DynamicsAnalysis a = zoo::analyze_dynamics(n, v.h0);
    v.lyapunov = a.lyapunov;
    v.period = a.period;
    v.behaviour = static_cast<int>(a.behaviour);
    v.final_change = a.final_change;
}

// [SECTION] the verdict in words -----------------------------------------------------------------

ImU32 verdict_color(zoo::Behaviour b) {
    switch (b) {
        case zoo::Behaviour::Chaos: return pal().vermillion;
        case zoo::Behaviour::Oscillation: return pal().sky;
        case zoo::Behaviour::PointAttractor: return pal().green;
        case zoo::Behaviour::Quasiperiodic: return pal().yellow;
    }
    return pal().dim;
}

void verdict_text(const DynamicsView& v, char* buf, std::size_t n) {
    const double l = v.lyapunov;
    switch (static_cast<zoo::Behaviour>(v.behaviour)) {
        case zoo::Behaviour::Chaos:
            std::snprintf(buf, n,
                          "chaos: nearby states fly apart, exponent %+.2f > 0. The state never repeats, "
                          "yet every step is deterministic.",
                          l);
            break;
        case zoo::Behaviour::PointAttractor:
            if (v.final_change == 0.0)
                std::snprintf(buf, n,
                              "point attractor: the state settles to one point and nearby states are pulled in, "
                              "exponent %+.2f < 0 (in the end a step no longer moves it at all).",
                              l);
            else
                std::snprintf(buf, n,
                              "point attractor: the state settles to one point and nearby states are pulled in, "
                              "exponent %+.2f < 0 (in the end a step moves it by %.0e).",
                              l, v.final_change);
            break;
        case zoo::Behaviour::Oscillation:
            if (l < -0.005)
                std::snprintf(buf, n,
                              "oscillation: the state repeats every %d steps and nearby states are pulled onto "
                              "the cycle, exponent %+.2f < 0.",
                              v.period, l);
            else
                std::snprintf(buf, n,
                              "oscillation: the state repeats every %d steps; nearby states neither fly apart nor "
                              "close in, exponent %+.3f ~ 0.",
                              v.period, l);
            break;
        case zoo::Behaviour::Quasiperiodic:
            std::snprintf(buf, n,
                          "quasi-periodic or still settling: the state has not repeated after 4000 steps, but "
                          "nearby states do not fly apart either, exponent %+.3f ~ 0.",
                          l);
            break;
    }
}

const char* const kUnitNames[] = {"h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8"};
ImU32 unit_color(std::size_t i) {  // read each frame: the palette follows the theme
    const ImU32 c[] = {pal().orange, pal().sky, pal().green, pal().yellow, pal().blue, pal().vermillion, pal().purple, pal().grey};
    return c[i % 8];
}

// [SECTION] the trajectory in 3D -----------------------------------------------------------------

// The trajectory as the hidden-state view draws states: activity 0..1 -> the cube [-1, 1], one
// point per step coloured by time (activity colour map, dark = early), segments between steps,
// the start h(0) larger. Returns false (and draws nothing) when there is no renderer or it failed.
bool state_view_3d(DynamicsView& v, float side) {
    if (!v.renderer || !v.renderer->ok()) return false;
    const int H = v.hidden, T = v.steps;
    const std::size_t uH = sz(H);
    const int ax[3] = {v.axis_x, v.axis_y, v.axis_z};
    // Rebuilt only when the trajectory, the axes or the theme change, not every frame the tab is shown.
    const std::uint64_t look = v.trajectory_version * 2 + (pal().theme == Theme::Light ? 1 : 0);
    const std::array<std::uint64_t, 4> built_for{look, sz(ax[0]), sz(ax[1]), sz(ax[2])};
    if (built_for != v.scene_built_for) {
        v.scene_built_for = built_for;
        auto coord = [&](int t, int k) { return static_cast<float>(v.trajectory[sz(t) * uH + sz(ax[k])] * 2.0 - 1.0); };
        std::vector<float>& pts = v.scene.points;
        pts.clear();
        pts.reserve(sz(T + 1) * kPointFloats);
        std::vector<float>& lines = v.scene.lines;
        lines.clear();
        lines.reserve(sz(T) * kLineFloats + 12 * kLineFloats);
        for (int t = 0; t <= T; ++t) {
            const ImVec4 c = ImGui::ColorConvertU32ToFloat4(activity_color(T > 0 ? 0.15 + 0.85 * t / T : 1.0));
            pts.insert(pts.end(), {coord(t, 0), coord(t, 1), coord(t, 2), c.x, c.y, c.z});
            if (t > 0)
                lines.insert(lines.end(), {coord(t - 1, 0), coord(t - 1, 1), coord(t - 1, 2), coord(t, 0), coord(t, 1),
                                           coord(t, 2), c.x, c.y, c.z, 0.55f, 1.5f});
        }
        // The cube's 12 edges, faint, so the space reads as the same cube as "Inside the net"'s.
        const ImVec4 edge = col4(pal().dim);
        add_cube_edges(lines, edge.x, edge.y, edge.z, 0.35f, 1.0f);
        ++v.scene.points_version;
    }
    v.scene.point_radius = 0.03f;

    const ImVec2 p0 = orbit_input(v.orbit, v.scene, "state_3d", side, side);
    ImGuiIO& io = ImGui::GetIO();
    tooltip(
        "The hidden state at every step as a point in the cube of activities (0..1 on each axis), dark early, "
        "bright late, joined step to step: a point attractor is one dot the path runs into, an oscillation a "
        "closed loop, chaos a tangle that never closes. Drag to rotate, scroll to zoom.");
    const float scale = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1.0f;
    const ImTextureID tex = v.renderer->draw(v.scene, static_cast<int>(side * scale), static_cast<int>(side * scale));
    if (!tex) return false;
    const ImVec2 p1(p0.x + side, p0.y + side);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddImage(tex, p0, p1, ImVec2(0, 1), ImVec2(1, 0));
    // The cube's corners named by their binary pattern, as in the hidden-state view.
    char axes[64];
    std::snprintf(axes, sizeof axes, "corners: (%s %s %s) = 0/1", kUnitNames[ax[0]], kUnitNames[ax[1]],
                  kUnitNames[ax[2]]);
    cube_corner_labels(v.scene, p0, side, side, true, axes);
    return true;
}

// [SECTION] the state plot -----------------------------------------------------------------------

// The plot rectangle: a state in [0, 1] lands on screen (a little past the edges at most).
struct StateFrame {
    ImVec2 a, b;  // top-left, bottom-right of the plot area
    float px(double x) const { return a.x + (b.x - a.x) * static_cast<float>(std::clamp(x, -0.05, 1.05)); }
    float py(double y) const { return b.y - (b.y - a.y) * static_cast<float>(std::clamp(y, -0.05, 1.05)); }
};

// Viridis from a quarter of the way up: its darkest purple vanishes on the dark plot.
ImU32 step_color(int t, int T, float alpha) {
    return activity_color(0.25 + 0.75 * (T > 0 ? static_cast<double>(t) / T : 0.0), alpha);
}

// Grid lines at quarters, 0 and 1 at the ends of each axis, and the axes' names.
void draw_state_axes(ImDrawList* dl, const StateFrame& f, const DynamicsView& v, ImVec2 p0, float left) {
    const float fs = ImGui::GetFontSize();
    const ImVec2 a = f.a, b = f.b;
    for (double g : {0.25, 0.5, 0.75}) {
        dl->AddLine(ImVec2(f.px(g), a.y), ImVec2(f.px(g), b.y), pal().grid);
        dl->AddLine(ImVec2(a.x, f.py(g)), ImVec2(b.x, f.py(g)), pal().grid);
    }
    char xl[32], yl[32];
    if (v.hidden == 1) {
        std::snprintf(xl, sizeof xl, "h1(t)");
        std::snprintf(yl, sizeof yl, "h1(t+1)");
    } else {
        std::snprintf(xl, sizeof xl, "h%d", v.axis_x + 1);
        std::snprintf(yl, sizeof yl, "h%d", v.axis_y + 1);
    }
    dl->AddText(ImVec2(a.x, b.y + 2), pal().dim, "0");
    dl->AddText(ImVec2(b.x - ImGui::CalcTextSize("1").x, b.y + 2), pal().dim, "1");
    dl->AddText(ImVec2((a.x + b.x - ImGui::CalcTextSize(xl).x) * 0.5f, b.y + 2), pal().text_soft, xl);
    dl->AddText(ImVec2(p0.x + 2, b.y - fs), pal().dim, "0");
    dl->AddText(ImVec2(p0.x + 2, a.y), pal().dim, "1");
    if (ImGui::CalcTextSize(yl).x < left - 4)
        dl->AddText(ImVec2(p0.x + 2, (a.y + b.y - fs) * 0.5f), pal().text_soft, yl);
    else  // too wide for the margin: inside the plot, top left
        dl->AddText(ImVec2(a.x + 4, a.y + 2), pal().text_soft, yl);
}

// The cobweb (H = 1): the map h -> sigmoid(w h + b), the diagonal (fixed points sit where they
// cross), and the trajectory bouncing between them. Returns one point per drawn state.
std::vector<ImVec2> draw_cobweb(ImDrawList* dl, const StateFrame& f, const DynamicsView& v) {
    const int T = v.steps;
    std::vector<ImVec2> pts;
    dl->AddLine(ImVec2(f.px(0), f.py(0)), ImVec2(f.px(1), f.py(1)), pal().dim, 1.0f);
    ImVec2 prev;
    for (int k = 0; k <= 64; ++k) {
        const double x = k / 64.0;
        const ImVec2 p(f.px(x), f.py(sigmoid(v.w[0] * x + v.bias[0])));
        if (k > 0) dl->AddLine(prev, p, with_alpha(pal().text_soft, 160), 1.5f);
        prev = p;
    }
    for (int t = 0; t + 1 <= T; ++t) {
        const double x = v.trajectory[sz(t)], y = v.trajectory[sz(t + 1)];
        const ImVec2 on_map(f.px(x), f.py(y));
        if (t > 0) dl->AddLine(ImVec2(f.px(x), f.py(x)), on_map, step_color(t, T, 0.9f), 1.5f);
        dl->AddLine(on_map, ImVec2(f.px(y), f.py(y)), step_color(t, T, 0.9f), 1.5f);
        dl->AddCircleFilled(on_map, 2.5f, step_color(t, T, 1.0f));
        pts.push_back(on_map);
    }
    return pts;
}

// The trajectory (H > 1) on the two chosen units, its joins fading as the steps grow so a long run
// shows the attractor's shape, not a tangle. Returns one point per drawn state.
std::vector<ImVec2> draw_state_trajectory(ImDrawList* dl, const StateFrame& f, const DynamicsView& v) {
    const int T = v.steps;
    const std::size_t uH = sz(v.hidden);
    std::vector<ImVec2> pts;
    const float join_alpha = std::min(0.45f, 20.0f / static_cast<float>(std::max(T, 1)));
    for (int t = 0; t <= T; ++t) {
        const ImVec2 p(f.px(v.trajectory[sz(t) * uH + sz(v.axis_x)]), f.py(v.trajectory[sz(t) * uH + sz(v.axis_y)]));
        if (t > 0) dl->AddLine(pts.back(), p, step_color(t, T, join_alpha), 1.0f);
        pts.push_back(p);
    }
    for (int t = 0; t <= T; ++t) dl->AddCircleFilled(pts[sz(t)], 2.5f, step_color(t, T, 1.0f));
    return pts;
}

// Hover: the nearest state's step and units, or what the plot shows when no state is near.
void state_plot_hover(ImDrawList* dl, const std::vector<ImVec2>& pts, const DynamicsView& v) {
    const float fs = ImGui::GetFontSize();
    const std::size_t uH = sz(v.hidden);
    const ImVec2 m = ImGui::GetIO().MousePos;
    std::size_t best = 0;
    float best_d = 1e30f;
    for (std::size_t k = 0; k < pts.size(); ++k) {
        const float d = (pts[k].x - m.x) * (pts[k].x - m.x) + (pts[k].y - m.y) * (pts[k].y - m.y);
        if (d < best_d) best_d = d, best = k;
    }
    if (best_d < fs * fs) {
        dl->AddCircle(pts[best], 7.0f, pal().strong, 0, 1.5f);
        ImGui::BeginTooltip();
        ImGui::Text("step %d", static_cast<int>(best));
        for (std::size_t i = 0; i < std::min<std::size_t>(uH, 8); ++i)
            ImGui::Text("h%d = %.4f", static_cast<int>(i) + 1, v.trajectory[best * uH + i]);
        ImGui::EndTooltip();
    } else {
        tooltip(v.hidden == 1
                    ? "Each step as a point (h1 now, h1 next) on the map's curve; the cobweb bounces between the curve "
                      "and the diagonal. A fixed point is where the curve crosses the diagonal. Colour: step 0 "
                      "(blue) to the last step (yellow); ring: the start, white dot: the end."
                    : "The hidden state at every step, one unit against another: a point attractor ends as one "
                      "dot, an oscillation as a few dots visited in turn, chaos as a cloud that never repeats. "
                      "Colour: step 0 (blue) to the last step (yellow); ring: the start, white dot: the end.");
    }
}

void state_plot(const DynamicsView& v, float side) {
    const float fs = ImGui::GetFontSize();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("state_plot", ImVec2(side, side));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float left = fs * 2.2f, bottom = fs * 1.4f, pad = fs * 0.5f;
    const StateFrame f{ImVec2(p0.x + left, p0.y + pad), ImVec2(p0.x + side - pad, p0.y + side - bottom)};
    dl->AddRectFilled(f.a, f.b, pal().plot_bg);
    draw_state_axes(dl, f, v, p0, left);

    dl->PushClipRect(f.a, f.b, true);
    const std::vector<ImVec2> pts = v.hidden == 1 ? draw_cobweb(dl, f, v) : draw_state_trajectory(dl, f, v);
    if (!pts.empty()) {
        dl->AddCircle(pts.front(), 6.0f, pal().cursor, 0, 2.0f);                // start
        dl->AddCircleFilled(pts.back(), 4.5f, pal().strong);  // end
    }
    dl->PopClipRect();

    if (hovered && !pts.empty()) state_plot_hover(dl, pts, v);
}

}  // namespace

// [SECTION] draw ---------------------------------------------------------------------------------

void DynamicsView::draw(const Net* current) {
    if (!loaded) load_preset(*this, current);
    ImGui::PushID("dynamics");
    ImGui::TextWrapped(
        "A recurrent net is a deterministic dynamical system. Run with no input from an initial "
        "state, h(t+1) = sigmoid(W h(t) + b), its hidden state can oscillate, settle to a point "
        "attractor, or behave chaotically.");
    draw_preset(current);
    draw_size();
    draw_weights();
    recompute_if_changed(*this);
    draw_verdict();
    draw_plots();
    ImGui::PopID();
}

// The preset, and for the playground's net the input column held.
void DynamicsView::draw_preset(const Net* current) {
    const float fs = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(fs * 16);
    if (ImGui::Combo("preset", &preset, "oscillation\0point attractor\0chaos\0the playground's current net\0")) {
        load_preset(*this, current);
    }
    tooltip(
        "Weights that show each behaviour the lecture names. Oscillation: a ring of three units, each "
        "inhibiting the next, so the 'on' pattern runs round the ring. Point attractor: a damped rotation that "
        "spirals in to one state. Chaos: strong weights of mixed sign, found by a numerical search. The "
        "playground's current net: its recurrent weights with one input column held constant.");
    ImGui::SameLine();
    if (ImGui::Button("reset")) load_preset(*this, current);
    tooltip("Load the preset's weights, biases and initial state again (undoes hand edits).");
    if (edited) {
        ImGui::SameLine();
        ImGui::TextDisabled("(edited by hand)");
    }
    if (preset == kCurrentNet) {
        if (!current) {
            ImGui::TextDisabled("There is no playground net yet: showing the chaotic preset.");
        } else {
            ImGui::SetNextItemWidth(fs * 6);
            if (ImGui::Combo("input column held", &input_column, "a=0 b=0\0a=0 b=1\0a=1 b=0\0a=1 b=1\0")) {
                load_current(*this, current);
            }
            tooltip(
                "The column (a, b) fed at every step. A constant input only adds W_in (a, b) to the hidden biases, "
                "so the net runs on its own: the trained adder's hidden units should settle, because the carry is "
                "a state that stays put while the same column repeats.");
            ImGui::SameLine();
            if (ImGui::Button("copy the net again")) load_current(*this, current);
            tooltip("The weights are a copy taken when you picked this preset; copy them again after more training.");
        }
    }
}

// Size and length.
void DynamicsView::draw_size() {
    const float fs = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(fs * 8);
    int h = hidden;
    if (ImGui::SliderInt("hidden units", &h, kMinHidden, std::max(hidden, zoo::kDynamicsEditHidden))) {
        if (h != hidden) {
            resize_hidden(*this, h);
            edited = true;
        }
    }
    tooltip(
        "H, the number of logistic hidden units; fully connected to each other in both directions, H×H "
        "recurrent weights. The playground's nets have 3.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 8);
    ImGui::SliderInt("steps", &steps, 1, 1000, "%d", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
    tooltip(
        "How many steps to run and draw from the initial state. Every step reuses the same weights: a net run "
        "for T steps is a T-layer feed-forward net. (The verdict is measured on a longer run of 4000 steps.)");
}

// Weights, biases and the initial state: one row per unit.
void DynamicsView::draw_weights() {
    const float fs = ImGui::GetFontSize();
    const int H = hidden;
    double wmax = 1.0;
    for (double x : w) wmax = std::max(wmax, std::fabs(x));
    const ImGuiTableFlags tf = ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit |
                               (H > 8 ? ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY : 0);
    const float cell_w = fs * 3.6f;
    const float table_h = H > 8 ? fs * 14 : 0.0f;
    if (ImGui::BeginTable("weights", H + 3, tf, ImVec2(0, table_h))) {
        ImGui::TableSetupColumn("to \\ from", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("to \\ from").x);
        char head[32];
        for (int j = 0; j < H; ++j) {
            std::snprintf(head, sizeof head, "h%d", j + 1);
            ImGui::TableSetupColumn(head, ImGuiTableColumnFlags_WidthFixed, cell_w);
        }
        ImGui::TableSetupColumn("bias b", ImGuiTableColumnFlags_WidthFixed, cell_w);
        ImGui::TableSetupColumn("h(0)", ImGuiTableColumnFlags_WidthFixed, fs * 5.0f);
        if (H > 8) ImGui::TableSetupScrollFreeze(1, 1);
        ImGui::TableHeadersRow();
        const double wlo = -30.0, whi = 30.0, hlo = 0.0, hhi = 1.0;
        for (int i = 0; i < H; ++i) {
            ImGui::PushID(i);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("h%d", i + 1);
            tooltip(
                "This row holds the weights INTO this unit: its total input is the weighted sum of every unit's "
                "activity one step earlier, plus its bias.");
            for (int j = 0; j < H; ++j) {
                ImGui::TableNextColumn();
                double& x = w[sz(i * H + j)];
                ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, weight_color(x, wmax, 0.45f));
                ImGui::PushID(j);
                ImGui::SetNextItemWidth(-1);
                if (ImGui::DragScalar("##w", ImGuiDataType_Double, &x, 0.05f, &wlo, &whi, "%.2f",
                                      ImGuiSliderFlags_AlwaysClamp))
                    edited = true;
                if (ImGui::IsItemHovered()) {
                    char tip[200];
                    std::snprintf(
                        tip, sizeof tip,
                        "Weight from h%d to h%d (%s), with a delay of one step. Drag to change, double-click to type. "
                        "Strong weights of mixed sign can make the net chaotic.",
                        j + 1, i + 1, i == j ? "the unit's self-connection" : "a recurrent connection");
                    tooltip(tip);
                }
                ImGui::PopID();
            }
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            if (ImGui::DragScalar("##b", ImGuiDataType_Double, &bias[sz(i)], 0.05f, &wlo, &whi, "%.2f",
                                  ImGuiSliderFlags_AlwaysClamp))
                edited = true;
            tooltip(
                "The unit's bias: added to its total input at every step. Where the activity settles depends on it.");
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            // Dragged like the weights beside it: a slider's handle sat on the value it set (0.5 under the grab).
            ImGui::DragScalar("##h0", ImGuiDataType_Double, &h0[sz(i)], 0.005f, &hlo, &hhi, "%.3f",
                              ImGuiSliderFlags_AlwaysClamp);
            tooltip(
                "The initial state: this unit's activity at step 0, where the run starts. A point attractor ends in "
                "the "
                "same place from (almost) every start; chaos ends somewhere else for every start, however close.");
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
}

// The verdict in words, coloured by the behaviour.
void DynamicsView::draw_verdict() {
    char verdict[320];
    verdict_text(*this, verdict, sizeof verdict);
    ImGui::PushStyleColor(ImGuiCol_Text,
                          ImGui::ColorConvertU32ToFloat4(verdict_color(static_cast<zoo::Behaviour>(behaviour))));
    ImGui::TextWrapped("%s", verdict);
    ImGui::PopStyleColor();
    tooltip(
        "The largest Lyapunov exponent: carry a tiny difference between two states along the run (multiplying it "
        "by each step's Jacobian: each unit's slope h(1-h) times W), and average the log of how much it grows per "
        "step, over steps 1000..4000 from h(0). Above 0, nearby states fly apart exponentially (chaos); below 0 "
        "they come together (a point attractor or a stable cycle). The period is the shortest number of steps "
        "after which the state repeats (to 1e-7).");
}

// Plots: the state plot (or the 3D view) on the left, the time series and the separation on the right.
void DynamicsView::draw_plots() {
    const float fs = ImGui::GetFontSize();
    const int H = hidden;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float side =
        std::clamp(std::min(avail * 0.4f, ImGui::GetContentRegionAvail().y - fs * 2.5f), fs * 12, fs * 30);
    const bool side_by_side = avail - side > fs * 16;
    ImGui::BeginGroup();
    if (H > 1) {
        ImGui::SetNextItemWidth(fs * 4);
        ImGui::Combo(
            "x", &axis_x,
            [](void*, int k, const char** out) {
                *out = k < 8 ? kUnitNames[k] : "h?";
                return true;
            },
            nullptr, std::min(H, 8));
        tooltip("The unit on the state plot's horizontal axis.");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(fs * 4);
        ImGui::Combo(
            "y", &axis_y,
            [](void*, int k, const char** out) {
                *out = k < 8 ? kUnitNames[k] : "h?";
                return true;
            },
            nullptr, std::min(H, 8));
        tooltip("The unit on the state plot's vertical axis.");
    } else {
        ImGui::TextUnformatted("the map h1(t) -> h1(t+1)");
    }
    const bool can3d = H >= 3 && renderer && renderer->ok();
    if (can3d) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(fs * 4);
        axis_z = std::clamp(axis_z, 0, std::min(H, 8) - 1);
        ImGui::Combo(
            "z", &axis_z,
            [](void*, int k, const char** out) {
                *out = k < 8 ? kUnitNames[k] : "h?";
                return true;
            },
            nullptr, std::min(H, 8));
        tooltip("The unit on the 3D view's third axis.");
        ImGui::SameLine();
        ImGui::Checkbox("3D", &view3d);
        tooltip(
            "The trajectory in the hidden-state space, drawn in 3D like \"Inside the net\", or one unit against "
            "another.");
    }
    rendered = can3d && view3d && state_view_3d(*this, side);
    if (!rendered) state_plot(*this, side);
    ImGui::EndGroup();
    if (side_by_side) ImGui::SameLine();
    ImGui::BeginGroup();
    std::vector<float> x(sz(steps) + 1);
    for (std::size_t t = 0; t < x.size(); ++t) x[t] = static_cast<float>(t);
    std::vector<std::vector<float>> unit(sz(std::min(H, 8)), std::vector<float>(x.size()));
    for (std::size_t i = 0; i < unit.size(); ++i)
        for (std::size_t t = 0; t < x.size(); ++t) unit[i][t] = static_cast<float>(trajectory[t * sz(H) + i]);
    std::vector<Series> series;
    for (std::size_t i = 0; i < unit.size(); ++i) series.push_back({kUnitNames[i], &unit[i], unit_color(i)});
    const float chart_h = std::max(fs * 8, (side - fs * 1.2f) * 0.5f);
    line_chart("units", x, series, chart_h, 0.0f, 1.0f, false, "step");
    tooltip("Each unit's activity at every step, from the initial state on.");
    const std::vector<Series> sep = {{"distance to a run started 1e-6 away", &separation, pal().vermillion}};
    ChartAxes sep_axes;
    sep_axes.title = "Two runs apart";
    sep_axes.y_title = "largest unit difference";
    sep_axes.x_title = "step (time)";
    sep_axes.y_min = static_cast<float>(kSeparationFloor);
    sep_axes.y_max = 1.0f;
    sep_axes.log_y = true;
    axis_chart("separation", x, sep, std::max(fs * 5, chart_h - ImGui::GetTextLineHeight() * 3), sep_axes);
    tooltip(
        "Two runs, the second started 1e-6 away (on h1); the largest difference between their units at each step, "
        "on a log scale. It grows by about e^exponent per step: up to the size of the attractor under chaos, down "
        "off the bottom of the chart (closer than 1e-12) at a point attractor or a stable cycle.");
    ImGui::EndGroup();
}

}  // namespace carry
