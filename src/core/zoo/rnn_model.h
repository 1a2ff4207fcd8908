// zoo/rnn_model: the core's recurrent net (core/net.h, trained by core/trainer.h) as a zoo model.
//
// The lecture's recurrent net: two input units, three hidden units fully connected to each other,
// one output; its target is the sum bit of the column read two steps earlier. Its hidden state is
// distributed (many bits about the past) and its dynamics non-linear, so it can learn the adder's
// four-node automaton and then add numbers of any length.
//
// Training: the core Trainer with its default TrainConfig (SGD with momentum, the length
// curriculum, validation on 64-bit sums, restarts of a stuck run), a few minibatches per
// train_some(), until it is solved or `sequences` training sums are spent. Its minibatches come
// from the zoo's shared training pairs (data.train, like every other zoo model's): each minibatch
// has one length n (the curriculum's draw in [data.min_bits, data.max_bits]), and each of its
// sequences is a uniformly drawn training pair cut to its low n bits or zero-padded to n bits.
#pragma once

#include <cstdint>
#include <memory>

#include "core/zoo/model.h"

namespace carry::zoo {

struct RnnModelConfig {
    long long sequences = 40000;    // training budget (the default net solves in ~3000, median)
    int minibatches_per_slice = 8;  // per train_some(): 64 sums of <= 16 bits, well under a ms
};

std::unique_ptr<Model> make_rnn_model(const ZooData& data, const RnnModelConfig& config);

}  // namespace carry::zoo
