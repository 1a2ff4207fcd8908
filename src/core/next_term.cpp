// next_term: unifilar sources of bits and their exact entropy rate (see next_term.h).
//
// [SECTION] presets and patterns
// [SECTION] stationary distribution and entropy rate
// [SECTION] sampling
#include "core/next_term.h"

#include <cmath>
#include <cstdio>
#include <utility>

#include "core/mathx.h"

namespace carry {

// [SECTION] presets and patterns -----------------------------------------------------------------

namespace {

// One state before noise: q = probability it means to emit 1; where it goes after a 0 and a 1.
struct CleanState {
    double q;
    int after0, after1;
};

struct PresetDef {
    SourcePreset about;
    std::vector<CleanState> states;
};

const std::vector<PresetDef>& preset_defs() {
    static const std::vector<PresetDef> defs = {
        {{"golden-mean", "golden mean: never two 1s in a row",
          "After a 1 comes a 0; after a 0, a coin. A predictor needs only the last bit."},
         {{0.5, 0, 1}, {0.0, 0, 1}}},
        {{"even", "even: 1s come in pairs",
          "A coin says whether a pair of 1s starts; the second 1 of a pair is certain. A predictor must count "
          "the 1s of the current run (odd or even), however long it is: no fixed number of past bits tells."},
         {{0.5, 0, 1}, {1.0, 0, 0}}},
        {{"twice", "twice: every coin flip said twice",
          "A coin, then the same bit again. A predictor must know which half of a pair it is in."},
         {{0.5, 1, 2}, {0.0, 0, 0}, {1.0, 0, 0}}},
        {{"parity", "parity: two coin flips, then their XOR",
          "Two random bits, then 1 if they differ. A predictor must keep the phase (1 of 3) and the XOR so far."},
         {{0.5, 1, 2}, {0.5, 3, 4}, {0.5, 4, 3}, {0.0, 0, 0}, {1.0, 0, 0}}},
    };
    return defs;
}

double noisy(double q, double noise) { return q * (1.0 - noise) + (1.0 - q) * noise; }

}  // namespace

const std::vector<SourcePreset>& source_presets() {
    static const std::vector<SourcePreset> presets = [] {
        std::vector<SourcePreset> v;
        for (const PresetDef& d : preset_defs()) v.push_back(d.about);
        return v;
    }();
    return presets;
}

int source_preset_index(const std::string& name) {
    const auto& p = source_presets();
    for (std::size_t i = 0; i < p.size(); ++i)
        if (name == p[i].name) return static_cast<int>(i);
    return -1;
}

std::string check_pattern(const std::string& text) {
    if (text.empty()) return "the pattern is empty: type some 0s and 1s, e.g. 0010111";
    if (text.size() > static_cast<std::size_t>(kMaxPatternBits))
        return "the pattern has " + std::to_string(text.size()) + " bits: at most " + std::to_string(kMaxPatternBits);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] != '0' && text[i] != '1') {
            const unsigned char c = static_cast<unsigned char>(text[i]);
            char buf[120];
            if (c >= 32 && c < 127)
                std::snprintf(buf, sizeof buf, "the pattern may hold only 0 and 1: '%c' at position %zu", c, i + 1);
            else
                std::snprintf(buf, sizeof buf, "the pattern may hold only 0 and 1: byte 0x%02x at position %zu", c,
                              i + 1);
            return buf;
        }
    return "";
}

std::string check_noise(double noise) {
    if (!(noise >= 0.0 && noise <= kMaxSourceNoise)) {  // NaN fails too
        char buf[120];
        std::snprintf(buf, sizeof buf, "noise %g is outside [0, 0.5] (the chance that a bit is flipped)", noise);
        return buf;
    }
    return "";
}

SourceMachine preset_machine(int preset, double noise) {
    const PresetDef& d = preset_defs().at(static_cast<std::size_t>(preset));
    SourceMachine m;
    m.name = d.about.name;
    for (const CleanState& s : d.states) {
        m.p1.push_back(noisy(s.q, noise));
        m.next.push_back({s.after0, s.after1});
    }
    return m;
}

SourceMachine pattern_machine(const std::string& pattern, double noise) {
    SourceMachine m;
    m.name = "pattern " + pattern;
    const int n = static_cast<int>(pattern.size());
    for (int s = 0; s < n; ++s) {
        m.p1.push_back(noisy(pattern[static_cast<std::size_t>(s)] == '1' ? 1.0 : 0.0, noise));
        const int after = (s + 1) % n;  // the position moves on whatever bit came out
        m.next.push_back({after, after});
    }
    return m;
}

