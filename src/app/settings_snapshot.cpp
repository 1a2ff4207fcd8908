// settings_snapshot: the playground as a Settings value and back. See settings_snapshot.h.
#include "app/settings_snapshot.h"

#include "app/inside.h"
#include "app/panel_zoo.h"

namespace carry {

namespace {

// The index of `name` in a comma-separated list of choices ("none,space,..."), minus one for the
// leading "none": the tab's enum value, or -1 for "none" or a name not listed.
int tab_index(const char* choices, const std::string& name) {
    const std::vector<std::string> names = split_list(choices);
    for (std::size_t i = 1; i < names.size(); ++i)
        if (names[i] == name) return static_cast<int>(i) - 1;
    return -1;
}

void ensure_panel(Playground& pg, const char* panel) {
    if (!pg.shows(panel)) pg.link.panels.emplace_back(panel);
}

}  // namespace

const char* inside_tab_name(int tab) {
    static const std::vector<std::string> names = split_list(kInsideTabs);
    return tab >= 0 && tab + 1 < static_cast<int>(names.size()) ? names[tab + 1].c_str() : "none";
}

const char* models_tab_name(int tab) {
    static const std::vector<std::string> names = split_list(kModelsTabs);
    return tab >= 0 && tab + 1 < static_cast<int>(names.size()) ? names[tab + 1].c_str() : "none";
}

Settings playground_snapshot(const Playground& pg) {
    Settings s = settings_defaults();
    // A number being typed that is not valid yet: the link keeps the last valid one.
    s.a = pg.a.parsed.ok() ? pg.a.text : format_bits(pg.pair.a);
    s.b = pg.b.parsed.ok() ? pg.b.text : format_bits(pg.pair.b);
    s.train = pg.pending_settings;
    s.seed = pg.pending_seed;
    s.anim_speed = static_cast<double>(pg.anim.steps_per_second);
    s.train_speed = pg.live.full_speed ? 0.0 : static_cast<double>(pg.live.sequences_per_frame);
    s.panels = pg.link.panels;
    s.embed = pg.link.embed;
    s.hide = pg.link.hidden_controls;
    s.allow = pg.link.allowed_origins;
    s.background = pg.link.background;
    s.inside_tab = pg.link.inside_tab;
    s.models_tab = pg.link.models_tab;
    s.preset = pg.link.preset;
    // While the animation plays its step is not part of the state (the link would change twice a
    // second); paused, the step shown is.
    s.animate = pg.anim.playing;
    s.cursor = pg.anim.playing ? 0 : pg.anim.cursor;
    s.focus = pg.link.focus;
    s.lesson = pg.link.lesson;
    s.lesson_step = pg.link.lesson_step;
    s.theme = pg.link.theme;
    s.motion = pg.link.motion;
    s.text_size = pg.link.text_size;
    s.next_term = pg.link.next_term;
    return s;
}

void playground_apply(Playground& pg, const Settings& s, bool reset) {
    const Settings now = playground_snapshot(pg);
    if (reset || s.a != pg.a.text || s.b != pg.b.text)
        pg.commands.push_back(Command{CommandKind::SetNumbers, 0, s.a, s.b});
    playground_take_settings(pg, s);
    pg.push(reset ? CommandKind::TrainReset : CommandKind::ApplySettings);
    // The net: a preset other than fresh is loaded after the reset (so from the link's seed and
    // settings); a change of preset loads the new one.
    if ((reset && s.preset != "fresh") || (!reset && s.preset != now.preset)) {
        const Preset p = s.preset == "handwired" ? Preset::HandWired
                         : s.preset == "trained" ? Preset::LinkTrained
                                                 : Preset::Fresh;
        pg.push(CommandKind::LoadPreset, static_cast<int>(p));
    }
    // Views: a tab named (or changed) opens its panel on it; "none" named where a tab shows closes it.
    if (s.inside_tab != "none" && (reset || s.inside_tab != now.inside_tab)) {
        ensure_panel(pg, "inside");
        pg.requests.open_inside_tab = tab_index(kInsideTabs, s.inside_tab);
    } else if (s.inside_tab == "none" && now.inside_tab != "none") {
        pg.requests.close_inside = true;
    }
    if (s.models_tab != "none" && (reset || s.models_tab != now.models_tab)) {
        ensure_panel(pg, "models");
        pg.requests.open_models_tab = tab_index(kModelsTabs, s.models_tab);
    } else if (s.models_tab == "none" && now.models_tab != "none") {
        std::erase(pg.link.panels, std::string("models"));
    }
    // The Next term tab's controls: the tab takes them next frame (a new run when it had one).
    if (reset || s.next_term != now.next_term) {
        pg.link.next_term = s.next_term;
        pg.requests.apply_next_term = true;
    }
    // The animation: its step and whether it plays, after the numbers (which rewind it).
    const bool seek = s.cursor != now.cursor || (reset && s.cursor != 0);
    if (seek) pg.push(CommandKind::AnimSeek, s.cursor);  // pauses it
    if (s.animate && (seek || !now.animate))
        pg.push(CommandKind::AnimPlay);
    else if (!s.animate && now.animate)
        pg.push(CommandKind::AnimPause);
}

bool playground_apply_link(Playground& pg, std::string_view link, std::string* rejected) {
    Settings s = playground_snapshot(pg);
    const UrlDecodeReport r = decode_url_state(link, s);
    if (rejected) *rejected = describe_rejections(r);
    if (r.applied.empty()) return false;
    // A new run only when the training settings or the seed changed (the CLI's rows are exactly those).
    const bool reset = encode_url_state(s, kSettingCli) != encode_url_state(playground_snapshot(pg), kSettingCli);
    playground_apply(pg, s, reset);
    return true;
}

}  // namespace carry
