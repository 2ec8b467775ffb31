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
    for (char32_t cp = kArabicBlock; cp < kArabicBlock + 0x100; ++cp)
        if (is_format_control(cp)) set(cp, 0);  // U+0600..U+0605, U+06DD: invisible format characters
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
    // A few Arabic-block letters have compatibility decompositions (ٵ U+0675 → اٴ): they take the ICU
    // path like any other text, so that both paths agree.
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    for (std::size_t i = 0; options_.nfkc && U_SUCCESS(status) && i < arabic_.size(); ++i) {
        const icu::UnicodeString one(static_cast<UChar32>(kArabicBlock + i));
        if (arabic_[i] && !nfkc->isNormalized(one, status)) arabic_[i] = kNeedsIcu;
    }
    for (std::size_t i = 0; i < arabic_.size(); ++i) {
        std::string utf8;
        if (arabic_[i] == kNeedsIcu) {
            arabic_utf8_[i].size = kNeedsIcuSize;
            continue;
        }
        if (arabic_[i]) append_utf8(utf8, arabic_[i]);
        arabic_utf8_[i].size = static_cast<unsigned char>(utf8.size());
        for (std::size_t j = 0; j < utf8.size(); ++j) arabic_utf8_[i].data[j] = utf8[j];
    }
}

void Normalizer::append_folded(char32_t cp, std::string& out) const {
    if (cp < 0x80) {
        if (options_.fold_latin && cp >= U'A' && cp <= U'Z') cp += U'a' - U'A';
        out.push_back(static_cast<char>(cp));
    } else if (in_arabic_block(cp)) {
        const char32_t to = arabic_[cp - kArabicBlock];
        if (to == kNeedsIcu) append_utf8(out, cp);  // only reached from the ICU path, after NFKC
        else if (to) append_utf8(out, to);
    } else if (!is_format_control(cp)) {
        append_utf8(out, cp);
    }
}

unsigned Normalizer::normalize(std::string_view word, std::string& out) const {
    const std::size_t start = out.size();
    // Kept harakat need ICU's canonical ordering of marks, which the table path does not do.
    if (!options_.strip_diacritics && options_.nfkc) {
        for (char c : word)
            if (static_cast<unsigned char>(c) >= 0x80) return normalize_with_icu(word, out);
    }
    // Hot path: ASCII and the Arabic block (lead bytes D8..DB) straight from the tables into a buffer
    // that is never larger than the input (a folded letter is never longer than the original).
    out.resize(start + word.size());
    char* p = out.data() + start;
    std::size_t pos = 0;
    while (pos < word.size()) {
        const auto b0 = static_cast<unsigned char>(word[pos]);
        if (b0 < 0x80) {
            *p++ = static_cast<char>(options_.fold_latin && b0 >= 'A' && b0 <= 'Z' ? b0 + ('a' - 'A') : b0);
            ++pos;
            continue;
        }
        if (b0 >= 0xD8 && b0 <= 0xDB && pos + 1 < word.size() &&
            (static_cast<unsigned char>(word[pos + 1]) & 0xC0) == 0x80) {
            const Bytes& to = arabic_utf8_[((b0 & 0x03) << 6) | (static_cast<unsigned char>(word[pos + 1]) & 0x3F)];
            if (to.size == kNeedsIcuSize) break;
            for (unsigned char i = 0; i < to.size; ++i) *p++ = to.data[i];
            pos += 2;
            continue;
        }
        break;  // anything else: the general path below, from the start of the word
    }
    if (pos == word.size()) {
        out.resize(static_cast<std::size_t>(p - out.data()));
        return 0;
    }
    out.resize(start);
    bool valid = true;
    pos = 0;
    while (pos < word.size()) {
        const char32_t cp = decode_utf8(word, pos, valid);
        if (cp >= 0x80 && options_.nfkc && !is_format_control(cp) &&
            (!in_arabic_block(cp) || arabic_[cp - kArabicBlock] == kNeedsIcu)) {
            out.resize(start);
            return normalize_with_icu(word, out);
        }
        append_folded(cp, out);
    }
    return valid ? 0u : kInvalidUtf8;
}

unsigned Normalizer::normalize_with_icu(std::string_view word, std::string& out) const {
    const std::size_t start = out.size();
    const unsigned flags = normalize_with_icu_once(word, out);
    // Dropping or folding a character can bring two others together that NFKC composes on the next
    // pass (ᄀ U+0653 ᅡ → 가; ا + U+0653 → آ when harakat are kept): repeat until nothing changes, so
    // normalization stays idempotent. This path only runs for words with non-Arabic, non-ASCII text.
    for (int pass = 0; pass < 4; ++pass) {
        const std::string previous = out.substr(start);
        out.resize(start);
        normalize_with_icu_once(previous, out);
        if (out.compare(start, std::string::npos, previous) == 0) break;
    }
    return flags;
}

unsigned Normalizer::normalize_with_icu_once(std::string_view word, std::string& out) const {
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
    // Arabic letters go through the same table as on the fast path (never decomposed, so أ stays أ
    // when fold_alef is off). Other letters lose their accents when fold_latin is on: é is split by
    // NFD into e + U+0301, the mark dropped, the rest recomposed (NFC keeps Hangul and the like whole).
    for (int32_t i = 0; i < folded.length();) {
        const UChar32 c = folded.char32At(i);
        i += U16_LENGTH(c);
        if (c < 0x80 || in_arabic_block(static_cast<char32_t>(c))) {
            append_folded(static_cast<char32_t>(c), out);
            continue;
        }
        if (u_charType(c) == U_NON_SPACING_MARK) {
            const bool arabic = c >= 0x0750 && c <= 0x08FF;  // Arabic Supplement and Extended-A
            if (!(arabic ? options_.strip_diacritics : options_.fold_latin)) append_folded(static_cast<char32_t>(c), out);
            continue;
        }
        icu::UnicodeString one(c);
        icu::UnicodeString decomposed = nfd->normalize(one, status);
        if (options_.fold_latin && decomposed.length() > one.length()) {
            icu::UnicodeString stripped;
            for (int32_t k = 0; k < decomposed.length();) {
                const UChar32 d = decomposed.char32At(k);
                k += U16_LENGTH(d);
                if (u_charType(d) != U_NON_SPACING_MARK) stripped.append(d);
            }
            one = nfc->normalize(stripped, status);
        }
        if (U_FAILURE(status)) return flags;
        for (int32_t k = 0; k < one.length();) {
            const UChar32 d = one.char32At(k);
            k += U16_LENGTH(d);
            append_folded(static_cast<char32_t>(d), out);
        }
    }
    return flags;
}

}  // namespace fahras::detail
