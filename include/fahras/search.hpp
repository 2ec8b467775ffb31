/** @file search.hpp
 *  @brief fahras::Searcher: ranked queries over an Index, with filters, facets and snippets.
 *
 *  Query syntax (the analyzer runs on every word, exactly as on documents):
 *   - words: كيري لافروف (all words count; documents with more of them rank first)
 *   - "جون كيري": a phrase; +word: required; -word: excluded
 *   - AND, OR, NOT between words or groups, and (parentheses)
 *   - title:word, author:word, source:name — field filters ("title:" ranks, the others filter); the
 *     word or the quote must follow the colon: "title: كيري" (with a space) is the two words title, كيري
 *   - كير*: the indexed words that start with the prefix as written, alone or behind proclitics
 *     (وكيرى), at most the 100 most frequent of them, so that a short prefix stays fast; a lone "*"
 *     matches nothing
 *  Precedence, loosest first: OR, then AND and NOT, then a run of words with no operator between them
 *  (any of its words may match): "a b AND c" is (a OR b) AND c, "a OR b AND c" is a OR (b AND c), and
 *  "a AND b NOT c" is (a AND b) NOT c. Use parentheses for anything else. Operators are upper case
 *  (lower-case "and" is a word). Words are separated by any white space, the Unicode ones included
 *  (no-break space U+00A0, thin space U+2009, U+202F, ideographic space U+3000 ...).
 *  Unbalanced quotes or parentheses are closed at the end of the query and stray operators dropped,
 *  never an error, unless SearchRequest::strict_syntax asks for a QuerySyntaxError instead.
 *
 *  Threading: a Searcher is not thread-safe; use one per thread (each may wrap the same index path).
 *  A Searcher sees the commit of its last reopen(); if a writer commits twice more during one search,
 *  Xapian discards that snapshot and the search is rerun on the latest commit (moving the Searcher to
 *  it), as IndexOptions::read_retry says (ReadRetryPolicy), so results always come from one committed
 *  state; past the policy, search() throws IndexModifiedError rather than mix two states.
 *  Memory: a Searcher over an index on disk keeps the term statistics and vocabulary its searches
 *  read until the next reopen() (at most about 20 MB, then it starts again): repeated words
 *  are expanded once per snapshot. Over an in-memory index each search reads them afresh.
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
    /// BM25 length normalization for queries that read as questions or sentences: more than five
    /// words, or a stopword among them (هل, ما, في...). A question's answer is a passage that says
    /// it; a name's relevant articles are every article that names it, long or short, so the two
    /// normalize length differently (bench/README.md, "Questions and names").
    double question_b = 1.0;
    double length_norm_floor = 0;   ///< lower bound of doclen/avglen (Xapian's default 0.5 flattens short documents)
    double form_weight = 1.0;       ///< the word in any spelling, behind a conjunction or preposition (كيري, كيرى, وكيري)
    double exact_weight = 0.2;      ///< bonus for the query's own spelling, alone or behind a conjunction or preposition (علي over على)
    /// exact_weight for a query of one word (كيري, فايز): with no other word to tell which word is
    /// meant, its spelling is the only evidence, so the documents writing it come first (the name
    /// فايز before فائز, winner); in longer queries the other words do that (docs/design.md, "Ranking").
    double lone_word_exact_weight = 4.0;
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

/** @brief How the text of a snippet is written (the highlight markers are always inserted as given). */
enum class SnippetFormat {
    HTML,   ///< the text HTML-escaped (& < > " ' as &amp; &lt; &gt; &quot; &#39;), for the default <b> markers
    PLAIN,  ///< the text as stored, unescaped: for terminals, JSON encoders, or escaping of your own
};

