// inside: the "Inside the net" section: presets, the tab bar, throttled updates and
// the hidden-space view (the other tabs are in panel_inside_*.cpp). See inside.h.
//
// [SECTION] refresh     [SECTION] hidden space     [SECTION] section     [SECTION] update
// (its scenarios are test support: tests/support/scenarios.cpp)
#include "app/inside.h"

#include "app/settings_snapshot.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "app/colormap.h"
#include "app/inside_panels.h"
#include "app/orbit_view.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

// [SECTION] refresh ---------------------------------------------------------------------------

void inside_refresh_space(InsideView& v, const Playground& pg) {
    if (!pg.trainer) return;
    v.cloud = hidden_cloud(pg.trainer->net(), kSpaceSums, kSpaceBits, kSpaceSeed, pg.settings.task);
    v.projection = fit_projection(v.cloud);
    v.space_clusters = space_clusters(v.cloud, v.projection);
    v.clusters = static_cast<int>(v.space_clusters.size());  // count_clusters()'s centres
    v.scene.point_radius = kSpacePointRadius;
    const std::size_t h = static_cast<std::size_t>(v.cloud.hidden), N = v.cloud.node.size();
    v.scene.points.resize(N * kPointFloats);
    for (std::size_t n = 0; n < N; ++n) {
        const auto p = v.projection.project(&v.cloud.states[n * h]);
        const auto c = cloud_node_rgb(v.cloud, v.cloud.node[n]);
        float* o = &v.scene.points[n * kPointFloats];
        o[0] = p[0];
        o[1] = p[1];
        o[2] = p[2];
        o[3] = c[0];
        o[4] = c[1];
        o[5] = c[2];
    }
    ++v.scene.points_version;
    v.cloud_sequences = pg.trainer->sequences();
    v.cloud_net = pg.net_generation;
    v.cloud_age = 0.0;
}

void inside_refresh_automaton(InsideView& v, const Playground& pg) {
    if (!pg.trainer) return;
    const auto t0 = std::chrono::steady_clock::now();
    AutomatonOptions o;
    o.pairs = 200;
    o.bits = 24;
    o.task = pg.settings.task;
    v.automaton = extract_automaton(pg.trainer->net(), o);
    v.has_automaton = true;
    v.automaton_sequences = pg.trainer->sequences();
    v.automaton_net = pg.net_generation;
    v.automaton_age = 0.0;
    v.automaton_request = false;
    v.automaton_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void inside_sync_bptt(InsideView& v, const Playground& pg) {
    if (!pg.stepper || !pg.trainer) return;
    v.bptt = std::make_unique<Stepper>(pg.trainer->net(), pg.pair, pg.settings.loss, pg.trainer->config().task);
    v.bptt->backward();
    v.bptt_source = pg.stepper_generation;
    v.bptt_cursor = std::clamp(v.bptt_cursor, 0, 2 * v.bptt->steps() - 1);
}

// [SECTION] hidden space ----------------------------------------------------------------------

namespace {

void push_line(std::vector<float>& L, const std::array<float, 3>& a, const std::array<float, 3>& b, float r, float g,
               float bl, float alpha, float width) {
    const float x[kLineFloats] = {a[0], a[1], a[2], b[0], b[1], b[2], r, g, bl, alpha, width};
    L.insert(L.end(), x, x + kLineFloats);
}

void build_lines(InsideView& v, const Playground& pg) {
    std::vector<float>& L = v.scene.lines;
    L.clear();
    // The cube's 12 edges (for H = 3, its corners are the 8 binary activity patterns).
    const ImVec4 edge = col4(pal().dim), path = col4(pal().text), mark = col4(pal().yellow);
    add_cube_edges(L, edge.x, edge.y, edge.z, 0.7f, 1.2f);
    if (!v.show_path || !pg.stepper || v.cloud.hidden != pg.stepper->net().hidden()) return;
    const Stepper& st = *pg.stepper;
    const int last = std::min(st.columns(), std::max(pg.anim.cursor, 0));
    std::array<float, 3> prev = v.projection.project(st.frame(0).hidden.data());
    for (int s = 1; s <= st.columns(); ++s) {
        const auto cur = v.projection.project(st.frame(s).hidden.data());
        const bool shown = s <= last;
        push_line(L, prev, cur, path.x, path.y, path.z, shown ? 0.85f : 0.2f, shown ? 2.5f : 1.5f);
        prev = cur;
    }
    // A small cross on the state at the cursor.
    const auto c = v.projection.project(st.frame(std::min(last, st.columns())).hidden.data());
    const float d = 0.09f;
    for (int axis = 0; axis < 3; ++axis) {
        auto a = c, b = c;
        a[static_cast<std::size_t>(axis)] -= d;
        b[static_cast<std::size_t>(axis)] += d;
        push_line(L, a, b, mark.x, mark.y, mark.z, 1.0f, 3.0f);
    }
}

void legend_swatch(ImU32 color, const char* text) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float fs = ImGui::GetFontSize();
    dl->AddCircleFilled(ImVec2(p.x + fs * 0.45f, p.y + fs * 0.55f), fs * 0.35f, color);
    ImGui::Dummy(ImVec2(fs, fs));
    ImGui::SameLine(0, 4);
    ImGui::TextUnformatted(text);
}

}  // namespace

