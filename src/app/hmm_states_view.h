// hmm_states_view: the "States (HMM)" tab of the Models window (issue 9): the lecture's "log N
// bits" argument measured. A hidden Markov model with N states (N = 1..4) is fitted by EM to
// plain sums and to two sums interleaved column by column (two carries held at once), and each
// is tested on new 64-bit sums. One bit of state (N = 2) adds; two interleaved sums need N = 4.
//
// Draws inside the current ImGui window. The fits run on a button press, a slice per frame (at
// most frame_budget_ms), so the page keeps responding; slicing does not change a result.
#pragma once

#include <memory>
#include <vector>

#include "core/zoo/model.h"

namespace carry {

struct HmmStatesView {
    void draw();                  // inside the current ImGui window
    void start();                 // (re)starts every fit from scratch
    bool step(double budget_ms);  // trains and scores for at most about budget_ms; true when all done

    static constexpr int kMaxStates = 4;  // rows N = 1 .. 4
    static constexpr int kTestBits = 64;  // tested on new sums of this many bits
    static constexpr int kTestPairs = 100;
    struct Fit {
        int states = 1;
        bool interleaved = false;
        std::unique_ptr<zoo::Model> model;
        double exact = -1.0;         // exact accuracy on the test sums (-1: not scored yet)
        double ll_per_column = 0.0;  // EM's best log-likelihood per training column
    };
    std::vector<Fit> fits;  // (interleaved, N) in reading order
    std::size_t next = 0;   // the fit being trained
    bool running = false;
    double frame_budget_ms = 15.0;
    double elapsed_ms = 0.0;
};

}  // namespace carry
