// Robustness sweep (issue 8): training with absurd settings never shows NaN, never freezes and never
// crashes. Each combination of learning rate 1e6, momentum 0.999, H=32, 4096-bit sums, batch 1024,
// clipping off and Adam trains a few minibatches headless; after every step the weights are finite
// and within kDivergedWeightLimit, the reported loss is finite, a diverged step restored exactly the
// weights from before it and said so, and the step returned in bounded time. The net is then used
// the way the playground uses it (a 4096-bit addition, a validation) with whatever weights it kept.
// Kept small enough to run in a few seconds natively (the wasm and asan stages run it too).
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "core/eval.h"
#include "core/task.h"
#include "core/trainer.h"

using namespace carry;

namespace {

struct Absurd {
    const char* name;
    double lr = 0.2;
    double momentum = 0.8;
    double clip = 1.0;
    bool adam = false;
    int hidden = 3;
    int batch = 8;
    int bits = 0;  // 0: the default curriculum (4 -> 16 bits); else every sum has exactly this many
    int steps = 20;
    bool must_diverge = false;
};

void check_weights(const Trainer& tr) {
    double biggest = 0.0;
    bool finite = true;
    for (double w : tr.net().params) {
        finite = finite && std::isfinite(w);
        biggest = std::fabs(w) > biggest ? std::fabs(w) : biggest;
    }
    REQUIRE(finite);
    REQUIRE(biggest <= kDivergedWeightLimit);
}

long long sweep_one(const Absurd& a) {
    INFO("setting: " << a.name);
    TrainConfig c;
    c.optim.lr = a.lr;
    c.optim.momentum = a.momentum;
    c.optim.clip_norm = a.clip;
    if (a.adam) c.optim.kind = OptimizerKind::Adam;
    c.net.hidden = a.hidden;
    c.batch = a.batch;
    if (a.bits > 0) {
        c.min_bits = c.max_bits = a.bits;
        c.curriculum = false;
    }
    // Validate often (the quick pre-check runs on exploded nets too), on short sums to stay cheap.
    c.validate_every = 2LL * a.batch;
    c.validation_bits = 16;
    c.quick_count = 16;
    c.validation_count = 32;
    Trainer tr(c, 7);
    long long diverged = 0;
    for (int s = 0; s < a.steps; ++s) {
        const std::vector<double> before = tr.net().params;
        const auto t0 = std::chrono::steady_clock::now();
        const StepResult r = tr.step(1);
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        CHECK(secs < 20.0);  // bounded work per call: never a freeze (generous for asan/wasm)
        REQUIRE(std::isfinite(r.loss));
        REQUIRE(std::isfinite(r.exact_accuracy));
        check_weights(tr);
        if (r.diverged) {
            ++diverged;
            CHECK(!r.message.empty());
            CHECK(r.message.find("diverged") != std::string::npos);
            CHECK(!(std::fabs(r.diverged_weight) <= kDivergedWeightLimit));  // why: big, inf or NaN
            if (!r.restarted) CHECK(tr.net().params == before);              // the last good weights, exactly
        }
    }
    CHECK(tr.divergences() == diverged);
    if (a.must_diverge) CHECK(diverged > 0);

    // The kept net still does what the playground asks of it, with finite numbers throughout.
    Rng rng(11);
    const Pair p = random_pair(rng, kMaxPairBits);
    std::vector<double> hidden;
    const BitVector sum = net_add(tr.net(), p, &hidden);
    CHECK(sum.size() == static_cast<std::size_t>(kMaxPairBits) + 1);
    bool bits_ok = true, hidden_finite = true;
    for (auto bit : sum) bits_ok = bits_ok && bit <= 1;
    for (double h : hidden) hidden_finite = hidden_finite && std::isfinite(h);
    CHECK(bits_ok);
    CHECK(hidden_finite);
    const double acc = tr.validate();
    CHECK(acc >= 0.0);
    CHECK(acc <= 1.0);
    return diverged;
}

}  // namespace

