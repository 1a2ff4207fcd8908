// next_term: sources of bits for next-term prediction (issue 19, item 4), and their entropy rate:
// the fewest bits per symbol any predictor can average on them, computed exactly from the source.
//
// Implements:
//   - SourceMachine: a unifilar machine. State s emits 1 with probability p1[s] and moves to
//     next[s][the bit it emitted].
//   - source_presets() / preset_machine(): named hidden machines (golden mean, even, twice, parity)
//   - pattern_machine() / check_pattern(): a repeating pattern with each bit flipped
//   - make_source(): either of them from a SourceSpec, with a clear message for bad input
//   - stationary_distribution(), source_stats() (entropy rate, best possible accuracy),
//     binary_entropy()
//   - sample_state() / sample_bits(): deterministic draws from the project's Rng
//
// Noise: a state "intends" to emit 1 with probability q (0 or 1 for a determined bit, 0.5 for a
// coin); the noise flips the emitted bit with probability e, so p1 = q (1 - e) + (1 - q) e. The
// machine then moves on the bit it actually emitted. That keeps it unifilar: the bits seen, from a
// known start, name the state exactly. (Moving on the intended bit instead would hide the state
// behind the noise: a general hidden Markov model.)
//
// Why unifilar makes the entropy rate exact: with the state S_t known, the next bit's uncertainty
// is H(p1[S_t]), so H(X_0 .. X_n-1 | S_0) = n * sum_s pi(s) H(p1[s]) for a start drawn from the
// stationary distribution pi. And H(X_0..X_n-1) lies between that and the same plus H(S_0) <=
// log2(states), so per symbol both tend to
//     h = sum_s pi(s) H(p1[s])      bits per symbol,
// solved exactly from pi (one linear system). For a general HMM the state after the bits is only
// known as a belief (a distribution over states), and the rate is an average over the beliefs the
// bits can lead to: an infinite set with no closed form (Blackwell 1957); it can only be estimated.
// A repeating pattern is the special case whose position advances whatever the bit: pi is uniform
// and every state has p1 = e or 1 - e, so h = H(e) exactly.
//
// The best possible accuracy (the Bayes-optimal guess once the state is known) is
// sum_s pi(s) max(p1[s], 1 - p1[s]).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/rng.h"

namespace carry {

inline constexpr int kMaxPatternBits = 32;
inline constexpr double kMaxSourceNoise = 0.5;
inline constexpr int kMaxNextTermHidden = 16;
// A link's next_source values: every preset's name (source_presets(), same order), then "pattern".
inline constexpr const char* kNextTermSources = "golden-mean,even,twice,parity,pattern";

struct SourceMachine {
    std::string name;                      // "even", "pattern 0010111"
    std::vector<double> p1;                // (S) probability that state s emits 1
    std::vector<std::array<int, 2>> next;  // (S, 2) next[s][bit]: the state after s emitted bit
    int states() const { return static_cast<int>(p1.size()); }
};

struct SourcePreset {
    const char* name;         // for links and the command line: "golden-mean"
    const char* label;        // for people: "golden mean: never two 1s in a row"
    const char* description;  // one sentence: what a predictor must keep track of
};
// golden-mean (2 states), even (2), twice (3), parity (5).
const std::vector<SourcePreset>& source_presets();
// Index of a preset by name, -1 if none.
int source_preset_index(const std::string& name);

// What to build: a preset by name, or (pattern non-empty) a repeating pattern; noise in [0, 0.5].
struct SourceSpec {
    std::string preset = "even";
    std::string pattern;  // "0010111": read left to right, then again
    double noise = 0.05;
};

// "" when `text` is a pattern of 1..kMaxPatternBits characters 0 and 1; else what is wrong.
std::string check_pattern(const std::string& text);
// "" when noise is a number in [0, kMaxSourceNoise]; else what is wrong.
std::string check_noise(double noise);

// The machines (noise already checked by the caller; make_source checks it).
SourceMachine preset_machine(int preset, double noise);
SourceMachine pattern_machine(const std::string& pattern, double noise);

// The machine a spec names. false (and `error` says why) for an unknown preset, a bad pattern,
// noise outside [0, 0.5], or a machine whose stationary distribution is not unique. Never throws.
bool make_source(const SourceSpec& spec, SourceMachine& out, std::string& error);

// H(p) = -p log2 p - (1-p) log2 (1-p), in bits (0 at p = 0 or 1).
double binary_entropy(double p);

// The stationary distribution pi of the state chain (pi = pi P, sum pi = 1), by Gaussian
// elimination with partial pivoting. false when it is not unique (the chain falls apart into
// separate closed parts) or the machine is malformed; `error` says which.
bool stationary_distribution(const SourceMachine& m, std::vector<double>& pi, std::string& error);

struct SourceStats {
    std::vector<double> stationary;  // pi(s)
    double entropy_rate = 0.0;       // bits per symbol: sum pi(s) H(p1[s])
    double best_accuracy = 0.0;      // sum pi(s) max(p1[s], 1 - p1[s])
};
// Requires a machine make_source accepted (its stationary distribution unique).
SourceStats source_stats(const SourceMachine& m);

// A state drawn from pi (a stationary start), and `count` bits emitted from `state` on
// (state is left where the machine ends).
int sample_state(const std::vector<double>& pi, Rng& rng);
int sample_bit(const SourceMachine& m, int& state, Rng& rng);
std::vector<unsigned char> sample_bits(const SourceMachine& m, int& state, int count, Rng& rng);

}  // namespace carry
