#include "analysis/clitics.hpp"

#include "analysis/arabic_letters.hpp"
#include "analysis/utf8.hpp"

#include <utility>

namespace fahras::detail {

namespace {

// Normalized Arabic letters are two bytes each, so the clitic grammar works on byte pairs.
constexpr std::size_t kLetterBytes = 2;

// The UTF-8 bytes of a letter of U+0600..U+07FF, computed at compile time from its named constant.
struct Letter {
    char bytes[2];
    constexpr explicit Letter(char32_t cp)
        : bytes{static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))} {}
};

constexpr Letter kWawUtf8{kWaw}, kFehUtf8{kFeh}, kBehUtf8{kBeh}, kLamUtf8{kLam}, kKafUtf8{kKaf},
    kAlefUtf8{kAlef};

bool letter_at(std::string_view s, std::size_t i, Letter l) {
    return s.size() >= (i + 1) * kLetterBytes && s[i * kLetterBytes] == l.bytes[0] &&
           s[i * kLetterBytes + 1] == l.bytes[1];
}
bool starts_with(std::string_view s, Letter l) { return letter_at(s, 0, l); }
bool starts_with_article(std::string_view s) { return letter_at(s, 0, kAlefUtf8) && letter_at(s, 1, kLamUtf8); }
bool starts_with_lam_lam(std::string_view s) { return letter_at(s, 0, kLamUtf8) && letter_at(s, 1, kLamUtf8); }

std::size_t letters(std::string_view s) { return s.size() / kLetterBytes; }

class FormCollector {
public:
    FormCollector(std::string_view word, ProcliticForms& out) : word_(word), out_(out) {}

    void add(std::string_view form) {
        if (form == word_ || out_.count == ProcliticForms::kMax) return;
        for (std::size_t i = 0; i < out_.count; ++i)
            if (out_.forms[i] == form) return;
        out_.forms[out_.count++] = form;
    }

    // الكتاب → كتاب
    void strip_article(std::string_view r) {
        if (starts_with_article(r) && letters(r) - 2 >= kMinLettersAfterArticle) add(r.substr(4));
    }

    // The preposition and article part of the grammar, on a word whose conjunction is already off.
    void strip_preposition(std::string_view r) {
        strip_article(r);
        if (starts_with_lam_lam(r) && letters(r) - 2 >= kMinLettersAfterArticle) {
            // للصدر is ل + الصدر with the article's alef dropped: restore it, then strip it too.
            // Only one word form can start with لل, so `built` is written once and never reallocated.
            out_.built.assign({kAlefUtf8.bytes[0], kAlefUtf8.bytes[1], kLamUtf8.bytes[0], kLamUtf8.bytes[1]});
            out_.built.append(r.substr(4));
            add(out_.built);
            add(r.substr(4));
            // ...unless the second ل is the word's own: للافروف is ل + لافروف.
            if (letters(r) - 1 >= kMinLettersAfterProclitic) add(r.substr(kLetterBytes));
        } else if ((starts_with(r, kBehUtf8) || starts_with(r, kLamUtf8)) &&
                   letters(r) - 1 >= kMinLettersAfterProclitic) {
            const std::string_view rest = r.substr(kLetterBytes);
            add(rest);
            strip_article(rest);
        } else if (starts_with(r, kKafUtf8) && starts_with_article(r.substr(kLetterBytes)) &&
                   letters(r) - 3 >= kMinLettersAfterArticle) {
            // ك alone starts too many words (كيري, كبير) to be stripped without the article after it.
            const std::string_view rest = r.substr(kLetterBytes);
            add(rest);
            strip_article(rest);
        }
    }

private:
    std::string_view word_;
    ProcliticForms& out_;
};

}  // namespace

std::size_t arabic_letter_count(std::string_view word) {
    if (word.size() % kLetterBytes) return 0;
    for (std::size_t i = 0; i < word.size(); i += kLetterBytes) {
        const auto lead = static_cast<unsigned char>(word[i]);
        if (lead < 0xD8 || lead > 0xDB) return 0;  // U+0600..U+06FF are D8 80 .. DB BF
    }
    return word.size() / kLetterBytes;
}

void strip_proclitics(std::string_view word, ProcliticForms& out) {
    out.clear();
    const std::size_t n = arabic_letter_count(word);
    if (n < 3) return;
    FormCollector collect(word, out);
    collect.strip_preposition(word);
    if ((starts_with(word, kWawUtf8) || starts_with(word, kFehUtf8)) && n - 1 >= kMinLettersAfterProclitic) {
        const std::string_view rest = word.substr(kLetterBytes);
        collect.add(rest);
        collect.strip_preposition(rest);
    }
    // Longest first, so the last form is the most stripped one (the "bare" tier).
    // (Insertion sort: at most kMax forms, and no allocation as std::stable_sort would make.)
    for (std::size_t i = 1; i < out.count; ++i)
        for (std::size_t j = i; j > 0 && out.forms[j - 1].size() < out.forms[j].size(); --j)
            std::swap(out.forms[j - 1], out.forms[j]);
}

}  // namespace fahras::detail
