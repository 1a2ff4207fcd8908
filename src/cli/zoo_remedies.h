// zoo_remedies: carry-cli zoo's remedies section (issue 20; core/zoo/remedies.h): the config the
// command runs, its JSON object ("remedies" in zoo --json) and its text after the zoo's table.
#pragma once

#include <cstdint>

#include "cli/common.h"
#include "core/zoo/remedies.h"

namespace carry::cli {

// seeds > 0: that many nets per optimizer and training set instead of the config's.
zoo::RemediesConfig remedies_cli_config(bool quick, std::uint64_t seed, int seeds = 0);
Json remedies_json(const zoo::RemediesRunner& r);
void print_remedies(const zoo::RemediesRunner& r);

}  // namespace carry::cli
