// The settings table, the URL codec, the saved session and the API validator (issue 6).
// Runs natively and under Node; pure core code, no UI.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/js_api_validate.h"
#include "core/settings.h"
#include "core/url_state.h"

using namespace carry;

TEST_CASE("[settings] the table's defaults are valid and are the core's tuned defaults") {
    for (const SettingDef& d : settings_table()) {
        CAPTURE(d.key);
        CHECK(validate_setting(d, d.def) == "");
        CHECK(find_setting(d.key) == &d);
        CHECK(std::string(d.tooltip).size() > 10);
    }
    const Settings s = settings_defaults();
    const TrainConfig core;
    CHECK(s.train.net.hidden == core.net.hidden);
    CHECK(s.train.net.initial_state == core.net.initial_state);
    CHECK(s.train.net.init_scale == core.net.init_scale);
    CHECK(s.train.optim.kind == core.optim.kind);
    CHECK(s.train.optim.lr == core.optim.lr);
    CHECK(s.train.optim.momentum == core.optim.momentum);
    CHECK(s.train.optim.clip_norm == core.optim.clip_norm);
    CHECK(s.train.batch == core.batch);
    CHECK(s.train.min_bits == core.min_bits);
    CHECK(s.train.max_bits == core.max_bits);
    CHECK(s.train.curriculum == core.curriculum);
    CHECK(s.train.restart_after == core.restart_after);
    CHECK(s.seed == 1);
    CHECK(s.a == "00110100");
    CHECK(s.b == "01001101");
    CHECK(s.panels.size() == 6);
    CHECK(!s.embed);
}

TEST_CASE("[settings] every setting key of the UI can be hidden") {
    const SettingDef* hide = find_setting("hide");
    REQUIRE(hide);
    for (const SettingDef& d : settings_table()) {
        const std::string g = d.group;
        // Link-only rows, and the Next term tab's ("models": the tab draws its own controls).
        if (g == "embed" || g == "open" || g == "models" || d.type == SettingType::List) continue;
        CAPTURE(d.key);
        CHECK(validate_setting(*hide, d.key) == "");
    }
}

namespace {
// The keys of a "k=v&k=v" text, in order.
std::vector<std::string> keys_of(const std::string& url) {
    std::vector<std::string> keys;
    for (std::size_t start = 0; start < url.size();) {
        const std::size_t amp = std::min(url.find('&', start), url.size());
        keys.push_back(url.substr(start, std::min(url.find('=', start), amp) - start));
        start = amp + 1;
    }
    return keys;
}
}  // namespace

TEST_CASE("[settings] a new row needs no other edit: the link, the session and hide= follow the table") {
    Settings s = settings_defaults();
    s.embed = true;  // embedding rows are written only when set
    s.background = true;
    s.hide = {"seed"};
    s.allow = {"https://example.org"};
    s.inside_tab = "automaton";  // where-the-page-opens rows too (issue 16)
    s.models_tab = "zoo";
    s.preset = "handwired";
    s.cursor = 3;
    s.animate = false;
    s.focus = "add";
    s.lesson = "lecture7";
    s.lesson_step = 2;
    s.train.task = *find_task("div3");          // the task is written only when not add (issue 19)
    s.next_term = {"pattern", "0110", 0.2, 4};  // the Next term tab's rows too
    std::vector<std::string> url_rows, session_rows, controls;
    for (const SettingDef& d : settings_table()) {
        if (d.flags & kSettingUrl) url_rows.emplace_back(d.key);
        if (d.flags & kSettingSession) session_rows.emplace_back(d.key);
        if (d.ui.panel) controls.emplace_back(d.key);
    }
    CHECK(keys_of(encode_url_state(s)) == url_rows);
    CHECK(keys_of(encode_url_state(s, kSettingSession)) == session_rows);
    // hide= accepts exactly the rows with a control and the toolbar's buttons.
    std::vector<std::string> hideable = controls;
    for (const std::string& t : split_list(kToolbarControls)) hideable.push_back(t);
    CHECK(split_list(find_setting("hide")->choices) == hideable);
    CHECK(split_list(hideable_controls()) == hideable);
    // Each control's soft range lies inside the row's range, and its default inside the soft range.
    for (const SettingDef& d : settings_table()) {
        CAPTURE(d.key);
        if (d.ui.soft_min == 0 && d.ui.soft_max == 0) continue;
        CHECK(d.ui.soft_min >= d.min);
        CHECK(d.ui.soft_max <= d.max);
        CHECK(d.ui.soft_min < d.ui.soft_max);
        const double def = std::strtod(d.def, nullptr);
        CHECK(def >= d.ui.soft_min);
        CHECK(def <= d.ui.soft_max);
    }
    for (const SettingDef& d : settings_table()) {
        if (!d.ui.shown_if) continue;
        const std::string rule = d.ui.shown_if;
        CAPTURE(rule);
        const SettingDef* other = find_setting(rule.substr(0, rule.find('=')));
        REQUIRE(other);
        CHECK(validate_setting(*other, rule.substr(rule.find('=') + 1)) == "");
    }
}

