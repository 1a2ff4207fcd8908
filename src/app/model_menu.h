// model_menu: the menu bar's Model menu: "Download model" / "Load model…" exchange the core's JSON
// model files (core/model_file.h, the same text as saveModel() / loadModel()). Web: events
// "download" and "pick-model" to shell.js (a Blob download; a file picker whose text goes to
// loadModel). Desktop: a file path with Save / Load. A bad file shows its validation message and
// keeps the current model.
#pragma once

#include "app/playground.h"

namespace carry {

struct App;

// Desktop: the path the Model file dialog saves to and loads from.
struct ModelFileDialog {
    char path[512] = "carry-model.json";
    bool open = false;
};

void model_menu(App& app);
void model_path_dialog(App& app);
// Desktop: save to / load from model_file.path; the outcome is the playground's notice. A file
// that validates is queued as a LoadModel command (true): the net changes in playground_update.
bool model_save_path(App& app);
bool model_load_path(App& app);

}  // namespace carry
