// "Inside the net" (issue 5): the numbers its views show, checked against the core, and its
// panels driven headless (ImGui without a window, as in test_app_panels.cpp).
#if CARRY_HAS_APP

#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <new>
#include <set>
#include <string>

#include "app/app.h"
#include "app/bptt_view.h"
#include "app/hidden_space.h"
#include "app/inside.h"
#include "headless_app.h"
#include "scenarios.h"
#include "core/automaton.h"
#include "core/handwired.h"
#include "imgui.h"

using namespace carry;

namespace {

using test::Headless;

// A renderer whose shaders "failed": the panel must show its log.
struct BrokenRenderer final : SceneRenderer {
    std::string text = "shaders/points.frag does not compile:\n0:25(1): error: syntax error";
    int draws = 0;
    ImTextureID draw(const Scene3D&, int, int) override {
        ++draws;
        return nullptr;
    }
    bool ok() const override { return false; }
    const std::string& log() const override { return text; }
    void rebuild(bool) override {}
};

// A renderer that "draws": records what it was given.
struct RecordingRenderer final : SceneRenderer {
    std::string empty;
    std::size_t points = 0, lines = 0;
    int draws = 0;
    ImTextureID draw(const Scene3D& s, int, int) override {
        ++draws;
        points = s.points.size() / kPointFloats;
        lines = s.lines.size() / kLineFloats;
        return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(1));
    }
    bool ok() const override { return true; }
    const std::string& log() const override { return empty; }
    void rebuild(bool) override {}
};

// The core's gradient of one sum's loss: rnn_forward + rnn_backward on a batch of that one pair.
std::vector<double> core_gradient(const Net& net, const Pair& pair, const LossConfig& loss) {
    Batch b;
    batch_from_pairs(b, {pair});
    Activities acts;
    rnn_forward(acts, net, b, loss);
    std::vector<double> g(param_count(net.hidden()), 0.0);
    rnn_backward(g, acts, net, b, loss);
    return g;
}

void check_same(const std::vector<double>& got, const std::vector<double>& want, int hidden) {
    REQUIRE(got.size() == want.size());
    for (std::size_t p = 0; p < got.size(); ++p) {
        INFO(param_name(hidden, p) << ": view " << got[p] << ", core " << want[p]);
        CHECK(got[p] == doctest::Approx(want[p]).epsilon(1e-9).scale(1e-12));
    }
}

}  // namespace

TEST_CASE("[inside] the BPTT view's per-step terms sum to the core's gradient for the same sum") {
    for (std::uint64_t seed : {1ULL, 7ULL}) {
        for (int H : {3, 5}) {
            NetConfig cfg;
            cfg.hidden = H;
            const Net net = net_init(cfg, seed);
            Rng rng(seed * 11);
            const Pair pair = random_pair(rng, 9);
            Stepper st(net, pair);
            st.backward();
            const std::vector<double> want = core_gradient(net, pair, LossConfig{});
            check_same(bptt_peeled_sum(st, 0), want, H);
            check_same(st.gradient(), want, H);
            // Peeling is additive: the steps >= s plus step s-1 give the steps >= s-1.
            for (int s = st.steps() - 1; s >= 1; --s) {
                std::vector<double> a = bptt_peeled_sum(st, s);
                const std::vector<double> t = bptt_step_terms(st, s - 1);
                for (std::size_t p = 0; p < a.size(); ++p) a[p] += t[p];
                check_same(a, bptt_peeled_sum(st, s - 1), H);
            }
            // Nothing peeled yet: all zero.
            for (double x : bptt_peeled_sum(st, st.steps())) CHECK(x == 0.0);
        }
    }
}

TEST_CASE("[inside] the BPTT tab in the app shows the core's gradient of the current sum") {
    Headless h(1280, 800);
    REQUIRE(app_scenario(h.app, "inside-backprop"));
    h.frames(4);
    InsideView& v = h.app.inside;
    Playground& pg = h.app.playground;
    CHECK(v.open);
    CHECK(v.tab == InsideTab::Backprop);
    REQUIRE(v.bptt);
    CHECK(v.bptt_cursor >= v.bptt->steps());  // the scenario stops inside the backward pass
    const std::vector<double> want = core_gradient(pg.trainer->net(), pg.pair, pg.settings.loss);
    check_same(bptt_peeled_sum(*v.bptt, 0), want, 3);
    // The update shown beside it: plain SGD without momentum state is -lr x gradient (clipped).
    OptimConfig sgd;
    sgd.momentum = 0.0;
    sgd.clip_norm = 0.0;
    const std::vector<double> step = bptt_update(pg.trainer->net(), want, OptimState{}, sgd);
    for (std::size_t p = 0; p < param_layout(3).h0; ++p)
        CHECK(step[p] == doctest::Approx(-sgd.lr * want[p]).scale(1e-12));
}

