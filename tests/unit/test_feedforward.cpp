// Tests for core/feedforward: the split holds out exactly the pairs with a carry into the chosen
// column, training fits the training pairs, everything is deterministic, and bad settings are
// refused. The numbers themselves are reported (MESSAGE), not asserted: they are the result.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "core/feedforward.h"

namespace {

carry::FeedforwardConfig small_config() {
    carry::FeedforwardConfig c;
    c.width = 6;
    c.hidden = 32;
    c.epochs = 150;
    c.unseen_carry_column = 3;
    c.rnn_sequences = 0;
    return c;
}

}  // namespace

TEST_CASE("[feedforward] the split: unseen carries held out, train and held-out disjoint") {
    const carry::FeedforwardConfig c = small_config();
    const carry::FeedforwardSplit s = carry::feedforward_split(c);
    CHECK(s.train.size() + s.heldout.size() + s.unseen_carry.size() == 4096u);
    auto carry_in = [&](std::uint32_t code) { return (((code & 7u) + ((code >> 6) & 7u)) >> 3) != 0; };
    for (auto code : s.unseen_carry) CHECK(carry_in(code));
    for (auto code : s.train) CHECK_FALSE(carry_in(code));
    for (auto code : s.heldout) CHECK_FALSE(carry_in(code));
    std::set<std::uint32_t> train(s.train.begin(), s.train.end());
    for (auto code : s.heldout) CHECK(train.count(code) == 0);
    CHECK(s.train.size() == (4096u - s.unseen_carry.size()) / 2);
    // 28 of the 64 (low 3 bits of a, b) combinations carry into column 3.
    CHECK(s.unseen_carry.size() == 28u * 64u);
    CHECK(carry::feedforward_split(c).train == s.train);  // seeded, repeatable
    carry::FeedforwardConfig other = c;
    other.seed = 2;
    CHECK(carry::feedforward_split(other).train != s.train);
}

TEST_CASE("[feedforward] trains on its pairs, deterministically; the result is reported") {
    const carry::FeedforwardConfig c = small_config();
    carry::FeedforwardResult a, b;
    REQUIRE(carry::run_feedforward_baseline(c, &a));
    REQUIRE(carry::run_feedforward_baseline(c, &b));
    MESSAGE("feed-forward 12-32-7, exact/bit: train "
            << a.train.exact_accuracy << "/" << a.train.bit_accuracy << ", held-out " << a.heldout.exact_accuracy << "/"
            << a.heldout.bit_accuracy << ", unseen carry " << a.unseen_carry.exact_accuracy << "/"
            << a.unseen_carry.bit_accuracy);
    CHECK(a.train.exact_accuracy > 0.9);  // it can fit what it was shown
    CHECK(a.train.pairs == carry::feedforward_split(c).train.size());
    CHECK(a.parameters == 12 * 32 + 32 + 32 * 7 + 7);
    CHECK(a.final_loss == b.final_loss);
    CHECK(a.unseen_carry.bit_accuracy == b.unseen_carry.bit_accuracy);
    CHECK_FALSE(a.rnn_run);
}

TEST_CASE("[feedforward] the recurrent net on the same pairs") {
    carry::FeedforwardConfig c = small_config();
    c.epochs = 1;
    c.rnn_sequences = 16000;
    carry::FeedforwardResult r;
    REQUIRE(carry::run_feedforward_baseline(c, &r));
    REQUIRE(r.rnn_run);
    CHECK(r.rnn_sequences > 0);
    CHECK(r.rnn_sequences <= c.rnn_sequences);
    CHECK(r.rnn_unseen_carry.pairs == r.unseen_carry.pairs);
    MESSAGE("recurrent on the same pairs, exact: train "
            << r.rnn_train.exact_accuracy << ", held-out " << r.rnn_heldout.exact_accuracy << ", unseen carry "
            << r.rnn_unseen_carry.exact_accuracy << " (" << r.rnn_sequences << " sequences)");
}

TEST_CASE("[feedforward] settings out of range are refused") {
    carry::FeedforwardResult r;
    r.parameters = -7;
    for (auto edit :
         {+[](carry::FeedforwardConfig& c) { c.width = 1; }, +[](carry::FeedforwardConfig& c) { c.width = 11; },
          +[](carry::FeedforwardConfig& c) { c.unseen_carry_column = 6; },
          +[](carry::FeedforwardConfig& c) { c.unseen_carry_column = 0; },
          +[](carry::FeedforwardConfig& c) { c.hidden = 0; }, +[](carry::FeedforwardConfig& c) { c.lr = 0.0; },
          +[](carry::FeedforwardConfig& c) { c.train_fraction = 0.0; }}) {
        carry::FeedforwardConfig c = small_config();
        edit(c);
        CHECK_FALSE(carry::run_feedforward_baseline(c, &r));
    }
    CHECK(r.parameters == -7);  // untouched
}

namespace {

void check_same_score(const carry::SplitScore& a, const carry::SplitScore& b) {
    CHECK(a.pairs == b.pairs);
    CHECK(a.exact_accuracy == b.exact_accuracy);
    CHECK(a.bit_accuracy == b.bit_accuracy);
}

void check_same_result(const carry::FeedforwardResult& a, const carry::FeedforwardResult& b) {
    check_same_score(a.train, b.train);
    check_same_score(a.heldout, b.heldout);
    check_same_score(a.unseen_carry, b.unseen_carry);
    CHECK(a.final_loss == b.final_loss);
    CHECK(a.parameters == b.parameters);
    CHECK(a.rnn_run == b.rnn_run);
    CHECK(a.rnn_sequences == b.rnn_sequences);
    check_same_score(a.rnn_train, b.rnn_train);
    check_same_score(a.rnn_heldout, b.rnn_heldout);
    check_same_score(a.rnn_unseen_carry, b.rnn_unseen_carry);
}

}  // namespace

TEST_CASE("[feedforward] the sliced baseline equals the one-shot run exactly, whatever the slices") {
    carry::FeedforwardConfig c = small_config();
    c.epochs = 3;
    c.rnn_sequences = 12000;  // one restart at least (restart_after 8000) when the first run does not fit
    carry::FeedforwardResult one;
    REQUIRE(carry::run_feedforward_baseline(c, &one));
    REQUIRE(one.rnn_run);
    for (long long units : {1LL, 7LL, 300LL}) {
        CAPTURE(units);
        carry::FeedforwardBaseline b(c);
        REQUIRE(b.valid());
        double last = -1.0;
        int calls = 0;
        while (!b.step_units(units)) {
            ++calls;
            CHECK(b.progress() >= last);  // progress never goes back
            CHECK(b.progress() < 1.0);
            last = b.progress();
        }
        CHECK(b.progress() == 1.0);
        CHECK(calls > 1);
        check_same_result(b.result(), one);
    }
    carry::FeedforwardConfig bad = c;
    bad.width = 1;
    carry::FeedforwardBaseline b(bad);
    CHECK_FALSE(b.valid());
    CHECK(b.done());
}

TEST_CASE("[feedforward] a time-budgeted slice is bounded by its budget, not by the whole run") {
    carry::FeedforwardBaseline b{carry::FeedforwardConfig{}};  // the app's comparison
    double worst = 0.0;
    for (int k = 0; k < 20 && !b.done(); ++k) {
        const auto t0 = std::chrono::steady_clock::now();
        b.step(5.0);
        worst =
            std::max(worst, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    CHECK_FALSE(b.done());  // 20 slices of 5 ms do not finish it (about 2.5 s of work)
    CHECK(worst < 50.0);    // one work unit overshoots the budget by well under a millisecond
}