TEST_CASE("[url] numbers up to the core's limit: 4096 digits pass, 4097 are refused with the reason") {
    const std::string max_digits(kMaxNumberBits, '1');
    Settings s = settings_defaults();
    UrlDecodeReport r = decode_url_state("a=" + max_digits + "&b=0b" + std::string(kMaxNumberBits, '0'), s);
    CHECK(r.rejected.empty());
    CHECK(s.a == max_digits);
    // With a '_' between every two digits and the prefix: the longest valid text.
    std::string spaced = "0b1";
    for (std::size_t i = 1; i < kMaxNumberBits; ++i) spaced += "_1";
    REQUIRE(spaced.size() == kMaxSettingValueLength);
    CHECK(validate_setting(*find_setting("b"), spaced) == "");
    r = decode_url_state("a=1" + max_digits + "&b=1", s);
    REQUIRE(r.rejected.size() == 1);
    CHECK(r.rejected[0] == "a: number too long: 4097 bits (at most 4096)");
    CHECK(s.a == max_digits);  // kept
    CHECK(s.b == "1");
    ApiCall c;
    CHECK(parse_api_call(R"({"method":"setNumbers","args":[")" + max_digits + R"(","1"]})", c) == "");
    CHECK(c.a == max_digits);
    CHECK(parse_api_call(R"({"method":"setNumbers","args":["1)" + max_digits + R"(","1"]})", c) ==
          "setNumbers: a: number too long: 4097 bits (at most 4096)");
}

TEST_CASE("[url] state -> URL -> state round-trips every setting") {
    Settings s = settings_defaults();
    // A value other than the default for every row.
    const char* values[][2] = {{"task", "m1.1.0.001.110"},
                               {"a", "1011"},
                               {"b", "0b1_1"},
                               {"hidden", "7"},
                               {"init", "fixed_half"},
                               {"init_scale", "0.75"},
                               {"optimizer", "adam"},
                               {"lr", "0.0125"},
                               {"momentum", "0.5"},
                               {"clip", "0"},
                               {"batch", "17"},
                               {"min_bits", "3"},
                               {"max_bits", "40"},
                               {"curriculum", "0"},
                               {"restart_after", "0"},
                               {"seed", "2147483647"},
                               {"speed", "7.5"},
                               {"train_speed", "0"},
                               {"theme", "light"},
                               {"motion", "reduce"},
                               {"text_size", "150"},
                               {"panels", "add,train"},
                               {"embed", "1"},
                               {"hide", "seed,optimizer"},
                               {"allow", "https://example.org,http://127.0.0.1:8123"},
                               {"background", "1"},
                               {"inside_tab", "bptt"},
                               {"models_tab", "dynamics"},
                               {"preset", "trained"},
                               {"cursor", "4098"},
                               {"animate", "0"},
                               {"focus", "lesson"},
                               {"lesson", "lessons/mine.md"},
                               {"lesson_step", "99"},
                               {"next_source", "parity"},
                               {"next_pattern", "011"},
                               {"next_noise", "0.25"},
                               {"next_hidden", "16"}};
    std::size_t rows = 0;
    for (auto& kv : values) {
        CAPTURE(kv[0]);
        REQUIRE(find_setting(kv[0]));
        CHECK(set_setting(s, *find_setting(kv[0]), kv[1]) == "");
        ++rows;
    }
    CHECK(rows == settings_table().size());  // the list above covers the whole table
    const std::string url = encode_url_state(s);
    MESSAGE("url: " << url);
    Settings back = settings_defaults();
    const UrlDecodeReport r = decode_url_state("#" + url, back);
    CHECK(r.rejected.empty());
    CHECK(r.unknown.empty());
    for (const SettingDef& d : settings_table()) {
        CAPTURE(d.key);
        CHECK(get_setting(back, d) == get_setting(s, d));
    }
    CHECK(back.train.optim.lr == 0.0125);
    CHECK(back.seed == 2147483647u);
    // Defaults: embedding rows are left out of the link.
    const std::string plain = encode_url_state(settings_defaults());
    CHECK(plain.find("embed") == std::string::npos);
    CHECK(plain.find("preset") == std::string::npos);  // nor where the page opens, at its defaults
    CHECK(plain.find("lesson") == std::string::npos);
    CHECK(plain.find("task") == std::string::npos);  // the adder: links made before issue 19 stay as they were
    CHECK(plain.find("seed=1") != std::string::npos);
    CHECK(back.train.task.name == "");  // an encoded table stays a designed machine
    CHECK(back.train.task.machine.next == find_task("parity")->machine.next);
}

