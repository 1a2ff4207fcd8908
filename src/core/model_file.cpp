// model_file: writing and validated reading of "carry-model" JSON files (see model_file.h).
//
// [SECTION] names
// [SECTION] the settings table's training rows: where each sits in the file, JSON <-> text
// [SECTION] writing
// [SECTION] reading: a checker that records the first bad field
// [SECTION] reading: the format (header, config, weights, training state, optimizer state)
// [SECTION] files
#include "core/model_file.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/settings.h"

namespace carry {

using Json = nlohmann::ordered_json;  // keeps the written field order readable

namespace {

struct WeightGroup {
    const char* name;
    std::size_t ParamLayout::*offset;
    std::size_t (*size)(std::size_t H);
};
// The parameter buffer's groups in buffer order (net.h).
const WeightGroup kGroups[] = {
    {"w_in", &ParamLayout::w_in, [](std::size_t H) { return 2 * H; }},
    {"w_rec", &ParamLayout::w_rec, [](std::size_t H) { return H * H; }},
    {"b_hid", &ParamLayout::b_hid, [](std::size_t H) { return H; }},
    {"w_out", &ParamLayout::w_out, [](std::size_t H) { return H; }},
    {"b_out", &ParamLayout::b_out, [](std::size_t) { return std::size_t{1}; }},
    {"h0", &ParamLayout::h0, [](std::size_t H) { return H; }},
    {"o0", &ParamLayout::o0, [](std::size_t) { return std::size_t{1}; }},
};

std::string hex64(std::uint64_t v) {
    static const char* digits = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = digits[v & 15u];
    return s;
}

bool parse_hex64(const std::string& s, std::uint64_t* out) {
    if (s.size() != 16) return false;
    std::uint64_t v = 0;
    for (char c : s) {
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) return false;
        v = (v << 4) | static_cast<std::uint64_t>(d);
    }
    *out = v;
    return true;
}

}  // namespace

// [SECTION] names -------------------------------------------------------------------------------

const char* initial_state_name(InitialState s) {
    switch (s) {
        case InitialState::Learned: return "learned";
        case InitialState::FixedHalf: return "fixed_half";
        case InitialState::FixedZero: return "fixed_zero";
    }
    return "learned";
}

const char* optimizer_name(OptimizerKind k) { return k == OptimizerKind::Adam ? "adam" : "sgd_momentum"; }

bool parse_initial_state(std::string_view name, InitialState* out) {
    for (auto s : {InitialState::Learned, InitialState::FixedHalf, InitialState::FixedZero})
        if (name == initial_state_name(s)) {
            *out = s;
            return true;
        }
    return false;
}

bool parse_optimizer(std::string_view name, OptimizerKind* out) {
    for (auto k : {OptimizerKind::SgdMomentum, OptimizerKind::Adam})
        if (name == optimizer_name(k)) {
            *out = k;
            return true;
        }
    return false;
}

Model model_from_trainer(const Trainer& trainer) {
    Model m;
    m.config = trainer.config();
    m.net = trainer.net();
    m.config.net = m.net.config;
    m.seed = trainer.seed();
    m.sequences = trainer.sequences();
    m.restarts = trainer.restarts();
    m.solved = trainer.solved();
    const TrainerState st = trainer.state();
    m.rng = st.rng;
    m.optim = st.optim;
    m.progress = st.progress;
    return m;
}

TrainerState model_trainer_state(const Model& m) {
    TrainerState st{m.net, m.rng, m.optim, m.sequences, m.restarts, m.solved, m.progress};
    // Moments saved for another optimizer than the file's (an edited file): start afresh.
    if (st.optim && !optim_state_fits(*st.optim, m.net.params.size(), m.config.optim)) st.optim.reset();
    return st;
}

// [SECTION] the settings table's training rows ------------------------------------------------------

