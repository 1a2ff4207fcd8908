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
    s.anim_speed = static_cast<double>(pg.anim_steps_per_second);
    s.train_speed = pg.train_full_speed ? 0.0 : static_cast<double>(pg.train_sequences_per_frame);
    s.panels = pg.panels;
    s.embed = pg.embed;
    s.hide = pg.hidden_controls;
    s.allow = pg.allowed_origins;
    s.background = pg.background;
    return s;
}

void playground_apply(Playground& pg, const Settings& s, bool reset) {
    if (reset || s.a != pg.a.text || s.b != pg.b.text) pg.commands.push_back(Command{CommandKind::SetNumbers, 0, s.a, s.b});
    playground_take_settings(pg, s);
    pg.push(reset ? CommandKind::TrainReset : CommandKind::ApplySettings);
}

}  // namespace carry
