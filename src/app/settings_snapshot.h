// settings_snapshot: the playground as a core Settings value (core/settings.h) and back; the link,
// the saved session, getState/setState, a hash changed after load, a lesson's step and the Share
// dialog all go through these functions.
#pragma once

#include <string>
#include <string_view>

#include "app/playground.h"
#include "core/settings.h"
#include "core/url_state.h"

namespace carry {

Settings playground_snapshot(const Playground& pg);
// `reset`: a fresh net from the seed (a link); otherwise settings apply as the panel's do. Either
// way the net's preset, the tabs, the animation step and whether it plays are queued as commands
// or requests when they differ from the playground's (or, with `reset`, from the defaults).
void playground_apply(Playground& pg, const Settings& s, bool reset);
// A link ("#k=v&…") over the current state, as a hash changed after load is: a new net only when
// the training settings or the seed changed. Returns whether it set anything; `rejected` gets the
// notice for its bad values ("" if none).
bool playground_apply_link(Playground& pg, std::string_view link, std::string* rejected);

// The link's name of an InsideTab / ModelsTab ("space", "zoo"; "none" for -1).
const char* inside_tab_name(int tab);
const char* models_tab_name(int tab);

}  // namespace carry
