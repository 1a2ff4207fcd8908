// settings_snapshot: the playground as a Settings value and back. See settings_snapshot.h.
#include "app/settings_snapshot.h"

namespace carry {

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
    s.theme = pg.link.theme;
    s.motion = pg.link.motion;
    s.text_size = pg.link.text_size;
    return s;
}

void playground_apply(Playground& pg, const Settings& s, bool reset) {
    if (reset || s.a != pg.a.text || s.b != pg.b.text)
        pg.commands.push_back(Command{CommandKind::SetNumbers, 0, s.a, s.b});
    playground_take_settings(pg, s);
    pg.push(reset ? CommandKind::TrainReset : CommandKind::ApplySettings);
}

}  // namespace carry
