// appearance: the theme, motion and text size in effect, and the font atlas they need (issues 17, 18).
//
// Implements:
//   - Appearance: what the page (or the desktop) reports (prefers-color-scheme, prefers-reduced-motion,
//     the device pixel ratio) and what is in effect after the settings rows `theme`, `motion` and
//     `text_size` are resolved against it
//   - appearance_resolve(): "auto" → the page's preference (dark and full motion when unknown)
//   - motion_reduced(): the effective choice, for views that have no App (the orbiting 3D views)
// The font atlas itself is rebuilt by app_before_frame() (app.h), between frames: ImGui's fonts
// and the renderer's font texture may only change outside NewFrame/Render.
#pragma once

#include <string>

#include "app/palette.h"

namespace carry {

struct Appearance {
    // Reported by the platform (the page's media queries, shell.js; the desktop reports nothing).
    bool system_known = false;          // the page said which scheme it prefers
    bool system_light = false;          // prefers-color-scheme: light
    bool system_reduce_motion = false;  // prefers-reduced-motion: reduce
    float content_scale = 1.0f;         // device pixels per logical pixel (devicePixelRatio)

    // In effect (appearance_resolve).
    Theme theme = Theme::Dark;
    bool reduce_motion = false;
    float text_scale = 1.0f;  // text_size / 100

    // What the font atlas and the style were last built for, and how often (tests, getState).
    float font_pixels = 0.0f;  // rasterized size in device pixels; 0: not built yet
    float styled_scale = 0.0f;
    bool styled = false;
    Theme styled_theme = Theme::Dark;
    int font_builds = 0;
    int atlas_width = 0, atlas_height = 0;
};

// Resolves the three settings rows against what the platform reported.
void appearance_resolve(Appearance& a, const std::string& theme, const std::string& motion, int text_size);

// The effective reduced-motion choice of the running app (the last appearance_resolve()).
bool motion_reduced();

// "light" or "dark".
const char* theme_name(Theme t);

}  // namespace carry
