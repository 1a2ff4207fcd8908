// machine: tasks as data (issue 19). A task is a finite-state machine in the lecture's form: each
// state prints a bit; each step reads one column of 1 or 2 input bits and moves to the next state.
//
// Implements:
//   - Machine: the table (states, printed bit per state, next state per input column, start)
//   - validate_machine(): the designer's checks, each with a message a student can act on
//   - minimize_machine(): the minimal machine (reachable states, Moore minimization, canonical
//     numbering), which automaton extraction compares a trained net against
//   - machines_equivalent() / first_difference(): same printed bits on every input?
//   - run_machine() / run_states(): the printed bit (the targets) and the state after each column
//   - the library: add, subtract, greater, parity, div3, times3, delay2, delay3, and each one's
//     minimal machine computed once (task_minimal_machine)
//   - Task: a library name or a designed machine, and its text form for links, model files and
//     `carry-cli --task` (encode_task / parse_task; the table alone: encode_machine, "m1.2.0....")
//   - a task's input as a Pair and its targets (random_task_pair, task_columns, task_targets), and
//     the true minimal-machine state after each column for the hidden-space view (task_states)
//
// Timing (the lecture's, as today's adder): column t enters the net at step t and its output bit
// appears at step t+2. The target for column t is the bit printed by the state the machine is in
// after reading columns 0..t. The start state's printed bit is never a target (a don't-care):
// minimization may merge the start state with any state whose transitions match.
//
// Columns: a column's code is a + 2*b (0..3) for two-input tasks, a (0..1) for one-input tasks; the
// net always has two inputs, and a one-input task feeds b = 0. A sequence of n columns is followed
// by one zero pad column (as the adder's, so a final carry can come out): n+1 targets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/rng.h"
#include "core/task.h"

namespace carry {

inline constexpr int kMaxMachineStates = 64;

struct Machine {
    int inputs = 2;                        // bits per column: 1 or 2
    int start = 0;                         // start state
    std::vector<std::uint8_t> printed;     // per state: the bit it prints (0/1)
    std::vector<std::vector<int>> next;    // [state][column code]: 1 << inputs entries each
    std::vector<std::string> state_names;  // optional, per state ("carry 1, print 0"); may be empty
    int states() const { return static_cast<int>(printed.size()); }
    int codes() const { return 1 << inputs; }
};

// "" when the machine can be used; otherwise the first problem, in words, e.g.
// "state 3 has no transition for column 10", "state 5 cannot be reached from the start state",
// "more than 64 states", "inputs must be 1 or 2", "state 2 goes to state 9, which does not exist".
std::string validate_machine(const Machine& m);

// The minimal machine printing the same bits on every input (start's bit a don't-care): unreachable
// states dropped, equivalent states merged, states numbered in breadth-first order from the start
// (start = 0; columns tried in code order), so equal machines compare equal field by field.
// Precondition: validate_machine(m) == "".
Machine minimize_machine(const Machine& m);

// The targets for `columns` (codes): the bit printed after each column, one per column.
std::vector<std::uint8_t> run_machine(const Machine& m, const std::vector<int>& columns);

// The state after each column (run_machine prints these states' bits).
std::vector<int> run_states(const Machine& m, const std::vector<int>& columns);
// A column in words for messages: "1" (one input), "a=1 b=0" (two).
std::string column_text(int code, int inputs);

// The shortest non-empty column sequence after which the two machines print different bits
// (breadth-first over the product); empty when they are equivalent. Both must have the same inputs.
std::vector<int> first_difference(const Machine& x, const Machine& y);
bool machines_equivalent(const Machine& x, const Machine& y);

// The delay machine of the library's delay2 / delay3 for any lag 1..kMaxDelayMachineLag: prints the
// input bit from `lag` columns back (0 before the start); 2^(lag+1) states, all needed. Throws
// std::invalid_argument for another lag.
inline constexpr int kMaxDelayMachineLag = 5;  // 2^6 = kMaxMachineStates
Machine delay_machine(int lag);

// A task: a library machine by name, or a designed one (name empty).
struct Task {
    std::string name;  // "add", "div3", ...; "" for a designed machine
    Machine machine;
    bool arithmetic = false;  // the columns are the bits of numbers (add view shows numbers)
    std::string description;  // one line ("the bits of a + b", ...)
};

// The library in display order: add, subtract, greater, parity, div3, times3, delay2, delay3.
const std::vector<Task>& task_library();
// The library task of that name, or nullptr.
const Task* find_task(std::string_view name);
// Today's task, the default everywhere.
const Task& add_task();
// Whether t is the library's adder (its fast paths: true_sum, the adder's hand-wired net).
bool is_add(const Task& t);
// minimize_machine(t.machine), computed once for library tasks: what extraction compares against.
Machine task_minimal_machine(const Task& t);

// A task's text form: its library name, or for a designed machine an encoded table made only of
// URL-safe characters [A-Za-z0-9._~-] (no '&', '#', '=', ',', '%'), at most kMaxTaskTextLength.
inline constexpr std::size_t kMaxTaskTextLength = 1024;
std::string encode_task(const Task& t);
// The encoded table alone, "m1.<inputs>.<start>.<state>..." (see machine.cpp); for a valid machine.
std::string encode_machine(const Machine& m);
// Parses a library name or an encoded table and validates the machine. On failure returns nullopt
// and a message in `error` (never throws, whatever the input).
std::optional<Task> parse_task(std::string_view text, std::string* error = nullptr);

// A task's input is carried as a Pair, as the adder's: column t is (a[t], b[t]), b all zero for a
// one-input task. Random input of n bits: for add exactly random_pair(rng, n) (the same RNG calls),
// so a run on `add` stays bit-identical to today's.
Pair random_task_pair(const Task& t, Rng& rng, int n);
// The n+1 targets for a pair (its n columns, then the zero pad column): for add, exactly true_sum(p).
BitVector task_targets(const Task& t, const Pair& p);
// Column t's code (a + 2b; the pad column t == n is 0).
inline int column_code(const Pair& p, int t) { return column_a(p, t) + 2 * column_b(p, t); }
// The n+1 column codes the task's machine reads for a pair (b ignored by one-input tasks).
std::vector<int> task_columns(const Task& t, const Pair& p);
// The hidden-space view's colouring: the task's MINIMAL machine's state after each of the n+1
// columns (state numbers of task_minimal_machine(t)).
std::vector<int> task_states(const Task& t, const Pair& p);

}  // namespace carry
