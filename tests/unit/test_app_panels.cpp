// The playground's panels, headless: ImGui with no window and no GPU (as ImGui's example_null
// does), driven frame by frame through the same app_frame/app_update the platforms call.
#if CARRY_HAS_APP

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/embed.h"
#include "headless_app.h"
#include "imgui.h"

using namespace carry;

namespace {

using test::Headless;

double max_abs_weight(const Net& net) {
  double m = 0;
  for (double w : net.params) m = std::max(m, std::fabs(w));
  return m;
}

}  // namespace

TEST_CASE("[app] starts on the lecture's example, laid out in columns") {
  Headless h(1280, 800);
  h.frames(3);
  Playground& pg = h.pg();
  CHECK(pg.a.text == "00110100");
  CHECK(pg.b.text == "01001101");
  CHECK(decimal_string(pg.a.parsed.bits) == "52");
  CHECK(decimal_string(pg.b.parsed.bits) == "77");
  REQUIRE(pg.stepper);
  CHECK(pg.stepper->columns() == 9);           // 8 columns + the zero pad column
  CHECK(pg.stepper->steps() == 11);            // steps 0 .. T+1
  CHECK(format_bits(pg.stepper->true_sum()) == "010000001");  // 52 + 77 = 129
  CHECK(pg.stepper->frame(0).a == 0);          // column 0 = the rightmost bits: 0 and 1
  CHECK(pg.stepper->frame(0).b == 1);
  CHECK(pg.stepper->frame(2).column == 0);     // the output at step 2 is column 0's sum bit
  CHECK(step_description(pg, 2).find("sum bit 0") != std::string::npos);
  CHECK(decimal_string(bits_from_uint(0, 1)) == "0");
  CHECK(decimal_string(parse_binary("1" + std::string(70, '0')).bits) == "1180591620717411303424");  // 2^70
}

TEST_CASE("[app] queued commands change the state") {
  Headless h(1280, 800);
  h.frames(2);
  Playground& pg = h.pg();

  SUBCASE("numbers") {
    pg.push(CommandKind::SwapNumbers);
    h.frame();
    CHECK(pg.a.text == kLectureB);
    CHECK(pg.b.text == kLectureA);
    pg.push(CommandKind::RandomNumbers, 32);
    h.frame();
    CHECK(pg.pair.bits() == 32);
    CHECK(pg.stepper->columns() == 33);
    pg.push(CommandKind::LectureExample);
    h.frame();
    CHECK(pg.a.text == kLectureA);
    pg.commands.push_back(Command{CommandKind::SetNumbers, 0, "0b1_1", "1"});
    h.frame();
    CHECK(pg.pair.bits() == 2);
    CHECK(format_bits(pg.stepper->true_sum()) == "100");
  }
  SUBCASE("animation") {
    pg.push(CommandKind::AnimSeek, 5);
    h.frame();
    CHECK(pg.cursor == 5);
    CHECK_FALSE(pg.playing);
    pg.push(CommandKind::AnimStep, -1);
    h.frame();
    CHECK(pg.cursor == 4);
    pg.push(CommandKind::AnimSeek, 1000);
    h.frame();
    CHECK(pg.cursor == pg.stepper->steps() - 1);
    pg.push(CommandKind::AnimPlay);
    h.frames(30);  // 0.5 s at 2 steps/s: one step from the start
    CHECK(pg.playing);
    CHECK(pg.cursor >= 0);
    CHECK(pg.cursor <= 2);
  }
  SUBCASE("training step and reset replay") {
    pg.push(CommandKind::TrainStep);
    h.frame();
    CHECK(pg.trainer->sequences() == pg.settings.batch);
    const std::vector<double> after_one = pg.trainer->net().params;
    pg.push(CommandKind::TrainReset);
    pg.push(CommandKind::TrainStep);
    h.frame();
    CHECK(pg.trainer->sequences() == pg.settings.batch);
    CHECK(pg.trainer->net().params == after_one);  // same seed, same settings: same run
  }
  SUBCASE("settings") {
    pg.pending_settings.net.hidden = 5;
    pg.push(CommandKind::ApplySettings);
    h.frame();
    CHECK(pg.trainer->net().hidden() == 5);
    CHECK(pg.stepper->net().hidden() == 5);
    pg.pending_settings.net.hidden = 99;  // out of range: clamped, never reaches the core as is
    pg.push(CommandKind::ApplySettings);
    h.frame();
    CHECK(pg.trainer->net().hidden() == 16);
    pg.pending_settings.optim.lr = std::nan("");
    pg.push(CommandKind::ApplySettings);
    h.frame();
    CHECK(std::isfinite(pg.trainer->config().optim.lr));
  }
}