namespace {

// The file's training settings are the settings table's "training" rows (core/settings.h): each is
// written from get_setting() and read back through set_setting(), so the file holds exactly what
// the table allows and refuses a value with the table's reason. kRowPlaces maps a row to its place
// in the file's nested objects (the names version 1 files have always used); a row not listed
// here sits at config.training.<key> and may be absent (a file written before the row existed
// loads with the row's default). Fields that are no setting of the table (init_h0, Adam's betas,
// the loss, the validation schedule, ...) stay model_file's own, below.
struct RowPlace {
    const char* key;     // the settings table's row
    const char* object;  // dotted path of the object holding it
    const char* field;   // its name there
};
const RowPlace kRowPlaces[] = {
    {"hidden", "config.net", "hidden"},
    {"init", "config.net", "initial_state"},
    {"init_scale", "config.net", "init_scale"},
    {"optimizer", "config.optimizer", "kind"},
    {"lr", "config.optimizer", "lr"},
    {"momentum", "config.optimizer", "momentum"},
    {"clip", "config.optimizer", "clip_norm"},
    {"batch", "config.training", "batch"},
    {"min_bits", "config.training", "min_bits"},
    {"max_bits", "config.training", "max_bits"},
    {"curriculum", "config.training", "curriculum"},
    {"restart_after", "config.training", "restart_after"},
};

// Training rows the file keeps itself, because it carries more than the row allows. The seed row
// is 0 .. 2^31-1 (what a link and JavaScript carry); a run's seed is any 64-bit number (Trainer
// takes one) and files have always carried it whole, at training_state.seed.
constexpr std::string_view kOwnRows[] = {"seed"};

// Where a training row sits; `required`: files of version 1 always have it.
RowPlace row_place(const SettingDef& d, bool* required) {
    for (const RowPlace& p : kRowPlaces)
        if (std::string_view(p.key) == d.key) {
            *required = true;
            return p;
        }
    *required = false;
    return RowPlace{d.key, "config.training", d.key};
}

// A training row of the table that the file writes and reads through the table.
bool is_training_row(const SettingDef& d) {
    for (std::string_view own : kOwnRows)
        if (own == d.key) return false;
    return std::string_view(d.group) == "training";
}

// The settings a model's training rows are read from and written to.
Settings model_settings(const TrainConfig& config, const NetConfig& net, std::uint64_t seed) {
    Settings s = settings_defaults();
    s.train = config;
    s.train.net = net;
    s.seed = seed;
    return s;
}

// The object at a dotted path under `root`, created when missing.
Json& object_at(Json& root, std::string_view path) {
    Json* at = &root;
    while (!path.empty()) {
        const std::size_t dot = path.find('.');
        at = &(*at)[std::string(path.substr(0, dot))];
        path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    }
    return *at;
}

// A row's canonical text (get_setting) as the JSON value the file holds.
Json row_json(const SettingDef& d, const std::string& text) {
    switch (d.type) {
        case SettingType::Int: return std::strtoll(text.c_str(), nullptr, 10);
        case SettingType::Real: return std::strtod(text.c_str(), nullptr);  // format_real: reads back exactly
        case SettingType::Bool: return text == "1";
        default: return text;
    }
}

}  // namespace

std::string model_file_place(const SettingDef& row) {
    if (!is_training_row(row)) return {};
    bool required = false;
    const RowPlace place = row_place(row, &required);
    return std::string(place.object) + "." + place.field;
}

// [SECTION] writing -----------------------------------------------------------------------------

