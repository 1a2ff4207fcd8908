// Tests for core/model_file: bit-exact doubles, every setting round-trips, and bad files are
// refused with the field named while the loaded model stays as it was.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model_file.h"
#include "core/settings.h"

using carry::Model;
using Json = nlohmann::ordered_json;

namespace {

std::uint64_t bits_of(double d) {
    std::uint64_t u;
    std::memcpy(&u, &d, sizeof u);
    return u;
}

Model sample_model(int hidden, std::uint64_t seed) {
    Model m;
    m.config.net.hidden = hidden;
    m.config.net.init_scale = 0.75;
    m.config.optim.kind = carry::OptimizerKind::Adam;
    m.config.optim.lr = 0.003;
    m.config.batch = 16;
    m.config.max_bits = 24;
    m.config.loss.last_k = 3;
    m.net = carry::net_init(m.config.net, seed);
    m.seed = seed;
    m.sequences = 123456;
    m.restarts = 2;
    m.solved = true;
    carry::Rng rng(seed);
    m.rng = rng.state();
    carry::OptimState st;
    st.m.assign(m.net.params.size(), 0.25);
    st.v.assign(m.net.params.size(), 1e-9);
    st.t = 77;
    st.beta1_t = 0.9 * 0.9 * 0.9;
    st.beta2_t = 0.999 * 0.999;
    m.optim = st;
    return m;
}

// Every finite double the file must carry exactly: random bit patterns, subnormals, extremes.
std::vector<double> hard_doubles(std::size_t n) {
    std::vector<double> out = {0.0,
                               -0.0,
                               5e-324,
                               -5e-324,
                               2.2250738585072014e-308,
                               2.225073858507201e-308,
                               std::numeric_limits<double>::max(),
                               -std::numeric_limits<double>::max(),
                               std::numeric_limits<double>::epsilon(),
                               0.1,
                               1.0 / 3.0,
                               1e300,
                               1e-300,
                               0.5};
    carry::Rng rng(12345);
    while (out.size() < n) {
        std::uint64_t u = rng.next_u64();
        if (out.size() % 4 == 1) u &= 0x800FFFFFFFFFFFFFull;  // subnormal
        double d;
        std::memcpy(&d, &u, sizeof d);
        if (std::isfinite(d)) out.push_back(d);
    }
    return out;
}

// Loads `text` into a copy of `good` and checks it fails with `expected` and leaves the copy alone.
void check_refused(const Model& good, const std::string& text, const std::string& expected) {
    Model current = good;
    const std::string before = carry::model_to_json(current);
    const std::string err = carry::model_from_json(text, current);
    INFO("error: " << err);
    CHECK(err.find(expected) != std::string::npos);
    CHECK(carry::model_to_json(current) == before);
}

}  // namespace

TEST_CASE("[model] doubles read back bit-exactly") {
    const std::vector<double> values = hard_doubles(40000);
    Model m = sample_model(16, 1);  // the settings table's most hidden units
    const std::size_t n = m.net.params.size();
    for (std::size_t start = 0; start < values.size(); start += n) {
        for (std::size_t i = 0; i < n; ++i) m.net.params[i] = values[(start + i) % values.size()];
        m.config.net.initial_state = carry::InitialState::Learned;
        m.net.config = m.config.net;
        Model back;
        REQUIRE(carry::model_from_json(carry::model_to_json(m), back) == "");
        for (std::size_t i = 0; i < n; ++i) {
            INFO("value " << m.net.params[i]);
            REQUIRE(bits_of(back.net.params[i]) == bits_of(m.net.params[i]));
        }
    }
}

