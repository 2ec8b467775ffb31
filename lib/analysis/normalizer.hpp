// Normalizer: one word (or text) in, its normalized UTF-8 form out; the same function at index and
// query time. Stage 2 of analysis (after tokenization decides the word's span).
#pragma once

#include <fahras/analyzer.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace fahras::detail {

class Normalizer {
public:
    explicit Normalizer(const NormalizerOptions& options);

    /// What normalize() saw in its input.
    enum Flags : unsigned { kInvalidUtf8 = 1, kUsedIcu = 2 };

    /// Appends the normalized form of @p word to @p out and returns Flags: kInvalidUtf8 if bytes were not
    /// UTF-8 (normalized as U+FFFD), kUsedIcu if ICU ran (its output may hold separators, e.g. ﷺ gives
    /// four words). Never throws; allocates only when @p out grows.
    unsigned normalize(std::string_view word, std::string& out) const;

private:
    // Slow path for text outside ASCII and the Arabic block: ICU NFKC + case folding, then accents off.
    unsigned normalize_with_icu(std::string_view word, std::string& out) const;
    unsigned normalize_with_icu_once(std::string_view word, std::string& out) const;
    void append_folded(char32_t cp, std::string& out) const;

    NormalizerOptions options_;
    // For U+0600..U+06FF: the code point to emit, 0 to drop it, kNeedsIcu for compatibility characters;
    // and the same as UTF-8 bytes (size kNeedsIcuSize for those).
    static constexpr char32_t kNeedsIcu = 0xFFFFFFFF;
    static constexpr unsigned char kNeedsIcuSize = 0xFF;
    std::array<char32_t, 256> arabic_{};
    struct Bytes { unsigned char size; char data[2]; };
    std::array<Bytes, 256> arabic_utf8_{};
};

/// Arabic format characters (Unicode Cf, invisible in running text): the prepended concatenation marks
/// U+0600..U+0605 (number sign, sanah, footnote marker, safha, samvat, number mark above), the end of
/// ayah U+06DD and the disputed end of ayah U+08E2. Like other invisible marks, never part of a term.
inline constexpr char32_t kArabicNumberSign = U'\u0600';
inline constexpr char32_t kArabicNumberMarkAbove = U'\u0605';
inline constexpr char32_t kArabicEndOfAyah = U'\u06DD';
inline constexpr char32_t kArabicDisputedEndOfAyah = U'\u08E2';

/// True for zero-width and bidi controls and the Arabic format characters above, which normalization
/// removes and tokenization ignores.
inline bool is_format_control(char32_t cp) {
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x00AD || cp == 0x061C ||
           (cp >= kArabicNumberSign && cp <= kArabicNumberMarkAbove) || cp == kArabicEndOfAyah ||
           cp == kArabicDisputedEndOfAyah;
}

}  // namespace fahras::detail
