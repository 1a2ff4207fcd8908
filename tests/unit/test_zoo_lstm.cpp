// Tests for core/zoo/lstm: the hand-written backpropagation through time matches centred finite
// differences for every parameter group, the LSTM learns to add (exact 32-bit sums after a short
// run on the zoo's streams), and everything is deterministic down to the bit.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/mathx.h"
#include "core/rng.h"
#include "core/zoo/lstm.h"

using carry::Pair;
using carry::Rng;
using namespace carry::zoo;

namespace {

// Sum of the sequence losses over a few pairs of different lengths.
double total_loss(const Lstm& lstm, const std::vector<Pair>& pairs) {
    LstmTrace tr;
    double loss = 0.0;
    for (const Pair& p : pairs) loss += lstm_forward(tr, lstm, p);
    return loss;
}

}  // namespace

TEST_SUITE("zoo lstm") {
    TEST_CASE("[lstm] backpropagation through time matches centred finite differences, every group") {
        LstmConfig cfg;
        cfg.hidden = 3;
        Lstm lstm = lstm_init(cfg);
        Rng rng(5);
        for (double& w : lstm.params) w = 0.9 * rng.normal();  // every bias and gate off its start value
        std::vector<Pair> pairs{carry::random_pair(rng, 3), carry::random_pair(rng, 6), carry::random_pair(rng, 9)};

        std::vector<double> grads(lstm.params.size(), 0.0);
        for (const Pair& p : pairs) {
            LstmTrace tr;
            lstm_forward(tr, lstm, p);
            lstm_backward(grads, tr, lstm, lstm_loss_derivatives(tr, p));
        }
        std::vector<double> numeric(lstm.params.size());
        const double eps = 1e-5;
        for (std::size_t k = 0; k < lstm.params.size(); ++k) {
            Lstm plus = lstm, minus = lstm;
            plus.params[k] += eps;
            minus.params[k] -= eps;
            numeric[k] = (total_loss(plus, pairs) - total_loss(minus, pairs)) / (2 * eps);
        }
        const LstmLayout l = lstm_layout(cfg.hidden);
        const struct {
            const char* name;
            std::size_t from, to;
        } groups[] = {{"W (gates <- inputs, h)", l.w, l.b},
                      {"b (gates)", l.b, l.w_out},
                      {"w_out", l.w_out, l.b_out},
                      {"b_out", l.b_out, l.total}};
        for (const auto& g : groups) {
            double diff2 = 0.0, norm2 = 0.0;
            for (std::size_t k = g.from; k < g.to; ++k) {
                diff2 += (grads[k] - numeric[k]) * (grads[k] - numeric[k]);
                norm2 += numeric[k] * numeric[k];
            }
            const double rel = std::sqrt(diff2) / std::sqrt(norm2);
            MESSAGE(std::string(g.name) << ": first analytic " << grads[g.from] << ", numeric " << numeric[g.from]
                                        << ", relative error " << rel);
            CHECK(norm2 > 0.0);  // the group's gradient is not trivially zero
            CHECK(rel < 1e-6);
        }
    }

    TEST_CASE("[lstm] the zoo model learns to add: exact 32-bit sums after 40 000 sequences") {
        const ZooData data = make_zoo_data(1, 4000, 1, 16);
        LstmConfig cfg;
        cfg.sequences = 40000;
        auto model = make_lstm(data, cfg);
        CHECK(model->name() == "LSTM");
        CHECK(model->params() == lstm_param_count(4));
        CHECK(model->params() == 117u);
        CHECK(model->progress() == 0.0);
        const auto start = std::chrono::steady_clock::now();
        int calls = 0;
        while (!model->train_some()) ++calls;
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        CHECK(calls == 40000 / cfg.slice - 1);  // bounded slices: the playground drives it between frames
        CHECK(model->progress() == 1.0);
        CHECK(model->train_some());  // done stays done

        Rng rng(77);
        int exact = 0;
        for (int i = 0; i < 20; ++i) {
            const Pair p = carry::random_pair(rng, 32);
            const auto bits = model->add(p);
            REQUIRE(bits.has_value());
            CHECK(bits->size() == 33u);
            exact += *bits == carry::true_sum(p);
        }
        MESSAGE("LSTM H=4, 40000 sequences in " << secs << " s: " << exact << "/20 random 32-bit sums exact");
        CHECK(exact == 20);
    }

    TEST_CASE("[lstm] deterministic: same seed, same bits; a golden loss; bad settings refused") {
        LstmConfig cfg;
        const Lstm a = lstm_init(cfg), b = lstm_init(cfg);
        CHECK(a.params == b.params);
        cfg.seed = 2;
        CHECK(lstm_init(cfg).params != a.params);
        Rng rng(3);
        const Pair p = carry::random_pair(rng, 24);
        LstmTrace tr;
        const double loss = lstm_forward(tr, a, p);
        // The same bits natively and in WebAssembly: det_exp / sigmoid only, no libm.
        MESSAGE("golden loss " << loss << " bits " << carry::double_to_bits(loss));
        CHECK(carry::double_to_bits(loss) == 4625514046964388512ull);

        // Two models on the same data give the same sums after the same training.
        const ZooData data = make_zoo_data(4, 500, 1, 12);
        LstmConfig short_run;
        short_run.sequences = 3000;
        auto m1 = make_lstm(data, short_run), m2 = make_lstm(data, short_run);
        while (!m1->train_some()) {}
        while (!m2->train_some()) {}
        Rng r2(8);
        for (int i = 0; i < 10; ++i) {
            const Pair q = carry::random_pair(r2, 64);
            CHECK(*m1->add(q) == *m2->add(q));
        }

        LstmConfig bad;
        bad.hidden = 0;
        CHECK_THROWS_AS(lstm_init(bad), std::invalid_argument);
        bad.hidden = kMaxLstmHidden + 1;
        CHECK_THROWS_AS(make_lstm(data, bad), std::invalid_argument);
        LstmConfig bad_batch;
        bad_batch.batch = 0;
        CHECK_THROWS_AS(make_lstm(data, bad_batch), std::invalid_argument);
    }

}  // TEST_SUITE
