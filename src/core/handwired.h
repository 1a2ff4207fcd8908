// handwired: a 3-hidden-unit net that adds exactly, wired by hand from the adder automaton.
//
// Hidden unit k (k = 1, 2, 3) is a threshold on how many ones the current column holds,
// counting the incoming carry:  u_k(t+1) = [a_t + b_t + c_t >= k].  So u_2 is the carry out
// of column t (fed back as c_{t+1} through the one recurrent weight u_2 -> all), and the sum
// bit is the parity u_1 - u_2 + u_3, which the output unit reads one step later:
//   o(t+2) = [u_1 - u_2 + u_3 >= 1/2]  = sum bit of column t.
// The four hidden patterns 000, 100, 110, 111 are the automaton's four nodes
// (no carry/print 0, no carry/print 1, carry/print 0, carry/print 1).
#pragma once

#include <string>

#include "core/machine.h"
#include "core/net.h"

namespace carry {

// gain: the weight scale; logistic units saturate to within sigmoid(-gain/2) of 0 or 1.
// The default (20) leaves a margin of 4.5e-5 per unit, far from any 0.5 decision.
Net handwired_adder(double gain = 20.0);

// Any task (issue 19), wired from its minimal machine: one hidden unit per (state p, column c),
// on exactly when the machine was in p and read c, so the state it is in now is next[p][c]. Unit
// (p, c) sums the units that lead into p (and a start unit, on only at h(0), when nothing leads
// back into the start) and fires when that sum is 1 and the inputs match c; the output weights
// each unit by the bit its new state prints. States x columns (+1) units, at most kMaxHidden.
// For add, the adder's 3 units above.
struct HandwiredNet {
    bool ok = false;
    int units = 0;        // hidden units it needs
    std::string message;  // when !ok: "cannot be built: needs 34 hidden units (at most 32)"
    Net net;
};
HandwiredNet handwired_for_task(const Task& task, double gain = 20.0);

}  // namespace carry
