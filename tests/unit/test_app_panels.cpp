// The playground's panels, headless: ImGui with no window and no GPU (as ImGui's example_null
// does), driven frame by frame through the same app_frame/app_update the platforms call.
#if CARRY_HAS_APP

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/settings_snapshot.h"
#include "core/model_file.h"
#include <nlohmann/json.hpp>
#include "core/rng.h"
#include "core/url_state.h"
#include "headless_app.h"
#include "imgui.h"

using namespace carry;

namespace {

using test::Headless;

double max_abs_weight(const Net& net) {
    double m = 0;
    for (double w : net.params) m = std::max(m, std::fabs(w));
    return m;
}

}  // namespace

TEST_CASE("[app] starts on the lecture's example, laid out in columns") {
    Headless h(1280, 800);
    h.frames(3);
    Playground& pg = h.pg();
    CHECK(pg.a.text == "00110100");
    CHECK(pg.b.text == "01001101");
    CHECK(decimal_string(pg.a.parsed.bits) == "52");
    CHECK(decimal_string(pg.b.parsed.bits) == "77");
    REQUIRE(pg.stepper);
    CHECK(pg.stepper->columns() == 9);                          // 8 columns + the zero pad column
    CHECK(pg.stepper->steps() == 11);                           // steps 0 .. T+1
    CHECK(format_bits(pg.stepper->true_sum()) == "010000001");  // 52 + 77 = 129
    CHECK(pg.stepper->frame(0).a == 0);                         // column 0 = the rightmost bits: 0 and 1
    CHECK(pg.stepper->frame(0).b == 1);
    CHECK(pg.stepper->frame(2).column == 0);  // the output at step 2 is column 0's sum bit
    CHECK(step_description(pg, 2).find("sum bit 0") != std::string::npos);
    CHECK(decimal_string(bits_from_uint(0, 1)) == "0");
    CHECK(decimal_string(parse_binary("1" + std::string(70, '0')).bits) == "1180591620717411303424");  // 2^70
}

TEST_CASE("[app] queued commands change the state") {
    Headless h(1280, 800);
    h.frames(2);
    Playground& pg = h.pg();

    SUBCASE("numbers") {
        pg.push(CommandKind::SwapNumbers);
        h.frame();
        CHECK(pg.a.text == kLectureB);
        CHECK(pg.b.text == kLectureA);
        pg.push(CommandKind::RandomNumbers, 32);
        h.frame();
        CHECK(pg.pair.bits() == 32);
        CHECK(pg.stepper->columns() == 33);
        pg.push(CommandKind::LectureExample);
        h.frame();
        CHECK(pg.a.text == kLectureA);
        pg.commands.push_back(Command{CommandKind::SetNumbers, 0, "0b1_1", "1"});
        h.frame();
        CHECK(pg.pair.bits() == 2);
        CHECK(format_bits(pg.stepper->true_sum()) == "100");
    }
    SUBCASE("animation") {
        pg.push(CommandKind::AnimSeek, 5);
        h.frame();
        CHECK(pg.anim.cursor == 5);
        CHECK_FALSE(pg.anim.playing);
        pg.push(CommandKind::AnimStep, -1);
        h.frame();
        CHECK(pg.anim.cursor == 4);
        pg.push(CommandKind::AnimSeek, 1000);
        h.frame();
        CHECK(pg.anim.cursor == pg.stepper->steps() - 1);
        pg.push(CommandKind::AnimPlay);
        h.frames(30);  // 0.5 s at 2 steps/s: one step from the start
        CHECK(pg.anim.playing);
        CHECK(pg.anim.cursor >= 0);
        CHECK(pg.anim.cursor <= 2);
    }
    SUBCASE("training step and reset replay") {
        pg.push(CommandKind::TrainStep);
        h.frame();
        CHECK(pg.trainer->sequences() == pg.settings.batch);
        const std::vector<double> after_one = pg.trainer->net().params;
        pg.push(CommandKind::TrainReset);
        pg.push(CommandKind::TrainStep);
        h.frame();
        CHECK(pg.trainer->sequences() == pg.settings.batch);
        CHECK(pg.trainer->net().params == after_one);  // same seed, same settings: same run
    }
    SUBCASE("settings") {
        pg.commands.push_back(Command{CommandKind::SetSetting, 0, "hidden", "5"});
        h.frame();
        CHECK(pg.trainer->net().hidden() == 5);
        CHECK(pg.stepper->net().hidden() == 5);
        pg.commands.push_back(Command{CommandKind::SetSetting, 0, "hidden", "99"});  // out of range: refused, said why
        h.frame();
        CHECK(pg.trainer->net().hidden() == 5);
        CHECK(pg.notice_is_error);
        CHECK(pg.notice == "hidden units: 99 is above 16; kept 5.");
        pg.commands.push_back(Command{CommandKind::SetSetting, 0, "lr", "nan"});
        h.frame();
        CHECK(pg.trainer->config().optim.lr == 0.2);
        CHECK(pg.notice.find("learning rate: \"nan\" is not a number") == 0);
    }
}

