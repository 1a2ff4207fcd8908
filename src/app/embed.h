// embed: the playground as course notes use it (issue 6): state in the link, the saved session,
// the JavaScript / postMessage API, embed mode and the Share dialog.
//
// Implements:
//   - embed_start(): defaults <- saved session (only when the link sets nothing) <- query <- hash;
//     bad values become one visible notice, unknown keys a console note
//   - api_call(): one validated call (core/js_api_validate.h) -> a JSON reply, now or later
//   - embed_update(): once a frame after app_update: answers calls that waited for the frame,
//     advances train(n) jobs within a time budget, raises the solved / error events, and every
//     kHashSeconds hands the page the state (URL hash, link to the full playground, session)
//   - share_dialog(): the link and the <iframe> code of the current state, with an embed preview
//
// Messages to the page are JSON texts in `outbox` (the web platform passes them to shell.js):
//   {"id":N,"ok":true,"result":...} | {"id":N,"ok":false,"error":"..."}      replies
//   {"event":"solved"|"error"|"state"|"log"|"copy"|"download"|"pick-model","detail":...}  events
// The app knows nothing of the browser: no Emscripten here, and the desktop simply drops them.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "app/playground.h"
#include "core/settings.h"

namespace carry {

struct App;

inline constexpr double kHashSeconds = 0.25;    // the URL hash follows changes at most 4× a second
inline constexpr double kApiTrainBudgetMs = 12.0;  // train(n)'s work per frame

struct Embedding {
    bool web = false;            // the platform forwards `outbox` to the page (else it is dropped)
    std::string page_url = "http://127.0.0.1:8000/";  // the page's address, no query or hash
    std::vector<std::string> outbox;

    struct TrainJob {
        long long id = 0, asked = 0, done = 0;
        long long start_sequences = 0;
        int start_divergences = 0;
        bool start_solved = false;
        double seconds = 0.0;
    };
    std::deque<TrainJob> trains;
    std::vector<long long> after_frame;  // calls answered with the state after the next frame
    bool frame_passed = false;

    std::string last_state;      // the last state message sent (hash, ...)
    double state_age = 1e9;
    bool solved_seen = false;
    int divergences_seen = 0;
    std::string start_notice;    // shown once the start-up commands have run
    bool start_notice_error = false;

    // Share dialog.
    bool share_open = false;
    int share_w = 600, share_h = 400;
    std::vector<std::string> share_panels = {"add", "network"};  // ticked, of the `panels` row's choices
    bool share_hide_settings = false;
    std::string copied;

    // Download / Load model (the Model menu): on the desktop, a file path.
    char model_path[512] = "carry-model.json";
    bool model_path_open = false;
};

// links: query string and hash of the page (or --link on the desktop); session: the saved entry.
void embed_start(App& app, const std::vector<std::string>& links, const std::string& session);

std::string api_call(App& app, std::string_view request);
void embed_update(App& app, double dt_seconds);

// The current state as JSON (getState's result).
std::string api_state_json(const App& app);

// The full playground's link and the embed's <iframe> code for the current state.
std::string share_link(const App& app);
std::string share_iframe(const App& app);
void share_dialog(App& app);

// The menu bar's Model menu: "Download model" / "Load model…" exchange the core's JSON model files
// (core/model_file.h, the same text as saveModel() / loadModel()). Web: events "download" and
// "pick-model" to shell.js (a Blob download; a file picker whose text goes to loadModel). Desktop:
// a file path with Save / Load. A bad file shows its validation message and keeps the current model.
void model_menu(App& app);
void model_path_dialog(App& app);
// Desktop: save to / load from embed.model_path; the outcome is the playground's notice.
bool model_save_path(App& app);
bool model_load_path(App& app);

}  // namespace carry