void panel_inside_space(InsideView& v, Playground& pg) {
    if (!pg.trainer) return;
    const int H = pg.trainer->net().hidden();
    if (v.cloud.node.empty()) inside_refresh_space(v, pg);
    if (H == 3)
        ImGui::TextWrapped(
            "Each point is the hidden state after one column of one of %d fixed random sums: "
            "the three hidden activities as x, y, z (0 to 1). Colour: the state the task's true machine is in.",
            kSpaceSums);
    else if (H < 3)
        ImGui::TextWrapped("%d hidden unit%s: drawn on the first axes of the cube (the rest at 0.5).", H,
                           H == 1 ? "" : "s");
    else
        ImGui::TextWrapped(
            "%d hidden units, projected onto their first three principal axes (PCA: %.0f%%, %.0f%%, %.0f%% "
            "of the variance). Colour: the state the task's true machine is in.",
            H, v.projection.variance[0] * 100, v.projection.variance[1] * 100, v.projection.variance[2] * 100);
    const bool have_states = v.has_automaton && v.automaton_net == pg.net_generation;
    ImGui::TextUnformatted(space_summary(v.clusters, have_states ? v.automaton.states : -1).c_str());
    tooltip(
        "Activity patterns: groups of hidden states within 0.2 of a centre (ringed in the picture, with how "
        "many of the points each holds). A net that has learned the adder shows four, one per node of the "
        "automaton, and often a fifth: its starting state h(0), which no column leads back to. Reading the "
        "patterns as an automaton and merging the ones that behave alike (minimization) leaves the states.");
    ImGui::SameLine();
    if (ImGui::SmallButton("see Automaton")) v.request_tab = static_cast<int>(InsideTab::Automaton);
    tooltip("The automaton read out of the net, beside the adder's, with the verdict.");
    ImGui::Checkbox("Path of the current sum", &v.show_path);
    tooltip("The hidden state of the sum in the add view, step by step, up to the cursor (yellow cross).");
    same_line_if_fits(120);
    ImGui::Checkbox("Rotate", &v.orbit.auto_rotate);
    same_line_if_fits(90);
    if (ImGui::SmallButton("Refresh points")) inside_refresh_space(v, pg);
    tooltip("The points refresh by themselves every quarter second while the net trains.");

    // Legend: the true machine's states (the adder's four nodes for add), the start last.
    for (std::size_t i = 0; i < v.cloud.names.size(); ++i) {
        const std::string& name = v.cloud.names[i];
        if (i > 0) same_line_if_fits(ImGui::CalcTextSize(name.c_str()).x + ImGui::GetFontSize() * 1.5f);
        legend_swatch(cloud_node_color(v.cloud, static_cast<int>(i)), name.c_str());
    }

    // As big as the column allows, but short enough to sit on one screen with its legend.
    const float w = std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 34.0f);
    const float h = std::round(std::clamp(std::min(w * 0.72f, ImGui::GetWindowHeight() - ImGui::GetFontSize() * 14.0f),
                                          ImGui::GetFontSize() * 12.0f, w));
    const ImVec2 p0 = orbit_input(v.orbit, v.scene, "space3d", w, h);
    if (ImGui::IsItemHovered()) tooltip("Drag to rotate, scroll to zoom.");
    ImGuiIO& io = ImGui::GetIO();
    const ImVec2 p1(p0.x + w, p0.y + h);
    record_rect(v.space_rect, p0, p1);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // The cube fills the view at zoom 1; the wheel zooms from there.
    fit_cube_to_view(v.scene.proj, v.orbit.pitch, v.orbit.distance, kSpaceDistance / v.orbit.distance);
    build_lines(v, pg);
    v.rendered = false;
    if (!v.renderer) {
        dl->AddRectFilled(p0, p1, pal().plot_bg);
        dl->AddText(ImVec2(p0.x + 10, p0.y + 10), pal().dim, "No GL renderer here (headless run): nothing to draw.");
        return;
    }
    if (v.inject_shader_error) {
        v.renderer->rebuild(true);
        v.inject_shader_error = false;
    }
    ImTextureID tex = nullptr;
    if (v.renderer->ok()) {
        const float scale = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1.0f;
        tex = v.renderer->draw(v.scene, static_cast<int>(w * scale), static_cast<int>(h * scale));
    }
    if (!tex || !v.renderer->ok()) {
        // Never a silent black square: say what failed, with the driver's log.
        v.shown_error = v.renderer->log().empty() ? std::string("the renderer returned no image") : v.renderer->log();
        dl->AddRectFilled(p0, p1, pal().error_box_bg);
        dl->AddRect(p0, p1, pal().wrong);
        ImGui::SetCursorScreenPos(ImVec2(p0.x + 8, p0.y + 6));
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(p1.x - 8);
        ImGui::PushStyleColor(ImGuiCol_Text, pal().wrong);
        ImGui::TextUnformatted("Shader error: the 3D view could not be drawn. The GL driver says:");
        ImGui::PopStyleColor();
        ImGui::TextUnformatted(v.shown_error.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        ImGui::SetCursorScreenPos(ImVec2(p0.x, p1.y + ImGui::GetStyle().ItemSpacing.y));
        ImGui::Dummy(ImVec2(0, 0));
        if (ImGui::SmallButton("Compile the shaders again")) v.renderer->rebuild(false);
        return;
    }
    v.shown_error.clear();
    v.rendered = true;
    dl->AddImage(tex, p0, p1, ImVec2(0, 1), ImVec2(1, 0));
    // Halos with counts around the clusters, corner labels off the data (H = 3: the patterns of h1 h2 h3).
    draw_space_overlay(dl, v.scene.view, v.scene.proj, p0, ImVec2(w, h), v.space_clusters, v.cloud.node.size(), H);
    if (H == 3) {
        dl->AddText(ImVec2(p0.x + 6, p1.y - ImGui::GetFontSize() - 4), pal().dim, "corners: (h1 h2 h3) = 0/1");
    }
}

