// settings: the table of every user-visible setting and its validation. See settings.h.
//
// [SECTION] text helpers     [SECTION] the table     [SECTION] validation     [SECTION] hash
#include "core/settings.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/binary_text.h"
#include "core/machine.h"
#include "core/model_file.h"
#include "core/next_term.h"

namespace carry {

// [SECTION] text helpers ------------------------------------------------------------------------

std::string format_real(double v) {
    char buf[40];
    for (int prec = 1; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = text.find(',', start);
        out.emplace_back(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

bool list_has(const std::vector<std::string>& list, std::string_view item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

std::string quote_for_message(std::string_view text, std::size_t max_chars) {
    std::string out = "\"";
    std::size_t shown = 0;
    for (unsigned char c : text) {
        if (shown == max_chars) {
            out += "…";
            break;
        }
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\x%02x", c);
            out += esc;
        } else {
            out.push_back(static_cast<char>(c));
        }
        ++shown;
    }
    out += "\"";
    if (text.size() > max_chars) out += " (" + std::to_string(text.size()) + " characters)";
    return out;
}

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string s;
    for (std::size_t i = 0; i < items.size(); ++i) s += (i ? "," : "") + items[i];
    return s;
}

double to_real(std::string_view t) { return std::strtod(std::string(t).c_str(), nullptr); }
long long to_int(std::string_view t) { return std::strtoll(std::string(t).c_str(), nullptr, 10); }
bool to_bool(std::string_view t) { return t == "1"; }
std::string int_text(long long v) { return std::to_string(v); }

// [SECTION] the table ---------------------------------------------------------------------------

constexpr unsigned kUrlCliSession = kSettingUrl | kSettingCli | kSettingSession;
constexpr unsigned kUrlSession = kSettingUrl | kSettingSession;

// The playground's controls (SettingUi), one per row that has one: the panel, then the slider's
// soft range, log scale, typed field, format, choice labels, the text for 0, when it is shown.
SettingUi own_widget(const char* panel) {
    SettingUi ui;
    ui.panel = panel;
    ui.own_widget = true;
    return ui;
}
SettingUi slider(const char* panel, const char* format, double soft_min = 0, double soft_max = 0, bool log = false,
                 const char* zero_text = nullptr) {
    return SettingUi{panel, soft_min, soft_max, log, false, format, nullptr, zero_text, nullptr, false, false};
}
SettingUi typed_field() {
    return SettingUi{"train", 0, 0, false, true, nullptr, nullptr, nullptr, nullptr, false, false};
}
SettingUi combo(const char* labels) {
    return SettingUi{"train", 0, 0, false, false, nullptr, labels, nullptr, nullptr, false, false};
}
// The Appearance rows at the end of the settings panel (panel_train.cpp).
SettingUi view_combo(const char* labels) {
    SettingUi ui;
    ui.panel = "view";
    ui.choice_labels = labels;
    return ui;
}
SettingUi view_slider(const char* format) {
    SettingUi ui;
    ui.panel = "view";
    ui.format = format;
    return ui;
}
SettingUi checkbox() {
    SettingUi ui;
    ui.panel = "train";
    return ui;
}

std::vector<SettingDef> make_table() {
    using S = Settings;
    using V = std::string_view;
    SettingUi momentum_ui = slider("train", "%.2f");
    momentum_ui.shown_if = "optimizer=sgd_momentum";
    SettingUi speed_ui = slider("add", "%.1f steps/s", 0.25, 30, true);
    speed_ui.unlabeled = true;
    return {
        // Numbers of the add view (its own text fields: they keep and explain text that is not valid yet).
        {"a", SettingType::Binary, "numbers", "00110100", 1, static_cast<double>(kMaxNumberBits), nullptr,
         "first number",
         "The first number, in binary (most significant bit on the left; up to 4096 digits, '_' allowed as a "
         "separator). The net reads it right to left, one column per step.",
         kUrlSession, [](const S& s) { return s.a; }, [](S& s, V v) { s.a = std::string(v); }, own_widget("add")},
        {"b", SettingType::Binary, "numbers", "01001101", 1, static_cast<double>(kMaxNumberBits), nullptr,
         "second number",
         "The second number, in binary. Numbers of different lengths are padded with leading zeros, so each column "
         "holds one bit of each.",
         kUrlSession, [](const S& s) { return s.b; }, [](S& s, V v) { s.b = std::string(v); }, own_widget("add")},
        // Training: every field of TrainConfig a person would change, in the settings panel's order.
        // The task (issue 19): its control is the task picker and designer, drawn by the app itself.
        {"task", SettingType::Task, "training", "add", 0, 0, nullptr, "task",
         "What the net learns: a finite-state machine that prints one bit per column it reads. A library task "
         "(add, subtract, greater, parity, div3, times3, delay2, delay3) or a designed machine's encoded table. "
         "Changing it starts a new net.",
         kUrlCliSession | kSettingOmitDefault, [](const S& s) { return encode_task(s.train.task); },
         [](S& s, V v) {
             if (std::optional<Task> t = parse_task(v)) s.train.task = std::move(*t);
         },
         own_widget("train")},
        {"hidden", SettingType::Int, "training", "3", 1, 16, nullptr, "hidden units",
         "H, the number of hidden units, fully connected to each other in both directions. The lecture's net has 3. "
         "N units have 2^N binary activity patterns but only N^2 recurrent weights. Changing it starts a new net.",
         kUrlCliSession, [](const S& s) { return int_text(s.train.net.hidden); },
         [](S& s, V v) { s.train.net.hidden = static_cast<int>(to_int(v)); }, slider("train", "%d")},
        {"optimizer", SettingType::Choice, "training", "sgd_momentum", 0, 0, "sgd_momentum,adam", "optimizer",
         "How each weight moves given its error derivative summed over all time steps: plain gradient descent with "
         "momentum, or Adam (per-weight step sizes).",
         kUrlCliSession, [](const S& s) { return std::string(optimizer_name(s.train.optim.kind)); },
         [](S& s, V v) { parse_optimizer(v, &s.train.optim.kind); }, combo("SGD with momentum,Adam")},
        {"lr", SettingType::Real, "training", "0.2", 1e-6, 1e6, nullptr, "learning rate",
         "Step size of each weight update. Too small: slow learning. Too large: the weights blow up and training "
         "diverges (Carry then pauses and restores the last good weights).",
         kUrlCliSession, [](const S& s) { return format_real(s.train.optim.lr); },
         [](S& s, V v) { s.train.optim.lr = to_real(v); }, slider("train", "%.4g", 1e-4, 10, true)},
        {"momentum", SettingType::Real, "training", "0.8", 0, 0.99, nullptr, "momentum",
         "Each update keeps this fraction of the previous one (SGD only): a heavy ball rolling down the error "
         "surface, faster along consistent directions.",
         kUrlCliSession, [](const S& s) { return format_real(s.train.optim.momentum); },
         [](S& s, V v) { s.train.optim.momentum = to_real(v); }, momentum_ui},
        {"batch", SettingType::Int, "training", "8", 1, 256, nullptr, "batch size",
         "Random sums per minibatch. Each weight's derivative is averaged over them before one update.", kUrlCliSession,
         [](const S& s) { return int_text(s.train.batch); },
         [](S& s, V v) { s.train.batch = static_cast<int>(to_int(v)); }, slider("train", "%d sums", 1, 64)},
        {"min_bits", SettingType::Int, "training", "1", 1, 64, nullptr, "shortest training sum",
         "Each minibatch's sums have a length drawn from the shortest to the longest training sum.", kUrlCliSession,
         [](const S& s) { return int_text(s.train.min_bits); },
         [](S& s, V v) { s.train.min_bits = static_cast<int>(to_int(v)); }, slider("train", "%d bits")},
        {"max_bits", SettingType::Int, "training", "16", 1, 64, nullptr, "longest training sum",
         "The longest training sums. The net is tested on 64-bit sums: a net that has learned the carry rule, not "
         "the columns, adds longer numbers than it was trained on.",
         kUrlCliSession, [](const S& s) { return int_text(s.train.max_bits); },
         [](S& s, V v) { s.train.max_bits = static_cast<int>(to_int(v)); }, slider("train", "%d bits")},
        {"curriculum", SettingType::Bool, "training", "1", 0, 1, nullptr, "start short (curriculum)",
         "Begin with short sums and grow the longest length by one bit every 200 sums.", kUrlCliSession,
         [](const S& s) { return std::string(s.train.curriculum ? "1" : "0"); },
         [](S& s, V v) { s.train.curriculum = to_bool(v); }, checkbox()},
        {"init", SettingType::Choice, "training", "learned", 0, 0, "learned,fixed_half,fixed_zero", "initial state",
         "The hidden units' activities before the first column. The lecture: it can be fixed (e.g. 0.5 for every "
         "unit), but it is better learned, exactly like the weights.",
         kUrlCliSession, [](const S& s) { return std::string(initial_state_name(s.train.net.initial_state)); },
         [](S& s, V v) { parse_initial_state(v, &s.train.net.initial_state); },
         combo("learned,fixed at 0.5,fixed at 0")},
        {"clip", SettingType::Real, "training", "1", 0, 100, nullptr, "gradient clipping",
         "When the error derivatives, backpropagated through many steps, explode, scale them down to this "
         "length before the update (0: off).",
         kUrlCliSession, [](const S& s) { return format_real(s.train.optim.clip_norm); },
         [](S& s, V v) { s.train.optim.clip_norm = to_real(v); }, slider("train", "norm %.2f", 0, 10, false, "off")},
        {"init_scale", SettingType::Real, "training", "2", 0.01, 10, nullptr, "init scale",
         "Spread of the random starting weights. Takes effect at Reset.", kUrlCliSession,
         [](const S& s) { return format_real(s.train.net.init_scale); },
         [](S& s, V v) { s.train.net.init_scale = to_real(v); }, slider("train", "%.2f", 0.1, 5, true)},
        {"restart_after", SettingType::Int, "training", "8000", 0, 1e9, nullptr, "restart after",
         "A run not solved after this many sums starts again from a new draw of weights (0: never).", kUrlCliSession,
         [](const S& s) { return int_text(s.train.restart_after); },
         [](S& s, V v) { s.train.restart_after = to_int(v); }, typed_field()},
        {"seed", SettingType::Int, "training", "1", 0, 2147483647, nullptr, "seed",
         "Every random choice (starting weights, training sums) comes from this number: the same seed and "
         "settings replay exactly the same run. Takes effect at Reset.",
         kUrlCliSession, [](const S& s) { return int_text(static_cast<long long>(s.seed)); },
         [](S& s, V v) { s.seed = static_cast<std::uint64_t>(to_int(v)); }, typed_field()},
        // View.
        {"speed", SettingType::Real, "view", "2", 0.25, 60, nullptr, "animation speed",
         "Animation speed: time steps per second of the add view.", kUrlSession,
         [](const S& s) { return format_real(s.anim_speed); }, [](S& s, V v) { s.anim_speed = to_real(v); }, speed_ui},
        // The toolbar's own slider of levels (1, 2, 4 … 256 sums per 1/60 s, i.e. 60 … 15360 sums/s; full speed).
        {"train_speed", SettingType::Real, "view", "2", 0, 256, nullptr, "training speed",
         "How fast the net trains, in sums per 1/60 s: 2 is 120 sums per second, whatever the frame rate (0: "
         "full speed). At 60 sums per second you can watch the net learn sum by sum; at full speed it trains as "
         "much as a frame's time budget allows and a 3-unit net learns to add in a blink. The frame rate stays "
         "the same either way.",
         kUrlSession, [](const S& s) { return format_real(s.train_speed); },
         [](S& s, V v) { s.train_speed = to_real(v); }, own_widget("toolbar")},
        // Appearance (issue 18): how the page looks and moves, for every reader; a link or an embed sets them too.
        {"theme", SettingType::Choice, "view", "auto", 0, 0, "auto,light,dark", "theme",
         "Light or dark colours. auto follows the browser's (or system's) light/dark preference; the desktop "
         "app stays dark unless set.",
         kUrlSession, [](const S& s) { return s.theme; }, [](S& s, V v) { s.theme = std::string(v); },
         view_combo("follow the system,light,dark")},
        {"motion", SettingType::Choice, "view", "auto", 0, 0, "auto,reduce,full", "motion",
         "reduce: nothing moves by itself (the sum's animation waits for you, the 3D views stand still). auto "
         "follows the browser's reduced-motion preference.",
         kUrlSession, [](const S& s) { return s.motion; }, [](S& s, V v) { s.motion = std::string(v); },
         view_combo("follow the system,reduce,full")},
        {"text_size", SettingType::Int, "view", "100", 75, 200, nullptr, "text size",
         "Text size in percent; the letters are drawn again at the new size, so they stay sharp.", kUrlSession,
         [](const S& s) { return int_text(s.text_size); }, [](S& s, V v) { s.text_size = static_cast<int>(to_int(v)); },
         view_slider("%d %%")},
        {"panels", SettingType::List, "view", "add,network,unrolled,inside,curves,train", 0, 0,
         "add,network,unrolled,inside,curves,train,models,lstm", "panels",
         "The panels shown: the add view, the network diagram, the unrolled net, inside the net (hidden "
         "states, automaton, backpropagation through time), the training curves, the training settings; "
         "models opens the window of the lecture's other models (in embed mode it fills the frame); lstm: the "
         "LSTM trained live, its gates step by step.",
         kUrlSession, [](const S& s) { return join(s.panels); }, [](S& s, V v) { s.panels = split_list(v); }},
        // Embedding.
        {"embed", SettingType::Bool, "embed", "0", 0, 1, nullptr, "embed mode",
         "Minimal chrome for an <iframe> in course notes: no menu bar, a link to the full playground.", kSettingUrl,
         [](const S& s) { return std::string(s.embed ? "1" : "0"); }, [](S& s, V v) { s.embed = to_bool(v); }},
        {"hide", SettingType::List, "embed", "", 0, 0, nullptr,  // choices: hideable_controls(), set below
         "hidden controls",
         "Controls not shown (setting keys, or the toolbar's train, step, reset; numbers: the buttons that change "
         "them). a and b stay visible, read-only.",
         kSettingUrl, [](const S& s) { return join(s.hide); }, [](S& s, V v) { s.hide = split_list(v); }},
        {"allow", SettingType::Origins, "embed", "", 0, 8, nullptr, "allowed origins",
         "Web origins (https://host[:port]) whose pages may script this one with postMessage.", kSettingUrl,
         [](const S& s) { return join(s.allow); }, [](S& s, V v) { s.allow = split_list(v); }},
        {"background", SettingType::Bool, "embed", "0", 0, 1, nullptr, "train in the background",
         "Training goes on while the tab is hidden or the frame is scrolled out of view (in time slices, "
         "nothing drawn); by default it pauses there and resumes where it was.",
         kSettingUrl, [](const S& s) { return std::string(s.background ? "1" : "0"); },
         [](S& s, V v) { s.background = to_bool(v); }},
        // Where the page opens (issue 16): a tab, a net, an animation step, a lesson's step. Written
        // to a link only when not the default (as the embedding rows), so a plain link stays short.
        {"inside_tab", SettingType::Choice, "open", "none", 0, 0, kInsideTabs, "Inside tab",
         "The tab of \"Inside the net\" shown (the section opens): the hidden space, the automaton, "
         "backpropagation through time, gradients, the feed-forward baseline.",
         kSettingUrl, [](const S& s) { return s.inside_tab; }, [](S& s, V v) { s.inside_tab = std::string(v); }},
        {"models_tab", SettingType::Choice, "open", "none", 0, 0, kModelsTabs, "Models tab",
         "Opens the Models window on this tab (in an embedded frame it fills the frame).", kSettingUrl,
         [](const S& s) { return s.models_tab; }, [](S& s, V v) { s.models_tab = std::string(v); }},
        {"preset", SettingType::Choice, "open", "fresh", 0, 0, "fresh,handwired,trained", "net",
         "The net the page opens with: fresh from the seed, the hand-wired exact adder, or a net trained from "
         "the seed and settings until solved (deterministic: the same link gives the same weights).",
         kSettingUrl, [](const S& s) { return s.preset; }, [](S& s, V v) { s.preset = std::string(v); }},
        {"cursor", SettingType::Int, "open", "0", 0, static_cast<double>(kMaxNumberBits + 2), nullptr, "animation step",
         "The add view's time step shown (0: the first column enters the inputs).", kSettingUrl,
         [](const S& s) { return int_text(s.cursor); }, [](S& s, V v) { s.cursor = static_cast<int>(to_int(v)); }},
        {"animate", SettingType::Bool, "open", "1", 0, 1, nullptr, "animate",
         "Whether the add view's animation plays (0: it holds at the cursor's step).", kSettingUrl,
         [](const S& s) { return std::string(s.animate ? "1" : "0"); }, [](S& s, V v) { s.animate = to_bool(v); }},
        {"focus", SettingType::Choice, "open", "none", 0, 0, kFocusViews, "focus",
         "One panel or view filling the frame, for small embeds (none: the whole playground).", kSettingUrl,
         [](const S& s) { return s.focus; }, [](S& s, V v) { s.focus = std::string(v); }},
        {"lesson", SettingType::Path, "open", "", 0, 128, nullptr, "lesson",
         "A guided lesson: a built-in one (lecture7) or a lesson file on this site (lessons/mine.md).", kSettingUrl,
         [](const S& s) { return s.lesson; }, [](S& s, V v) { s.lesson = std::string(v); }},
        {"lesson_step", SettingType::Int, "open", "1", 1, 99, nullptr, "lesson step",
         "The lesson's step shown, counted from 1.", kSettingUrl, [](const S& s) { return int_text(s.lesson_step); },
         [](S& s, V v) { s.lesson_step = static_cast<int>(to_int(v)); }},
        // The Models window's Next term tab (issue 19 item 4): the tab draws these controls itself.
        {"next_source", SettingType::Choice, "models", "even", 0, 0, kNextTermSources, "next term: source",
         "Where the Next term tab's bits come from: a hidden machine (golden-mean, even, twice, parity) or a "
         "repeating pattern (next_pattern).",
         kUrlSession | kSettingOmitDefault, [](const S& s) { return s.next_term.source; },
         [](S& s, V v) { s.next_term.source = std::string(v); }},
        {"next_pattern", SettingType::Binary, "models", "0010111", 1, static_cast<double>(kMaxPatternBits), nullptr,
         "next term: pattern", "The Next term tab's repeating pattern of 0s and 1s, used when next_source=pattern.",
         kUrlSession | kSettingOmitDefault, [](const S& s) { return s.next_term.pattern; },
         [](S& s, V v) { s.next_term.pattern = std::string(v); }},
        {"next_noise", SettingType::Real, "models", "0.05", 0, kMaxSourceNoise, nullptr, "next term: noise",
         "The probability that the Next term tab's source flips a bit.", kUrlSession | kSettingOmitDefault,
         [](const S& s) { return format_real(s.next_term.noise); }, [](S& s, V v) { s.next_term.noise = to_real(v); }},
        {"next_hidden", SettingType::Int, "models", "6", 1, kMaxNextTermHidden, nullptr, "next term: hidden units",
         "The hidden units of the Next term tab's net.", kUrlSession | kSettingOmitDefault,
         [](const S& s) { return int_text(s.next_term.hidden); },
         [](S& s, V v) { s.next_term.hidden = static_cast<int>(to_int(v)); }},
    };
}

// `hide=` accepts the key of every row with a control, and the toolbar's buttons.
std::string make_hideable(const std::vector<SettingDef>& table) {
    std::string out;
    for (const SettingDef& d : table)
        if (d.ui.panel) out += std::string(d.key) + ",";
    return out + kToolbarControls;
}

// [SECTION] validation --------------------------------------------------------------------------

// A lesson's name or a relative path on the page's own origin: no scheme (no ':'), no "..", no
// leading '/' or "//", so a link can never make the page fetch from another site.
bool valid_path(std::string_view t) {
    if (t.empty()) return true;
    if (t.front() == '/' || t.front() == '.' || t.find("..") != std::string_view::npos ||
        t.find("//") != std::string_view::npos)
        return false;
    return std::all_of(t.begin(), t.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == '-' || c == '/';
    });
}

bool all_digits(std::string_view t) {
    return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string check_range(const SettingDef& d, double v, std::string_view shown) {
    char buf[96];
    if (v < d.min) {
        std::snprintf(buf, sizeof buf, "%.40s is below %s", std::string(shown).c_str(), format_real(d.min).c_str());
        return buf;
    }
    if (v > d.max) {
        std::snprintf(buf, sizeof buf, "%.40s is above %s", std::string(shown).c_str(), format_real(d.max).c_str());
        return buf;
    }
    return "";
}

// A web origin: http(s)://host[:port], lower case, nothing after the port (one '/' is dropped).
bool canonical_origin(std::string_view t, std::string* out) {
    std::string s(t);
    if (!s.empty() && s.back() == '/') s.pop_back();
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    std::size_t at = 0;
    if (s.rfind("https://", 0) == 0)
        at = 8;
    else if (s.rfind("http://", 0) == 0)
        at = 7;
    else
        return false;
    const std::size_t colon = s.find(':', at);
    const std::string host = s.substr(at, colon == std::string::npos ? std::string::npos : colon - at);
    if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-') return false;
    for (char c : host)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) return false;
    if (colon != std::string::npos) {
        const std::string port = s.substr(colon + 1);
        if (!all_digits(port) || port.size() > 5) return false;
        const long p = std::strtol(port.c_str(), nullptr, 10);
        if (p < 1 || p > 65535) return false;
    }
    *out = s;
    return true;
}

}  // namespace

const std::string& hideable_controls() {
    static const std::string names = make_hideable(make_table());
    return names;
}

const std::vector<SettingDef>& settings_table() {
    static const std::vector<SettingDef> table = [] {
        std::vector<SettingDef> t = make_table();
        for (SettingDef& d : t)
            if (std::string_view(d.key) == "hide") d.choices = hideable_controls().c_str();
        return t;
    }();
    return table;
}

const SettingDef* find_setting(std::string_view key) {
    for (const SettingDef& d : settings_table())
        if (key == d.key) return &d;
    return nullptr;
}

std::string validate_setting(const SettingDef& d, std::string_view t, std::string* canonical) {
    if (t.size() > kMaxSettingValueLength)
        return "too long (" + std::to_string(t.size()) + " characters; at most " +
               std::to_string(kMaxSettingValueLength) + ")";
    std::string canon;
    switch (d.type) {
        case SettingType::Int: {
            const bool neg = !t.empty() && t.front() == '-';
            const std::string_view digits = neg ? t.substr(1) : t;
            if (!all_digits(digits)) return quote_for_message(t) + " is not a whole number";
            if (digits.size() > 12) return quote_for_message(t) + " is out of range";
            const long long v = to_int(t);
            if (auto e = check_range(d, static_cast<double>(v), t); !e.empty()) return e;
            canon = std::to_string(v);
            break;
        }
        case SettingType::Real: {
            // Plain decimal notation only: no hex, inf, nan, spaces or trailing text.
            if (t.empty() || t.size() > 32) return quote_for_message(t) + " is not a number";
            for (char c : t)
                if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
                    return quote_for_message(t) + " is not a number";
            const std::string s(t);
            char* end = nullptr;
            errno = 0;
            const double v = std::strtod(s.c_str(), &end);
            if (end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(v))
                return quote_for_message(t) + " is not a number";
            if (auto e = check_range(d, v, t); !e.empty()) return e;
            canon = format_real(v);
            break;
        }
        case SettingType::Bool:
            if (t == "1" || t == "true" || t == "on" || t == "yes")
                canon = "1";
            else if (t == "0" || t == "false" || t == "off" || t == "no")
                canon = "0";
            else
                return quote_for_message(t) + " is not 0 or 1";
            break;
        case SettingType::Choice: {
            const auto options = split_list(d.choices);
            if (!list_has(options, t)) return quote_for_message(t) + " is not one of " + d.choices;
            canon = std::string(t);
            break;
        }
        case SettingType::Binary: {
            const ParsedBits p = parse_binary(t, static_cast<std::size_t>(d.max));
            if (!p.ok()) return p.error;
            canon = std::string(t);
            break;
        }
        case SettingType::List: {
            const auto options = split_list(d.choices);
            std::vector<std::string> items = split_list(t);
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (!list_has(options, items[i])) return quote_for_message(items[i]) + " is not one of " + d.choices;
                for (std::size_t j = 0; j < i; ++j)
                    if (items[j] == items[i]) return quote_for_message(items[i]) + " is listed twice";
            }
            std::vector<std::string> ordered;  // canonical: the table's order
            for (const auto& o : options)
                if (list_has(items, o)) ordered.push_back(o);
            canon = join(ordered);
            break;
        }
        case SettingType::Path: {
            if (t.size() > static_cast<std::size_t>(d.max))
                return "longer than " + std::to_string(static_cast<int>(d.max)) + " characters";
            if (!valid_path(t)) return quote_for_message(t) + " is not a lesson name or a path like lessons/mine.md";
            canon = std::string(t);
            break;
        }
        case SettingType::Task: {
            std::string why;
            const std::optional<Task> task = parse_task(t, &why);
            if (!task) return why;
            canon = encode_task(*task);
            break;
        }
        case SettingType::Origins: {
            std::vector<std::string> items = split_list(t), out;
            if (items.size() > static_cast<std::size_t>(d.max))
                return "more than " + std::to_string(static_cast<int>(d.max)) + " origins";
            for (const auto& item : items) {
                std::string o;
                if (!canonical_origin(item, &o))
                    return quote_for_message(item) + " is not an origin like https://example.org";
                if (!list_has(out, o)) out.push_back(o);
            }
            canon = join(out);
            break;
        }
    }
    if (canonical) *canonical = std::move(canon);
    return "";
}

