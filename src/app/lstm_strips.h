// lstm_strips: the LSTM's gates step by step (issue 20, item 5), drawn for lstm_view.cpp: per
// column, right to left as the add view lays the sum out, the input bits, a heat strip per gate
// (one row per cell: write i, keep f, read o in viridis 0..1; candidate g, cell c and h in the
// diverging map), the LSTM's sum bit against the true one and the carry; the add view's current
// column outlined; values on hover or keyboard focus; a click seeks the animation. Below: which
// gate lets the carry through (the core's analysis and its sentence), and the current column's
// carry-cell gates in words.
#pragma once

namespace carry {

struct LstmLive;
struct Playground;

void lstm_gate_strips(const LstmLive& v, Playground& pg);

}  // namespace carry
