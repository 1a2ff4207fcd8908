// common: shared helpers of carry-cli (see common.h).
#include "cli/common.h"

#include <cstdio>
#include <iostream>

#include <unistd.h>

#include "core/model_file.h"
#include "core/trainer.h"

namespace carry::cli {

void print_json(const Json& j) { std::cout << j.dump(2) << std::endl; }

int fail(bool json, const std::string& message) {
    std::cerr << "carry-cli: error: " << message << std::endl;
    if (json) print_json(Json{{"error", message}});
    return kExitFailure;
}

const Net& builtin_net() {
    static const Net net = train_until_solved(TrainConfig{}, kDefaultSeed, kDefaultMaxSequences).net;
    return net;
}

Net builtin_net(const Task& task) {
    if (is_add(task)) return builtin_net();
    TrainConfig config;
    config.task = task;
    return train_until_solved(config, kDefaultSeed, kDefaultMaxSequences).net;
}

void add_task_option(CLI::App* sub, std::string& task_text) {
    sub->add_option("--task", task_text,
                    "The task: a library name (carry-cli tasks lists them) or an encoded machine (default add)")
        ->check(CLI::Validator(
            [](std::string& v) {
                std::string why;
                return parse_task(v, &why) ? std::string() : why;
            },
            "TASK"));
}

bool load_net(const std::string& model_path, NetSource* out, std::string* error, const std::string& task_text) {
    std::optional<Task> task = task_text.empty() ? std::optional<Task>() : parse_task(task_text, error);
    if (!task_text.empty() && !task) return false;
    if (model_path.empty()) {
        out->task = task ? *task : add_task();
        out->net = builtin_net(out->task);
        out->description = is_add(out->task)
                               ? "built-in (trained with the defaults, seed " + std::to_string(kDefaultSeed) + ")"
                               : "built-in (trained on " + encode_task(out->task) + " with the defaults, seed " +
                                     std::to_string(kDefaultSeed) + ")";
        return true;
    }
    Model model;
    *error = load_model_file(model_path, model);
    if (!error->empty()) return false;
    out->net = model.net;
    out->task = task ? *task : model.config.task;
    out->description = model_path;
    return true;
}

bool stderr_is_tty() { return isatty(2) != 0; }

}  // namespace carry::cli
