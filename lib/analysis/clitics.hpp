// Proclitic stripping: the forms a word takes without its leading conjunction (و ف), preposition
// (ب ل, and ك only before the article) and article (ال; لل is ل + ال). Stage 3 of analysis.
// Every segmentation is kept, not just one guess: ولافروف gives لافروف and افروف, so whichever form a
// query holds, it meets the document's. Guards keep short words whole (ولد, بلد stay as they are).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace fahras::detail {

/// The forms of one word, views into the word or into `built` (valid until the next strip call).
struct ProcliticForms {
    static constexpr std::size_t kMax = 8;
    std::array<std::string_view, kMax> forms{};
    std::size_t count = 0;
    std::string built;  // holds ال + rest for words with لل

    void clear() { count = 0; built.clear(); }
    /// The most stripped form, or @p word when nothing could be stripped.
    std::string_view bare(std::string_view word) const { return count ? forms[count - 1] : word; }
};

/// Letters that must remain after a conjunction or preposition is stripped.
inline constexpr std::size_t kMinLettersAfterProclitic = 3;
/// Letters that must remain after the article is stripped (الصدر → صدر, but الله and الأم stay whole).
inline constexpr std::size_t kMinLettersAfterArticle = 3;

/// Fills @p out with the proclitic-free forms of normalized @p word (not the word itself), longest
/// first, without duplicates. Words that are not all Arabic letters have none.
void strip_proclitics(std::string_view word, ProcliticForms& out);

/// Number of letters if @p word is made only of two-byte Arabic-block letters, else 0.
std::size_t arabic_letter_count(std::string_view word);

}  // namespace fahras::detail