std::string model_to_json(const Model& model, int indent) {
    const TrainConfig& c = model.config;
    Json j;
    j["format"] = kModelFormat;
    j["version"] = kModelVersion;
    Json& cfg = j["config"];
    for (const char* object : {"net", "optimizer", "loss", "training"}) cfg[object] = Json::object();
    // The settings table's training rows, each at its place; then the fields that are no row.
    const Settings s = model_settings(c, model.net.config, model.seed);
    for (const SettingDef& d : settings_table()) {
        if (!is_training_row(d)) continue;
        bool required = false;
        const RowPlace place = row_place(d, &required);
        const std::string text = get_setting(s, d);
        // As in a link: an optional row at its default is left out (an adder's file stays as it was).
        if (!required && (d.flags & kSettingOmitDefault) && text == d.def) continue;
        object_at(j, place.object)[place.field] = row_json(d, text);
    }
    cfg["net"]["init_h0"] = model.net.config.init_h0;
    Json& opt = cfg["optimizer"];
    opt["beta1"] = c.optim.beta1;
    opt["beta2"] = c.optim.beta2;
    opt["eps"] = c.optim.eps;
    cfg["loss"] = {{"last_k", c.loss.last_k}, {"average_over_steps", c.loss.average_over_steps}};
    Json& tr = cfg["training"];
    tr["curriculum_start_bits"] = c.curriculum_start_bits;
    tr["curriculum_grow_every"] = c.curriculum_grow_every;
    tr["validate_every"] = c.validate_every;
    tr["validation_bits"] = c.validation_bits;
    tr["quick_count"] = c.quick_count;
    tr["validation_count"] = c.validation_count;
    const ParamLayout L = param_layout(model.net.hidden());
    const auto H = static_cast<std::size_t>(model.net.hidden());
    Json& w = j["weights"];
    for (const auto& g : kGroups) {
        Json arr = Json::array();
        for (std::size_t i = 0; i < g.size(H); ++i) arr.push_back(model.net.params[L.*g.offset + i]);
        w[g.name] = std::move(arr);
    }
    Json rng = Json::array();
    for (auto word : model.rng.s) rng.push_back(hex64(word));
    Json& ts = j["training_state"];
    ts["seed"] = model.seed;
    ts["sequences"] = model.sequences;
    ts["restarts"] = model.restarts;
    ts["solved"] = model.solved;
    ts["rng"] = rng;
    // Where the run stands, so it resumes exactly (files before these fields load without them).
    const RunProgress& at = model.progress;
    if (at.run_sequences >= 0) ts["run_sequences"] = at.run_sequences;
    if (at.next_validation >= 0) ts["next_validation"] = at.next_validation;
    ts["divergences"] = at.divergences;
    ts["last_exact"] = at.last_exact;
    if (model.optim) {
        j["optimizer_state"] = {{"t", model.optim->t},
                                {"beta1_t", model.optim->beta1_t},
                                {"beta2_t", model.optim->beta2_t},
                                {"m", model.optim->m},
                                {"v", model.optim->v}};
    }
    return j.dump(indent) + "\n";
}

// [SECTION] reading: a checker that records the first bad field -----------------------------------

namespace {

class Checker {
public:
    std::string error;
    bool ok() const { return error.empty(); }

    bool fail(const std::string& path, const std::string& what) {
        if (error.empty()) error = path + ": " + what;
        return false;
    }

    // The member `key` of object `obj` (at `path`), or nullptr after recording an error.
    const Json* member(const Json& obj, const std::string& path, const char* key) {
        if (!ok()) return nullptr;
        const std::string p = path.empty() ? key : path + "." + key;
        if (!obj.is_object()) {
            fail(path.empty() ? "(top level)" : path, "expected an object");
            return nullptr;
        }
        auto it = obj.find(key);
        if (it == obj.end()) {
            fail(p, "missing");
            return nullptr;
        }
        return &*it;
    }

    bool integer(const Json& obj, const std::string& path, const char* key, long long lo, long long hi,
                 long long* out) {
        const Json* v = member(obj, path, key);
        if (!v) return false;
        const std::string p = join(path, key);
        if (v->is_number_unsigned()) {
            const auto u = v->get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(hi)) return fail(p, range_text(lo, hi, std::to_string(u)));
            *out = static_cast<long long>(u);
        } else if (v->is_number_integer()) {
            *out = v->get<long long>();
        } else {
            return fail(p, "expected an integer");
        }
        if (*out < lo || *out > hi) return fail(p, range_text(lo, hi, std::to_string(*out)));
        return true;
    }

    bool integer(const Json& obj, const std::string& path, const char* key, long long lo, long long hi, int* out) {
        long long v = 0;
        if (!integer(obj, path, key, lo, hi, &v)) return false;
        *out = static_cast<int>(v);
        return true;
    }

    bool unsigned64(const Json& obj, const std::string& path, const char* key, std::uint64_t* out) {
        const Json* v = member(obj, path, key);
        if (!v) return false;
        if (v->is_number_unsigned())
            *out = v->get<std::uint64_t>();
        else if (v->is_number_integer() && v->get<long long>() >= 0)
            *out = static_cast<std::uint64_t>(v->get<long long>());
        else
            return fail(join(path, key), "expected an unsigned integer");
        return true;
    }