TEST_CASE("[app] invalid number text never reaches the core and shows the error") {
  Headless h(800, 500);
  h.frames(2);
  Playground& pg = h.pg();
  const Pair before = pg.pair;
  for (const std::string bad : {std::string("0012"), std::string(""), std::string("0b"), std::string("1 0"),
                                std::string("\xff\xfe"), std::string(10000, '1'), std::string("-101")}) {
    CAPTURE(bad.substr(0, 20));
    pg.commands.push_back(Command{CommandKind::SetNumbers, 0, bad, "1"});
    h.frames(2);
    CHECK_FALSE(pg.a.parsed.ok());
    CHECK_FALSE(pg.a.parsed.error.empty());
    CHECK(pg.pair.a == before.a);  // the last valid sum stays
    CHECK(pg.stepper->columns() == before.bits() + 1);
  }
  pg.commands.push_back(Command{CommandKind::SetNumbers, 0, "0012", "1"});
  h.frame();
  CHECK(pg.a.parsed.error.find('2') != std::string::npos);  // names the offending character
  pg.commands.push_back(Command{CommandKind::SetNumbers, 0, "101", "1"});
  h.frame();
  CHECK(pg.a.parsed.ok());
  CHECK(pg.pair.bits() == 3);
}

TEST_CASE("[app] training from the UI reaches solved within a frame budget") {
  Headless h(1280, 800);
  Playground& pg = h.pg();
  SUBCASE("full speed: in a blink") {
    pg.train_full_speed = true;
    pg.push(CommandKind::TrainPlay);
    int frames = 0;
    while (!pg.trainer->solved() && frames < 300) h.frame(), ++frames;
    MESSAGE("full speed: solved after " << frames << " frames, " << pg.trainer->sequences() << " sums");
    CHECK(pg.trainer->solved());
    h.frame();
    CHECK_FALSE(pg.training);  // pauses itself, with the news
    CHECK(pg.notice.find("Solved") != std::string::npos);
    CHECK(pg.history.size() >= 2);
    CHECK(pg.history.exact_64.back() == doctest::Approx(1.0));
    pg.push(CommandKind::AnimSeek, 1000);
    h.frame();
    CHECK(pg.stepper->net_sum() == pg.stepper->true_sum());  // the lecture's sum, added right
  }
  SUBCASE("default speed: watchable, about half a minute at 60 fps") {
    pg.push(CommandKind::TrainPlay);
    int frames = 0;
    while (!pg.trainer->solved() && frames < 2400) h.frame(), ++frames;
    MESSAGE("default speed: solved after " << frames << " frames (" << frames / 60.0 << " s at 60 fps)");
    CHECK(pg.trainer->solved());
    CHECK(frames >= 600);    // not over before a newcomer can see it
    CHECK(frames <= 2400);   // nor longer than 40 s
  }
}

TEST_CASE("[app] a diverging run is caught, reported, and the last good weights kept") {
  Headless h(1280, 800);
  h.frames(2);
  Playground& pg = h.pg();
  pg.pending_settings.optim.lr = 1e6;
  pg.push(CommandKind::ApplySettings);
  pg.push(CommandKind::TrainPlay);
  h.frames(30);
  CHECK_FALSE(pg.training);
  CHECK(pg.divergences >= 1);
  CHECK(pg.notice_is_error);
  CHECK(pg.notice.find("diverged") != std::string::npos);
  CHECK(pg.notice.find("lower learning rate") != std::string::npos);
  CHECK(max_abs_weight(pg.trainer->net()) <= kDivergedWeightLimit);
  for (double w : pg.trainer->net().params) CHECK(std::isfinite(w));
  // Lower the rate and go on: training resumes and the notice goes.
  pg.pending_settings.optim.lr = 0.1;
  pg.push(CommandKind::ApplySettings);
  pg.push(CommandKind::TrainPlay);
  h.frames(10);
  CHECK(pg.training);
  CHECK(pg.notice.empty());
}

