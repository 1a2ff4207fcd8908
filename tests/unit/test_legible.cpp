// Issue 21, "what a student sees reads at a glance": the teaching views measured headless (ImGui
// without a window) for what a reader would notice: text that overflows its cell, a header that
// contradicts the picture, a chart that draws axes for nothing.
#if CARRY_HAS_APP

#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/bptt_view.h"
#include "app/chart.h"
#include "app/hidden_space.h"
#include "app/inside.h"
#include "scenarios.h"
#include "app/inside_panels.h"
#include "headless_app.h"
#include "core/handwired.h"
#include "imgui.h"
#include "imgui_internal.h"

using namespace carry;

namespace {

using test::Headless;

// Every text the BPTT grid draws for the scenario's sum: activities and derivatives of each step.
std::vector<std::string> bptt_texts(const Stepper& st) {
    std::vector<std::string> out;
    char buf[32];
    for (int s = 0; s < st.steps(); ++s) {
        const StepFrame& f = st.frame(s);
        out.emplace_back(bptt_activity_text(buf, sizeof buf, f.output));
        for (double h : f.hidden) out.emplace_back(bptt_activity_text(buf, sizeof buf, h));
        out.emplace_back(bptt_cell_text(buf, sizeof buf, f.d_output_logit));
        for (double d : f.d_hidden_logit) out.emplace_back(bptt_cell_text(buf, sizeof buf, d));
    }
    return out;
}

}  // namespace

TEST_CASE(
    "[legible] BPTT cells: at most 6 characters, two significant digits, ≈0 for tiny values, no e-notation below "
    "1000") {
    char buf[32];
    CHECK(std::string(bptt_cell_text(buf, sizeof buf, 0.0)) == "0");
    CHECK(std::string(bptt_cell_text(buf, sizeof buf, -2.1e-4)) == "≈0");
    CHECK(std::string(bptt_cell_text(buf, sizeof buf, 8.04e-3)) == "0.008");
    CHECK(std::string(bptt_cell_text(buf, sizeof buf, -0.0123)) == "-0.012");
    CHECK(std::string(bptt_cell_text(buf, sizeof buf, -0.0512)) == "-0.051");
    CHECK(std::string(bptt_cell_text(buf, sizeof buf, 3.14159)) == "3.1");
    CHECK(std::string(bptt_cell_text(buf, sizeof buf, -47.3)) == "-47");
    CHECK(std::string(bptt_cell_text(buf, sizeof buf, 999.6)) == "1.0e3");
    CHECK(std::string(bptt_cell_text(buf, sizeof buf, -2.5e12)) == "-2e12");
    CHECK(std::string(bptt_activity_text(buf, sizeof buf, -0.123)) == "-0.12");
}

TEST_CASE("[legible] every BPTT cell's text fits its cell, for a trained net and a fresh one") {
    for (const char* scenario : {"inside-backprop", "inside-backprop-fresh"}) {
        CAPTURE(scenario);
        Headless h(1024, 768);
        REQUIRE(app_scenario(h.app, scenario));
        h.frames(4);
        REQUIRE(h.app.inside.bptt);
        ImGui::NewFrame();
        const ImVec2 cell = bptt_cell_size();
        const float room = cell.x - 2.0f;  // the filled part of a cell (its last 2 px are the gap)
        CHECK(cell.x <= ImGui::GetFontSize() *
                            3.2f);  // a fixed width that fits 11 steps in 1024 px, not a grid widened to anything
        CHECK(bptt_cell_font_size() >= 13.0f);  // and a readable text
        for (const std::string& t : bptt_texts(*h.app.inside.bptt)) {
            CAPTURE(t);
            CHECK(bptt_cell_text_size(t.c_str()).x <= room);
            CHECK(bptt_cell_text_size(t.c_str()).y <= cell.y);
        }
        // Whatever size a derivative reaches (vanishing or exploding), its text fits.
        char buf[32];
        for (int e = -320; e <= 308; e += 7)
            for (double m : {1.0, -4.44, 9.96, -9.999}) {
                const double x = m * std::pow(10.0, e);
                CAPTURE(x);
                CHECK(bptt_cell_text_size(bptt_cell_text(buf, sizeof buf, x)).x <= room);
            }
        ImGui::EndFrame();
    }
}

