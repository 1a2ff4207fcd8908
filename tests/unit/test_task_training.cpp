// Issue 19 downstream of the machine: batches, training, evaluation, extraction and model files on
// tasks other than add. The sizes are docs/tasks.md's measured ones (parity: 3 hidden units, div3:
// 5); the seeds are fixed and each run takes a few hundredths of a second natively.
#include <doctest/doctest.h>

#include <string>

#include "core/automaton.h"
#include "core/bptt.h"
#include "core/eval.h"
#include "core/model_file.h"
#include "core/task_measurements.h"
#include "core/stepper.h"
#include "core/trainer.h"
#include "core/zoo/runner.h"

using namespace carry;

TEST_CASE("[tasks] a task's batch: the adder's draws, b dropped for one input, the machine's targets") {
    for (const Task& task : task_library()) {
        CAPTURE(task.name);
        Rng r1(11), r2(11);
        Batch batch;
        batch_random(batch, r1, 5, 13, task);
        for (int b = 0; b < 5; ++b) {
            const Pair p = random_task_pair(task, r2, 13);
            const BitVector want = task_targets(task, p);
            for (int t = 0; t < batch.T; ++t) {
                CHECK(batch.x[static_cast<std::size_t>((t * 2 + 0) * 5 + b)] == column_a(p, t));
                CHECK(batch.x[static_cast<std::size_t>((t * 2 + 1) * 5 + b)] == column_b(p, t));
                CHECK(batch.target[static_cast<std::size_t>(t * 5 + b)] == want[static_cast<std::size_t>(t)]);
            }
        }
        CHECK(r1.next_u64() == r2.next_u64());  // the same RNG calls
    }
}

TEST_CASE("[tasks] training solves parity (H=3) and div3 (H=5); extraction finds the minimal machine") {
    struct Case {
        const char* task;
        int hidden;
        std::uint64_t seed;
    };
    for (const Case c : {Case{"parity", 3, 1}, Case{"parity", 3, 2}, Case{"div3", 5, 1}, Case{"div3", 5, 2}}) {
        const std::string name = c.task;
        CAPTURE(name);
        CAPTURE(c.seed);
        TrainConfig config;
        config.task = *find_task(c.task);
        config.net.hidden = c.hidden;
        const SolveResult r = train_until_solved(config, c.seed, 40000);
        REQUIRE(r.solved);
        MESSAGE(name << " H=" << c.hidden << " seed " << c.seed << ": solved after " << r.sequences << " sequences");
        // Solved means the task's targets, not the adder's.
        CHECK(evaluate(r.net, 64, 200, 5, config.task).exact_accuracy == 1.0);
        CHECK(evaluate(r.net, 64, 200, 5, add_task()).exact_accuracy < 0.5);
        CHECK(evaluate(r.net, 512, 50, 6, config.task).exact_accuracy == 1.0);  // far longer than trained on
        AutomatonOptions ao;
        ao.task = config.task;
        const AutomatonResult a = extract_automaton(r.net, ao);
        CHECK(a.equivalent);
        CHECK(a.states == task_minimal_machine(config.task).states());
        CHECK(a.true_names.size() == static_cast<std::size_t>(task_minimal_machine(config.task).states() + 1));
        // Every node's hidden states sit at one state of the true machine.
        for (const AutomatonNode& n : a.nodes) CHECK(n.adder_purity > 0.99);
        // The same net judged against another machine is not equivalent, with a counterexample.
        AutomatonOptions other = ao;
        other.task = *find_task(std::string(c.task) == "parity" ? "delay2" : "parity");
        const AutomatonResult b = extract_automaton(r.net, other);
        CHECK(!b.equivalent);
        CHECK(!b.counterexample.empty());
    }
}

TEST_CASE("[tasks] an untrained net is not the machine; extraction says so") {
    TrainConfig config;
    config.task = *find_task("div3");
    const Trainer fresh(config, 1);
    AutomatonOptions ao;
    ao.task = config.task;
    CHECK(!extract_automaton(fresh.net(), ao).equivalent);
}

