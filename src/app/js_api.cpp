// js_api: link and session at start-up, the JavaScript / postMessage API and its events. See js_api.h.
//
// [SECTION] events     [SECTION] start-up     [SECTION] API     [SECTION] per frame
#include "app/js_api.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "core/js_api_validate.h"
#include "core/model_file.h"
#include "core/url_state.h"

namespace carry {

using Json = nlohmann::ordered_json;

// [SECTION] events -------------------------------------------------------------------------------

namespace {

void post(App& app, Json j) {
    if (app.embed.web)
        app.embed.outbox.push_back(j.dump());
    else if (j.contains("event") && j["event"] == "log")
        std::fprintf(stderr, "carry: %s\n", j["detail"].get<std::string>().c_str());
}

std::string reply_error(long long id, const std::string& error) {
    return Json{{"id", id}, {"ok", false}, {"error", error}}.dump();
}

}  // namespace

void post_event(App& app, const char* name, Json detail) {
    post(app, Json{{"event", name}, {"detail", std::move(detail)}});
}

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
    lesson_link_state(app, s);  // a built-in lesson's step opens as the step sets it
    playground_apply(pg, s, true);
    // A preset is ready before the first frame (a trained net trains now, deterministically).
    if (s.preset != "fresh") playground_update(pg, 0.0);
}

void embed_hash_changed(App& app, const std::string& hash) {
    std::string rejected;
    playground_apply_link(app.playground, hash, &rejected);
    if (!rejected.empty()) {  // shown once the commands have run (a preset's notice would hide it)
        app.embed.start_notice = rejected;
        app.embed.start_notice_error = true;
        post_event(app, "log", "Carry: " + rejected);
    }
}

// [SECTION] API ----------------------------------------------------------------------------------

namespace {

Json metrics_json(const Playground& pg) {
    Json j;
    const Trainer* tr = pg.trainer.get();
    j["sequences"] = tr ? tr->sequences() : 0;
    j["solved"] = tr && tr->solved();
    j["restarts"] = tr ? tr->restarts() : 0;
    j["training"] = pg.live.training;
    j["loss"] = pg.live.last_step.loss;
    j["exact64"] = pg.meas.val_64.exact_accuracy;
    j["exact8"] = pg.meas.val_8.exact_accuracy;
    j["bitAccuracy"] = pg.meas.val_64.bit_accuracy;
    j["divergences"] = pg.live.divergences;
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

// null, or the lesson shown: {name, step, steps, title, stepTitle, errors, check, done, says}.
Json lesson_json(const LessonView& v) {
    if (v.name.empty()) return Json();
    Json errors = Json::array();
    for (const LessonError& e : v.errors) errors.push_back(describe_error(e));
    const int steps = static_cast<int>(v.lesson.steps.size());
    const bool shown = v.shown_step >= 1 && v.shown_step <= steps;
    const LessonStep* step = shown ? &v.lesson.steps[static_cast<std::size_t>(v.shown_step - 1)] : nullptr;
    return Json{{"name", v.name},
                {"step", v.shown_step},
                {"steps", steps},
                {"title", v.lesson.title},
                {"stepTitle", step ? step->title : ""},
                {"loading", v.waiting},
                {"errors", errors},
                {"check", step ? lesson_check_name(step->check) : ""},
                {"done", v.verdict.done},
                {"says", v.verdict.says}};
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
        n["sum"] = format_bits(pg.stepper->true_sum());    // the exact sum, MSB first
        n["answer"] = format_bits(pg.stepper->net_sum());  // the net's sum bits, as the add view shows them
        n["correct"] = pg.stepper->net_sum() == pg.stepper->true_sum();
        n["sumDecimal"] = decimal_string(pg.stepper->true_sum());
        n["answerDecimal"] = decimal_string(pg.stepper->net_sum());
        n["step"] = pg.anim.cursor;
        n["steps"] = pg.stepper->steps();
    }
    j["numbers"] = n;
    j["training"] = metrics_json(pg);
    j["animating"] = pg.anim.playing;
    j["notice"] = pg.notice;
    j["noticeIsError"] = pg.notice_is_error;
    j["embed"] = pg.link.embed;
    j["lesson"] = lesson_json(app.lesson);
    // What the theme, motion and text-size rows resolved to, and the font atlas built for them (issues 17, 18).
    const Appearance& look = app.look;
    j["appearance"] = {{"theme", theme_name(look.theme)},
                       {"reduceMotion", look.reduce_motion},
                       {"textScale", look.text_scale},
                       {"devicePixelRatio", look.content_scale},
                       {"fontPixels", look.font_pixels},
                       {"fontBuilds", look.font_builds},
                       {"atlas", Json::array({look.atlas_width, look.atlas_height})}};
    // Where the number fields and the train button were drawn (CSS pixels), for tests that click.
    auto rect = [](const UiRect& r) { return r.drawn ? Json::array({r.x0, r.y0, r.x1, r.y1}) : Json(); };
    j["ui"] = {{"numberA", rect(pg.drawn.rects.number_a)},
               {"numberB", rect(pg.drawn.rects.number_b)},
               {"train", rect(pg.drawn.rects.train_button)}};
    return j;
}

}  // namespace

