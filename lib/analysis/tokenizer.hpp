// Tokenizer: finds the words of a text and their byte spans in the original bytes. Stage 1 of analysis.
// A word is a run of letters and digits of one script group (Arabic, or Latin/other letters with
// digits), with combining marks and format controls inside it; everything else separates words.
#pragma once

#include "analysis/utf8.hpp"

#include <cstddef>
#include <string_view>

namespace fahras::detail {

enum class CharClass : unsigned char {
    SEPARATOR,  // space, punctuation (، ؛ ؟ « » ...), symbols, U+FFFD
    ARABIC,     // a letter of Arabic script (tatweel included)
    OTHER,      // any other letter, or a digit (ASCII or Arabic-Indic)
    MARK,       // combining mark (harakat): continues a word, never starts one
    IGNORABLE,  // zero-width / bidi control: continues a word, never starts or ends one
};

CharClass classify(char32_t cp);

/// Classes of U+0000..U+06FF (ASCII and the Arabic block), for the hot loop.
inline constexpr char32_t kClassTableSize = 0x700;
const CharClass* class_table_data();

/// Calls on_word(begin, end) for each word of @p text (byte offsets). Invalid UTF-8 separates words.
/// Returns false if the text held invalid UTF-8.
template <class OnWord>
bool tokenize(std::string_view text, OnWord&& on_word) {
    bool valid = true;
    std::size_t pos = 0;
    std::size_t begin = 0;
    std::size_t end = 0;  // end of the last letter, digit or mark of the current word
    CharClass group = CharClass::SEPARATOR;  // script group of the current word, SEPARATOR if none
    const CharClass* table = class_table_data();
    while (pos < text.size()) {
        const std::size_t at = pos;
        const auto b0 = static_cast<unsigned char>(text[pos]);
        CharClass c;
        // ASCII and two-byte Arabic letters are looked up directly; the rest is decoded first.
        if (b0 < 0x80) {
            c = table[b0];
            ++pos;
        } else if (b0 >= 0xC2 && b0 <= 0xDB && pos + 1 < text.size() &&
                   (static_cast<unsigned char>(text[pos + 1]) & 0xC0) == 0x80) {
            c = table[((b0 & 0x1F) << 6) | (static_cast<unsigned char>(text[pos + 1]) & 0x3F)];
            pos += 2;
        } else {
            c = classify(decode_utf8(text, pos, valid));
        }
        switch (c) {
            case CharClass::ARABIC:
            case CharClass::OTHER:
                if (group != c) {
                    if (group != CharClass::SEPARATOR) on_word(begin, end);
                    group = c;
                    begin = at;
                }
                end = pos;
                break;
            case CharClass::MARK:
                if (group != CharClass::SEPARATOR) end = pos;
                break;
            case CharClass::IGNORABLE:
                break;
            case CharClass::SEPARATOR:
                if (group != CharClass::SEPARATOR) on_word(begin, end);
                group = CharClass::SEPARATOR;
                break;
        }
    }
    if (group != CharClass::SEPARATOR) on_word(begin, end);
    return valid;
}

}  // namespace fahras::detail
