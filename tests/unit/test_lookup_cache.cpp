// The lookups a Searcher keeps from one search to the next (LookupCache, lib/terms/query_terms.hpp):
// they must never outlive the snapshot they were read from. A cached expansion of كيري made before
// وكيري and كيرى were written would hide the new articles after reopen(); on an in-memory index,
// which is searched as it is written, even without one.
#include "index_support.hpp"
#include "terms/query_terms.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>

using fahras::Article;
using fahras::Index;
using fahras::SearchRequest;
using fahras::Searcher;

namespace {

using Ids = std::set<std::string>;


Ids ids_of(const Searcher& s, const std::string& query) {
    SearchRequest r;
    r.query = query;
    r.limit = 100;
    const auto ids = fahras::test::hit_ids(s.search(r));
    return Ids(ids.begin(), ids.end());
}

}  // namespace

TEST_CASE("a Searcher on disk expands a word again after reopen(): forms written since are found") {
    fahras::test::TempDir dir("lookup_cache_disk");
    Index index = Index::open(dir.sub("db"));
    index.add(fahras::test::news_item("a", "كيري في جنيف"));
    index.commit();
    Searcher s(index);
    CHECK(ids_of(s, "كيري") == Ids{"a"});
    CHECK(ids_of(s, "كيري") == Ids{"a"});  // the second search reads what the first cached

    // Forms the first expansion could not know: behind a conjunction, and with ى.
    index.add(fahras::test::news_item("b", "وكيري في موسكو"));
    index.add(fahras::test::news_item("c", "كيرى في روما"));
    index.commit();
    CHECK(ids_of(s, "كيري") == Ids{"a"});  // the searcher's snapshot is still the first commit
    s.reopen();
    CHECK(ids_of(s, "كيري") == Ids{"a", "b", "c"});
    CHECK(ids_of(s, "موسكو") == Ids{"b"});

    // A word gone from the index is gone from the searcher's expansions too.
    index.remove("a");
    index.remove("b");
    index.commit();
    s.reopen();
    CHECK(ids_of(s, "كيري") == Ids{"c"});
    CHECK(ids_of(s, "جنيف").empty());
}

TEST_CASE("a Searcher on an in-memory index expands every search afresh: it sees each article as written") {
    Index index = Index::in_memory();
    index.add(fahras::test::news_item("a", "كيري في جنيف"));
    Searcher s(index);
    CHECK(ids_of(s, "كيري") == Ids{"a"});
    index.add(fahras::test::news_item("b", "وكيري في موسكو"));
    index.add(fahras::test::news_item("c", "كيرى في روما"));
    CHECK(ids_of(s, "كيري") == Ids{"a", "b", "c"});
}

TEST_CASE("cached lookups give the scores a fresh searcher gives") {
    fahras::test::TempDir dir("lookup_cache_scores");
    Index index = Index::open(dir.sub("db"));
    for (const Article& a : fahras::test::news_articles()) index.add(a);
    index.commit();
    Searcher warm(index);
    const std::string queries[] = {"لافروف", "كيري ولافروف", "وزير الخارجية الروسي", "\"سيرغي لافروف\""};
    for (const std::string& q : queries) warm.search(q, 10);
    for (const std::string& q : queries) {
        CAPTURE(q);
        const auto cached = warm.search(q, 10).hits;
        const auto fresh = Searcher(index).search(q, 10).hits;
        REQUIRE(cached.size() == fresh.size());
        CHECK_FALSE(fresh.empty());
        for (std::size_t i = 0; i < fresh.size(); ++i) {
            CHECK(cached[i].id == fresh[i].id);
            CHECK(cached[i].score == doctest::Approx(fresh[i].score));
        }
    }
}

TEST_CASE("LookupCache::bound starts the cache again once it holds more frequencies than allowed") {
    fahras::detail::LookupCache cache;
    cache.frequencies = {{"a", 1}, {"b", 2}, {"c", 3}};
    cache.vocabulary["vwa"];
    cache.expanded["a"];
    cache.bound(3);
    CHECK(cache.frequencies.size() == 3);
    CHECK(cache.vocabulary.size() == 1);
    cache.bound(2);
    CHECK(cache.frequencies.empty());
    CHECK(cache.vocabulary.empty());
    CHECK(cache.expanded.empty());
}
