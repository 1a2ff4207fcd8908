// Issue 20, item 5, the LSTM live: the gate view (core/zoo/lstm_gates.h) equals the LSTM's forward
// pass written out again here from the parameters; the live trainer (core/zoo/lstm_trainer.h)
// learns exact addition with one recorded weight hash (natively and under Node, WebAssembly);
// the carry analysis finds the cell that follows the carry. The panel's tests (app/lstm_view.h)
// follow, where the app is built.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/automaton.h"
#include "core/binary_text.h"
#include "core/rng.h"
#include "core/settings.h"
#include "core/zoo/lstm_gates.h"
#include "core/zoo/lstm_trainer.h"

using namespace carry;
using namespace carry::zoo;

namespace {

double logistic(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// One sum through the LSTM, step by step, from the parameter buffer's documented layout (lstm.h),
// with libm's exp: an independent check of what the view shows.
struct Recomputed {
    std::vector<double> i, f, g, o, c, h, y;  // (T, H) and (T)
};
Recomputed recompute(const Lstm& lstm, const Pair& p) {
    const int H = lstm.hidden, K = 2 + H, T = p.bits() + 1;
    const double* W = lstm.params.data();  // (4H, 2+H)
    const double* bias = W + 4 * H * K;    // (4H)
    const double* w_out = bias + 4 * H;    // (H)
    const double b_out = w_out[H];
    Recomputed r;
    std::vector<double> h_prev(static_cast<std::size_t>(H), 0.0), c_prev(static_cast<std::size_t>(H), 0.0);
    for (int t = 0; t < T; ++t) {
        const double a = t < p.bits() ? p.a[static_cast<std::size_t>(t)] : 0;
        const double b = t < p.bits() ? p.b[static_cast<std::size_t>(t)] : 0;
        const auto z = [&](int gate, int cell) {
            const int row = gate * H + cell;
            double s = bias[row] + W[row * K] * a + W[row * K + 1] * b;
            for (int j = 0; j < H; ++j) s += W[row * K + 2 + j] * h_prev[static_cast<std::size_t>(j)];
            return s;
        };
        std::vector<double> h(static_cast<std::size_t>(H)), c(static_cast<std::size_t>(H));
        double y = b_out;
        for (int k = 0; k < H; ++k) {
            const double gi = logistic(z(0, k)), gf = logistic(z(1, k)), gg = std::tanh(z(2, k)),
                         go = logistic(z(3, k));
            c[static_cast<std::size_t>(k)] = gf * c_prev[static_cast<std::size_t>(k)] + gi * gg;
            h[static_cast<std::size_t>(k)] = go * std::tanh(c[static_cast<std::size_t>(k)]);
            y += w_out[k] * h[static_cast<std::size_t>(k)];
            r.i.push_back(gi);
            r.f.push_back(gf);
            r.g.push_back(gg);
            r.o.push_back(go);
            r.c.push_back(c[static_cast<std::size_t>(k)]);
            r.h.push_back(h[static_cast<std::size_t>(k)]);
        }
        r.y.push_back(logistic(y));
        h_prev = h;
        c_prev = c;
    }
    return r;
}

// The live trainer at its defaults, seed 1, until it adds every validation sum exactly.
const LstmTrainer& solved_seed_1() {
    static LstmTrainer* tr = [] {
        auto* t = new LstmTrainer(LstmTrainConfig{}, 1);
        while (!t->solved() && t->sequences() < 200000) t->step(16);
        return t;
    }();
    return *tr;
}

}  // namespace

TEST_SUITE("lstm gates") {
    TEST_CASE("[lstm gates] the gate view equals the forward pass recomputed from the parameters") {
        for (const int H : {1, 3, 4, 7}) {
            LstmConfig cfg;
            cfg.hidden = H;
            cfg.seed = static_cast<std::uint64_t>(10 + H);
            Lstm lstm = lstm_init(cfg);
            Rng rng(static_cast<std::uint64_t>(H));
            for (double& w : lstm.params) w = 1.3 * rng.normal();  // every gate well off its start
            for (const int bits : {1, 8, 21}) {
                const Pair p = random_pair(rng, bits);
                const LstmGateView v = lstm_gate_view(lstm, p);
                const Recomputed r = recompute(lstm, p);
                REQUIRE(v.H == H);
                REQUIRE(v.T == bits + 1);
                double worst = 0.0;
                for (int t = 0; t < v.T; ++t) {
                    CHECK(v.a[static_cast<std::size_t>(t)] == column_a(p, t));
                    CHECK(v.b[static_cast<std::size_t>(t)] == column_b(p, t));
                    for (int k = 0; k < H; ++k) {
                        const auto n = static_cast<std::size_t>(t * H + k);
                        const double d[] = {
                            v.value(LstmRow::Write, t, k) - r.i[n],     v.value(LstmRow::Keep, t, k) - r.f[n],
                            v.value(LstmRow::Candidate, t, k) - r.g[n], v.value(LstmRow::Read, t, k) - r.o[n],
                            v.value(LstmRow::Cell, t, k) - r.c[n],      v.value(LstmRow::Hidden, t, k) - r.h[n]};
                        for (double e : d) worst = std::max(worst, std::fabs(e));
                    }
                    worst =
                        std::max(worst, std::fabs(v.y[static_cast<std::size_t>(t)] - r.y[static_cast<std::size_t>(t)]));
                }
                CHECK(worst < 1e-12);  // the project's sigmoid against libm's exp: a few ulp
                CHECK(v.out == lstm_add(lstm, p));
                CHECK(v.sum == true_sum(p));
                if (H == 4 && bits == 8) MESSAGE("H=4, 8 bits: largest difference " << worst);
            }
        }
    }

    TEST_CASE("[lstm gates] the carry into and out of each column is the adder automaton's") {
        const Pair p = carry::make_pair(parse_binary("00110100").bits, parse_binary("01001101").bits);  // 52 + 77
        LstmConfig cfg;
        const LstmGateView v = lstm_gate_view(lstm_init(cfg), p);
        // LSB first: columns 0..8 of 52 + 77 = 129: 0+1, 0+0, 1+1 (carry), 0+1 (held), 1+0 (held),
        // 1+0 (held), 0+1 (held), 0+0 (ends), pad.
        CHECK(format_bits(v.carry_out) == format_bits(BitVector{0, 0, 1, 1, 1, 1, 1, 0, 0}));
        CHECK(format_bits(v.carry_in) == format_bits(BitVector{0, 0, 0, 1, 1, 1, 1, 1, 0}));
        CHECK(carry_event(0, 1) == CarryEvent::Starts);
        CHECK(carry_event(1, 1) == CarryEvent::Held);
        CHECK(carry_event(1, 0) == CarryEvent::Ends);
        CHECK(carry_event(0, 0) == CarryEvent::None);
    }

    TEST_CASE("[lstm gates] live training reaches exact addition with one recorded weight hash") {
        const auto start = std::chrono::steady_clock::now();
        const LstmTrainer& tr = solved_seed_1();
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        MESSAGE("LSTM H=4 seed 1: solved " << tr.solved() << " after " << tr.sequences() << " sequences, " << secs
                                           << " s; weight hash " << params_hash_hex(tr.lstm().params));
        REQUIRE(tr.solved());
        CHECK(tr.last_exact() == 1.0);
        // Natively and in WebAssembly: the same sequences and the same bits (no libm but sqrt).
        CHECK(tr.sequences() == 15360);
        CHECK(params_hash(tr.lstm().params) == 0x3225dc5802571c1cULL);
        // It adds sums longer than any it trained on.
        const LstmAccuracy acc = lstm_exact_accuracy(tr.lstm(), 256, 50, 99);
        CHECK(acc.exact == 1.0);
        // Bad settings are refused.
        LstmTrainConfig bad;
        bad.hidden = 0;
        CHECK_THROWS_AS(LstmTrainer(bad, 1), std::invalid_argument);
        bad = LstmTrainConfig{};
        bad.min_bits = 9;
        bad.max_bits = 8;
        CHECK_THROWS_AS(LstmTrainer(bad, 1), std::invalid_argument);
        // Two runs of the same seed agree, another seed differs.
        LstmTrainer x(LstmTrainConfig{}, 7), y(LstmTrainConfig{}, 7), z(LstmTrainConfig{}, 8);
        x.step(20);
        y.step(20);
        z.step(20);
        CHECK(x.lstm().params == y.lstm().params);
        CHECK(x.lstm().params != z.lstm().params);
    }

    TEST_CASE("[lstm gates] the carry analysis finds the cell that follows the carry in a trained LSTM") {
        const LstmTrainer& tr = solved_seed_1();
        REQUIRE(tr.solved());
        const LstmCarryAnalysis a = lstm_carry_analysis(tr.lstm(), lstm_carry_sample());
        MESSAGE("cell " << a.cell << " r " << a.r() << "; " << lstm_carry_sentence(a));
        REQUIRE(a.cell >= 0);
        CHECK(a.steps == 64 * 17);
        CHECK(std::fabs(a.r()) > kCarryCellMinCorrelation);
        long long counted = 0;
        for (long long n : a.count) counted += n;
        CHECK(counted == a.steps);
        for (int e = 0; e < kCarryEvents; ++e) CHECK(a.count[static_cast<std::size_t>(e)] > 0);
        // The sentence reports the cell (from 1) and the numbers it measured.
        const std::string s = lstm_carry_sentence(a);
        char r[16];
        std::snprintf(r, sizeof r, "%+.2f", a.r());
        CHECK(s.find("Cell " + std::to_string(a.cell + 1)) != std::string::npos);
        CHECK(s.find(r) != std::string::npos);
        // A fresh LSTM has no such cell: the analysis does not find one everywhere.
        LstmTrainConfig cfg;
        const LstmTrainer fresh(cfg, 1);
        const LstmCarryAnalysis f = lstm_carry_analysis(fresh.lstm(), lstm_carry_sample());
        MESSAGE("fresh: cell " << f.cell << " r " << f.r());
        CHECK(std::fabs(f.r()) < std::fabs(a.r()));
        // Hand-made views: a cell equal to the carry is found with r = 1, its gates averaged by kind.
        LstmGateView v;
        v.H = 2;
        v.T = 4;
        v.carry_in = {0, 0, 1, 1};
        v.carry_out = {0, 1, 1, 0};
        for (auto& row : v.rows) row.assign(8, 0.5);
        const double cells[8] = {0.3, -0.2, 0.1, 0.9, 0.2, 0.8, 0.7, -0.1};  // cell 1 = 0.9 * carry_out - 0.1-ish
        for (int k = 0; k < 8; ++k)
            v.rows[static_cast<std::size_t>(LstmRow::Cell)][static_cast<std::size_t>(k)] = cells[k];
        for (double& w : v.rows[static_cast<std::size_t>(LstmRow::Write)]) w = 0.2;  // the cell is kept, not rewritten
        const double keep[8] = {0.1, 0.2, 0.1, 0.3, 0.1, 0.95, 0.1, 0.05};
        for (int k = 0; k < 8; ++k)
            v.rows[static_cast<std::size_t>(LstmRow::Keep)][static_cast<std::size_t>(k)] = keep[k];
        const LstmCarryAnalysis m = lstm_carry_analysis(std::vector<LstmGateView>{v});
        CHECK(m.cell == 1);
        CHECK(m.r() > 0.99);
        CHECK(m.gate(CarryEvent::Held, LstmRow::Keep) == doctest::Approx(0.95));
        CHECK(m.gate(CarryEvent::Ends, LstmRow::Keep) == doctest::Approx(0.05));
        CHECK(m.gate(CarryEvent::Starts, LstmRow::Keep) == doctest::Approx(0.3));
        CHECK(lstm_carry_sentence(m).find("keep gate lets the carry through") != std::string::npos);
        // Written again while held (write gate open): the sentence says both gates carry it.
        for (double& w : v.rows[static_cast<std::size_t>(LstmRow::Write)]) w = 0.9;
        CHECK(lstm_carry_sentence(lstm_carry_analysis(std::vector<LstmGateView>{v})).find("two gates at once") !=
              std::string::npos);
        // Keep gate shut while held: rewritten every column.
        for (double& k : v.rows[static_cast<std::size_t>(LstmRow::Keep)]) k = 0.1;
        CHECK(lstm_carry_sentence(lstm_carry_analysis(std::vector<LstmGateView>{v})).find("not simply kept") !=
              std::string::npos);
    }
}  // TEST_SUITE

#if CARRY_HAS_APP

#include "app/activity.h"
#include "app/js_api.h"
#include "headless_app.h"

TEST_SUITE("lstm gates") {
    TEST_CASE("[lstm live] a link opens the panel; it trains only while shown and training, and idles paused") {
        test::Headless h(1280, 800);
        embed_start(h.app, {"#panels=add,lstm"}, "");
        h.frames(3);
        Playground& pg = h.pg();
        LstmLive& v = h.app.lstm;
        REQUIRE(pg.shows("lstm"));
        REQUIRE(v.trainer);
        CHECK(v.trainer->sequences() == 0);
        CHECK(v.view.T == pg.pair.bits() + 1);  // the gate view follows the add view's sum
        CHECK(v.view.out == zoo::lstm_add(v.trainer->lstm(), pg.pair));
        CHECK_FALSE(v.carry_sentence.empty());
        // Paused (as it opens) with the sum's animation paused: nothing is due, nothing trains.
        pg.anim.playing = false;
        h.frames(2);
        CHECK(app_next_frame_in(h.app) >= kNoFrameDue);
        // Train: every frame is wanted and the LSTM learns, a bounded slice a frame.
        v.training = true;
        v.frame_budget_ms = 1e6;  // each frame's whole share, however slow the build: no catching up later
        CHECK(app_next_frame_in(h.app) == 0.0);
        long long most = 0;
        for (int k = 0; k < 30; ++k) {
            h.frame(1.0 / 60.0);
            most = std::max(most, v.last_frame_sequences);
        }
        const long long trained = v.trainer->sequences();
        MESSAGE("30 frames at " << v.sums_per_second << " sums/s: " << trained << " sums, at most " << most
                                << " in a frame, last frame " << v.last_frame_ms << " ms");
        CHECK(trained > 0);
        CHECK(most <= static_cast<long long>(v.sums_per_second / 60.0) + 2 * v.trainer->config().batch);
        CHECK(v.view_sequences == trained);  // the strips show the weights just trained
        CHECK(v.history.sequences.size() >= 2);
        // Closed (the link's panels without it): training stops and costs nothing.
        pg.link.panels = {"add"};
        h.frames(5);
        CHECK_FALSE(v.training);
        CHECK(v.trainer->sequences() == trained);
        CHECK(app_next_frame_in(h.app) >= kNoFrameDue);
        // Shown again and trained to the end: the verdict, and training pauses by itself.
        pg.link.panels = {"add", "lstm"};
        v.sums_per_second = 50000.0f;
        v.training = true;
        for (int k = 0; k < 2000 && v.solved_at < 0; ++k) h.frame(0.1);
        MESSAGE("solved after " << v.solved_at << " sums");
        CHECK(v.solved_at > 0);
        CHECK_FALSE(v.training);
        CHECK(app_next_frame_in(h.app) >= kNoFrameDue);
        h.frames(2);
        CHECK(std::fabs(v.carry.r()) > zoo::kCarryCellMinCorrelation);
        CHECK(v.carry_sequences == v.trainer->sequences());
        // The same seed and cells as the core's run above: the same LSTM, however the frames sliced it.
        CHECK(v.solved_at == 15360);
        CHECK(params_hash(v.trainer->lstm().params) == 0x3225dc5802571c1cULL);
        // Reset builds a new LSTM from the controls.
        v.hidden = 2;
        v.want_reset = true;
        h.frame();
        CHECK(v.trainer->lstm().hidden == 2);
        CHECK(v.trainer->sequences() == 0);
        CHECK(v.solved_at < 0);
        CHECK(v.view.H == 2);
    }

    TEST_CASE("[lstm live] the panel draws in both themes, focused and in one column") {
        for (const char* link : {"#panels=add,lstm&theme=light", "#focus=lstm", "#panels=add,network,lstm"}) {
            for (const float w : {1280.0f, 700.0f}) {
                test::Headless h(w, 800);
                embed_start(h.app, {link}, "");
                h.frames(4);
                REQUIRE(h.app.lstm.trainer);
                h.app.lstm.want_steps = 3;
                h.frames(2);
                CHECK(h.app.lstm.trainer->sequences() == 24);
            }
        }
    }
}  // TEST_SUITE

#endif  // CARRY_HAS_APP
