// Tests for core/zoo/dynamics: the three presets do what the lecture says (chaos: nearby states fly
// apart, exponent > 0; point attractor: settles, exponent < 0; oscillation: repeats with a period),
// the exponent matches a one-unit net worked by hand, the playground's net with a constant input
// runs exactly as net_step_hidden runs it, and everything is deterministic.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/net.h"
#include "core/settings.h"
#include "core/zoo/dynamics.h"
#if CARRY_HAS_APP
#include "app/dynamics_view.h"
#include "imgui.h"
#include "headless_app.h"
#endif

using namespace carry;
using namespace carry::zoo;

namespace {

double max_abs_diff(const std::vector<double>& a, std::size_t row_a, const std::vector<double>& b, std::size_t row_b,
                    std::size_t H) {
    double d = 0.0;
    for (std::size_t i = 0; i < H; ++i) d = std::fmax(d, std::fabs(a[row_a * H + i] - b[row_b * H + i]));
    return d;
}

}  // namespace

TEST_SUITE("zoo dynamics") {
    TEST_CASE("[dynamics] the chaotic preset: positive exponent, no period, nearby states fly apart") {
        const DynamicsPreset p = dynamics_preset(Behaviour::Chaos);
        const DynamicsAnalysis a = analyze_dynamics(p.net, p.h0);
        MESSAGE("chaos: exponent " << a.lyapunov << ", period " << a.period);
        CHECK(a.lyapunov > 0.05);
        CHECK(a.period == 0);
        CHECK(a.behaviour == Behaviour::Chaos);
        // The same verdict from other starting states (it is the net, not the start, that is chaotic).
        for (double x : {0.1, 0.3, 0.8}) {
            const std::vector<double> h0 = {x, 1.0 - x, 0.5 * x};
            CHECK(largest_lyapunov(p.net, h0, 500, 2000) > 0.05);
        }
        // Two starts 1e-9 apart are far apart after 200 steps: what a positive exponent means.
        std::vector<double> nudged = p.h0;
        nudged[0] += 1e-9;
        const auto t1 = free_run(p.net, p.h0, 200), t2 = free_run(p.net, nudged, 200);
        double far = 0.0;
        for (std::size_t t = 150; t <= 200; ++t) far = std::fmax(far, max_abs_diff(t1, t, t2, t, 3));
        CHECK(far > 0.1);
    }

    TEST_CASE("[dynamics] the point-attractor preset: negative exponent, settles to one state from anywhere") {
        const DynamicsPreset p = dynamics_preset(Behaviour::PointAttractor);
        const DynamicsAnalysis a = analyze_dynamics(p.net, p.h0);
        MESSAGE("point attractor: exponent " << a.lyapunov << ", period " << a.period);
        CHECK(a.lyapunov < -0.05);
        CHECK(a.period == 1);
        CHECK(a.behaviour == Behaviour::PointAttractor);
        CHECK(a.final_change < 1e-12);
        // Different starts end at the same point (0.5, 0.5, 0.5 by the choice of biases).
        for (double x : {0.02, 0.5, 0.97}) {
            const auto t = free_run(p.net, {x, 1.0 - x, x}, 400);
            for (std::size_t i = 0; i < 3; ++i) CHECK(t[400 * 3 + i] == doctest::Approx(0.5).epsilon(1e-9));
        }
    }

    TEST_CASE("[dynamics] the oscillation preset: a period-6 cycle round the ring, non-positive exponent") {
        const DynamicsPreset p = dynamics_preset(Behaviour::Oscillation);
        const DynamicsAnalysis a = analyze_dynamics(p.net, p.h0);
        MESSAGE("oscillation: exponent " << a.lyapunov << ", period " << a.period);
        CHECK(a.period == 6);
        CHECK(a.lyapunov <= 0.0);
        CHECK(a.behaviour == Behaviour::Oscillation);
        // It really moves: consecutive states differ by most of the unit range.
        CHECK(a.final_change > 0.5);
        // The "on" pattern steps round the ring: unit i+1 copies NOT unit i.
        const auto t = free_run(p.net, p.h0, 60);
        for (std::size_t s = 50; s < 60; ++s)
            for (std::size_t i = 0; i < 3; ++i) CHECK((t[(s + 1) * 3 + (i + 1) % 3] > 0.5) == (t[s * 3 + i] < 0.5));
    }

    TEST_CASE("[dynamics] one unit worked by hand: fixed point 0.8, exponent log|w s (1 - s)|") {
        // h' = sigmoid(w h + b) with w = 2 and b = ln 4 - 1.6 has the fixed point h* = 0.8:
        // w h* + b = ln 4 = logit(0.8). Its slope there is w h* (1 - h*) = 0.32 < 1, so it attracts,
        // and the exponent is log 0.32.
        FreeNet n = make_free_net(1);
        n.w = {2.0};
        n.b = {std::log(4.0) - 1.6};
        const auto t = free_run(n, {0.1}, 200);
        CHECK(std::fabs(t[200] - 0.8) < 1e-12);
        CHECK(std::fabs(largest_lyapunov(n, {0.1}, 100, 500) - std::log(0.32)) < 1e-9);
        const DynamicsAnalysis a = analyze_dynamics(n, {0.1});
        CHECK(a.behaviour == Behaviour::PointAttractor);
        // A strong negative self-weight: h flips between two values (period 2), still an attractor
        // of the flip (exponent < 0).
        n.w = {-12.0};
        n.b = {6.0};
        const DynamicsAnalysis flip = analyze_dynamics(n, {0.3});
        CHECK(flip.period == 2);
        CHECK(flip.lyapunov < 0.0);
        CHECK(flip.behaviour == Behaviour::Oscillation);
        // No recurrent weight: every state goes to sigmoid(b) in one step; nothing of a difference
        // survives, so the exponent is -infinity.
        n.w = {0.0};
        CHECK(largest_lyapunov(n, {0.3}, 10, 10) == -std::numeric_limits<double>::infinity());
    }

    TEST_CASE("[dynamics] the playground's net with a constant input column runs as net_step_hidden does") {
        NetConfig c;
        c.hidden = 3;
        const Net net = net_init(c, 7);
        for (int a = 0; a <= 1; ++a)
            for (int b = 0; b <= 1; ++b) {
                const FreeNet f = free_net_from(net, a, b);
                const std::vector<double> h0 = initial_state_of(net);
                const auto t = free_run(f, h0, 20);
                std::vector<double> h = h0, hn(3);
                for (std::size_t s = 1; s <= 20; ++s) {
                    net_step_hidden(hn.data(), net, h.data(), a, b);
                    h = hn;
                    for (std::size_t i = 0; i < 3; ++i) CHECK(t[s * 3 + i] == h[i]);  // bit-identical
                }
            }
        CHECK_THROWS_AS(free_net_from(net, 2, 0), std::invalid_argument);
    }

    TEST_CASE("[dynamics] deterministic: the same net gives one recorded trajectory hash") {
        const DynamicsPreset p = dynamics_preset(Behaviour::Chaos);
        const auto t1 = free_run(p.net, p.h0, 2000), t2 = free_run(p.net, p.h0, 2000);
        CHECK(t1 == t2);
        CHECK(largest_lyapunov(p.net, p.h0, 1000, 3000) == largest_lyapunov(p.net, p.h0, 1000, 3000));
        // Chaos magnifies any difference in the arithmetic (a last-bit change in sigmoid would change
        // every later state), so this hash is the same natively and in WebAssembly only if the
        // arithmetic is bit-identical.
        const std::string hex = params_hash_hex(t1);
        MESSAGE("chaotic trajectory hash " << hex);
        CHECK(hex == "cd8e68f52c7e98ca");
    }

    TEST_CASE("[dynamics] bad shapes are refused") {
        CHECK_THROWS_AS(make_free_net(0), std::invalid_argument);
        CHECK_THROWS_AS(make_free_net(kDynamicsMaxHidden + 1), std::invalid_argument);
        const FreeNet n = make_free_net(2);
        CHECK_THROWS_AS(free_run(n, {0.5}, 10), std::invalid_argument);
        CHECK_THROWS_AS(free_run(n, {0.5, 0.5}, -1), std::invalid_argument);
        CHECK_THROWS_AS(dynamics_preset(Behaviour::Quasiperiodic), std::invalid_argument);
        CHECK(detect_period({0.5, 0.5}, 2, 4, 1e-9) == 0);  // one state: too short to call
    }

#if CARRY_HAS_APP
    TEST_CASE("[dynamics] the explorer view: each preset draws and reaches its verdict, hand edits re-measure") {
        const carry::test::HeadlessImGui imgui(1280, 800);
        DynamicsView view;
        const Net net = net_init(NetConfig{}, 3);
        auto frame = [&](const Net* current) {
            ImGui::NewFrame();
            ImGui::SetNextWindowSize(ImVec2(1200, 760));
            ImGui::Begin("dynamics test");
            view.draw(current);
            ImGui::End();
            ImGui::Render();
        };
        frame(&net);
        CHECK(view.behaviour == static_cast<int>(Behaviour::Chaos));  // the default preset
        CHECK(view.lyapunov > 0.05);
        CHECK(view.trajectory.size() == (static_cast<std::size_t>(view.steps) + 1) * 3);
        struct Want {
            int preset;
            Behaviour behaviour;
        };
        for (const Want w : {Want{DynamicsView::kOscillation, Behaviour::Oscillation},
                             Want{DynamicsView::kPointAttractor, Behaviour::PointAttractor},
                             Want{DynamicsView::kChaos, Behaviour::Chaos}}) {
            view.preset = w.preset;
            view.loaded = false;  // as if picked in the combo
            frame(&net);
            CHECK(view.behaviour == static_cast<int>(w.behaviour));
        }
        // The playground's net: a copy of its recurrent part, run from its initial state.
        view.preset = DynamicsView::kCurrentNet;
        view.loaded = false;
        frame(&net);
        CHECK(view.w == std::vector<double>(net.view().w_rec, net.view().w_rec + 9));
        CHECK(view.h0 == initial_state_of(net));
        frame(nullptr);  // the net went away: still draws
        // A hand edit to one unit with a strong negative self-weight: a period-2 flip.
        view.hidden = 1;
        view.w = {-12.0};
        view.bias = {6.0};
        view.h0 = {0.3};
        frame(nullptr);
        CHECK(view.period == 2);
        CHECK(view.behaviour == static_cast<int>(Behaviour::Oscillation));
    }
#endif

}  // TEST_SUITE
