// reader: the app's side of the page's parallel DOM. See reader.h.
#include "app/reader.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/activity.h"
#include "app/app.h"
#include "core/binary_text.h"
#include "imgui.h"
#include "imgui_internal.h"  // the nav layer, for keyboard_claims()

namespace carry {

using Json = nlohmann::ordered_json;

namespace {

// The toolbar's status in its own words; while training, the figures of the last measurement
// (the live count would change the text every frame).
std::string status_words(const Playground& pg) {
    const Trainer* tr = pg.trainer.get();
    long long sums = tr ? tr->sequences() : 0;
    if (pg.live.training && !pg.meas.history.sequences.empty())
        sums = static_cast<long long>(pg.meas.history.sequences.back());
    if (!tr || tr->sequences() == 0) return "Untrained: its bits are guesses. Press Train!";
    char buf[128];
    std::snprintf(buf, sizeof buf, "%s%lld sums trained", tr->solved() ? "Solved. " : "", sums);
    std::string s = buf;
    if (!pg.meas.history.sequences.empty()) {
        std::snprintf(buf, sizeof buf, " · exact on 64-bit sums %.0f%%", 100.0 * pg.meas.val_64.exact_accuracy);
        s += buf;
    }
    return s;
}

// The add view's verdict, in its words (it shows it once the cursor reaches the last step).
std::string verdict_words(const Stepper& st) {
    int wrong = 0;
    for (std::size_t i = 0; i < st.true_sum().size(); ++i) wrong += st.net_sum()[i] != st.true_sum()[i];
    char buf[64];
    if (wrong == 0) return "The net's sum " + format_bits(st.net_sum()) + " is right.";
    std::snprintf(buf, sizeof buf, " has %d wrong bit%s.", wrong, wrong == 1 ? "" : "s");
    return "The net's sum " + format_bits(st.net_sum()) + buf;
}

Json rect_json(const UiRect& r) { return r.drawn ? Json::array({r.x0, r.y0, r.x1, r.y1}) : Json(); }

Json number_json(const NumberField& f) {
    Json j{{"text", f.text}};
    if (f.parsed.ok())
        j["decimal"] = f.decimal;
    else
        j["error"] = f.parsed.error;
    return j;
}

}  // namespace

std::string reader_state_json(const App& app) {
    const Playground& pg = app.playground;
    Json j;
    j["a"] = number_json(pg.a);
    j["b"] = number_json(pg.b);
    if (const Stepper* st = pg.stepper.get()) {
        j["sum"] = format_bits(st->true_sum());
        j["answer"] = format_bits(st->net_sum());
        j["correct"] = st->net_sum() == st->true_sum();
        j["verdict"] = verdict_words(*st);
        j["step"] = step_description(pg, pg.anim.cursor);
        j["atEnd"] = pg.anim.cursor >= st->steps() - 1;
    }
    j["playing"] = pg.anim.playing;
    j["training"] = pg.live.training;
    j["solved"] = pg.trainer && pg.trainer->solved();
    j["status"] = status_words(pg);
    j["notice"] = pg.notice;
    // What a link's hide= leaves (the page hides the same buttons; a hidden field is read-only).
    const auto hidden = [&](const char* c) { return pg.hides(c); };
    j["hide"] = {{"a", hidden("a")},         {"b", hidden("b")},       {"numbers", hidden("numbers")},
                 {"train", hidden("train")}, {"step", hidden("step")}, {"reset", hidden("reset")}};
    // Where the canvas drew the number fields (CSS pixels): a tap there focuses the page's input.
    j["rects"] = {{"a", rect_json(pg.drawn.rects.number_a)}, {"b", rect_json(pg.drawn.rects.number_b)}};
    return j.dump();
}

void reader_update(App& app, double dt) {
    Playground& pg = app.playground;
    ReaderFeed& f = app.reader;
    if (pg.page_inputs.focus >= 0) {
        post_event(app, "edit-number", pg.page_inputs.focus == 0 ? "a" : "b");
        pg.page_inputs.focus = -1;
    }
    if (!app.embed.web) return;  // the desktop has no page to mirror into
    f.since_sent += dt;
    std::string text = reader_state_json(app);
    f.held = text != f.last_sent && f.since_sent < kReaderSeconds;  // sent with a later frame (reader_due)
    if (text == f.last_sent || f.held) return;
    f.since_sent = 0.0;
    f.last_sent = std::move(text);
    post_event(app, "reader", Json::parse(f.last_sent));
}

double reader_due(const App& app) {
    const ReaderFeed& f = app.reader;
    return f.held ? std::max(0.0, kReaderSeconds - f.since_sent) : kNoFrameDue;
}

bool reader_command(App& app, std::string_view name) {
    Playground& pg = app.playground;
    if (name == "train" && !pg.hides("train"))
        pg.push(pg.live.training ? CommandKind::TrainPause : CommandKind::TrainPlay);
    else if (name == "step" && !pg.hides("step"))
        pg.push(CommandKind::TrainStep);
    else if (name == "reset" && !pg.hides("reset"))
        pg.push(CommandKind::TrainReset);
    else if (name == "example" && !pg.hides("numbers"))
        pg.push(CommandKind::LectureExample);
    else if (name == "random" && !pg.hides("numbers"))
        pg.push(CommandKind::RandomNumbers, 0);
    else if (name == "swap" && !pg.hides("numbers"))
        pg.push(CommandKind::SwapNumbers);
    else
        return false;
    return true;
}

bool reader_set_number(App& app, int which, std::string_view text) {
    Playground& pg = app.playground;
    if ((which != 0 && which != 1) || pg.hides(which == 0 ? "a" : "b")) return false;
    std::string t;
    for (char c : text)
        if (c != ' ' && c != '\t') t += c;  // ImGuiInputTextFlags_CharsNoBlank, as in the canvas
    pg.commands.push_back(Command{CommandKind::SetNumber, which, t, {}});  // as the canvas's field queues it
    return true;
}

int keyboard_claims() {
    const ImGuiContext* g = ImGui::GetCurrentContext();
    if (!g) return 0;
    // A text being edited now (io.WantTextInput lags a frame behind).
    const bool text = g->ActiveId != 0 && g->ActiveId == g->InputTextState.ID;
    const bool esc = text || ImGui::IsAnyItemActive() || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup) ||
                     g->NavLayer != ImGuiNavLayer_Main;
    return (text ? 1 : 0) | (esc ? 2 : 0);
}

}  // namespace carry
