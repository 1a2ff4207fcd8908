// bench: training throughput (sequence-steps per second) of forward + backward + update.
#include "core/bench.h"

#include <chrono>

#include "core/bptt.h"
#include "core/net.h"
#include "core/optim.h"

namespace carry {

namespace {

struct BenchState {
    Net net;
    Batch batch;
    Activities acts;
    std::vector<double> grads;
    OptimState opt;
    OptimConfig cfg;
    LossConfig loss;
    Rng rng{1};
    std::vector<unsigned char> frozen;
};

// One training minibatch, kept out of line: V8 optimizes a wasm function only between calls
// (TOOLCHAIN.md, "WebAssembly speed"), so the hot loop must be a function called again and again.
[[gnu::noinline]] void bench_minibatch(BenchState& st, int batch, int bits) {
    batch_random(st.batch, st.rng, batch, bits);
    rnn_forward(st.acts, st.net, st.batch, st.loss);
    zero_grad(st.grads);
    rnn_backward(st.grads, st.acts, st.net, st.batch, st.loss);
    optim_step(st.net.params, st.grads, st.opt, st.cfg, st.frozen);
}

}  // namespace

BenchRow bench_training(int hidden, int batch, int bits, double min_seconds) {
    BenchState st;
    NetConfig nc;
    nc.hidden = hidden;
    st.net = net_init(nc, 1);
    st.grads.assign(st.net.params.size(), 0.0);
    st.cfg.lr = 0.01;
    optim_reset(st.opt, st.net.params.size(), st.cfg);
    using clock = std::chrono::steady_clock;
    for (int k = 0; k < 3; ++k) bench_minibatch(st, batch, bits);  // warm up (allocations, JIT)
    BenchRow row;
    row.hidden = hidden;
    row.batch = batch;
    row.bits = bits;
    const auto t0 = clock::now();
    double elapsed = 0.0;
    long long steps = 0;
    const long long per_call = static_cast<long long>(batch) * (bits + 1);
    do {
        for (int k = 0; k < 16; ++k) bench_minibatch(st, batch, bits);
        steps += 16 * per_call;
        elapsed = std::chrono::duration<double>(clock::now() - t0).count();
    } while (elapsed < min_seconds);
    row.steps = steps;
    row.seconds = elapsed;
    row.steps_per_second = static_cast<double>(steps) / elapsed;
    return row;
}

std::vector<BenchRow> bench_default(double min_seconds) {
    std::vector<BenchRow> rows;
    for (int h : {3, 16})
        for (int b : {1, 32}) rows.push_back(bench_training(h, b, 64, min_seconds));
    return rows;
}

}  // namespace carry
