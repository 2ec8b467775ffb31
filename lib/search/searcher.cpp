// fahras::Searcher: the parsed query tree becomes a Xapian::Query in which every word is an OR of its
// tiers, weighted so that a match on the word's own form outranks one on a stripped form, which
// outranks a stem-only match (docs/design.md, "Ranking").
#include <fahras/error.hpp>
#include <fahras/search.hpp>

#include "analysis/utf8.hpp"
#include "index/index_internal.hpp"
#include "index/shards.hpp"
#include "index/terms.hpp"
#include "search/query_parser.hpp"
#include "search/snippet.hpp"

#include <algorithm>

namespace fahras {

namespace {

constexpr std::uint32_t kMaxLimit = 10000;
constexpr Xapian::termcount kMaxWildcardExpansion = 100;  // search.hpp documents it

using detail::QueryNode;

Xapian::Query scaled(double weight, const std::string& term) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), weight);
}

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
    if (parts.empty()) return Xapian::Query();
    if (parts.size() == 1) return parts[0];
    return Xapian::Query(op, parts.begin(), parts.end());
}

class QueryBuilder {
public:
    QueryBuilder(const Analyzer& analyzer, const RankingOptions& ranking, bool positions, SearchResults& results,
                 detail::MatchTerms& match)
        : analyzer_(analyzer), ranking_(ranking), positions_(positions), results_(results), match_(match) {}

    // Positive words (normalized form first, then its proclitic-free forms), for spelling suggestions.
    std::vector<std::vector<std::string>> unmatched_candidates;

    Xapian::Query build(const QueryNode& node, bool negated) {
        switch (node.kind) {
            case QueryNode::Kind::WORDS: return words(node, negated);
            case QueryNode::Kind::PHRASE: return phrase(node, negated);
            case QueryNode::Kind::GROUP: return group(node, negated);
            case QueryNode::Kind::AND:
            case QueryNode::Kind::OR:
            case QueryNode::Kind::AND_NOT: {
                const bool right_negated = negated != (node.kind == QueryNode::Kind::AND_NOT);
                Xapian::Query a = build(node.children[0], negated);
                Xapian::Query b = build(node.children[1], right_negated);
                if (a.empty()) return node.kind == QueryNode::Kind::AND_NOT ? Xapian::Query() : b;
                if (b.empty()) return a;
                const auto op = node.kind == QueryNode::Kind::AND  ? Xapian::Query::OP_AND
                                : node.kind == QueryNode::Kind::OR ? Xapian::Query::OP_OR
                                                                   : Xapian::Query::OP_AND_NOT;
                return Xapian::Query(op, a, b);
            }
        }
        return Xapian::Query();
    }

    static bool is_filter(const QueryNode& n) { return n.field == "author" || n.field == "source"; }

private:
    // One word: its own form, the forms its proclitics leave, and its stem, weighted by tier.
    Xapian::Query word(const TokenView& t, std::string_view prefix, bool negated) {
        const std::string p(prefix);
        std::vector<Xapian::Query> tiers;
        tiers.push_back(scaled(ranking_.form_weight, p + std::string(t.normalized)));
        for (std::size_t i = 0; i < t.form_count; ++i) tiers.push_back(scaled(ranking_.strip_weight, p + std::string(t.forms[i])));
        if (prefix.empty() && ranking_.stem_weight > 0 && analyzer_.options().stem)
            tiers.push_back(scaled(ranking_.stem_weight, std::string(detail::kPrefixStem) + std::string(t.stem)));
        if (!negated) {
            match_.words.emplace(t.normalized);
            for (std::size_t i = 0; i < t.form_count; ++i) match_.words.emplace(t.forms[i]);
            if (ranking_.stem_weight > 0) match_.stems.emplace(t.stem);
        }
        return combine(Xapian::Query::OP_OR, tiers);
    }

