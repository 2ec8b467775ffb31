// "Also written as": for a query word the index holds, the other spellings it also holds of the same
// name (ترمب / ترامب, بوتن / بوتين), offered beside the results and never searched. The candidates are
// generated, not scanned: every folded word one name-like edit away is looked up in the vocabulary
// map, so the work is a few dozen lookups per word whatever the vocabulary's size.
#pragma once

#include <fahras/analyzer.hpp>
#include <fahras/search.hpp>

#include "search/query_builder.hpp"
#include "terms/query_terms.hpp"

#include <xapian.h>

#include <string>
#include <vector>

namespace fahras::detail {

/// Words shorter than this (folded letters) get no offers: at 3 letters a vowel is often the whole
/// difference between two words (عمر / عمرو, حسن / حسين).
inline constexpr std::size_t kMinAlsoWrittenLetters = 4;
/// Offers per query word, most frequent first.
inline constexpr std::size_t kMaxAlsoWrittenPerWord = 3;
/// The other spelling must be held by at least this share of the documents that hold the query word.
inline constexpr double kAlsoWrittenMinRatio = 1.0;
/// ... and by at least this many documents (one article's typo is no spelling).
inline constexpr Xapian::doccount kAlsoWrittenMinDocuments = 2;
/// A word the index holds behind the article in more than this share of its documents is a common
/// word, not a name (العمل, العراق, الجمال): neither side of an offer may be one.
inline constexpr double kAlsoWrittenMaxArticleShare = 0.1;

/// The kind of edit between a query word and a candidate.
enum class NameEdit { VOWEL_IN, VOWEL_OUT, VOWEL_SWAP, CONSONANT_SWAP };

/// One word the index holds one name-like edit away from a query word, with the statistics the
/// offer is decided on (also the measuring tool's input).
struct SpellingCandidate {
    std::string spelling;               ///< as the index writes it most often
    NameEdit edit = NameEdit::VOWEL_IN;
    Xapian::doccount documents = 0;     ///< documents holding spelling
    Xapian::doccount group = 0;         ///< documents holding any spelling of its folded key (summed)
    Xapian::doccount word_group = 0;    ///< the same for the query word
    Xapian::doccount article = 0;       ///< documents holding spelling's key behind the article (summed)
    Xapian::doccount word_article = 0;  ///< the same for the query word
    bool offered = false;               ///< passes the rule
};

/// True when @p c passes the rule at frequency ratio @p min_ratio (kAlsoWrittenMinRatio in the library).
bool offer_rule(const SpellingCandidate& c, double min_ratio = kAlsoWrittenMinRatio);

/// Every candidate of the written query word @p written, offered or not; none for a stopword, a word
/// under kMinAlsoWrittenLetters letters or a word no document holds. With @p offers_only, none either
/// for a word that fails the rule's own half (name_like of the query word, which no candidate can
/// change): the same offers, without looking up the edits of common words.
std::vector<SpellingCandidate> spelling_candidates(const Analyzer& analyzer, QueryExpander& expander,
                                                  const std::string& written, bool offers_only = false);

/// The offers for the positive words of a query, each word once, most documents first.
std::vector<AlsoWritten> also_written(const Analyzer& analyzer, QueryExpander& expander,
                                      const std::vector<QueryWord>& words);

}  // namespace fahras::detail
