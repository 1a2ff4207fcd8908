// Determinism: the same seed and settings give bit-identical weights on every platform.
// This test runs natively and under Node (WebAssembly); both must produce the ONE hash below.
// If an intended change to the arithmetic moves it, update the constant in the same commit
// and make sure both builds agree on the new value.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>

#include "core/trainer.h"

using namespace carry;

static std::uint64_t fnv1a(const std::vector<double>& v) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (double d : v) {
        unsigned char bytes[sizeof d];
        std::memcpy(bytes, &d, sizeof d);
        for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
    }
    return h;
}

TEST_CASE("[determinism] 10 000 training sequences give one recorded weight hash") {
    Trainer tr(TrainConfig{}, 1);
    while (tr.sequences() < 10000) tr.step(1);
    REQUIRE(tr.sequences() == 10000);
    const std::uint64_t h = fnv1a(tr.net().params);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    MESSAGE("weight hash " << hex << ", first weight " << tr.net().params[0]);
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
