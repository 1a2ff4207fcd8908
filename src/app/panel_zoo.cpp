// panel_zoo: the "Models" window and its "Model zoo" tab (see panel_zoo.h).
//
// [SECTION] run      [SECTION] charts      [SECTION] zoo tab      [SECTION] window
#include "app/panel_zoo.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "app/colormap.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

namespace {

constexpr double kZooFrameBudgetMs = 8.0;      // training per frame: half a 60 fps frame
constexpr double kZooMaxFrameBudgetMs = 40.0;  // at most, in slow frames

// One per model in the runner's order (lecture order): autoregressive, feed-forward taps, fixed
// width, LDS, HMM, RNN, LSTM. Okabe–Ito hues (every common form of colour blindness tells them
// apart) without its two near pairs: vermillion (beside orange) is left out, the LDS (whose bars
// are all at 0) takes a light grey, and the models whose bars stand side by side at 100% (HMM,
// RNN, LSTM) get the three most different hues: green, orange, sky blue.
ImU32 model_color(std::size_t i) {
    const ImU32 kColors[] = {pal().purple, pal().yellow, pal().blue, pal().grey, pal().green, pal().orange, pal().sky};
    return kColors[i % (sizeof kColors / sizeof kColors[0])];
}

bool is_taps_model(const std::string& name) { return name == "autoregressive" || name == "feed-forward taps"; }

void swatch(ImU32 color) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float fs = ImGui::GetFontSize();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + fs * 0.2f), ImVec2(p.x + fs * 0.8f, p.y + fs), color,
                                              2.0f);
    ImGui::Dummy(ImVec2(fs * 0.8f, fs));
    ImGui::SameLine(0, 5);
}

}  // namespace

// [SECTION] run -----------------------------------------------------------------------------------

zoo::ZooConfig ZooPanel::config_now() const {
    zoo::ZooConfig c = quick ? zoo::zoo_quick_config() : zoo::ZooConfig{};
    c.taps = taps;
    c.hmm_states = hmm_states;
    c.task = task;
    return c;
}

void zoo_start(ZooPanel& z) {
    z.error.clear();
    z.seconds = 0.0;
    try {
        z.runner = std::make_unique<zoo::ZooRunner>(z.config_now());
        z.running = true;
    } catch (const std::exception& e) {
        z.runner.reset();
        z.running = false;
        z.error = e.what();
    }
}

