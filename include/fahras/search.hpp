/** @file search.hpp
 *  @brief fahras::Searcher: ranked queries over an Index, with filters, facets and snippets.
 *
 *  Query syntax (the analyzer runs on every word, exactly as on documents):
 *   - words: كيري لافروف (all words count; documents with more of them rank first)
 *   - "جون كيري": a phrase; +word: required; -word: excluded
 *   - AND, OR, NOT between words or groups, and (parentheses)
 *   - title:word, author:word, source:name — field filters ("title:" ranks, the others filter)
 *   - كير*: the indexed words that start with the prefix as written, alone or behind proclitics
 *     (وكيرى), at most the 100 most frequent of them, so that a short prefix stays fast; a lone "*"
 *     matches nothing
 *  Unbalanced quotes or parentheses are closed at the end of the query, never an error.
 *
 *  Threading: a Searcher is not thread-safe; use one per thread (each may wrap the same index path).
 *  A Searcher sees the commit of its last reopen(); if a writer commits twice more during one search,
 *  Xapian discards that snapshot and the search is rerun on the latest commit, so results always come
 *  from one committed state.
 */
#pragma once

#include <fahras/index.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace fahras {

/** @brief Result order. */
enum class SortOrder {
    RELEVANCE,   ///< best match first (default)
    DATE_DESC,   ///< newest first, ties by relevance
    DATE_ASC,    ///< oldest first, ties by relevance
};

/** @brief The ranking model's parameters; defaults tuned on arqa-dev, names-dev, names-multi-dev and
 *  names-aqmar together (bench/README.md, "Ranking").
 *
 *  A query word matches the index's words in nested sets (docs/design.md, "Term scheme"), each one
 *  word for BM25 (one idf and wdf for all its forms, so a rare spelling does not outweigh the common
 *  one) and each with its weight: the query's own spelling; the word in any spelling behind a
 *  conjunction or preposition; also behind the article; also the remainder of a query word that
 *  carries proclitics; also the light-stem family. A document matching an inner set scores in every
 *  set around it. */
struct RankingOptions {
    double k1 = 1.2;                ///< BM25 term-frequency saturation
    double b = 0.8;                 ///< BM25 length normalization
    double length_norm_floor = 0;   ///< lower bound of doclen/avglen (Xapian's default 0.5 flattens short documents)
    double form_weight = 1.0;       ///< the word in any spelling, behind a conjunction or preposition (كيري, كيرى, وكيري)
    double exact_weight = 0.2;      ///< bonus for the query's own spelling, alone or behind a conjunction or preposition (علي over على)
    double article_weight = 0.3;    ///< the word behind the article too (الكاميرون for كاميرون, العاصمة for عاصمة)
    double strip_weight = 0.5;      ///< the remainder when the query word itself carries proclitics (بالرئيس → الرئيس)
    double stem_weight = 0.7;       ///< the light-stem family (اجتماعات for اجتماع)
    /// A form with a conjunction or preposition counts as that proclitic + the word only while the
    /// index holds it at most this many times as often as the word alone (so بوتين is not ب + وتين,
    /// لبنان not ل + بنان); 0 believes every segmentation.
    double clitic_ratio = 3.0;
    double article_ratio = 10.0;    ///< the same for forms with the article
    /// The same for the light stem: a word counts as its stem + a suffix only while the index holds it
    /// at most this many times as often as the stem's own forms (so the name سلمان keeps out of سلم).
    double stem_ratio = 1.0;
    /// Bonus for documents writing a full name's words in sequence: queries of 2 to 5 plain words,
    /// none a stopword (a question is not a name); 0 turns it off.
    double phrase_weight = 4.0;
};

/** @brief One query. */
struct SearchRequest {
    std::string query;
    std::uint32_t offset = 0;             ///< hits to skip (paging)
    std::uint32_t limit = 10;             ///< hits to return
    SortOrder sort = SortOrder::RELEVANCE;
    std::string date_from;                ///< inclusive ISO 8601 prefix, e.g. "2015-07-01" (empty: open)
    std::string date_to;                  ///< inclusive ISO 8601 prefix, e.g. "2015-07-31" (empty: open)
    std::vector<std::string> sources;     ///< only articles from one of these sources, matched as source: is (empty: any)
    bool stored_fields = true;            ///< fill title, author, ... of each hit (false: id, rank, score only; faster)
    bool snippets = true;                 ///< build highlighted snippets (needs store_text and stored_fields)
    std::uint32_t snippet_length = 200;   ///< approximate snippet length in characters
    std::string highlight_open = "<b>";   ///< marker before each matched word
    std::string highlight_close = "</b>"; ///< marker after each matched word
    bool facets = false;                  ///< count matches by source
    bool suggest = true;                  ///< offer a spelling suggestion for words with no match
};

/** @brief One hit. */
struct Hit {
    std::string id;
    std::uint32_t rank = 0;       ///< 1-based rank in the whole result list
    double score = 0;
    std::string title;
    std::string author;
    std::string source;
    std::string url;
    std::string date;
    std::map<std::string, std::string> metadata;
    std::string snippet;          ///< original text with matched words wrapped in the markers
};

/** @brief The answer to one query. */
struct SearchResults {
    std::vector<Hit> hits;
    std::uint64_t estimated_total = 0;  ///< estimate of all matching articles
    std::vector<std::pair<std::string, std::uint64_t>> source_counts;  ///< when facets were asked for
    std::string suggestion;             ///< "did you mean" query, empty when none
    std::vector<std::string> ignored;   ///< query words dropped (stopwords), for display
};

/** @brief Runs queries against an index. */
class Searcher {
public:
    /** @brief A searcher over @p index; it keeps its own handle, so the Index may be moved. */
    explicit Searcher(const Index& index, RankingOptions ranking = {});
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /** @brief Runs a query. An empty or stopword-only query gives no hits, not an error.
     *  @exception InvalidArgumentError invalid UTF-8 under InvalidUtf8::THROW, or limit > 10000. */
    SearchResults search(const SearchRequest& request) const;

    /** @brief Convenience: the top @p limit hits for @p query. */
    SearchResults search(std::string_view query, std::uint32_t limit = 10) const;

    /** @brief Sees the index's latest commit. */
    void reopen();

private:
    struct Internal;
    std::unique_ptr<Internal> internal_;
};

}  // namespace fahras