TEST_CASE("[inside] the hand-wired net's hidden states form exactly four clusters, one per adder node") {
    const Net hw = handwired_adder();
    const HiddenCloud c = hidden_cloud(hw, 100, 16);
    CHECK(c.node.size() == 100u * 18u);
    CHECK(count_clusters(c) == 4);  // h(0) = 000 is the same pattern as "no carry, print 0"
    // Every adder node has one activity pattern, and different nodes different ones.
    std::vector<std::vector<double>> pattern(kAdderNodes + 1);
    for (std::size_t n = 0; n < c.node.size(); ++n) {
        const std::size_t k = c.node[n];
        std::vector<double> p(c.states.begin() + static_cast<long>(n * 3),
                              c.states.begin() + static_cast<long>(n * 3 + 3));
        for (double& x : p) x = std::round(x);
        if (pattern[k].empty()) pattern[k] = p;
        CHECK(pattern[k] == p);
    }
    std::set<std::vector<double>> distinct(pattern.begin(), pattern.begin() + kAdderNodes);
    CHECK(distinct.size() == 4u);
    // The core agrees: the extracted automaton is the adder.
    const AutomatonResult a = extract_automaton(hw);
    CHECK(a.equivalent);
    CHECK(a.states == 4);
}

TEST_CASE("[inside] PCA for H > 3 is deterministic, orthonormal, variance-ordered") {
    NetConfig cfg;
    cfg.hidden = 8;
    const Net net = net_init(cfg, 3);
    const HiddenCloud c = hidden_cloud(net, 60, 12);
    const SpaceProjection p = fit_projection(c), q = fit_projection(c);
    REQUIRE(p.pca);
    for (int a = 0; a < 3; ++a) {
        for (int b = 0; b < 3; ++b) {
            double dot = 0;
            for (int i = 0; i < 8; ++i) dot += p.axes[a][i] * p.axes[b][i];
            CHECK(dot == doctest::Approx(a == b ? 1.0 : 0.0).scale(1.0).epsilon(1e-6));
        }
        CHECK(p.axes[a] == q.axes[a]);
    }
    CHECK(p.variance[0] >= p.variance[1]);
    CHECK(p.variance[1] >= p.variance[2]);
    for (std::size_t n = 0; n < c.node.size(); ++n)
        for (float x : p.project(&c.states[n * 8])) CHECK(std::fabs(x) <= 1.0f + 1e-5f);
}

TEST_CASE("[inside] the initial weights shown are the run's own") {
    Trainer tr(TrainConfig{}, 5);
    CHECK(inside_initial_net(tr).params == tr.net().params);
}

TEST_CASE("[inside] the section is folded by default: the first screen is issue 4's") {
    Headless h(1280, 800);
    h.frames(3);
    CHECK_FALSE(h.app.inside.open);
    CHECK(h.app.inside.cloud.node.empty());  // nothing computed while folded
    CHECK_FALSE(h.app.inside.has_automaton);
    CHECK(h.app.playground.drawn.rects.columns.drawn);
}

TEST_CASE("[inside] a shader error is shown with its log, never a blank panel") {
    Headless h(1280, 800);
    BrokenRenderer broken;
    h.app.inside.renderer = &broken;
    REQUIRE(app_scenario(h.app, "inside-space"));
    h.frames(4);
    CHECK(h.app.inside.shown_error == broken.text);
    CHECK_FALSE(h.app.inside.rendered);
}