    // A finite double in [lo, hi] (lo excluded when lo_open).
    bool number(const Json& obj, const std::string& path, const char* key, double lo, double hi, bool lo_open,
                double* out) {
        const Json* v = member(obj, path, key);
        if (!v) return false;
        const std::string p = join(path, key);
        if (!finite_number(*v, p, out)) return false;
        if (*out < lo || *out > hi || (lo_open && *out == lo)) {
            std::ostringstream os;
            os << "must be in " << (lo_open ? "(" : "[") << lo << ", " << hi << "] (got " << *out << ")";
            return fail(p, os.str());
        }
        return true;
    }

    bool finite_number(const Json& v, const std::string& p, double* out) {
        if (v.is_null()) return fail(p, "not a finite number");  // nlohmann writes NaN/inf as null
        if (!v.is_number()) return fail(p, "expected a number");
        *out = v.get<double>();
        if (!std::isfinite(*out)) return fail(p, "not a finite number");
        return true;
    }

    bool boolean(const Json& obj, const std::string& path, const char* key, bool* out) {
        const Json* v = member(obj, path, key);
        if (!v) return false;
        if (!v->is_boolean()) return fail(join(path, key), "expected true or false");
        *out = v->get<bool>();
        return true;
    }

    bool string(const Json& obj, const std::string& path, const char* key, std::string* out) {
        const Json* v = member(obj, path, key);
        if (!v) return false;
        if (!v->is_string()) return fail(join(path, key), "expected a string");
        *out = v->get<std::string>();
        return true;
    }

    // An array of exactly `size` finite numbers.
    bool numbers(const Json& obj, const std::string& path, const char* key, std::size_t size, double* out) {
        const Json* v = member(obj, path, key);
        if (!v) return false;
        const std::string p = join(path, key);
        if (!v->is_array()) return fail(p, "expected an array of numbers");
        if (v->size() != size)
            return fail(p, "expected " + std::to_string(size) + " numbers, found " + std::to_string(v->size()));
        for (std::size_t i = 0; i < size; ++i)
            if (!finite_number((*v)[i], p + "[" + std::to_string(i) + "]", &out[i])) return false;
        return true;
    }

    static std::string join(const std::string& path, const char* key) { return path.empty() ? key : path + "." + key; }

private:
    static std::string range_text(long long lo, long long hi, const std::string& got) {
        return "must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "] (got " + got + ")";
    }
};

// Collects parse errors without exceptions (the DOM parser is told not to throw).
struct QuietDomParser {
    explicit QuietDomParser(Json& root) : dom(root, false) {}
    nlohmann::detail::json_sax_dom_parser<Json> dom;
    std::string error;

    bool null() { return dom.null(); }
    bool boolean(bool v) { return dom.boolean(v); }
    bool number_integer(Json::number_integer_t v) { return dom.number_integer(v); }
    bool number_unsigned(Json::number_unsigned_t v) { return dom.number_unsigned(v); }
    bool number_float(Json::number_float_t v, const std::string& s) { return dom.number_float(v, s); }
    bool string(std::string& v) { return dom.string(v); }
    bool binary(Json::binary_t& v) { return dom.binary(v); }
    bool start_object(std::size_t n) { return dom.start_object(n); }
    bool key(std::string& v) { return dom.key(v); }
    bool end_object() { return dom.end_object(); }
    bool start_array(std::size_t n) { return dom.start_array(n); }
    bool end_array() { return dom.end_array(); }
    template <class Exception>
    bool parse_error(std::size_t, const std::string&, const Exception& ex) {
        error = ex.what();
        return false;
    }
};

constexpr long long kMaxCount = std::numeric_limits<long long>::max();
constexpr double kMaxMinibatchCells = 1 << 22;  // ~4M activities per array (32 MB): batch 1024 x 4096 bits is refused
constexpr double kMaxValidationColumns = 1 << 22;  // the default is 1000 x 64

}  // namespace

// [SECTION] reading: the format ------------------------------------------------------------------

