// zoo/lstm_gates: the LSTM's gates per column, and the cell that carries (see lstm_gates.h).
#include "core/zoo/lstm_gates.h"

#include <cmath>
#include <cstdio>

#include "core/automaton.h"  // the adder automaton: the carry out of every column
#include "core/mathx.h"

namespace carry::zoo {

LstmGateView lstm_gate_view(const Lstm& lstm, const Pair& pair) {
    LstmTrace tr;
    lstm_forward(tr, lstm, pair);
    LstmGateView v;
    v.H = tr.H;
    v.T = tr.T;
    const auto uH = static_cast<std::size_t>(tr.H), uT = static_cast<std::size_t>(tr.T);
    for (auto& row : v.rows) row.assign(uT * uH, 0.0);
    v.a.assign(uT, 0);
    v.b.assign(uT, 0);
    v.y.assign(uT, 0.0);
    v.out.assign(uT, 0);
    v.carry_in.assign(uT, 0);
    v.carry_out.assign(uT, 0);
    v.sum = true_sum(pair);
    int node = kAdderStart;
    for (std::size_t t = 0; t < uT; ++t) {
        v.a[t] = static_cast<std::uint8_t>(tr.x[t * 2] != 0.0);
        v.b[t] = static_cast<std::uint8_t>(tr.x[t * 2 + 1] != 0.0);
        v.carry_in[t] = static_cast<std::uint8_t>(adder_carry(node));
        node = adder_next(node, v.a[t] + 2 * v.b[t]);
        v.carry_out[t] = static_cast<std::uint8_t>(adder_carry(node));
        // The trace's gate rows are i | f | g | o (lstm.h); c and h have a row for step -1 first.
        const double* g = &tr.gates[t * 4 * uH];
        for (std::size_t i = 0; i < uH; ++i) {
            const std::size_t k = t * uH + i;
            v.rows[static_cast<std::size_t>(LstmRow::Write)][k] = g[i];
            v.rows[static_cast<std::size_t>(LstmRow::Keep)][k] = g[uH + i];
            v.rows[static_cast<std::size_t>(LstmRow::Candidate)][k] = g[2 * uH + i];
            v.rows[static_cast<std::size_t>(LstmRow::Read)][k] = g[3 * uH + i];
            v.rows[static_cast<std::size_t>(LstmRow::Cell)][k] = tr.c[(t + 1) * uH + i];
            v.rows[static_cast<std::size_t>(LstmRow::Hidden)][k] = tr.h[(t + 1) * uH + i];
        }
        v.y[t] = sigmoid(tr.logit[t]);
        v.out[t] = static_cast<std::uint8_t>(tr.logit[t] >= 0.0);  // as lstm_add
    }
    return v;
}

LstmCarryAnalysis lstm_carry_analysis(const std::vector<LstmGateView>& views) {
    LstmCarryAnalysis a;
    if (views.empty()) return a;
    a.H = views.front().H;
    const auto uH = static_cast<std::size_t>(a.H);
    // Pearson r from sums (fixed order): c_i against the carry out, every column of every sum.
    std::vector<double> sc(uH, 0.0), scc(uH, 0.0), scy(uH, 0.0);
    double sy = 0.0, syy = 0.0;
    for (const LstmGateView& v : views) {
        for (int t = 0; t < v.T; ++t) {
            const double y = v.carry_out[static_cast<std::size_t>(t)];
            sy += y;
            syy += y * y;
            for (int i = 0; i < a.H; ++i) {
                const double c = v.value(LstmRow::Cell, t, i);
                sc[static_cast<std::size_t>(i)] += c;
                scc[static_cast<std::size_t>(i)] += c * c;
                scy[static_cast<std::size_t>(i)] += c * y;
            }
            ++a.steps;
        }
    }
    a.correlation.assign(uH, 0.0);
    if (a.steps == 0) return a;
    const auto n = static_cast<double>(a.steps);
    const double var_y = syy - sy * sy / n;
    double best = -1.0;
    for (std::size_t i = 0; i < uH; ++i) {
        const double var_c = scc[i] - sc[i] * sc[i] / n;
        const double cov = scy[i] - sc[i] * sy / n;
        const double denom = std::sqrt(var_c * var_y);
        a.correlation[i] = denom > 1e-12 ? cov / denom : 0.0;
        if (denom > 1e-12 && std::fabs(a.correlation[i]) > best) {
            best = std::fabs(a.correlation[i]);
            a.cell = static_cast<int>(i);
        }
    }
    if (a.cell < 0) return a;
    constexpr LstmRow kGates[4] = {LstmRow::Write, LstmRow::Keep, LstmRow::Read, LstmRow::Candidate};
    for (const LstmGateView& v : views) {
        for (int t = 0; t < v.T; ++t) {
            const auto e = static_cast<std::size_t>(
                carry_event(v.carry_in[static_cast<std::size_t>(t)], v.carry_out[static_cast<std::size_t>(t)]));
            ++a.count[e];
            for (std::size_t g = 0; g < 4; ++g) a.mean[e][g] += v.value(kGates[g], t, a.cell);
        }
    }
    for (std::size_t e = 0; e < kCarryEvents; ++e)
        if (a.count[e] > 0)
            for (double& m : a.mean[e]) m /= static_cast<double>(a.count[e]);
    return a;
}

LstmCarryAnalysis lstm_carry_analysis(const Lstm& lstm, const std::vector<Pair>& pairs) {
    std::vector<LstmGateView> views;
    views.reserve(pairs.size());
    for (const Pair& p : pairs) views.push_back(lstm_gate_view(lstm, p));
    return lstm_carry_analysis(views);
}

std::vector<Pair> lstm_carry_sample(int count, int bits, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<Pair> pairs;
    for (int k = 0; k < count; ++k) pairs.push_back(random_pair(rng, bits));
    return pairs;
}

std::string lstm_carry_sentence(const LstmCarryAnalysis& a) {
    char buf[640];
    if (a.cell < 0) return "No sum with a carry to look at yet.";
    const int cell = a.cell + 1;  // counted from 1 on screen
    if (std::fabs(a.r()) < kCarryCellMinCorrelation) {
        std::snprintf(buf, sizeof buf,
                      "No memory cell follows the carry yet: the closest, cell %d, has r = %+.2f. Train the LSTM "
                      "until it adds, then look again.",
                      cell, a.r());
        return buf;
    }
    const auto n = [&](CarryEvent e) { return a.count[static_cast<std::size_t>(e)]; };
    const double w_start = a.gate(CarryEvent::Starts, LstmRow::Write);
    const double w_none = a.gate(CarryEvent::None, LstmRow::Write);
    const double k_held = a.gate(CarryEvent::Held, LstmRow::Keep);
    const double k_ends = a.gate(CarryEvent::Ends, LstmRow::Keep);
    const double w_held = a.gate(CarryEvent::Held, LstmRow::Write);
    if (n(CarryEvent::Held) == 0 || n(CarryEvent::Starts) == 0) {
        std::snprintf(buf, sizeof buf, "Cell %d's memory follows the carry (r = %+.2f), but these sums never hold one.",
                      cell, a.r());
        return buf;
    }
    std::string out;
    std::snprintf(buf, sizeof buf,
                  "Cell %d's memory follows the carry (r = %+.2f). When a carry starts its write gate is %.2f "
                  "(%.2f with no carry); while a carry is held its keep gate is %.2f (%.2f when the carry ends). ",
                  cell, a.r(), w_start, w_none, k_held, k_ends);
    out = buf;
    const double g_held = a.gate(CarryEvent::Held, LstmRow::Candidate);
    const char* drop = k_held - k_ends >= 0.2 ? " and shuts to drop it when it ends" : "";
    if (k_held >= 0.5 && w_held < 0.5) {
        std::snprintf(buf, sizeof buf,
                      "So the keep gate lets the carry through from column to column%s, and the write gate lets a "
                      "new one in%s.",
                      drop,
                      w_start - w_none >= 0.2 ? "" : " (it barely opens more for it: the candidate does the work)");
    } else if (k_held >= 0.5) {
        std::snprintf(buf, sizeof buf,
                      "So the carry goes through two gates at once: the keep gate holds it%s, and the write gate "
                      "(%.2f while it is held) writes it in again from the candidate (%+.2f).",
                      drop, w_held, g_held);
    } else {
        std::snprintf(buf, sizeof buf,
                      "The keep gate is mostly shut while a carry is held, so the carry is not simply kept: the "
                      "write gate (%.2f) writes it again in every column, from what the read gate let out.",
                      w_held);
    }
    return out + buf;
}

}  // namespace carry::zoo
