// Light stemmer: strips common Arabic suffixes from a proclitic-free word (stage 4 of analysis).
// After Light10 (Larkey, Connell & AbdulJaleel 2007, "Light stemming for Arabic information retrieval"),
// on normalized text (ة is already ه, ى already ي).
#pragma once

#include <string_view>

namespace fahras::detail {

/// Letters that must remain after a suffix is stripped: stricter than Light10's two, so that short
/// words keep their shape (سنه, بيت stay whole).
inline constexpr std::size_t kMinLettersAfterSuffix = 3;

/// The light stem of normalized @p bare: a prefix of it (no allocation).
std::string_view light_stem(std::string_view bare);

}  // namespace fahras::detail
