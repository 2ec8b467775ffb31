// Fuzz target: the search box. Arbitrary bytes as a query over a small index of news articles, with
// snippets, facets and suggestions on: the default parser must never throw, whatever the syntax; the
// strict one (SearchRequest::strict_syntax) throws QuerySyntaxError and nothing else.
#include <fahras/fahras.hpp>

#include "search/query_parser.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

fahras::Article article(const std::string& id, const std::string& title, const std::string& body,
                        const std::string& source, const std::string& date) {
    fahras::Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.source = source;
    a.author = "\u0645\u062D\u0645\u062F \u0639\u0644\u064A";
    a.date = date;
    return a;
}

const fahras::Searcher& searcher() {
    static fahras::Index index = [] {
        fahras::Index i = fahras::Index::in_memory();
        i.add(article("1", "\u0643\u064A\u0631\u064A \u0648\u0644\u0627\u0641\u0631\u0648\u0641",
                      "\u0627\u0644\u062A\u0642\u0649 \u062C\u0648\u0646 \u0643\u064A\u0631\u064A \u0628\u0646\u0638\u064A\u0631\u0647 "
                      "\u0627\u0644\u0631\u0648\u0633\u064A \u0633\u064A\u0631\u063A\u064A \u0644\u0627\u0641\u0631\u0648\u0641 Geneva 2015",
                      "\u0633\u0628\u0642", "2015-07-21"));
        i.add(article("2", "\u0627\u0644\u0628\u063A\u062F\u0627\u062F\u064A", "\u0641\u064A \u0628\u063A\u062F\u0627\u062F \u0648\u0627\u0644\u0628\u063A\u062F\u0627\u062F\u064A",
                      "\u0627\u0644\u0631\u064A\u0627\u0636", "2015-08-01"));
        i.add(article("3", "", "\u0643\u0650\u064A\u0631\u064A \u0644\u0644\u0635\u062F\u0631 \u0627\u0644\u0635\u062F\u0631 \u0635\u062F\u0631",
                      "okaz", "2015-7-3"));
        return i;
    }();
    static const fahras::Searcher s(index);
    return s;
}

std::size_t tree_depth(const fahras::detail::QueryNode& n) {
    std::size_t d = 0;
    for (const fahras::detail::QueryNode& c : n.children) d = std::max(d, tree_depth(c));
    return d + 1;
}

}  // namespace

// Run with long inputs (scripts/test.sh passes -max_len=16384 to this target): the input, and the input
// repeated to 16 KB (so that a short "x AND " becomes a chain of thousands), must parse to a tree no
// deeper than kMaxQueryTreeDepth; deeper, a recursive consumer could overflow a small thread stack.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string query(reinterpret_cast<const char*>(data), size);
    bool truncated = false;
    if (tree_depth(fahras::detail::parse_query(query, truncated)) > fahras::detail::kMaxQueryTreeDepth) std::abort();
    if (size > 0) {
        std::string repeated;
        while (repeated.size() < 16 * 1024) repeated += query;
        if (tree_depth(fahras::detail::parse_query(repeated, truncated)) > fahras::detail::kMaxQueryTreeDepth)
            std::abort();
    }

    fahras::SearchRequest request;
    request.query = query;
    request.facets = true;
    request.limit = 5;
    const fahras::SearchResults results = searcher().search(request);  // an exception aborts the run
    // Strict syntax: QuerySyntaxError or nothing, and a query it accepts gives the lenient results.
    request.strict_syntax = true;
    try {
        if (searcher().search(request).hits.size() != results.hits.size()) std::abort();
    } catch (const fahras::QuerySyntaxError&) {
    }
    if (results.hits.size() > 3 || results.estimated_total > 3) std::abort();
    for (const fahras::Hit& hit : results.hits)
        if (!fahras::is_valid_utf8(hit.snippet)) std::abort();
    return 0;
}
