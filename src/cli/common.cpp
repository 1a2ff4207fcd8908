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

bool load_net(const std::string& model_path, NetSource* out, std::string* error) {
    if (model_path.empty()) {
        out->net = builtin_net();
        out->description = "built-in (trained with the defaults, seed " + std::to_string(kDefaultSeed) + ")";
        return true;
    }
    Model model;
    *error = load_model_file(model_path, model);
    if (!error->empty()) return false;
    out->net = model.net;
    out->description = model_path;
    return true;
}

bool stderr_is_tty() { return isatty(2) != 0; }

}  // namespace carry::cli
