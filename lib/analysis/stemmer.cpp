#include "analysis/stemmer.hpp"

#include "analysis/clitics.hpp"

#include <array>

namespace fahras::detail {

namespace {

// Light10's suffixes in its order, normalized (يه stands for both يه and ية, ه for ه and ة).
// Each is tried once, in turn, as Light10 does: مدرساتها → مدرسات → مدرس.
constexpr std::array<std::string_view, 8> kSuffixes = {
    "\u0647\u0627",  // ها
    "\u0627\u0646",  // ان
    "\u0627\u062A",  // ات
    "\u0648\u0646",  // ون
    "\u064A\u0646",  // ين
    "\u064A\u0647",  // يه
    "\u0647",        // ه
    "\u064A",        // ي
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