    Xapian::Query filter_terms(const QueryNode& node) {
        if (node.field == "source") {
            const std::string key = detail::source_key(analyzer_, node.text);
            if (key.empty()) return Xapian::Query();
            return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                 Xapian::Query(std::string(detail::kPrefixSource) + key), 0.0);
        }
        std::vector<Xapian::Query> parts;  // author: every word must match one of its forms
        analyzer_.for_each_token(node.text, [&](const TokenView& t) {
            parts.emplace_back(std::string(detail::kPrefixAuthor) + std::string(t.normalized));
        });
        Xapian::Query all = combine(Xapian::Query::OP_AND, parts);
        return all.empty() ? all : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all, 0.0);
    }

    // word*: the index's words that start with the normalized prefix. Xapian expands it to the
    // kMaxWildcardExpansion most frequent of them, so that "ا*" costs no more than a 100-word query.
    // A prefix that is not one whole word ("*", "؟*", "a.b*") is no wildcard: the text is read as words.
    Xapian::Query wildcard(const QueryNode& node, std::string_view prefix, bool negated) {
        const std::string_view stem = std::string_view(node.text).substr(0, node.text.size() - 1);
        std::vector<Token> tokens = analyzer_.analyze(stem);
        if (tokens.size() != 1 || tokens[0].end != stem.size() || tokens[0].normalized.size() > detail::kMaxTermBytes)
            return Xapian::Query();
        const std::string& normalized = tokens[0].normalized;
        if (!negated) match_.prefixes.push_back(normalized);
        Xapian::Query expansion(Xapian::Query::OP_WILDCARD, std::string(prefix) + normalized, kMaxWildcardExpansion,
                                Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, expansion, ranking_.form_weight);
    }

    Xapian::Query words(const QueryNode& node, bool negated) {
        if (is_filter(node)) return filter_terms(node);
        const std::string_view prefix = node.field == "title" ? detail::kPrefixTitle : std::string_view();
        if (node.text.size() > 1 && node.text.back() == '*') {
            Xapian::Query q = wildcard(node, prefix, negated || node.modifier == QueryNode::Modifier::EXCLUDED);
            if (!q.empty()) return q;
        }
        const bool optional = node.modifier == QueryNode::Modifier::OPTIONAL;
        std::vector<Xapian::Query> parts;
        analyzer_.for_each_token(node.text, [&](const TokenView& t) {
            if (t.normalized.size() > detail::kMaxTermBytes) return;
            if (t.stopword && optional) {
                results_.ignored.emplace_back(node.text.substr(t.begin, t.end - t.begin));
                return;
            }
            parts.push_back(word(t, prefix, negated || node.modifier == QueryNode::Modifier::EXCLUDED));
            if (prefix.empty() && !negated && node.modifier != QueryNode::Modifier::EXCLUDED) {
                std::vector<std::string> forms{std::string(t.normalized)};
                for (std::size_t i = 0; i < t.form_count; ++i) forms.emplace_back(t.forms[i]);
                unmatched_candidates.push_back(std::move(forms));
            }
        });
        return combine(optional ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, parts);
    }

    Xapian::Query phrase(const QueryNode& node, bool negated) {
        if (is_filter(node)) return filter_terms(node);
        const std::string prefix = node.field == "title" ? std::string(detail::kPrefixTitle) : std::string();
        std::vector<Xapian::Query> parts;
        std::vector<std::string> bare;
        analyzer_.for_each_token(node.text, [&](const TokenView& t) {
            if (t.normalized.size() > detail::kMaxTermBytes) return;
            bare.emplace_back(t.bare);
            if (!negated) match_.words.emplace(t.bare);
            parts.push_back(word(t, prefix, true));
        });
        if (bare.size() == 1) return parts[0];
        // Positions are kept on the bare form of body and title words, so phrases match on it;
        // title: phrases, and indexes built without positions, fall back to all words.
        if (!positions_ || !prefix.empty()) return combine(Xapian::Query::OP_AND, parts);
        std::vector<Xapian::Query> terms(bare.begin(), bare.end());
        return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
    }

    Xapian::Query group(const QueryNode& node, bool negated) {
        std::vector<Xapian::Query> required, optional, excluded, filters;
        for (const QueryNode& child : node.children) {
            const bool excl = child.modifier == QueryNode::Modifier::EXCLUDED;
            Xapian::Query q = build(child, negated || excl);
            if (q.empty()) continue;
            if (excl) excluded.push_back(q);
            else if (is_filter(child)) filters.push_back(q);
            else if (child.modifier == QueryNode::Modifier::REQUIRED) required.push_back(q);
            else optional.push_back(q);
        }
        Xapian::Query q = combine(Xapian::Query::OP_AND, required);
        Xapian::Query opt = combine(Xapian::Query::OP_OR, optional);
        if (q.empty()) q = opt;
        else if (!opt.empty()) q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, opt);
        if (!filters.empty()) {
            Xapian::Query f = combine(Xapian::Query::OP_AND, filters);
            q = q.empty() ? f : Xapian::Query(Xapian::Query::OP_FILTER, q, f);
        }
        if (!excluded.empty() && !q.empty())
            q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, combine(Xapian::Query::OP_OR, excluded));
        return q;
    }

    const Analyzer& analyzer_;
    const RankingOptions& ranking_;
    bool positions_;
    SearchResults& results_;
    detail::MatchTerms& match_;
};

// Levenshtein distance over code points, giving up (returning limit + 1) past @p limit.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b, std::size_t limit) {
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        std::size_t best = row[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
            best = std::min(best, row[j]);
        }
        if (best > limit) return limit + 1;
    }
    return row[b.size()];
}

std::u32string code_points(std::string_view s) {
    std::u32string out;
    std::size_t pos = 0;
    bool valid = true;
    while (pos < s.size()) out.push_back(detail::decode_utf8(s, pos, valid));
    return out;
}

