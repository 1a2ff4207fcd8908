// Tests for core/zoo/gradients: the per-step error-derivative norms are the ones a direct
// backward pass gives, the per-step factor reads a geometric curve right, and the lecture's 7d as
// it holds for these nets (checked on 16 seeds before asserting): small weights make the
// derivative vanish; the lecture's 3-unit logistic net vanishes even with big weights (saturated
// units have no slope); a wider net with its units centred on their steepest slope explodes with
// big weights; the LSTM's cells keep the derivative far longer than the net at its usual scales.
#include <doctest/doctest.h>

#include <cmath>

#include "core/net.h"
#include "core/rng.h"
#include "core/zoo/gradients.h"
#if defined(CARRY_HAS_APP)
#include "app/bptt_view.h"
#include "app/gradients_view.h"
#include "imgui.h"
#include "headless_app.h"
#endif

using carry::Net;
using carry::NetConfig;
using carry::Pair;
using carry::Rng;
using namespace carry::zoo;

namespace {

// |dE/dh(T-k)| by the textbook recursion, straight from the net's definition (net.h).
std::vector<double> direct_norms(const Net& net, const Pair& pair) {
    const int H = net.hidden();
    std::vector<double> hs;
    carry::net_add(net, pair, &hs);
    const int T = static_cast<int>(hs.size()) / H - 1;
    const carry::ConstParamView v = net.view();
    std::vector<double> dh(v.w_out, v.w_out + H), dz(static_cast<std::size_t>(H)), norms;
    for (int s = T;; --s) {
        double n2 = 0.0;
        for (double x : dh) n2 += x * x;
        norms.push_back(std::sqrt(n2));
        if (s == 0) break;
        for (int i = 0; i < H; ++i) dz[i] = dh[i] * hs[s * H + i] * (1.0 - hs[s * H + i]);
        for (int j = 0; j < H; ++j) {
            dh[j] = 0.0;
            for (int i = 0; i < H; ++i) dh[j] += v.w_rec[i * H + j] * dz[i];
        }
    }
    return norms;
}

const GradientCurve& curve_at(const std::vector<GradientCurve>& curves, double scale) {
    for (const auto& c : curves)
        if (!c.lstm && c.weight_scale == scale) return c;
    FAIL("no curve at scale " << scale);
    return curves.front();
}

}  // namespace