bool make_source(const SourceSpec& spec, SourceMachine& out, std::string& error) {
    error = check_noise(spec.noise);
    if (!error.empty()) return false;
    if (!spec.pattern.empty()) {
        error = check_pattern(spec.pattern);
        if (!error.empty()) return false;
        out = pattern_machine(spec.pattern, spec.noise);
    } else {
        const int k = source_preset_index(spec.preset);
        if (k < 0) {
            error = "unknown source '" + spec.preset + "' (one of:";
            for (const SourcePreset& p : source_presets()) error += std::string(" ") + p.name;
            error += ")";
            return false;
        }
        out = preset_machine(k, spec.noise);
    }
    std::vector<double> pi;
    return stationary_distribution(out, pi, error);
}

// [SECTION] stationary distribution and entropy rate ---------------------------------------------

double binary_entropy(double p) {
    constexpr double kInvLn2 = 1.44269504088896338700;
    if (!(p > 0.0 && p < 1.0)) return 0.0;
    return -(p * det_log(p) + (1.0 - p) * det_log(1.0 - p)) * kInvLn2;
}

bool stationary_distribution(const SourceMachine& m, std::vector<double>& pi, std::string& error) {
    const int S = m.states();
    if (S < 1 || m.next.size() != m.p1.size()) {
        error = "the machine has no states";
        return false;
    }
    for (int s = 0; s < S; ++s) {
        const double p = m.p1[static_cast<std::size_t>(s)];
        if (!(p >= 0.0 && p <= 1.0)) {
            error = "state " + std::to_string(s) + " emits 1 with a probability outside [0, 1]";
            return false;
        }
        for (int b = 0; b < 2; ++b) {
            const int t = m.next[static_cast<std::size_t>(s)][static_cast<std::size_t>(b)];
            if (t < 0 || t >= S) {
                error = "state " + std::to_string(s) + " moves to a state that does not exist";
                return false;
            }
        }
    }
    // pi (P - I) = 0 as S equations A pi = 0 with A[j][i] = P[i][j] - [i == j]; the last equation,
    // implied by the others, is replaced by sum pi = 1.
    const auto n = static_cast<std::size_t>(S);
    std::vector<double> a(n * (n + 1), 0.0);  // (S, S+1) augmented
    auto A = [&](std::size_t r, std::size_t c) -> double& { return a[r * (n + 1) + c]; };
    for (std::size_t i = 0; i < n; ++i) {
        A(i, i) -= 1.0;
        A(m.next[i][0], i) += 1.0 - m.p1[i];
        A(m.next[i][1], i) += m.p1[i];
    }
    for (std::size_t c = 0; c <= n; ++c) A(n - 1, c) = 1.0;
    for (std::size_t col = 0; col < n; ++col) {
        std::size_t best = col;
        for (std::size_t r = col + 1; r < n; ++r)
            if (std::fabs(A(r, col)) > std::fabs(A(best, col))) best = r;
        if (std::fabs(A(best, col)) < 1e-12) {
            error =
                "the machine falls apart into parts that never reach each other: its long-run behaviour "
                "depends on where it starts (add noise, or change the machine)";
            return false;
        }
        if (best != col)
            for (std::size_t c = 0; c <= n; ++c) std::swap(A(best, c), A(col, c));
        for (std::size_t r = 0; r < n; ++r) {
            if (r == col || A(r, col) == 0.0) continue;
            const double f = A(r, col) / A(col, col);
            for (std::size_t c = col; c <= n; ++c) A(r, c) -= f * A(col, c);
        }
    }
    pi.assign(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const double v = A(i, n) / A(i, i);
        pi[i] = v > 0.0 ? v : 0.0;  // transient states: 0 (up to rounding)
    }
    return true;
}

SourceStats source_stats(const SourceMachine& m) {
    SourceStats st;
    std::string error;
    if (!stationary_distribution(m, st.stationary, error)) return st;
    for (std::size_t s = 0; s < st.stationary.size(); ++s) {
        const double p = m.p1[s];
        st.entropy_rate += st.stationary[s] * binary_entropy(p);
        st.best_accuracy += st.stationary[s] * (p > 0.5 ? p : 1.0 - p);
    }
    return st;
}

// [SECTION] sampling -----------------------------------------------------------------------------

int sample_state(const std::vector<double>& pi, Rng& rng) {
    const double u = rng.uniform();
    double acc = 0.0;
    int last = 0;
    for (std::size_t s = 0; s < pi.size(); ++s) {
        if (pi[s] <= 0.0) continue;
        last = static_cast<int>(s);
        acc += pi[s];
        if (u < acc) return last;
    }
    return last;  // rounding left u just above the sum
}

int sample_bit(const SourceMachine& m, int& state, Rng& rng) {
    const auto s = static_cast<std::size_t>(state);
    const int bit = rng.uniform() < m.p1[s] ? 1 : 0;
    state = m.next[s][static_cast<std::size_t>(bit)];
    return bit;
}

std::vector<unsigned char> sample_bits(const SourceMachine& m, int& state, int count, Rng& rng) {
    std::vector<unsigned char> bits(static_cast<std::size_t>(count > 0 ? count : 0));
    for (auto& b : bits) b = static_cast<unsigned char>(sample_bit(m, state, rng));
    return bits;
}

}  // namespace carry