TEST_CASE("[url] real numbers keep every bit") {
    for (double v : {0.2, 0.1 + 0.2, 1e-6, 123456.789, 0.30000000000000004, 9.99e5}) {
        CHECK(std::strtod(format_real(v).c_str(), nullptr) == v);
    }
    CHECK(format_real(0.2) == "0.2");
    CHECK(format_real(2.0) == "2");
}

TEST_CASE("[url] bad values are rejected one by one, the rest applies") {
    Settings s = settings_defaults();
    SUBCASE("each class of bad value") {
        const char* bad[] = {
            "lr=abc",  // not a number
            "lr=",     // empty
            "lr=nan",
            "lr=inf",
            "lr=0x10",
            "lr=1e999",
            "lr=1%200",  // not plain decimals
            "lr=-1",     // below the range
            "hidden=17",
            "hidden=0",
            "hidden=3.5",
            "hidden=99999999999999999999",  // range, not whole
            "optimizer=rmsprop",
            "init=%3Cscript%3E",  // not a choice
            "curriculum=maybe",   // not a bool
            "a=0102",
            "a=",
            "b=%00%01",  // not binary
            "panels=add,evil",
            "panels=add,add",          // lists
            "hide=seed,%22onload%3D",  // hostile item
            "allow=javascript:alert(1)",
            "allow=https://a.org/path",
            "allow=*",  // origins
            "seed=-1",
            "seed=2147483648",
            "batch",  // no value
        };
        for (const char* q : bad) {
            CAPTURE(q);
            Settings t = s;
            const UrlDecodeReport r = decode_url_state(std::string(q) + "&momentum=0.5", t);
            CHECK(r.rejected.size() == 1);
            CHECK(t.train.optim.momentum == 0.5);  // the rest applied
            CHECK(t.train.optim.lr == s.train.optim.lr);
            CHECK(t.train.net.hidden == s.train.net.hidden);
            CHECK(t.a == s.a);
            CHECK(t.panels == s.panels);
            CHECK(t.allow.empty());
            CHECK(describe_rejections(r).find("Ignored from the link") == 0);
        }
    }
    SUBCASE("a 10 000-character value is refused unread, quoted short") {
        const std::string huge(10000, '1');
        const UrlDecodeReport r = decode_url_state("a=" + huge + "&b=" + std::string(10000, 'x') + "&lr=0.3", s);
        REQUIRE(r.rejected.size() == 2);
        CHECK(r.rejected[0].size() < 120);
        CHECK(r.rejected[1].size() < 120);
        CHECK(s.a == "00110100");
        CHECK(s.train.optim.lr == 0.3);
    }
    SUBCASE("hostile strings never appear raw in a message") {
        const UrlDecodeReport r = decode_url_state("a=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%0A%1B", s);
        REQUIRE(r.rejected.size() == 1);
        for (char c : r.rejected[0]) CHECK(static_cast<unsigned char>(c) >= 0x20);
    }
    SUBCASE("unknown keys are reported, not applied") {
        const UrlDecodeReport r = decode_url_state("#colour=red&hidden=4&%E2%98%83=1", s);
        CHECK(r.unknown.size() == 2);
        CHECK(r.rejected.empty());
        CHECK(s.train.net.hidden == 4);
    }
    SUBCASE("min_bits above max_bits keeps both") {
        const UrlDecodeReport r = decode_url_state("min_bits=30&max_bits=10", s);
        CHECK(r.rejected.size() == 1);
        CHECK(s.train.min_bits == 1);
        CHECK(s.train.max_bits == 16);
    }
    SUBCASE("too long or too many pairs: bounded, flagged") {
        std::string many;
        for (int i = 0; i < 500; ++i) many += "hidden=5&";
        const UrlDecodeReport r = decode_url_state(many, s);
        CHECK(r.truncated);
        CHECK(s.train.net.hidden == 5);
        const UrlDecodeReport r2 = decode_url_state(std::string(70000, '&') + "hidden=6", s);
        CHECK(r2.truncated);
    }
    SUBCASE("odd shapes of a URL") {
        for (const char* q : {"", "#", "?", "&&&", "=", "==&=", "%", "%zz=1", "a==1", "#&embed"}) {
            CAPTURE(q);
            Settings t = s;
            decode_url_state(q, t);
        }
        Settings t = s;
        decode_url_state("?embed&panels=add%2Ctrain", t);
        CHECK(t.embed);
        CHECK(t.panels == std::vector<std::string>{"add", "train"});
    }
}