TEST_CASE("[app] invalid number text never reaches the core and shows the error") {
    Headless h(800, 500);
    h.frames(2);
    Playground& pg = h.pg();
    const Pair before = pg.pair;
    for (const std::string bad : {std::string("0012"), std::string(""), std::string("0b"), std::string("1 0"),
                                  std::string("\xff\xfe"), std::string(10000, '1'), std::string("-101")}) {
        CAPTURE(bad.substr(0, 20));
        pg.commands.push_back(Command{CommandKind::SetNumbers, 0, bad, "1"});
        h.frames(2);
        CHECK_FALSE(pg.a.parsed.ok());
        CHECK_FALSE(pg.a.parsed.error.empty());
        CHECK(pg.pair.a == before.a);  // the last valid sum stays
        CHECK(pg.stepper->columns() == before.bits() + 1);
    }
    pg.commands.push_back(Command{CommandKind::SetNumbers, 0, "0012", "1"});
    h.frame();
    CHECK(pg.a.parsed.error.find('2') != std::string::npos);  // names the offending character
    pg.commands.push_back(Command{CommandKind::SetNumbers, 0, "101", "1"});
    h.frame();
    CHECK(pg.a.parsed.ok());
    CHECK(pg.pair.bits() == 3);
}

TEST_CASE("[app] training from the UI reaches solved within a frame budget") {
    Headless h(1280, 800);
    Playground& pg = h.pg();
    SUBCASE("full speed: in a blink") {
        pg.live.full_speed = true;
        pg.push(CommandKind::TrainPlay);
        int frames = 0;
        while (!pg.trainer->solved() && frames < 300) h.frame(), ++frames;
        MESSAGE("full speed: solved after " << frames << " frames, " << pg.trainer->sequences() << " sums");
        CHECK(pg.trainer->solved());
        h.frame();
        CHECK_FALSE(pg.live.training);  // pauses itself, with the news
        CHECK(pg.notice.find("Solved") != std::string::npos);
        CHECK(pg.meas.history.size() >= 2);
        CHECK(pg.meas.history.exact_64.back() == doctest::Approx(1.0));
        pg.push(CommandKind::AnimSeek, 1000);
        h.frame();
        CHECK(pg.stepper->net_sum() == pg.stepper->true_sum());  // the lecture's sum, added right
    }
    SUBCASE("default speed: watchable, about half a minute at 60 fps") {
        pg.push(CommandKind::TrainPlay);
        int frames = 0;
        while (!pg.trainer->solved() && frames < 2400) h.frame(), ++frames;
        MESSAGE("default speed: solved after " << frames << " frames (" << frames / 60.0 << " s at 60 fps)");
        CHECK(pg.trainer->solved());
        CHECK(frames >= 600);   // not over before a newcomer can see it
        CHECK(frames <= 2400);  // nor longer than 40 s
    }
}

