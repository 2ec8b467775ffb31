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
