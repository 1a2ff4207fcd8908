// zoo_remedies: carry-cli zoo's remedies section (issue 20; core/zoo/remedies.h): the config the
// command runs, its JSON object ("remedies" in zoo --json) and its text after the zoo's table.
#pragma once

#include <cstdint>

#include "cli/common.h"
#include "core/zoo/delay_range.h"
#include "core/zoo/remedies.h"

namespace carry::cli {

// seeds > 0: that many nets per optimizer and training set instead of the config's.
zoo::RemediesConfig remedies_cli_config(bool quick, std::uint64_t seed, int seeds = 0);
// The delay sweep (issue 20 item 1's second half) on the same seed; seeds > 0 as above.
zoo::DelayRangeConfig delay_range_cli_config(bool quick, std::uint64_t seed, int seeds = 0);
// `delay`: when given, "delay_range" (one object per optimizer and lag) and its verdict join the
// object / the text; every other key stays as it was.
Json remedies_json(const zoo::RemediesRunner& r, const zoo::DelayRangeRunner* delay = nullptr);
void print_remedies(const zoo::RemediesRunner& r, const zoo::DelayRangeRunner* delay = nullptr);

}  // namespace carry::cli