// [SECTION] section ---------------------------------------------------------------------------

void panel_inside(InsideView& v, Playground& pg) {
    if (pg.requests.open_inside_tab >= 0) {  // a link elsewhere (the Solved banner, Help) names one of the tabs
        v.request_open = true;
        v.request_tab = pg.requests.open_inside_tab;
        pg.requests.open_inside_tab = -1;
    }
    const bool requested = v.request_open;
    if (requested) ImGui::SetNextItemOpen(true);
    if (pg.requests.close_inside && !requested) ImGui::SetNextItemOpen(false);
    pg.requests.close_inside = false;
    v.request_open = false;
    v.open = panel_header("Inside the net: hidden states, automaton, backprop",
                          "What happens inside: the hidden states settling into the four nodes of the adder's "
                          "automaton, the automaton read out of the net, and one backward pass step by step.",
                          pg.link.embed);  // an embed link that lists this panel shows it open

    if (requested) v.scroll_frames = 3;  // bring the section to the top once it has its size
    if (v.scroll_frames > 0 && --v.scroll_frames == 0) ImGui::SetScrollHereY(0.0f);
    if (!v.open) return;
    static const char* const kTabs[] = {"Hidden space", "Automaton", "Backprop in time", "Gradients",
                                        "vs feed-forward"};
    // The tab area keeps the height of the tallest tab shown at this width, so switching to a shorter
    // tab does not shrink the page (ImGui would clamp the scroll and the new tab would jump away).
    const float tabs_top = ImGui::GetCursorPosY(), tabs_width = ImGui::GetContentRegionAvail().x;
    if (std::fabs(tabs_width - v.tab_area_width) > 1.0f) v.tab_area_height = 0.0f;
    v.tab_area_width = tabs_width;
    if (ImGui::BeginTabBar("inside_tabs")) {
        for (int t = 0; t < static_cast<int>(InsideTab::Count); ++t) {
            const ImGuiTabItemFlags f = v.request_tab == t ? ImGuiTabItemFlags_SetSelected : 0;
            if (ImGui::BeginTabItem(kTabs[t], nullptr, f)) {
                v.tab = static_cast<InsideTab>(t);
                switch (v.tab) {
                    case InsideTab::Space: panel_inside_space(v, pg); break;
                    case InsideTab::Automaton: panel_inside_automaton(v, pg); break;
                    case InsideTab::Backprop: panel_inside_bptt(v, pg); break;
                    case InsideTab::Gradients: panel_inside_gradients(v, pg); break;
                    case InsideTab::Baseline: panel_inside_baseline(v, pg); break;
                    case InsideTab::Count: break;
                }
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
    const float used = ImGui::GetCursorPosY() - tabs_top, spacing = ImGui::GetStyle().ItemSpacing.y;
    if (v.tab_area_height - used > spacing) ImGui::Dummy(ImVec2(0.0f, v.tab_area_height - used - spacing));
    v.tab_area_height = std::max(v.tab_area_height, used);
    v.request_tab = -1;
    pg.link.inside_tab = inside_tab_name(static_cast<int>(v.tab));  // the link's inside_tab (app_frame clears it)
    // Other nets to look inside: below the tabs' content, behind a button and a popup, so a click
    // meant for a tab never replaces the net (and a replaced net comes back with the notice's Undo).
    if (ImGui::SmallButton("Load another net…")) ImGui::OpenPopup("##inside_presets");
    tooltip(
        "The hand-wired exact net, a fresh net or a pre-trained one. The current net can be brought back with Undo.");
    if (ImGui::BeginPopup("##inside_presets")) {
        if (ImGui::MenuItem("Hand-wired exact net"))
            pg.push(CommandKind::LoadPreset, static_cast<int>(Preset::HandWired));
        tooltip(
            "Three hidden units wired by hand: unit k fires when the column holds at least k ones, counting the "
            "carry. It adds numbers of any length exactly.");
        if (ImGui::MenuItem("Fresh net")) pg.push(CommandKind::LoadPreset, static_cast<int>(Preset::Fresh));
        tooltip("Random weights from the seed: press Train and watch the clusters form.");
        if (ImGui::MenuItem("Pre-trained net")) pg.push(CommandKind::LoadPreset, static_cast<int>(Preset::PreTrained));
        tooltip(
            "Trained with the default settings until it adds 1000 random 64-bit sums exactly (takes milliseconds).");
        ImGui::EndPopup();
    }
}

// [SECTION] update ----------------------------------------------------------------------------

void inside_update(InsideView& v, Playground& pg, double dt) {
    v.cloud_age += dt;
    v.automaton_age += dt;
    if (!pg.trainer) return;
    const long long seq = pg.trainer->sequences();
    const std::uint64_t net_id = pg.net_generation;
    // The initial weights of the current run (its restart index included).
    if (net_id != v.initial_for || pg.trainer->restarts() != v.initial_restarts) {
        v.initial_for = net_id;
        v.initial_restarts = pg.trainer->restarts();
        v.initial_net = inside_initial_net(*pg.trainer);
    }
    if (!v.open) return;
    if (v.tab == InsideTab::Space &&
        (v.cloud_net != net_id || (seq != v.cloud_sequences && v.cloud_age >= kSpaceRefreshSeconds) ||
         pg.trainer->net().hidden() != v.cloud.hidden))
        inside_refresh_space(v, pg);
    if ((v.tab == InsideTab::Automaton || v.tab == InsideTab::Space) &&  // the space's header counts its states
        (v.automaton_request || !v.has_automaton || v.automaton_net != net_id ||
         (v.automaton_auto && seq != v.automaton_sequences && v.automaton_age >= kAutomatonRefreshSeconds)))
        inside_refresh_automaton(v, pg);
    if ((v.tab == InsideTab::Backprop) && (pg.stepper_generation != v.bptt_source || !v.bptt)) inside_sync_bptt(v, pg);
    if (v.bptt && v.bptt_playing) {
        v.bptt_accum += dt * v.bptt_steps_per_second;
        const int last = 2 * v.bptt->steps() - 1;
        while (v.bptt_accum >= 1.0) {
            v.bptt_accum -= 1.0;
            if (v.bptt_cursor >= last) {
                v.bptt_playing = false;
                break;
            }
            ++v.bptt_cursor;
        }
    }
    // The baseline: a slice a frame (core/feedforward.h's FeedforwardBaseline), the page drawn between.
    if (v.baseline_state == 1 || v.baseline_state == 2) {
        if (!v.baseline_run) {
            v.baseline_run = std::make_unique<FeedforwardBaseline>(FeedforwardConfig{});
            v.baseline_ms = v.baseline_slice_max_ms = 0.0;
            v.baseline_frames = 0;
        }
        const auto t0 = std::chrono::steady_clock::now();
        const bool finished = !v.baseline_run->valid() || v.baseline_run->step(kBaselineSliceMs);
        v.baseline_slice_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        v.baseline_slice_max_ms = std::max(v.baseline_slice_max_ms, v.baseline_slice_ms);
        v.baseline_ms += v.baseline_slice_ms;
        ++v.baseline_frames;
        if (finished) {
            if (v.baseline_run->valid()) v.baseline = v.baseline_run->result();
            v.baseline_run.reset();
            v.baseline_state = 3;
        }
    }
}

Net inside_initial_net(const Trainer& tr) {
    // As the trainer draws it (trainer.cpp: init_seed = derive_seed(seed, restart + 1));
    // tests/unit/test_inside.cpp checks it against a fresh trainer's net.
    return net_init(tr.config().net, derive_seed(tr.seed(), static_cast<std::uint64_t>(tr.restarts()) + 1));
}

}  // namespace carry