std::string api_state_json(const App& app) { return state_json(app).dump(); }

std::string api_call(App& app, std::string_view request) {
    Playground& pg = app.playground;
    Embedding& e = app.embed;
    ApiCall c;
    if (const std::string err = parse_api_call(request, c); !err.empty()) {
        if (c.method == ApiMethod::LoadModel) playground_refuse_model(pg, err);  // say why, keep the net
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
            if (const std::string conflict = settings_conflict(s); !conflict.empty())
                return reply_error(c.id, "setState: " + conflict);
            playground_apply(pg, s, false);
            break;
        }
        case ApiMethod::SetNumbers: pg.commands.push_back(Command{CommandKind::SetNumbers, 0, c.a, c.b}); break;
        case ApiMethod::Step: pg.push(CommandKind::TrainStep); break;
        case ApiMethod::Play: pg.push(CommandKind::TrainPlay); break;
        case ApiMethod::Pause: pg.push(CommandKind::TrainPause); break;
        case ApiMethod::Reset: pg.push(CommandKind::TrainReset); break;
        case ApiMethod::LoadModel: {
            // Applied by playground_update; embed_update replies once it has been (LoadOutcome).
            const long long ticket = ++e.last_load_ticket;
            pg.commands.push_back(Command{CommandKind::LoadModel, 0, model_to_json(c.model), {}, ticket});
            e.loads.push_back({ticket, c.id});
            return Json{{"id", c.id}, {"pending", true}}.dump();
        }
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
    // Models loaded by this frame's commands (the API's and the Model menu's): a loaded net raises
    // no "solved" event; the API's loadModel calls get their reply.
    for (const LoadOutcome& o : pg.loads_applied) {
        if (o.error.empty()) e.solved_seen = pg.trainer->solved();
        const auto it = std::find_if(e.loads.begin(), e.loads.end(), [&](const auto& l) { return l.first == o.id; });
        if (it == e.loads.end()) continue;
        if (o.error.empty())
            post(app, Json{{"id", it->second}, {"ok", true}, {"result", state_json(app)}});
        else
            post(app, Json{{"id", it->second}, {"ok", false}, {"error", o.error}});
        e.loads.erase(it);
    }
    // Calls that waited for their commands to run (app_update has just applied them).
    for (long long id : e.after_frame) post(app, Json{{"id", id}, {"ok", true}, {"result", state_json(app)}});
    e.after_frame.clear();

    // train(n): a time budget per frame, so the page keeps drawing.
    if (!e.trains.empty() && pg.trainer) {
        Embedding::TrainJob& job = e.trains.front();
        if (job.done == 0 && job.seconds == 0.0) {
            job.start_sequences = pg.trainer->sequences();
            job.start_divergences = pg.live.divergences;
            job.start_solved = pg.trainer->solved();
        }
        const long long got = playground_train_some(pg, job.asked - job.done, kApiTrainBudgetMs);
        job.done += got;
        job.seconds += dt;
        const bool diverged = pg.live.divergences != job.start_divergences;
        const bool solved_now = !job.start_solved && pg.trainer->solved();
        if (job.done >= job.asked || diverged || solved_now || got == 0) {
            Json m = metrics_json(pg);
            m["trained"] = job.done;
            m["diverged"] = diverged;
            pg.stepper_dirty = true;
            if (diverged)
                post(app, Json{{"id", job.id}, {"ok", false}, {"error", pg.notice}, {"result", m}});
            else
                post(app, Json{{"id", job.id}, {"ok", true}, {"result", m}});
            e.trains.pop_front();
        }
    }

    // Events.
    const bool solved = pg.trainer && pg.trainer->solved();
    if (solved && !e.solved_seen) post_event(app, "solved", metrics_json(pg));
    e.solved_seen = solved;
    if (pg.live.divergences != e.divergences_seen) {
        post_event(app, "error", Json{{"message", pg.notice}, {"kind", "diverged"}});
        e.divergences_seen = pg.live.divergences;
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

}  // namespace carry
