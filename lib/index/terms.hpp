// The term scheme: how an analysed Article becomes a Xapian::Document, and the names both the indexer
// and the searcher use for prefixes and value slots. One place, so the two sides cannot disagree.
#pragma once

#include <fahras/analyzer.hpp>
#include <fahras/index.hpp>

#include "index/dates.hpp"  // date_key, for the date slot

#include <xapian.h>

#include <string>
#include <string_view>

namespace fahras::detail {

// Unprefixed terms are the word tiers (normalized form and proclitic-free forms) of title and body.
inline constexpr std::string_view kPrefixStem = "Z";    // light stem of a title or body word
inline constexpr std::string_view kPrefixTitle = "S";   // word tiers of the title alone (title: queries)
inline constexpr std::string_view kPrefixAuthor = "A";  // word tiers of the author (author: filter)
inline constexpr std::string_view kPrefixSource = "K";  // whole source name, normalized (source: filter)
inline constexpr std::string_view kPrefixId = "Q";      // the external id, one per document

inline constexpr Xapian::valueno kSlotDate = 0;    // date as YYYYMMDDhhmmss, for ranges and sorting
inline constexpr Xapian::valueno kSlotSource = 1;  // source key, for facet counts
inline constexpr Xapian::valueno kSlotId = 2;      // external id, read without the stored record

// Metadata keys recording how the index was built.
inline constexpr const char* kMetaAnalyzer = "fahras.analyzer";
inline constexpr const char* kMetaPositions = "fahras.positions";
inline constexpr const char* kMetaStoreText = "fahras.store_text";

// Xapian rejects terms over 245 bytes; longer "words" (URLs without separators, base64) are skipped.
inline constexpr std::size_t kMaxTermBytes = 200;

// Gap between title and body positions so that no phrase spans the two.
inline constexpr Xapian::termpos kBodyPositionOffset = 10000;


/// The normalized key of a source name ("Al Riyadh" → "al riyadh").
std::string source_key(const Analyzer& analyzer, std::string_view source);

/// "Q" + id. Ids are stored repaired (invalid UTF-8 as U+FFFD, like every field) and looked up so.
std::string id_term(std::string_view id);

/// @p a itself when all its fields are valid UTF-8, else a copy in @p storage with U+FFFD for bad bytes.
const Article& repaired(const Article& a, Article& storage);

/// Builds the Xapian document of @p article: terms, positions, values and stored data.
Xapian::Document build_document(const Analyzer& analyzer, const IndexOptions& options, const Article& article);

/// The stored data of a document (every field; title and body only when store_text was on).
std::string serialize_article(const Article& article, bool store_text);
Article deserialize_article(std::string_view data);

}  // namespace fahras::detail