TEST_CASE("[model] every setting and counter round-trips") {
    Model m = sample_model(5, 42);
    m.config.net.initial_state = carry::InitialState::FixedHalf;
    m.net.config = m.config.net;
    carry::apply_fixed_initial_state(m.net);
    m.seed = 0xFFFFFFFFFFFFFFFFull;  // full 64-bit seeds survive
    Model back;
    REQUIRE(carry::model_from_json(carry::model_to_json(m), back) == "");
    CHECK(carry::model_to_json(back) == carry::model_to_json(m));
    CHECK(back.config.net.hidden == 5);
    CHECK(back.net.hidden() == 5);
    CHECK(back.config.net.initial_state == carry::InitialState::FixedHalf);
    CHECK(back.config.optim.kind == carry::OptimizerKind::Adam);
    CHECK(back.config.optim.lr == 0.003);
    CHECK(back.config.batch == 16);
    CHECK(back.config.loss.last_k == 3);
    CHECK(back.seed == 0xFFFFFFFFFFFFFFFFull);
    CHECK(back.sequences == 123456);
    CHECK(back.restarts == 2);
    CHECK(back.solved);
    CHECK(back.rng.s == m.rng.s);
    REQUIRE(back.optim.has_value());
    CHECK(back.optim->t == 77);
    CHECK(back.optim->beta1_t == m.optim->beta1_t);
    CHECK(back.optim->beta2_t == m.optim->beta2_t);
    CHECK(back.optim->m == m.optim->m);
    CHECK(back.optim->v == m.optim->v);

    const Json j = Json::parse(carry::model_to_json(m));
    CHECK(j["format"] == "carry-model");
    CHECK(j["version"] == 1);

    SUBCASE("optimizer state is optional; SGD's empty second moment is allowed") {
        Model no_opt = m;
        no_opt.optim.reset();
        REQUIRE(carry::model_from_json(carry::model_to_json(no_opt), back) == "");
        CHECK_FALSE(back.optim.has_value());
        Model sgd = m;
        sgd.optim->v.clear();
        REQUIRE(carry::model_from_json(carry::model_to_json(sgd), back) == "");
        CHECK(back.optim->v.empty());
    }
}

TEST_CASE("[model] a run saved at the settings table's largest learning rate loads again") {
    Model m = sample_model(3, 7);
    m.config.optim.lr = 1e6;  // the playground allows it (and recovers from what it does)
    Model back;
    CHECK(carry::model_from_json(carry::model_to_json(m), back) == "");
    CHECK(back.config.optim.lr == 1e6);
}