std::string set_setting(Settings& s, const SettingDef& d, std::string_view text) {
    std::string canon;
    std::string err = validate_setting(d, text, &canon);
    if (!err.empty()) return err;
    d.set(s, canon);
    return "";
}

std::string get_setting(const Settings& s, const SettingDef& d) { return d.get(s); }

std::string settings_conflict(const Settings& s) {
    if (s.train.min_bits > s.train.max_bits)
        return "the shortest training sum (" + std::to_string(s.train.min_bits) + " bits) is above the longest (" +
               std::to_string(s.train.max_bits) + " bits)";
    return "";
}

bool setting_shown(const SettingDef& d, const Settings& s) {
    if (!d.ui.shown_if) return true;
    const std::string_view rule = d.ui.shown_if;
    const std::size_t eq = rule.find('=');
    const SettingDef* other = find_setting(rule.substr(0, eq));
    return other && get_setting(s, *other) == rule.substr(eq + 1);
}

Settings settings_defaults() {
    Settings s;
    for (const SettingDef& d : settings_table()) {
        std::string canon;
        validate_setting(d, d.def, &canon);  // the table's own defaults are valid (tested)
        d.set(s, canon);
    }
    return s;
}

// [SECTION] hash --------------------------------------------------------------------------------

std::uint64_t params_hash(const std::vector<double>& params) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (double d : params) {
        unsigned char bytes[sizeof d];
        std::memcpy(bytes, &d, sizeof d);
        for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
    }
    return h;
}

std::string params_hash_hex(const std::vector<double>& params) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(params_hash(params)));
    return hex;
}

}  // namespace carry
