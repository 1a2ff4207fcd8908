// Lessons in the app, headless (issue 16): every step of lecture7 walked by its link, each "try
// this" check answered both ways by the app measuring it, the new link keys (preset, tabs, cursor,
// animate, focus), a hash changed after load, setState, and a lesson file with errors.
#if CARRY_HAS_APP

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "core/handwired.h"
#include "core/rng.h"
#include "core/task.h"
#include "core/url_state.h"
#include "headless_app.h"

using namespace carry;
using test::Headless;

namespace {

// A fresh app opened with `link` (as the page's URL), a few frames drawn.
void open(Headless& h, const std::string& link, int frames = 3) {
    embed_start(h.app, {link}, "");
    h.frames(frames);
}

nlohmann::json state(const App& app) { return nlohmann::json::parse(api_state_json(app)); }

const Lesson& lecture7(Headless& h) { return h.app.lesson.lesson; }

void set_random_numbers(Headless& h, int bits, std::uint64_t seed) {
    Rng rng(seed);
    const Pair p = random_pair(rng, bits);
    h.pg().commands.push_back(Command{CommandKind::SetNumbers, 0, format_bits(p.a), format_bits(p.b)});
    h.frames(2);
}

}  // namespace

TEST_CASE("[lesson-app] every step of lecture7 opens by its link with the step's state, and Next agrees") {
    std::vector<nlohmann::json> by_link;  // each step's state, opened by its own link
    std::vector<LessonStep> steps;
    {
        Headless h(1280, 800);
        open(h, "#lesson=lecture7");
        REQUIRE(h.app.lesson.errors.empty());
        steps = lecture7(h).steps;
    }
    REQUIRE(steps.size() >= 10);
    const int n = static_cast<int>(steps.size());
    for (int k = 1; k <= n; ++k) {  // one app at a time: each Headless owns the current ImGui context
        const LessonStep& step = steps[static_cast<std::size_t>(k - 1)];
        CAPTURE(k);
        CAPTURE(step.title);
        Headless one(1280, 800);
        open(one, "#lesson=lecture7&lesson_step=" + std::to_string(k), 4);
        const auto st = state(one.app);
        REQUIRE(st["lesson"].is_object());
        CHECK(st["lesson"]["name"] == "lecture7");
        CHECK(st["lesson"]["step"] == k);
        CHECK(st["lesson"]["steps"] == n);
        CHECK(st["lesson"]["stepTitle"] == step.title);
        CHECK(st["lesson"]["errors"].empty());
        CHECK(st["settings"]["lesson_step"] == k);
        Settings want = settings_defaults();
        decode_url_state(step.link, want);
        CHECK(st["settings"]["preset"] == want.preset);
        if (want.inside_tab != "none") CHECK(st["settings"]["inside_tab"] == want.inside_tab);
        if (want.models_tab != "none") CHECK(st["settings"]["models_tab"] == want.models_tab);
        if (want.preset == "trained") CHECK(one.pg().trainer->solved());
        if (want.preset == "handwired") CHECK(one.pg().trainer->net().params == handwired_adder().params);
        CHECK(st["settings"]["animate"] == want.animate);
        by_link.push_back(st);
    }
    // Walked with Next from step 1: each step arrives at the state its link opens.
    Headless h(1280, 800);
    open(h, "#lesson=lecture7");
    for (int k = 2; k <= n; ++k) {
        CAPTURE(k);
        h.app.lesson.request_step = k;
        h.frames(4);
        const auto walked = state(h.app);
        const auto& st = by_link[static_cast<std::size_t>(k - 1)];
        CHECK(walked["lesson"]["step"] == k);
        for (const char* key : {"preset", "panels", "inside_tab", "models_tab", "animate", "cursor", "lr", "init"})
            CHECK(walked["settings"][key] == st["settings"][key]);
        CHECK(walked["training"]["solved"] == st["training"]["solved"]);
    }
}

// The step of lecture7 whose check is `c` (the lesson's own order).
int step_with(Headless& h, LessonCheck c, int after = 0) {
    const auto& steps = lecture7(h).steps;
    for (std::size_t i = static_cast<std::size_t>(after); i < steps.size(); ++i)
        if (steps[i].check == c) return static_cast<int>(i) + 1;
    return 0;
}