TEST_CASE("[model] bad files name the field and leave the loaded model untouched") {
    const Model good = sample_model(3, 7);
    const Json base = Json::parse(carry::model_to_json(good));
    auto with = [&](auto&& edit) {
        Json j = base;
        edit(j);
        return j.dump();
    };

    check_refused(good, "", "not valid JSON");
    check_refused(good, "{\"format\": ", "not valid JSON");
    check_refused(good, base.dump() + " x", "not valid JSON");
    check_refused(good, "[1,2]", "(top level): expected an object");
    check_refused(good, with([](Json& j) { j["format"] = "other-model"; }), "format: expected \"carry-model\"");
    check_refused(good, with([](Json& j) { j.erase("format"); }), "format: missing");
    check_refused(good, with([](Json& j) { j["version"] = 2; }), "version: this build reads version 1 (got 2)");
    check_refused(good, with([](Json& j) { j["version"] = "1"; }), "version: expected an integer");
    check_refused(good, with([](Json& j) { j["config"]["net"]["hidden"] = 0; }), "config.net.hidden: 0 is below 1");
    check_refused(good, with([](Json& j) { j["config"]["net"]["hidden"] = 33; }), "config.net.hidden");
    check_refused(good, with([](Json& j) { j["config"]["net"]["hidden"] = 3.5; }),
                  "config.net.hidden: expected an integer");
    check_refused(good, with([](Json& j) { j["config"]["net"]["initial_state"] = "random"; }),
                  "config.net.initial_state");
    check_refused(good, with([](Json& j) { j["config"]["optimizer"]["kind"] = "rmsprop"; }), "config.optimizer.kind");
    check_refused(good, with([](Json& j) { j["config"]["optimizer"]["lr"] = 0.0; }),
                  "config.optimizer.lr: 0 is below 1e-06");
    check_refused(good, with([](Json& j) { j["config"]["optimizer"]["momentum"] = 1.5; }), "config.optimizer.momentum");
    check_refused(good, with([](Json& j) { j["config"]["optimizer"].erase("eps"); }), "config.optimizer.eps: missing");
    check_refused(good, with([](Json& j) { j["config"]["loss"]["average_over_steps"] = 1; }),
                  "config.loss.average_over_steps: expected true or false");
    check_refused(good, with([](Json& j) { j["config"]["training"]["batch"] = -1; }), "config.training.batch");
    check_refused(good, with([](Json& j) { j["config"]["training"]["max_bits"] = 5000; }), "config.training.max_bits");
    // A minibatch of 2 GB would freeze or kill the page: the settings table's ranges refuse it.
    check_refused(good, with([](Json& j) {
                      j["config"]["training"]["batch"] = 65536;
                      j["config"]["training"]["max_bits"] = 4096;
                  }),
                  "config.training.batch: 65536 is above 256");
    // In range one by one, too big together.
    check_refused(good, with([](Json& j) {
                      j["config"]["training"]["validation_count"] = 1 << 24;
                      j["config"]["training"]["validation_bits"] = 4096;
                  }),
                  "config.training.validation_count: validation_count x validation_bits exceeds");
    check_refused(good, with([](Json& j) {
                      j["config"]["training"]["min_bits"] = 10;
                      j["config"]["training"]["max_bits"] = 5;
                  }),
                  "config.training.max_bits: the shortest training sum (10 bits) is above the longest (5 bits)");
    check_refused(good, with([](Json& j) { j["weights"]["w_rec"][4] = nullptr; }),
                  "weights.w_rec[4]: not a finite number");
    {  // JSON has no infinity; an overflowing literal is refused by the parser itself
        std::string text = with([](Json& j) { j["weights"]["w_rec"][4] = 12345.0; });
        text.replace(text.find("12345.0"), 7, "1e999");
        check_refused(good, text, "number overflow parsing '1e999'");
    }
    check_refused(good, with([](Json& j) { j["weights"]["w_in"][0] = "0.5"; }), "weights.w_in[0]: expected a number");
    check_refused(good, with([](Json& j) { j["weights"]["w_out"].push_back(1.0); }),
                  "weights.w_out: expected 3 numbers, found 4");
    check_refused(good, with([](Json& j) { j["weights"].erase("b_hid"); }), "weights.b_hid: missing");
    check_refused(good, with([](Json& j) { j["weights"]["h0"] = 1.0; }), "weights.h0: expected an array");
    // A net of another size needs weights of that size.
    check_refused(good, with([](Json& j) { j["config"]["net"]["hidden"] = 4; }),
                  "weights.w_in: expected 8 numbers, found 6");
    check_refused(good, with([](Json& j) {
                      j["config"]["net"]["initial_state"] = "fixed_zero";
                      j["weights"]["h0"] = Json::array({0.0, 0.3, 0.0});
                      j["weights"]["o0"] = Json::array({0.0});
                  }),
                  "weights.h0[1]: must be 0 with initial_state \"fixed_zero\"");
    check_refused(good, with([](Json& j) { j["training_state"]["sequences"] = -5; }), "training_state.sequences");
    check_refused(good, with([](Json& j) { j["training_state"]["seed"] = -1; }),
                  "training_state.seed: expected an unsigned integer");
    check_refused(good, with([](Json& j) { j["training_state"]["rng"][2] = "xyz"; }),
                  "training_state.rng[2]: expected a string of 16 hex digits");
    check_refused(good, with([](Json& j) {
                      j["training_state"]["rng"] =
                          Json::array({"0000000000000000", "0000000000000000", "0000000000000000", "0000000000000000"});
                  }),
                  "training_state.rng: an all-zero state");
    check_refused(good, with([](Json& j) { j["optimizer_state"]["m"].erase(0); }),
                  "optimizer_state.m: expected 26 numbers, found 25");
    check_refused(good, with([](Json& j) { j["optimizer_state"]["v"][3] = nullptr; }),
                  "optimizer_state.v[3]: not a finite number");
    check_refused(good, with([](Json& j) { j["optimizer_state"]["beta2_t"] = 2.0; }),
                  "optimizer_state.beta2_t: must be in [0, 1]");
}