namespace {

// "format" and "version". Returns "" or the error.
std::string read_header(const Json& j, Checker& ck) {
    std::string format;
    if (!ck.string(j, "", "format", &format)) return ck.error;
    if (format != kModelFormat)
        return "format: expected \"" + std::string(kModelFormat) + "\" (got \"" + format + "\")";
    int version = 0;
    if (!ck.integer(j, "", "version", 0, std::numeric_limits<int>::max(), &version)) return ck.error;
    if (version != kModelVersion)
        return "version: this build reads version " + std::to_string(kModelVersion) + " (got " +
               std::to_string(version) + ")";
    return {};
}

// The settings table's training rows under `under` ("config"): each value is
// turned into the row's text and given to set_setting(), which refuses it with the row's reason.
void read_rows(const Json& root, Checker& ck, Settings& s, std::string_view under) {
    for (const SettingDef& d : settings_table()) {
        if (!is_training_row(d) || !ck.ok()) continue;
        bool required = false;
        const RowPlace place = row_place(d, &required);
        const std::string_view object = place.object;
        if (object.substr(0, object.find('.')) != under) continue;
        // Walk to the row's object (each step reports a missing or mistyped object by its path).
        const Json* at = &root;
        std::string path;
        for (std::string_view rest = object; at && !rest.empty();) {
            const std::size_t dot = rest.find('.');
            const std::string key(rest.substr(0, dot));
            at = ck.member(*at, path, key.c_str());
            path = Checker::join(path, key.c_str());
            rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
        }
        if (!at) return;
        if (!required && at->is_object() && !at->contains(place.field)) continue;  // older file: the default
        const Json* v = ck.member(*at, path, place.field);
        if (!v) return;
        const std::string p = Checker::join(path, place.field);
        std::string text;
        switch (d.type) {
            case SettingType::Int:
                if (v->is_number_unsigned())
                    text = std::to_string(v->get<std::uint64_t>());
                else if (v->is_number_integer())
                    text = std::to_string(v->get<long long>());
                else
                    return void(ck.fail(p, "expected an integer"));
                break;
            case SettingType::Real: {
                double x = 0;
                if (!ck.finite_number(*v, p, &x)) return;
                text = format_real(x);
                break;
            }
            case SettingType::Bool:
                if (!v->is_boolean()) return void(ck.fail(p, "expected true or false"));
                text = v->get<bool>() ? "1" : "0";
                break;
            default:
                if (!v->is_string()) return void(ck.fail(p, "expected a string"));
                text = v->get<std::string>();
                break;
        }
        if (const std::string err = set_setting(s, d, text); !err.empty()) return void(ck.fail(p, err));
    }
}

// config.net, config.optimizer, config.training: the fields that are no row of the settings table.
void read_net_config(const Json& net, Checker& ck, NetConfig& n) {
    ck.number(net, "config.net", "init_h0", 0.0, 1.0, false, &n.init_h0);
}

void read_optimizer_config(const Json& opt, Checker& ck, OptimConfig& o) {
    const std::string p = "config.optimizer";
    ck.number(opt, p, "beta1", 0.0, 1.0, false, &o.beta1);
    ck.number(opt, p, "beta2", 0.0, 1.0, false, &o.beta2);
    ck.number(opt, p, "eps", 0.0, 1.0, true, &o.eps);
}

void read_training_config(const Json& tr, Checker& ck, TrainConfig& t) {
    const std::string p = "config.training";
    ck.integer(tr, p, "curriculum_start_bits", kMinPairBits, kMaxPairBits, &t.curriculum_start_bits);
    ck.integer(tr, p, "curriculum_grow_every", 1, kMaxCount, &t.curriculum_grow_every);
    ck.integer(tr, p, "validate_every", 0, kMaxCount, &t.validate_every);
    ck.integer(tr, p, "validation_bits", kMinPairBits, kMaxPairBits, &t.validation_bits);
    ck.integer(tr, p, "quick_count", 0, 1 << 24, &t.quick_count);
    ck.integer(tr, p, "validation_count", 1, 1 << 24, &t.validation_count);
}

// Each value may be in range and still ask for more than a page can give: one minibatch keeps
// batch x (max_bits + 3) x hidden activities (x3 arrays), and validation adds up the columns of
// every pair. Bounded so a loaded file can never exhaust memory or freeze a frame.
void check_config_cost(Checker& ck, const TrainConfig& c) {
    if (static_cast<double>(c.batch) * (c.max_bits + 3) * c.net.hidden > kMaxMinibatchCells)
        ck.fail("config.training.batch",
                "batch x (max_bits + 3) x hidden = " +
                    std::to_string(static_cast<long long>(c.batch) * (c.max_bits + 3) * c.net.hidden) + " exceeds " +
                    std::to_string(static_cast<long long>(kMaxMinibatchCells)));
    if (static_cast<double>(c.validation_count) * c.validation_bits > kMaxValidationColumns)
        ck.fail("config.training.validation_count", "validation_count x validation_bits exceeds " +
                                                        std::to_string(static_cast<long long>(kMaxValidationColumns)));
}

// "config": every setting. Returns "" or the error.
std::string read_config(const Json& j, Checker& ck, TrainConfig& c) {
    const Json* cfg = ck.member(j, "", "config");
    if (!cfg) return ck.error;
    if (const Json* net = ck.member(*cfg, "config", "net")) read_net_config(*net, ck, c.net);
    if (const Json* opt = ck.member(*cfg, "config", "optimizer")) read_optimizer_config(*opt, ck, c.optim);
    if (const Json* loss = ck.member(*cfg, "config", "loss")) {
        ck.integer(*loss, "config.loss", "last_k", 0, kMaxPairBits + 1, &c.loss.last_k);
        ck.boolean(*loss, "config.loss", "average_over_steps", &c.loss.average_over_steps);
    }
    if (const Json* tr = ck.member(*cfg, "config", "training")) read_training_config(*tr, ck, c);
    if (!ck.ok()) return ck.error;
    // The settings table's rows, then its rule across rows (the shortest sum <= the longest).
    Settings s = model_settings(c, c.net, 0);
    read_rows(j, ck, s, "config");
    if (!ck.ok()) return ck.error;
    if (const std::string conflict = settings_conflict(s); !conflict.empty())
        return "config.training.max_bits: " + conflict;
    c = s.train;
    check_config_cost(ck, c);
    return ck.error;
}

// "weights": sizes follow config.net.hidden; fixed initial states must hold their fixed value.
std::string read_weights(const Json& j, Checker& ck, Model& m) {
    m.net = make_net(m.config.net);
    const Json* w = ck.member(j, "", "weights");
    if (!w) return ck.error;
    const ParamLayout L = param_layout(m.net.hidden());
    const auto H = static_cast<std::size_t>(m.net.hidden());
    for (const auto& g : kGroups)
        if (!ck.numbers(*w, "weights", g.name, g.size(H), &m.net.params[L.*g.offset])) return ck.error;
    if (m.config.net.initial_state == InitialState::Learned) return {};
    const double fixed = m.config.net.initial_state == InitialState::FixedHalf ? 0.5 : 0.0;
    for (std::size_t i = 0; i <= H; ++i) {
        const std::size_t at = i < H ? L.h0 + i : L.o0;
        if (m.net.params[at] != fixed) {
            std::ostringstream os;
            os << "must be " << fixed << " with initial_state \"" << initial_state_name(m.config.net.initial_state)
               << "\" (got " << m.net.params[at] << ")";
            return (i < H ? "weights.h0[" + std::to_string(i) + "]" : std::string("weights.o0[0]")) + ": " + os.str();
        }
    }
    return {};
}

// "training_state": seed, counters, the RNG; the run's position when the file has it.
std::string read_training_state(const Json& j, Checker& ck, Model& m) {
    const std::string p = "training_state";
    const Json* ts = ck.member(j, "", "training_state");
    if (!ts) return ck.error;
    ck.unsigned64(*ts, p, "seed", &m.seed);  // the file's own (kOwnRows)
    ck.integer(*ts, p, "sequences", 0, kMaxCount, &m.sequences);
    ck.integer(*ts, p, "restarts", 0, std::numeric_limits<int>::max(), &m.restarts);
    ck.boolean(*ts, p, "solved", &m.solved);
    if (const Json* rng = ck.member(*ts, p, "rng")) {
        if (!rng->is_array() || rng->size() != 4) return "training_state.rng: expected an array of 4 hex strings";
        bool all_zero = true;
        for (std::size_t i = 0; i < 4; ++i) {
            const Json& word = (*rng)[i];
            if (!word.is_string() || !parse_hex64(word.get<std::string>(), &m.rng.s[i]))
                return "training_state.rng[" + std::to_string(i) + "]: expected a string of 16 hex digits";
            all_zero = all_zero && m.rng.s[i] == 0;
        }
        if (all_zero) return "training_state.rng: an all-zero state is not a valid generator state";
    }
    // Optional (files written before resumable runs do not have them).
    RunProgress& at = m.progress;
    auto has = [&](const char* key) { return ts->is_object() && ts->contains(key); };
    if (has("run_sequences")) ck.integer(*ts, p, "run_sequences", 0, m.sequences, &at.run_sequences);
    if (has("next_validation")) ck.integer(*ts, p, "next_validation", 0, kMaxCount, &at.next_validation);
    if (has("divergences")) ck.integer(*ts, p, "divergences", 0, kMaxCount, &at.divergences);
    if (has("last_exact") && ck.number(*ts, p, "last_exact", -1.0, 1.0, false, &at.last_exact) && at.last_exact < 0.0 &&
        at.last_exact != -1.0)
        ck.fail(p + ".last_exact", "must be -1 (none) or in [0, 1]");
    return ck.error;
}

// "optimizer_state" (optional): moments shaped like the parameters.
std::string read_optimizer_state(const Json& j, Checker& ck, Model& m) {
    auto it = j.find("optimizer_state");
    if (it == j.end()) return {};
    const Json& os = *it;
    OptimState st;
    const std::string p = "optimizer_state";
    ck.integer(os, p, "t", 0, kMaxCount, &st.t);
    ck.number(os, p, "beta1_t", 0.0, 1.0, false, &st.beta1_t);  // Adam's running beta^t products
    ck.number(os, p, "beta2_t", 0.0, 1.0, false, &st.beta2_t);
    const Json* vv = ck.member(os, p, "v");
    if (!ck.ok()) return ck.error;
    const std::size_t n = m.net.params.size();
    st.m.resize(n);
    if (!ck.numbers(os, p, "m", n, st.m.data())) return ck.error;
    // SGD keeps no second moment: v is empty or parameter-sized.
    if (!vv->is_array()) return p + ".v: expected an array of numbers";
    st.v.resize(vv->empty() ? 0 : n);
    if (!st.v.empty() && !ck.numbers(os, p, "v", n, st.v.data())) return ck.error;
    m.optim = std::move(st);
    return {};
}

}  // namespace

