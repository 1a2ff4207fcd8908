// zoo/fixed_width: the feed-forward baseline the lecture argues against (core/feedforward.h), as a
// zoo model: both whole numbers go in at once, the whole sum comes out at once.
//
// A net of `width`-bit operands: 2*width input units (a's bits, then b's), one hidden layer of
// logistic units, width+1 logistic outputs (the sum bits), trained by minibatch Adam on
// cross-entropy: the core's one multilayer perceptron (core/feedforward.h: Mlp, MlpTrainer), the
// same net the feed-forward baseline trains, here on the zoo's data.
//
// Data (the zoo's, not feedforward.h's split): every training pair of data.train with at most
// `width` bits, zero-padded at the top to `width` bits. Wider training pairs are skipped: the net
// has no input units for them. add() takes pairs of at most `width` bits (zero-padded the same
// way, the sum cut back to n+1 bits) and returns nullopt for wider ones: its width is fixed in
// advance, and the carry rules are learned separately for every column.
#pragma once

#include <cstdint>
#include <memory>

#include "core/zoo/model.h"

namespace carry::zoo {

struct FixedWidthConfig {
    int width = 8;    // bits per operand (2..16)
    int hidden = 64;  // logistic hidden units
    int epochs = 60;  // passes over the usable training pairs
    int batch = 32;
    double lr = 0.01;        // Adam
    std::uint64_t seed = 1;  // initial weights and the shuffles
    int slice = 256;         // training pairs per train_some()
};

// Throws std::invalid_argument on a config out of range.
std::unique_ptr<Model> make_fixed_width(const ZooData& data, const FixedWidthConfig& config);

}  // namespace carry::zoo
