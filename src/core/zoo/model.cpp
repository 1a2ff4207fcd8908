// zoo/model.cpp: the zoo's shared training data and the carry-reach measure (see model.h).
#include "core/zoo/model.h"

#include <algorithm>

#include "core/rng.h"

namespace carry::zoo {

ZooData make_zoo_data(std::uint64_t seed, int count, int min_bits, int max_bits, const Task& task) {
    ZooData data;
    data.task = task;
    data.seed = seed;
    data.min_bits = min_bits;
    data.max_bits = max_bits;
    Rng rng(seed);
    data.train.reserve(static_cast<std::size_t>(std::max(count, 0)));
    for (int i = 0; i < count; ++i) {
        data.train.push_back(random_pair(rng, min_bits, max_bits));
        if (task.machine.inputs == 1) std::fill(data.train.back().b.begin(), data.train.back().b.end(), 0);
    }
    return data;
}

int carry_reach(const Pair& p, int t) {
    int j = t - 1;
    while (j >= 0 && column_a(p, j) != column_b(p, j)) --j;  // skip the columns that propagate
    return t - j;  // j = -1: the zeros before column 0 decide (a window cannot tell where column 0 is)
}

int longest_carry_reach(const Pair& p) {
    int longest = 0;
    for (int t = 0; t < pair_columns(p.bits()); ++t) longest = std::max(longest, carry_reach(p, t));
    return longest;
}

}  // namespace carry::zoo
