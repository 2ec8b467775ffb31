// A full name's sequence bonus, or the order of a phrase, on compact positions, checked only for
// documents that could rank.
//
// Checking a document's compact positions reads its list (about four block reads), so checking
// every document that holds a name's words made full names of common words (محمد بن سلمان) five
// times slower than Xapian's position table. Xapian calls a MatchDecider only for documents whose
// weight beats the current k-th, so the match runs in two passes built on that:
//  A. the query with the bonus unchecked, the decider leaving out the documents that hold every
//     name word apart (their weight counts a bonus they do not earn) and noting their ids;
//  B. those documents alone, by their ids, without the bonus.
// A document A's decider never saw had less weight, bonus included, than the k-th at the time, so
// it cannot rank without it either: the top k of both passes merged is the top k of the query with
// every document checked (test_word_positions compares the two on many queries).
#pragma once

#include "search/query_builder.hpp"

#include <xapian.h>

#include <functional>
#include <vector>

namespace fahras::detail {

struct RankedDocument {
    double weight = 0;
    Xapian::docid docid = 0;
    Xapian::Document document;
};

struct RankedDocuments {
    std::vector<RankedDocument> items;  ///< ranks first .. first + count - 1
    Xapian::doccount estimated = 0;     ///< matches, estimated
};

/// The documents of an MSet, in its order.
RankedDocuments ranked_documents(const Xapian::MSet& mset);

/// Ranks @p first .. @p first + @p count - 1 of @p with_bonus (the query holding @p plan's unchecked
/// bonus), the bonus kept where the names stand in sequence. @p words: the query without the bonus
/// (plan.words with the query's filters).
/// @p configure sets up each Enquire (weighting, match spies); @p check_at_least as in get_mset.
RankedDocuments deferred_full_name_match(const Xapian::Database& db, const Xapian::Query& with_bonus,
                                         const Xapian::Query& words, const DeferredSequence& plan,
                                         const std::function<void(Xapian::Enquire&)>& configure,
                                         Xapian::doccount first, Xapian::doccount count,
                                         Xapian::doccount check_at_least);

/// Ranks @p first .. @p first + @p count - 1 of @p words (a phrase's words, with the query's
/// filters), passing only the articles where @p plan's words stand in sequence: a filter, so one
/// pass, and the decider reads an article's list only when its weight could rank.
RankedDocuments deferred_phrase_match(const Xapian::Database& db, const Xapian::Query& words, const DeferredSequence& plan,
                                      const std::function<void(Xapian::Enquire&)>& configure, Xapian::doccount first,
                                      Xapian::doccount count, Xapian::doccount check_at_least);

}  // namespace fahras::detail
