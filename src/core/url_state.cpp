// url_state: the URL codec and the saved session. See url_state.h.
#include "core/url_state.h"

#include <nlohmann/json.hpp>

namespace carry {

namespace {

bool keep_plain(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~' || c == ',' || c == ':' || c == '/';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string percent_encode(std::string_view text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (keep_plain(c)) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string encode_url_state(const Settings& s, unsigned only) {
    std::string out;
    for (const SettingDef& d : settings_table()) {
        if (!(d.flags & only)) continue;
        const std::string v = get_setting(s, d);
        // Embedding rows only when set: a plain link stays short and never says embed=0.
        // The same for where the page opens ("open": a tab, a preset, a lesson's step), and rows
        // flagged kSettingOmitDefault (the task: a link to the adder stays as it was).
        if ((std::string_view(d.group) == "embed" || std::string_view(d.group) == "open" ||
             (d.flags & kSettingOmitDefault)) &&
            v == d.def)
            continue;
        if (!out.empty()) out += '&';
        out += d.key;
        out += '=';
        out += percent_encode(v);
    }
    return out;
}

UrlDecodeReport decode_url_state(std::string_view text, Settings& s) {
    UrlDecodeReport r;
    if (!text.empty() && (text.front() == '#' || text.front() == '?')) text.remove_prefix(1);
    if (text.size() > kMaxUrlLength) {
        text = text.substr(0, kMaxUrlLength);
        r.truncated = true;
    }
    const Settings before = s;
    std::size_t pairs = 0, start = 0;
    while (start <= text.size() && !text.empty()) {
        std::size_t amp = text.find('&', start);
        if (amp == std::string_view::npos) amp = text.size();
        const std::string_view pair = text.substr(start, amp - start);
        start = amp + 1;
        if (!pair.empty()) {
            if (++pairs > kMaxUrlPairs) {
                r.truncated = true;
                break;
            }
            const std::size_t eq = pair.find('=');
            const std::string key = percent_decode(pair.substr(0, eq));
            const std::string value =
                eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1));
            const SettingDef* d = find_setting(key);
            if (!d) {
                r.unknown.push_back(quote_for_message(key, 40));
            } else if (eq == std::string_view::npos && d->type != SettingType::Bool) {
                r.rejected.push_back(std::string(d->key) + ": no value");
            } else {
                // A bare boolean key ("#embed") means on.
                const std::string err = set_setting(s, *d, eq == std::string_view::npos ? "1" : value);
                if (err.empty())
                    r.applied.push_back(d->key);
                else
                    r.rejected.push_back(std::string(d->key) + ": " + err);
            }
        }
        if (amp >= text.size()) break;
    }
    // Cross-field rule: the shortest training length cannot exceed the longest.
    if (const std::string conflict = settings_conflict(s); !conflict.empty()) {
        r.rejected.push_back("min_bits/max_bits: " + conflict + " (both kept as they were)");
        s.train.min_bits = before.train.min_bits;
        s.train.max_bits = before.train.max_bits;
        std::erase(r.applied, std::string("min_bits"));
        std::erase(r.applied, std::string("max_bits"));
    }
    return r;
}

std::string describe_rejections(const UrlDecodeReport& r) {
    if (r.rejected.empty() && !r.truncated) return "";
    std::string out = "Ignored from the link: ";
    std::size_t shown = 0;
    for (const auto& e : r.rejected) {
        if (shown == 6) {
            out += "; and " + std::to_string(r.rejected.size() - shown) + " more";
            break;
        }
        out += (shown ? "; " : "") + e;
        ++shown;
    }
    if (r.truncated) out += std::string(shown ? "; " : "") + "the rest of an over-long link";
    out += ". Everything else in the link was applied.";
    return out;
}

std::string session_to_json(const Settings& s) {
    nlohmann::json j{
        {"format", kSessionFormat}, {"version", kSessionVersion}, {"state", encode_url_state(s, kSettingSession)}};
    return j.dump();
}

std::string session_from_json(std::string_view text, Settings& s) {
    if (text.size() > kMaxUrlLength * 2) return "the saved session is too large";
    const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return "the saved session is not valid JSON";
    const auto f = j.find("format");
    if (f == j.end() || !f->is_string() || f->get<std::string>() != kSessionFormat)
        return "the saved session is not a Carry session";
    const auto v = j.find("version");
    if (v == j.end() || !v->is_number_integer()) return "the saved session has no version";
    if (v->get<long long>() != kSessionVersion)
        return "the saved session is from another version of Carry (version " + v->dump() + ")";
    const auto st = j.find("state");
    if (st == j.end() || !st->is_string()) return "the saved session has no state";
    Settings out = settings_defaults();
    const UrlDecodeReport r = decode_url_state(st->get<std::string>(), out);
    if (!r.rejected.empty()) return "the saved session has a bad value (" + r.rejected.front() + ")";
    if (!r.unknown.empty()) return "the saved session has an unknown setting " + r.unknown.front();
    if (r.truncated) return "the saved session is too long";
    // Embedding rows are never saved; keep the caller's.
    out.embed = s.embed;
    out.hide = s.hide;
    out.allow = s.allow;
    s = std::move(out);
    return "";
}

}  // namespace carry