TEST_SUITE("zoo gradients") {
    TEST_CASE("[gradients] the RNN's norms are its backward pass's, step by step") {
        NetConfig nc;
        nc.hidden = 4;
        nc.init_scale = 3.0;
        const Net net = carry::net_init(nc, 11);
        Rng rng(12);
        const Pair p = carry::random_pair(rng, 20);
        const std::vector<double> norms = rnn_gradient_norms(net, p);
        const std::vector<double> direct = direct_norms(net, p);
        REQUIRE(norms.size() == 22u);  // h(T) .. h(0), T = 21 columns
        REQUIRE(direct.size() == norms.size());
        for (std::size_t k = 0; k < norms.size(); ++k) CHECK(norms[k] == doctest::Approx(direct[k]).epsilon(1e-12));
#if defined(CARRY_HAS_APP)
        const std::vector<double> app = carry::backprop_norms(net, p);  // the inside-the-net view's curve
        REQUIRE(app.size() == norms.size());
        for (std::size_t k = 0; k < norms.size(); ++k) CHECK(norms[k] == doctest::Approx(app[k]).epsilon(1e-12));
#endif
    }

    TEST_CASE("[gradients] the LSTM's norms start from the output weights and cover every column") {
        LstmConfig cfg;
        const Lstm lstm = lstm_init(cfg);
        Rng rng(2);
        const Pair p = carry::random_pair(rng, 16);
        const std::vector<double> norms = lstm_gradient_norms(lstm, p);
        REQUIRE(norms.size() == 17u);
        // Last step: dE/dh = w_out, dE/dc = w_out * o * (1 - tanh(c)^2).
        LstmTrace tr;
        lstm_forward(tr, lstm, p);
        const LstmLayout l = lstm_layout(cfg.hidden);
        double n2 = 0.0;
        for (int i = 0; i < cfg.hidden; ++i) {
            const double w = lstm.params[l.w_out + static_cast<std::size_t>(i)];
            const double o = tr.gates[16 * 4 * 4 + 3 * 4 + i], tc = tr.tc[16 * 4 + i];
            n2 += w * w + (w * o * (1 - tc * tc)) * (w * o * (1 - tc * tc));
        }
        CHECK(norms[0] == doctest::Approx(std::sqrt(n2)).epsilon(1e-12));
        for (double n : norms) CHECK(n > 0.0);
    }

    TEST_CASE("[gradients] per-step factor and its phrase") {
        std::vector<double> geo;
        for (int k = 0; k < 40; ++k) geo.push_back(2.0 * std::pow(0.3, k));
        CHECK(per_step_factor(geo) == doctest::Approx(0.3).epsilon(1e-9));
        geo.push_back(0.0);  // underflowed: ignored
        geo.push_back(5.0);
        CHECK(per_step_factor(geo) == doctest::Approx(0.3).epsilon(1e-9));
        CHECK(per_step_factor({1.0, 2.1, 4.41}) == doctest::Approx(2.1).epsilon(1e-9));
        CHECK(per_step_factor({3.0}) == 1.0);
        CHECK(describe_factor(0.3) == "vanishes by x0.30 per step");
        CHECK(describe_factor(0.0041) == "vanishes by x0.0041 per step");
        CHECK(describe_factor(2.1) == "explodes by x2.10 per step");
        CHECK(describe_factor(1.01) == "holds (x1.01 per step)");
    }

    TEST_CASE("[gradients] 7d: small weights vanish; big weights explode only where the units have slope") {
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
            CAPTURE(seed);
            GradientsConfig cfg;
            cfg.seed = seed;
            const auto curves = gradient_curves(cfg);
            REQUIRE(curves.size() == cfg.weight_scales.size() + 1);
            const GradientCurve& small = curve_at(curves, 0.5);
            CHECK(small.norms.size() == 34u);
            CHECK(small.factor < 0.2);
            CHECK(small.norms.back() < 1e-10 * small.norms.front());
            // More weight, slower vanishing (x0.5 -> x1 roughly doubles the factor on every seed)...
            CHECK(small.factor < 0.7 * curve_at(curves, 1.0).factor);
            // ...but the 3-unit logistic net never explodes: big weights saturate its units.
            CHECK(curve_at(curves, 16.0).factor < 1.0);
            CHECK(curve_at(curves, 16.0).norms.back() < curve_at(curves, 16.0).norms.front());
            // The LSTM's cells keep the derivative much longer than the net at its usual scales.
            const GradientCurve& lstm = curves.back();
            REQUIRE(lstm.lstm);
            CHECK(lstm.norms.size() == 33u);
            CHECK(lstm.factor > 1.5 * curve_at(curves, 2.0).factor);

            // 16 units centred on their steepest slope: big weights make it explode.
            cfg.rnn_hidden = 16;
            cfg.centred = true;
            const auto wide = gradient_curves(cfg);
            CHECK(curve_at(wide, 0.5).factor < 0.2);
            CHECK(curve_at(wide, 16.0).factor > 1.03);
            CHECK(curve_at(wide, 16.0).norms.back() > curve_at(wide, 16.0).norms.front());
        }
    }

    TEST_CASE("[gradients] deterministic curves") {
        GradientsConfig cfg;
        cfg.bits = 20;
        const auto a = gradient_curves(cfg), b = gradient_curves(cfg);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].label == b[i].label);
            CHECK(a[i].norms == b[i].norms);
            CHECK(a[i].factor == b[i].factor);
        }
        CHECK(a.front().label == "RNN, weights x0.5");
        CHECK(a.back().label == "LSTM");
    }

#if defined(CARRY_HAS_APP)
    TEST_CASE("[gradients] the view draws every curve and recomputes only when a control changes") {
        const carry::test::HeadlessImGui imgui(1000, 800);
        carry::GradientsView view;
        auto frame = [&] {
            ImGui::NewFrame();
            ImGui::SetNextWindowSize(ImVec2(900, 700));
            ImGui::Begin("Models");
            view.draw();
            ImGui::End();
            ImGui::Render();
        };
        frame();
        REQUIRE(view.curves.size() == 7u);  // 6 weight scales and the LSTM
        CHECK(view.curves.front().norms.size() == 34u);
        CHECK(ImGui::GetDrawData()->TotalVtxCount > 1000);  // the curves, grid and legend were drawn
        const double* first = view.curves.front().norms.data();
        frame();
        CHECK(view.curves.front().norms.data() == first);  // cached: nothing recomputed
        view.length = 64;
        view.hidden = 16;
        view.centred = true;
        frame();
        CHECK(view.curves.front().norms.size() == 66u);
        CHECK(view.curves[5].factor > 1.0);  // 16 centred units at weights x16 explode
        view.length = 100000;                // out of range: clamped
        frame();
        CHECK(view.length == 128);
    }
#endif

}  // TEST_SUITE
