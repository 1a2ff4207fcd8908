// lesson_view: loading a lesson, following its step, measuring its check. The panel is drawn by
// lesson_panel.cpp. See lesson_view.h.
#include "app/lesson_view.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/settings_snapshot.h"
#include "core/url_state.h"

namespace carry {

namespace {

// The built-in lessons' text, embedded at build time from web/lessons/ (src/app/CMakeLists.txt).
const char kLecture7[] =
#include "lessons_lecture7.inc"
    ;

// The state a step opens with: the defaults, the step's link, the lesson's own keys, and the
// frame's keys of `frame` (what the page was opened as: embed, hidden controls, origins, focus).
Settings step_state(const LessonView& v, int step, const Settings& frame) {
    Settings s = settings_defaults();
    decode_url_state(v.lesson.steps[static_cast<std::size_t>(step - 1)].link, s);  // validated by the parser
    s.lesson = v.name;
    s.lesson_step = step;
    s.embed = frame.embed;
    s.hide = frame.hide;
    s.allow = frame.allow;
    s.background = frame.background;
    s.focus = frame.focus;
    return s;
}

void parse_into(LessonView& v, std::string_view text) {
    v.lesson = parse_lesson(text, v.name, v.errors);
    v.waiting = false;
    v.shown_step = 0;
}

// Loads the lesson the link names: built in, or a file (fetched by the page, read on the desktop).
void load(App& app, LessonView& v, const std::string& name) {
    v = LessonView{};
    v.name = name;
    if (name.empty()) return;
    if (const char* text = builtin_lesson(name)) {
        parse_into(v, text);
        return;
    }
    if (app.embed.web) {
        v.waiting = true;
        v.fetch_path = name;
        post_event(app, "fetch-lesson", name);
        return;
    }
    std::ifstream in(name, std::ios::binary);
    if (!in) {
        v.errors = {{0, "could not read the lesson file " + quote_for_message(name, 80)}};
        return;
    }
    std::ostringstream text;
    text << in.rdbuf();
    parse_into(v, text.str());
}

void enter_step(App& app, LessonView& v, int step) {
    Playground& pg = app.playground;
    const Settings now = playground_snapshot(pg);
    const Settings s = step_state(v, step, now);
    const bool reset = encode_url_state(s, kSettingCli) != encode_url_state(now, kSettingCli);
    playground_apply(pg, s, reset);
    v.shown_step = step;
    v.divergences_at_step = pg.live.divergences;
}

}  // namespace

void lesson_measure(App& app) {
    LessonView& v = app.lesson;
    const Playground& pg = app.playground;
    LessonFacts& f = v.facts;
    f = LessonFacts{};
    if (pg.trainer) {
        f.solved = pg.trainer->solved();
        f.sequences = pg.trainer->sequences();
        f.hidden = pg.trainer->net().hidden();
    }
    f.exact8 = pg.meas.val_8.exact_accuracy;
    f.exact64 = pg.meas.val_64.exact_accuracy;
    f.sum_valid = pg.a.parsed.ok() && pg.b.parsed.ok() && pg.stepper;
    if (f.sum_valid) {
        f.sum_correct = pg.stepper->net_sum() == pg.stepper->true_sum();
        f.sum_bits = pg.stepper->columns();
    }
    // What the Inside view measured of this very net (nothing while it has not looked).
    const InsideView& in = app.inside;
    if (in.cloud_net == pg.net_generation && in.cloud_net != 0) f.clusters = in.clusters;
    if (in.has_automaton && in.automaton_net == pg.net_generation) {
        f.automaton_states = in.automaton.states;
        f.automaton_equivalent = in.automaton.equivalent;
    }
    f.divergences = pg.live.divergences - v.divergences_at_step;
    const int k = v.shown_step;
    v.verdict = k >= 1 && k <= static_cast<int>(v.lesson.steps.size())
                    ? lesson_check(v.lesson.steps[static_cast<std::size_t>(k - 1)].check, f)
                    : CheckVerdict{};
}

const char* builtin_lesson(std::string_view name) { return name == "lecture7" ? kLecture7 : nullptr; }

bool lesson_link_state(App& app, Settings& s) {
    LessonView& v = app.lesson;
    if (s.lesson.empty() || !builtin_lesson(s.lesson)) return false;
    load(app, v, s.lesson);
    if (v.lesson.steps.empty()) return false;
    const int step = std::clamp(s.lesson_step, 1, static_cast<int>(v.lesson.steps.size()));
    s = step_state(v, step, s);
    v.shown_step = step;
    return true;
}

void lesson_provide_text(App& app, const std::string& path, const std::string& text, const std::string& error) {
    LessonView& v = app.lesson;
    if (!v.waiting || path != v.name) return;  // an answer for a lesson no longer asked for
    if (!error.empty()) {
        v.waiting = false;
        v.errors = {{0, "could not load " + quote_for_message(path, 80) + ": " + error}};
        return;
    }
    parse_into(v, text);
}

void lesson_update(App& app) {
    LessonView& v = app.lesson;
    Playground& pg = app.playground;
    if (v.request_close) {
        pg.link.lesson.clear();
        pg.link.lesson_step = 1;
        if (pg.link.focus == "lesson") pg.link.focus = "none";
    }
    if (v.request_step > 0) pg.link.lesson_step = v.request_step;
    if (!v.request_link.empty()) {
        std::string rejected;
        playground_apply_link(pg, v.request_link, &rejected);
        if (!rejected.empty()) {
            pg.notice = rejected;
            pg.notice_is_error = true;
        }
    }
    v.request_close = false;
    v.request_step = 0;
    v.request_link.clear();

    if (pg.link.lesson != v.name) load(app, v, pg.link.lesson);
    const int steps = static_cast<int>(v.lesson.steps.size());
    if (!v.waiting && steps > 0) {
        pg.link.lesson_step = std::clamp(pg.link.lesson_step, 1, steps);
        if (pg.link.lesson_step != v.shown_step) enter_step(app, v, pg.link.lesson_step);
    }
}

}  // namespace carry
