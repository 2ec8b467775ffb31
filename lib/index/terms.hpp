// What a document stores besides its terms: dates and source keys for values and filters, the id term,
// and the serialized article. The terms themselves are lib/terms/.
#pragma once

#include <fahras/analyzer.hpp>
#include <fahras/index.hpp>

#include "terms/scheme.hpp"
#include "index/dates.hpp"  // date_key, for the date slot

#include <xapian.h>

#include <string>
#include <string_view>

namespace fahras::detail {

/// The normalized key of a source name ("Al Riyadh" → "al riyadh").
std::string source_key(const Analyzer& analyzer, std::string_view source);

/// "Q" + id. Ids are stored repaired (invalid UTF-8 as U+FFFD, like every field) and looked up so.
std::string id_term(std::string_view id);

/// @p a itself when all its fields are valid UTF-8, else a copy in @p storage with U+FFFD for bad bytes.
const Article& repaired(const Article& a, Article& storage);

/// The stored data of a document (every field; title and body only when store_text was on).
std::string serialize_article(const Article& article, bool store_text);
Article deserialize_article(std::string_view data);

}  // namespace fahras::detail
