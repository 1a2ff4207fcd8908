// binary_text: parsing, formatting and exact addition of binary numbers (see binary_text.h).
#include "core/binary_text.h"

#include <algorithm>

namespace carry {
namespace {

// How a byte looks in an error message: printable ASCII in quotes, anything else as hex.
std::string describe_char(std::string_view text, std::size_t i, std::size_t* consumed) {
    const auto c = static_cast<unsigned char>(text[i]);
    *consumed = 1;
    if (c >= 0x20 && c < 0x7f) return std::string("'") + static_cast<char>(c) + "'";
    // A UTF-8 lead byte: show the whole character so the message stays readable.
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (len > 1 && i + len <= text.size()) {
        bool valid = true;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) valid = false;
        if (valid) {
            *consumed = len;
            std::string quoted = "'";  // appended piecewise: GCC 12 warns falsely on "'" + string
            quoted.append(text.substr(i, len));
            quoted += '\'';
            return quoted;
        }
    }
    static const char* hex = "0123456789abcdef";
    std::string s = "byte 0x";
    s += hex[c >> 4];
    s += hex[c & 15];
    return s;
}

}  // namespace

ParsedBits parse_binary(std::string_view text, std::size_t max_bits) {
    ParsedBits out;
    std::size_t start = 0;
    if (text.size() >= 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B')) start = 2;

    std::size_t digits = 0;
    std::size_t position = start;  // 1-based position of the current character, in characters
    for (std::size_t i = start; i < text.size();) {
        ++position;
        const char c = text[i];
        if (c == '0' || c == '1') {
            ++digits;
            ++i;
        } else if (c == '_') {
            ++i;
        } else {
            std::size_t consumed = 1;
            const std::string what = describe_char(text, i, &consumed);
            out.error = "invalid character " + what + " at position " + std::to_string(position) +
                        " (a binary number uses only 0, 1, '_' separators and an optional 0b prefix)";
            return out;
        }
    }
    if (digits == 0) {
        out.error = text.empty() ? "empty number: expected binary digits (0 and 1)"
                                 : "empty number: \"" + std::string(text) + "\" has no binary digits";
        return out;
    }
    if (digits > max_bits) {
        out.error = "number too long: " + std::to_string(digits) + " bits (at most " + std::to_string(max_bits) + ")";
        return out;
    }
    out.bits.reserve(digits);
    // Text is MSB-first; store LSB-first.
    for (std::size_t i = text.size(); i-- > start;)
        if (text[i] == '0' || text[i] == '1') out.bits.push_back(static_cast<std::uint8_t>(text[i] - '0'));
    return out;
}

std::string format_bits(const BitVector& bits) {
    if (bits.empty()) return "0";
    std::string s(bits.size(), '0');
    for (std::size_t i = 0; i < bits.size(); ++i)
        if (bits[i]) s[bits.size() - 1 - i] = '1';
    return s;
}

std::string format_bits_trimmed(const BitVector& bits) {
    std::string s = format_bits(bits);
    const std::size_t first_one = s.find('1');
    return first_one == std::string::npos ? "0" : s.substr(first_one);
}

BitVector add_exact(const BitVector& a, const BitVector& b) {
    const std::size_t n = std::max(a.size(), b.size());
    BitVector sum(n + 1, 0);
    unsigned carry = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned s = (i < a.size() ? a[i] : 0u) + (i < b.size() ? b[i] : 0u) + carry;
        sum[i] = static_cast<std::uint8_t>(s & 1u);
        carry = s >> 1;
    }
    sum[n] = static_cast<std::uint8_t>(carry);
    return sum;
}

BitVector bits_from_uint(std::uint64_t value, std::size_t width) {
    BitVector bits(width, 0);
    for (std::size_t i = 0; i < width && i < 64; ++i) bits[i] = static_cast<std::uint8_t>((value >> i) & 1u);
    return bits;
}

std::uint64_t bits_to_uint(const BitVector& bits) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < bits.size() && i < 64; ++i)
        if (bits[i]) v |= std::uint64_t{1} << i;
    return v;
}

}  // namespace carry
