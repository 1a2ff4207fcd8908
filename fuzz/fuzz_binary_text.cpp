// libFuzzer target: parse_binary() (every text field where a student types a number) and, on
// success, the formatting and exact-addition helpers round-trip what it parsed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/binary_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // First byte picks a digit limit (small limits hit the "too long" path), the rest is the text.
    std::size_t max_bits = carry::kMaxNumberBits;
    if (size > 0) {
        max_bits = data[0] == 0 ? 0 : (data[0] % 64 == 0 ? carry::kMaxNumberBits : data[0] % 64);
        ++data;
        --size;
    }
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const carry::ParsedBits p = carry::parse_binary(text, max_bits);
    if (!p.ok()) {
        if (!p.bits.empty() && p.error.empty()) std::abort();
        return 0;
    }
    if (p.bits.empty() || p.bits.size() > max_bits) std::abort();
    for (auto b : p.bits)
        if (b > 1) std::abort();
    // Formatting and parsing again gives the same bits (leading zeros kept).
    const std::string s = carry::format_bits(p.bits);
    const carry::ParsedBits q = carry::parse_binary(s, max_bits);
    if (!q.ok() || q.bits != p.bits) std::abort();
    const carry::BitVector sum = carry::add_exact(p.bits, q.bits);
    if (sum.size() != p.bits.size() + 1) std::abort();
    // x + x = x shifted left by one.
    if (sum[0] != 0) std::abort();
    for (std::size_t i = 0; i < p.bits.size(); ++i)
        if (sum[i + 1] != p.bits[i]) std::abort();
    (void)carry::format_bits_trimmed(p.bits);
    return 0;
}
