// model_menu: the menu bar's Model menu and the desktop's model file dialog. See model_menu.h.
#include "app/model_menu.h"

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/widgets.h"
#include "core/model_file.h"
#include "imgui.h"

namespace carry {

using Json = nlohmann::ordered_json;

void model_menu(App& app) {
    Playground& pg = app.playground;
    if (!ImGui::BeginMenu("Model")) return;
    if (ImGui::MenuItem("Download model", nullptr, false, pg.trainer != nullptr)) {
        const std::string text = model_to_json(model_from_trainer(*pg.trainer));
        if (app.embed.web)
            post_event(app, "download", Json{{"name", "carry-model.json"}, {"text", text}});
        else
            app.model_file.open = true;
    }
    tooltip(
        "Saves the net's weights, settings, seed and optimizer state as a JSON model file "
        "(the same text as the JavaScript API's saveModel()).");
    if (ImGui::MenuItem("Copy model as JSON", nullptr, false, pg.trainer != nullptr)) {
        ImGui::SetClipboardText(model_to_json(model_from_trainer(*pg.trainer)).c_str());
        pg.notice = "The model's JSON is on the clipboard: paste it into a file, a message or the JavaScript "
                    "API's loadModel().";
        pg.notice_is_error = false;
    }
    tooltip("Copies the same JSON text as Download model to the clipboard.");
    if (ImGui::MenuItem("Load model…")) {
        if (app.embed.web)
            post_event(app, "pick-model", "");
        else
            app.model_file.open = true;
    }
    tooltip(
        "Opens a JSON model file saved by Carry. A file that does not validate is refused with the "
        "reason, and the current net is kept.");
    ImGui::EndMenu();
}

bool model_save_path(App& app) {
    Playground& pg = app.playground;
    if (!pg.trainer) return false;
    const std::string err = save_model_file(app.model_file.path, model_from_trainer(*pg.trainer));
    pg.notice = err.empty() ? std::string("Saved the model to ") + app.model_file.path : err;
    pg.notice_is_error = !err.empty();
    return err.empty();
}

bool model_load_path(App& app) {
    Playground& pg = app.playground;
    Model m;
    std::string err = load_model_file(app.model_file.path, m);
    if (err.empty()) err = playground_model_fits(m);
    if (!err.empty()) {
        playground_refuse_model(pg, err);
        return false;
    }
    // The net changes in playground_update, not while the dialog is drawn.
    pg.commands.push_back(Command{CommandKind::LoadModel, 0, model_to_json(m), {}});
    return true;
}

void model_path_dialog(App& app) {
    ModelFileDialog& e = app.model_file;
    Playground& pg = app.playground;
    if (!e.open) return;
    ImGui::SetNextWindowSize(ImVec2(460, 0), ImGuiCond_Appearing);
    if (ImGui::Begin("Model file", &e.open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22.0f);
        ImGui::InputText("file", e.path, sizeof e.path);
        tooltip("A path relative to the directory Carry was started in, or an absolute one.");
        if (ImGui::Button("Save")) model_save_path(app);
        ImGui::SameLine();
        if (ImGui::Button("Load")) model_load_path(app);
        if (!pg.notice.empty()) ImGui::TextWrapped("%s", pg.notice.c_str());
    }
    ImGui::End();
}

}  // namespace carry
