// zoo_init: `carry-cli zoo --init`: issue 20's measurements of careful initialization with
// momentum (core/zoo/init_grid.h), the initial state (initial_state.h) and the recurrent net on two
// interleaved sums (interleaved.h): printed as tables, or as one JSON object.
#pragma once

#include "cli/common.h"

namespace carry::cli {

// Runs the three experiments (quick: their small configurations) and returns their results;
// with `print`, also prints them as text on stdout.
Json run_zoo_init(bool quick, bool print);

}  // namespace carry::cli
