#include "analysis/stemmer.hpp"

#include "analysis/clitics.hpp"

#include <array>

namespace fahras::detail {

namespace {

// Light10's suffixes in its order, normalized (ة is already ه), each tried once in turn as Light10
// does: مدرساتها → مدرسات → مدرس. Unlike Light10, a final ي is never stripped, nor يه as a whole:
// that ي is most often the nisba of a name or adjective (البغدادي, الظواهري, الحريري, السعودي), and
// stripping it folds names into common words (بغداد, ظواهر, حرير). The feminine السعوديه loses only its
// ه, so it still meets السعودي.
constexpr std::array<std::string_view, 6> kSuffixes = {
    "\u0647\u0627",  // ها
    "\u0627\u0646",  // ان
    "\u0627\u062A",  // ات
    "\u0648\u0646",  // ون
    "\u064A\u0646",  // ين
    "\u0647",        // ه
};

}  // namespace

std::string_view light_stem(std::string_view bare) {
    if (arabic_letter_count(bare) <= kMinLettersAfterSuffix) return bare;
    std::string_view stem = bare;
    for (std::string_view suffix : kSuffixes) {
        if (stem.size() >= suffix.size() + 2 * kMinLettersAfterSuffix &&
            stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) == 0) {
            stem.remove_suffix(suffix.size());
        }
    }
    return stem;
}

}  // namespace fahras::detail
