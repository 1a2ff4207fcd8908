// Tests for issue 20's careful initialization with momentum (core/optim.h's momentum schedule,
// core/net.h's recurrent initializations, core/zoo/init_grid.h), the initial state measured
// (core/zoo/initial_state.h) and the recurrent net on two interleaved sums (core/zoo/interleaved.h).
// Runs natively and under Node: the recorded hashes and counts below must hold on both.
#include <doctest/doctest.h>

#include <cmath>

#include "core/optim.h"
#include "core/settings.h"
#include "core/trainer.h"
#include "core/zoo/hmm.h"
#include "core/zoo/init_grid.h"
#include "core/zoo/initial_state.h"
#include "core/zoo/interleaved.h"

using namespace carry;
using namespace carry::zoo;

TEST_SUITE("zoo init grid") {
    TEST_CASE("[init] the momentum schedule at hand-computed steps") {
        // mu_t = min(1 - 1 / (2 (floor(t / 250) + 1)), mu_max)
        CHECK(scheduled_momentum(0, 0.99) == 0.5);
        CHECK(scheduled_momentum(249, 0.99) == 0.5);
        CHECK(scheduled_momentum(250, 0.99) == 0.75);
        CHECK(scheduled_momentum(500, 0.99) == doctest::Approx(5.0 / 6.0).epsilon(1e-15));
        CHECK(scheduled_momentum(999, 0.99) == 0.875);
        CHECK(scheduled_momentum(1000, 0.99) == 0.9);
        CHECK(scheduled_momentum(2250, 0.99) == 0.95);
        CHECK(scheduled_momentum(12250, 0.99) == 0.99);  // 1 - 1/100 = 0.99: the ceiling reached
        CHECK(scheduled_momentum(1000000, 0.99) == 0.99);
        CHECK(scheduled_momentum(250, 0.6) == 0.6);
    }

    TEST_CASE("[init] SGD uses the schedule's momentum when asked, the constant otherwise") {
        OptimConfig c;
        c.lr = 1.0;
        c.clip_norm = 0.0;
        c.momentum = 0.99;
        for (const bool schedule : {false, true}) {
            c.momentum_schedule = schedule;
            std::vector<double> p{0.0}, g{1.0};
            OptimState st;
            optim_step(p, g, st, c, {});  // velocity -1
            g = {1.0};
            optim_step(p, g, st, c, {});  // velocity -mu - 1
            CHECK(st.m[0] == -(schedule ? 0.5 : 0.99) - 1.0);
        }
        CHECK_FALSE(OptimConfig{}.momentum_schedule);  // the default: a constant momentum
    }

    TEST_CASE("[init] orthogonal recurrent weights: Q^T Q = I, deterministic, the rest as random init") {
        CHECK(NetConfig{}.recurrent_init == RecurrentInit::Random);
        for (const int H : {1, 3, 5, 16, 32}) {
            CAPTURE(H);
            NetConfig nc;
            nc.hidden = H;
            nc.init_scale = 1.5;
            const Net random = net_init(nc, 42);
            nc.recurrent_init = RecurrentInit::Orthogonal;
            const Net a = net_init(nc, 42), b = net_init(nc, 42);
            CHECK(a.params == b.params);
            const ConstParamView p = a.view();
            double worst = 0.0;
            for (int i = 0; i < H; ++i)
                for (int j = 0; j < H; ++j) {
                    double d = 0.0;
                    for (int k = 0; k < H; ++k) d += p.w_rec[k * H + i] * p.w_rec[k * H + j];
                    d /= nc.init_scale * nc.init_scale;
                    worst = std::max(worst, std::fabs(d - (i == j ? 1.0 : 0.0)));
                }
            CHECK(worst < 1e-12);
            const ParamLayout l = param_layout(H);
            for (std::size_t k = 0; k < l.total; ++k)
                if (k < l.w_rec || k >= l.b_hid) CHECK(a.params[k] == random.params[k]);
        }
        // Another seed, another matrix.
        NetConfig nc;
        nc.recurrent_init = RecurrentInit::Orthogonal;
        CHECK(net_init(nc, 1).params != net_init(nc, 2).params);
    }

    TEST_CASE("[init] orthonormalize copes with a rank-deficient matrix") {
        std::vector<double> m = {1, 1, 0, 1, 1, 0, 1, 1, 0};  // every column the same or zero
        orthonormalize(m.data(), 3);
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) {
                double d = 0.0;
                for (int k = 0; k < 3; ++k) d += m[k * 3 + i] * m[k * 3 + j];
                CHECK(d == doctest::Approx(i == j ? 1.0 : 0.0).epsilon(1e-12));
            }
    }

    TEST_CASE("[init] identity recurrent weights are init_scale times I, the rest as random init") {
        NetConfig nc;
        nc.hidden = 4;
        nc.init_scale = 0.5;
        const Net random = net_init(nc, 9);
        nc.recurrent_init = RecurrentInit::Identity;
        const Net net = net_init(nc, 9);
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 4; ++j) CHECK(net.view().w_rec[i * 4 + j] == (i == j ? 0.5 : 0.0));
        for (int k = 0; k < 8; ++k) CHECK(net.view().w_in[k] == random.view().w_in[k]);
        CHECK(*net.view().b_out == *random.view().b_out);
    }

    TEST_CASE("[init] one recorded run with orthogonal W_rec and the schedule (the same natively and in wasm)") {
        TrainConfig c;
        c.net.recurrent_init = RecurrentInit::Orthogonal;
        c.net.init_scale = 1.0;
        c.optim.momentum = 0.99;
        c.optim.momentum_schedule = true;
        Trainer tr(c, 5);
        while (tr.sequences() < 4000) tr.step(1);
        MESSAGE("weight hash " << params_hash_hex(tr.net().params));
        CHECK(params_hash_hex(tr.net().params) == "a97bc0d2a18acfd7");
    }

    TEST_CASE("[init] a grid cell is what training that cell's settings seed by seed gives") {
        InitGridConfig c;
        c.tasks = {c.tasks[0]};
        c.rows = {RecurrentInit::Orthogonal};
        c.scales = {1.0};
        c.momenta = {{0.99, true, "schedule"}};
        c.seeds = {1, 2, 3};
        c.max_sequences = 4000;
        InitGrid sliced(c);
        while (!sliced.step(3)) {}
        const SweepResult& cell = sliced.cell(0, 0, 0, 0);
        const InitGrid whole = run_init_grid(c);
        CHECK(whole.cell(0, 0, 0, 0).sequences_to_solve == cell.sequences_to_solve);
        // By hand: the cell's settings, one Trainer per seed, no restarts.
        int solved = 0;
        std::vector<long long> used;
        for (std::uint64_t seed : c.seeds) {
            Trainer tr(init_grid_train_config(c.tasks[0], c.rows[0], 1.0, c.momenta[0]), seed);
            while (!tr.solved() && tr.sequences() < c.max_sequences) tr.step(1);
            if (tr.solved()) {
                ++solved;
                used.push_back(tr.sequences());
            }
        }
        MESSAGE("cell: " << cell.solved << " of " << cell.runs << ", median " << cell.median_sequences);
        CHECK(cell.runs == 3);
        CHECK(cell.solved == solved);
        CHECK(cell.sequences_to_solve == used);
        CHECK(cell.median_sequences == median_sequences(used));
        CHECK(cell.solved == 1);  // recorded: natively and in wasm alike
        CHECK(cell.median_sequences == 3840);
    }

    TEST_CASE("[init] the verdict names the best cell from the numbers") {
        InitGridConfig c;
        c.tasks = {c.tasks[0]};
        c.rows = {RecurrentInit::Random};
        c.scales = {2.0};
        c.momenta = {{0.0, false, "0"}, {0.8, false, "0.8"}};
        c.seeds = {1, 2};
        c.max_sequences = 3000;
        const InitGrid g = run_init_grid(c);
        const std::string v = init_grid_verdict(g, 0);
        MESSAGE(v);
        CHECK(v.find("best cell") != std::string::npos);
        CHECK(v.find("Momentum") != std::string::npos);
    }

    TEST_CASE("[init] median_sequences") {
        CHECK(median_sequences({}) == -1);
        CHECK(median_sequences({5}) == 5);
        CHECK(median_sequences({9, 1, 5}) == 5);
        CHECK(median_sequences({4, 1, 9, 2}) == 3);
    }
}

