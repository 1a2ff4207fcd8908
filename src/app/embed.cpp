// embed: link state, saved session, the JavaScript API and the Share dialog. See embed.h.
//
// [SECTION] snapshot / apply     [SECTION] start-up     [SECTION] API     [SECTION] per frame
// [SECTION] share dialog
#include "app/embed.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/widgets.h"
#include "core/js_api_validate.h"
#include "core/model_file.h"
#include "core/url_state.h"
#include "imgui.h"

namespace carry {

using Json = nlohmann::ordered_json;

// [SECTION] snapshot / apply ---------------------------------------------------------------------

Settings playground_snapshot(const Playground& pg) {
    Settings s = settings_defaults();
    // A number being typed that is not valid yet: the link keeps the last valid one.
    s.a = pg.a.parsed.ok() ? pg.a.text : format_bits(pg.pair.a);
    s.b = pg.b.parsed.ok() ? pg.b.text : format_bits(pg.pair.b);
    s.train = pg.pending_settings;
    s.seed = pg.pending_seed;
    s.anim_speed = static_cast<double>(pg.anim_steps_per_second);
    s.train_speed = pg.train_full_speed ? 0.0 : static_cast<double>(pg.train_sequences_per_frame);
    s.panels = pg.panels;
    s.embed = pg.embed;
    s.hide = pg.hidden_controls;
    s.allow = pg.allowed_origins;
    s.background = pg.background;
    return s;
}

void playground_apply(Playground& pg, const Settings& s, bool reset) {
    if (reset || s.a != pg.a.text || s.b != pg.b.text) pg.commands.push_back(Command{CommandKind::SetNumbers, 0, s.a, s.b});
    playground_take_settings(pg, s);
    pg.push(reset ? CommandKind::TrainReset : CommandKind::ApplySettings);
}

namespace {

void post(App& app, Json j) {
    if (app.embed.web) app.embed.outbox.push_back(j.dump());
    else if (j.contains("event") && j["event"] == "log") std::fprintf(stderr, "carry: %s\n", j["detail"].get<std::string>().c_str());
}

void post_event(App& app, const char* name, Json detail) { post(app, Json{{"event", name}, {"detail", std::move(detail)}}); }

std::string reply_error(long long id, const std::string& error) {
    return Json{{"id", id}, {"ok", false}, {"error", error}}.dump();
}

}  // namespace

// [SECTION] start-up -----------------------------------------------------------------------------

void embed_start(App& app, const std::vector<std::string>& links, const std::string& session) {
    Playground& pg = app.playground;
    Embedding& e = app.embed;
    Settings s = playground_snapshot(pg);
    std::vector<std::string> rejected, unknown;
    bool truncated = false, link_sets_something = false;
    for (const std::string& link : links) {
        const UrlDecodeReport r = decode_url_state(link, s);
        link_sets_something |= !r.applied.empty() || !r.rejected.empty();
        rejected.insert(rejected.end(), r.rejected.begin(), r.rejected.end());
        unknown.insert(unknown.end(), r.unknown.begin(), r.unknown.end());
        truncated |= r.truncated;
    }
    // The saved session only when the link itself sets nothing (a shared link means exactly its
    // experiment) and never inside an embed.
    if (!link_sets_something && !s.embed && !session.empty()) {
        Settings t = s;
        const std::string err = session_from_json(session, t);
        if (err.empty()) {
            s = t;
            post_event(app, "log", "Carry: restored the last session");
        } else {
            e.start_notice = "Your last session could not be restored (" + err + "); the defaults are loaded.";
            e.start_notice_error = true;
            post_event(app, "session-discarded", err);
        }
    }
    for (const std::string& u : unknown) post_event(app, "log", "Carry: ignored unknown setting " + u + " in the link");
    UrlDecodeReport all;
    all.rejected = rejected;
    all.truncated = truncated;
    if (const std::string msg = describe_rejections(all); !msg.empty()) {
        e.start_notice = msg;
        e.start_notice_error = true;
        post_event(app, "log", "Carry: " + msg);
    }
    playground_apply(pg, s, true);
}

// [SECTION] API ----------------------------------------------------------------------------------

namespace {

Json metrics_json(const Playground& pg) {
    Json j;
    const Trainer* tr = pg.trainer.get();
    j["sequences"] = tr ? tr->sequences() : 0;
    j["solved"] = tr && tr->solved();
    j["restarts"] = tr ? tr->restarts() : 0;
    j["training"] = pg.training;
    j["loss"] = pg.last_step.loss;
    j["exact64"] = pg.val_64.exact_accuracy;
    j["exact8"] = pg.val_8.exact_accuracy;
    j["bitAccuracy"] = pg.val_64.bit_accuracy;
    j["divergences"] = pg.divergences;
    j["weightsHash"] = tr ? params_hash_hex(tr->net().params) : "";
    return j;
}

Json settings_json(const Settings& s) {
    Json j = Json::object();
    for (const SettingDef& d : settings_table()) {
        const std::string v = get_setting(s, d);
        switch (d.type) {
            case SettingType::Int: j[d.key] = std::strtoll(v.c_str(), nullptr, 10); break;
            case SettingType::Real: j[d.key] = std::strtod(v.c_str(), nullptr); break;
            case SettingType::Bool: j[d.key] = v == "1"; break;
            default: j[d.key] = v;
        }
    }
    return j;
}

Json state_json(const App& app) {
    const Playground& pg = app.playground;
    const Settings s = playground_snapshot(pg);
    Json j;
    j["settings"] = settings_json(s);
    j["hash"] = encode_url_state(s);
    Json n;
    n["a"] = pg.a.text;
    n["b"] = pg.b.text;
    n["valid"] = pg.a.parsed.ok() && pg.b.parsed.ok();
    if (!pg.a.parsed.ok()) n["errorA"] = pg.a.parsed.error;
    if (!pg.b.parsed.ok()) n["errorB"] = pg.b.parsed.error;
    if (pg.stepper) {
        n["sum"] = format_bits(pg.stepper->true_sum());       // the exact sum, MSB first
        n["answer"] = format_bits(pg.stepper->net_sum());     // the net's sum bits, as the add view shows them
        n["correct"] = pg.stepper->net_sum() == pg.stepper->true_sum();
        n["sumDecimal"] = decimal_string(pg.stepper->true_sum());
        n["answerDecimal"] = decimal_string(pg.stepper->net_sum());
        n["step"] = pg.cursor;
        n["steps"] = pg.stepper->steps();
    }
    j["numbers"] = n;
    j["training"] = metrics_json(pg);
    j["animating"] = pg.playing;
    j["notice"] = pg.notice;
    j["noticeIsError"] = pg.notice_is_error;
    j["embed"] = pg.embed;
    // Where the number fields and the train button were drawn (CSS pixels), for tests that click.
    auto rect = [](const UiRect& r) { return r.drawn ? Json::array({r.x0, r.y0, r.x1, r.y1}) : Json(); };
    j["ui"] = {{"numberA", rect(pg.rects.number_a)}, {"numberB", rect(pg.rects.number_b)},
               {"train", rect(pg.rects.train_button)}};
    return j;
}

void load_model(Playground& pg, const Model& m) {
    pg.training = false;
    pg.settings = m.config;
    pg.pending_settings = m.config;
    pg.seed = pg.pending_seed = m.seed;
    playground_install_trainer(pg, std::make_unique<Trainer>(m.config, m.seed, m.net, m.rng, m.sequences));
    pg.solved_announced = m.solved;
    pg.trainer->validate();  // solved or not: measured, not taken from the file
    pg.val_8 = evaluate(pg.trainer->net(), 8, kValidationPairs8, 0x5eed0008ULL);
    pg.val_64 = evaluate(pg.trainer->net(), 64, kValidationPairs64, 0x5eed0064ULL);
    pg.notice = "Loaded a model: " + std::to_string(m.net.config.hidden) + " hidden units, " +
                std::to_string(m.sequences) + " training sequences.";
    pg.notice_is_error = false;
}

}  // namespace

std::string api_state_json(const App& app) { return state_json(app).dump(); }

std::string api_call(App& app, std::string_view request) {
    Playground& pg = app.playground;
    Embedding& e = app.embed;
    ApiCall c;
    if (const std::string err = parse_api_call(request, c); !err.empty()) {
        if (c.method == ApiMethod::LoadModel) {  // the model file was refused: say why, keep the net
            pg.notice = "Could not load the model (" + err.substr(0, 300) + "); the current net is kept.";
            pg.notice_is_error = true;
        }
        return reply_error(c.id, err);
    }
    switch (c.method) {
        case ApiMethod::GetState: return Json{{"id", c.id}, {"ok", true}, {"result", state_json(app)}}.dump();
        case ApiMethod::SaveModel:
            if (!pg.trainer) return reply_error(c.id, "no net yet");
            return Json{{"id", c.id}, {"ok", true}, {"result", model_to_json(model_from_trainer(*pg.trainer))}}.dump();
        case ApiMethod::SetState: {
            Settings s = playground_snapshot(pg);
            for (const auto& [key, value] : c.state) set_setting(s, *find_setting(key), value);  // validated already
            if (s.train.min_bits > s.train.max_bits) return reply_error(c.id, "setState: min_bits is above max_bits");
            playground_apply(pg, s, false);
            break;
        }
        case ApiMethod::SetNumbers: pg.commands.push_back(Command{CommandKind::SetNumbers, 0, c.a, c.b}); break;
        case ApiMethod::Step: pg.push(CommandKind::TrainStep); break;
        case ApiMethod::Play: pg.push(CommandKind::TrainPlay); break;
        case ApiMethod::Pause: pg.push(CommandKind::TrainPause); break;
        case ApiMethod::Reset: pg.push(CommandKind::TrainReset); break;
        case ApiMethod::LoadModel:
            load_model(pg, c.model);
            e.solved_seen = pg.trainer->solved();  // a loaded net raises no "solved" event
            break;
        case ApiMethod::Train: {
            if (!pg.trainer) return reply_error(c.id, "no net yet");
            Embedding::TrainJob job;
            job.id = c.id;
            job.asked = c.n;
            e.trains.push_back(job);
            return Json{{"id", c.id}, {"pending", true}}.dump();
        }
    }
    e.after_frame.push_back(c.id);
    return Json{{"id", c.id}, {"pending", true}}.dump();
}

// [SECTION] per frame ----------------------------------------------------------------------------

void embed_update(App& app, double dt) {
    Playground& pg = app.playground;
    Embedding& e = app.embed;
    if (!e.start_notice.empty()) {  // after the start-up commands (a reset clears notices)
        pg.notice = e.start_notice;
        pg.notice_is_error = e.start_notice_error;
        e.start_notice.clear();
    }
    // Calls that waited for their commands to run (app_update has just applied them).
    for (long long id : e.after_frame) post(app, Json{{"id", id}, {"ok", true}, {"result", state_json(app)}});
    e.after_frame.clear();

    // train(n): a time budget per frame, so the page keeps drawing.
    if (!e.trains.empty() && pg.trainer) {
        Embedding::TrainJob& job = e.trains.front();
        if (job.done == 0 && job.seconds == 0.0) {
            job.start_sequences = pg.trainer->sequences();
            job.start_divergences = pg.divergences;
            job.start_solved = pg.trainer->solved();
        }
        const long long got = playground_train_some(pg, job.asked - job.done, kApiTrainBudgetMs);
        job.done += got;
        job.seconds += dt;
        const bool diverged = pg.divergences != job.start_divergences;
        const bool solved_now = !job.start_solved && pg.trainer->solved();
        if (job.done >= job.asked || diverged || solved_now || got == 0) {
            Json m = metrics_json(pg);
            m["trained"] = job.done;
            m["diverged"] = diverged;
            pg.stepper_dirty = true;
            if (diverged) post(app, Json{{"id", job.id}, {"ok", false}, {"error", pg.notice}, {"result", m}});
            else post(app, Json{{"id", job.id}, {"ok", true}, {"result", m}});
            e.trains.pop_front();
        }
    }

    // Events.
    const bool solved = pg.trainer && pg.trainer->solved();
    if (solved && !e.solved_seen) post_event(app, "solved", metrics_json(pg));
    e.solved_seen = solved;
    if (pg.divergences != e.divergences_seen) {
        post_event(app, "error", Json{{"message", pg.notice}, {"kind", "diverged"}});
        e.divergences_seen = pg.divergences;
    }

    // The state for the page: URL hash, link to the full playground, saved session.
    e.state_age += dt;
    if (e.state_age >= kHashSeconds) {
        e.state_age = 0.0;
        const Settings s = playground_snapshot(pg);
        Settings full = s;
        full.embed = false;
        full.hide.clear();
        full.allow.clear();
        Json st{{"hash", encode_url_state(s)},
                {"fullHash", encode_url_state(full)},
                {"embed", s.embed},
                {"allow", s.allow},
                {"background", s.background},
                {"session", s.embed ? Json() : Json(session_to_json(s))}};
        std::string text = st.dump();
        if (text != e.last_state) {
            e.last_state = text;
            post_event(app, "state", std::move(st));
        }
    }
}

// [SECTION] share dialog -------------------------------------------------------------------------

namespace {

constexpr int kSharePanels = 6;
const char* kPanelNames[kSharePanels] = {"add", "network", "unrolled", "inside", "curves", "train"};

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
        if (c == '&') out += "&amp;";
        else if (c == '"') out += "&quot;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out.push_back(c);
    }
    return out;
}