/** @brief One query. */
struct SearchRequest {
    std::string query;
    std::uint32_t offset = 0;             ///< hits to skip (paging)
    std::uint32_t limit = 10;             ///< hits to return
    SortOrder sort = SortOrder::RELEVANCE;
    std::string date_from;                ///< inclusive ISO 8601 date: YYYY, YYYY-MM, YYYY-MM-DD[( |T)hh:mm[:ss]], e.g. "2015-07-01" (empty: open; anything else: InvalidArgumentError)
    std::string date_to;                  ///< inclusive, like date_from: "2015-07" ends with the month's last second (empty: open)
    std::vector<std::string> sources;     ///< only articles from one of these sources, matched as source: is (empty: any)
    bool stored_fields = true;            ///< fill title, author, ... of each hit (false: id, rank, score only; faster)
    bool snippets = true;                 ///< build highlighted snippets (needs store_text and stored_fields)
    std::uint32_t snippet_length = 200;   ///< approximate snippet length in characters
    std::string highlight_open = "<b>";   ///< marker before each matched word
    std::string highlight_close = "</b>"; ///< marker after each matched word
    SnippetFormat snippet_format = SnippetFormat::HTML;  ///< HTML (default): an article's `<script>` comes back as `&lt;script&gt;`
    bool facets = false;                  ///< count matches by source
    bool suggest = true;                  ///< offer a spelling suggestion for words with no match
    /// Offer the other spellings the index holds of a name in the query (SearchResults::also_written).
    /// Costs a few dozen vocabulary lookups per query word of 4 letters or more; never changes the hits.
    bool also_written = true;
    /// Reject malformed syntax instead of reading it leniently: an unclosed quote or '(', a stray ')',
    /// an operator with nothing on one side ("AND x", "x OR", "x AND AND y", "NOT x") or parentheses
    /// nested deeper than 32 throw QuerySyntaxError naming the character (1-based) at fault.
    bool strict_syntax = false;
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

/** @brief "Also written as": a query word the index also holds in another spelling (ترمب, ترامب).
 *
 *  Offered, never merged: the hits are those of the query as typed. A word is looked at when it is a
 *  positive word of at least 4 letters and no stopword, and some document holds it; its other
 *  spellings are the words one name-like edit away after folding (a long vowel ا و ي put in or left
 *  out, or a letter swapped for one that transliterates the same sound: ك ق ج غ, ت ط, س ص, ...) that
 *  are none of the forms the query already searches, and that the index holds at least as often as
 *  the word (docs/design.md, "Also written as", gives the rule and its measured precision). */
struct AlsoWritten {
    std::string word;             ///< the query word as typed (normalized, as the index writes words)
    std::string spelling;         ///< the other spelling, as the index writes it most often
    std::uint64_t documents = 0;  ///< documents holding that spelling as written, without proclitics
};

/** @brief The answer to one query. */
struct SearchResults {
    std::vector<Hit> hits;
    std::uint64_t estimated_total = 0;  ///< estimate of all matching articles
    std::vector<std::pair<std::string, std::uint64_t>> source_counts;  ///< when facets were asked for
    std::string suggestion;             ///< "did you mean" query, empty when none
    std::vector<AlsoWritten> also_written;  ///< other spellings of the query's words, most documents first; not in the hits
    std::vector<std::string> ignored;   ///< query words dropped (stopwords), for display
};

/** @brief Runs queries against an index. */
class Searcher {
public:
    /** @brief A searcher over @p index; it keeps its own handle, so the Index may be moved.
     *  @exception IndexError the index cannot be opened for reading (RemoteError for a remote shard,
     *  also when the index has remote shards and compact positions: see IndexOptions::compact_positions). */
    explicit Searcher(const Index& index, RankingOptions ranking = {});
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /** @brief Runs a query. An empty or stopword-only query gives no hits, not an error.
     *  @exception InvalidArgumentError limit > 10000, or date_from / date_to not an ISO 8601 date.
     *  @exception EncodingError invalid UTF-8 in the query under InvalidUtf8::THROW.
     *  @exception QuerySyntaxError malformed syntax, with strict_syntax only.
     *  @exception IndexModifiedError writers kept committing past IndexOptions::read_retry.
     *  @exception IndexError the index cannot be read (CorruptIndexError, RemoteError). */
    SearchResults search(const SearchRequest& request) const;

    /** @brief Convenience: the top @p limit hits for @p query. @exception as search(const SearchRequest&). */
    SearchResults search(std::string_view query, std::uint32_t limit = 10) const;

    /** @brief Sees the index's latest commit (and forgets the lookups of the one before).
     *  @exception IndexModifiedError writers kept committing past IndexOptions::read_retry.
     *  @exception IndexError the index cannot be read. */
    void reopen();

private:
    struct Internal;
    std::unique_ptr<Internal> internal_;
};

}  // namespace fahras
