// settings: the ONE table of user-visible settings. It drives the playground's defaults, the URL
// hash (url_state.h) and carry-cli's training flags (cli/cmd_train.cpp). TensorFlow Playground's
// state.ts is the model: a new setting is one row of settings_table() plus a field of Settings.
//
// Implements:
//   - Settings: every value a link can set (the two numbers, every training setting, the seed,
//     the animation and training speeds, the visible panels, embed mode, hidden controls, the
//     origins allowed to script an embedded page, the theme, motion and text size)
//   - SettingDef / settings_table(): key, type, default (as URL text), range or allowed values,
//     label, tooltip, where the setting goes (URL, CLI, saved session) and how the playground draws
//     its control (SettingUi: which panel, the slider's soft range, log or linear, format, labels)
//   - settings_defaults(), get_setting(), set_setting(): the only way a value gets in, validated;
//     settings_conflict(): the one rule across rows (shortest training sum <= longest)
//   - hideable_controls(): what a link's `hide=` accepts: every row with a control, plus the
//     toolbar's buttons (kToolbarControls)
//   - params_hash_hex(): FNV-1a of the weights, the fingerprint a replayed run is checked with
//
// Values are text in the URL's syntax: numbers as the shortest decimal that reads back the same
// double, booleans 0/1, lists comma-separated. Pure C++ (no UI, no Emscripten): the fuzzer links it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/binary_text.h"
#include "core/trainer.h"