void copy_text(App& app, const std::string& text, const char* what) {
    if (app.embed.web) post_event(app, "copy", text);
    else ImGui::SetClipboardText(text.c_str());
    app.embed.copied = std::string(what) + " copied.";
}

}  // namespace

std::string share_link(const App& app) { return app.embed.page_url + "#" + encode_url_state(share_settings(app)); }

std::string share_iframe(const App& app) {
    Settings s = share_settings(app);
    s.embed = true;
    s.panels.clear();
    for (int i = 0; i < kSharePanels; ++i)
        if (app.embed.share_panels[i]) s.panels.push_back(kPanelNames[i]);
    if (app.embed.share_hide_settings) s.hide = {"hidden", "init", "init_scale", "optimizer", "lr", "momentum", "clip",
                                                 "batch", "min_bits", "max_bits", "curriculum", "restart_after", "seed"};
    const std::string src = app.embed.page_url + "#" + encode_url_state(s);
    return "<iframe src=\"" + html_escape(src) + "\" width=\"" + std::to_string(app.embed.share_w) + "\" height=\"" +
           std::to_string(app.embed.share_h) + "\" style=\"border:0\" title=\"Carry: a recurrent net learns binary addition\" loading=\"lazy\"></iframe>";
}

void share_dialog(App& app) {
    Embedding& e = app.embed;
    if (!e.share_open) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float fs = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x - 20.0f, fs * 40.0f), 0), ImGuiCond_Appearing);
    if (!ImGui::Begin("Share this experiment", &e.share_open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    ImGui::TextWrapped("The link opens exactly this experiment: the two numbers, every training setting and the "
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
    for (int i = 0; i < kSharePanels; ++i) {
        ImGui::SameLine();
        ImGui::Checkbox(kPanelNames[i], &e.share_panels[i]);
    }
    ImGui::Checkbox("hide the training settings", &e.share_hide_settings);
    tooltip("Readers see the net and the train button but cannot change how it is trained.");
    ImGui::SetNextItemWidth(fs * 8.0f);
    ImGui::InputInt("width", &e.share_w, 20, 100);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fs * 8.0f);
    ImGui::InputInt("height", &e.share_h, 20, 100);
    e.share_w = std::clamp(e.share_w, 300, 1600);
    e.share_h = std::clamp(e.share_h, 200, 1200);
    std::string code = share_iframe(app);
    ImGui::SetNextItemWidth(-fs * 7.0f);
    ImGui::InputText("##iframe", code.data(), code.size() + 1, ImGuiInputTextFlags_ReadOnly);
    ImGui::SameLine();
    if (ImGui::Button("Copy code")) copy_text(app, code, "<iframe> code");

    // Preview: the embed's size against a column of text, scaled to fit.
    const float avail = ImGui::GetContentRegionAvail().x;
    const float scale = std::min(0.5f, avail / static_cast<float>(e.share_w));
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 size(static_cast<float>(e.share_w) * scale, static_cast<float>(e.share_h) * scale);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(20, 24, 34, 255), 4.0f);
    dl->AddRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(79, 150, 247, 255), 4.0f);
    float y = p0.y + 6.0f;
    int shown = 0;
    for (int i = 0; i < kSharePanels; ++i)
        if (e.share_panels[i]) ++shown;
    const float band = shown > 0 ? (size.y - 12.0f) / static_cast<float>(shown) : 0.0f;
    for (int i = 0; i < kSharePanels; ++i) {
        if (!e.share_panels[i]) continue;
        dl->AddRectFilled(ImVec2(p0.x + 6, y), ImVec2(p0.x + size.x - 6, y + band - 4), IM_COL32(40, 56, 84, 255), 3.0f);
        dl->AddText(ImVec2(p0.x + 12, y + 2), IM_COL32(230, 232, 238, 255), kPanelNames[i]);
        y += band;
    }
    char label[48];
    std::snprintf(label, sizeof label, "%d × %d", e.share_w, e.share_h);
    dl->AddText(ImVec2(p0.x + size.x + 8, p0.y), IM_COL32(160, 166, 180, 255), label);
    ImGui::Dummy(size);
    if (!e.copied.empty()) ImGui::TextColored(ImVec4(0.55f, 0.80f, 1.0f, 1), "%s", e.copied.c_str());
    ImGui::End();
}

}  // namespace carry

