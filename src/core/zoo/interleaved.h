// zoo/interleaved: the recurrent net on two sums interleaved column by column (issue 20 item 7),
// the twin of the States tab's HMM result (hmm.h: an HMM needs 4 states, 2 bits, to hold the two
// carries). The data is the HMM's: interleaved_stream() of two pairs, column t of sum i at step
// 2t + i, its target the sum bit of that column (read by the net kOutputDelay steps later, as
// always). The net is trained, through the core Trainer's step, for H = 1, 2, .. hidden units,
// 10 seeds each, until at least 8 seeds solve (or H reaches the cap): "the RNN needs H units".
//
// Solved: every one of eval_pairs random pairs of eval_bits-bit sums (each with an independent
// companion of the same width) added exactly, both sums (a quick check on 64 first).
//
// Implements: interleaved_input_pair(), InterleavedSums (the batch source),
// rnn_interleaved_exact(), InterleavedConfig, InterleavedSearch, interleaved_verdict().
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/net.h"
#include "core/trainer.h"
#include "core/zoo/seed_sweep.h"

namespace carry::zoo {

// The interleaved stream's input columns as one pair the net reads (a' of 2(n+1) - 1 bits: its
// pad column is the second sum's pad column). The targets are interleaved_stream(..).outputs.
Pair interleaved_input_pair(const Pair& first, const Pair& second);

// Batch source: each sequence two independent random pairs of n bits, interleaved.
std::unique_ptr<BatchSource> interleaved_sums_source();

// Share of `pairs` random two-sum streams of `bits` bits the net gets exactly right (every output
// bit of both sums); quick: stops at the first error (returns 0 then).
double rnn_interleaved_exact(const Net& net, std::uint64_t seed, int bits, int pairs, bool quick);

struct InterleavedConfig {
    int min_hidden = 1, max_hidden = 8;
    int needed = 8;  // seeds of the 10 that must solve
    std::vector<std::uint64_t> seeds = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    long long max_sequences = 20000;  // per run
    int eval_bits = 32, eval_pairs = 500;
    TrainConfig train;  // the rest: the trainer's defaults (curriculum of 1..16-bit sums each)
};
InterleavedConfig interleaved_quick_config();  // H 3..5, seeds 1..3 (2 needed), smaller budget

class InterleavedSearch {
public:
    explicit InterleavedSearch(const InterleavedConfig& config);
    bool step(int minibatches);
    bool done() const { return done_; }
    double progress() const;  // of the current H's seeds
    std::string current_run() const;
    const InterleavedConfig& config() const { return config_; }
    struct Row {
        int hidden = 0;
        SweepResult result;
    };
    const std::vector<Row>& rows() const { return rows_; }  // finished sizes, H ascending
    int hidden_needed() const;  // the first H with >= needed seeds solved (-1: none up to the cap)

private:
    void start(int hidden);
    InterleavedConfig config_;
    std::vector<Row> rows_;
    std::unique_ptr<SeedSweep> sweep_;
    int hidden_ = 0;
    bool done_ = false;
};

// "The RNN needs H hidden units for two interleaved sums (8 of 10 seeds); the HMM needs 4 states."
std::string interleaved_verdict(const InterleavedSearch& search);

}  // namespace carry::zoo
