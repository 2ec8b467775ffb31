#include "analysis/utf8.hpp"

#include <fahras/analyzer.hpp>

namespace fahras::detail {

std::size_t first_invalid_utf8(std::string_view s) {
    std::size_t pos = 0;
    while (pos < s.size()) {
        // ASCII runs are the common case; skip them without decoding.
        if (static_cast<unsigned char>(s[pos]) < 0x80) { ++pos; continue; }
        const std::size_t at = pos;
        bool valid = true;
        decode_utf8(s, pos, valid);
        if (!valid) return at;
    }
    return std::string_view::npos;
}

std::string repair_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t pos = 0;
    while (pos < s.size()) {
        bool valid = true;
        append_utf8(out, decode_utf8(s, pos, valid));
    }
    return out;
}

std::size_t count_code_points(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

std::u32string code_points(std::string_view s) {
    std::u32string out;
    std::size_t pos = 0;
    bool valid = true;
    while (pos < s.size()) out.push_back(decode_utf8(s, pos, valid));
    return out;
}

}  // namespace fahras::detail

namespace fahras {

bool is_valid_utf8(std::string_view text) {
    return detail::first_invalid_utf8(text) == std::string_view::npos;
}

}  // namespace fahras
