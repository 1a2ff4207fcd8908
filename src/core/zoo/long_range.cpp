// zoo/long_range: sums with one long carry chain (see long_range.h).
#include "core/zoo/long_range.h"

#include <stdexcept>

namespace carry::zoo {

ChainPair pair_with_chain(Rng& rng, int chain) {
    if (chain < 1 || chain > kMaxPairBits - kChainMargin) throw std::invalid_argument("pair_with_chain: bad length");
    const int n = chain + kChainMargin;
    ChainPair cp;
    cp.pair.a.assign(static_cast<std::size_t>(n), 0);
    cp.pair.b.assign(static_cast<std::size_t>(n), 0);
    const int g = static_cast<int>(rng.below(kChainMargin / 2 + 1));  // the generating column: 0 .. margin/2
    cp.land = g + chain;                                              // <= n - margin/2
    // Other propagate runs stay below min(chain, 4) columns: random columns around the chain.
    const int cap = chain < 4 ? chain - 1 : 3;
    int run = 0;  // propagate columns just before t (outside the chain)
    for (int t = 0; t < n; ++t) {
        const auto i = static_cast<std::size_t>(t);
        const auto bit = static_cast<std::uint8_t>(rng.below(2));
        bool propagate;
        if (t == g) {
            cp.pair.a[i] = cp.pair.b[i] = 1;  // generate
            run = 0;
            continue;
        }
        if (t > g && t < cp.land)
            propagate = true;
        else if (t == cp.land || t == g - 1)
            propagate = false;  // the chain's ends are decided
        else
            propagate = run < cap && rng.below(2) == 1;
        cp.pair.a[i] = bit;
        cp.pair.b[i] = propagate ? static_cast<std::uint8_t>(1 - bit) : bit;
        run = propagate && !(t > g && t < cp.land) ? run + 1 : 0;
    }
    return cp;
}

std::vector<ChainPair> chain_set(std::uint64_t seed, int chain, int count) {
    Rng rng(derive_seed(seed, 0x636861696eULL + static_cast<std::uint64_t>(chain)));  // "chain"
    std::vector<ChainPair> set;
    for (int i = 0; i < count; ++i) set.push_back(pair_with_chain(rng, chain));
    return set;
}

ChainScore score_chains(const std::vector<ChainPair>& set, const std::function<BitVector(const Pair&)>& add) {
    ChainScore s;
    if (set.empty()) return s;
    int exact = 0, land = 0;
    for (const ChainPair& cp : set) {
        const BitVector want = true_sum(cp.pair), got = add(cp.pair);
        exact += got == want;
        const auto l = static_cast<std::size_t>(cp.land);
        land += l < got.size() && got[l] == want[l];
    }
    s.exact = static_cast<double>(exact) / static_cast<double>(set.size());
    s.land = static_cast<double>(land) / static_cast<double>(set.size());
    return s;
}

}  // namespace carry::zoo