TEST_CASE("[session] saved session: round trip, and anything odd is refused whole") {
    Settings s = settings_defaults();
    set_setting(s, *find_setting("hidden"), "5");
    set_setting(s, *find_setting("embed"), "1");
    const std::string saved = session_to_json(s);
    CHECK(saved.find("embed") == std::string::npos);  // embedding is never remembered
    Settings back = settings_defaults();
    CHECK(session_from_json(saved, back) == "");
    CHECK(back.train.net.hidden == 5);
    CHECK(!back.embed);
    for (const char* bad : {"", "{", "null", "[]", "{\"format\":\"carry-session\"}",
                            "{\"format\":\"carry-session\",\"version\":0,\"state\":\"\"}",
                            "{\"format\":\"other\",\"version\":1,\"state\":\"\"}",
                            "{\"format\":\"carry-session\",\"version\":1,\"state\":\"hidden=99\"}",
                            "{\"format\":\"carry-session\",\"version\":1,\"state\":\"bogus=1\"}",
                            "{\"format\":\"carry-session\",\"version\":1,\"state\":7}"}) {
        CAPTURE(bad);
        Settings t = settings_defaults();
        CHECK(session_from_json(bad, t) != "");
        CHECK(t.train.net.hidden == 3);
    }
}

TEST_CASE("[api] calls are validated argument by argument") {
    ApiCall c;
    CHECK(parse_api_call(R"({"id":3,"method":"train","args":[2000]})", c) == "");
    CHECK(c.method == ApiMethod::Train);
    CHECK(c.n == 2000);
    CHECK(c.id == 3);
    CHECK(parse_api_call(R"({"method":"setNumbers","args":["1011","0b11"]})", c) == "");
    CHECK(c.a == "1011");
    CHECK(parse_api_call(R"({"method":"setState","args":[{"lr":0.05,"hidden":4,"curriculum":false,"a":"101"}]})", c) ==
          "");
    CHECK(c.state.size() == 4);
    CHECK(parse_api_call(R"({"method":"getState"})", c) == "");
    CHECK(parse_api_call(R"({"method":"reset","args":[]})", c) == "");

    const char* bad[] = {
        "",
        "null",
        "[]",
        "{",
        "\"x\"",
        R"({"method":1})",
        R"({"method":"nope"})",
        R"({"method":"__proto__"})",
        R"({"method":"train"})",
        R"({"method":"train","args":[0]})",
        R"({"method":"train","args":[1.5]})",
        R"({"method":"train","args":[-3]})",
        R"({"method":"train","args":["100"]})",
        R"({"method":"train","args":[1e300]})",
        R"({"method":"train","args":[100, 2]})",
        R"({"method":"train","args":{}})",
        R"({"id":-1,"method":"step"})",
        R"({"id":"x","method":"step"})",
        R"({"method":"setNumbers","args":["12","1"]})",
        R"({"method":"setNumbers","args":[101,1]})",
        R"({"method":"setNumbers","args":["1"]})",
        R"({"method":"setState","args":["lr=1"]})",
        R"({"method":"setState","args":[{"lr":"fast"}]})",
        R"({"method":"setState","args":[{"bogus":1}]})",
        R"({"method":"setState","args":[{"lr":[1]}]})",
        R"({"method":"setState","args":[{"allow":"https://x.org"}]})",
        R"({"method":"setState","args":[{"lr":0.1,"hidden":99}]})",
        R"({"method":"loadModel","args":["{}"]})",
        R"({"method":"loadModel","args":[42]})",
        R"({"method":"step","args":[1]})",
    };
    for (const char* b : bad) {
        CAPTURE(b);
        CHECK(parse_api_call(b, c) != "");
        CHECK(c.state.empty());
    }
    // Hostile sizes and shapes: bounded work, an error, no crash.
    CHECK(parse_api_call(std::string(200000, '['), c) != "");
    CHECK(parse_api_call(std::string((1 << 20) + 1, ' '), c) != "");
    const std::string long_a = R"({"method":"setNumbers","args":[")" + std::string(10000, '1') + R"(","1"]})";
    CHECK(parse_api_call(long_a, c) != "");
}

TEST_CASE("[url] a lesson path stays on the page's own site") {
    const SettingDef* lesson = find_setting("lesson");
    REQUIRE(lesson);
    for (const char* ok : {"", "lecture7", "lessons/mine.md", "a/b-c_d.e.md"})
        CHECK(validate_setting(*lesson, ok) == "");
    for (const char* bad : {"/etc/passwd", "../secret.md", "lessons/../x.md", "https://evil.example/x.md",
                            "//evil.example/x.md", "a b.md", ".hidden", "a\\b", "lessons//x.md"}) {
        CAPTURE(bad);
        CHECK(validate_setting(*lesson, bad) != "");
    }
    CHECK(validate_setting(*lesson, std::string(129, 'a')) != "");
    CHECK(validate_setting(*find_setting("inside_tab"), "kitchen").find("not one of") != std::string::npos);
    CHECK(validate_setting(*find_setting("lesson_step"), "0") != "");
}
