// Determinism: the same seed and settings give bit-identical weights on every platform.
// This test runs natively and under Node (WebAssembly); both must produce the ONE hash below.
// If an intended change to the arithmetic moves it, update the constant in the same commit
// and make sure both builds agree on the new value.
#include <doctest/doctest.h>

#include <cstring>

#include "core/bptt.h"
#include "core/settings.h"
#include "core/trainer.h"

using namespace carry;

TEST_CASE("[determinism] 10 000 training sequences give one recorded weight hash") {
    for (const bool baseline : {false, true}) {  // the kernels in use, then the baseline copy
        force_baseline_kernels(baseline);
        Trainer tr(TrainConfig{}, 1);
        while (tr.sequences() < 10000) tr.step(1);
        force_baseline_kernels(false);
        REQUIRE(tr.sequences() == 10000);
        const std::uint64_t h = params_hash(tr.net().params);
        MESSAGE("kernels " << std::string(baseline ? "baseline" : kernel_isa()) << ": weight hash "
                           << params_hash_hex(tr.net().params) << ", first weight " << tr.net().params[0]);
        CHECK(h == 0xfe6b703b7b4c73d4ULL);
    }
}

// x86-64 native builds carry an AVX copy of the BPTT kernels (bptt_kernels.inl) beside the
// baseline: the same source, three-operand encoding, no FMA. Both must give the same bits, for the
// fixed-size (H = 3, 16) and generic kernels, lane groups and leftover sequences alike.
TEST_CASE("[determinism] the AVX and the baseline kernels give the same weights, bit for bit") {
    force_baseline_kernels(false);
    const std::string isa = kernel_isa();
    MESSAGE("kernels in use: " << isa);
    if (isa == "baseline") {
        MESSAGE("no AVX copy here (WebAssembly, clang or a CPU without AVX): nothing to compare");
        return;
    }
    for (const int hidden : {3, 5, 16})
        for (const int batch : {1, 9, 32}) {
            CAPTURE(hidden);
            CAPTURE(batch);
            TrainConfig cfg;
            cfg.net.hidden = hidden;
            cfg.batch = batch;
            Trainer avx(cfg, 7);
            avx.step(6);
            force_baseline_kernels(true);
            CHECK(std::strcmp(kernel_isa(), "baseline") == 0);
            Trainer base(cfg, 7);
            base.step(6);
            force_baseline_kernels(false);
            REQUIRE(avx.sequences() == base.sequences());
            CHECK(params_hash(avx.net().params) == params_hash(base.net().params));
        }
}

TEST_CASE("[determinism] same seed twice gives the same weights, another seed does not") {
    Trainer a(TrainConfig{}, 3), b(TrainConfig{}, 3), c(TrainConfig{}, 4);
    a.step(30);
    b.step(30);
    c.step(30);
    CHECK(a.net().params == b.net().params);
    CHECK(a.net().params != c.net().params);
}
