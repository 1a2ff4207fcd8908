// The Models window's "Remedies" tab (app/remedies_view.h), headless: its work runs only while the
// tab is drawn, a bounded slice per frame; the app keeps drawing frames only while it works; when
// the run ends the three verdicts are on the page.
#if CARRY_HAS_APP

#include <doctest/doctest.h>

#include "app/activity.h"
#include "app/remedies_view.h"
#include "headless_app.h"
#include "imgui.h"

namespace {

void frame(carry::test::HeadlessImGui&, carry::RemediesView* v) {
    ImGui::NewFrame();
    if (v) {
        ImGui::SetNextWindowSize(ImVec2(1200, 900));
        ImGui::Begin("remedies");
        v->draw();
        ImGui::End();
    }
    ImGui::Render();
}

}  // namespace

TEST_SUITE("remedies view") {
    TEST_CASE("[app] the Remedies tab works a slice per frame, only while drawn, and ends with its verdicts") {
        carry::test::HeadlessImGui imgui(1280, 1000);
        carry::RemediesView v;
        v.quick = true;
        v.frame_budget_ms = 0.0;  // one unit of work per frame
        frame(imgui, nullptr);
        CHECK(v.runner == nullptr);  // not drawn: nothing started
        frame(imgui, &v);
        REQUIRE(v.runner != nullptr);
        CHECK(v.running);
        for (int i = 0; i < 3; ++i) frame(imgui, &v);
        const double p = v.runner->progress();
        for (int i = 0; i < 20; ++i) frame(imgui, nullptr);  // the tab closed: no work
        CHECK(v.runner->progress() == p);
        int frames = 0;
        while (v.running && frames < 100000) frame(imgui, &v), ++frames;
        CHECK_FALSE(v.running);
        CHECK(frames > 50);  // spread over many frames
        CHECK_FALSE(v.runner->verdict_range().empty());
        CHECK_FALSE(v.runner->verdict_hf().empty());
        CHECK_FALSE(v.runner->verdict_esn().empty());
        REQUIRE(v.delay != nullptr);  // the delay sweep runs after the remedies, in the same slices
        CHECK(v.delay->done());
        CHECK_FALSE(v.delay->verdict().empty());
        CHECK_FALSE(v.busy());
    }

    TEST_CASE("[app] with the Models window on Remedies, the app asks for frames only while it works") {
        carry::test::Headless h(1280, 800);
        h.frames(3);
        h.app.models.open = true;
        h.app.models.tab = carry::ModelsTab::Remedies;
        h.app.models.request_tab = -1;
        h.app.models.remedies.running = true;
        CHECK(carry::app_next_frame_in(h.app) == 0.0);
        h.app.models.remedies.running = false;
        CHECK(carry::app_next_frame_in(h.app) > 0.0);
    }
}

#endif
