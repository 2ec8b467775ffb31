// Normalization rules, applied code point by code point from a table for the Arabic block (the hot
// path), with ICU only for words that contain other non-ASCII text. Each rule follows Lucene's
// ArabicNormalizer (Larkey, Ballesteros & Connell 2002, "Improving stemming for Arabic information
// retrieval") and extends it with Persian/Urdu letters, digits and format controls; docs/design.md has
// the table of rules and which other systems apply each one.
#include "analysis/normalizer.hpp"

#include "analysis/arabic_letters.hpp"
#include "analysis/utf8.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace fahras::detail {

namespace {

constexpr char32_t kArabicBlock = 0x0600;

bool in_arabic_block(char32_t cp) { return cp >= kArabicBlock && cp < kArabicBlock + 0x100; }

bool is_arabic_mark(char32_t cp) {
    return (cp >= 0x0610 && cp <= 0x061A) || (cp >= kFathatan && cp <= kLastHaraka) ||
           cp == kSuperscriptAlef || (cp >= kQuranicMarksFirst && cp <= kQuranicMarksLast);
}

}  // namespace

Normalizer::Normalizer(const NormalizerOptions& options) : options_(options) {
    for (char32_t i = 0; i < arabic_.size(); ++i) arabic_[i] = kArabicBlock + i;
    auto set = [this](char32_t from, char32_t to) { arabic_[from - kArabicBlock] = to; };
    set(kArabicLetterMark, 0);  // a bidi control: never part of a word
    if (options_.strip_diacritics) {
        for (char32_t cp = kArabicBlock; cp < kArabicBlock + 0x100; ++cp)
            if (is_arabic_mark(cp)) set(cp, 0);
    }
    if (options_.strip_tatweel) set(kTatweel, 0);
    if (options_.fold_alef) {
        for (char32_t cp : {kAlefMadda, kAlefHamzaAbove, kAlefHamzaBelow, kAlefWasla, U'\u0672', U'\u0673'})
            set(cp, kAlef);
    }
    if (options_.fold_alef_maksura) set(kAlefMaksura, kYeh);
    if (options_.fold_teh_marbuta) set(kTehMarbuta, kHeh);
    if (options_.fold_hamza_carriers) {
        set(kWawHamza, kWaw);
        set(kYehHamza, kYeh);
    }
    if (options_.fold_persian) {
        set(kFarsiYeh, kYeh);
        set(kYehBarree, kYeh);
        set(kYehBarreeHamza, kYeh);
        set(kKeheh, kKaf);
        set(U'\u06AA', kKaf);  // swash kaf
        set(kGaf, kKaf);
        set(kVeh, kFeh);
        set(kPeh, kBeh);
        set(kTcheh, kJeem);
        set(kJeh, kZain);
        for (char32_t cp : {kHehYehAbove, kHehGoal, kHehGoalHamza, kAe, U'\u06BE'}) set(cp, kHeh);
    }
    if (options_.fold_digits) {
        for (char32_t d = 0; d < 10; ++d) {
            set(kArabicIndicZero + d, U'0' + d);
            set(kExtArabicIndicZero + d, U'0' + d);
        }
    }
}

void Normalizer::append_folded(char32_t cp, std::string& out) const {
    if (cp < 0x80) {
        if (options_.fold_latin && cp >= U'A' && cp <= U'Z') cp += U'a' - U'A';
        out.push_back(static_cast<char>(cp));
    } else if (in_arabic_block(cp)) {
        if (char32_t to = arabic_[cp - kArabicBlock]) append_utf8(out, to);
    } else if (!is_format_control(cp)) {
        append_utf8(out, cp);
    }
}

unsigned Normalizer::normalize(std::string_view word, std::string& out) const {
    const std::size_t start = out.size();
    bool valid = true;
    std::size_t pos = 0;
    while (pos < word.size()) {
        const char32_t cp = decode_utf8(word, pos, valid);
        if (cp >= 0x80 && !in_arabic_block(cp) && !is_format_control(cp) && options_.nfkc) {
            out.resize(start);
            return normalize_with_icu(word, out);
        }
        append_folded(cp, out);
    }
    return valid ? 0u : kInvalidUtf8;
}

unsigned Normalizer::normalize_with_icu(std::string_view word, std::string& out) const {
    const unsigned flags = kUsedIcu | (first_invalid_utf8(word) == std::string_view::npos ? 0u : kInvalidUtf8);
    UErrorCode status = U_ZERO_ERROR;
    // Normalizer2 instances are immutable singletons owned by ICU, safe to use from any thread.
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) {  // ICU data missing: fall back to the table alone rather than fail
        std::size_t pos = 0;
        bool ignored = true;
        while (pos < word.size()) append_folded(decode_utf8(word, pos, ignored), out);
        return flags;
    }
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    icu::UnicodeString folded = options_.fold_latin ? nfkc_cf->normalize(text, status)
                                                    : icu::Normalizer2::getNFKCInstance(status)->normalize(text, status);
    icu::UnicodeString decomposed = nfd->normalize(folded, status);
    // Accents come off Latin letters (fold_latin) and harakat off Arabic ones (strip_diacritics):
    // NFD splits é into e + U+0301 and أ into ا + U+0654, and the marks are dropped here.
    icu::UnicodeString stripped;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        const bool mark = u_charType(c) == U_NON_SPACING_MARK;
        const bool arabic = (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
                            (c >= 0x08A0 && c <= 0x08FF);
        if (mark && ((arabic && options_.strip_diacritics) || (!arabic && options_.fold_latin))) continue;
        stripped.append(c);
    }
    icu::UnicodeString composed = nfc->normalize(stripped, status);
    if (U_FAILURE(status)) composed = text;
    for (int32_t i = 0; i < composed.length();) {
        const UChar32 c = composed.char32At(i);
        i += U16_LENGTH(c);
        append_folded(static_cast<char32_t>(c), out);
    }
    return flags;
}

}  // namespace fahras::detail
