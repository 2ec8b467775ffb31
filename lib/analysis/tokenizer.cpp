#include "analysis/tokenizer.hpp"

#include "analysis/arabic_letters.hpp"
#include "analysis/normalizer.hpp"

#include <unicode/uchar.h>

#include <array>

namespace fahras::detail {

namespace {

bool is_arabic_script_letter_range(char32_t cp) {
    return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
           (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
           (cp >= 0xFE70 && cp <= 0xFEFF);
}

CharClass classify_with_icu(char32_t cp) {
    if (is_format_control(cp)) return CharClass::IGNORABLE;
    switch (u_charType(static_cast<UChar32>(cp))) {
        case U_UPPERCASE_LETTER:
        case U_LOWERCASE_LETTER:
        case U_TITLECASE_LETTER:
        case U_MODIFIER_LETTER:
        case U_OTHER_LETTER:
            return is_arabic_script_letter_range(cp) ? CharClass::ARABIC : CharClass::OTHER;
        case U_DECIMAL_DIGIT_NUMBER:
        case U_OTHER_NUMBER:
            return CharClass::OTHER;
        case U_NON_SPACING_MARK:
        case U_COMBINING_SPACING_MARK:
        case U_ENCLOSING_MARK:
            return CharClass::MARK;
        case U_FORMAT_CHAR:
            return CharClass::IGNORABLE;
        default:
            return CharClass::SEPARATOR;
    }
}

// ASCII and the Arabic block are looked up in a table built once from ICU's own properties,
// so the hot path never calls ICU and still agrees with it.
struct ClassTable {
    std::array<CharClass, kClassTableSize> classes{};
    ClassTable() {
        for (char32_t cp = 0; cp < classes.size(); ++cp) classes[cp] = classify_with_icu(cp);
        // Arabic-Indic digits group with other digits so that ٢٠١٥م splits into 2015 and م as 2015م does.
        for (char32_t d = 0; d < 10; ++d) {
            classes[kArabicIndicZero + d] = CharClass::OTHER;
            classes[kExtArabicIndicZero + d] = CharClass::OTHER;
        }
        classes[kTatweel] = CharClass::MARK;  // بـ: elongation continues a word, never starts one
    }
};

const ClassTable& class_table() {
    static const ClassTable table;
    return table;
}

}  // namespace

const CharClass* class_table_data() { return class_table().classes.data(); }

CharClass classify(char32_t cp) {
    static const ClassTable& table = class_table();
    if (cp < table.classes.size()) return table.classes[cp];
    return classify_with_icu(cp);
}

}  // namespace fahras::detail