TEST_CASE("[app] a diverging run is caught, reported, and the last good weights kept") {
    Headless h(1280, 800);
    h.frames(2);
    Playground& pg = h.pg();
    pg.pending_settings.optim.lr = 1e6;
    pg.push(CommandKind::ApplySettings);
    pg.push(CommandKind::TrainPlay);
    h.frames(30);
    CHECK_FALSE(pg.live.training);
    CHECK(pg.live.divergences >= 1);
    CHECK(pg.notice_is_error);
    CHECK(pg.notice.find("diverged") != std::string::npos);
    CHECK(pg.notice.find("lower learning rate") != std::string::npos);
    CHECK(max_abs_weight(pg.trainer->net()) <= kDivergedWeightLimit);
    for (double w : pg.trainer->net().params) CHECK(std::isfinite(w));
    // Lower the rate and go on: training resumes and the notice goes.
    pg.pending_settings.optim.lr = 0.1;
    pg.push(CommandKind::ApplySettings);
    pg.push(CommandKind::TrainPlay);
    h.frames(10);
    CHECK(pg.live.training);
    CHECK(pg.notice.empty());
}

TEST_CASE("[app] the first screen shows the numbers, the sum and the train button without scrolling") {
    for (const ImVec2 size : {ImVec2(1280, 800), ImVec2(800, 500)}) {
        CAPTURE(size.x);
        Headless h(size.x, size.y);
        h.frames(3);
        const UiRects& r = h.pg().drawn.rects;
        for (const UiRect* rect : {&r.number_a, &r.number_b, &r.columns, &r.train_button}) {
            REQUIRE(rect->drawn);
            CHECK(rect->x0 >= 0);
            CHECK(rect->y0 >= 0);
            CHECK(rect->x1 <= size.x);
            CHECK(rect->y1 <= size.y);
        }
        if (size.x >= 1280) {
            CHECK(r.network.drawn);
            CHECK(r.network.y1 <= size.y);  // the net's figure too, on a laptop screen
        }
    }
}

TEST_CASE("[app] a link's hide list takes away exactly the controls it names") {
    // Issue 6: hide=seed,optimizer,... for course notes. Every key the settings table lists as
    // hideable, when named, is not drawn (a and b stay visible, read-only); none is lost otherwise.
    const std::vector<std::string> keys = split_list(hideable_controls());
    REQUIRE(keys.size() > split_list(kToolbarControls).size());
    Headless h(1280, 1400);  // tall: every panel fits, unfolded
    h.frames(3);
    auto drawn = [&](const std::string& k) {
        const auto& d = h.pg().drawn.controls_drawn;
        return std::find(d.begin(), d.end(), k) != d.end();
    };
    for (const std::string& k : keys) CHECK_MESSAGE(drawn(k), k);

    Settings s = playground_snapshot(h.pg());
    s.hide = {"seed", "optimizer", "speed", "train_speed", "numbers"};
    playground_apply(h.pg(), s, false);
    h.frames(3);
    for (const std::string& k : keys) CHECK_MESSAGE(drawn(k) == !list_has(s.hide, k), k);

    s.hide = keys;
    playground_apply(h.pg(), s, false);
    h.frames(3);
    CHECK(h.pg().drawn.controls_drawn.empty());
    CHECK(h.pg().a.text == "00110100");  // still there, just not editable
}

TEST_CASE("[app] a link's panels list opens the Models window, and the menu's choice goes back into it") {
    Headless h(1280, 800);
    h.frames(2);
    CHECK_FALSE(h.app.models.open);
    Settings s = playground_snapshot(h.pg());
    CHECK_FALSE(list_has(s.panels, "models"));
    s.panels.emplace_back("models");
    playground_apply(h.pg(), s, false);
    h.frames(2);
    CHECK(h.app.models.open);
    CHECK(list_has(playground_snapshot(h.pg()).panels, "models"));  // the hash keeps it
    s.panels.pop_back();
    playground_apply(h.pg(), s, false);
    h.frames(2);
    CHECK_FALSE(h.app.models.open);
}

