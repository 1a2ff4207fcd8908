// share_dialog: the Share dialog (the link and the <iframe> code of the current state). See share_dialog.h.
#include "app/share_dialog.h"

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/widgets.h"
#include "core/url_state.h"
#include "imgui.h"

namespace carry {

namespace {

// The panels an embed can show: the settings table's `panels` choices but the Models window,
// which embed mode never opens.
const std::vector<std::string>& share_panel_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> all = split_list(find_setting("panels")->choices);
        std::erase(all, std::string("models"));
        return all;
    }();
    return names;
}

// "hide the training settings": every row of the table's training group.
std::vector<std::string> training_keys() {
    std::vector<std::string> keys;
    for (const SettingDef& d : settings_table())
        if (std::string_view(d.group) == "training") keys.emplace_back(d.key);
    return keys;
}

Settings share_settings(const App& app) {
    Settings s = playground_snapshot(app.playground);
    s.embed = false;
    s.hide.clear();
    s.allow.clear();
    return s;
}

std::string html_escape(const std::string& t) {
    std::string out;
    for (char c : t) {
        if (c == '&')
            out += "&amp;";
        else if (c == '"')
            out += "&quot;";
        else if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else
            out.push_back(c);
    }
    return out;
}

void copy_text(App& app, const std::string& text, const char* what) {
    if (app.embed.web)
        post_event(app, "copy", text);
    else
        ImGui::SetClipboardText(text.c_str());
    app.share.copied = std::string(what) + " copied.";
}

}  // namespace

std::string share_link(const App& app) { return app.embed.page_url + "#" + encode_url_state(share_settings(app)); }

std::string share_iframe(const App& app) {
    Settings s = share_settings(app);
    s.embed = true;
    s.panels.clear();
    for (const std::string& p : share_panel_names())
        if (list_has(app.share.panels, p)) s.panels.push_back(p);
    if (app.share.hide_settings) s.hide = training_keys();
    const std::string src = app.embed.page_url + "#" + encode_url_state(s);
    return "<iframe src=\"" + html_escape(src) + "\" width=\"" + std::to_string(app.share.w) + "\" height=\"" +
           std::to_string(app.share.h) +
           // clipboard-write: the frame's copy buttons reach the reader's clipboard (web/input.js).
           "\" style=\"border:0\" title=\"Carry: a recurrent net learns binary addition\" loading=\"lazy\" "
           "allow=\"clipboard-write\"></iframe>";
}

void share_dialog(App& app) {
    ShareDialog& e = app.share;
    if (!e.open) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float fs = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x - 20.0f, fs * 40.0f), 0), ImGuiCond_Appearing);
    if (!ImGui::Begin("Share this experiment", &e.open,
                      ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    ImGui::TextWrapped(
        "The link opens exactly this experiment: the two numbers, every training setting and the "
        "seed, so the same run replays bit for bit.");
    std::string link = share_link(app);
    ImGui::SetNextItemWidth(-fs * 7.0f);
    ImGui::InputText("##link", link.data(), link.size() + 1, ImGuiInputTextFlags_ReadOnly);
    ImGui::SameLine();
    if (ImGui::Button("Copy link")) copy_text(app, link, "Link");
    tooltip("Copies the link to the clipboard. If the browser refuses, the page shows the text to copy by hand.");

    ImGui::Separator();
    ImGui::TextUnformatted("Embed in course notes");
    ImGui::TextDisabled("panels");
    for (const std::string& p : share_panel_names()) {
        ImGui::SameLine();
        bool on = list_has(e.panels, p);
        if (ImGui::Checkbox(p.c_str(), &on)) {
            if (on)
                e.panels.push_back(p);
            else
                std::erase(e.panels, p);
        }
    }
    ImGui::Checkbox("hide the training settings", &e.hide_settings);
    tooltip("Readers see the net and the train button but cannot change how it is trained.");
    ImGui::SetNextItemWidth(fs * 8.0f);
    ImGui::InputInt("width", &e.w, 20, 100);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 8.0f);
    ImGui::InputInt("height", &e.h, 20, 100);
    e.w = std::clamp(e.w, 300, 1600);
    e.h = std::clamp(e.h, 200, 1200);
    std::string code = share_iframe(app);
    ImGui::SetNextItemWidth(-fs * 7.0f);
    ImGui::InputText("##iframe", code.data(), code.size() + 1, ImGuiInputTextFlags_ReadOnly);
    ImGui::SameLine();
    if (ImGui::Button("Copy code")) copy_text(app, code, "<iframe> code");

    // Preview: the embed's size against a column of text, scaled to fit.
    const float avail = ImGui::GetContentRegionAvail().x;
    const float scale = std::min(0.5f, avail / static_cast<float>(e.w));
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 size(static_cast<float>(e.w) * scale, static_cast<float>(e.h) * scale);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), pal().share_bg, 4.0f);
    dl->AddRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), pal().share_border, 4.0f);
    float y = p0.y + 6.0f;
    int shown = 0;
    for (const std::string& p : share_panel_names())
        if (list_has(e.panels, p)) ++shown;
    const float band = shown > 0 ? (size.y - 12.0f) / static_cast<float>(shown) : 0.0f;
    for (const std::string& p : share_panel_names()) {
        if (!list_has(e.panels, p)) continue;
        dl->AddRectFilled(ImVec2(p0.x + 6, y), ImVec2(p0.x + size.x - 6, y + band - 4), pal().share_band,
                          3.0f);
        dl->AddText(ImVec2(p0.x + 12, y + 2), pal().text, p.c_str());
        y += band;
    }
    char label[48];
    std::snprintf(label, sizeof label, "%d × %d", e.w, e.h);
    dl->AddText(ImVec2(p0.x + size.x + 8, p0.y), pal().dim, label);
    ImGui::Dummy(size);
    if (!e.copied.empty()) ImGui::TextColored(col4(pal().info), "%s", e.copied.c_str());
    ImGui::End();
}

}  // namespace carry