TEST_CASE("[inside] the hidden space hands the renderer 10 000+ points and the current sum's path") {
    Headless h(1280, 800);
    RecordingRenderer rec;
    h.app.inside.renderer = &rec;
    REQUIRE(app_scenario(h.app, "inside-space"));
    h.frames(4);
    CHECK(h.app.inside.rendered);
    CHECK(rec.draws > 0);
    CHECK(rec.points == static_cast<std::size_t>(kSpaceSums) * (kSpaceBits + 2));
    CHECK(rec.points >= 10000u);
    CHECK(rec.lines >= 12u + 9u);  // cube edges + one segment per column of the lecture's sum
    CHECK(h.app.inside.space_rect.drawn);
    CHECK(h.app.inside.clusters >= 4);
    // Colours come from the adder's node of each state.
    const HiddenCloud& c = h.app.inside.cloud;
    for (std::size_t n = 0; n < 50; ++n) {
        const auto want = node_rgb(c.node[n]);
        CHECK(h.app.inside.scene.points[n * kPointFloats + 3] == want[0]);
    }
}

TEST_CASE("[inside] presets load through a command; the automaton tab judges them") {
    Headless h(1280, 800);
    REQUIRE(app_scenario(h.app, "inside-automaton-fresh"));
    h.frames(3);
    InsideView& v = h.app.inside;
    Playground& pg = h.app.playground;
    REQUIRE(v.has_automaton);
    CHECK_FALSE(v.automaton.equivalent);
    CHECK_FALSE(v.automaton.counterexample.empty());

    pg.push(CommandKind::LoadPreset, static_cast<int>(Preset::HandWired));
    h.frames(3);
    CHECK(pg.trainer->net().params == handwired_adder().params);
    CHECK(v.automaton.equivalent);
    CHECK(v.automaton.states == 4);

    pg.push(CommandKind::LoadPreset, static_cast<int>(Preset::PreTrained));
    h.frames(3);
    CHECK(pg.trainer->solved());
    CHECK(v.automaton.equivalent);

    pg.push(CommandKind::LoadPreset, static_cast<int>(Preset::Fresh));
    h.frames(3);
    CHECK(pg.trainer->sequences() == 0);
    CHECK_FALSE(v.automaton.equivalent);
}

// Issue 14: the views' caches key on Playground::net_generation, not on the trainer's address.
// Destroying the trainer and building another in the same memory is the case an address check misses.
TEST_CASE("[inside] a trainer replaced by one at the same address still refreshes the cloud and the automaton") {
    Playground pg;
    playground_init(pg);
    InsideView v;
    v.open = true;
    auto replace_in_place = [&](const Net& net) {
        Trainer* at = pg.trainer.get();
        const TrainConfig cfg = pg.trainer->config();
        const std::uint64_t seed = pg.trainer->seed();
        const RngState rng = pg.trainer->rng().state();
        at->~Trainer();
        Trainer* fresh = new (static_cast<void*>(pg.trainer.release())) Trainer(cfg, seed, net, rng, 0);
        REQUIRE(fresh == at);
        playground_install_trainer(pg, std::unique_ptr<Trainer>(fresh));
        REQUIRE(pg.trainer.get() == at);
    };

    v.tab = InsideTab::Automaton;
    inside_update(v, pg, 0.0);
    REQUIRE(v.has_automaton);
    CHECK_FALSE(v.automaton.equivalent);  // a fresh net
    v.tab = InsideTab::Space;
    inside_update(v, pg, 0.0);
    const std::vector<double> fresh_states = v.cloud.states;

    replace_in_place(handwired_adder());  // same address, same sequences (0), same shape
    inside_update(v, pg, 0.0);
    CHECK(v.cloud.states == hidden_cloud(handwired_adder()).states);
    CHECK(v.cloud.states != fresh_states);
    v.tab = InsideTab::Automaton;
    inside_update(v, pg, 0.0);
    CHECK(v.automaton.equivalent);  // judged on the hand-wired net, not the cached fresh one
    CHECK(v.automaton.states == 4);
}

TEST_CASE("[inside] gradient norms: a unit error sent back shrinks through saturated units") {
    const Net hw = handwired_adder();
    Rng rng(2);
    const Pair p = random_pair(rng, 12);
    const std::vector<double> n = backprop_norms(hw, p);
    CHECK(n.size() == 14u);              // h(T) .. h(0), T = 13
    CHECK(n.back() < n.front() * 1e-6);  // the hand-wired net's saturated units pass almost nothing back
}

#endif  // CARRY_HAS_APP