std::string model_from_json(std::string_view text, Model& out) {
    Json j;
    QuietDomParser sax(j);
    if (!Json::sax_parse(text.begin(), text.end(), &sax) || !sax.error.empty())
        return "not valid JSON: " + (sax.error.empty() ? std::string("parse error") : sax.error);
    Checker ck;
    Model m;  // the temporary: `out` changes only once everything checked out
    if (auto e = read_header(j, ck); !e.empty()) return e;
    if (auto e = read_config(j, ck, m.config); !e.empty()) return e;
    if (auto e = read_weights(j, ck, m); !e.empty()) return e;
    if (auto e = read_training_state(j, ck, m); !e.empty()) return e;
    if (auto e = read_optimizer_state(j, ck, m); !e.empty()) return e;
    out = std::move(m);
    return {};
}

// [SECTION] files --------------------------------------------------------------------------------

std::string save_model_file(const std::string& path, const Model& model) {
    for (std::size_t i = 0; i < model.net.params.size(); ++i)
        if (!std::isfinite(model.net.params[i])) return path + ": refusing to save a net with a non-finite weight";
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f) return path + ": cannot open for writing";
    f << model_to_json(model);
    f.flush();
    if (!f) return path + ": write failed";
    return {};
}

std::string load_model_file(const std::string& path, Model& out) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return path + ": cannot open for reading";
    std::ostringstream ss;
    ss << f.rdbuf();
    if (f.bad()) return path + ": read failed";
    const std::string err = model_from_json(ss.str(), out);
    return err.empty() ? err : path + ": " + err;
}

}  // namespace carry
