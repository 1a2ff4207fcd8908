// setting_controls: the playground's control for a row of the settings table (core/settings.h),
// drawn from the row alone: its label, tooltip, range, the slider's soft range and scale, the
// combo's labels, when it is shown. Adding a setting is one row of the table; its control, its
// link key, its CLI flag and its `hide=` name follow.
//
// Implements:
//   - setting_control(): one control, by the row's type: Int (slider, or a typed field), Real
//     (linear or logarithmic slider; Ctrl+click types a value up to the row's hard range), Bool
//     (checkbox), Choice (combo). Binary and List rows have no generic control (the add view's
//     number fields and the menus set them).
//   - setting_controls(): every row of one panel, in the table's order.
// A control never changes the playground while drawing: an edit queues CommandKind::SetSetting
// with the new value as text, and playground_update() takes it through the table's validation,
// the one place a value is accepted or refused (with a notice).
#pragma once

#include "app/playground.h"
#include "core/settings.h"

namespace carry {

// Draws the row's control for its value in `s` (the playground's pending settings) when the row
// is shown (ui.shown_if) and not hidden by a link (pg.shows_control). True when the user changed
// it this frame (the SetSetting command is queued). value_beside: a slider's value is printed
// beside it instead of inside, where the handle covers part of it (narrow sliders).
bool setting_control(Playground& pg, const SettingDef& row, const Settings& s, bool value_beside = false);

// Every row whose ui.panel is `panel`, in table order. True when any was changed.
bool setting_controls(Playground& pg, const char* panel, const Settings& s);

// Tooltip of a row's control: the row's tooltip, and the typed range when the slider's is narrower.
void setting_tooltip(const SettingDef& row);

}  // namespace carry
