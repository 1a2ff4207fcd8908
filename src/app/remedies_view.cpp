// remedies_view: the "Remedies" tab (see remedies_view.h).
//
// [SECTION] run     [SECTION] long range     [SECTION] Hessian-free     [SECTION] echo state network
#include "app/remedies_view.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <iterator>
#include <vector>

#include "app/chart.h"
#include "app/palette.h"
#include "app/widgets.h"
#include "imgui.h"

namespace carry {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

ImU32 remedy_color(zoo::Remedy r) {
    switch (r) {
        case zoo::Remedy::SgdMomentum: return pal().orange;
        case zoo::Remedy::Adam: return pal().sky;
        case zoo::Remedy::HessianFree: return pal().green;
        case zoo::Remedy::Count: break;
    }
    return pal().grey;
}

double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

void section(const char* title) {
    ImGui::Separator();
    ImGui::TextUnformatted(title);
}

void verdict(const std::string& v) {
    if (v.empty()) {
        ImGui::TextDisabled("The verdict comes when every run of this part is done.");
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, col4(pal().strong));
    ImGui::TextWrapped("%s", v.c_str());
    ImGui::PopStyleColor();
}

// [SECTION] long range ------------------------------------------------------------------------------

void range_chart(const zoo::RemediesRunner& r, bool long_set, float h) {
    const auto& c = r.config();
    std::vector<float> x;
    for (int L : c.ranges) x.push_back(static_cast<float>(L));
    std::vector<std::vector<float>> ys(static_cast<std::size_t>(zoo::Remedy::Count) + 2);
    std::vector<Series> series;
    for (int k = 0; k < static_cast<int>(zoo::Remedy::Count); ++k) {
        const auto rem = static_cast<zoo::Remedy>(k);
        const std::vector<zoo::ChainScore> s = r.mean_by_range(rem, long_set);
        auto& y = ys[static_cast<std::size_t>(k)];
        for (std::size_t i = 0; i < x.size(); ++i) y.push_back(i < s.size() ? static_cast<float>(s[i].exact) : kNaN);
        series.push_back({zoo::remedy_name(rem), &y, remedy_color(rem)});
    }
    auto& ye = ys[static_cast<std::size_t>(zoo::Remedy::Count)];
    const zoo::EsnPointResult* e = r.esn_reference();
    for (std::size_t i = 0; i < x.size(); ++i)
        ye.push_back(e && i < e->by_range.size() ? static_cast<float>(e->by_range[i].exact) : kNaN);
    series.push_back({"echo state net", &ye, pal().purple});
    auto& yl = ys.back();
    for (std::size_t i = 0; i < x.size(); ++i)
        yl.push_back(i < r.lstm_by_range().size() ? static_cast<float>(r.lstm_by_range()[i].exact) : kNaN);
    series.push_back({"LSTM", &yl, pal().yellow});
    ChartAxes axes;
    char title[96];
    if (long_set)
        std::snprintf(title, sizeof title, "Trained on sums with %d-column carry chains", c.train_chain);
    else
        std::snprintf(title, sizeof title, "Trained on random %d-bit sums", c.short_bits);
    axes.title = title;
    axes.y_title = "exact sums";
    axes.x_title = "longest carry chain (columns)";
    axes.y_min = 0.0f;
    axes.y_max = 1.0f;
    axes.percent = true;
    axis_chart(long_set ? "range_long" : "range_short", x, series, h, axes);
    tooltip(
        "Share of test sums added exactly, by how far their longest carry travels (a column that makes a "
        "carry, then columns that only pass it on). Each net's line is the mean over its seeds (lines that "
        "coincide hide each other); the echo "
        "state net (100 units, radius 0.9) and the zoo's LSTM (4 cells) learn from random sums of 1 to 16 bits, "
        "the same in both charts.");
}

// [SECTION] delay range -----------------------------------------------------------------------------

void delay_chart(const zoo::DelayRangeRunner& d, bool exact, float h) {
    const auto& c = d.config();
    std::vector<float> x;
    for (int lag : c.lags) x.push_back(static_cast<float>(lag));
    std::vector<std::vector<float>> ys(std::size(zoo::DelayRangeRunner::kRemedies));
    std::vector<Series> series;
    for (std::size_t k = 0; k < ys.size(); ++k) {
        const zoo::Remedy rem = zoo::DelayRangeRunner::kRemedies[k];
        for (const zoo::DelayRangePoint& p : d.by_lag(rem))
            ys[k].push_back(p.runs == 0 ? kNaN : static_cast<float>(exact ? p.exact : p.bit));
        series.push_back({zoo::remedy_name(rem), &ys[k], remedy_color(rem)});
    }
    ChartAxes axes;
    char title[120];
    std::snprintf(title, sizeof title, "%s, %d-column inputs (H = %d, %lld sequences)",
                  exact ? "Every printed bit right" : "Printed bits right", c.test_bits, c.hidden, c.sequences);
    axes.title = title;
    axes.y_title = exact ? "exact" : "bits right";
    axes.x_title = "lag (columns back)";
    axes.y_min = exact ? 0.0f : 0.5f;
    axes.y_max = 1.0f;
    axes.percent = true;
    axis_chart(exact ? "delay_exact" : "delay_bit", x, series, h, axes);
    tooltip(
        "The net learns to print the input bit from `lag` columns back (the tasks' delay machines: lag k needs "
        "the last k+1 bits, a 2^(k+1)-state machine). Each line is the mean over its seeds; the same initial nets "
        "for both optimizers. Bits right starts at 50%, a coin's score.");
}

// [SECTION] Hessian-free ----------------------------------------------------------------------------

// Mean log-loss over seeds at each pass count of a shared grid (a run's loss at x: its last point
// at or before x; NaN past its end).
void loss_chart(const zoo::RemediesRunner& r, bool long_set, float h) {
    const auto& c = r.config();
    const int G = 60;
    std::vector<float> x(G + 1);
    for (int i = 0; i <= G; ++i) x[static_cast<std::size_t>(i)] = static_cast<float>(c.passes * i / G);
    std::vector<std::vector<float>> ys(static_cast<std::size_t>(zoo::Remedy::Count));
    std::vector<Series> series;
    for (int k = 0; k < static_cast<int>(zoo::Remedy::Count); ++k) {
        const auto rem = static_cast<zoo::Remedy>(k);
        auto& y = ys[static_cast<std::size_t>(k)];
        for (int i = 0; i <= G; ++i) {
            double sum = 0.0;
            int n = 0;
            bool missing = false;
            for (const zoo::OptimRunResult& run : r.runs()) {
                if (run.remedy != rem || run.long_set != long_set) continue;
                const zoo::CurvePoint* at = nullptr;
                for (const zoo::CurvePoint& p : run.curve)
                    if (p.passes <= x[static_cast<std::size_t>(i)] + 1e-9) at = &p;
                const bool past_end =
                    run.curve.empty() || (!run.done && run.curve.back().passes < x[static_cast<std::size_t>(i)]);
                if (!at || past_end) {
                    missing = true;
                    break;
                }
                sum += std::log(std::max(at->loss, 1e-12));
                ++n;
            }
            y.push_back(missing || n == 0 ? kNaN : static_cast<float>(std::exp(sum / n)));
        }
        series.push_back({zoo::remedy_name(rem), &y, remedy_color(rem)});
    }
    ChartAxes axes;
    char title[96];
    if (long_set)
        std::snprintf(title, sizeof title, "Sums with %d-column carry chains", c.train_chain);
    else
        std::snprintf(title, sizeof title, "Random %d-bit sums", c.short_bits);
    axes.title = title;
    axes.y_title = "training loss per sum bit (nats)";
    axes.x_title = "passes through the data";
    axes.log_y = true;
    axis_chart(long_set ? "loss_long" : "loss_short", x, series, h, axes);
    tooltip(
        "Cross-entropy per sum bit on the training set, against passes through the data (one pass: a forward "
        "and a backward pass over every training sum; SGD and Adam spend one per epoch; Hessian-free spends "
        "its gradient, its Gauss-Newton products and its loss evaluations). Geometric mean over the seeds. "
        "ln 2 = 0.69 is a coin toss.");
}

// [SECTION] echo state network ------------------------------------------------------------------------

void esn_sweep_chart(const char* id, const std::vector<zoo::EsnPointResult>& pts, bool by_radius, float h) {
    std::vector<float> x, bits, exact8, land;
    for (const zoo::EsnPointResult& e : pts) {
        x.push_back(by_radius ? static_cast<float>(e.config.spectral_radius) : static_cast<float>(e.config.size));
        bits.push_back(e.done ? static_cast<float>(e.bit_32) : kNaN);
        exact8.push_back(e.done ? static_cast<float>(e.exact_8) : kNaN);
        land.push_back(e.done && !e.by_range.empty() ? static_cast<float>(e.by_range.back().land) : kNaN);
    }
    ChartAxes axes;
    axes.title = by_radius ? "ESN against the spectral radius (100 units)" : "ESN against its size (radius 0.9)";
    axes.y_title = "share right";
    axes.x_title = by_radius ? "spectral radius of the reservoir" : "reservoir units N";
    axes.y_min = 0.0f;
    axes.y_max = 1.0f;
    axes.percent = true;
    axis_chart(id, x,
               {{"sum bits right, 32-bit sums", &bits, pal().purple},
                {"exact 8-bit sums", &exact8, pal().orange},
                {"landing bit, longest chain", &land, pal().sky}},
               h, axes);
    tooltip(
        "Sum bits right on random 32-bit sums, whole 8-bit sums exact, and the bit where the longest test "
        "chain's carry lands (always a carry of 1: a model that forgets it gets this bit wrong every "
        "time). Memory capacity for each point is in the row below.");
}

void mc_row(const std::vector<zoo::EsnPointResult>& pts, bool by_radius) {
    std::string s = "memory capacity:";
    for (const zoo::EsnPointResult& e : pts) {
        char b[64];
        if (by_radius)
            std::snprintf(b, sizeof b, "  %.2g: %s", e.config.spectral_radius, "");
        else
            std::snprintf(b, sizeof b, "  N=%d: %s", e.config.size, "");
        s += b;
        if (e.done) {
            std::snprintf(b, sizeof b, "%.1f", e.memory_capacity);
            s += b;
        } else {
            s += "...";
        }
    }
    ImGui::TextWrapped("%s", s.c_str());
    tooltip(
        "Jaeger's short-term memory capacity: for each delay k = 1..40, how well (r squared) the best linear "
        "readout of the reservoir recovers the input bit from k steps ago; summed over k. At most N.");
}

void esn_controls(RemediesView& v) {
    const float w = ImGui::GetFontSize() * 7.0f;
    ImGui::SetNextItemWidth(w);
    ImGui::SliderInt("units N", &v.esn.size, zoo::kMinEsnSize, 200, "%d", ImGuiSliderFlags_AlwaysClamp);
    tooltip("Reservoir size: fixed random units, never trained.");
    ImGui::SameLine();
    float rho = static_cast<float>(v.esn.spectral_radius);
    ImGui::SetNextItemWidth(w);
    if (ImGui::SliderFloat("spectral radius", &rho, 0.05f, 2.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp))
        v.esn.spectral_radius = rho;
    tooltip(
        "The recurrent weights are scaled so their largest |eigenvalue| is this (measured by power iteration). "
        "Below 1 the reservoir forgets its past geometrically (the echo state property); near 1 it remembers "
        "longest; above 1 its own dynamics can take over.");
    ImGui::SameLine();
    float in = static_cast<float>(v.esn.input_scale);
    ImGui::SetNextItemWidth(w);
    if (ImGui::SliderFloat("input scale", &in, 0.01f, 5.0f, "%.2f", ImGuiSliderFlags_Logarithmic))
        v.esn.input_scale = in;
    tooltip("Scales the input weights and biases: small keeps the tanh units nearly linear, large saturates them.");
    ImGui::SetNextItemWidth(w);
    float leak = static_cast<float>(v.esn.leak);
    if (ImGui::SliderFloat("leak", &leak, 0.05f, 1.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp)) v.esn.leak = leak;
    tooltip("Leaky integration: each step a unit moves this share of the way to its new value (1: no leak).");
    ImGui::SameLine();
    float ridge = static_cast<float>(v.esn.ridge);
    ImGui::SetNextItemWidth(w);
    if (ImGui::SliderFloat("ridge", &ridge, 1e-8f, 10.0f, "%.0e", ImGuiSliderFlags_Logarithmic)) v.esn.ridge = ridge;
    tooltip("beta of the readout's ridge regression, (X'X + beta I) w = X'y, solved by Cholesky.");
    ImGui::SameLine();
    const bool busy = v.probe && !v.probe->done();
    if (busy) ImGui::BeginDisabled();
    if (ImGui::Button("Fit the readout")) {
        try {
            v.probe = std::make_unique<zoo::EsnProbe>(v.esn, v.runner ? v.runner->config() : zoo::RemediesConfig{});
        } catch (const std::exception& e) {
            v.error = e.what();
        }
    }
    if (busy) ImGui::EndDisabled();
    tooltip(
        "Draws the reservoir, runs it over the comparison's random training sums (400 of 1 to 16 bits) and fits the "
        "linear readout in closed form "
        "(no gradients), then tests it.");
    if (!v.probe) return;
    const zoo::EsnPointResult& e = v.probe->result();
    if (!e.done) {
        ImGui::TextDisabled("fitting...");
        return;
    }
    std::string land;
    const std::vector<int> ranges = v.runner ? v.runner->config().ranges : zoo::RemediesConfig{}.ranges;
    for (std::size_t i = 0; i < e.by_range.size() && i < ranges.size(); ++i) {
        char b[32];
        std::snprintf(b, sizeof b, "%s%d: %.0f%%", i ? ", " : "", ranges[i], 100.0 * e.by_range[i].land);
        land += b;
    }
    ImGui::TextWrapped(
        "%d units, radius %.2f (drawn at %.2f): sum bits right %.1f%% on 32-bit sums; whole sums exact %.0f%% at "
        "8 bits, %.0f%% at 32; memory capacity %.1f; the bit where a long carry lands, by chain length: %s.",
        e.config.size, e.config.spectral_radius, e.raw_radius, 100.0 * e.bit_32, 100.0 * e.exact_8, 100.0 * e.exact_32,
        e.memory_capacity, land.c_str());
}

}  // namespace