void models_update(ModelsWindow& w, double dt_seconds) {
    ZooPanel& z = w.zoo;
    if (!z.running || !z.runner) return;
    // Half a 60 fps frame; when frames are slow anyway (software WebGL: ~10 fps, the main thread
    // mostly waiting for the GPU process), up to 40% of the frame, so the zoo still ends in seconds.
    const double budget = std::clamp(0.4 * dt_seconds * 1000.0, kZooFrameBudgetMs, kZooMaxFrameBudgetMs);
    const auto t0 = std::chrono::steady_clock::now();
    if (z.runner->step(budget)) z.running = false;
    z.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void models_scenario_zoo(ModelsWindow& w) {
    w.request_tab = static_cast<int>(ModelsTab::Zoo);
    w.zoo.quick = true;
    zoo_start(w.zoo);
    if (w.zoo.runner) {
        const auto t0 = std::chrono::steady_clock::now();
        w.zoo.runner->run_all();
        w.zoo.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    w.zoo.running = false;
}

// [SECTION] charts --------------------------------------------------------------------------------

namespace {

// Exact-sum accuracy by number length: one group of bars per length, one bar per model. A model
// that cannot take the width gets an × on the baseline instead of a bar.
void accuracy_bars(const zoo::ZooRunner& zr, ImVec2 size) {
    const auto& results = zr.results();
    const auto& bits = zr.config().test_bits;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("zoo_bars", size);
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const float left = p0.x + fs * 3.0f, right = p0.x + size.x - 4.0f;
    const float top = p0.y + fs * 0.6f, bottom = p0.y + size.y - fs * 2.6f;
    dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), pal().plot_bg, 4.0f);
    char buf[64];
    for (int g = 0; g <= 4; ++g) {  // gridlines 0, 25, 50, 75, 100 %
        const float y = bottom - (bottom - top) * static_cast<float>(g) / 4.0f;
        dl->AddLine(ImVec2(left, y), ImVec2(right, y), g == 0 ? pal().dim : pal().grid);
        std::snprintf(buf, sizeof buf, "%d%%", g * 25);
        dl->AddText(ImVec2(left - ImGui::CalcTextSize(buf).x - 5, y - fs * 0.5f), pal().dim, buf);
    }
    const std::size_t L = bits.size(), M = results.size();
    if (L == 0 || M == 0) return;
    const float gw = (right - left) / static_cast<float>(L);
    const float bw = gw * 0.84f / static_cast<float>(M);
    int hover_model = -1;
    std::size_t hover_len = 0;
    for (std::size_t g = 0; g < L; ++g) {
        const float gx = left + gw * static_cast<float>(g) + gw * 0.08f;
        std::snprintf(buf, sizeof buf, "%d", bits[g]);
        dl->AddText(ImVec2(left + gw * (static_cast<float>(g) + 0.5f) - ImGui::CalcTextSize(buf).x * 0.5f, bottom + 3),
                    pal().text_soft, buf);
        for (std::size_t m = 0; m < M; ++m) {
            const zoo::ModelResult& r = results[m];
            const float x0 = gx + bw * static_cast<float>(m), x1 = x0 + bw - 1.0f;
            if (hovered && mouse.x >= x0 && mouse.x < x0 + bw && mouse.y >= top && mouse.y <= bottom + 2) {
                hover_model = static_cast<int>(m);
                hover_len = g;
                dl->AddRectFilled(ImVec2(x0 - 1, top), ImVec2(x1 + 1, bottom), pal().highlight);
            }
            if (!r.scored) continue;
            if (!r.takes_bits[g]) {  // cannot take this width
                const float c = (x0 + x1) * 0.5f, h = std::min(bw * 0.35f, fs * 0.35f);
                dl->AddLine(ImVec2(c - h, bottom - 2 * h - 2), ImVec2(c + h, bottom - 2), model_color(m), 2.0f);
                dl->AddLine(ImVec2(c - h, bottom - 2), ImVec2(c + h, bottom - 2 * h - 2), model_color(m), 2.0f);
                continue;
            }
            const float h = (bottom - top) * static_cast<float>(r.exact_by_bits[g]);
            // A 0 % bar still shows as a thin line, so "scored, never exact" differs from "not run".
            dl->AddRectFilled(ImVec2(x0, bottom - std::max(h, 2.0f)), ImVec2(x1, bottom), model_color(m));
        }
    }
    const char* x_label = "number length (bits)   \xC3\x97 = cannot take this width";
    dl->AddText(ImVec2((left + right) * 0.5f - ImGui::CalcTextSize(x_label).x * 0.5f, bottom + fs * 1.3f), pal().dim,
                x_label);
    if (hover_model >= 0) {
        const zoo::ModelResult& r = results[static_cast<std::size_t>(hover_model)];
        if (!r.scored)
            ImGui::SetTooltip("%s: not scored yet", r.name.c_str());
        else if (!r.takes_bits[hover_len])
            ImGui::SetTooltip("%s cannot take %d-bit numbers at all (its width is fixed): counted as 0%%.",
                              r.name.c_str(), bits[hover_len]);
        else
            ImGui::SetTooltip("%s: %.1f%% of %d-bit sums exactly right (every one of the %d sum bits)", r.name.c_str(),
                              100.0 * r.exact_by_bits[hover_len], bits[hover_len], bits[hover_len] + 1);
    }
}

// Exact accuracy against the longest carry reach, for the delay-tap models: exact while the carry
// starts inside the window of k columns, failing beyond it.
void reach_chart(const zoo::ZooRunner& zr, ImVec2 size) {
    const auto& results = zr.results();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("zoo_reach", size);
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const float left = p0.x + fs * 3.0f, right = p0.x + size.x - fs * 0.8f;
    const float top = p0.y + fs * 0.6f, bottom = p0.y + size.y - fs * 2.6f;
    dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), pal().plot_bg, 4.0f);
    char buf[64];
    for (int g = 0; g <= 4; ++g) {
        const float y = bottom - (bottom - top) * static_cast<float>(g) / 4.0f;
        dl->AddLine(ImVec2(left, y), ImVec2(right, y), g == 0 ? pal().dim : pal().grid);
        std::snprintf(buf, sizeof buf, "%d%%", g * 25);
        dl->AddText(ImVec2(left - ImGui::CalcTextSize(buf).x - 5, y - fs * 0.5f), pal().dim, buf);
    }
    constexpr int kFirst = 1, kLast = zoo::kReachBuckets - 1;  // reach 0 needs a 0-bit sum
    auto x_of = [&](int b) {
        return left + (right - left) * static_cast<float>(b - kFirst) / static_cast<float>(kLast - kFirst);
    };
    auto y_of = [&](double a) { return bottom - (bottom - top) * static_cast<float>(a); };
    for (int b = kFirst; b <= kLast; ++b) {
        std::snprintf(buf, sizeof buf, b == kLast ? "%d+" : "%d", b);
        dl->AddText(ImVec2(x_of(b) - ImGui::CalcTextSize(buf).x * 0.5f, bottom + 3), pal().text_soft, buf);
    }
    // The window's edge: k taps know a sum bit exactly when its carry starts at most k-1 columns back.
    const int k = zr.config().taps;
    if (k - 1 >= kFirst && k - 1 < kLast) {
        const float x = (x_of(k - 1) + x_of(k)) * 0.5f;
        for (float y = top; y < bottom; y += 8.0f)
            dl->AddLine(ImVec2(x, y), ImVec2(x, std::min(y + 4.0f, bottom)), pal().dim);
        std::snprintf(buf, sizeof buf, "window: k = %d columns", k);
        const float tw = ImGui::CalcTextSize(buf).x;
        dl->AddText(ImVec2(x + tw + 6 < right ? x + 4 : x - tw - 4, top + fs * 1.6f), pal().dim, buf);
    }
    int hover_bucket = -1;
    if (hovered) {
        const float t = (mouse.x - left) / (right - left) * static_cast<float>(kLast - kFirst);
        hover_bucket = std::clamp(static_cast<int>(t + 0.5f) + kFirst, kFirst, kLast);
        dl->AddLine(ImVec2(x_of(hover_bucket), top), ImVec2(x_of(hover_bucket), bottom), pal().marker);
    }
    std::string tip;
    for (std::size_t m = 0; m < results.size(); ++m) {
        const zoo::ModelResult& r = results[m];
        if (!is_taps_model(r.name) || !r.scored || !r.reach_scored) continue;
        ImVec2 prev;
        bool have_prev = false;
        for (int b = kFirst; b <= kLast; ++b) {
            const auto bi = static_cast<std::size_t>(b);
            if (r.reach_pairs[bi] == 0) {
                have_prev = false;
                continue;
            }
            const ImVec2 p(x_of(b), y_of(r.reach_exact[bi]));
            if (have_prev) dl->AddLine(prev, p, model_color(m), 2.5f);
            dl->AddCircleFilled(p, 3.5f, model_color(m));
            prev = p;
            have_prev = true;
            if (b == hover_bucket) {
                char line[128];
                std::snprintf(line, sizeof line, "%s: %.0f%% exact (%d sums)\n", r.name.c_str(),
                              100.0 * r.reach_exact[bi], r.reach_pairs[bi]);
                tip += line;
            }
        }
    }
    const char* x_label = "longest carry chain in the sum (columns)";
    dl->AddText(ImVec2((left + right) * 0.5f - ImGui::CalcTextSize(x_label).x * 0.5f, bottom + fs * 1.3f), pal().dim,
                x_label);
    if (hover_bucket >= 0 && !tip.empty())
        ImGui::SetTooltip("Sums whose longest carry starts %d%s columns before the bit it changes:\n%s", hover_bucket,
                          hover_bucket == kLast ? " or more" : "", tip.c_str());
}

