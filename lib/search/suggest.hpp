// "Did you mean": for a query word no document holds in any form, the closest word the index holds,
// written as the index writes it most often, put in the word's place in the query text.
#pragma once

#include <fahras/analyzer.hpp>

#include "search/query_builder.hpp"
#include "terms/query_terms.hpp"

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace fahras::detail {

/// Terms examined per unknown word: the scan over the index's words that share its first letters
/// stops here, so a suggestion costs a bounded amount whatever the vocabulary's size.
inline constexpr std::size_t kMaxSuggestionScan = 4000;

/// Levenshtein distance over code points, giving up (returning limit + 1) past @p limit.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b, std::size_t limit);

/// The closest indexed word to the written @p word (within 1 edit for up to 4 letters, else 2,
/// compared after folding), "" when none.
std::string suggest_word(const Analyzer& analyzer, const Xapian::Database& db, const std::string& word);

/// The query text with each unattested word replaced by its suggestion; "" when nothing changed.
std::string suggest_query(const Analyzer& analyzer, QueryExpander& expander, std::string_view query_text,
                          const std::vector<QueryWord>& words);

}  // namespace fahras::detail