TEST_CASE("[legible] a chart says \"nothing measured yet\" until a curve has two points, and titles its axes") {
    test::HeadlessImGui imgui(800, 600);
    ChartAxes axes;
    axes.title = "Loss";
    axes.y_title = "cross-entropy per sum bit (nats)";
    axes.x_title = "sums trained";
    axes.log_y = true;
    std::vector<float> x, y;
    auto drawn = [&] {
        ImGui::NewFrame();
        ImGui::Begin("chart test");
        const bool curve = axis_chart("c", x, {{"loss", &y, IM_COL32(255, 200, 0, 255)}}, 100.0f, axes);
        ImGui::End();
        ImGui::Render();
        return curve;
    };
    CHECK_FALSE(drawn());  // fresh: no point
    x = {0.0f};
    y = {0.7f};
    CHECK_FALSE(drawn());  // one point is not a curve (a bare dot on bare axes)
    x = {0.0f, 1000.0f};
    y = {0.7f, 0.0f};
    CHECK_FALSE(drawn());  // a zero cannot be drawn on a log scale: still one point
    y = {0.7f, 0.3f};
    CHECK(drawn());
    char buf[32];
    chart_tick_text(buf, sizeof buf, 12000.0, false);
    CHECK(std::string(buf) == "12k");
    chart_tick_text(buf, sizeof buf, -2.0, true);
    CHECK(std::string(buf) == "0.01");
    chart_tick_text(buf, sizeof buf, -9.0, true);
    CHECK(std::string(buf) == "1e-9");
}

TEST_CASE("[legible] a chart of whole x (lags 1..5) has no tick between two of them; a wide x still gets 1-2-5 steps") {
    // The delay-range chart was 600 px wide for lags 1..5 and read "1, 1.5, 2, 2.5, ...".
    const std::vector<double> lags = chart_x_ticks(1.0, 5.0, 600.0f, 13.0f, true);
    CHECK(lags == std::vector<double>{1, 2, 3, 4, 5});
    CHECK(chart_x_ticks(1.0, 5.0, 600.0f, 13.0f, false).size() > 5);  // what whole x is protected from
    const std::vector<double> sums = chart_x_ticks(0.0, 20000.0, 600.0f, 13.0f, true);  // sums trained
    REQUIRE(sums.size() == 11);
    CHECK(sums[1] == 2000.0);
    CHECK(sums.back() == 20000.0);
}

TEST_CASE("[legible] hidden space: one ring per adder node, with counts that add up, for the hand-wired adder") {
    const HiddenCloud cloud = hidden_cloud(handwired_adder(), 100, 16);
    const SpaceProjection proj = fit_projection(cloud);
    const std::vector<SpaceCluster> k = space_clusters(cloud, proj);
    REQUIRE(static_cast<int>(k.size()) == count_clusters(cloud));  // the header's number is the rings' number
    REQUIRE(k.size() == 4u);
    int total = 0;
    std::set<int> nodes;
    for (const SpaceCluster& c : k) {
        total += c.count;
        nodes.insert(c.node);
        for (float x : c.centre) CHECK(std::fabs(x) <= 1.0f);
    }
    CHECK(total == static_cast<int>(cloud.node.size()));
    CHECK(nodes.size() == 4u);  // one cluster per adder node, each named by its own members
    CHECK(space_summary(5, 4) == "5 activity patterns, 4 states after minimization");
    CHECK(space_summary(1, -1) == "1 activity pattern");
}

TEST_CASE("[legible] hidden space: the header counts the trained net's states, and the wheel zooms without scrolling") {
    Headless h(1280, 800);
    REQUIRE(app_scenario(h.app, "inside-space"));
    h.frames(4);
    InsideView& v = h.app.inside;
    REQUIRE(v.space_rect.drawn);
    CHECK(v.has_automaton);  // read out for the header on the Space tab itself
    CHECK(v.automaton.states == 4);
    CHECK(v.clusters >= 4);
    // The wheel over the view: the camera comes closer, the column it sits in does not scroll.
    ImGuiWindow* left = nullptr;
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (const std::string n = w->Name; n.rfind("Carry##main/left_", 0) == 0 && n.find('/', 12) == std::string::npos)
            left = w;
    REQUIRE(left);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((v.space_rect.x0 + v.space_rect.x1) * 0.5f, (v.space_rect.y0 + v.space_rect.y1) * 0.5f);
    REQUIRE(io.MousePos.y < 790.0f);  // on screen
    h.frames(2);                      // hovered
    const float scroll = left->Scroll.y, distance = v.orbit.distance;
    io.MouseWheel = 1.0f;  // towards the top: the column could scroll up (it sits at its bottom)
    h.frame();
    io.MouseWheel = 0.0f;
    h.frame();
    CHECK(v.orbit.distance < distance);
    CHECK(left->Scroll.y == scroll);
}

