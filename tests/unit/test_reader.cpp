// app/reader.h (issue 18, issue 17 item 1): what the page's parallel DOM hears and what it may do.
// Its buttons and inputs must act exactly as the canvas's (the same commands, the same hide=
// rules); its state must reach the page only on a change, never once per frame.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "app/activity.h"
#include "app/reader.h"
#include "headless_app.h"

using carry::CommandKind;
using carry::test::Headless;

namespace {

int posted(const carry::App& app, const std::string& event) {
    const std::string needle = "\"event\":\"" + event + "\"";
    return static_cast<int>(std::count_if(app.embed.outbox.begin(), app.embed.outbox.end(),
                                          [&](const std::string& m) { return m.find(needle) != std::string::npos; }));
}

void press_at(Headless& h, const carry::UiRect& r) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((r.x0 + r.x1) * 0.5f, (r.y0 + r.y1) * 0.5f);
    h.frame();
    io.MouseDown[0] = true;
    h.frame();
    io.MouseDown[0] = false;
    h.frame();
}

}  // namespace

TEST_CASE("[reader] the page's buttons and inputs queue the canvas's own commands, within hide=") {
    Headless h(1280, 800);
    h.frames(3);
    carry::Playground& pg = h.pg();
    const auto last = [&]() { return pg.commands.back().kind; };
    CHECK(carry::reader_command(h.app, "train"));
    CHECK(last() == CommandKind::TrainPlay);
    h.frame();
    REQUIRE(pg.live.training);
    CHECK(carry::reader_command(h.app, "train"));  // the same button pauses, as the toolbar's does
    CHECK(last() == CommandKind::TrainPause);
    CHECK(carry::reader_command(h.app, "step"));
    CHECK(last() == CommandKind::TrainStep);
    CHECK(carry::reader_command(h.app, "reset"));
    CHECK(last() == CommandKind::TrainReset);
    CHECK(carry::reader_command(h.app, "example"));
    CHECK(last() == CommandKind::LectureExample);
    CHECK(carry::reader_command(h.app, "random"));
    CHECK(last() == CommandKind::RandomNumbers);
    CHECK(carry::reader_command(h.app, "swap"));
    CHECK(last() == CommandKind::SwapNumbers);
    CHECK_FALSE(carry::reader_command(h.app, "load"));
    h.frame();

    // Blanks are dropped as the canvas's field drops them; a bad digit is kept, with the app's message.
    CHECK(carry::reader_set_number(h.app, 1, " 10 1\t1"));
    CHECK(carry::reader_set_number(h.app, 0, "10x1"));
    h.frame();
    CHECK(pg.b.text == "1011");
    CHECK(pg.a.text == "10x1");
    REQUIRE_FALSE(pg.a.parsed.ok());
    CHECK(carry::reader_state_json(h.app).find(pg.a.parsed.error) != std::string::npos);
    CHECK_FALSE(carry::reader_set_number(h.app, 2, "1"));

    // A link's hide= holds for the page's controls as for the canvas's.
    pg.link.hidden_controls = {"train", "numbers", "a"};
    CHECK_FALSE(carry::reader_command(h.app, "train"));
    CHECK_FALSE(carry::reader_command(h.app, "swap"));
    CHECK_FALSE(carry::reader_set_number(h.app, 0, "1"));
    CHECK(carry::reader_set_number(h.app, 1, "1"));
    CHECK(carry::reader_command(h.app, "step"));
}

TEST_CASE("[reader] the state reaches the page on a change only, at most every kReaderSeconds") {
    Headless h(1280, 800);
    h.app.embed.web = true;
    carry::Playground& pg = h.pg();
    pg.anim.playing = false;
    h.frames(3);
    CHECK(posted(h.app, "reader") >= 1);
    h.frame(1.0);  // whatever the first frames laid out has gone
    h.app.embed.outbox.clear();
    h.frames(30);  // nothing changes: nothing is sent, no frame is asked for
    CHECK(posted(h.app, "reader") == 0);
    CHECK(carry::reader_due(h.app) >= carry::kNoFrameDue);
    CHECK(carry::app_next_frame_in(h.app) >= carry::kNoFrameDue);

    h.frame(1.0);
    REQUIRE(carry::reader_set_number(h.app, 0, "111"));
    h.frame(0.01);  // applied and sent at once: the last message is more than kReaderSeconds old
    CHECK(posted(h.app, "reader") == 1);
    REQUIRE(carry::reader_set_number(h.app, 0, "1111"));
    h.frame(0.01);  // too soon: held back, and a frame is asked for when it may go
    CHECK(posted(h.app, "reader") == 1);
    const double due = carry::app_next_frame_in(h.app);
    CHECK(due > 0.0);
    CHECK(due <= carry::kReaderSeconds);
    h.frame(due);
    CHECK(posted(h.app, "reader") == 2);
    CHECK(h.app.embed.outbox.back().find("\"1111\"") != std::string::npos);
    CHECK(carry::reader_due(h.app) >= carry::kNoFrameDue);
}

TEST_CASE("[reader] on the desktop the number field edits in the canvas; ImGui claims Tab and Esc meanwhile") {
    Headless h(1280, 800);
    h.frames(3);
    REQUIRE(h.pg().drawn.rects.number_a.drawn);
    CHECK(carry::keyboard_claims() == 0);
    press_at(h, h.pg().drawn.rects.number_a);
    CHECK(ImGui::GetIO().WantTextInput);
    CHECK(carry::keyboard_claims() == 3);
}

TEST_CASE("[reader] on the web a click on a number field asks the page to focus its input; nothing is edited here") {
    Headless h(1280, 800);
    h.app.embed.web = true;
    h.pg().page_inputs.numbers = true;
    h.frames(3);
    h.app.embed.outbox.clear();
    press_at(h, h.pg().drawn.rects.number_b);
    CHECK(carry::keyboard_claims() == 0);  // the field let go at once
    CHECK(posted(h.app, "edit-number") == 1);
    CHECK(std::any_of(h.app.embed.outbox.begin(), h.app.embed.outbox.end(), [](const std::string& m) {
        return m.find("\"event\":\"edit-number\",\"detail\":\"b\"") != std::string::npos;
    }));
    h.frame();  // io.WantTextInput reports the frame before
    CHECK_FALSE(ImGui::GetIO().WantTextInput);
}