// Issue 14, one writer: a model load changes the trainer in playground_update, never while a panel
// or the JavaScript API runs.
TEST_CASE("[app] a model load queued by the Model dialog takes effect only in playground_update") {
    Headless h(1280, 800);
    Playground& pg = h.pg();
    h.frames(2);
    const Trainer other(TrainConfig{}, 77);
    const std::string path = (std::filesystem::temp_directory_path() / "carry-test-load-queued.json").string();
    REQUIRE(save_model_file(path, model_from_trainer(other)) == "");
    const std::string before = params_hash_hex(pg.trainer->net().params);
    const Trainer* before_trainer = pg.trainer.get();

    std::snprintf(h.app.model_file.path, sizeof h.app.model_file.path, "%s", path.c_str());
    REQUIRE(model_load_path(h.app));            // what the dialog's Load button calls
    CHECK(pg.trainer.get() == before_trainer);  // nothing changed yet: the load is a command
    CHECK(params_hash_hex(pg.trainer->net().params) == before);
    REQUIRE(pg.commands.size() == 1u);
    CHECK(pg.commands.front().kind == CommandKind::LoadModel);
    const std::uint64_t generation = pg.net_generation;

    playground_update(pg, 0.0);
    CHECK(params_hash_hex(pg.trainer->net().params) == params_hash_hex(other.net().params));
    CHECK(pg.seed == 77u);
    CHECK(pg.net_generation > generation);
    REQUIRE(pg.loads_applied.size() == 1u);
    CHECK(pg.loads_applied[0].error == "");

    // A file that does not validate is refused at once, with its reason; nothing is queued.
    std::snprintf(h.app.model_file.path, sizeof h.app.model_file.path, "%s", "no-such-dir/carry-model.json");
    CHECK_FALSE(model_load_path(h.app));
    CHECK(pg.commands.empty());
    CHECK(pg.notice_is_error);
    CHECK(pg.notice.find("Could not load the model") == 0);
    std::filesystem::remove(path);
}

TEST_CASE("[app] the API's loadModel replies after the command is applied; a bad model is refused with its reason") {
    Headless h(1280, 800);
    Playground& pg = h.pg();
    h.app.embed.web = true;  // replies go to the outbox
    h.frames(2);
    h.app.embed.outbox.clear();
    const Trainer other(TrainConfig{}, 78);
    const std::string want = params_hash_hex(other.net().params);
    const std::string call =
        nlohmann::json{{"id", 41}, {"method", "loadModel"}, {"args", {model_to_json(model_from_trainer(other))}}}
            .dump();
    const std::string now = api_call(h.app, call);
    CHECK(now.find("\"pending\":true") != std::string::npos);
    CHECK(params_hash_hex(pg.trainer->net().params) != want);  // not during the call
    CHECK(h.app.embed.outbox.empty());

    h.frame();
    CHECK(params_hash_hex(pg.trainer->net().params) == want);
    bool replied = false;
    for (const std::string& m : h.app.embed.outbox) {
        const nlohmann::json j = nlohmann::json::parse(m);
        if (j.contains("id") && j["id"] == 41) {
            replied = true;
            CHECK(j["ok"] == true);
            CHECK(j["result"]["training"]["weightsHash"] == want);
        }
        CHECK_FALSE((j.contains("event") && j["event"] == "solved"));  // a loaded net raises no "solved"
    }
    CHECK(replied);

    // Refused: the reply says why, the net is kept, the page shows the notice.
    const std::string bad = api_call(h.app, R"({"id":42,"method":"loadModel","args":["{\"format\":\"nope\"}"]})");
    const nlohmann::json jb = nlohmann::json::parse(bad);
    CHECK(jb["ok"] == false);
    CHECK_FALSE(jb["error"].get<std::string>().empty());
    h.frame();
    CHECK(params_hash_hex(pg.trainer->net().params) == want);
    CHECK(pg.notice.find("Could not load the model") == 0);
}

TEST_CASE("[app] tiny and huge viewports, long numbers, resizes: no crash") {
    Headless h(1280, 800);
    Playground& pg = h.pg();
    pg.push(CommandKind::RandomNumbers, 256);
    pg.live.full_speed = true;
    pg.push(CommandKind::TrainPlay);
    for (const ImVec2 size : {ImVec2(320, 240), ImVec2(120, 90), ImVec2(3840, 2160), ImVec2(800, 500)}) {
        ImGui::GetIO().DisplaySize = size;
        h.frames(5);
    }
    CHECK(pg.stepper->columns() == 257);
    pg.pending_settings.net.hidden = 16;
    pg.push(CommandKind::ApplySettings);
    h.frames(5);
    CHECK(pg.stepper->net().hidden() == 16);
}

