// carry-cli baseline: placeholder until core/feedforward lands.
#include "cli/common.h"

namespace carry::cli {
Command add_baseline_command(CLI::App& root) {
    CLI::App* sub = root.add_subcommand("baseline", "Feed-forward baseline (not yet available)");
    return {sub, [] { return fail(false, "baseline: not implemented yet"); }};
}
}  // namespace carry::cli
