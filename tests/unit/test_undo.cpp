// test_undo: every destructive action (a preset, Reset, a loaded model, a new hidden size) can be
// undone from the notice bar, and Undo brings the replaced net back exactly (issue 21, item 3).
#include <doctest/doctest.h>

#include <string>

#include "app/app.h"
#include "core/eval.h"
#include "core/model_file.h"
#include "core/settings.h"
#include "headless_app.h"

using namespace carry;
using namespace carry::test;

namespace {

struct NetPrint {
    std::string hash;
    long long sequences = 0;
    bool solved = false;
    std::uint64_t seed = 0;
    int hidden = 0;
    std::size_t history = 0;
};

NetPrint print_of(const Playground& pg) {
    return NetPrint{params_hash_hex(pg.trainer->net().params),
                    pg.trainer->sequences(),
                    pg.trainer->solved(),
                    pg.seed,
                    pg.settings.net.hidden,
                    pg.meas.history.size()};
}

void check_same(const NetPrint& a, const NetPrint& b) {
    CHECK(a.hash == b.hash);
    CHECK(a.sequences == b.sequences);
    CHECK(a.solved == b.solved);
    CHECK(a.seed == b.seed);
    CHECK(a.hidden == b.hidden);
    CHECK(a.history == b.history);
}

// A solved net, then `destroy` queued and applied: the notice offers Undo; Undo brings it back, and
// it trains on exactly as the untouched run does.
template <class Destroy>
void check_undo(Destroy destroy) {
    Headless h(1280, 800);
    h.frames(2);
    Playground& pg = h.pg();
    REQUIRE(playground_train_until_solved(pg, 400000));
    h.frame();
    const NetPrint before = print_of(pg);
    REQUIRE(before.sequences > 0);

    destroy(pg);
    h.frame();
    CHECK(print_of(pg).hash != before.hash);
    CHECK(pg.notice.find("replaced the trained net") != std::string::npos);
    CHECK(pg.notice_offers_undo());

    pg.push(CommandKind::Undo);
    h.frame();
    check_same(print_of(pg), before);
    CHECK(pg.settings.optim.lr == pg.pending_settings.optim.lr);
    CHECK_FALSE(pg.undo);
    CHECK_FALSE(pg.notice_offers_undo());
    // The run goes on bit for bit: the same step as a run that was never replaced.
    Trainer twin(pg.trainer->config(), pg.trainer->seed(), pg.trainer->state());
    twin.step(3);
    pg.trainer->step(3);
    CHECK(params_hash_hex(pg.trainer->net().params) == params_hash_hex(twin.net().params));
}

}  // namespace

TEST_CASE("[undo] Fresh net throws away a solved net; Undo restores its weights hash and sequences") {
    check_undo([](Playground& pg) { pg.push(CommandKind::LoadPreset, static_cast<int>(Preset::Fresh)); });
}

TEST_CASE("[undo] Reset is undone") {
    check_undo([](Playground& pg) { pg.push(CommandKind::TrainReset); });
}

TEST_CASE("[undo] the hand-wired and pre-trained presets are undone") {
    check_undo([](Playground& pg) { pg.push(CommandKind::LoadPreset, static_cast<int>(Preset::HandWired)); });
    check_undo([](Playground& pg) {
        pg.pending_seed = 5;  // another run: the pre-trained net differs from the solved seed-1 net
        pg.push(CommandKind::LoadPreset, static_cast<int>(Preset::PreTrained));
    });
}

TEST_CASE("[undo] a new hidden size and a loaded model are undone") {
    check_undo([](Playground& pg) {
        pg.pending_settings.net.hidden = 5;
        pg.push(CommandKind::ApplySettings);
    });
    check_undo([](Playground& pg) {
        Trainer other(TrainConfig{}, 9);
        other.step(4);
        pg.commands.push_back(Command{CommandKind::LoadModel, 0, model_to_json(model_from_trainer(other)), {}});
    });
}

