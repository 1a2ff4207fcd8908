// Resumable runs (issue 14, item 2): a run saved to a model file and resumed trains on exactly as
// if it had never stopped (the same weights hash), natively and in WebAssembly; older model files
// (no optimizer state, no run position) still load and train.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "core/model_file.h"
#include "core/settings.h"
#include "core/trainer.h"
#if CARRY_HAS_APP
#include "app/model_menu.h"
#include "headless_app.h"
#endif

using namespace carry;

namespace {

void train_to(Trainer& tr, long long sequences) {
    while (!tr.solved() && tr.sequences() < sequences) tr.step(1);
}

// Trains to `stop`, saves the run as model-file text, loads it back, and trains to `end`.
std::string saved_and_resumed(const TrainConfig& c, std::uint64_t seed, long long stop, long long end) {
    Trainer first(c, seed);
    train_to(first, stop);
    Model m;
    REQUIRE(model_from_json(model_to_json(model_from_trainer(first)), m).empty());
    Trainer resumed(m.config, m.seed, model_trainer_state(m));
    train_to(resumed, end);
    return params_hash_hex(resumed.net().params) + " @" + std::to_string(resumed.sequences());
}

std::string uninterrupted(const TrainConfig& c, std::uint64_t seed, long long end) {
    Trainer tr(c, seed);
    train_to(tr, end);
    return params_hash_hex(tr.net().params) + " @" + std::to_string(tr.sequences());
}

}  // namespace

TEST_CASE("[resume] 600 sequences, saved, resumed to 1200: the weights of one run to 1200") {
    // The same figure as `carry-cli train --seed 1 --max-sequences 1200` (tests/cli/cli_test.py).
    CHECK(uninterrupted(TrainConfig{}, 1, 1200) == "36b5f67b93c727e5 @1200");
    CHECK(saved_and_resumed(TrainConfig{}, 1, 600, 1200) == "36b5f67b93c727e5 @1200");

    TrainConfig adam;  // Adam's moments, t and beta powers; a fixed initial state
    adam.optim.kind = OptimizerKind::Adam;
    adam.optim.lr = 0.05;
    adam.net.initial_state = InitialState::FixedHalf;
    CHECK(saved_and_resumed(adam, 2, 600, 1200) == uninterrupted(adam, 2, 1200));

    TrainConfig restarts;  // across restarts: the run's own counter, the curriculum, the next validation
    restarts.restart_after = 500;
    restarts.curriculum_grow_every = 50;
    restarts.validate_every = 96;
    CHECK(saved_and_resumed(restarts, 5, 704, 1600) == uninterrupted(restarts, 5, 1600));
}

TEST_CASE("[resume] the saved run holds the whole trainer state") {
    TrainConfig c;
    c.restart_after = 400;
    Trainer tr(c, 5);
    train_to(tr, 600);
    Model m;
    REQUIRE(model_from_json(model_to_json(model_from_trainer(tr)), m).empty());
    const TrainerState a = tr.state(), b = model_trainer_state(m);
    CHECK(b.net.params == a.net.params);
    CHECK(b.rng.s == a.rng.s);
    REQUIRE(b.optim.has_value());
    CHECK(b.optim->m == a.optim->m);
    CHECK(b.optim->t == a.optim->t);
    CHECK(b.sequences == 600);
    CHECK(b.restarts == 1);
    CHECK(b.progress.run_sequences == 200);
    CHECK(b.progress.next_validation == a.progress.next_validation);
    CHECK(b.progress.last_exact == a.progress.last_exact);
}

TEST_CASE("[resume] an older model file (no run position, or no optimizer state) still loads and trains") {
    std::ifstream f(std::string(CARRY_SOURCE_DIR) + "/fuzz/corpus/model_file/trained_h3.json");
    REQUIRE(f.good());
    std::stringstream text;
    text << f.rdbuf();
    Model m;
    REQUIRE(model_from_json(text.str(), m) == "");
    CHECK(m.progress.run_sequences == -1);  // unknown: taken as the total sequences
    {
        Trainer tr(m.config, m.seed, model_trainer_state(m));
        CHECK(tr.run_sequences() == m.sequences);
        tr.step(1);  // (a solved net stops after one minibatch)
        CHECK(tr.sequences() == m.sequences + m.config.batch);
    }
    m.optim.reset();  // a file without "optimizer_state": the optimizer starts afresh
    Model back;
    REQUIRE(model_from_json(model_to_json(m), back) == "");
    CHECK_FALSE(back.optim.has_value());
    Trainer tr(back.config, back.seed, model_trainer_state(back));
    CHECK(tr.optim_state().t == 0);
    tr.step(1);
    CHECK(tr.sequences() == m.sequences + m.config.batch);
}

TEST_CASE("[resume] a run position the file cannot hold is refused") {
    Trainer tr(TrainConfig{}, 1);
    tr.step(2);
    std::string text = model_to_json(model_from_trainer(tr));
    const std::string at = "\"run_sequences\": 16";
    REQUIRE(text.find(at) != std::string::npos);
    text.replace(text.find(at), at.size(), "\"run_sequences\": 99");  // more than the run's sequences
    Model m;
    CHECK(model_from_json(text, m).find("training_state.run_sequences") == 0);
}

#if CARRY_HAS_APP
TEST_CASE("[resume] the playground: a model saved mid-run and loaded again trains on as if it had never stopped") {
    test::Headless h(1280, 800);
    Playground& pg = h.pg();
    pg.pending_seed = 3;  // solves only after 28 608 sequences: still learning at 4800
    pg.push(CommandKind::TrainReset);
    h.frame();
    playground_train_some(pg, 2400, 0.0);
    std::snprintf(h.app.model_file.path, sizeof h.app.model_file.path, "%s", "test_resume_playground.json");
    REQUIRE(model_save_path(h.app));
    playground_train_some(pg, 2400, 0.0);
    const std::string straight = params_hash_hex(pg.trainer->net().params);

    REQUIRE(model_load_path(h.app));
    h.frame();  // the load is a command: playground_update applies it
    CHECK(pg.trainer->sequences() == 2400);
    playground_train_some(pg, 2400, 0.0);
    CHECK(pg.trainer->sequences() == 4800);
    CHECK(params_hash_hex(pg.trainer->net().params) == straight);
    std::remove("test_resume_playground.json");
}
#endif