// [SECTION] zoo tab -------------------------------------------------------------------------------

void zoo_controls(ZooPanel& z) {
    const bool running = z.running;
    if (running) ImGui::BeginDisabled();
    ImGui::PushStyleColor(ImGuiCol_Button, col4(pal().train_btn));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, col4(pal().train_btn_hover));
    if (ImGui::Button(z.runner ? "  Run again  " : "  Run the zoo  ")) zoo_start(z);
    ImGui::PopStyleColor(2);
    if (running) ImGui::EndDisabled();
    tooltip(
        "Train every model below on the same training sums, then test each on the same new sums of 8 to 256 "
        "bits. Training runs a slice per frame, so the page stays responsive (the full zoo: a few seconds).");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
    ImGui::SliderInt("taps k", &z.taps, 1, 8);
    tooltip(
        "How many columns the two delay-tap models see: the current column and the k-1 before it. They can "
        "only be exact when every carry starts inside that window. Applies at the next run.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
    ImGui::SliderInt("HMM states N", &z.hmm_states, 1, 16);
    tooltip(
        "States of the hidden Markov model. With N states it can carry only log2(N) bits about the past; "
        "adding needs one bit (the carry), so N >= 2 can in principle add. N = 1 remembers nothing. "
        "Applies at the next run.");
    ImGui::SameLine();
    ImGui::Checkbox("quick", &z.quick);
    tooltip(
        "A smaller run (fewer training and test sums, smaller budgets): about a second. The recurrent net "
        "still learns to add; the others get less training.");
    if (z.runner && (z.runner->config().taps != z.taps || z.runner->config().hmm_states != z.hmm_states)) {
        ImGui::SameLine();
        ImGui::TextColored(col4(pal().warn), "changed: press Run again");
    }
    if (z.runner) {
        char overlay[160];
        if (z.running)
            std::snprintf(overlay, sizeof overlay, "%s", z.runner->status().c_str());
        else
            std::snprintf(overlay, sizeof overlay, "done in %.1f s", z.seconds);
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_PlotHistogram, col4(pal().train_btn));
        ImGui::ProgressBar(static_cast<float>(z.runner->progress()), ImVec2(-1, 0), overlay);
        ImGui::PopStyleColor();
        tooltip("Models are trained one after another, then each is tested on the same sums.");
    }
    if (!z.error.empty()) ImGui::TextColored(col4(pal().wrong), "%s", z.error.c_str());
}