TEST_CASE("[robustness] absurd training settings never give NaN, never freeze, never crash") {
    const Absurd sweep[] = {
        {.name = "lr 1e6", .lr = 1e6, .must_diverge = true},
        {.name = "lr 1e6, clipping off", .lr = 1e6, .clip = 0.0, .must_diverge = true},
        {.name = "momentum 0.999, clipping off", .momentum = 0.999, .clip = 0.0, .steps = 60},
        {.name = "lr 1e6, momentum 0.999, clipping off",
         .lr = 1e6,
         .momentum = 0.999,
         .clip = 0.0,
         .must_diverge = true},
        {.name = "Adam lr 1e6, clipping off", .lr = 1e6, .clip = 0.0, .adam = true, .must_diverge = true},
        {.name = "H=32, lr 1e6, momentum 0.999, clipping off",
         .lr = 1e6,
         .momentum = 0.999,
         .clip = 0.0,
         .hidden = 32,
         .must_diverge = true},
        {.name = "H=32, momentum 0.999, clipping off", .momentum = 0.999, .clip = 0.0, .hidden = 32},
        {.name = "batch 1024, lr 1e6, clipping off",
         .lr = 1e6,
         .clip = 0.0,
         .batch = 1024,
         .steps = 4,
         .must_diverge = true},
        {.name = "batch 1024, H=32, momentum 0.999", .momentum = 0.999, .hidden = 32, .batch = 1024, .steps = 3},
        {.name = "4096-bit sums, lr 1e6, clipping off",
         .lr = 1e6,
         .clip = 0.0,
         .batch = 1,
         .bits = 4096,
         .steps = 4,
         .must_diverge = true},
        {.name = "4096-bit sums, H=32, lr 1e6, momentum 0.999, clipping off",
         .lr = 1e6,
         .momentum = 0.999,
         .clip = 0.0,
         .hidden = 32,
         .batch = 2,
         .bits = 4096,
         .steps = 3,
         .must_diverge = true},
        {.name = "4096-bit sums, batch 16, momentum 0.999, clipping off",
         .momentum = 0.999,
         .clip = 0.0,
         .batch = 16,
         .bits = 4096,
         .steps = 3},
        {.name = "tiny lr 1e-300, momentum 0.999", .lr = 1e-300, .momentum = 0.999, .clip = 0.0},
    };
    long long total = 0;
    for (const Absurd& a : sweep) total += sweep_one(a);
    MESSAGE("diverged minibatches caught across the sweep: " << total);
}

TEST_CASE("[robustness] the divergence guard reports a finite explosion and keeps the weights before it") {
    TrainConfig c;
    c.optim.lr = 1e6;
    c.optim.clip_norm = 0.0;
    Trainer tr(c, 1);
    const std::vector<double> before = tr.net().params;
    const StepResult r = tr.step(1);
    REQUIRE(r.diverged);
    CHECK(tr.net().params == before);
    CHECK(std::isfinite(r.diverged_weight));  // huge but finite: the NaN-only guard missed this
    CHECK(r.diverged_weight > kDivergedWeightLimit);
    CHECK(r.message.find("beyond") != std::string::npos);
    // Momentum is forgotten: a sane learning rate afterwards trains normally from the kept weights.
    c.optim.lr = 0.2;
    c.optim.clip_norm = 1.0;
    tr.set_config(c);
    tr.reset_optimizer();
    const StepResult ok = tr.step(20);
    CHECK(!ok.diverged);
    CHECK(tr.divergences() == 1);
}

TEST_CASE("[robustness] default training never trips the divergence guard") {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        Trainer tr(TrainConfig{}, seed);
        while (tr.sequences() < 4000 && !tr.solved()) {
            const StepResult r = tr.step(8);
            CHECK(!r.diverged);
        }
        CHECK(tr.divergences() == 0);
    }
}
