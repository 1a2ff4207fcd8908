// Tests for zoo/modes: the carry-in sum, the target modes changing what trains (targets at every
// step train at least as well as targets at the last two steps only; the final carry alone teaches
// nothing), the carry-in given only as a hidden unit's initial state still being learned, and the
// experiment giving the same table however it is sliced into frames (and, with the app, the
// playground's table filling in over several frames).
#include <doctest/doctest.h>

#include "core/zoo/modes.h"

#if defined(CARRY_HAS_APP)
#include <memory>

#include "app/modes_view.h"
#include "imgui.h"
#include "headless_app.h"
#endif

namespace {

using carry::zoo::Mode;
using carry::zoo::ModeKind;
using carry::zoo::ModesConfig;

Mode targets(int last_k) { return {ModeKind::Targets, last_k, "last " + std::to_string(last_k)}; }

}  // namespace

TEST_SUITE("zoo modes") {
    TEST_CASE("[modes] carry_in_sum adds the carry-in bit") {
        // 3 + 1 + 1 = 5: a = 11, b = 01 (LSB first: a = {1,1}, b = {1,0}), sum bits 101 -> {1,0,1}.
        const carry::Pair p = carry::make_pair({1, 1}, {1, 0});
        CHECK(carry::zoo::carry_in_sum(p, 1) == carry::BitVector{1, 0, 1});
        CHECK(carry::zoo::carry_in_sum(p, 0) == carry::true_sum(p));  // 3 + 1 = 4: {0,0,1}
        CHECK(carry::zoo::carry_in_sum(carry::make_pair({0}, {0}), 1) == carry::BitVector{1, 0});
    }

    TEST_CASE("[modes] targets at every step train at least as well as the last two; the final carry alone fails") {
        ModesConfig c;
        c.modes = {targets(0), targets(2), targets(1)};
        c.seeds = {1, 2, 3, 4, 5, 6};
        c.max_sequences = 8000;
        const auto r = carry::zoo::run_modes(c);
        REQUIRE(r.size() == 3u);
        for (const auto& m : r) {
            MESSAGE(m.mode.label << ": solved " << m.solved << "/" << m.runs << ", median " << m.median_sequences
                                 << " sequences, exact 64-bit " << m.mean_exact_64);
            CHECK(m.runs == 6);
        }
        CHECK(r[0].solved >= 4);  // the lecture's set-up trains on most seeds
        CHECK(r[0].solved >= r[1].solved);
        CHECK(r[0].mean_exact_64 >= r[1].mean_exact_64);
        CHECK(r[2].solved == 0);  // one bit per sequence is not enough to learn to add
    }

    TEST_CASE("[modes] the carry-in given only as a hidden unit's initial state is learned") {
        // Solving means adding a + b + c0 exactly on 1000 random 64-bit sums with random c0, and c0
        // reaches the net only through h(0) of unit 1: so the net reads its initial state.
        ModesConfig c;
        c.modes = {{ModeKind::CarryInInitialState, 0, "initial state"}, {ModeKind::CarryInColumn, 0, "column"}};
        c.seeds = {1, 3};
        c.max_sequences = 8000;
        const auto r = carry::zoo::run_modes(c);
        MESSAGE("carry-in as initial state: solved " << r[0].solved << "/2; as a column: " << r[1].solved << "/2");
        CHECK(r[0].solved >= 1);
        CHECK(r[1].solved >= 1);
    }

    TEST_CASE("[modes] the experiment gives the same table in one call or one minibatch per frame") {
        ModesConfig c;
        c.modes = {targets(0), {ModeKind::CarryInInitialState, 0, "initial state"}};
        c.seeds = {1};
        c.max_sequences = 4000;
        const auto whole = carry::zoo::run_modes(c);
        carry::zoo::ModesExperiment e(c);
        int frames = 0;
        while (!e.step(3)) ++frames;
        CHECK(frames > 10);
        CHECK(e.progress() == 1.0);
        CHECK(e.current_run().empty());
        REQUIRE(e.results().size() == whole.size());
        for (std::size_t i = 0; i < whole.size(); ++i) {
            CHECK(e.results()[i].solved == whole[i].solved);
            CHECK(e.results()[i].sequences_to_solve == whole[i].sequences_to_solve);
            CHECK(e.results()[i].mean_exact_64 == whole[i].mean_exact_64);
        }
        CHECK(whole[0].solved == 1);  // seed 1 solves in 2816 sequences
    }

#if defined(CARRY_HAS_APP)

    TEST_CASE("[modes] the playground's table fills in over several frames, a slice per frame") {
        const carry::test::HeadlessImGui imgui(900, 700);
        carry::ModesView view;
        ModesConfig c;
        c.modes = {targets(0), targets(1)};
        c.seeds = {1};
        c.max_sequences = 2000;
        view.experiment = std::make_unique<carry::zoo::ModesExperiment>(c);
        view.running = true;
        view.frame_budget_ms = 0.0;  // exactly one slice per frame, whatever the machine's speed
        int frames = 0;
        for (; frames < 100000 && view.running; ++frames) {
            ImGui::NewFrame();
            ImGui::Begin("modes");
            view.draw();
            ImGui::End();
            ImGui::Render();
        }
        CHECK(frames > 2);
        CHECK_FALSE(view.running);
        REQUIRE(view.experiment->done());
        CHECK(view.experiment->results()[0].runs == 1);
        CHECK(view.experiment->results()[1].solved == 0);
    }
#endif

}  // TEST_SUITE
