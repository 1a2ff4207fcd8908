// scenarios: named states of the playground for tests and screenshots (test support, not shipped:
// the desktop and browser tests reach them through the test build's hooks, the unit tests
// directly). See scenarios.h.
#include "scenarios.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>

#include "app/app.h"

namespace carry {

namespace {

// The Models window opens through the panels list (the URL's `panels`), as the menu does.
void show_models(Playground& pg) {
    if (std::find(pg.link.panels.begin(), pg.link.panels.end(), "models") == pg.link.panels.end())
        pg.link.panels.emplace_back("models");
}

}  // namespace

bool inside_scenario(InsideView& v, Playground& pg, const std::string& name) {
    static const char* const kNames[] = {"inside-space", "inside-automaton", "inside-backprop", "inside-gradients",
                                         "inside-baseline"};
    std::string base = name;
    bool fresh = false;
    if (base.size() > 6 && base.compare(base.size() - 6, 6, "-fresh") == 0) {
        fresh = true;
        base.resize(base.size() - 6);
    }
    int tab = -1;
    for (int t = 0; t < 5; ++t)
        if (base == kNames[t]) tab = t;
    if (base == "inside-broken-shader") {
        tab = 0;
        v.inject_shader_error = true;
    }
    if (base == "inside-10k") {
        tab = 0;
        v.orbit.auto_rotate = true;
    }
    if (tab < 0) return false;
    pg.push(CommandKind::LectureExample);
    playground_update(pg, 0.0);
    if (!fresh) playground_train_until_solved(pg, 400000);
    pg.push(CommandKind::AnimSeek, 6);
    pg.requests.close_network = true;
    v.request_open = true;
    v.request_tab = tab;
    if (tab == static_cast<int>(InsideTab::Backprop)) {  // halfway through the backward pass
        playground_update(pg, 0.0);
        inside_sync_bptt(v, pg);
        if (v.bptt) v.bptt_cursor = v.bptt->steps() + v.bptt->steps() / 2;
    }
    if (tab == static_cast<int>(InsideTab::Baseline)) v.baseline_state = 1;
    return true;
}

bool app_scenario(App& app, const std::string& name) {
    Playground& pg = app.playground;
    if (name == "lecture") {
        pg.push(CommandKind::LectureExample);
    } else if (name == "training") {
        pg.push(CommandKind::LectureExample);
        pg.push(CommandKind::TrainPlay);
    } else if (name == "full-speed") {
        pg.live.full_speed = true;
        pg.push(CommandKind::TrainPlay);
    } else if (name == "stress") {
        // The heaviest training the settings allow: 16 hidden units, sums up to 64 bits, full speed.
        pg.pending_settings.net.hidden = 16;
        pg.pending_settings.max_bits = 64;
        pg.pending_settings.curriculum = false;
        pg.pending_settings.validate_every = 0;  // never solved, never restarted: trains every frame
        pg.pending_settings.restart_after = 0;
        pg.push(CommandKind::ApplySettings);
        pg.live.full_speed = true;
        pg.push(CommandKind::TrainPlay);
    } else if (name == "solved") {
        pg.push(CommandKind::LectureExample);
        playground_update(pg, 0.0);
        playground_train_until_solved(pg, 400000);
        pg.push(CommandKind::AnimSeek, 1 << 20);
    } else if (name == "long") {
        playground_train_until_solved(pg, 400000);
        pg.push(CommandKind::RandomNumbers, 32);
        pg.push(CommandKind::AnimSeek, 1 << 20);
    } else if (name == "unrolled") {
        playground_train_until_solved(pg, 400000);
        pg.push(CommandKind::AnimSeek, 6);
        pg.requests.open_unrolled = true;
        pg.requests.close_network = true;
    } else if (name == "diverge") {
        pg.pending_settings.optim.lr = 1e6;
        pg.push(CommandKind::ApplySettings);
        pg.push(CommandKind::TrainPlay);
    } else if (name == "model-file") {
        // The desktop's Model dialog: a solved net saved, a fresh net, a refused file (the net is kept),
        // then the saved file loaded back.
        playground_train_until_solved(pg, 400000);
        std::snprintf(app.model_file.path, sizeof app.model_file.path, "carry-model.json");
        if (!model_save_path(app)) return true;
        pg.push(CommandKind::TrainReset);
        playground_update(pg, 0.0);
        std::snprintf(app.model_file.path, sizeof app.model_file.path, "no-such-dir/carry-model.json");
        model_load_path(app);
        std::fprintf(stderr, "carry: model-file scenario: %s\n", pg.notice.c_str());  // the desktop test reads it
        std::snprintf(app.model_file.path, sizeof app.model_file.path, "carry-model.json");
        model_load_path(app);
        app.model_file.open = true;
    } else if (name == "share") {
        pg.push(CommandKind::LectureExample);
        app.share.open = true;
    } else if (name == "lstm") {  // issue 20 item 5: the LSTM, live, trained until it adds
        lstm_view_train_until_solved(app.lstm, pg, 200000);
    } else if (name == "zoo") {
        models_scenario_zoo(app.models);
        show_models(pg);
    } else if (name == "models-states" || name == "models-gradients" || name == "models-dynamics" ||
               name == "models-modes" || name == "models-remedies") {
        const ModelsTab tab = name == "models-states"      ? ModelsTab::States
                              : name == "models-gradients" ? ModelsTab::Gradients
                              : name == "models-dynamics"  ? ModelsTab::Dynamics
                              : name == "models-remedies"  ? ModelsTab::Remedies
                                                           : ModelsTab::Modes;
        app.models.request_tab = static_cast<int>(tab);
        if (tab == ModelsTab::States) {  // the fits already run, as after pressing its button
            app.models.states.start();
            while (!app.models.states.step(1000.0)) {}
        }
        if (tab == ModelsTab::Modes) {  // the experiment already run, as after pressing its button
            app.models.modes.experiment = std::make_unique<zoo::ModesExperiment>(zoo::ModesConfig{});
            const auto t0 = std::chrono::steady_clock::now();
            while (!app.models.modes.experiment->done()) app.models.modes.experiment->step(64);
            app.models.modes.elapsed_ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        }
        if (tab == ModelsTab::Remedies) {  // the comparison, the delay sweep and one ESN fit already run
            RemediesView& r = app.models.remedies;
            r.start();
            const auto t0 = std::chrono::steady_clock::now();
            if (r.runner) r.runner->run_all();
            if (r.delay)
                while (!r.delay->step(1000.0)) {}  // and the delay-range sweep after it, as the tab runs them
            r.running = false;
            r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            r.probe = std::make_unique<zoo::EsnProbe>(r.esn, r.runner ? r.runner->config() : zoo::RemediesConfig{});
            while (!r.probe->step(1000.0)) {}
        }
        show_models(pg);
    } else if (name == "models-init" || name == "models-init-full") {  // issue 20: the grid already run
        app.models.request_tab = static_cast<int>(ModelsTab::Init);
        init_view_scenario(app.models.init, name == "models-init");
        show_models(pg);
    } else if (name == "models-interleaved") {  // the States tab: HMM fits and the quick RNN search run
        app.models.request_tab = static_cast<int>(ModelsTab::States);
        app.models.states.start();
        while (!app.models.states.step(1000.0)) {}
        app.models.interleaved.quick = true;
        app.models.interleaved.start();
        while (!app.models.interleaved.search->step(1 << 20)) {}
        app.models.interleaved.running = false;
        show_models(pg);
    } else if (name == "task-designer") {  // issue 19: the designer open on div3's table, div3 in use
        pg.commands.push_back(Command{CommandKind::SetSetting, 0, "task", "div3"});
        task_designer_load(app.designer, *find_task("div3"));
        app.designer.open = true;
    } else if (name == "task-broken") {  // the designer with a transition into a state that does not exist
        task_designer_load(app.designer, *find_task("div3"));
        app.designer.machine.next[1][1] = 7;
        app.designer.from.clear();
        app.designer.open = true;
    } else if (name == "bad-input") {
        pg.commands.push_back(Command{CommandKind::SetNumbers, 0, "0011x100", "01001101"});
    } else {
        return inside_scenario(app.inside, pg, name);
    }
    return true;
}

}  // namespace carry