TEST_SUITE("zoo initial state") {
    TEST_CASE("[initial state] the recorded figures the settings panel shows: one row recomputed") {
        InitialStateConfig c;
        c.modes = {InitialState::FixedZero};
        InitialStateExperiment e(c);
        while (!e.step(64)) {}
        const SweepResult& r = e.results()[0];
        MESSAGE("fixed at 0: " << r.solved << " of " << r.runs << ", median " << r.median_sequences);
        const RecordedInitialState& rec = kRecordedInitialState[2];
        REQUIRE(rec.mode == InitialState::FixedZero);
        CHECK(r.runs == rec.runs);
        CHECK(r.solved == rec.solved);
        CHECK(r.median_sequences == rec.median_sequences);
    }

    TEST_CASE("[initial state] the verdict follows the numbers, not the lecture") {
        const std::vector<InitialState> modes = {InitialState::Learned, InitialState::FixedHalf};
        SweepResult learned, half;
        learned.runs = half.runs = 10;
        learned.solved = 5;
        half.solved = 9;
        half.median_sequences = 3000;
        learned.median_sequences = 2000;
        CHECK(initial_state_verdict(modes, {learned, half}).find("not borne out") != std::string::npos);
        learned.solved = 10;
        CHECK(initial_state_verdict(modes, {learned, half}).find("as the lecture says") != std::string::npos);
        SweepResult unfinished;
        CHECK(initial_state_verdict(modes, {learned, unfinished}).empty());
    }
}

