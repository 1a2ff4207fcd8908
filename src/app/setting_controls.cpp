// setting_controls: a settings-table row's control. See setting_controls.h.
#include "app/setting_controls.h"
#include "app/settings_snapshot.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "app/widgets.h"
#include "core/zoo/initial_state.h"
#include "imgui.h"

namespace carry {
namespace {

// The slider's range: the row's soft range when it has one, else its hard range.
void slider_range(const SettingDef& row, double* lo, double* hi) {
    const bool soft = row.ui.soft_min != 0 || row.ui.soft_max != 0;
    *lo = soft ? row.ui.soft_min : row.min;
    *hi = soft ? row.ui.soft_max : row.max;
}

void queue(Playground& pg, const SettingDef& row, std::string text) {
    pg.commands.push_back(Command{CommandKind::SetSetting, 0, row.key, std::move(text)});
}

bool int_control(Playground& pg, const SettingDef& row, const char* label, const std::string& value, double lo,
                 double hi, bool value_beside) {
    long long v = std::strtoll(value.c_str(), nullptr, 10);
    if (row.ui.typed) {
        const long long step = 1, step_fast = 100;
        if (!ImGui::InputScalar(label, ImGuiDataType_S64, &v, &step, &step_fast, "%lld")) return false;
    } else {
        // No AlwaysClamp: Ctrl+click types any value; the table then accepts it up to its hard range.
        int iv = static_cast<int>(v);
        const int ilo = static_cast<int>(lo), ihi = static_cast<int>(hi);
        std::string format = (iv == 0 && row.ui.zero_text) ? row.ui.zero_text : (row.ui.format ? row.ui.format : "%d");
        if (iv == 1 && format.size() > 2 && format.back() == 's') format.pop_back();  // "1 bit", "1 sum"
        if (!ImGui::SliderScalar(label, ImGuiDataType_S32, &iv, &ilo, &ihi, value_beside ? "" : format.c_str()))
            return false;
        v = iv;
    }
    queue(pg, row, std::to_string(v));
    return true;
}

bool real_control(Playground& pg, const SettingDef& row, const char* label, const std::string& value, double lo,
                  double hi, bool value_beside) {
    double v = std::strtod(value.c_str(), nullptr);
    const char* format = (v == 0 && row.ui.zero_text) ? row.ui.zero_text : (row.ui.format ? row.ui.format : "%.3g");
    if (!ImGui::SliderScalar(label, ImGuiDataType_Double, &v, &lo, &hi, value_beside ? "" : format,
                             row.ui.log ? ImGuiSliderFlags_Logarithmic : ImGuiSliderFlags_None))
        return false;
    queue(pg, row, format_real(v));
    return true;
}

bool choice_control(Playground& pg, const SettingDef& row, const char* label, const std::string& value) {
    const std::vector<std::string> choices = split_list(row.choices);
    const std::vector<std::string> labels = row.ui.choice_labels ? split_list(row.ui.choice_labels) : choices;
    auto label_of = [&](std::size_t i) { return i < labels.size() ? labels[i].c_str() : choices[i].c_str(); };
    std::size_t current = 0;
    for (std::size_t i = 0; i < choices.size(); ++i)
        if (choices[i] == value) current = i;
    bool changed = false;
    if (ImGui::BeginCombo(label, label_of(current))) {
        for (std::size_t i = 0; i < choices.size(); ++i) {
            if (ImGui::Selectable(label_of(i), i == current) && i != current) {
                queue(pg, row, choices[i]);
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

// A slider's value as its format prints it ("2.0 steps/s", "1 bit"), for drawing beside the handle.
std::string slider_text(const SettingDef& row, const std::string& value) {
    char buf[64];
    if (row.type == SettingType::Int) {
        const int v = static_cast<int>(std::strtoll(value.c_str(), nullptr, 10));
        std::string format = (v == 0 && row.ui.zero_text) ? row.ui.zero_text : (row.ui.format ? row.ui.format : "%d");
        if (v == 1 && format.size() > 2 && format.back() == 's') format.pop_back();
        std::snprintf(buf, sizeof buf, format.c_str(), v);
    } else {
        const double v = std::strtod(value.c_str(), nullptr);
        const char* format = (v == 0 && row.ui.zero_text) ? row.ui.zero_text : (row.ui.format ? row.ui.format : "%.3g");
        std::snprintf(buf, sizeof buf, format, v);
    }
    return buf;
}

}  // namespace

void setting_tooltip(const SettingDef& row) {
    if (!ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
    double lo = 0, hi = 0;
    slider_range(row, &lo, &hi);
    const bool narrower = (row.type == SettingType::Int || row.type == SettingType::Real) && !row.ui.typed &&
                          (lo != row.min || hi != row.max);
    if (std::string_view(row.key) == "init")  // issue 20: the initial state's choice, measured
        return tooltip((std::string(row.tooltip) + "\n\n" + zoo::initial_state_recorded_note()).c_str());
    if (!narrower) return tooltip(row.tooltip);
    const std::string text = std::string(row.tooltip) + "\nCtrl+click to type any value from " + format_real(row.min) +
                             " to " + format_real(row.max) + ".";
    tooltip(text.c_str());
}

bool setting_control(Playground& pg, const SettingDef& row, const Settings& s, bool value_beside) {
    const bool generic = row.type == SettingType::Int || row.type == SettingType::Real ||
                         row.type == SettingType::Bool || row.type == SettingType::Choice;
    if (!generic || !row.ui.panel || row.ui.own_widget || !setting_shown(row, s) || !pg.shows_control(row.key))
        return false;
    double lo = row.min, hi = row.max;
    slider_range(row, &lo, &hi);
    const std::string value = get_setting(s, row);
    const std::string hidden_label = std::string("##") + row.key;
    const char* label = row.ui.unlabeled ? hidden_label.c_str() : row.label;
    bool changed = false;
    switch (row.type) {
        case SettingType::Int: changed = int_control(pg, row, label, value, lo, hi, value_beside && !row.ui.typed); break;
        case SettingType::Real: changed = real_control(pg, row, label, value, lo, hi, value_beside); break;
        case SettingType::Bool: {
            bool v = value == "1";
            if ((changed = ImGui::Checkbox(label, &v))) queue(pg, row, v ? "1" : "0");
            break;
        }
        case SettingType::Choice: changed = choice_control(pg, row, label, value); break;
        default: break;  // Binary: the add view's number fields; List, Origins: the menus and the link
    }
    setting_tooltip(row);
    const bool slider = (row.type == SettingType::Int && !row.ui.typed) || row.type == SettingType::Real;
    if (value_beside && slider) {
        // The value beside the handle, not under it (the handle hid part of it: "2.|0 steps/s").
        ImGui::SameLine();
        ImGui::TextUnformatted(slider_text(row, changed ? pg.commands.back().text_b : value).c_str());
        setting_tooltip(row);
    }
    pg.drawn.settings_drawing.push_back(DrawnSetting{row.key, row.label, lo, hi});
    return changed;
}

bool setting_controls(Playground& pg, const char* panel, const Settings& s) {
    bool changed = false;
    for (const SettingDef& row : settings_table())
        if (row.ui.panel && std::string_view(row.ui.panel) == panel) changed |= setting_control(pg, row, s);
    return changed;
}

}  // namespace carry
