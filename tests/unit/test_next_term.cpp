// Next-term prediction (issue 19, item 4): the sources' entropy rates against rates worked out by
// hand, the sampler against the stationary distribution, the batches' targets being the next
// bits, a seeded run getting close to the rate, and determinism.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/next_term.h"
#include "core/next_term_train.h"

#if CARRY_HAS_APP
#include "app/activity.h"
#include "app/settings_snapshot.h"
#include "core/url_state.h"
#include "headless_app.h"
#include "imgui_internal.h"
#endif

using namespace carry;

namespace {

SourceMachine must_make(const SourceSpec& spec) {
    SourceMachine m;
    std::string error;
    REQUIRE_MESSAGE(make_source(spec, m, error), error);
    return m;
}

SourceSpec preset(const char* name, double noise) {
    SourceSpec s;
    s.preset = name;
    s.noise = noise;
    return s;
}

SourceSpec pattern(const char* bits, double noise) {
    SourceSpec s;
    s.pattern = bits;
    s.noise = noise;
    return s;
}

}  // namespace

TEST_SUITE("next term") {
    TEST_CASE("[next] binary entropy: H(0) = H(1) = 0, H(1/2) = 1, H(0.1) by hand") {
        CHECK(binary_entropy(0.0) == 0.0);
        CHECK(binary_entropy(1.0) == 0.0);
        CHECK(binary_entropy(0.5) == doctest::Approx(1.0).epsilon(1e-15));
        // -0.1 log2 0.1 - 0.9 log2 0.9 = 0.33219281 + 0.13680278
        CHECK(binary_entropy(0.1) == doctest::Approx(0.4689955935892812).epsilon(1e-13));
        CHECK(binary_entropy(0.9) == doctest::Approx(binary_entropy(0.1)).epsilon(1e-15));
    }

    TEST_CASE("[next] a 2-state unifilar source worked out on paper") {
        // State 0 emits 1 with p = 0.1, state 1 with p = 0.5; either goes to the state named by the
        // bit it emitted. Moves: 0 -> 1 with 0.1, 1 -> 0 with 0.5, so pi = (5/6, 1/6), and
        // h = 5/6 H(0.1) + 1/6 H(0.5) = 5/6 * 0.4689956 + 1/6 = 0.5574963 bits per symbol;
        // best accuracy = 5/6 * 0.9 + 1/6 * 0.5 = 5/6.
        SourceMachine m;
        m.p1 = {0.1, 0.5};
        m.next = {{0, 1}, {0, 1}};
        const SourceStats st = source_stats(m);
        REQUIRE(st.stationary.size() == 2);
        CHECK(st.stationary[0] == doctest::Approx(5.0 / 6.0).epsilon(1e-14));
        CHECK(st.stationary[1] == doctest::Approx(1.0 / 6.0).epsilon(1e-14));
        CHECK(st.entropy_rate == doctest::Approx(0.5574963279910677).epsilon(1e-12));
        CHECK(st.best_accuracy == doctest::Approx(5.0 / 6.0).epsilon(1e-14));
    }

    TEST_CASE("[next] the presets' rates by hand, with and without noise") {
        // Golden mean, noise 0: pi = (2/3, 1/3); only the coin state is uncertain: h = 2/3.
        CHECK(source_stats(must_make(preset("golden-mean", 0.0))).entropy_rate ==
              doctest::Approx(2.0 / 3.0).epsilon(1e-14));
        // With noise e the 1-state repeats (a flipped 0 is a 1): pi_B = 1 / (3 - 2e), and
        // h = pi_A * 1 + pi_B * H(e). e = 0.05: pi_B = 1/2.9.
        const double pb = 1.0 / 2.9;
        CHECK(source_stats(must_make(preset("golden-mean", 0.05))).entropy_rate ==
              doctest::Approx((1.0 - pb) + pb * binary_entropy(0.05)).epsilon(1e-13));
        // Even, noise 0: the same chain as the golden mean (a coin, then a certain bit): 2/3.
        CHECK(source_stats(must_make(preset("even", 0.0))).entropy_rate == doctest::Approx(2.0 / 3.0).epsilon(1e-14));
        // Twice: one coin per two bits; with noise each of the three states is uncertain:
        // pi = (1/2, 1/4, 1/4), h = 1/2 + 1/2 H(e).
        CHECK(source_stats(must_make(preset("twice", 0.0))).entropy_rate == doctest::Approx(0.5).epsilon(1e-14));
        CHECK(source_stats(must_make(preset("twice", 0.1))).entropy_rate ==
              doctest::Approx(0.5 + 0.5 * binary_entropy(0.1)).epsilon(1e-13));
        // Parity: two coins per three bits, the third bit H(e): h = (2 + H(e)) / 3.
        CHECK(source_stats(must_make(preset("parity", 0.0))).entropy_rate == doctest::Approx(2.0 / 3.0).epsilon(1e-14));
        CHECK(source_stats(must_make(preset("parity", 0.2))).entropy_rate ==
              doctest::Approx((2.0 + binary_entropy(0.2)) / 3.0).epsilon(1e-13));
        // Noise 1/2: every bit a fair coin, whatever the machine: 1 bit per symbol.
        for (const SourcePreset& p : source_presets())
            CHECK(source_stats(must_make(preset(p.name, 0.5))).entropy_rate == doctest::Approx(1.0).epsilon(1e-13));
    }

    TEST_CASE("[next] a repeating pattern with each bit flipped at e has rate H(e); noise 0 has rate 0") {
        for (const double e : {0.0, 0.01, 0.1, 0.25, 0.5}) {
            CAPTURE(e);
            for (const char* bits : {"0010111", "1", "01", "0000000011", "10110011100011110000111110000011"}) {
                CAPTURE(bits);
                const SourceStats st = source_stats(must_make(pattern(bits, e)));
                CHECK(st.entropy_rate == doctest::Approx(binary_entropy(e)).epsilon(1e-12));
                CHECK(st.best_accuracy == doctest::Approx(1.0 - e).epsilon(1e-12));
                for (double p : st.stationary)
                    CHECK(p == doctest::Approx(1.0 / static_cast<double>(std::strlen(bits))).epsilon(1e-12));
            }
        }
        CHECK(source_stats(must_make(pattern("0010111", 0.0))).entropy_rate == 0.0);
    }

    TEST_CASE("[next] a link's next_source names every preset, in order, then pattern") {
        std::string names;
        for (const SourcePreset& p : source_presets()) names += std::string(p.name) + ",";
        CHECK(names + "pattern" == kNextTermSources);
    }

    TEST_CASE("[next] bad input is refused with a message that says what is wrong") {
        SourceMachine m;
        std::string error;
        CHECK_FALSE(make_source(pattern("0012", 0.1), m, error));
        CHECK(error.find("'2' at position 4") != std::string::npos);
        CHECK_FALSE(make_source(pattern("01 1", 0.1), m, error));
        CHECK(error.find("position 3") != std::string::npos);
        CHECK_FALSE(make_source(pattern("010101010101010101010101010101010", 0.1), m, error));  // 33 bits
        CHECK(error.find("at most 32") != std::string::npos);
        CHECK(check_pattern("").find("empty") != std::string::npos);
        CHECK_FALSE(make_source(pattern("01", 0.6), m, error));
        CHECK(error.find("outside [0, 0.5]") != std::string::npos);
        CHECK_FALSE(make_source(pattern("01", -0.01), m, error));
        CHECK_FALSE(make_source(pattern("01", std::nan("")), m, error));
        CHECK_FALSE(make_source(preset("fibonacci", 0.1), m, error));
        CHECK(error.find("golden-mean") != std::string::npos);  // the choices are listed
        // Two absorbing states: the long run depends on the start, no unique rate.
        SourceMachine split;
        split.p1 = {0.0, 1.0};
        split.next = {{0, 0}, {1, 1}};
        std::vector<double> pi;
        CHECK_FALSE(stationary_distribution(split, pi, error));
        CHECK(error.find("never reach each other") != std::string::npos);
    }

    TEST_CASE("[next] sampled states visit each state as often as the stationary distribution says") {
        for (const char* name : {"golden-mean", "even", "twice", "parity"}) {
            CAPTURE(name);
            const SourceMachine m = must_make(preset(name, 0.05));
            const SourceStats st = source_stats(m);
            Rng rng(7);
            int state = sample_state(st.stationary, rng);
            std::vector<double> visits(st.stationary.size(), 0.0);
            double ones = 0.0;
            const int N = 200000;
            for (int i = 0; i < N; ++i) {
                visits[static_cast<std::size_t>(state)] += 1.0;
                ones += sample_bit(m, state, rng);
            }
            double p_one = 0.0;
            for (std::size_t s = 0; s < visits.size(); ++s) {
                CHECK(std::fabs(visits[s] / N - st.stationary[s]) < 0.005);
                p_one += st.stationary[s] * m.p1[s];
            }
            CHECK(std::fabs(ones / N - p_one) < 0.005);
        }
        // Noise 0 obeys the rule: the golden mean never emits two 1s in a row.
        const SourceMachine g = must_make(preset("golden-mean", 0.0));
        Rng rng(3);
        int state = 0;
        const auto bits = sample_bits(g, state, 10000, rng);
        int pairs = 0;
        for (std::size_t i = 1; i < bits.size(); ++i) pairs += bits[i] == 1 && bits[i - 1] == 1;
        CHECK(pairs == 0);
    }

    TEST_CASE("[next] a batch's target at column t is the input at column t+1: the next term") {
        const SourceMachine m = must_make(preset("golden-mean", 0.0));
        auto source = next_term_source(m);
        std::vector<Batch> parts;
        Rng rng(11);
        Net net = make_net(NetConfig{});
        source->draw(parts, rng, net, 8, 20);
        REQUIRE(parts.size() == 1);
        const Batch& b = parts[0];
        REQUIRE(b.B == 8);
        REQUIRE(b.T == 21);
        int ones = 0;
        for (int s = 0; s < b.B; ++s)
            for (int t = 0; t < b.T; ++t) {
                const double x = b.x[static_cast<std::size_t>((t * 2 + 0) * b.B + s)];
                const double y = b.target[static_cast<std::size_t>(t * b.B + s)];
                CHECK(b.x[static_cast<std::size_t>((t * 2 + 1) * b.B + s)] == 0.0);  // the second input is unused
                if (t + 1 < b.T) CHECK(y == b.x[static_cast<std::size_t>(((t + 1) * 2 + 0) * b.B + s)]);
                CHECK_FALSE((x == 1.0 && y == 1.0));  // the source's rule holds through the targets
                ones += static_cast<int>(y);
            }
        CHECK(ones > 20);  // not all zeros
    }

    TEST_CASE("[next] the Bayes-optimal predictor on held-out bits is near the entropy rate, never far below") {
        for (const SourceSpec& spec : {preset("even", 0.05), preset("parity", 0.1), pattern("0010111", 0.1)}) {
            const SourceMachine m = must_make(spec);
            const SourceStats st = source_stats(m);
            const HeldOut held = make_held_out(m, 1, 256, 48, 16);
            const PredictionScore s = score_predictions(make_net(NetConfig{}), m, held);
            CAPTURE(m.name);
            CHECK(s.scored == 256 * 32);
            CHECK(std::fabs(s.bayes_bits - st.entropy_rate) < 0.03);
            CHECK(std::fabs(s.bayes_accuracy - st.best_accuracy) < 0.02);
            CHECK(s.bits == doctest::Approx(1.0).epsilon(1e-12));  // all-zero weights: o = 1/2, one bit each
        }
    }

    TEST_CASE("[next] a seeded run learns to predict within a few hundredths of a bit of the rate") {
        NextTermConfig c;
        c.source = preset("even", 0.05);
        c.hidden = 4;
        c.seed = 1;
        NextTermRun run(c);
        REQUIRE(run.ok());
        const double before = run.score().bits;
        run.run_to(8000);
        const PredictionScore& s = run.score();
        MESSAGE("even, noise 0.05: rate " << run.stats().entropy_rate << ", Bayes " << s.bayes_bits << ", net "
                                          << s.bits << " (untrained " << before << ")");
        CHECK(before > run.stats().entropy_rate + 0.1);
        CHECK(s.bits < run.stats().entropy_rate + 0.03);
        CHECK(s.bits > s.bayes_bits - 0.02);  // never (much) better than the best possible on these bits
        CHECK(s.accuracy > run.stats().best_accuracy - 0.02);
        CHECK(run.curve_bits().size() >= 3);
        CHECK(run.curve_bits().front() > run.curve_bits().back());
    }

    TEST_CASE("[next] the verdict follows the numbers") {
        SourceStats st;
        st.entropy_rate = 0.5;
        PredictionScore s;
        s.scored = 100;
        s.bayes_bits = 0.49;
        auto verdict = [&](double bits) {
            s.bits = bits;
            return next_term_verdict(s, st);
        };
        CHECK(verdict(0.495).find("easier than average") != std::string::npos);  // below the rate: the sample
        CHECK(verdict(0.515).find("within 0.02 bits of the best possible") != std::string::npos);
        CHECK(verdict(0.515).find("randomness, which no predictor can guess") != std::string::npos);
        CHECK(verdict(0.7).find("some of the structure") != std::string::npos);
        CHECK(verdict(1.2).find("no better than a coin toss") != std::string::npos);
        st.entropy_rate = 0.0;
        CHECK(verdict(0.002).find("no randomness") != std::string::npos);
        st.entropy_rate = 1.0;
        CHECK(verdict(1.001).find("fair coin") != std::string::npos);
        s.scored = 0;
        CHECK(verdict(0.5) == "nothing scored yet");
    }

    TEST_CASE("[next] the same seed gives the same losses to the last bit") {
        NextTermConfig c;
        c.source = pattern("0010111", 0.1);
        c.seed = 5;
        NextTermRun a(c), b(c);
        a.run_to(1200);
        b.run_to(1200);
        REQUIRE(a.curve_bits().size() == b.curve_bits().size());
        CHECK(std::memcmp(a.curve_bits().data(), b.curve_bits().data(), a.curve_bits().size() * sizeof(float)) == 0);
        CHECK(std::memcmp(&a.score().bits, &b.score().bits, sizeof(double)) == 0);
        // Golden bits: natively and in WebAssembly alike (the project's own log and random numbers).
        std::uint64_t bits = 0;
        std::memcpy(&bits, &a.score().bits, sizeof bits);
        CHECK(bits == 0x3fedba587f2f2f96ULL);  // 0.92899727669417831 bits per symbol
        c.seed = 6;
        NextTermRun other(c);
        other.run_to(1200);
        CHECK(other.score().bits != a.score().bits);
    }

#if CARRY_HAS_APP

    TEST_CASE(
        "[app] the Models window's Next term tab trains while shown, shows the rate, and stops costing when hidden") {
        test::Headless h(1280, 800);
        h.pg().anim.playing = false;  // only the tab asks for frames
        h.pg().link.panels.emplace_back("models");
        h.app.models.request_tab = static_cast<int>(ModelsTab::NextTerm);
        h.frames(3);
        REQUIRE(h.app.models.open);
        CHECK(h.app.models.tab == ModelsTab::NextTerm);
        NextTermView& v = h.app.models.next_term;
        REQUIRE(v.run);
        CHECK(v.running);  // it starts by itself the first time it is shown
        // Opening the window on this tab never drew the zoo tab, so the zoo did not start a run.
        CHECK_FALSE(h.app.models.zoo.runner);
        CHECK_FALSE(h.app.models.zoo.running);
        h.pg().anim.playing = false;
        h.frames(1);
        CHECK(app_next_frame_in(h.app) == 0.0);  // training: every frame
        v.frame_budget_ms = 1e6;                 // each frame's whole share, however slow the build (asan, WebAssembly)
        for (int i = 0; i < 40; ++i) h.frame(0.1);  // 4 s of frames: 8000 sequences at 2000 a second
        CHECK(v.run->sequences() >= 6000);
        CHECK(v.run->curve_bits().size() > 10);
        const double rate = v.run->stats().entropy_rate;
        CHECK(rate == doctest::Approx(2.0 / 3.0 + binary_entropy(0.05) / 3.0));  // even, noise 0.05 by default
        // Another tab: the run stands still, and asks for no frames.
        h.app.models.request_tab = static_cast<int>(ModelsTab::States);
        h.frames(2);
        const long long at = v.run->sequences();
        h.frames(20);
        CHECK(v.run->sequences() == at);
        CHECK_FALSE(h.app.models.states.running);
        h.pg().anim.playing = false;  // the sum's animation would ask for frames of its own
        h.frames(3);
        CHECK(app_next_frame_in(h.app) >= kNoFrameDue);
        // Back on the tab: it goes on where it stood.
        h.app.models.request_tab = static_cast<int>(ModelsTab::NextTerm);
        for (int i = 0; i < 5; ++i) h.frame(0.1);
        CHECK(v.run->sequences() > at);
        CHECK(app_next_frame_in(h.app) == 0.0);
    }

    TEST_CASE(
        "[app] Next term: a link sets its source, pattern, noise and hidden units; its controls write them back") {
        test::Headless h(1280, 800);
        std::string rejected;
        REQUIRE(playground_apply_link(
            h.pg(), "#models_tab=nextterm&next_source=pattern&next_pattern=0110&next_noise=0.2&next_hidden=4",
            &rejected));
        CHECK(rejected.empty());
        h.frames(3);
        NextTermView& v = h.app.models.next_term;
        CHECK(h.app.models.tab == ModelsTab::NextTerm);
        CHECK(v.pattern_chosen());
        CHECK(std::string(v.pattern) == "0110");
        CHECK(v.hidden == 4);
        REQUIRE(v.run);  // the run the tab started is the link's
        CHECK(v.run->config().source.pattern == "0110");
        CHECK(v.run->config().source.noise == 0.2);
        CHECK(v.run->config().hidden == 4);
        // A student picks a preset and moves the noise: the link follows (the pattern kept for later).
        v.source = source_preset_index("golden-mean");
        v.noise = 0.3f;
        h.frames(1);
        std::string link = encode_url_state(playground_snapshot(h.pg()));
        MESSAGE(link);
        CHECK(link.find("next_source=golden-mean") != std::string::npos);
        CHECK(link.find("next_noise=0.3") != std::string::npos);
        CHECK(link.find("next_pattern=0110") != std::string::npos);
        CHECK(link.find("next_hidden=4") != std::string::npos);
        // A pattern being typed that is not one yet leaves the link as it was.
        v.source = static_cast<int>(source_presets().size());
        std::snprintf(v.pattern, sizeof v.pattern, "01x");
        h.frames(1);
        link = encode_url_state(playground_snapshot(h.pg()));
        CHECK(link.find("next_source=golden-mean") != std::string::npos);
        // A later link changes the running tab: a new run with its values; a bad value is refused
        // with its reason, and the tab keeps what it had.
        REQUIRE(playground_apply_link(h.pg(), "#next_source=parity&next_noise=0.9", &rejected));
        CHECK(rejected.find("next_noise") != std::string::npos);
        h.frames(2);
        REQUIRE(v.run);
        CHECK(v.run->config().source.preset == "parity");
        CHECK(v.run->config().source.pattern.empty());
        CHECK(v.run->config().source.noise == 0.3);
        // The defaults are not written to a link.
        CHECK(encode_url_state(settings_defaults()).find("next_") == std::string::npos);
    }

    TEST_CASE("[app] Next term: the rate, the numbers and the verdict as text; a bad pattern shows its reason") {
        const test::HeadlessImGui imgui(1000, 800);
        NextTermView v;
        // One frame of the view in a window of its own; with `log`, the text it drew.
        auto frame = [&](bool log = false) {
            ImGui::NewFrame();
            ImGui::Begin("next term");
            if (log) ImGui::LogToBuffer();  // inside the window: End() finishes a log
            v.draw();
            std::string text = log ? GImGui->LogBuffer.c_str() : "";
            if (log) ImGui::LogFinish();
            ImGui::End();
            ImGui::Render();
            return text;
        };
        ImGui::GetIO().DeltaTime = 0.1f;  // 200 sequences a frame
        v.frame_budget_ms = 1e6;          // all of them, however slow the build
        for (int i = 0; i < 30; ++i) frame();
        REQUIRE(v.run);
        CHECK(v.run->sequences() >= 5000);
        const std::string text = frame(true);
        CAPTURE(text);
        char rate[16];
        std::snprintf(rate, sizeof rate, "%.3f", v.run->stats().entropy_rate);
        CHECK(text.find("entropy rate: the best possible on average (exact)") != std::string::npos);
        CHECK(text.find(rate) != std::string::npos);
        CHECK(text.find(next_term_verdict(v.run->score(), v.run->stats()).substr(0, 40)) != std::string::npos);
        CHECK(text.find("supervised learning") != std::string::npos);

        v.source = static_cast<int>(source_presets().size());  // the pattern
        std::snprintf(v.pattern, sizeof v.pattern, "%s", "01a1");
        v.reset();
        CHECK_FALSE(v.run);
        CHECK_FALSE(v.running);
        CHECK(v.error.find("'a' at position 3") != std::string::npos);
        CHECK(frame(true).find("'a' at position 3") != std::string::npos);  // shown, and no crash
        std::snprintf(v.pattern, sizeof v.pattern, "%s", "0010111");
        v.reset();
        REQUIRE(v.run);
        CHECK(v.error.empty());
        CHECK(v.run->stats().entropy_rate == doctest::Approx(binary_entropy(0.05)));
    }
#endif
}
