// UTF-8 decoding and encoding for the analysis hot loop: no allocation, no exceptions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fahras::detail {

inline constexpr char32_t kReplacementChar = U'\uFFFD';

/// Decodes the code point at @p pos and advances @p pos past it. An invalid or truncated sequence
/// (overlong, surrogate, > U+10FFFF) yields kReplacementChar, sets @p valid to false and advances by
/// one byte, so every byte is consumed exactly once and decoding never stops early.
inline char32_t decode_utf8(std::string_view s, std::size_t& pos, bool& valid) {
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    std::size_t len;
    char32_t cp;
    char32_t min;
    if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; min = 0x80; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; min = 0x800; }
    else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; min = 0x10000; }
    else { valid = false; ++pos; return kReplacementChar; }
    if (pos + len > s.size()) { valid = false; ++pos; return kReplacementChar; }
    for (std::size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[pos + i]);
        if ((b & 0xC0) != 0x80) { valid = false; ++pos; return kReplacementChar; }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        valid = false;
        ++pos;
        return kReplacementChar;
    }
    pos += len;
    return cp;
}

/// Appends the UTF-8 encoding of @p cp to @p out.
inline void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

/// Byte offset of the first invalid sequence, or npos when @p s is valid UTF-8.
std::size_t first_invalid_utf8(std::string_view s);

/// @p s with every invalid sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view s);

/// Number of code points in valid UTF-8 @p s.
std::size_t count_code_points(std::string_view s);

/// The code points of @p s (an invalid sequence gives U+FFFD), for edits letter by letter.
std::u32string code_points(std::string_view s);

}  // namespace fahras::detail
