// Index-time half of the term scheme: an analysed Article becomes a Xapian::Document. Each word is one
// term, as written, with its position; query_terms.hpp is the other half and finds the forms through
// the vocabulary map (vocabulary.hpp). test_term_scheme checks the two against each other.
#pragma once

#include <fahras/analyzer.hpp>
#include <fahras/index.hpp>

#include <xapian.h>

namespace fahras::detail {

/// Builds the Xapian document of @p article: terms, positions, values and stored data.
///  - title and body words: one unprefixed term each (title words with wdf title_weight, body words 1);
///  - title words again under kPrefixTitle, with positions and wdf 0, for title: queries and phrases
///    (wdf 0: a field's copy does not lengthen the document for BM25);
///  - author words under kPrefixAuthor with wdf 0; the source name whole under kPrefixSource;
///  - the id as a boolean term; date, source and id in value slots.
Xapian::Document build_document(const Analyzer& analyzer, const IndexOptions& options, const Article& article);

}  // namespace fahras::detail
