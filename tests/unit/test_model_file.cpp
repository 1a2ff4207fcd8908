// Tests for core/model_file: bit-exact doubles, every setting round-trips, and bad files are
// refused with the field named while the loaded model stays as it was.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model_file.h"

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
    std::vector<double> out = {0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
                               std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(),
                               std::numeric_limits<double>::epsilon(), 0.1, 1.0 / 3.0, 1e300, 1e-300, 0.5};
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
    Model m = sample_model(32, 1);
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
    check_refused(good, with([](Json& j) { j["config"]["net"]["hidden"] = 0; }), "config.net.hidden: must be an integer in [1, 32]");
    check_refused(good, with([](Json& j) { j["config"]["net"]["hidden"] = 33; }), "config.net.hidden");
    check_refused(good, with([](Json& j) { j["config"]["net"]["hidden"] = 3.5; }), "config.net.hidden: expected an integer");
    check_refused(good, with([](Json& j) { j["config"]["net"]["initial_state"] = "random"; }), "config.net.initial_state");
    check_refused(good, with([](Json& j) { j["config"]["optimizer"]["kind"] = "rmsprop"; }), "config.optimizer.kind");
    check_refused(good, with([](Json& j) { j["config"]["optimizer"]["lr"] = 0.0; }), "config.optimizer.lr: must be in (0");
    check_refused(good, with([](Json& j) { j["config"]["optimizer"]["momentum"] = 1.5; }), "config.optimizer.momentum");
    check_refused(good, with([](Json& j) { j["config"]["optimizer"].erase("eps"); }), "config.optimizer.eps: missing");
    check_refused(good, with([](Json& j) { j["config"]["loss"]["average_over_steps"] = 1; }),
                  "config.loss.average_over_steps: expected true or false");
    check_refused(good, with([](Json& j) { j["config"]["training"]["batch"] = -1; }), "config.training.batch");
    check_refused(good, with([](Json& j) { j["config"]["training"]["max_bits"] = 5000; }), "config.training.max_bits");
    // In range one by one, too big together: a minibatch of 2 GB would freeze or kill the page.
    check_refused(good, with([](Json& j) {
                      j["config"]["training"]["batch"] = 65536;
                      j["config"]["training"]["max_bits"] = 4096;
                  }), "config.training.batch: batch x (max_bits + 3) x hidden");
    check_refused(good, with([](Json& j) {
                      j["config"]["training"]["validation_count"] = 1 << 24;
                      j["config"]["training"]["validation_bits"] = 4096;
                  }), "config.training.validation_count: validation_count x validation_bits exceeds");
    check_refused(good, with([](Json& j) {
        j["config"]["training"]["min_bits"] = 10;
        j["config"]["training"]["max_bits"] = 5;
    }), "config.training.max_bits: must be >= min_bits");
    check_refused(good, with([](Json& j) { j["weights"]["w_rec"][4] = nullptr; }), "weights.w_rec[4]: not a finite number");
    {  // JSON has no infinity; an overflowing literal is refused by the parser itself
        std::string text = with([](Json& j) { j["weights"]["w_rec"][4] = 12345.0; });
        text.replace(text.find("12345.0"), 7, "1e999");
        check_refused(good, text, "number overflow parsing '1e999'");
    }
    check_refused(good, with([](Json& j) { j["weights"]["w_in"][0] = "0.5"; }), "weights.w_in[0]: expected a number");
    check_refused(good, with([](Json& j) { j["weights"]["w_out"].push_back(1.0); }), "weights.w_out: expected 3 numbers, found 4");
    check_refused(good, with([](Json& j) { j["weights"].erase("b_hid"); }), "weights.b_hid: missing");
    check_refused(good, with([](Json& j) { j["weights"]["h0"] = 1.0; }), "weights.h0: expected an array");
    // A net of another size needs weights of that size.
    check_refused(good, with([](Json& j) { j["config"]["net"]["hidden"] = 4; }), "weights.w_in: expected 8 numbers, found 6");
    check_refused(good, with([](Json& j) {
        j["config"]["net"]["initial_state"] = "fixed_zero";
        j["weights"]["h0"] = Json::array({0.0, 0.3, 0.0});
        j["weights"]["o0"] = Json::array({0.0});
    }), "weights.h0[1]: must be 0 with initial_state \"fixed_zero\"");
    check_refused(good, with([](Json& j) { j["training_state"]["sequences"] = -5; }), "training_state.sequences");
    check_refused(good, with([](Json& j) { j["training_state"]["seed"] = -1; }), "training_state.seed: expected an unsigned integer");
    check_refused(good, with([](Json& j) { j["training_state"]["rng"][2] = "xyz"; }), "training_state.rng[2]: expected a string of 16 hex digits");
    check_refused(good, with([](Json& j) { j["training_state"]["rng"] = Json::array({"0000000000000000", "0000000000000000", "0000000000000000", "0000000000000000"}); }),
                  "training_state.rng: an all-zero state");
    check_refused(good, with([](Json& j) { j["optimizer_state"]["m"].erase(0); }), "optimizer_state.m: expected 26 numbers, found 25");
    check_refused(good, with([](Json& j) { j["optimizer_state"]["v"][3] = nullptr; }), "optimizer_state.v[3]: not a finite number");
    check_refused(good, with([](Json& j) { j["optimizer_state"]["beta2_t"] = 2.0; }), "optimizer_state.beta2_t: must be in [0, 1]");
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