TEST_CASE("[tasks] model files carry the task; old files mean add; a bad task is refused with its reason") {
    TrainConfig config;
    config.task = *find_task("times3");
    Trainer trainer(config, 3);
    trainer.step(4);
    const std::string text = model_to_json(model_from_trainer(trainer));
    CHECK(text.find("\"task\": \"times3\"") != std::string::npos);
    Model back;
    REQUIRE(model_from_json(text, back) == "");
    CHECK(back.config.task.name == "times3");
    // A designed machine travels as its table.
    config.task = *parse_task("m1.1.0.001.110");
    Trainer designed(config, 3);
    const std::string table = model_to_json(model_from_trainer(designed));
    REQUIRE(model_from_json(table, back) == "");
    CHECK(back.config.task.name == "");
    CHECK(machines_equivalent(back.config.task.machine, find_task("parity")->machine));
    // The adder's file has no task field (as before issue 19) and loads as add.
    const std::string adder = model_to_json(model_from_trainer(Trainer(TrainConfig{}, 3)));
    CHECK(adder.find("\"task\"") == std::string::npos);
    REQUIRE(model_from_json(adder, back) == "");
    CHECK(is_add(back.config.task));
    // Corrupted.
    std::string bad = text;
    bad.replace(bad.find("\"times3\""), 8, "\"m1.1.0.0\"");
    const std::string err = model_from_json(bad, back);
    CHECK(err.find("config.training.task") != std::string::npos);
    CHECK(err.find("bad encoded machine") != std::string::npos);
    bad = text;
    bad.replace(bad.find("\"times3\""), 8, "\"times4\"");
    CHECK(model_from_json(bad, back).find("unknown task \"times4\"") != std::string::npos);
}

TEST_CASE("[tasks] the recorded measurements match the library and are measured at their size") {
    REQUIRE(task_measurements().size() == task_library().size());
    for (std::size_t i = 0; i < task_library().size(); ++i) {
        const Task& t = task_library()[i];
        const TaskMeasurement& m = task_measurements()[i];
        CAPTURE(t.name);
        CHECK(t.name == m.task);
        CHECK(m.inputs == t.machine.inputs);
        CHECK(m.states == task_minimal_machine(t).states());
        CHECK(m.solved >= kTaskMeasureNeed);
        CHECK(m.solved <= kTaskMeasureSeeds);
        CHECK(m.extracted_minimal <= m.solved);
        CHECK(find_task_measurement(t.name) == &m);
    }
    CHECK(find_task_measurement("") == nullptr);
    // Seed 1 of the recorded size solves within the budget (the cheap ones: under 0.1 s each).
    for (const char* name : {"greater", "delay2", "delay3"}) {
        const TaskMeasurement& m = *find_task_measurement(name);
        TrainConfig config;
        config.task = *find_task(name);
        config.net.hidden = m.hidden;
        CHECK(train_until_solved(config, 1, kTaskMeasureBudget).solved);
    }
}

TEST_CASE("[tasks] the zoo on another task: the RNN and the LSTM learn it, the adder-only models do not run") {
    zoo::ZooConfig c;  // the full budgets: the RNN needs more than the quick config's for parity
    c.task = *find_task("parity");
    c.test_bits = {8, 64};
    zoo::ZooRunner runner(c);
    runner.run_all();
    REQUIRE(runner.results().size() == 2);
    CHECK(runner.results()[0].name == "RNN");
    CHECK(runner.results()[1].name == "LSTM");
    CHECK(zoo::zoo_skipped_models(c.task).size() == 5);
    CHECK(zoo::zoo_skipped_models(add_task()).empty());
    for (const zoo::ModelResult& r : runner.results()) {
        CAPTURE(r.name);
        CHECK(r.exact_by_bits[1] == 1.0);  // parity's targets, not the sums: an adder would fail them
        CHECK(!r.reach_scored);            // carry reach is the adder's
    }
    // Scored against parity, not against the sums: the trained RNN is no adder.
    Rng rng(4);
    const Pair p = random_task_pair(c.task, rng, 64);
    const auto got = runner.model(0).add(p);
    REQUIRE(got);
    CHECK(*got == task_targets(c.task, p));
}

TEST_CASE("[tasks] the stepper shows the task's targets and drops b for a one-input task") {
    const Task& parity = *find_task("parity");
    const Net net = net_init(NetConfig{}, 3);
    const Pair p = make_pair({1, 0, 1, 1}, {1, 1, 0, 0});
    const Stepper st(net, p, LossConfig{}, parity);
    CHECK(st.true_sum() == BitVector{1, 1, 0, 1, 1});  // the parity after each column, pad included
    for (int s = 0; s < st.steps(); ++s) {
        CHECK(st.frame(s).b == 0);
        if (st.frame(s).column >= 0)
            CHECK(st.frame(s).target == st.true_sum()[static_cast<std::size_t>(st.frame(s).column)]);
    }
    // The adder's stepper is unchanged: its targets are the sum.
    CHECK(Stepper(net, p).true_sum() == true_sum(p));
}
