// js_api_validate: validation of API calls. See js_api_validate.h.
#include "core/js_api_validate.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/settings.h"

namespace carry {

namespace {

using Json = nlohmann::json;

struct MethodInfo {
    const char* name;
    ApiMethod method;
    int args;
};
constexpr MethodInfo kMethods[] = {
    {"getState", ApiMethod::GetState, 0},
    {"setState", ApiMethod::SetState, 1},
    {"setNumbers", ApiMethod::SetNumbers, 2},
    {"step", ApiMethod::Step, 0},
    {"play", ApiMethod::Play, 0},
    {"pause", ApiMethod::Pause, 0},
    {"reset", ApiMethod::Reset, 0},
    {"train", ApiMethod::Train, 1},
    {"saveModel", ApiMethod::SaveModel, 0},
    {"loadModel", ApiMethod::LoadModel, 1},
};

// Deepest nesting of [ and { outside strings (stops counting past the limit).
int nesting_depth(std::string_view t) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : t) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > deepest) deepest = depth;
            if (deepest > kMaxApiDepth) return deepest;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

// A JSON scalar as setting text: strings as they are, booleans 1/0, numbers in decimal.
bool scalar_text(const Json& v, std::string* out) {
    if (v.is_string())
        *out = v.get<std::string>();
    else if (v.is_boolean())
        *out = v.get<bool>() ? "1" : "0";
    else if (v.is_number_integer())
        *out = v.dump();
    else if (v.is_number_float()) {
        const double d = v.get<double>();
        if (!std::isfinite(d)) return false;
        *out = format_real(d);
    } else
        return false;
    return true;
}

// setState's argument: every key a setting the API may set, every value valid for it (all the
// errors joined; none of the state kept if any).
std::string parse_set_state(const Json& arg, const std::string& where, ApiCall& out) {
    if (!arg.is_object()) return where + "the argument must be an object {key: value}";
    if (arg.size() > 64) return where + "too many keys";
    std::string errors;
    for (auto it = arg.begin(); it != arg.end(); ++it) {
        const SettingDef* d = find_setting(it.key());
        std::string text, canon, err;
        if (!d)
            err = "unknown setting " + quote_for_message(it.key());
        else if (std::string_view(d->key) == "allow")
            err = "allow: only the page's URL can set it";
        else if (!scalar_text(it.value(), &text))
            err = std::string(d->key) + ": must be a string, number or boolean";
        else if (auto e = validate_setting(*d, text, &canon); !e.empty())
            err = std::string(d->key) + ": " + e;
        if (!err.empty())
            errors += (errors.empty() ? "" : "; ") + err;
        else
            out.state.emplace_back(d->key, canon);
    }
    if (!errors.empty()) {
        out.state.clear();
        return where + errors;
    }
    return "";
}

// setNumbers' arguments: a and b, strings of binary digits.
std::string parse_set_numbers(const Json& args, const std::string& where, ApiCall& out) {
    for (int k = 0; k < 2; ++k) {
        if (!args[k].is_string()) return where + (k ? "b" : "a") + " must be a string of binary digits";
        const std::string text = args[k].get<std::string>();
        if (auto e = validate_setting(*find_setting(k ? "b" : "a"), text); !e.empty())
            return where + (k ? "b: " : "a: ") + e;
        (k ? out.b : out.a) = text;
    }
    return "";
}

// train's argument: a whole number of sequences from 1 to kMaxApiTrain.
std::string parse_train(const Json& n, const std::string& where, ApiCall& out) {
    double v = 0;
    if (n.is_number_integer())
        v = static_cast<double>(n.get<long long>());
    else if (n.is_number_float())
        v = n.get<double>();
    else
        return where + "n must be a number of sequences";
    if (!(v >= 1 && v <= static_cast<double>(kMaxApiTrain)) || v != std::floor(v))
        return where + "n must be a whole number from 1 to " + std::to_string(kMaxApiTrain);
    out.n = static_cast<long long>(v);
    return "";
}

// loadModel's argument: a model as JSON text or object, with no more hidden units than shown.
std::string parse_load_model(const Json& arg, const std::string& where, ApiCall& out) {
    std::string text;
    if (arg.is_string())
        text = arg.get<std::string>();
    else if (arg.is_object())
        text = arg.dump();
    else
        return where + "the model must be a JSON text or object";
    if (auto e = model_from_json(text, out.model); !e.empty()) return where + e;
    if (out.model.net.config.hidden > kMaxApiHidden)
        return where + "the playground shows at most " + std::to_string(kMaxApiHidden) + " hidden units";
    return "";
}

// The envelope {id, method, args}: a JSON object of bounded size and depth, a known method, an
// id if any, and as many args as the method takes. Sets out.id, out.method, *info and args.
std::string parse_envelope(std::string_view request, ApiCall& out, const MethodInfo*& info, Json& args) {
    if (request.size() > kMaxApiRequestLength)
        return "request too large (" + std::to_string(request.size()) + " characters)";
    if (nesting_depth(request) > kMaxApiDepth) return "request nested too deeply";
    const Json j = Json::parse(request.begin(), request.end(), nullptr, false);
    if (j.is_discarded()) return "request is not valid JSON";
    if (!j.is_object()) return "request must be an object {method, args}";
    if (const auto id = j.find("id"); id != j.end()) {
        if (!id->is_number_integer() || id->get<long long>() < 0 || id->get<long long>() > (1LL << 53))
            return "id must be a whole number";
        out.id = id->get<long long>();
    }
    const auto m = j.find("method");
    if (m == j.end() || !m->is_string()) return "method must be a string";
    const std::string name = m->get<std::string>();
    info = nullptr;
    for (const auto& mi : kMethods)
        if (name == mi.name) info = &mi;
    if (!info) return "unknown method " + quote_for_message(name);
    out.method = info->method;
    args = Json::array();
    if (const auto a = j.find("args"); a != j.end()) {
        if (!a->is_array()) return std::string(info->name) + ": args must be an array";
        args = *a;
    }
    if (static_cast<int>(args.size()) != info->args)
        return std::string(info->name) + " takes " + std::to_string(info->args) + " argument" +
               (info->args == 1 ? "" : "s") + ", got " + std::to_string(args.size());
    return "";
}

}  // namespace

const char* api_method_name(ApiMethod m) {
    for (const auto& info : kMethods)
        if (info.method == m) return info.name;
    return "?";
}

std::string parse_api_call(std::string_view request, ApiCall& out) {
    out = ApiCall{};
    const MethodInfo* info = nullptr;
    Json args;
    if (auto e = parse_envelope(request, out, info, args); !e.empty()) return e;
    const std::string where = std::string(info->name) + ": ";

    switch (info->method) {
        case ApiMethod::SetState: return parse_set_state(args[0], where, out);
        case ApiMethod::SetNumbers: return parse_set_numbers(args, where, out);
        case ApiMethod::Train: return parse_train(args[0], where, out);
        case ApiMethod::LoadModel: return parse_load_model(args[0], where, out);
        default: break;
    }
    return "";
}

}  // namespace carry
