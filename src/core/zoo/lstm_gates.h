// zoo/lstm_gates: the LSTM's gates step by step over one sum, and which gate lets the carry through
// (issue 20, item 5). Read from lstm_forward()'s stack of activities: no forward pass of its own.
//
// Implements:
//   - LstmGateView / lstm_gate_view(): per column t the input bits, each cell's write (input) gate
//     i, keep (forget) gate f, read (output) gate o, candidate g, cell c(t) and h(t), the output's
//     probability and bit, the true sum bit, and the carry into and out of the column (from the
//     core's adder automaton, automaton.h)
//   - lstm_carry_analysis(): over a set of sums, the cell whose c(t) best follows the carry out of
//     column t (Pearson correlation), and that cell's mean gates in the four kinds of column: no
//     carry, a carry starts, a carry is held, a carry ends
//   - lstm_carry_sentence(): what those numbers say, in the lecture's words
//
// Timing: the LSTM answers sum bit t at step t (zoo/lstm.h); the core net two steps later.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/task.h"
#include "core/zoo/lstm.h"

namespace carry::zoo {

// The rows of the gate view, in the order drawn.
enum class LstmRow { Write = 0, Keep = 1, Read = 2, Candidate = 3, Cell = 4, Hidden = 5 };
inline constexpr int kLstmRows = 6;

struct LstmGateView {
    int H = 0, T = 0;                                 // cells, columns (n + 1)
    BitVector a, b;                                   // (T) the columns' bits (0 in the pad column)
    std::array<std::vector<double>, kLstmRows> rows;  // each (T, H): row[t*H + i]
    std::vector<double> y;                            // (T) the output's probability for sum bit t
    BitVector out, sum;                               // (T) the LSTM's bit [y >= 0.5], the true sum bit
    BitVector carry_in, carry_out;                    // (T) carry into column t, out of column t
    double value(LstmRow r, int t, int cell) const {
        return rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(t * H + cell)];
    }
};

LstmGateView lstm_gate_view(const Lstm& lstm, const Pair& pair);

// Kinds of column by the carry into and out of it.
enum class CarryEvent { None = 0, Starts = 1, Held = 2, Ends = 3 };  // in/out: 0/0, 0/1, 1/1, 1/0
inline constexpr int kCarryEvents = 4;
inline CarryEvent carry_event(int carry_in, int carry_out) {
    return carry_in ? (carry_out ? CarryEvent::Held : CarryEvent::Ends)
                    : (carry_out ? CarryEvent::Starts : CarryEvent::None);
}

struct LstmCarryAnalysis {
    int H = 0;
    long long steps = 0;              // columns looked at
    std::vector<double> correlation;  // (H) Pearson r of c_i(t) with carry_out(t); 0 when either is constant
    int cell = -1;                    // the cell with the largest |r| (-1: no columns, or the carry never varied)
    // For that cell: mean write, keep, read gate and candidate in each kind of column, and their counts.
    std::array<std::array<double, 4>, kCarryEvents> mean{};  // [event][Write, Keep, Read, Candidate]
    std::array<long long, kCarryEvents> count{};
    double r() const { return cell >= 0 ? correlation[static_cast<std::size_t>(cell)] : 0.0; }
    double gate(CarryEvent e, LstmRow g) const {
        return mean[static_cast<std::size_t>(e)][static_cast<std::size_t>(g)];
    }
};

LstmCarryAnalysis lstm_carry_analysis(const std::vector<LstmGateView>& views);
LstmCarryAnalysis lstm_carry_analysis(const Lstm& lstm, const std::vector<Pair>& pairs);

// The sums the analysis runs on by default: `count` random sums of `bits` bits from Rng(seed).
std::vector<Pair> lstm_carry_sample(int count = 64, int bits = 16, std::uint64_t seed = 20);

// |r| from which a cell is said to follow the carry.
inline constexpr double kCarryCellMinCorrelation = 0.6;

// Which gate lets the carry through, from the numbers: one or two sentences.
std::string lstm_carry_sentence(const LstmCarryAnalysis& a);

}  // namespace carry::zoo
