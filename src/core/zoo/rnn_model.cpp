// zoo/rnn_model: the core's recurrent net behind the zoo's Model interface (see rnn_model.h).
#include "core/zoo/rnn_model.h"

#include <algorithm>

#include "core/net.h"
#include "core/rng.h"
#include "core/trainer.h"

namespace carry::zoo {
namespace {

class RnnModel final : public Model {
public:
    RnnModel(const ZooData& data, const RnnModelConfig& config)
        : config_(config),
          trainer_(train_config(data), derive_seed(data.seed, 0x726e6eULL)),
          task_(data.task) {                                                 // "rnn"
        trainer_.set_batch_source(pair_list_source(data.train, data.task));  // the zoo's shared training pairs
    }

    std::string name() const override { return "RNN"; }
    std::size_t params() const override { return param_count(trainer_.net().hidden()); }

    bool train_some() override {
        if (done()) return true;
        trainer_.step(std::max(config_.minibatches_per_slice, 1));
        return done();
    }
    double progress() const override {
        if (done()) return 1.0;
        return std::min(
            1.0, static_cast<double>(trainer_.sequences()) / static_cast<double>(std::max(config_.sequences, 1LL)));
    }
    std::optional<BitVector> add(const Pair& p) const override { return net_add(trainer_.net(), p); }
    std::string reason() const override {
        if (!is_add(task_))
            return "Its hidden state is distributed and its dynamics non-linear, so its hidden units can hold the "
                   "state of the task's machine and apply its rule at every column, however long the input.";
        return "Its hidden state is distributed and its dynamics non-linear, so three hidden units learn the "
               "adder's four-node automaton (carry or no carry, with the bit printed) and apply it at every "
               "column, however long the numbers.";
    }

private:
    static TrainConfig train_config(const ZooData& data) {
        TrainConfig c;  // the defaults, on the zoo's lengths and task
        c.task = data.task;
        c.min_bits = data.min_bits;
        c.max_bits = data.max_bits;
        return c;
    }
    bool done() const { return trainer_.solved() || trainer_.sequences() >= config_.sequences; }

    RnnModelConfig config_;
    Trainer trainer_;
    Task task_;
};

}  // namespace

std::unique_ptr<Model> make_rnn_model(const ZooData& data, const RnnModelConfig& config) {
    return std::make_unique<RnnModel>(data, config);
}

}  // namespace carry::zoo
