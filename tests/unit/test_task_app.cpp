// Issue 19 in the playground, headless: a task picked by its setting (the Training panel's combo
// queues exactly that) starts a new net on it, the add view's targets and the hidden space's colours
// are the task's machine's, the automaton view compares with it, the designer refuses a broken
// machine with its reason and trains on a designed one, and Undo brings the adder back.
#if CARRY_HAS_APP

#include <doctest/doctest.h>

#include <set>
#include <string>

#include "app/app.h"
#include "app/hidden_space.h"
#include "app/inside.h"
#include "core/machine.h"
#include "headless_app.h"

using namespace carry;
using test::Headless;

namespace {

void set(Headless& h, const char* key, const std::string& value) {
    h.pg().commands.push_back(Command{CommandKind::SetSetting, 0, key, value});
    h.frame();
}

}  // namespace

TEST_CASE("[task-app] picking parity starts a new net on it, which learns it; Undo brings the adder back") {
    Headless h(1280, 800);
    h.frames(2);
    Playground& pg = h.pg();
    pg.push(CommandKind::TrainStep);  // a net with training in it: worth an undo (a fresh one is not)
    h.frame();
    const std::vector<double> adder_weights = pg.trainer->net().params;
    set(h, "task", "parity");
    CHECK(pg.settings.task.name == "parity");
    CHECK(pg.notice.find("parity") != std::string::npos);
    CHECK(pg.meas.history.size() <= 1);  // the curves start again for the new task
    // The add view's target row is parity's: the bit printed after each column of a.
    h.frame();
    REQUIRE(pg.stepper);
    CHECK(pg.stepper->true_sum() == task_targets(pg.settings.task, pg.pair));
    CHECK(pg.stepper->true_sum() != true_sum(pg.pair));  // the lecture's example: parity is not the sum
    pg.live.full_speed = true;
    pg.push(CommandKind::TrainPlay);
    int frames = 0;
    while (!pg.trainer->solved() && frames < 600) h.frame(), ++frames;
    MESSAGE("parity solved after " << frames << " frames, " << pg.trainer->sequences() << " sequences");
    REQUIRE(pg.trainer->solved());
    h.frame();
    CHECK(pg.notice.find("task parity") != std::string::npos);
    CHECK(pg.meas.history.exact_64.back() == doctest::Approx(1.0));
    pg.push(CommandKind::AnimSeek, 1000);
    h.frame();
    CHECK(pg.stepper->net_sum() == pg.stepper->true_sum());

    // Inside: the automaton read out of it is parity's two-state machine.
    inside_refresh_automaton(h.app.inside, pg);
    CHECK(h.app.inside.automaton.equivalent);
    CHECK(h.app.inside.automaton.states == 2);

    pg.push(CommandKind::Undo);
    h.frame();
    CHECK(is_add(pg.settings.task));
    CHECK(pg.trainer->net().params == adder_weights);
}

TEST_CASE("[task-app] the hidden space is coloured by the task's machine") {
    Headless h(1280, 800);
    h.frames(2);
    set(h, "task", "div3");
    const HiddenCloud c = hidden_cloud(h.pg().trainer->net(), 20, 12, 7, h.pg().settings.task);
    CHECK_FALSE(c.adder);
    CHECK(c.true_states == 3);
    CHECK(c.names.size() == 4);  // three remainders and the start
    std::set<int> seen(c.node.begin(), c.node.end());
    CHECK(seen == std::set<int>{0, 1, 2, 3});
    // h(0) of every sequence is the start; each later state is div3's after the columns so far.
    CHECK(c.node[0] == 3);
    CHECK(cloud_node_color(c, 0) != cloud_node_color(c, 1));
    CHECK(cloud_node_color(c, 3) == cloud_node_color(c, 3));
    // The adder's colours stay the adder's.
    const HiddenCloud a = hidden_cloud(h.pg().trainer->net(), 4, 8, 7, add_task());
    CHECK(a.adder);
    CHECK(cloud_node_color(a, 2) == node_color(2));
}

TEST_CASE("[task-app] the designer refuses a broken machine with its reason and trains on a designed one") {
    Headless h(1280, 800);
    h.frames(2);
    Playground& pg = h.pg();
    TaskDesigner& d = h.app.designer;
    d.open = true;
    task_designer_load(d, *find_task("div3"));
    h.frame();
    CHECK(d.problem.empty());
    CHECK(d.minimal_states == 3);
    CHECK(d.text == "div3");

    // A transition into a state that does not exist: refused, with the state named.
    d.machine.next[1][0] = 7;
    d.checked = false;
    d.from.clear();
    h.frame();
    CHECK_FALSE(d.problem.empty());
    CHECK(d.problem.find('7') != std::string::npos);
    CHECK(d.text.empty());  // nothing to train on
    CHECK(is_add(pg.settings.task));

    // A state nobody reaches: refused too.
    task_designer_load(d, *find_task("parity"));
    d.machine.printed.push_back(1);
    d.machine.next.push_back({0, 0});
    d.machine.state_names.emplace_back("lonely");
    d.from.clear();
    d.checked = false;
    h.frame();
    INFO(d.problem);
    CHECK(d.problem.find("reach") != std::string::npos);

    // A designed machine: "the number of 1s read is a multiple of 3" (three states, one input).
    Machine m;
    m.inputs = 1;
    m.start = 0;
    m.printed = {1, 0, 0};
    m.next = {{0, 1}, {1, 2}, {2, 0}};
    d.machine = m;
    d.from.clear();
    d.checked = false;
    h.frame();
    REQUIRE(d.problem.empty());
    CHECK(d.minimal_states == 3);
    CHECK(d.text != "");
    set(h, "task", d.text);
    CHECK(pg.settings.task.name.empty());
    CHECK(machines_equivalent(pg.settings.task.machine, m));
    // Its text form round-trips through a link.
    const std::optional<Task> back = parse_task(d.text);
    REQUIRE(back);
    CHECK(machines_equivalent(back->machine, m));

    // A hostile value from a link or the API: refused with a notice, the task kept.
    set(h, "task", "m1.9.%%%");
    CHECK(pg.notice_is_error);
    CHECK(machines_equivalent(pg.settings.task.machine, m));
}

#endif  // CARRY_HAS_APP
