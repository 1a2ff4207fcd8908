// zoo/lstm_trainer: the LSTM trained a few minibatches at a time on random sums (see lstm_trainer.h).
#include "core/zoo/lstm_trainer.h"

#include <stdexcept>

#include "core/trainer.h"  // curriculum_max_bits: the recurrent net's curriculum, shared

namespace carry::zoo {

namespace {

// The seed's streams: the init, the training sums, the validation sums.
constexpr std::uint64_t kInitStream = 0x6c73'746d'696e'6974ULL;      // "lstminit"
constexpr std::uint64_t kDataStream = 0x6c73'746d'6461'7461ULL;      // "lstmdata"
constexpr std::uint64_t kValidateStream = 0x6c73'746d'7661'6c69ULL;  // "lstmvali"

LstmConfig init_config(const LstmTrainConfig& c, std::uint64_t seed) {
    LstmConfig l;
    l.hidden = c.hidden;
    l.seed = derive_seed(seed, kInitStream);
    l.init_scale = c.init_scale;
    l.forget_bias = c.forget_bias;
    return l;
}

void check(const LstmTrainConfig& c) {
    if (c.batch < 1 || !(c.lr > 0.0) || !(c.clip_norm >= 0.0) || c.min_bits < kMinPairBits ||
        c.max_bits > kMaxPairBits || c.min_bits > c.max_bits || c.curriculum_start_bits < kMinPairBits ||
        c.validation_bits < kMinPairBits || c.validation_bits > kMaxPairBits || c.validation_count < 1 ||
        c.quick_count < 1)
        throw std::invalid_argument("lstm trainer: bad settings");
}

// Whether the first `count` sums of the validation stream are all exact (stops at the first wrong one).
bool first_exact(const Lstm& lstm, int bits, int count, std::uint64_t seed) {
    Rng rng(seed);
    for (int k = 0; k < count; ++k) {
        const Pair p = random_pair(rng, bits);
        if (lstm_add(lstm, p) != true_sum(p)) return false;
    }
    return true;
}

}  // namespace

LstmTrainer::LstmTrainer(const LstmTrainConfig& config, std::uint64_t seed)
    : config_(config), seed_(seed), lstm_(lstm_init(init_config(config, seed))), rng_(derive_seed(seed, kDataStream)) {
    check(config_);
    optim_.kind = OptimizerKind::Adam;
    optim_.lr = config_.lr;
    optim_.clip_norm = config_.clip_norm;
    optim_reset(state_, lstm_.params.size(), optim_);
    grads_.assign(lstm_.params.size(), 0.0);
    next_validation_ = config_.validate_every;
}

int LstmTrainer::current_max_bits() const {
    TrainConfig c;
    c.curriculum = config_.curriculum;
    c.curriculum_start_bits = config_.curriculum_start_bits;
    c.curriculum_grow_every = config_.curriculum_grow_every;
    return curriculum_max_bits(c, sequences_, config_.max_bits);
}

LstmStepResult LstmTrainer::step(int minibatches) {
    LstmStepResult r;
    const double scale = 1.0 / config_.batch;  // the minibatch loss is the mean over its sequences
    double loss_sum = 0.0;
    for (int k = 0; k < minibatches; ++k) {
        // As Trainer::train_minibatch: one length per minibatch, then its sums.
        const int hi = current_max_bits();
        const int lo = config_.min_bits < hi ? config_.min_bits : hi;
        const int n = static_cast<int>(rng_.range(lo, hi));
        for (double& g : grads_) g = 0.0;
        double loss = 0.0;
        for (int b = 0; b < config_.batch; ++b) {
            const Pair p = random_pair(rng_, n);
            loss += lstm_forward(trace_, lstm_, p);
            lstm_backward(grads_, trace_, lstm_, lstm_loss_derivatives(trace_, p), scale);
        }
        r.grad_norm = optim_step(lstm_.params, grads_, state_, optim_, {});
        loss_sum += loss * scale;
        sequences_ += config_.batch;
        ++r.minibatches;
        if (config_.validate_every > 0 && sequences_ >= next_validation_) {
            next_validation_ = sequences_ + config_.validate_every;
            const std::uint64_t vseed = derive_seed(seed_, kValidateStream);
            if (first_exact(lstm_, config_.validation_bits, config_.quick_count, vseed))
                validate();
            else
                solved_ = false;
        }
        if (solved_) break;
    }
    r.loss = r.minibatches > 0 ? loss_sum / r.minibatches : 0.0;
    r.solved = solved_;
    return r;
}

double LstmTrainer::validate() {
    last_exact_ = lstm_exact_accuracy(lstm_, config_.validation_bits, config_.validation_count,
                                      derive_seed(seed_, kValidateStream))
                      .exact;
    solved_ = last_exact_ == 1.0;
    return last_exact_;
}

LstmAccuracy lstm_exact_accuracy(const Lstm& lstm, int bits, int count, std::uint64_t seed) {
    LstmAccuracy acc;
    if (count < 1) return acc;
    Rng rng(seed);
    LstmTrace tr;
    int exact = 0;
    double loss = 0.0;
    for (int k = 0; k < count; ++k) {
        const Pair p = random_pair(rng, bits);
        loss += lstm_forward(tr, lstm, p);
        const BitVector sum = true_sum(p);
        bool all = true;
        for (int t = 0; t < tr.T && all; ++t)
            all = (tr.logit[static_cast<std::size_t>(t)] >= 0.0) == (sum[static_cast<std::size_t>(t)] != 0);
        exact += all;
    }
    acc.exact = static_cast<double>(exact) / count;
    acc.loss_per_bit = loss / (static_cast<double>(count) * pair_columns(bits));
    return acc;
}

}  // namespace carry::zoo
