// appearance: settings rows resolved against the page's preferences. See appearance.h.
#include "app/appearance.h"

#include <algorithm>

namespace carry {

namespace {
bool g_reduce_motion = false;
}

void appearance_resolve(Appearance& a, const std::string& theme, const std::string& motion, int text_size) {
    if (theme == "light")
        a.theme = Theme::Light;
    else if (theme == "dark")
        a.theme = Theme::Dark;
    else  // auto: the page's preference; the desktop (which reports none) stays dark
        a.theme = a.system_known && a.system_light ? Theme::Light : Theme::Dark;
    a.reduce_motion = motion == "reduce" || (motion != "full" && a.system_reduce_motion);
    a.text_scale = static_cast<float>(std::clamp(text_size, 75, 200)) / 100.0f;
    g_reduce_motion = a.reduce_motion;
}

bool motion_reduced() { return g_reduce_motion; }

const char* theme_name(Theme t) { return t == Theme::Light ? "light" : "dark"; }

}  // namespace carry
