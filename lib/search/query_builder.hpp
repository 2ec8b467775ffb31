// Query building: the parsed query tree (query_parser.hpp) becomes a Xapian::Query. Each word becomes
// the OR of its tiers (terms/query_terms.hpp), each tier a synonym set of written forms scaled by its
// weight; a full name typed without quotes also earns a phrase bonus.
#pragma once

#include <fahras/analyzer.hpp>
#include <fahras/search.hpp>

#include "search/query_parser.hpp"
#include "search/snippet.hpp"
#include "terms/query_terms.hpp"

#include <xapian.h>

#include <string>
#include <vector>

namespace fahras::detail {

/// A positive query word, for "did you mean": its written form and whether the index holds it in any form.
struct QueryWord {
    std::string written;
    bool attested = false;
};

/// Where the index keeps word positions, for phrases and the full-name bonus.
enum class PositionStore { NONE, XAPIAN, COMPACT };

/// A sequence left for the caller to check lazily (compact positions; deferred_match.hpp): the
/// whole query is a phrase (FILTER: the query holds its words, not their order) or a full name
/// (BONUS: the query holds the bonus unchecked, for every document with a form of each name word).
struct DeferredSequence {
    enum class Kind { FILTER, BONUS } kind = Kind::FILTER;
    Xapian::Query words;  ///< BONUS: the query without its bonus
    std::vector<std::vector<std::string>> slots;  ///< the forms of each word, in order
    Xapian::termpos window = 0;
    Xapian::termpos below = 0;  ///< every position below this (the title's for title:)
    bool empty() const { return slots.empty(); }
};

class QueryBuilder {
public:
    /// @p one_pass_words: score each word's form sets with one posting source (word_source.hpp);
    /// false for remote shards, whose servers know only Xapian's own queries.
    QueryBuilder(const Analyzer& analyzer, const RankingOptions& ranking, PositionStore positions, bool one_pass_words,
                 QueryExpander& expander, SearchResults& results, MatchTerms& match)
        : analyzer_(analyzer), ranking_(ranking), positions_(positions), one_pass_words_(one_pass_words),
          expander_(expander), results_(results), match_(match) {}

    /// The query of @p tree. When every word is a stopword, the stopwords are searched.
    Xapian::Query build_query(const QueryNode& tree);

    /// The positive words of the query, in order (filled by build_query).
    std::vector<QueryWord> words;

    /// With compact positions: leave the order of a phrase that is the whole query, and the bonus
    /// of a full name that is (with @p full_names: the caller ranks by relevance), unchecked and
    /// describe them in deferred_sequence() for the caller to check where it matters
    /// (deferred_match.hpp), instead of reading every candidate's positions in the matcher.
    void defer_sequence_checks(bool full_names) {
        defer_phrase_ = positions_ == PositionStore::COMPACT;
        defer_full_name_ = defer_phrase_ && full_names;
    }
    const DeferredSequence& deferred_sequence() const { return deferred_; }

private:
    Xapian::Query build(const QueryNode& node, bool negated);
    Xapian::Query binary_chain(const QueryNode& node, bool negated);
    Xapian::Query word(const TokenView& t, std::string_view prefix, bool negated);
    Xapian::Query word_forms(const WordForms& forms, std::string_view prefix);
    Xapian::Query filter_terms(const QueryNode& node);
    Xapian::Query wildcard(const QueryNode& node, std::string_view prefix, bool negated);
    Xapian::Query plain_words(const QueryNode& node, bool negated);
    Xapian::Query phrase(const QueryNode& node, bool negated);
    Xapian::Query group(const QueryNode& node, bool negated);
    Xapian::Query full_name_bonus(const QueryNode& node);
    Xapian::Query sequence(const std::vector<WordForms>& words, std::string_view prefix, std::size_t window);

    const Analyzer& analyzer_;
    const RankingOptions& ranking_;
    PositionStore positions_;
    bool one_pass_words_;
    QueryExpander& expander_;
    SearchResults& results_;
    MatchTerms& match_;
    bool keep_stopwords_ = false;
    bool dropped_stopword_ = false;
    bool content_word_ = false;  // a word that is no stopword was seen
    bool defer_phrase_ = false, defer_full_name_ = false;
    const QueryNode* root_ = nullptr;  // the node whose query is the whole query
    DeferredSequence deferred_;
};

/// @p parts joined by @p op: nothing for none, the one query for one.
Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts);

/// True for the fields that filter without ranking.
bool is_filter_field(const std::string& field);

/// True when the ranked words of @p tree (not filters, not excluded ones) read as a question or a
/// sentence rather than a name: more than five of them, or a stopword among them.
/// RankingOptions::question_b applies to those.
bool reads_as_question(const Analyzer& analyzer, const QueryNode& tree);

/// True when @p tree ranks one word alone (كيري, "كيري", title:كيري; filters and excluded words
/// aside). RankingOptions::lone_word_exact_weight applies to those.
bool is_lone_word(const Analyzer& analyzer, const QueryNode& tree);

}  // namespace fahras::detail