TEST_CASE("[model] files: save, load, and clear errors for missing or unreadable files") {
    const Model m = sample_model(3, 9);
    const std::string path = "carry_test_model_file.json";
    REQUIRE(carry::save_model_file(path, m) == "");
    Model back;
    REQUIRE(carry::load_model_file(path, back) == "");
    CHECK(carry::model_to_json(back) == carry::model_to_json(m));
    std::remove(path.c_str());

    Model current = m;
    const std::string err = carry::load_model_file("no/such/dir/model.json", current);
    CHECK(err.find("no/such/dir/model.json: cannot open") != std::string::npos);
    CHECK(carry::model_to_json(current) == carry::model_to_json(m));

    {
        std::ofstream f(path);
        f << "{\"format\": \"carry-model\", \"version\": 1}";
    }
    const std::string err2 = carry::load_model_file(path, current);
    CHECK(err2 == path + ": config: missing");
    std::remove(path.c_str());

    Model bad = m;
    bad.net.params[0] = std::numeric_limits<double>::quiet_NaN();
    CHECK(carry::save_model_file(path, bad).find("non-finite") != std::string::npos);
}

// [SECTION] the settings table's training rows ----------------------------------------------------

namespace {

// A model whose training settings are `s` (valid by construction: set through the table).
Model model_with(const carry::Settings& s) {
    Model m;
    m.config = s.train;
    m.seed = s.seed;
    m.net = carry::net_init(m.config.net, 5);
    carry::apply_fixed_initial_state(m.net);
    carry::Rng rng(5);
    m.rng = rng.state();
    return m;
}

carry::Settings settings_of(const Model& m) {
    carry::Settings s = carry::settings_defaults();
    s.train = m.config;
    s.seed = m.seed;
    return s;
}

// Values of the row other than its default: the ends of its range, every choice, both booleans.
std::vector<std::string> other_values(const carry::SettingDef& d) {
    std::vector<std::string> out;
    switch (d.type) {
        case carry::SettingType::Int:
            out = {std::to_string(static_cast<long long>(d.min)), std::to_string(static_cast<long long>(d.max))};
            break;
        case carry::SettingType::Real: out = {carry::format_real(d.min), carry::format_real(d.max)}; break;
        case carry::SettingType::Bool: out = {"0", "1"}; break;
        default: out = carry::split_list(d.choices ? d.choices : ""); break;
    }
    return out;
}

Json* json_at(Json& root, const std::string& dotted) {
    Json* at = &root;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = dotted.find('.', start);
        at = &(*at)[dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start)];
        if (dot == std::string::npos) return at;
        start = dot + 1;
    }
}

}  // namespace

TEST_CASE("[model] every training row of the settings table round-trips through a model file") {
    int rows = 0;
    for (const carry::SettingDef& d : carry::settings_table()) {
        if (std::string_view(d.group) != "training") continue;
        ++rows;
        const std::string place = carry::model_file_place(d);
        if (std::string_view(d.key) == "seed")
            CHECK(place.empty());  // training_state.seed: the file's own, 64 bits
        else
            CHECK(place.rfind("config.", 0) == 0);
        for (const std::string& value : other_values(d)) {
            carry::Settings s = carry::settings_defaults();
            REQUIRE(carry::set_setting(s, d, value) == "");
            if (!carry::settings_conflict(s).empty()) continue;  // min_bits 64 > max_bits 16: not a setting
            INFO(d.key << "=" << value);
            const Model m = model_with(s);
            const std::string text = carry::model_to_json(m);
            Model back;
            REQUIRE(carry::model_from_json(text, back) == "");
            const carry::Settings again = settings_of(back);
            for (const carry::SettingDef& e : carry::settings_table())
                if (std::string_view(e.group) == "training")
                    CHECK(carry::get_setting(again, e) == carry::get_setting(s, e));
            CHECK(carry::model_to_json(back) == text);
            std::string pointer = "/" + place;  // the value sits at its place in the file
            for (char& c : pointer)
                if (c == '.') c = '/';
            if (!place.empty()) CHECK(Json::parse(text).contains(Json::json_pointer(pointer)));
        }
    }
    CHECK(rows >= 12);
}