namespace carry {

// [SECTION] model files --------------------------------------------------------------------------

void model_menu(App& app) {
    Playground& pg = app.playground;
    if (!ImGui::BeginMenu("Model")) return;
    if (ImGui::MenuItem("Download model", nullptr, false, pg.trainer != nullptr)) {
        const std::string text = model_to_json(model_from_trainer(*pg.trainer));
        if (app.embed.web) post_event(app, "download", Json{{"name", "carry-model.json"}, {"text", text}});
        else app.embed.model_path_open = true;
    }
    tooltip("Saves the net's weights, settings, seed and optimizer state as a JSON model file "
            "(the same text as the JavaScript API's saveModel()).");
    if (ImGui::MenuItem("Load model…")) {
        if (app.embed.web) post_event(app, "pick-model", "");
        else app.embed.model_path_open = true;
    }
    tooltip("Opens a JSON model file saved by Carry. A file that does not validate is refused with the "
            "reason, and the current net is kept.");
    ImGui::EndMenu();
}

bool model_save_path(App& app) {
    Playground& pg = app.playground;
    if (!pg.trainer) return false;
    const std::string err = save_model_file(app.embed.model_path, model_from_trainer(*pg.trainer));
    pg.notice = err.empty() ? std::string("Saved the model to ") + app.embed.model_path : err;
    pg.notice_is_error = !err.empty();
    return err.empty();
}

bool model_load_path(App& app) {
    Playground& pg = app.playground;
    Model m;
    std::string err = load_model_file(app.embed.model_path, m);
    if (err.empty() && m.net.config.hidden > kMaxApiHidden)
        err = "the playground shows at most " + std::to_string(kMaxApiHidden) + " hidden units";
    if (!err.empty()) {
        pg.notice = "Could not load the model (" + err.substr(0, 300) + "); the current net is kept.";
        pg.notice_is_error = true;
        return false;
    }
    load_model(pg, m);
    app.embed.solved_seen = pg.trainer->solved();
    return true;
}

void model_path_dialog(App& app) {
    Embedding& e = app.embed;
    Playground& pg = app.playground;
    if (!e.model_path_open) return;
    ImGui::SetNextWindowSize(ImVec2(460, 0), ImGuiCond_Appearing);
    if (ImGui::Begin("Model file", &e.model_path_open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22.0f);
        ImGui::InputText("file", e.model_path, sizeof e.model_path);
        tooltip("A path relative to the directory Carry was started in, or an absolute one.");
        if (ImGui::Button("Save")) model_save_path(app);
        ImGui::SameLine();
        if (ImGui::Button("Load")) model_load_path(app);
        if (!pg.notice.empty()) ImGui::TextWrapped("%s", pg.notice.c_str());
    }
    ImGui::End();
}

}  // namespace carry
