// settings_snapshot: the playground as a core Settings value (core/settings.h) and back; the link,
// the saved session, getState/setState and the Share dialog all go through these two functions.
#pragma once

#include "app/playground.h"
#include "core/settings.h"

namespace carry {

Settings playground_snapshot(const Playground& pg);
// `reset`: a fresh net from the seed (a link); otherwise settings apply as the panel's do.
void playground_apply(Playground& pg, const Settings& s, bool reset);

}  // namespace carry