TEST_CASE("[app] every row of the settings table with a control is drawn once, from its row") {
    Headless h(1280, 1400);  // tall: every panel fits, unfolded
    h.frames(3);
    const Playground& pg = h.pg();
    auto count = [&](std::string_view key) {
        return std::count(pg.drawn.controls_drawn.begin(), pg.drawn.controls_drawn.end(), key);
    };
    std::size_t generic = 0;
    for (const SettingDef& row : settings_table()) {
        CAPTURE(row.key);
        if (!row.ui.panel) {
            CHECK(count(row.key) == 0);  // set by a link, the menus or the API only
            continue;
        }
        CHECK(count(row.key) == 1);       // momentum too: shown while the optimizer is SGD (the default)
        if (row.ui.own_widget) continue;  // the number fields, the toolbar's speed levels
        ++generic;
        const auto drawn = std::find_if(pg.drawn.settings_drawn.begin(), pg.drawn.settings_drawn.end(),
                                        [&](const DrawnSetting& d) { return std::string_view(d.key) == row.key; });
        REQUIRE(drawn != pg.drawn.settings_drawn.end());
        CHECK(std::string_view(drawn->label) == row.label);
        if (row.type == SettingType::Int || row.type == SettingType::Real) {
            const bool soft = row.ui.soft_min != 0 || row.ui.soft_max != 0;
            CHECK(drawn->lo == (soft ? row.ui.soft_min : row.min));
            CHECK(drawn->hi == (soft ? row.ui.soft_max : row.max));
            CHECK(drawn->lo >= row.min);  // a soft range lies inside the hard one
            CHECK(drawn->hi <= row.max);
        }
    }
    CHECK(pg.drawn.settings_drawn.size() == generic);  // nothing drawn twice, nothing outside the table
    // Every other control a panel asks about is one of the toolbar's buttons.
    for (std::string_view k : pg.drawn.controls_drawn) {
        CAPTURE(k);
        CHECK((find_setting(k) != nullptr || list_has(split_list(kToolbarControls), k)));
    }
    // A row's shown_if: momentum goes with Adam.
    h.pg().commands.push_back(Command{CommandKind::SetSetting, 0, "optimizer", "adam"});
    h.frames(2);
    CHECK(count("momentum") == 0);
    CHECK(count("lr") == 1);
}

TEST_CASE("[app] a value out of range is refused in one place, with the table's reason, wherever it comes from") {
    Headless h(1280, 800);
    h.frames(2);
    Playground& pg = h.pg();
    const SettingDef& hidden = *find_setting("hidden");
    const std::string reason = validate_setting(hidden, "17");
    REQUIRE(reason == "17 is above 16");
    // The settings panel's control (a typed value beyond the slider).
    pg.commands.push_back(Command{CommandKind::SetSetting, 0, "hidden", "17"});
    h.frame();
    CHECK(pg.trainer->net().hidden() == 3);
    CHECK(pg.notice.find(reason) != std::string::npos);
    // A link.
    Settings s = playground_snapshot(pg);
    const UrlDecodeReport r = decode_url_state("hidden=17", s);
    REQUIRE(r.rejected.size() == 1);
    CHECK(r.rejected[0] == "hidden: " + reason);
    // The JavaScript API.
    const std::string reply = api_call(h.app, R"({"id":1,"method":"setState","args":[{"hidden":17}]})");
    CHECK(reply.find(reason) != std::string::npos);
    // Beyond the slider but inside the table's range: taken as typed (no second, narrower clamp).
    pg.commands.push_back(Command{CommandKind::SetSetting, 0, "lr", "100"});
    pg.commands.push_back(Command{CommandKind::SetSetting, 0, "batch", "200"});
    h.frame();
    CHECK(pg.trainer->config().optim.lr == 100.0);
    CHECK(pg.trainer->config().batch == 200);
    // Across rows: the shortest training sum cannot pass the longest.
    pg.commands.push_back(Command{CommandKind::SetSetting, 0, "min_bits", "20"});
    h.frame();
    CHECK(pg.trainer->config().min_bits == 1);
    CHECK(pg.notice.find("is above the longest") != std::string::npos);
}

