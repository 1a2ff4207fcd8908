// zoo/model.h: what every model of the lecture's zoo (issue 9) offers, and the data they share.
//
// Lecture 7 walks from memoryless models (autoregressive, feed-forward on delay taps) through
// hidden-state models (linear dynamical systems, hidden Markov models) to recurrent nets. The zoo
// trains each of them on the SAME right-to-left addition streams (ZooData) and scores each the
// same way (zoo/runner.h), so a student sees which kinds of memory can add.
//
// A model is trained a little at a time (train_some(): a few milliseconds of work), so the
// playground can drive it between frames without blocking; the command line just loops.
//
// Implements:
//   - ZooData / make_zoo_data(): the shared training pairs, drawn from one seed
//   - carry_reach() / longest_carry_reach(): how far back a sum bit depends on the columns
//   - Model: the interface each model implements (one file per model under zoo/)
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/machine.h"
#include "core/task.h"

namespace carry::zoo {

// The shared training streams. Every model trains on exactly these pairs, in this order.
struct ZooData {
    std::uint64_t seed = 1;
    int min_bits = 1, max_bits = 16;  // lengths of the training pairs
    std::vector<Pair> train;
    Task task = add_task();  // what the pairs' targets are (issue 19): task_targets(task, pair)
};
// `count` pairs, lengths uniform in [min_bits, max_bits], from the project's Rng seeded by `seed`.
// For a one-input task b is zeroed (the same draws as for add).
ZooData make_zoo_data(std::uint64_t seed, int count, int min_bits, int max_bits, const Task& task = add_task());

// Carry reach of column t of pair p (t in 0..n, n = the pad column): the sum bit of column t is
// a XOR b XOR carry-in, and the carry-in is decided by the nearest earlier column j < t whose two
// bits are equal (1+1 generates a carry, 0+0 kills it); the columns between only propagate it.
// The reach is t - j, with j = -1 when no column of the number decides: the zeros before column 0
// (0+0, a kill) do, and a window cannot tell column 0 from a column deep in a number whose earlier
// columns all propagate. So sum bit t is a function of columns t-reach .. t (zeros before 0). A
// model that sees only the last k columns (t-k+1 .. t) knows it exactly when reach <= k-1; for any
// larger reach two pairs agree on the window and differ in the sum bit.
int carry_reach(const Pair& p, int t);
// The largest carry_reach over all n+1 columns of p: "the longest carry chain in the sum".
int longest_carry_reach(const Pair& p);

// Minibatches through a training set of `size` examples for `epochs` epochs, a slice at a time:
// the schedule the two feed-forward models (taps, fixed width) share.
class EpochSchedule {
public:
    EpochSchedule() = default;
    EpochSchedule(std::size_t size, int epochs) : size_(size), total_(static_cast<long long>(size) * epochs) {}
    // Up to `slice` examples in minibatches of up to `batch`: shuffle() at each epoch's start,
    // minibatch(begin, end) for each. True once all epochs are done.
    template <class Shuffle, class Minibatch>
    bool run(int slice, int batch, Shuffle&& shuffle, Minibatch&& minibatch) {
        for (int n = 0; n < slice && done_ < total_;) {
            if (cursor_ == 0) shuffle();
            const std::size_t end = std::min(size_, cursor_ + static_cast<std::size_t>(batch));
            minibatch(cursor_, end);
            n += static_cast<int>(end - cursor_);
            done_ += static_cast<long long>(end - cursor_);
            cursor_ = end == size_ ? 0 : end;
        }
        return done_ >= total_;
    }
    double progress() const { return total_ == 0 ? 1.0 : static_cast<double>(done_) / static_cast<double>(total_); }

private:
    std::size_t size_ = 0, cursor_ = 0;
    long long done_ = 0, total_ = 0;
};

// One model of the zoo.
class Model {
public:
    virtual ~Model() = default;
    // Name in carry-cli zoo's JSON: "autoregressive", "feed-forward taps",
    // "feed-forward fixed width", "linear dynamical system", "HMM", "RNN", "LSTM".
    virtual std::string name() const = 0;
    // Number of trainable parameters (free table entries for the HMM).
    virtual std::size_t params() const = 0;
    // Trains on the data given at construction for a bounded amount of work (a few ms on the
    // desktop); returns true once training is complete (further calls do nothing and return true).
    virtual bool train_some() = 0;
    // 0..1, how much of the training is done.
    virtual double progress() const = 0;
    // The model's n+1 sum bits (LSB first) for the pair, read right to left like the net reads
    // them, or std::nullopt when the model cannot take a pair of this width at all.
    virtual std::optional<BitVector> add(const Pair& p) const = 0;
    // One sentence in the lecture's words: why this kind of model can or cannot add.
    virtual std::string reason() const = 0;
};

}  // namespace carry::zoo
