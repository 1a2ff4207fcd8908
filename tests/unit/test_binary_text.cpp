// Tests for core/binary_text: parsing errors name the character and position, formatting
// round-trips, and the reference adder agrees with integer addition.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "core/binary_text.h"

using carry::BitVector;

TEST_CASE("[text] parses plain, prefixed and separated numbers LSB-first") {
    SUBCASE("plain") {
        auto r = carry::parse_binary("1101");
        REQUIRE(r.ok());
        CHECK(r.bits == BitVector{1, 0, 1, 1});
    }
    SUBCASE("prefix and separators") {
        auto r = carry::parse_binary("0b1_0_0");
        REQUIRE(r.ok());
        CHECK(r.bits == BitVector{0, 0, 1});
        CHECK(carry::parse_binary("0B11").bits == BitVector{1, 1});
    }
    SUBCASE("leading zeros are kept as columns") {
        auto r = carry::parse_binary("0001");
        REQUIRE(r.ok());
        CHECK(r.bits.size() == 4);
    }
    SUBCASE("'0b' alone with a zero digit after it") { CHECK(carry::parse_binary("0b0").bits == BitVector{0}); }
    SUBCASE("a lone 0 is a number, not a prefix") { CHECK(carry::parse_binary("0").bits == BitVector{0}); }
}

TEST_CASE("[text] errors name the offending character and its 1-based position") {
    auto r = carry::parse_binary("10201");
    CHECK_FALSE(r.ok());
    CHECK(r.error.find("'2'") != std::string::npos);
    CHECK(r.error.find("position 3") != std::string::npos);

    auto p = carry::parse_binary("0b1x");  // the prefix counts in the position
    CHECK(p.error.find("'x'") != std::string::npos);
    CHECK(p.error.find("position 4") != std::string::npos);

    auto s = carry::parse_binary("1 0");
    CHECK(s.error.find("' '") != std::string::npos);
    CHECK(s.error.find("position 2") != std::string::npos);

    auto minus = carry::parse_binary("-1");
    CHECK(minus.error.find("'-'") != std::string::npos);
    CHECK(minus.error.find("position 1") != std::string::npos);

    auto utf8 = carry::parse_binary(
        "1\xC3\xA9"
        "1");  // "1é1": whole character, position in characters
    CHECK(utf8.error.find("'\xC3\xA9'") != std::string::npos);
    CHECK(utf8.error.find("position 2") != std::string::npos);

    auto ctrl = carry::parse_binary(std::string("1\x01", 2));
    CHECK(ctrl.error.find("0x01") != std::string::npos);

    auto twoprefix = carry::parse_binary("0b0b1");
    CHECK(twoprefix.error.find("'b'") != std::string::npos);
    CHECK(twoprefix.error.find("position 4") != std::string::npos);
}

TEST_CASE("[text] empty and over-long numbers have their own errors") {
    CHECK(carry::parse_binary("").error.find("empty") != std::string::npos);
    CHECK(carry::parse_binary("0b").error.find("empty") != std::string::npos);
    CHECK(carry::parse_binary("___").error.find("empty") != std::string::npos);

    std::string max(carry::kMaxNumberBits, '1');
    CHECK(carry::parse_binary(max).ok());
    auto too_long = carry::parse_binary(max + "0");
    CHECK_FALSE(too_long.ok());
    CHECK(too_long.error.find("too long") != std::string::npos);
    CHECK(too_long.error.find("4097") != std::string::npos);
    // Separators do not count as bits.
    CHECK(carry::parse_binary(max + "___").ok());
}

TEST_CASE("[text] formatting is MSB-first and round-trips") {
    CHECK(carry::format_bits(BitVector{1, 0, 1, 1}) == "1101");
    CHECK(carry::format_bits(BitVector{}) == "0");
    CHECK(carry::format_bits(BitVector{1, 0, 0}) == "001");
    CHECK(carry::format_bits_trimmed(BitVector{1, 0, 0}) == "1");
    CHECK(carry::format_bits_trimmed(BitVector{0, 0}) == "0");
    const std::string text = "0110100111000101";
    CHECK(carry::format_bits(carry::parse_binary(text).bits) == text);
}

TEST_CASE("[text] the reference adder matches integer addition") {
    for (std::uint64_t a = 0; a < 64; ++a)
        for (std::uint64_t b = 0; b < 64; ++b) {
            const BitVector s = carry::add_exact(carry::bits_from_uint(a, 6), carry::bits_from_uint(b, 6));
            REQUIRE(s.size() == 7);
            CHECK(carry::bits_to_uint(s) == a + b);
        }
    // Different lengths, and a carry that ripples through a long run of ones.
    const BitVector ones(300, 1);
    const BitVector s = carry::add_exact(ones, BitVector{1});
    REQUIRE(s.size() == 301);
    for (std::size_t i = 0; i < 300; ++i) CHECK(s[i] == 0);
    CHECK(s[300] == 1);
    CHECK(carry::add_exact(BitVector{}, BitVector{}) == BitVector{0});
}