TEST_CASE("[app] numbers up to the core's limit: 4096 digits from a link or the API add exactly") {
    Headless h(1280, 800);
    h.frames(2);
    Playground& pg = h.pg();
    pg.push(CommandKind::LoadPreset, static_cast<int>(Preset::HandWired));  // a net that adds exactly
    h.frame();
    Rng rng(4096);
    const Pair p = random_pair(rng, static_cast<int>(kMaxNumberBits));
    const std::string a = format_bits(p.a), b = format_bits(p.b);
    REQUIRE(a.size() == kMaxNumberBits);

    // From a link.
    Settings s = playground_snapshot(pg);
    const UrlDecodeReport r = decode_url_state("#a=" + a + "&b=" + b, s);
    CHECK(r.rejected.empty());
    playground_apply(pg, s, false);
    h.frame();
    REQUIRE(pg.a.parsed.ok());
    CHECK(pg.pair.bits() == static_cast<int>(kMaxNumberBits));
    CHECK(pg.stepper->true_sum() == add_exact(p.a, p.b));
    CHECK(pg.stepper->net_sum() == pg.stepper->true_sum());  // the hand-wired net adds all 4097 columns
    CHECK(encode_url_state(playground_snapshot(pg)).find("a=" + a + "&") != std::string::npos);  // the link carries it

    // From the API, then one digit too many: a clear error, and the last good numbers stay.
    const std::string ok = api_call(h.app, R"({"id":2,"method":"setNumbers","args":[")" + b + R"(",")" + a + R"("]})");
    CHECK(ok.find("\"pending\":true") != std::string::npos);
    h.frame();
    CHECK(pg.a.text == b);
    const std::string too_long = api_call(h.app, R"({"id":3,"method":"setNumbers","args":["1)" + a + R"(","1"]})");
    CHECK(too_long.find("number too long: 4097 bits (at most 4096") != std::string::npos);
    Settings t = playground_snapshot(pg);
    const UrlDecodeReport r2 = decode_url_state("a=1" + a, t);
    REQUIRE(r2.rejected.size() == 1);
    CHECK(r2.rejected[0].find("number too long: 4097 bits") != std::string::npos);
    // Typed into the field: the error shows, the sum stays the last good one.
    pg.commands.push_back(Command{CommandKind::SetNumbers, 0, "1" + a, b});
    h.frame();
    CHECK_FALSE(pg.a.parsed.ok());
    CHECK(pg.a.parsed.error.find("number too long") == 0);
    CHECK(pg.pair.a == p.b);
}

TEST_CASE("[app] the columns view draws only the columns in sight") {
    // The vertices ImGui is handed for a whole frame, with every column's outputs revealed.
    auto vertices = [](int bits) {
        Headless h(1280, 800);
        h.frames(2);
        Rng rng(7);
        const Pair p = random_pair(rng, bits);
        h.pg().commands.push_back(Command{CommandKind::SetNumbers, 0, format_bits(p.a), format_bits(p.b)});
        h.frame();
        h.pg().push(CommandKind::AnimSeek, 1 << 20);  // the last step
        h.frames(3);
        CHECK(h.pg().drawn.rects.columns.drawn);
        CHECK(h.pg().drawn.rects.columns.x1 <= 1280);
        return ImGui::GetDrawData()->TotalVtxCount;
    };
    const int v128 = vertices(128), v4096 = vertices(static_cast<int>(kMaxNumberBits));
    MESSAGE("vertices per frame: 128-bit sum " << v128 << ", 4096-bit sum " << v4096);
    // Both overflow the view; 32 times the columns may not cost more than a few columns' more.
    CHECK(v4096 < v128 + v128 / 4);
}

#endif  // CARRY_HAS_APP