TEST_SUITE("zoo interleaved rnn") {
    TEST_CASE("[interleaved] the net reads the HMM's interleaved stream") {
        Rng rng(3);
        const Pair p = random_pair(rng, 5), q = random_pair(rng, 5);
        const IoStream s = interleaved_stream({p, q});
        const Pair x = interleaved_input_pair(p, q);
        REQUIRE(pair_columns(x.bits()) == static_cast<int>(s.inputs.size()));
        for (int t = 0; t < pair_columns(x.bits()); ++t)
            CHECK(column_symbol(column_a(x, t), column_b(x, t)) == s.inputs[static_cast<std::size_t>(t)]);
        // The batch source's targets are the stream's outputs.
        auto src = interleaved_sums_source();
        std::vector<Batch> parts;
        Rng r1(7), r2(7);
        src->draw(parts, r1, make_net(NetConfig{}), 2, 4);
        REQUIRE(parts.size() == 1);
        const Pair a = random_pair(r2, 4), b = random_pair(r2, 4);
        const IoStream want = interleaved_stream({a, b});
        REQUIRE(parts[0].T == static_cast<int>(want.outputs.size()));
        for (int t = 0; t < parts[0].T; ++t)
            CHECK(parts[0].target[static_cast<std::size_t>(t * 2)] == want.outputs[static_cast<std::size_t>(t)]);
    }

    TEST_CASE("[interleaved] the quick search: deterministic however sliced, stops at the first size that solves") {
        const InterleavedConfig c = interleaved_quick_config();
        InterleavedSearch a(c), b(c);
        while (!a.step(1)) {}
        while (!b.step(1 << 20)) {}
        REQUIRE(a.rows().size() == b.rows().size());
        for (std::size_t i = 0; i < a.rows().size(); ++i) {
            MESSAGE("H = " << a.rows()[i].hidden << ": " << a.rows()[i].result.solved << " of "
                           << a.rows()[i].result.runs);
            CHECK(a.rows()[i].result.sequences_to_solve == b.rows()[i].result.sequences_to_solve);
        }
        const int h = a.hidden_needed();
        if (h > 0) CHECK(a.rows().back().hidden == h);
        MESSAGE(interleaved_verdict(a));
        CHECK(h == 4);
    }
}
