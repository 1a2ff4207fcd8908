// Determinism: the same seed and settings give bit-identical weights on every platform.
// This test runs natively and under Node (WebAssembly); both must produce the ONE hash below.
// If an intended change to the arithmetic moves it, update the constant in the same commit
// and make sure both builds agree on the new value.
#include <doctest/doctest.h>


#include "core/settings.h"
#include "core/trainer.h"

using namespace carry;


TEST_CASE("[determinism] 10 000 training sequences give one recorded weight hash") {
    Trainer tr(TrainConfig{}, 1);
    while (tr.sequences() < 10000) tr.step(1);
    REQUIRE(tr.sequences() == 10000);
    const std::uint64_t h = params_hash(tr.net().params);
    MESSAGE("weight hash " << params_hash_hex(tr.net().params) << ", first weight " << tr.net().params[0]);
    CHECK(h == 0xfe6b703b7b4c73d4ULL);
}

TEST_CASE("[determinism] same seed twice gives the same weights, another seed does not") {
    Trainer a(TrainConfig{}, 3), b(TrainConfig{}, 3), c(TrainConfig{}, 4);
    a.step(30);
    b.step(30);
    c.step(30);
    CHECK(a.net().params == b.net().params);
    CHECK(a.net().params != c.net().params);
}