TEST_CASE("[undo] a new task starts a new net, and is undone (issue 19)") {
    check_undo([](Playground& pg) {
        pg.pending_settings.task = *find_task("parity");
        pg.push(CommandKind::ApplySettings);
    });
    Headless h(1280, 800);
    h.frames(2);
    Playground& pg = h.pg();
    pg.push(CommandKind::TrainStep);
    h.frame();
    const std::string before = params_hash_hex(pg.trainer->net().params);
    pg.pending_settings.task = *find_task("div3");
    pg.push(CommandKind::ApplySettings);
    h.frame();
    CHECK(pg.trainer->config().task.name == "div3");
    CHECK(pg.trainer->sequences() == 0);  // a new net, not the adder's weights trained on
    CHECK(params_hash_hex(pg.trainer->net().params) != before);
    CHECK(pg.notice.find("for the task div3") != std::string::npos);
}

TEST_CASE("[undo] replacing a fresh net offers no undo; a refused model keeps the net and offers none") {
    Headless h(1280, 800);
    h.frames(2);
    Playground& pg = h.pg();
    pg.push(CommandKind::TrainReset);
    h.frame();
    CHECK_FALSE(pg.undo);
    CHECK(pg.notice.empty());
    pg.push(CommandKind::TrainStep);
    h.frame();
    const NetPrint before = print_of(pg);
    pg.commands.push_back(Command{CommandKind::LoadModel, 0, "{not a model", {}});
    h.frame();
    check_same(print_of(pg), before);
    CHECK_FALSE(pg.notice_offers_undo());
    pg.push(CommandKind::Undo);  // nothing to undo: nothing happens
    h.frame();
    check_same(print_of(pg), before);
}

TEST_CASE("[undo] the notice bar's Undo button brings the net back") {
    Headless h(1280, 800);
    h.frames(2);
    Playground& pg = h.pg();
    REQUIRE(playground_train_until_solved(pg, 400000));
    const std::string hash = params_hash_hex(pg.trainer->net().params);
    pg.push(CommandKind::LoadPreset, static_cast<int>(Preset::Fresh));
    h.frames(2);
    REQUIRE(pg.notice_offers_undo());
    h.frame();  // the notice's height fits its new text a frame after it appears
    REQUIRE(pg.drawn.rects.undo_button.drawn);
    const UiRect r = pg.drawn.rects.undo_button;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((r.x0 + r.x1) * 0.5f, (r.y0 + r.y1) * 0.5f);
    h.frame();
    io.MouseDown[0] = true;
    h.frame();
    io.MouseDown[0] = false;
    h.frame();
    h.frame();
    CHECK(params_hash_hex(pg.trainer->net().params) == hash);
    CHECK_FALSE(pg.drawn.rects.undo_button.drawn);  // nothing left to undo
}

TEST_CASE("[presets] the hand-wired preset wires the task's machine, or says why it cannot (issue 19)") {
    Headless h(1280, 800);
    h.frames(2);
    Playground& pg = h.pg();
    pg.pending_settings.task = *find_task("times3");
    pg.push(CommandKind::ApplySettings);
    pg.push(CommandKind::LoadPreset, static_cast<int>(Preset::HandWired));
    h.frame();
    CHECK(pg.trainer->net().hidden() == 12);  // 6 states x 2 columns
    CHECK(pg.trainer->config().task.name == "times3");
    CHECK(evaluate(pg.trainer->net(), 300, 20, 1, pg.trainer->config().task).exact_accuracy == 1.0);
    CHECK(pg.notice.find("computes the task exactly") != std::string::npos);
    // delay3 needs 32 units, beyond the hidden row's 16: refused, the net kept.
    const std::string before = params_hash_hex(pg.trainer->net().params);
    pg.pending_settings.task = *find_task("delay3");
    pg.push(CommandKind::ApplySettings);
    h.frame();
    const std::string fresh = params_hash_hex(pg.trainer->net().params);
    CHECK(fresh != before);  // the new task's new net
    pg.push(CommandKind::LoadPreset, static_cast<int>(Preset::HandWired));
    h.frame();
    CHECK(pg.notice_is_error);
    CHECK(pg.notice.find("needs 32 hidden units") != std::string::npos);
    CHECK(params_hash_hex(pg.trainer->net().params) == fresh);
}
