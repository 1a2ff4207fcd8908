// js_api: the playground as course notes script it (issue 6): state in the link, the saved
// session, the JavaScript / postMessage API and its events, embed mode.
//
// Implements:
//   - embed_start(): defaults <- saved session (only when the link sets nothing) <- query <- hash;
//     bad values become one visible notice, unknown keys a console note
//   - api_call(): one validated call (core/js_api_validate.h) -> a JSON reply, now or later
//   - embed_update(): once a frame after app_update: answers calls that waited for the frame,
//     advances train(n) jobs within a time budget, raises the solved / error events, and every
//     kHashSeconds hands the page the state (URL hash, link to the full playground, session)
//   - post_event(): an event for the page (the Share dialog and the Model menu use it too)
//
// Messages to the page are JSON texts in `outbox` (the web platform passes them to shell.js):
//   {"id":N,"ok":true,"result":...} | {"id":N,"ok":false,"error":"..."}      replies
//   {"event":"solved"|"error"|"state"|"log"|"copy"|"download"|"pick-model","detail":...}  events
// The app knows nothing of the browser: no Emscripten here, and the desktop simply drops them.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace carry {

struct App;

inline constexpr double kHashSeconds = 0.25;       // the URL hash follows changes at most 4× a second
inline constexpr double kApiTrainBudgetMs = 12.0;  // train(n)'s work per frame

struct Embedding {
    bool web = false;                                 // the platform forwards `outbox` to the page (else it is dropped)
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
    std::vector<long long> after_frame;                  // calls answered with the state after the next frame
    std::vector<std::pair<long long, long long>> loads;  // loadModel calls waiting: (command id, call id)
    long long last_load_ticket = 0;
    bool frame_passed = false;

    std::string last_state;  // the last state message sent (hash, ...)
    double state_age = 1e9;
    bool solved_seen = false;
    int divergences_seen = 0;
    std::string start_notice;  // shown once the start-up commands have run
    bool start_notice_error = false;
};

// links: query string and hash of the page (or --link on the desktop); session: the saved entry.
void embed_start(App& app, const std::vector<std::string>& links, const std::string& session);

// The page's hash changed after load (shell.js's hashchange): applied over the current state, a
// new net only when the training settings or the seed changed; bad values are refused with a notice.
void embed_hash_changed(App& app, const std::string& hash);

std::string api_call(App& app, std::string_view request);
void embed_update(App& app, double dt_seconds);

// The current state as JSON (getState's result).
std::string api_state_json(const App& app);

// {"event": name, "detail": detail} to the page; on the desktop a "log" event goes to stderr.
void post_event(App& app, const char* name, nlohmann::ordered_json detail);

}  // namespace carry
