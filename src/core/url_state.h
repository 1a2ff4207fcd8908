// url_state: Settings <-> the URL (hash or query string), and the browser's saved session.
//
// Implements:
//   - encode_url_state(): "a=00110100&b=01001101&hidden=3&..." from the settings table, every
//     URL setting written (a link keeps meaning the same run even if a default changes later)
//   - decode_url_state(): applies "k=v&k=v" (with or without a leading '#' or '?', percent-encoded
//     or not) onto Settings key by key. Unknown keys are reported (the page logs them); a bad
//     value is rejected with a reason and the key keeps its previous value; the rest still applies.
//     Bounded work on any input: at most kMaxUrlLength characters and kMaxUrlPairs pairs are read.
//   - session_to_json() / session_from_json(): the versioned localStorage entry of the last session;
//     an entry that is not exactly right is refused whole (the caller then loads the defaults).
// Pure functions, no Emscripten or UI includes: a fuzz target can link carry_core alone.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/settings.h"

namespace carry {

inline constexpr std::size_t kMaxUrlLength = 65536;
inline constexpr std::size_t kMaxUrlPairs = 64;
inline constexpr const char* kSessionFormat = "carry-session";
inline constexpr int kSessionVersion = 1;

struct UrlDecodeReport {
    std::vector<std::string> applied;   // keys whose value was taken
    std::vector<std::string> rejected;  // "lr: \"abc\" is not a number", one per bad value
    std::vector<std::string> unknown;   // keys not in the table (quoted, cut short)
    bool truncated = false;             // input longer than kMaxUrlLength or too many pairs
};

// `only` selects which rows are written (SettingFlags); rows with none of those flags are skipped.
std::string encode_url_state(const Settings& s, unsigned only = kSettingUrl);

UrlDecodeReport decode_url_state(std::string_view text, Settings& s);

// One line for a person: "Ignored from the link: lr (\"abc\" is not a number); ..." ("" if none).
std::string describe_rejections(const UrlDecodeReport& r);

std::string percent_encode(std::string_view text);  // keeps [A-Za-z0-9-._~,:/]
std::string percent_decode(std::string_view text);  // '+' is a space; a bad escape stays as is

// The saved session: {"format":"carry-session","version":1,"state":"<url state>"}.
std::string session_to_json(const Settings& s);
// "" on success (s holds defaults overlaid with the saved state); otherwise why it was refused
// (s untouched).
std::string session_from_json(std::string_view text, Settings& s);

}  // namespace carry