TEST_CASE("[lesson-app] each try-this check, not done and then done, measured by the app") {
    Headless h(1280, 800);
    open(h, "#lesson=lecture7");
    LessonView& v = h.app.lesson;
    auto go = [&](LessonCheck c) {
        const int k = step_with(h, c);
        REQUIRE(k > 0);
        v.request_step = k;
        h.frames(4);
        REQUIRE(v.shown_step == k);
    };
    SUBCASE("wrong_sum") {
        go(LessonCheck::WrongSum);
        h.pg().push(CommandKind::LoadPreset, static_cast<int>(Preset::HandWired));
        h.frames(2);
        CHECK_FALSE(v.verdict.done);  // the exact net answers right
        h.pg().push(CommandKind::TrainReset);
        bool wrong = false;
        for (std::uint64_t s = 1; s < 40 && !wrong; ++s) {
            set_random_numbers(h, 16, s);
            wrong = v.verdict.done;
        }
        CHECK(wrong);
        CHECK(v.verdict.says.find("wrong") != std::string::npos);
    }
    SUBCASE("solved") {
        go(LessonCheck::Solved);
        CHECK_FALSE(v.verdict.done);
        CHECK(v.verdict.says.find("Not yet") == 0);
        REQUIRE(playground_train_until_solved(h.pg(), 200000));
        h.frames(2);
        CHECK(v.verdict.done);
    }
    SUBCASE("four_clusters") {
        go(LessonCheck::FourClusters);
        CHECK(h.app.inside.open);
        CHECK_FALSE(v.verdict.done);  // a fresh net's states do not minimize to the adder's four
        REQUIRE(playground_train_until_solved(h.pg(), 200000));
        for (int i = 0; i < 6; ++i) h.frame(0.5);  // the views re-measure a trained net every few seconds
        CAPTURE(v.facts.clusters);
        CAPTURE(v.facts.automaton_states);
        CHECK(v.verdict.done);
    }
    SUBCASE("automaton_match") {
        go(LessonCheck::AutomatonMatch);
        CHECK(h.pg().trainer->solved());
        CHECK(v.verdict.done);  // the trained preset's automaton is the adder's
        h.pg().push(CommandKind::LoadPreset, static_cast<int>(Preset::Fresh));
        h.frames(4);
        CHECK_FALSE(v.verdict.done);
    }
    SUBCASE("long_sum_right") {
        go(LessonCheck::LongSumRight);
        CHECK_FALSE(v.verdict.done);  // the lecture's 8-bit example
        set_random_numbers(h, 100, 7);
        CHECK(v.verdict.done);
    }
    SUBCASE("diverged") {
        go(LessonCheck::Diverged);
        CHECK_FALSE(v.verdict.done);
        h.pg().commands.push_back(Command{CommandKind::SetSetting, 0, "lr", "1000000"});
        h.pg().push(CommandKind::TrainPlay);
        for (int i = 0; i < 200 && !v.verdict.done; ++i) h.frame();
        CHECK(v.verdict.done);
    }
}

TEST_CASE("[lesson-app] preset=handwired is the exact net and adds a long random sum exactly") {
    Headless h(800, 500);
    embed_start(h.app, {"#preset=handwired"}, "");
    CHECK(h.pg().trainer->net().params == handwired_adder().params);  // before the first frame
    h.frames(2);
    set_random_numbers(h, 1000, 99);
    const auto st = state(h.app);
    CHECK(st["numbers"]["correct"] == true);
    CHECK(st["numbers"]["sum"].get<std::string>().size() >= 1000);
    CHECK(st["settings"]["preset"] == "handwired");
}

TEST_CASE("[lesson-app] preset=trained is solved before the first frame, the same weights every time") {
    std::string hash;
    for (int run = 0; run < 2; ++run) {
        Headless h(800, 500);
        embed_start(h.app, {"#preset=trained&seed=3"}, "");
        REQUIRE(h.pg().trainer);
        CHECK(h.pg().trainer->solved());
        h.frame();
        const auto st = state(h.app);
        CHECK(st["training"]["solved"] == true);
        if (run == 0) hash = st["training"]["weightsHash"];
        else CHECK(st["training"]["weightsHash"] == hash);
    }
}