TEST_CASE("[model] a value the settings table refuses is refused in a model file with the row's reason") {
    const Model good = model_with(carry::settings_defaults());
    const Json base = Json::parse(carry::model_to_json(good));
    int checked = 0;
    for (const carry::SettingDef& d : carry::settings_table()) {
        const std::string place = carry::model_file_place(d);
        if (place.empty()) continue;
        INFO(d.key);
        std::vector<std::pair<Json, std::string>> bad;  // the value in the file, the same as URL text
        switch (d.type) {
            case carry::SettingType::Int: {
                const auto lo = static_cast<long long>(d.min) - 1, hi = static_cast<long long>(d.max) + 1;
                bad = {{lo, std::to_string(lo)}, {hi, std::to_string(hi)}};
                break;
            }
            case carry::SettingType::Real: {
                const double lo = d.min - 1, hi = d.max * 2 + 1;
                bad = {{lo, carry::format_real(lo)}, {hi, carry::format_real(hi)}};
                break;
            }
            case carry::SettingType::Choice: bad = {{"nonesuch", "nonesuch"}}; break;
            default: break;
        }
        for (const auto& [value, text] : bad) {
            const std::string reason = carry::validate_setting(d, text);
            REQUIRE_FALSE(reason.empty());
            Json j = base;
            *json_at(j, place) = value;
            check_refused(good, j.dump(), place + ": " + reason);
            ++checked;
        }
        if (d.type == carry::SettingType::Bool) {
            Json j = base;
            *json_at(j, place) = "yes";
            check_refused(good, j.dump(), place + ": expected true or false");
        }
    }
    CHECK(checked >= 20);
    // The rule across rows, with the table's words.
    Json j = base;
    j["config"]["training"]["min_bits"] = 20;
    check_refused(
        good, j.dump(), "config.training.max_bits: " + [] {
            carry::Settings s = carry::settings_defaults();
            s.train.min_bits = 20;
            return carry::settings_conflict(s);
        }());
}

TEST_CASE("[model] files written before the settings table drove the model file load identically") {
    for (const char* name : {"trained_h3.json", "adam_h1.json"}) {
        INFO(name);
        std::ifstream f(std::string(CARRY_SOURCE_DIR) + "/fuzz/corpus/model_file/" + name);
        REQUIRE(f);
        const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        Model m;
        REQUIRE(carry::model_from_json(text, m) == "");
        // Same weights, bit for bit, as the file's numbers (and so the same weights_hash).
        const nlohmann::json file = nlohmann::json::parse(text);
        std::vector<double> weights;
        for (const char* g : {"w_in", "w_rec", "b_hid", "w_out", "b_out", "h0", "o0"})
            for (const auto& x : file["weights"][g]) weights.push_back(x.get<double>());
        REQUIRE(weights.size() == m.net.params.size());
        for (std::size_t i = 0; i < weights.size(); ++i) CHECK(bits_of(m.net.params[i]) == bits_of(weights[i]));
        CHECK(carry::params_hash_hex(m.net.params) == carry::params_hash_hex(weights));
        // Same config: written again, the file has the same fields with the same values (key order aside).
        nlohmann::json again = nlohmann::json::parse(carry::model_to_json(m));
        for (const char* later : {"divergences", "last_exact"})  // the run's position, written since resumable runs
            if (!file["training_state"].contains(later)) again["training_state"].erase(later);
        CHECK(again == file);
        const auto& c = file["config"];
        CHECK(m.config.net.hidden == c["net"]["hidden"].get<int>());
        CHECK(m.config.optim.lr == c["optimizer"]["lr"].get<double>());
        CHECK(m.config.optim.momentum == c["optimizer"]["momentum"].get<double>());
        CHECK(m.config.optim.beta2 == c["optimizer"]["beta2"].get<double>());
        CHECK(m.config.batch == c["training"]["batch"].get<int>());
        CHECK(m.config.restart_after == c["training"]["restart_after"].get<long long>());
        CHECK(m.config.validation_count == c["training"]["validation_count"].get<int>());
        CHECK(m.seed == file["training_state"]["seed"].get<std::uint64_t>());
    }
}
