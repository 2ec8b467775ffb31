// fahras::Searcher: parse the query (query_parser), build it against this snapshot's vocabulary
// (query_builder), run it with BM25, and turn the matches into hits with snippets and suggestions.
#include <fahras/error.hpp>
#include <fahras/search.hpp>

#include "analysis/utf8.hpp"
#include "index/index_internal.hpp"
#include "index/shards.hpp"
#include "index/terms.hpp"
#include "search/deferred_match.hpp"
#include "search/query_builder.hpp"
#include "search/also_written.hpp"
#include "search/query_parser.hpp"
#include "search/snippet.hpp"
#include "search/suggest.hpp"

#include <algorithm>

namespace fahras {

namespace {

constexpr std::uint32_t kMaxLimit = 10000;
// Term frequencies a Searcher keeps between searches before it starts its cache again. The 1,883
// arqa-dev questions fill 47,000 (with 54,000 vocabulary keys and 5,000 expanded words) and 18.6 MB of
// resident memory (/usr/bin/time, against the searcher that kept nothing): about 20 MB at the bound.
constexpr std::size_t kMaxCachedTerms = 50000;
using detail::combine;

}  // namespace

struct Searcher::Internal {
    Xapian::Database db;
    std::vector<Xapian::Database> shards;  // the databases of db one by one, for the vocabulary map
    Analyzer analyzer;
    RankingOptions ranking;
    detail::PositionStore positions = detail::PositionStore::COMPACT;
    bool local = true;  // no remote shard: the query may hold fahras's own posting sources
    bool store_text = true;
    ReadRetryPolicy read_retry;
    // Lookups of this snapshot, kept from one search to the next while the snapshot lasts: on an
    // index on disk it changes only when reopened. An in-memory index is searched as it is written,
    // and a remote server may move to a newer commit by itself: there each search starts afresh.
    detail::LookupCache lookups;
    bool keep_lookups = false;
};

Searcher::Searcher(const Index& index, RankingOptions ranking) : internal_(std::make_unique<Internal>()) {
    const Index::Internal& in = *index.internal_;
    internal_->analyzer = in.analyzer;
    internal_->ranking = ranking;
    internal_->positions = !in.options.positions        ? detail::PositionStore::NONE
                           : in.options.compact_positions ? detail::PositionStore::COMPACT
                                                          : detail::PositionStore::XAPIAN;
    internal_->local = std::none_of(in.locations.begin(), in.locations.end(),
                                    [](const ShardLocation& s) { return s.is_remote(); });
    if (!internal_->local && internal_->positions == detail::PositionStore::COMPACT)
        throw RemoteError("index '" + in.path + "' keeps compact word positions, which a remote shard's server "
                          "cannot search; to serve them with xapian-tcpsrv, rebuild its shards with "
                          "IndexOptions::compact_positions = false (fahras index --xapian-positions)");
    internal_->store_text = in.options.store_text;
    internal_->read_retry = in.options.read_retry;
    internal_->keep_lookups = !in.path.empty() && internal_->local;
    // A searcher of an index on disk reads it through its own handle, so it sees commits (after
    // reopen) and nothing uncommitted; an in-memory index has only the one handle.
    detail::translate_xapian_errors("opening a searcher on '" + in.path + "'", [&] {
        internal_->shards = detail::open_search_shards(in);
        for (const Xapian::Database& shard : internal_->shards) internal_->db.add_database(shard);
    });
}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

void Searcher::reopen() {
    internal_->lookups.clear();
    detail::translate_xapian_errors("reopening the searcher", [&] { detail::reopen_latest(internal_->db, internal_->read_retry); });
}

SearchResults Searcher::search(std::string_view query, std::uint32_t limit) const {
    SearchRequest request;
    request.query = std::string(query);
    request.limit = limit;
    return search(request);
}

SearchResults Searcher::search(const SearchRequest& request) const {
    if (request.limit > kMaxLimit)
        throw InvalidArgumentError("limit " + std::to_string(request.limit) + " is above " +
                                   std::to_string(kMaxLimit) + "; page with offset instead");
    detail::check_date_filter("date_from", request.date_from);
    detail::check_date_filter("date_to", request.date_to);
    const Analyzer& analyzer = internal_->analyzer;
    if (analyzer.options().invalid_utf8 == InvalidUtf8::THROW && !is_valid_utf8(request.query))
        throw EncodingError("query is not valid UTF-8; convert it with fahras::to_utf8()");
    const std::string query_text = is_valid_utf8(request.query) ? request.query : detail::repair_utf8(request.query);

    SearchResults results;
    bool truncated = false;
    const detail::QueryNode tree = detail::parse_query(query_text, truncated, request.strict_syntax);
    RankingOptions ranking = internal_->ranking;
    if (detail::reads_as_question(analyzer, tree)) ranking.b = ranking.question_b;
    if (detail::is_lone_word(analyzer, tree)) ranking.exact_weight = ranking.lone_word_exact_weight;
    auto run = [&] {
        results = SearchResults();
        const Xapian::Database& db = internal_->db;
        // The query's words are expanded against the vocabulary of this snapshot, so building the
        // query is part of the read that a writer's commits may force to be run again.
        detail::MatchTerms match;
        if (internal_->keep_lookups) internal_->lookups.bound(kMaxCachedTerms);
        else internal_->lookups.clear();
        detail::QueryExpander expander(analyzer, ranking, db, internal_->shards, internal_->lookups);
        detail::QueryBuilder builder(analyzer, ranking, internal_->positions, internal_->local, expander,
                                     results, match);
        // On compact positions a full name's sequence is checked for the documents that could rank
        // only (deferred_match.hpp); sorted by date, every document is a candidate, so it is not.
        builder.defer_sequence_checks(request.sort == SortOrder::RELEVANCE);
        Xapian::Query query = builder.build_query(tree);
        if (truncated) results.ignored.emplace_back("(words beyond the first " + std::to_string(detail::kMaxQueryItems) + ")");
        // "Did you mean" needs the query's words only, not its matches: also when nothing matched.
        if (request.suggest) results.suggestion = detail::suggest_query(analyzer, expander, query_text, builder.words);
        // Offered beside the hits, never added to the query: the user chooses to search them.
        if (request.also_written) results.also_written = detail::also_written(analyzer, expander, builder.words);
        if (query.empty()) return results;
        const std::string from = detail::date_key(request.date_from);
        const std::string to = detail::date_key(request.date_to, true);
        auto filtered = [&](Xapian::Query query) {
            if (!request.sources.empty()) {
                // Like source: in the query, but a list and no quoting rules; no source known means no hit.
                std::vector<Xapian::Query> keys;
                for (const std::string& source : request.sources) {
                    const std::string key = detail::source_key(analyzer, source);
                    keys.push_back(key.empty() ? Xapian::Query::MatchNothing
                                               : Xapian::Query(std::string(detail::kPrefixSource) + key));
                }
                query = Xapian::Query(Xapian::Query::OP_FILTER, query, combine(Xapian::Query::OP_OR, keys));
            }
            if (!from.empty() || !to.empty()) {
                Xapian::Query range = from.empty() ? Xapian::Query(Xapian::Query::OP_VALUE_LE, detail::kSlotDate, to)
                                      : to.empty() ? Xapian::Query(Xapian::Query::OP_VALUE_GE, detail::kSlotDate, from)
                                                   : Xapian::Query(Xapian::Query::OP_VALUE_RANGE, detail::kSlotDate, from, to);
                query = Xapian::Query(Xapian::Query::OP_FILTER, query, range);
            }
            return query;
        };
        Xapian::ValueCountMatchSpy sources(detail::kSlotSource);
        auto configure = [&](Xapian::Enquire& enquire) {
            enquire.set_weighting_scheme(Xapian::BM25Weight(ranking.k1, 0, 1, ranking.b, ranking.length_norm_floor));
            if (request.sort != SortOrder::RELEVANCE)
                enquire.set_sort_by_value_then_relevance(detail::kSlotDate, request.sort == SortOrder::DATE_DESC);
            if (request.facets) enquire.add_matchspy(&sources);
        };
        const Xapian::doccount check = request.facets ? db.get_doccount() : 0;
        const detail::DeferredSequence& deferred = builder.deferred_sequence();
        detail::RankedDocuments ranked;
        if (deferred.kind == detail::DeferredSequence::Kind::BONUS && !deferred.empty()) {
            ranked = detail::deferred_full_name_match(
                db, filtered(query), filtered(deferred.words), deferred, configure, request.offset, request.limit, check);
        } else if (!deferred.empty()) {
            ranked = detail::deferred_phrase_match(db, filtered(query), deferred, configure, request.offset, request.limit, check);
        } else {
            Xapian::Enquire enquire(db);
            enquire.set_query(filtered(query));
            configure(enquire);
            const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check);
            // Remote shards: ask for every hit's document at once instead of one round trip per hit.
            // (The iterator form: Xapian 1.4.22's fetch() without arguments crashes on an MSet that
            // starts at an offset, see "offset and limit page through..." in test_searcher.)
            if (!mset.empty()) mset.fetch(mset.begin(), mset.end());
            ranked = detail::ranked_documents(mset);
        }
        results.estimated_total = ranked.estimated;

        detail::SnippetStyle style{request.snippet_length, request.highlight_open, request.highlight_close,
                                   request.snippet_format == SnippetFormat::HTML};
        for (std::size_t i = 0; i < ranked.items.size(); ++i) {
            Hit hit;
            hit.rank = request.offset + static_cast<std::uint32_t>(i) + 1;
            hit.score = ranked.items[i].weight;
            const Xapian::Document& doc = ranked.items[i].document;
            if (!request.stored_fields) {
                // The id alone lives in a value slot: no need to read and inflate the stored record.
                hit.id = doc.get_value(detail::kSlotId);
                if (hit.id.empty()) hit.id = detail::deserialize_article(doc.get_data()).id;
                results.hits.push_back(std::move(hit));
                continue;
            }
            Article a = detail::deserialize_article(doc.get_data());
            if (request.snippets && internal_->store_text)
                hit.snippet = detail::make_snippet(analyzer, a.body.empty() ? a.title : a.body, match, style);
            hit.id = std::move(a.id);
            hit.title = std::move(a.title);
            hit.author = std::move(a.author);
            hit.source = std::move(a.source);
            hit.url = std::move(a.url);
            hit.date = std::move(a.date);
            hit.metadata = std::move(a.metadata);
            results.hits.push_back(std::move(hit));
        }
        if (request.facets) {
            for (auto v = sources.top_values_begin(1000); v != sources.top_values_end(1000); ++v)
                results.source_counts.emplace_back(*v, v.get_termfreq());
        }
        return results;
    };
    // A reader's snapshot lasts until the writer has committed twice more; then Xapian discards it and
    // the search fails mid-way. A search is one read: it is rerun on the latest commit (see ReadRetry).
    return detail::translate_xapian_errors("searching", [&] {
        detail::ReadRetry retry(internal_->read_retry);
        for (;;) {
            try {
                return run();
            } catch (const Xapian::DatabaseModifiedError&) {
                internal_->lookups.clear();  // read from the snapshot Xapian discarded
                if (!retry.again()) throw;
                detail::reopen_latest(internal_->db, internal_->read_retry);
            }
        }
    });
}

}  // namespace fahras