// [SECTION] run -----------------------------------------------------------------------------------

void RemediesView::start() {
    error.clear();
    seconds = 0.0;
    try {
        runner = std::make_unique<zoo::RemediesRunner>(quick ? zoo::remedies_quick_config() : zoo::RemediesConfig{});
        delay =
            std::make_unique<zoo::DelayRangeRunner>(quick ? zoo::delay_range_quick_config() : zoo::DelayRangeConfig{});
        running = true;
    } catch (const std::exception& e) {
        runner.reset();
        delay.reset();
        running = false;
        error = e.what();
    }
}

void RemediesView::draw() {
    // Work only while the tab is drawn.
    if (running && runner) {
        const double t0 = now_ms();
        if (!runner->done())
            runner->step(frame_budget_ms);
        else if (!delay || delay->step(frame_budget_ms))
            running = false;
        seconds += (now_ms() - t0) / 1000.0;
    }
    if (probe && !probe->done()) probe->step(frame_budget_ms);
    if (!runner && error.empty()) start();  // like the zoo: opening the tab starts the comparison

    ImGui::TextWrapped(
        "The lecture ends where the next begins: error derivatives sent back through many steps shrink or "
        "grow exponentially. Here three of its remedies meet sums whose carry must travel far: a better "
        "optimizer (Hessian-free, beside SGD with momentum and Adam) for the same 3-unit net, and an echo "
        "state network, whose recurrent weights are never learned.");
    if (running) ImGui::BeginDisabled();
    ImGui::PushStyleColor(ImGuiCol_Button, col4(pal().train_btn));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, col4(pal().train_btn_hover));
    if (ImGui::Button(runner ? "  Run again  " : "  Run the comparison  ")) start();
    ImGui::PopStyleColor(2);
    if (running) ImGui::EndDisabled();
    tooltip("Train and test everything below again, a slice per frame (the page stays responsive).");
    ImGui::SameLine();
    ImGui::Checkbox("quick", &quick);
    tooltip(
        "Quick: 2 seeds, 250 passes, fewer test sums. Off: 3 seeds, 400 passes (about 7.5 s of work natively with the "
        "delay "
        "sweep, spread over frames).");
    if (runner) {
        ImGui::SameLine();
        char overlay[200];
        if (running)
            std::snprintf(overlay, sizeof overlay, "%s",
                          (!runner->done() || !delay ? runner->status() : delay->status()).c_str());
        else
            std::snprintf(overlay, sizeof overlay, "done in %.1f s", seconds);
        ImGui::PushStyleColor(ImGuiCol_PlotHistogram, col4(pal().train_btn));
        // The delay sweep is about a tenth of the work (full configs, natively).
        const double p = delay ? 0.9 * runner->progress() + 0.1 * delay->progress() : runner->progress();
        ImGui::ProgressBar(static_cast<float>(p), ImVec2(-1, 0), overlay);
        ImGui::PopStyleColor();
    }
    if (!error.empty()) ImGui::TextColored(col4(pal().wrong), "%s", error.c_str());
    if (!runner) return;
    const zoo::RemediesRunner& r = *runner;
    const float fs = ImGui::GetFontSize();
    const float h = std::clamp(ImGui::GetContentRegionAvail().y * 0.18f, fs * 6.0f, fs * 10.0f);
    const float half = std::floor((ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f);

    auto pair_of = [&](const char* id, auto&& left, auto&& right) {
        ImGui::PushID(id);
        ImGui::BeginGroup();
        ImGui::PushItemWidth(half);
        ImGui::BeginChild("l", ImVec2(half, h + fs * 5.5f), false, ImGuiWindowFlags_NoScrollbar);
        left();
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("r", ImVec2(0, h + fs * 5.5f), false, ImGuiWindowFlags_NoScrollbar);
        right();
        ImGui::EndChild();
        ImGui::PopItemWidth();
        ImGui::EndGroup();
        ImGui::PopID();
    };

    ImGui::Spacing();
    section("Long range: exact sums against the longest carry chain");
    pair_of(
        "range", [&] { range_chart(r, false, h); }, [&] { range_chart(r, true, h); });
    verdict(r.verdict_range());

    ImGui::Spacing();
    section("Hessian-free beside SGD with momentum and Adam");
    pair_of(
        "hf", [&] { loss_chart(r, false, h); }, [&] { loss_chart(r, true, h); });
    verdict(r.verdict_hf());

    if (delay) {
        ImGui::Spacing();
        section("Delay range: accuracy against the lag (the tasks' delay machines)");
        pair_of(
            "delay", [&] { delay_chart(*delay, true, h); }, [&] { delay_chart(*delay, false, h); });
        verdict(delay->verdict());
    }

    ImGui::Spacing();
    section("Echo state network: a fixed random reservoir, only the readout learned");
    esn_controls(*this);
    pair_of(
        "esn", [&] { esn_sweep_chart("esn_rho", r.esn_by_radius(), true, h); },
        [&] { esn_sweep_chart("esn_n", r.esn_by_size(), false, h); });
    mc_row(r.esn_by_radius(), true);
    mc_row(r.esn_by_size(), false);
    verdict(r.verdict_esn());
}

}  // namespace carry
