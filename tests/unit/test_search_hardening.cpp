// Searcher behaviours found by the hardening review (issue 14, docs/reliability.md): snippets escaped
// for HTML unless asked for plain text, and the other request checks of this issue.
#include "index_support.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using fahras::Article;
using fahras::Index;
using fahras::SearchRequest;
using fahras::Searcher;

namespace {

Article article(const std::string& id, const std::string& body, const std::string& date = "") {
    Article a;
    a.id = id;
    a.title = "عنوان";
    a.body = body;
    a.date = date;
    return a;
}

SearchRequest request(const std::string& query) {
    SearchRequest r;
    r.query = query;
    return r;
}

}  // namespace

TEST_CASE("snippets: an article's markup is escaped by default (HTML markers), kept with SnippetFormat::PLAIN") {
    Index index = Index::in_memory();
    index.add(article("x", "كيري <script>alert(1)</script> & لافروف"));
    index.commit();
    const Searcher searcher(index);
    SearchRequest r = request("كيري");
    const auto html = searcher.search(r);
    REQUIRE(html.hits.size() == 1);
    CHECK(html.hits[0].snippet == "<b>كيري</b> &lt;script&gt;alert(1)&lt;/script&gt; &amp; لافروف");
    r.snippet_format = fahras::SnippetFormat::PLAIN;
    r.highlight_open = "[";
    r.highlight_close = "]";
    const auto plain = searcher.search(r);
    REQUIRE(plain.hits.size() == 1);
    CHECK(plain.hits[0].snippet == "[كيري] <script>alert(1)</script> & لافروف");
}

TEST_CASE("dates: a filter that is not an ISO 8601 date is an InvalidArgumentError, not ignored") {
    Index index = Index::in_memory();
    index.add(article("a", "كيري", "2015-07-21"));
    index.commit();
    const Searcher searcher(index);
    for (const char* bad : {"garbage", "21/07/2015", "2015-13-01"}) {
        CAPTURE(bad);
        SearchRequest from = request("كيري");
        from.date_from = bad;
        CHECK_THROWS_AS(searcher.search(from), fahras::InvalidArgumentError);
        SearchRequest to = request("كيري");
        to.date_to = bad;
        CHECK_THROWS_AS(searcher.search(to), fahras::InvalidArgumentError);
    }
    SearchRequest good = request("كيري");
    good.date_from = "2015-07";
    good.date_to = "2015-07-21";
    CHECK(searcher.search(good).hits.size() == 1);
}

TEST_CASE("dates: an article with a day-first date is stored as given, without a date value") {
    Index index = Index::in_memory();
    index.add(article("iso", "كيري", "2015-07-21"));
    index.add(article("dmy", "كيري", "21/07/2015"));  // was keyed 21072015...: after every real date
    index.commit();
    const Searcher searcher(index);
    REQUIRE(index.get("dmy").has_value());
    CHECK(index.get("dmy")->date == "21/07/2015");
    SearchRequest r = request("كيري");
    r.date_from = "2015-01-01";
    const auto filtered = searcher.search(r);
    REQUIRE(filtered.hits.size() == 1);  // the undated article matches no date filter
    CHECK(filtered.hits[0].id == "iso");
    r.date_from.clear();
    r.sort = fahras::SortOrder::DATE_DESC;
    const auto newest = searcher.search(r);
    REQUIRE(newest.hits.size() == 2);
    CHECK(newest.hits[0].id == "iso");  // not "dmy" as in the year 2107
}

namespace {

// Commits that rewrite every document, so that a reader's snapshot is discarded.
void churn(Index& writer, int commits) {
    for (int c = 0; c < commits; ++c) {
        for (int i = 0; i < 300; ++i)
            writer.add(article("d" + std::to_string(i), "كيري لافروف جولة " + std::to_string(c) + " " + std::to_string(i)));
        writer.commit();
    }
}

}  // namespace

TEST_CASE("read retry policy: a search on a discarded snapshot is rerun (default) or is IndexModifiedError") {
    fahras::test::TempDir dir("read_retry");
    const std::string path = dir.sub("idx");
    fahras::IndexOptions one_thread;
    one_thread.threads = 1;
    Index writer = Index::open(path, fahras::OpenMode::CREATE_OR_OVERWRITE, one_thread);
    churn(writer, 1);

    fahras::IndexOptions no_retry;
    no_retry.read_retry = fahras::ReadRetryPolicy{1, std::chrono::milliseconds(0)};
    const Index strict_reader = Index::open(path, fahras::OpenMode::READ_ONLY, no_retry);
    const Searcher strict(strict_reader);
    const Index default_reader = Index::open(path, fahras::OpenMode::READ_ONLY);
    const Searcher patient(default_reader);
    SearchRequest r = request("كيري");
    r.limit = 1000;
    r.suggest = false;
    churn(writer, 3);  // two commits after the readers' one discard it

    // The default policy reruns the search on the latest commit: every document, once.
    CHECK(patient.search(r).hits.size() == 300);
    // No retry: the discarded snapshot is reported as such (or, if Xapian had not reused its blocks
    // yet, the old commit is read whole; never a mix).
    try {
        const auto results = strict.search(r);
        CHECK(results.hits.size() == 300);
        MESSAGE("the discarded snapshot was still readable");
    } catch (const fahras::IndexModifiedError& e) {
        CHECK(std::string(e.what()).find("read_retry") != std::string::npos);
    }
    CHECK(fahras::ReadRetryPolicy{}.min_attempts == 5);
    CHECK(fahras::ReadRetryPolicy{}.retry_for == std::chrono::seconds(10));
}

TEST_CASE("strict_syntax: Searcher::search throws QuerySyntaxError; the default reads the same query leniently") {
    Index index = Index::in_memory();
    index.add(article("a", "كيري لافروف"));
    index.commit();
    const Searcher searcher(index);
    SearchRequest r = request("كيري AND");
    CHECK(searcher.search(r).hits.size() == 1);
    r.strict_syntax = true;
    CHECK_THROWS_AS(searcher.search(r), fahras::QuerySyntaxError);
    r.query = "كيري AND لافروف";
    CHECK(searcher.search(r).hits.size() == 1);
}
