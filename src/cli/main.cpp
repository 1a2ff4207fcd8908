// carry-cli: the headless command line over carry_core.
//
//   carry-cli train     [--task T] [--hidden H] [--seed S] [--max-sequences N] [--out model.json]
//   carry-cli add A B   [--model model.json]
//   carry-cli eval      [--model model.json] [--bits 64] [--count 1000] [--curve]
//   carry-cli automaton [--model model.json]
//   carry-cli bench
//   carry-cli baseline  (the feed-forward net the lecture argues against)
//   carry-cli zoo       [--quick] [--seed S] (the lecture's models side by side, issue 9)
//   carry-cli predict   [--source NAME | --pattern BITS] [--noise E] (next-term prediction, issue 19)
//   carry-cli tasks     (the library of tasks; train, eval, automaton and zoo take --task NAME)
// Every subcommand takes --json (one JSON object on stdout).
// Exit codes: 0 ok, 1 a bad number / bad file / failed run, 2 bad arguments (with usage).
#include <iostream>
#include <string>
#include <vector>

#include "cli/common.h"

namespace carry::cli {
Command add_zoo_command(CLI::App& root);      // cmd_zoo.cpp
Command add_predict_command(CLI::App& root);  // cmd_predict.cpp
}  // namespace carry::cli

int main(int argc, char** argv) {
    using namespace carry::cli;
    CLI::App app{"carry-cli: a small recurrent net learns binary addition (headless)", "carry-cli"};
    app.require_subcommand(1);
    std::vector<Command> commands = {add_train_command(app),     add_add_command(app),     add_eval_command(app),
                                     add_automaton_command(app), add_bench_command(app),   add_baseline_command(app),
                                     add_zoo_command(app),       add_predict_command(app), add_tasks_command(app)};
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // Usage of the subcommand that was being parsed (or of the whole tool), then exit 2.
        const CLI::App* sub = &app;
        for (const auto& c : commands)
            if (c.app->parsed()) sub = c.app;
        std::string usage = sub->help();
        // CLI11 names a subcommand's usage by the subcommand alone; say how to call it.
        if (sub != &app) {
            const std::string bare = "Usage: " + sub->get_name();
            if (const auto at = usage.find(bare); at != std::string::npos)
                usage.replace(at, bare.size(), "Usage: carry-cli " + sub->get_name());
        }
        std::cerr << "carry-cli: error: " << e.what() << "\n\n" << usage;
        return kExitUsage;
    }
    for (const auto& c : commands)
        if (c.app->parsed()) return c.run();
    std::cerr << app.help();
    return kExitUsage;
}