void zoo_table(const zoo::ZooRunner& zr) {
    const auto& bits = zr.config().test_bits;
    const int cols = 3 + static_cast<int>(bits.size());
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("zoo_table", cols, flags)) return;
    ImGui::TableSetupColumn("model", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("params");
    ImGui::TableSetupColumn("train s");
    char buf[64];
    for (int n : bits) {
        std::snprintf(buf, sizeof buf, "%d bits", n);
        ImGui::TableSetupColumn(buf);  // ImGui copies the name
    }
    ImGui::TableHeadersRow();
    for (std::size_t m = 0; m < zr.results().size(); ++m) {
        const zoo::ModelResult& r = zr.results()[m];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        swatch(model_color(m));
        ImGui::TextUnformatted(r.name.c_str());
        if (ImGui::IsItemHovered()) tooltip(r.verdict.empty() ? r.reason.c_str() : r.verdict.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%zu", r.params);
        if (ImGui::IsItemHovered()) tooltip("Trainable parameters (free table entries for the HMM).");
        ImGui::TableNextColumn();
        if (r.trained)
            ImGui::Text("%.2f", r.train_seconds);
        else
            ImGui::TextDisabled("...");
        if (ImGui::IsItemHovered())
            tooltip(
                "Wall-clock seconds of training on this machine (the one number that "
                "differs between runs; every accuracy is the same for the same seed).");
        for (std::size_t i = 0; i < bits.size(); ++i) {
            ImGui::TableNextColumn();
            if (!r.scored) {
                ImGui::TextDisabled("...");
            } else if (!r.takes_bits[i]) {
                ImGui::TextDisabled("cannot");
                if (ImGui::IsItemHovered())
                    tooltip("Its width is fixed in advance: it has no input units for numbers this wide.");
            } else {
                const double a = r.exact_by_bits[i];
                const ImVec4 col = a >= 0.995 ? col4(pal().right) : (a < 0.005 ? col4(pal().dim) : col4(pal().text));
                ImGui::TextColored(col, "%5.1f%%", 100.0 * a);
                if (ImGui::IsItemHovered()) {
                    std::snprintf(buf, sizeof buf, "Share of %d new %d-bit sums it got exactly right.",
                                  zr.config().test_pairs, bits[i]);
                    tooltip(buf);
                }
            }
        }
    }
    ImGui::EndTable();
}

void zoo_tab(ZooPanel& z) {
    // The first time the tab is shown the zoo starts by itself: a student opening "Models" sees
    // every model being tried, not an empty page with a button.
    if (!z.runner && z.error.empty()) zoo_start(z);
    ImGui::TextWrapped(
        "Every model of the lecture learns from the same training sums and is tested on the same new sums, "
        "read right to left one column at a time (the fixed-width net takes whole numbers at once). "
        "Which kinds of memory can learn to add?");
    if (!is_add(z.task)) {
        std::string skipped;
        for (const std::string& m : zoo::zoo_skipped_models(z.task)) skipped += (skipped.empty() ? "" : ", ") + m;
        ImGui::TextColored(col4(pal().info),
                           "Task %s (the playground's): the recurrent net and the LSTM learn it; the models built for "
                           "addition do not apply (%s).",
                           z.task.name.empty() ? "you designed" : z.task.name.c_str(), skipped.c_str());
    }
    if (z.runner && encode_task(z.runner->config().task) != encode_task(z.task))
        ImGui::TextDisabled("These results are for the task %s; Run the zoo again for this one.",
                            encode_task(z.runner->config().task).c_str());
    zoo_controls(z);
    if (!z.runner) {
        ImGui::Spacing();
        ImGui::TextDisabled("Press \"Run the zoo\" to train and test the seven models.");
        return;
    }
    const zoo::ZooRunner& zr = *z.runner;
    ImGui::Spacing();
    // Legend: one colour per model, the same in both charts and the table.
    for (std::size_t m = 0; m < zr.results().size(); ++m) {
        if (m > 0) same_line_if_fits(ImGui::CalcTextSize(zr.results()[m].name.c_str()).x + ImGui::GetFontSize() * 2.0f);
        swatch(model_color(m));
        ImGui::TextUnformatted(zr.results()[m].name.c_str());
        if (ImGui::IsItemHovered()) tooltip(zr.results()[m].reason.c_str());
    }
    const float fs = ImGui::GetFontSize();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float chart_h = std::clamp(ImGui::GetContentRegionAvail().y * 0.42f, fs * 11.0f, fs * 17.0f);
    const float bars_w = std::floor(avail * 0.58f);
    ImGui::BeginGroup();
    ImGui::TextUnformatted("Exact sums by number length");
    tooltip(
        "Share of new random sums each model got exactly right (every sum bit), for numbers of 8 to 256 bits. "
        "An × on the baseline: the model cannot take numbers that wide at all.");
    accuracy_bars(zr, ImVec2(bars_w, chart_h));
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextUnformatted("Delay taps: exact sums by longest carry");
    tooltip(
        "The two delay-tap models on 24-bit sums grouped by how many columns back their longest carry starts. "
        "A model that sees k columns is exact up to k-1 and must fail beyond: two sums then look the same "
        "through its window but differ in the sum bit.");
    reach_chart(zr, ImVec2(ImGui::GetContentRegionAvail().x, chart_h));
    ImGui::EndGroup();
    ImGui::Spacing();
    zoo_table(zr);
    ImGui::Spacing();
    ImGui::TextDisabled("Verdicts, measured then explained in the lecture's words:");
    for (std::size_t m = 0; m < zr.results().size(); ++m) {
        const zoo::ModelResult& r = zr.results()[m];
        if (!r.scored) continue;
        swatch(model_color(m));
        ImGui::TextWrapped("%s: %s", r.name.c_str(), r.verdict.c_str());
    }
}

}  // namespace