// The most frequent indexed word within a small edit distance that shares the first two letters.
std::string suggest_word(const Xapian::Database& db, const std::string& word) {
    const std::u32string w = code_points(word);
    if (w.size() < 3) return {};
    const std::size_t limit = w.size() <= 4 ? 1 : 2;
    std::string prefix;
    detail::append_utf8(prefix, w[0]);
    detail::append_utf8(prefix, w[1]);
    std::string best;
    std::size_t best_distance = limit + 1;
    Xapian::doccount best_freq = 0;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string term = *t;
        const std::size_t d = edit_distance(w, code_points(term), limit);
        if (d == 0 || d > limit) continue;
        const Xapian::doccount freq = t.get_termfreq();
        if (d < best_distance || (d == best_distance && freq > best_freq)) best = term, best_distance = d, best_freq = freq;
    }
    return best;
}

}  // namespace

struct Searcher::Internal {
    Xapian::Database db;
    Analyzer analyzer;
    RankingOptions ranking;
    bool positions = true;
    bool store_text = true;
    ReadRetryPolicy read_retry;
};

Searcher::Searcher(const Index& index, RankingOptions ranking) : internal_(std::make_unique<Internal>()) {
    const Index::Internal& in = *index.internal_;
    internal_->analyzer = in.analyzer;
    internal_->ranking = ranking;
    internal_->positions = in.options.positions;
    internal_->store_text = in.options.store_text;
    internal_->read_retry = in.options.read_retry;
    // A searcher of an index on disk reads it through its own handle, so it sees commits (after
    // reopen) and nothing uncommitted; an in-memory index has only the one handle.
    internal_->db = detail::translate_xapian_errors("opening a searcher on '" + in.path + "'",
                                                    [&] { return detail::open_search_db(in); });
}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

void Searcher::reopen() {
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
    detail::MatchTerms match;
    bool truncated = false;
    const QueryNode tree = detail::parse_query(query_text, truncated, request.strict_syntax);
    QueryBuilder builder(analyzer, internal_->ranking, internal_->positions, results, match);
    Xapian::Query query = builder.build(tree, false);
    if (truncated) results.ignored.emplace_back("(words beyond the first " + std::to_string(detail::kMaxQueryItems) + ")");
    if (query.empty()) return results;

    const SearchResults analysed = results;  // the ignored words; what follows fills in the rest
    const Xapian::Query parsed = query;
    auto run = [&] {
        results = analysed;
        query = parsed;
        const Xapian::Database& db = internal_->db;
        const std::string from = detail::date_key(request.date_from);
        const std::string to = detail::date_key(request.date_to, true);
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
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BM25Weight(internal_->ranking.k1, 0, 1, internal_->ranking.b,
                                                        internal_->ranking.length_norm_floor));
        if (request.sort != SortOrder::RELEVANCE)
            enquire.set_sort_by_value_then_relevance(detail::kSlotDate, request.sort == SortOrder::DATE_DESC);
        Xapian::ValueCountMatchSpy sources(detail::kSlotSource);
        if (request.facets) enquire.add_matchspy(&sources);
        const Xapian::doccount check = request.facets ? db.get_doccount() : 0;
        const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check);
        // Remote shards: ask for every hit's document at once instead of one round trip per hit.
        // (The iterator form: Xapian 1.4.22's fetch() without arguments crashes on an MSet that
        // starts at an offset, see "offset and limit page through..." in test_searcher.)
        if (!mset.empty()) mset.fetch(mset.begin(), mset.end());
        results.estimated_total = mset.get_matches_estimated();

        detail::SnippetStyle style{request.snippet_length, request.highlight_open, request.highlight_close,
                                   request.snippet_format == SnippetFormat::HTML};
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            Hit hit;
            hit.rank = request.offset + static_cast<std::uint32_t>(it.get_rank() - mset.get_firstitem()) + 1;
            hit.score = it.get_weight();
            Xapian::Document doc = it.get_document();
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
        if (request.suggest) {
            // "Did you mean": only for words that match nothing in any of their forms.
            std::string suggestion;  // the normalized query, made once, on the first word to replace
            bool changed = false;
            for (const std::vector<std::string>& forms : builder.unmatched_candidates) {
                if (std::any_of(forms.begin(), forms.end(), [&](const std::string& f) { return db.get_termfreq(f) > 0; }))
                    continue;
                const std::string& w = forms.front();
                const std::string better = suggest_word(db, w);
                if (better.empty()) continue;
                if (suggestion.empty()) suggestion = analyzer.normalize(query_text);
                const auto at = suggestion.find(w);
                if (at != std::string::npos) suggestion.replace(at, w.size(), better), changed = true;
            }
            if (changed) results.suggestion = suggestion;
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
                if (!retry.again()) throw;
                detail::reopen_latest(internal_->db, internal_->read_retry);
            }
        }
    });
}

}  // namespace fahras
