#include "analysis/clitics.hpp"

#include "analysis/arabic_letters.hpp"
#include "analysis/utf8.hpp"

#include <algorithm>

namespace fahras::detail {

namespace {

// Normalized Arabic letters are two bytes each, so the clitic grammar works on byte pairs.
constexpr std::size_t kLetterBytes = 2;

std::string letter(char32_t cp) {
    std::string s;
    append_utf8(s, cp);
    return s;
}

const std::string kWawUtf8 = letter(kWaw);
const std::string kFehUtf8 = letter(kFeh);
const std::string kBehUtf8 = letter(kBeh);
const std::string kLamUtf8 = letter(kLam);
const std::string kKafUtf8 = letter(kKaf);
const std::string kArticle = letter(kAlef) + letter(kLam);
const std::string kLamLam = letter(kLam) + letter(kLam);

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

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
        if (starts_with(r, kArticle) && letters(r) - 2 >= kMinLettersAfterArticle) add(r.substr(4));
    }

    // The preposition and article part of the grammar, on a word whose conjunction is already off.
    void strip_preposition(std::string_view r) {
        strip_article(r);
        if (starts_with(r, kLamLam) && letters(r) - 2 >= kMinLettersAfterArticle) {
            // للصدر is ل + الصدر with the article's alef dropped: restore it, then strip it too.
            // Only one word form can start with لل, so `built` is written once and never reallocated.
            out_.built.assign(kArticle);
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
        } else if (starts_with(r, kKafUtf8) && starts_with(r.substr(kLetterBytes), kArticle) &&
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
    std::stable_sort(out.forms.begin(), out.forms.begin() + out.count,
                     [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
}

}  // namespace fahras::detail