TEST_CASE(
    "[legible] the panels below the Add view stay put across an animation loop (the verdict's line is reserved)") {
    for (const ImVec2 size : {ImVec2(1280, 800), ImVec2(1024, 768)}) {
        CAPTURE(size.x);
        Headless h(size.x, size.y);
        REQUIRE(app_scenario(h.app, "solved"));
        h.frames(3);
        Playground& pg = h.pg();
        REQUIRE(pg.stepper);
        float y0 = -1.0f;
        for (int s = 0; s < pg.stepper->steps(); ++s) {  // through to the verdict at the last step, and back
            CAPTURE(s);
            pg.push(CommandKind::AnimSeek, s);
            h.frames(2);
            REQUIRE(pg.drawn.rects.network.drawn);
            if (y0 < 0) y0 = pg.drawn.rects.network.y0;
            CHECK(pg.drawn.rects.network.y0 == y0);
        }
        pg.push(CommandKind::AnimSeek, 0);
        h.frames(2);
        CHECK(pg.drawn.rects.network.y0 == y0);
    }
}

TEST_CASE(
    "[legible] a notice (the Solved banner) is an overlay at the bottom: nothing moves, the numbers stay uncovered") {
    Headless h(1024, 768);
    REQUIRE(app_scenario(h.app, "lecture"));
    h.frames(3);
    Playground& pg = h.pg();
    REQUIRE(pg.notice.empty());
    const float y = pg.drawn.rects.number_a.y0;
    pg.notice =
        "Solved after 2816 sequences: the net adds 1000 random 64-bit sums exactly. "
        "Try longer numbers in the add view, or look at the hidden units' activities.";
    h.frames(2);
    CHECK(pg.drawn.rects.number_a.y0 == y);
    // It is drawn, on top, with its links.
    ImGuiWindow* w = ImGui::FindWindowByName("##notice");
    REQUIRE(w);
    CHECK(w->Active);
    CHECK(w->Size.y > ImGui::GetFontSize());
    CHECK(w->Pos.y > pg.drawn.rects.number_b.y1);  // below the numbers and the train button
    CHECK(w->Pos.y + w->Size.y <= 768.0f);         // on screen
}

TEST_CASE("[legible] switching Inside tabs keeps the page's height: the tab bar stays where it was") {
    Headless h(1024, 768);
    REQUIRE(app_scenario(h.app, "inside-backprop"));  // the tallest tab
    h.frames(6);
    ImGuiWindow* col = nullptr;
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (const std::string n = w->Name;
            (n.rfind("Carry##main/left_", 0) == 0 || n.rfind("Carry##main/single_", 0) == 0) &&
            n.find('/', 12) == std::string::npos)
            col = w;  // the column "Inside the net" is in
    REQUIRE(col);
    col->Scroll.y = col->ScrollMax.y;  // scrolled to the bottom of the BPTT tab
    h.frames(2);
    const float scroll = col->Scroll.y;
    REQUIRE(scroll > 0.0f);
    for (InsideTab t : {InsideTab::Gradients, InsideTab::Automaton, InsideTab::Baseline, InsideTab::Backprop}) {
        CAPTURE(static_cast<int>(t));
        h.app.inside.request_tab = static_cast<int>(t);
        h.frames(3);
        CHECK(h.app.inside.tab == t);
        CHECK(col->Scroll.y == scroll);
    }
}

TEST_CASE(
    "[legible] the Solved banner's and Help's links open Inside the net on the tab they name, scrolled into view") {
    Headless h(1024, 768);
    REQUIRE(app_scenario(h.app, "solved"));
    h.frames(3);
    REQUIRE_FALSE(h.app.inside.open);  // folded at first
    h.pg().requests.open_inside_tab =
        static_cast<int>(InsideTab::Space);  // what "look at the hidden units' activities" does
    h.frames(6);
    CHECK(h.app.inside.open);
    CHECK(h.app.inside.tab == InsideTab::Space);
    REQUIRE(h.app.inside.space_rect.drawn);
    CHECK(h.app.inside.space_rect.y0 < 768.0f);  // on screen, not below the fold
    h.app.help.open = true;
    h.frames(2);
    ImGuiWindow* w = ImGui::FindWindowByName("What to try");
    REQUIRE(w);
    CHECK(w->Active);
    CHECK(w->Pos.y + w->Size.y <= 768.0f);  // the whole list fits the screen
}

#endif  // CARRY_HAS_APP