namespace carry {

enum class SettingType {
    Int,      // integer in [min, max]
    Real,     // finite number in [min, max]
    Bool,     // 0/1 (also true/false, on/off, yes/no)
    Choice,   // one of `choices`
    Binary,   // a binary number as the add view accepts it, at most `max` digits
    List,     // comma-separated subset of `choices` (empty allowed), no repeats
    Origins,  // comma-separated web origins, scheme://host[:port], at most `max` of them
    Path,     // a built-in name or a relative path on the page's own origin ([A-Za-z0-9._/-], no "..",
              // no leading '/'), at most `max` characters, or empty
    Task,     // a library task's name or an encoded machine (core/machine.h: parse_task, encode_task)
};

// Where a setting goes besides the playground.
enum SettingFlags : unsigned {
    kSettingUrl = 1u,          // written to the URL hash (every setting is read from it)
    kSettingCli = 2u,          // a flag of `carry-cli train`
    kSettingSession = 4u,      // remembered in the browser's saved session
    kSettingOmitDefault = 8u,  // written to a link only when not the default (links made before it stay the same)
};

// The Models window's Next term tab (issue 19 item 4): its source, pattern, noise and hidden units.
struct NextTermSettings {
    std::string source = "even";      // a preset's name (core/next_term.h) or "pattern"
    std::string pattern = "0010111";  // the repeating pattern, when source is "pattern"
    double noise = 0.05;              // each bit flipped with this probability
    int hidden = 6;                   // the net's hidden units
    bool operator==(const NextTermSettings&) const = default;
};

// Everything a link can set. settings_defaults() fills it from the table's defaults.
struct Settings {
    std::string a, b;                 // the two numbers of the add view, as typed (MSB first)
    TrainConfig train;                // hidden units, optimizer, rates, lengths, initial state, ...
    std::uint64_t seed = 0;           // every random choice of a run comes from it
    double anim_speed = 0.0;          // add view animation, time steps per second
    double train_speed = 0.0;         // live training, sums per 1/60 s (x60: sums per second); 0 = full speed
    std::vector<std::string> panels;  // panels shown, in the table's order of `choices`
    bool embed = false;               // minimal chrome for an <iframe>
    std::vector<std::string> hide;    // controls hidden (setting keys or toolbar buttons)
    std::vector<std::string> allow;   // origins (besides the page's own) allowed to script it
    bool background = false;          // training goes on out of sight (hidden tab, frame out of view)
    // Where the page opens (issue 16): written to a link only when not the default.
    std::string inside_tab = "none";  // the Inside tab shown (opens Inside): space, automaton, bptt, ...
    std::string models_tab = "none";  // the Models window's tab (opens it, also in embed mode)
    std::string preset = "fresh";     // the net: fresh from the seed, handwired (exact), trained (until solved)
    int cursor = 0;                   // the add view's animation step
    bool animate = true;              // whether the animation plays
    std::string focus = "none";       // one panel or view filling the frame (small embeds)
    std::string lesson;               // a built-in lesson's name or a lesson file's path ("" : none)
    int lesson_step = 1;              // the lesson's step shown, from 1
    std::string theme;                // "auto" (the page's prefers-color-scheme; dark on the desktop), "light", "dark"
    std::string motion;               // "auto" (prefers-reduced-motion), "reduce" (nothing moves by itself), "full"
    int text_size = 100;              // percent of the default text size; fonts are rasterized at it
    NextTermSettings next_term;       // the Next term tab's controls: written to a link when not the default
};

// How the playground draws a row's control (app/setting_controls.h draws every one from this).
// A row with no `panel` has no control of its own (it is set by a link, the menus or the API).
struct SettingUi {
    const char* panel = nullptr;          // "train" (the settings panel), "add" (the add view), "toolbar",
                                          // "view" (the settings panel's Appearance rows)
    double soft_min = 0, soft_max = 0;    // Int/Real: the slider's range when narrower than the row's
                                          // (0, 0: the row's); a typed value (Ctrl+click) may go to min..max
    bool log = false;                     // Real: logarithmic slider
    bool typed = false;                   // Int: a typed field with +/- buttons instead of a slider
    const char* format = nullptr;         // printf format of the value on the slider ("%d sums"); nullptr: plain
    const char* choice_labels = nullptr;  // Choice: what the combo shows for each of `choices`, same order
    const char* zero_text = nullptr;      // shown instead of the value when it is 0 ("off", "never")
    const char* shown_if = nullptr;       // "key=value": the control is drawn only while that row has that value
    bool own_widget = false;              // the panel draws its own widget (with the row's label and tooltip)
    bool unlabeled = false;               // drawn without its label beside it (its format names the value)
};

struct SettingDef {
    const char* key;  // URL key, also the CLI flag (`_` becomes `-`)
    SettingType type;
    const char* group;    // "numbers", "training", "view", "embed", "open" (where the page opens)
    const char* def;      // default, as URL text
    double min, max;      // Int/Real: range; Binary: max digits; Origins: max count
    const char* choices;  // Choice/List: comma-separated allowed values
    const char* label;    // short label (UI, CLI help)
    const char* tooltip;  // what it does, in the lecture's words
    unsigned flags;       // SettingFlags
    std::string (*get)(const Settings&);
    void (*set)(Settings&, std::string_view canonical);  // only ever given validated text
    SettingUi ui = {};                                   // the playground's control
};

// Longer values are rejected unread. The longest valid one is a number of kMaxNumberBits digits
// with a '_' between every two and a 0b prefix.
inline constexpr std::size_t kMaxSettingValueLength = 2 * kMaxNumberBits + 1;

// The toolbar's buttons a link's `hide=` may name besides the rows with a control ("numbers": the
// add view's buttons that change the numbers).
inline constexpr const char* kToolbarControls = "numbers,train,step,reset";

// The allowed values of the rows that name a view (issue 16); the app maps each to its tab.
inline constexpr const char* kInsideTabs = "none,space,automaton,bptt,gradients,baseline";
inline constexpr const char* kModelsTabs = "none,zoo,states,gradients,dynamics,modes,nextterm,init,remedies";
inline constexpr const char* kFocusViews = "none,add,network,unrolled,curves,train,inside,models,lesson,lstm";

// Every setting, in display order.
const std::vector<SettingDef>& settings_table();

// The row for `key`, or nullptr.
const SettingDef* find_setting(std::string_view key);

// Every setting at its default.
Settings settings_defaults();

// Checks `text` against the row's type and range. On success returns "" and puts the canonical
// text in `canonical` (if given); otherwise a short reason ("not a number", "above 16", ...).
std::string validate_setting(const SettingDef& def, std::string_view text, std::string* canonical = nullptr);

// Validates and stores one value. Returns "" or the reason it was rejected (s untouched then).
std::string set_setting(Settings& s, const SettingDef& def, std::string_view text);

// The value as URL text.
std::string get_setting(const Settings& s, const SettingDef& def);

// Rules across rows, checked after every row was validated on its own: "" or why `s` is refused
// ("the shortest training sum (30 bits) is above the longest (10 bits)").
std::string settings_conflict(const Settings& s);

// Every name `hide=` accepts, in order: the keys of rows with a control (ui.panel), then
// kToolbarControls. The `hide` row's choices are this list.
const std::string& hideable_controls();

// Whether the row's control is drawn for these settings (its ui.shown_if holds).
bool setting_shown(const SettingDef& def, const Settings& s);

// Panels the playground can show (the `panels` row's choices), and toolbar controls `hide` accepts
// besides the setting keys.
std::vector<std::string> split_list(std::string_view text);
bool list_has(const std::vector<std::string>& list, std::string_view item);

// Shortest decimal text that reads back as the same double ("0.2", "1e-05").
std::string format_real(double v);

// A value made safe to show in a message: at most `max_chars` characters, control and non-ASCII
// bytes as \xNN, "…" when cut.
std::string quote_for_message(std::string_view text, std::size_t max_chars = 32);

// FNV-1a over the bytes of every double (a net's parameters, a trajectory): the same on every
// platform for the same run. params_hash_hex() writes it as 16 hex digits.
std::uint64_t params_hash(const std::vector<double>& params);
std::string params_hash_hex(const std::vector<double>& params);

}  // namespace carry