TEST_CASE("[lesson-app] tabs, cursor, animate and focus by link, by a changed hash and by setState") {
    Headless h(1280, 800);
    open(h, "#inside_tab=automaton&cursor=5&animate=0&a=10110011&b=01101");
    auto st = state(h.app);
    CHECK(st["settings"]["inside_tab"] == "automaton");
    CHECK(h.app.inside.tab == InsideTab::Automaton);
    CHECK(st["settings"]["cursor"] == 5);
    CHECK(st["settings"]["animate"] == false);
    CHECK(st["numbers"]["step"] == 5);
    const std::string weights = st["training"]["weightsHash"];

    embed_hash_changed(h.app, "#inside_tab=bptt&models_tab=dynamics&cursor=2");
    h.frames(3);
    st = state(h.app);
    CHECK(st["settings"]["inside_tab"] == "bptt");
    CHECK(st["settings"]["models_tab"] == "dynamics");
    CHECK(h.app.models.open);
    CHECK(st["settings"]["cursor"] == 2);
    CHECK(st["training"]["weightsHash"] == weights);  // no training setting changed: the same net

    const std::string reply =
        api_call(h.app, R"({"id":5,"method":"setState","args":[{"models_tab":"zoo","animate":true,"focus":"models"}]})");
    CHECK(reply.find("\"pending\":true") != std::string::npos);
    h.frames(3);
    st = state(h.app);
    CHECK(st["settings"]["models_tab"] == "zoo");
    CHECK(st["settings"]["animate"] == true);
    CHECK(st["settings"]["focus"] == "models");
    CHECK(api_call(h.app, R"({"id":6,"method":"setState","args":[{"inside_tab":"nowhere"}]})").find("not one of") !=
          std::string::npos);

    embed_hash_changed(h.app, "#lr=abc&preset=handwired");
    h.frames(2);
    CHECK(h.pg().trainer->net().params == handwired_adder().params);
    CHECK(h.pg().notice.find("lr") != std::string::npos);  // the bad value is named, the rest applied
}

TEST_CASE("[lesson-app] a lesson file: errors with line numbers, the playground keeps working") {
    // The desktop reads a lesson path relative to its working directory (the page fetches it).
    const std::filesystem::path dir = "carry-lesson-test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "mine.md") << "# Mine\n\n## One\nlink: lr=abc\n\nText.\n\n## Two\n\nMore.\n";
    Headless h(1280, 800);
    open(h, "#lesson=carry-lesson-test/mine.md");
    auto st = state(h.app);
    REQUIRE(st["lesson"].is_object());
    CHECK(st["lesson"]["errors"].size() == 1);
    CHECK(st["lesson"]["errors"][0] == "line 4: link: lr: \"abc\" is not a number");
    CHECK(st["lesson"]["steps"] == 2);
    h.pg().push(CommandKind::TrainStep);
    h.frames(2);
    CHECK(h.pg().trainer->sequences() > 0);  // still trains
    h.app.lesson.request_step = 2;
    h.frames(2);
    CHECK(state(h.app)["lesson"]["step"] == 2);

    // A file that is not there: said, and nothing else changes.
    Headless g(800, 500);
    open(g, "#lesson=no/such/lesson.md");
    st = state(g.app);
    CHECK(st["lesson"]["errors"][0].get<std::string>().find("could not read") != std::string::npos);
    CHECK(st["lesson"]["steps"] == 0);
    std::filesystem::remove_all(dir);
}

TEST_CASE("[lesson-app] Help's lesson item opens lecture7 at step 1 and closes it, the playground kept") {
    Headless h(1280, 800);
    open(h, "#seed=4");
    h.pg().link.lesson = "lecture7";  // what Help -> "Lesson: lecture 7" does
    h.frames(3);
    auto st = state(h.app);
    REQUIRE(st["lesson"].is_object());
    CHECK(st["lesson"]["step"] == 1);
    CHECK(st["settings"]["lesson"] == "lecture7");
    h.app.lesson.request_close = true;  // the panel's Close
    h.frames(2);
    st = state(h.app);
    CHECK(st["lesson"].is_null());
    CHECK(st["settings"]["lesson"] == "");
}

#endif  // CARRY_HAS_APP
