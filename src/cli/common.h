// common: what every carry-cli subcommand shares: how a subcommand is registered and run,
// error reporting (exit code 1, with a JSON error object in --json mode), JSON printing, and
// the net to use (a model file, or the built-in net trained with the defaults).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/machine.h"
#include "core/net.h"

namespace carry::cli {

using Json = nlohmann::ordered_json;

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // a bad number, a bad file, a failed run
inline constexpr int kExitUsage = 2;    // bad arguments (CLI11 parse errors)

inline constexpr std::uint64_t kDefaultSeed = 1;
inline constexpr long long kDefaultMaxSequences = 200000;

// A registered subcommand: its CLI11 app and what runs when it was given.
struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run;
};

Command add_train_command(CLI::App& root);
Command add_add_command(CLI::App& root);
Command add_eval_command(CLI::App& root);
Command add_automaton_command(CLI::App& root);
Command add_bench_command(CLI::App& root);
Command add_baseline_command(CLI::App& root);
Command add_tasks_command(CLI::App& root);

// Prints one JSON object on stdout.
void print_json(const Json& j);

// Reports an error: "carry-cli: error: <message>" on stderr, and {"error": message} on stdout in
// --json mode. Returns kExitFailure.
int fail(bool json, const std::string& message);

// The net to use: from a model file when `model_path` is given, else the built-in one.
struct NetSource {
    Net net;
    std::string description;  // "model.json" or "built-in (defaults, seed 1)"
    Task task;                // what it was trained on: the model file's task, or the built-in's
};
// `task_text` (a --task value, "" when not given) picks the task: the built-in net is trained on
// it; a model file is evaluated on it instead of its own.
bool load_net(const std::string& model_path, NetSource* out, std::string* error, const std::string& task_text = "");

// The built-in net: trained at startup with the default settings and seed (deterministic,
// identical on every platform, a few hundredths of a second), so it always matches the core.
const Net& builtin_net();
// The same for another task (trained when first asked for).
Net builtin_net(const Task& task);

// Adds `--task NAME` to a subcommand (a library name or an encoded machine, checked by parse_task).
void add_task_option(CLI::App* sub, std::string& task_text);

// True when stderr is a terminal (the progress bar is drawn only there).
bool stderr_is_tty();

}  // namespace carry::cli
