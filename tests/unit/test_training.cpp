// Training: the default settings solve fixed seeds within a budget; optimizers, restarts,
// curriculum and the divergence guard behave.
#include <doctest/doctest.h>

#include <cmath>

#include "core/eval.h"
#include "core/trainer.h"

using namespace carry;

TEST_CASE("[training] default settings solve a few fixed seeds within a budget") {
    for (std::uint64_t seed : {1, 2, 3}) {
        const SolveResult r = train_until_solved(TrainConfig{}, seed, 100000);
        MESSAGE("seed " << seed << ": " << r.sequences << " sequences, " << r.restarts << " restarts");
        CHECK(r.solved);
        CHECK(r.exact_accuracy_64 == 1.0);
        // The validation claim holds on fresh pairs too.
        CHECK(evaluate(r.net, 64, 200, 999).exact_accuracy == 1.0);
    }
}

TEST_CASE("[training] Adam with clipping also learns; loss falls") {
    TrainConfig cfg;
    cfg.optim.kind = OptimizerKind::Adam;
    cfg.optim.lr = 0.05;
    cfg.optim.clip_norm = 5.0;
    cfg.restart_after = 0;
    cfg.curriculum = false;  // one length, so losses compare
    cfg.min_bits = cfg.max_bits = 8;
    Trainer tr(cfg, 11);
    const double first = tr.step(20).loss;
    StepResult r;
    for (int k = 0; k < 100 && !r.solved; ++k) r = tr.step(20);
    MESSAGE("Adam: loss " << first << " -> " << r.loss);
    CHECK(r.loss < 0.5 * first);
}

TEST_CASE("[training] fixed initial states stay fixed; o0 never changes") {
    for (InitialState mode : {InitialState::FixedHalf, InitialState::FixedZero, InitialState::Learned}) {
        TrainConfig cfg;
        cfg.net.initial_state = mode;
        Trainer tr(cfg, 5);
        const Net before = tr.net();
        tr.step(50);
        const ParamLayout lay = param_layout(3);
        CHECK(tr.net().params[lay.o0] == before.params[lay.o0]);
        const bool h0_same = tr.net().params[lay.h0] == before.params[lay.h0];
        CHECK(h0_same == (mode != InitialState::Learned));
        if (mode == InitialState::FixedZero) CHECK(tr.net().params[lay.h0] == 0.0);
    }
}

TEST_CASE("[training] curriculum grows the training length; restarts are counted") {
    TrainConfig cfg;
    cfg.curriculum_start_bits = 2;
    cfg.curriculum_grow_every = 16;
    cfg.max_bits = 6;
    cfg.restart_after = 64;
    cfg.validate_every = 0;  // never solved, so it must restart
    Trainer tr(cfg, 1);
    CHECK(tr.current_max_bits() == 2);
    tr.step(4);  // 32 sequences
    CHECK(tr.current_max_bits() == 4);
    const StepResult r = tr.step(4);
    CHECK(r.restarted);
    CHECK(tr.restarts() == 1);
    CHECK(tr.current_max_bits() == 2);
    CHECK(r.sequences == 64);
}

TEST_CASE("[training] divergence guard restores the last good weights") {
    TrainConfig cfg;
    Trainer tr(cfg, 2);
    tr.step(5);
    const Net good = tr.net();
    tr.net().params[0] = std::nan("");  // as if an update had blown up
    const StepResult r = tr.step(1);
    // The poisoned step is detected; the weights come back finite.
    CHECK(r.diverged);
    CHECK_FALSE(r.message.empty());
    for (double v : tr.net().params) CHECK(std::isfinite(v));
    CHECK(tr.net().params == good.params);
}