// [SECTION] window --------------------------------------------------------------------------------

void models_window(ModelsWindow& w, const Playground& pg, bool fill) {
    if (!w.open) return;
    if (!w.zoo.running) w.zoo.task = pg.settings.task;  // the next run is on the playground's task
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    if (!fill) {  // filling: the caller sets the area
        const ImVec2 size(std::floor(vp->WorkSize.x * 0.94f), std::floor(vp->WorkSize.y * 0.92f));
        ImGui::SetNextWindowPos(
            ImVec2(vp->WorkPos.x + (vp->WorkSize.x - size.x) * 0.5f, vp->WorkPos.y + (vp->WorkSize.y - size.y) * 0.5f),
            ImGuiCond_Appearing);
        ImGui::SetNextWindowSize(size, ImGuiCond_Appearing);
    }
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                   (fill ? ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove : 0);
    if (!ImGui::Begin("Models: the lecture's zoo on the same sums", fill ? nullptr : &w.open, flags)) {
        ImGui::End();
        return;
    }
    static const char* const kTabs[] = {
        "Model zoo", "States (HMM)", "Gradients through time", "Dynamics", "Input & target modes", "Next term",
        "Init",      "Remedies"};
    static const char* const kTips[] = {
        "Every model of the lecture trained and tested on the same sums: accuracy by length, a verdict each.",
        "How many discrete states a hidden Markov model needs: log2 N bits about the past, one sum or two interleaved.",
        "How the error derivative shrinks or grows as it is sent back through many steps (the lecture's 7d).",
        "Run a recurrent net with no input: oscillation, a point attractor, or chaos.",
        "Targets at every step or only at the end; inputs at every step or as the initial state.",
        "No separate target: the net predicts the next bit of a sequence, against the best any predictor can do.",
        "Careful initialization with momentum, and a learned or fixed initial state, measured over seeds.",
        "Sums whose carry travels far: Hessian-free beside SGD and Adam, and an echo state network."};
    if (ImGui::BeginTabBar("models_tabs")) {
        for (int t = 0; t < static_cast<int>(ModelsTab::Count); ++t) {
            const ImGuiTabItemFlags f = w.request_tab == t ? ImGuiTabItemFlags_SetSelected : 0;
            const bool selected = ImGui::BeginTabItem(kTabs[t], nullptr, f);
            tooltip(kTips[t]);
            if (!selected) continue;
            // A requested tab takes over next frame; until then ImGui still shows the old one (the
            // first, on a new tab bar). Draw nothing there: opening Models on another tab must not
            // start the zoo, whose tab starts its run when first drawn.
            if (w.request_tab >= 0 && w.request_tab != t) {
                ImGui::EndTabItem();
                continue;
            }
            w.tab = static_cast<ModelsTab>(t);
            ImGui::BeginChild("models_tab_body", ImVec2(0, 0), false);
            switch (w.tab) {
                case ModelsTab::Zoo: zoo_tab(w.zoo); break;
                case ModelsTab::States:
                    w.states.draw();
                    w.interleaved.draw();
                    break;
                case ModelsTab::Gradients: w.gradients.draw(); break;
                case ModelsTab::Dynamics: w.dynamics.draw(pg.trainer ? &pg.trainer->net() : nullptr); break;
                case ModelsTab::Modes: w.modes.draw(); break;
                case ModelsTab::NextTerm: w.next_term.draw(); break;
                case ModelsTab::Init: w.init.draw(); break;
                case ModelsTab::Remedies: w.remedies.draw(); break;
                case ModelsTab::Count: break;
            }
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    w.request_tab = -1;
    ImGui::End();
}

}  // namespace carry