TEST_CASE("[app] the first screen shows the numbers, the sum and the train button without scrolling") {
  for (const ImVec2 size : {ImVec2(1280, 800), ImVec2(800, 500)}) {
    CAPTURE(size.x);
    Headless h(size.x, size.y);
    h.frames(3);
    const UiRects& r = h.pg().rects;
    for (const UiRect* rect : {&r.number_a, &r.number_b, &r.columns, &r.train_button}) {
      REQUIRE(rect->drawn);
      CHECK(rect->x0 >= 0);
      CHECK(rect->y0 >= 0);
      CHECK(rect->x1 <= size.x);
      CHECK(rect->y1 <= size.y);
    }
    if (size.x >= 1280) {
      CHECK(r.network.drawn);
      CHECK(r.network.y1 <= size.y);  // the net's figure too, on a laptop screen
    }
  }
}

TEST_CASE("[app] a link's hide list takes away exactly the controls it names") {
  // Issue 6: hide=seed,optimizer,... for course notes. Every key the settings table lists as
  // hideable, when named, is not drawn (a and b stay visible, read-only); none is lost otherwise.
  const std::vector<std::string> keys = {"a", "b", "numbers", "hidden", "init", "init_scale", "optimizer",
                                         "lr", "momentum", "clip", "batch", "min_bits", "max_bits",
                                         "curriculum", "seed", "speed", "train_speed", "train", "step", "reset"};
  Headless h(1280, 1400);  // tall: every panel fits, unfolded
  h.frames(3);
  auto drawn = [&](const std::string& k) {
    const auto& d = h.pg().controls_drawn;
    return std::find(d.begin(), d.end(), k) != d.end();
  };
  for (const std::string& k : keys) CHECK_MESSAGE(drawn(k), k);

  Settings s = playground_snapshot(h.pg());
  s.hide = {"seed", "optimizer", "speed", "train_speed", "numbers"};
  playground_apply(h.pg(), s, false);
  h.frames(3);
  for (const std::string& k : keys) CHECK_MESSAGE(drawn(k) == !list_has(s.hide, k), k);

  s.hide = keys;
  playground_apply(h.pg(), s, false);
  h.frames(3);
  CHECK(h.pg().controls_drawn.empty());
  CHECK(h.pg().a.text == "00110100");  // still there, just not editable
}

TEST_CASE("[app] a link's panels list opens the Models window, and the menu's choice goes back into it") {
  Headless h(1280, 800);
  h.frames(2);
  CHECK_FALSE(h.app.models.open);
  Settings s = playground_snapshot(h.pg());
  CHECK_FALSE(list_has(s.panels, "models"));
  s.panels.emplace_back("models");
  playground_apply(h.pg(), s, false);
  h.frames(2);
  CHECK(h.app.models.open);
  CHECK(list_has(playground_snapshot(h.pg()).panels, "models"));  // the hash keeps it
  s.panels.pop_back();
  playground_apply(h.pg(), s, false);
  h.frames(2);
  CHECK_FALSE(h.app.models.open);
}

TEST_CASE("[app] tiny and huge viewports, long numbers, resizes: no crash") {
  Headless h(1280, 800);
  Playground& pg = h.pg();
  pg.push(CommandKind::RandomNumbers, 256);
  pg.train_full_speed = true;
  pg.push(CommandKind::TrainPlay);
  for (const ImVec2 size : {ImVec2(320, 240), ImVec2(120, 90), ImVec2(3840, 2160), ImVec2(800, 500)}) {
    ImGui::GetIO().DisplaySize = size;
    h.frames(5);
  }
  CHECK(pg.stepper->columns() == 257);
  pg.pending_settings.net.hidden = 16;
  pg.push(CommandKind::ApplySettings);
  h.frames(5);
  CHECK(pg.stepper->net().hidden() == 16);
}

#endif  // CARRY_HAS_APP
