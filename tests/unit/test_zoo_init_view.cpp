// Tests for the Models window's Init tab (app/init_view.h) and the recurrent net under the States
// tab (app/interleaved_view.h): the quick experiments fill in over several frames, a slice per
// frame, to the same numbers as run at once; nothing trains while they are not drawn; every
// heat-map cell is drawn (filled) once the grid is done; the initial state's recorded figures are
// what the settings panel's tooltip says.
#include <doctest/doctest.h>

#include "core/zoo/initial_state.h"

#if defined(CARRY_HAS_APP)
#include <memory>

#include "app/init_view.h"
#include "app/interleaved_view.h"
#include "app/panel_zoo.h"
#include "headless_app.h"
#include "imgui.h"
#endif

TEST_SUITE("zoo init view") {
    TEST_CASE("[init view] the initial state's tooltip note gives the recorded figures and a verdict") {
        const std::string note = carry::zoo::initial_state_recorded_note();
        MESSAGE(note);
        for (const auto& rec : carry::zoo::kRecordedInitialState) {
            const std::string part = std::string(carry::zoo::initial_state_label(rec.mode)) + " " +
                                     std::to_string(rec.solved) + " of " + std::to_string(rec.runs);
            CHECK(note.find(part) != std::string::npos);
        }
        CHECK(note.find("Measured") != std::string::npos);
    }

#if defined(CARRY_HAS_APP)
    TEST_CASE("[init view] the quick grid fills in over several frames, as run at once") {
        const carry::test::HeadlessImGui imgui(1280, 800);
        carry::InitView view;
        view.quick = true;
        view.start_grid();
        view.frame_budget_ms = 0.0;  // one slice per frame
        int frames = 0;
        for (; frames < 200000 && view.grid_running; ++frames) {
            ImGui::NewFrame();
            ImGui::Begin("init");
            view.draw();
            ImGui::End();
            ImGui::Render();
        }
        CHECK(frames > 10);
        REQUIRE(view.grid->done());
        const carry::zoo::InitGrid whole = carry::zoo::run_init_grid(carry::zoo::init_grid_quick_config());
        const auto& c = whole.config();
        for (std::size_t t = 0; t < c.tasks.size(); ++t)
            for (std::size_t r = 0; r < c.rows.size(); ++r)
                for (std::size_t s = 0; s < c.scales.size(); ++s)
                    for (std::size_t m = 0; m < c.momenta.size(); ++m) {
                        CHECK(view.grid->cell(t, r, s, m).runs == static_cast<int>(c.seeds.size()));
                        CHECK(view.grid->cell(t, r, s, m).sequences_to_solve ==
                              whole.cell(t, r, s, m).sequences_to_solve);
                    }
        CHECK_FALSE(carry::zoo::init_grid_verdict(*view.grid, 0).empty());
    }

    TEST_CASE("[init view] nothing trains while the Init tab is not drawn") {
        carry::ModelsWindow w;
        w.open = true;
        w.init.quick = true;
        w.init.start_grid();
        w.interleaved.quick = true;
        w.interleaved.start();
        const double before = w.init.grid->progress(), before_rnn = w.interleaved.search->progress();
        for (int i = 0; i < 20; ++i) carry::models_update(w, 1.0 / 60.0);
        CHECK(w.init.grid->progress() == before);
        CHECK(w.interleaved.search->progress() == before_rnn);
    }

    TEST_CASE("[init view] the RNN on interleaved sums runs a slice per frame under the States tab") {
        const carry::test::HeadlessImGui imgui(1280, 800);
        carry::InterleavedRnnView view;
        view.quick = true;
        view.start();
        view.frame_budget_ms = 0.0;
        int frames = 0;
        for (; frames < 200000 && view.running; ++frames) {
            ImGui::NewFrame();
            ImGui::Begin("states");
            view.draw();
            ImGui::End();
            ImGui::Render();
        }
        CHECK(frames > 10);
        REQUIRE(view.search->done());
        CHECK(view.search->hidden_needed() == 4);  // as test_zoo_init_grid.cpp's quick search
    }
#endif
}
