// fahras::Searcher (lib/search/searcher.cpp) over the news fixture plus a few articles written for
// each behaviour: names found through clitics and spelling variants and ranked above look-alikes,
// phrases, the query operators, fields, dates, sorting, paging, facets, suggestions, and the failure
// paths (stopword-only, empty, over-limit and invalid UTF-8 queries; uncommitted documents on disk).
#include "index_support.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

using fahras::Article;
using fahras::Index;
using fahras::SearchRequest;
using fahras::SearchResults;
using fahras::Searcher;
using fahras::SortOrder;
using fahras::test::hit_ids;

namespace {

using Ids = std::set<std::string>;

Article make(const std::string& id, const std::string& body, const std::string& date = "",
             const std::string& title = "خبر") {
    Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.date = date;
    a.source = "test";
    a.author = "محرر";
    return a;
}

// Articles written for single behaviours, added to the 18 news articles.
std::vector<Article> extra_articles() {
    return {
        make("x-lkerry", "قال مصدر مقرب لكيري إن الزيارة تأجلت إلى الشهر المقبل", "2015-07-21 23:59:59"),
        make("x-tafkiri", "هذا الأمر يشغل تفكيري منذ أيام طويلة", "2015-08-01"),
        make("x-bukairi", "سجل المهاجم البكيري هدفا في المباراة", "2015-08-03"),
        make("x-wlavrov", "التقى الوزير ولافروف في موسكو أمس", "2015-07-02"),
        make("x-llavrov", "وجه الرئيس دعوة للافروف لزيارة الرياض", "2015-07-03"),
        make("x-blavrov", "رحب الوزير بلافروف في العاصمة", "2015-07-04"),
        make("x-ljon", "قال مستشار لجون كيري إن المحادثات مستمرة", "2015-07-05"),
        make("x-far",
             "وصل كيري إلى العاصمة مساء أمس في زيارة رسمية تستمر يومين يلتقي خلالها المسؤولين ثم يغادر "
             "متوجها إلى باريس حيث ينتظره جون",
             "2015-07-06"),
        make("x-nodate", "لافروف في مؤتمر صحفي"),
    };
}

Index corpus() {
    Index index = Index::in_memory();
    for (const Article& a : fahras::test::news_articles()) index.add(a);
    for (const Article& a : extra_articles()) index.add(a);
    return index;
}

SearchResults run(const Searcher& s, const std::string& query, std::uint32_t limit = 1000) {
    SearchRequest r;
    r.query = query;
    r.limit = limit;
    return s.search(r);
}

Ids ids_of(const Searcher& s, const std::string& query) {
    const auto v = hit_ids(run(s, query));
    return Ids(v.begin(), v.end());
}

Ids set_and(const Ids& a, const Ids& b) {
    Ids out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
    return out;
}
Ids set_or(const Ids& a, const Ids& b) {
    Ids out = a;
    out.insert(b.begin(), b.end());
    return out;
}
Ids set_minus(const Ids& a, const Ids& b) {
    Ids out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
    return out;
}

// 1-based rank of @p id in @p ids, or 0.
std::size_t rank_of(const std::vector<std::string>& ids, const std::string& id) {
    const auto it = std::find(ids.begin(), ids.end(), id);
    return it == ids.end() ? 0 : static_cast<std::size_t>(it - ids.begin()) + 1;
}

// Every id of @p good is found, and every id of @p bad is either absent or ranked below all of them.
void check_ranked_above(const std::vector<std::string>& ranked, const Ids& good, const Ids& bad) {
    std::size_t worst_good = 0;
    for (const std::string& g : good) {
        CAPTURE(g);
        const std::size_t r = rank_of(ranked, g);
        CHECK(r > 0);
        worst_good = std::max(worst_good, r);
    }
    for (const std::string& b : bad) {
        CAPTURE(b);
        const std::size_t r = rank_of(ranked, b);
        CHECK((r == 0 || r > worst_good));
    }
}

std::string join(const Ids& ids) {
    std::string s;
    for (const auto& id : ids) s += (s.empty() ? "" : " ") + id;
    return s;
}

}  // namespace

// ------------------------------------------------------------------------------------ names

TEST_CASE("كيري finds وكيري, لكيري, كيرى, كِيري, کيري and ranks them above تفكيري and البكيري") {
    const Index index = corpus();
    const Searcher s(index);
    const auto ranked = hit_ids(run(s, "كيري"));
    check_ranked_above(ranked,
                       {"news-01", "news-02", "news-03", "news-06", "x-lkerry", "x-ljon", "x-far"},
                       {"x-tafkiri", "x-bukairi"});
    // The look-alikes share letters, not the word: they do not match at all.
    CHECK(rank_of(ranked, "x-tafkiri") == 0);
    CHECK(rank_of(ranked, "x-bukairi") == 0);
    // Every spelling of the query finds the same articles.
    for (const char* variant : {"كيرى", "كِيري", "کيري", "كيـري"}) {
        CAPTURE(std::string(variant));
        CHECK(ids_of(s, variant) == Ids(ranked.begin(), ranked.end()));
    }
}

TEST_CASE("لافروف finds ولافروف, للافروف and بلافروف") {
    const Index index = corpus();
    const Searcher s(index);
    const Ids found = ids_of(s, "لافروف");
    for (const char* id : {"news-01", "news-07", "news-15", "news-18", "x-wlavrov", "x-llavrov", "x-blavrov", "x-nodate"}) {
        CAPTURE(std::string(id));
        CHECK(found.count(id) == 1);
    }
    CHECK(found.count("news-05") == 0);
}

TEST_CASE("البغدادي ranks articles with البغدادي above those with only بغداد") {
    const Index index = corpus();
    const Searcher s(index);
    const auto ranked = hit_ids(run(s, "البغدادي"));
    check_ranked_above(ranked, {"news-04", "news-14"}, {"news-05", "news-13"});
    // And the other way round: بغداد is the city, not the man.
    const auto city = hit_ids(run(s, "بغداد"));
    check_ranked_above(city, {"news-05", "news-13"}, {"news-04", "news-14"});
}

// ----------------------------------------------------------------------------------- phrases

TEST_CASE("phrase \"جون كيري\" matches adjacent words with clitics and variants, not the words far apart") {
    const Index index = corpus();
    const Searcher s(index);
    for (const char* q : {"\"جون كيري\"", "«جون كيري»"}) {
        CAPTURE(std::string(q));
        const Ids found = ids_of(s, q);
        CHECK(found == Ids{"news-01", "news-02", "news-03", "news-06", "x-ljon"});
        CHECK(found.count("x-far") == 0);
    }
    CHECK(ids_of(s, "\"كيري جون\"").empty());  // order matters
    CHECK(ids_of(s, "جون كيري").count("x-far") == 1);  // as words they match anywhere
    CHECK(ids_of(s, "\"كيري\"") == ids_of(s, "كيري"));  // a one-word phrase is the word
    CHECK(ids_of(s, "\"\"").empty());
    CHECK(ids_of(s, "«»").empty());
}

TEST_CASE("a phrase does not span the end of the title and the start of the body") {
    Index index = Index::in_memory();
    index.add(make("t", "يبدأ النص بكلمة", "2015-07-01", "عنوان ينتهي بكيري"));
    index.add(make("u", "بحث جون كيري", "2015-07-01", "عنوان"));
    const Searcher s(index);
    CHECK(ids_of(s, "\"بكيري يبدأ\"").empty());
    CHECK(ids_of(s, "\"جون كيري\"") == Ids{"u"});
}

// --------------------------------------------------------------------------------- operators

TEST_CASE("+required, -excluded, AND, OR, NOT and parentheses select the expected sets") {
    const Index index = corpus();
    const Searcher s(index);
    const Ids kerry = ids_of(s, "كيري");
    const Ids geneva = ids_of(s, "جنيف");
    const Ids lavrov = ids_of(s, "لافروف");
    const Ids baghdadi = ids_of(s, "البغدادي");
    const Ids syria = ids_of(s, "سوريا");
    REQUIRE(!set_and(kerry, geneva).empty());
    REQUIRE(!set_minus(kerry, geneva).empty());
    REQUIRE(!set_and(lavrov, kerry).empty());

    CHECK(ids_of(s, "كيري جنيف") == set_or(kerry, geneva));
    CHECK(ids_of(s, "كيري OR جنيف") == set_or(kerry, geneva));
    CHECK(ids_of(s, "+كيري +جنيف") == set_and(kerry, geneva));
    CHECK(ids_of(s, "كيري AND جنيف") == set_and(kerry, geneva));
    CHECK(ids_of(s, "+كيري جنيف") == kerry);  // the optional word only ranks
    CHECK(ids_of(s, "كيري -جنيف") == set_minus(kerry, geneva));
    CHECK(ids_of(s, "كيري NOT جنيف") == set_minus(kerry, geneva));
    CHECK(ids_of(s, "+لافروف -كيري") == set_minus(lavrov, kerry));
    CHECK(ids_of(s, "(لافروف OR البغدادي) AND سوريا") == set_and(set_or(lavrov, baghdadi), syria));
    CHECK(ids_of(s, "لافروف -(كيري OR جنيف)") == set_minus(lavrov, set_or(kerry, geneva)));
    CHECK(ids_of(s, "-\"جون كيري\" كيري") == set_minus(kerry, ids_of(s, "\"جون كيري\"")));
    CHECK(ids_of(s, "كيري NOT (جنيف OR لافروف)") == set_minus(kerry, set_or(geneva, lavrov)));

    // With +, documents holding the optional word rank first.
    const auto ranked = hit_ids(run(s, "+كيري جنيف"));
    check_ranked_above(ranked, set_and(kerry, geneva), set_minus(kerry, geneva));
}

TEST_CASE("stray operators and excluded-only queries give no error") {
    const Index index = corpus();
    const Searcher s(index);
    const Ids kerry = ids_of(s, "كيري");
    CHECK(ids_of(s, "AND كيري") == kerry);
    CHECK(ids_of(s, "كيري OR") == kerry);
    CHECK(ids_of(s, "كيري AND") == kerry);
    CHECK(ids_of(s, "OR OR كيري NOT") == kerry);
    CHECK(ids_of(s, "NOT كيري").empty());
    CHECK(ids_of(s, "-كيري").empty());
    CHECK(ids_of(s, "AND").empty());
    CHECK(ids_of(s, "((( )))").empty());
    CHECK(ids_of(s, "(كيري") == kerry);
    CHECK(ids_of(s, "كيري)))") == kerry);
    CHECK(ids_of(s, "\"جون كيري") == ids_of(s, "\"جون كيري\""));
}

// ------------------------------------------------------------------------------------- fields

TEST_CASE("title: matches title words and ranks title matches first") {
    const Index index = corpus();
    const Searcher s(index);
    CHECK(ids_of(s, "title:لافروف") == Ids{"news-01", "news-07", "news-15"});
    CHECK(ids_of(s, "title:\"جون كيري\"").empty());  // جون is in no title
    CHECK(ids_of(s, "title:كيري").count("news-03") == 1);
    const auto ranked = hit_ids(run(s, "لافروف title:لافروف"));
    check_ranked_above(ranked, {"news-01", "news-07", "news-15"},
                       {"news-18", "x-wlavrov", "x-llavrov", "x-blavrov", "x-nodate"});
}

TEST_CASE("author: and source: filter without changing which words match") {
    const Index index = corpus();
    const Searcher s(index);
    CHECK(ids_of(s, "author:رويترز") == Ids{"news-01", "news-05"});
    CHECK(ids_of(s, "كيري author:رويترز") == Ids{"news-01"});
    CHECK(ids_of(s, "author:\"الشرق الأوسط\"") == Ids{"news-13", "news-15"});
    CHECK(ids_of(s, "source:okaz") == Ids{"news-02", "news-06", "news-10", "news-14"});
    CHECK(ids_of(s, "source:OKAZ") == ids_of(s, "source:okaz"));
    CHECK(ids_of(s, "كيري source:okaz") == Ids{"news-02", "news-06"});
    CHECK(ids_of(s, "كيري -source:okaz") == set_minus(ids_of(s, "كيري"), Ids{"news-02", "news-06"}));
    CHECK(ids_of(s, "source:nowhere").empty());
    CHECK(ids_of(s, "كيري source:nowhere").empty());
    // A filter does not change the ranking of what it keeps.
    const auto plain = run(s, "كيري");
    const auto filtered = run(s, "كيري source:okaz");
    for (const auto& h : filtered.hits)
        for (const auto& p : plain.hits)
            if (p.id == h.id) CHECK(h.score == doctest::Approx(p.score));
}

TEST_CASE("SearchRequest::sources keeps hits from any of the listed sources, as source: does") {
    const Index index = corpus();
    const Searcher s(index);
    auto with_sources = [&](const std::string& query, std::vector<std::string> sources) {
        SearchRequest r;
        r.query = query;
        r.limit = 1000;
        r.sources = std::move(sources);
        return s.search(r);
    };
    auto ids = [](const SearchResults& results) {
        const auto v = hit_ids(results);
        return Ids(v.begin(), v.end());
    };
    CHECK(ids(with_sources("كيري", {"OKAZ"})) == ids_of(s, "كيري source:okaz"));
    const Ids okaz = ids_of(s, "كيري source:okaz");
    const Ids test = ids_of(s, "كيري source:test");
    REQUIRE(!okaz.empty());
    REQUIRE(!test.empty());
    REQUIRE(set_or(okaz, test) != ids_of(s, "كيري"));  // some Kerry articles come from other sources
    CHECK(ids(with_sources("كيري", {"okaz", "test"})) == set_or(okaz, test));
    CHECK(ids(with_sources("كيري", {"nowhere"})).empty());
    CHECK(ids(with_sources("كيري", {"  "})).empty());  // a blank source: nothing, not everything
    CHECK(ids(with_sources("كيري", {})) == ids_of(s, "كيري"));
    const auto plain = run(s, "كيري");
    for (const auto& h : with_sources("كيري", {"okaz"}).hits)
        for (const auto& p : plain.hits)
            if (p.id == h.id) CHECK(h.score == doctest::Approx(p.score));
}

// -------------------------------------------------------------------------------------- dates

TEST_CASE("date_from and date_to are inclusive and accept partial dates") {
    const Index index = corpus();
    const Searcher s(index);
    const std::string q = "الخارجية OR كيري OR لافروف OR البغدادي OR بغداد";
    std::map<std::string, std::string> date_of;
    for (const auto& h : run(s, q).hits) date_of[h.id] = h.date;
    REQUIRE(date_of.size() > 15);

    auto in_range = [&](const std::string& from, const std::string& to) {
        SearchRequest r;
        r.query = q;
        r.limit = 1000;
        r.date_from = from;
        r.date_to = to;
        const auto v = hit_ids(s.search(r));
        return Ids(v.begin(), v.end());
    };
    auto expected = [&](const std::string& from, const std::string& to) {  // by ISO prefix comparison
        Ids out;
        for (const auto& [id, date] : date_of) {
            if (date.empty()) continue;
            if (!from.empty() && date.compare(0, from.size(), from) < 0) continue;
            if (!to.empty() && date.compare(0, to.size(), to) > 0) continue;
            out.insert(id);
        }
        return out;
    };
    struct Range {
        const char* from;
        const char* to;
    };
    for (const Range& r : {Range{"2015-07-21", "2015-08-11"}, Range{"2015-07", "2015-07"}, Range{"2015-08", ""},
                           Range{"", "2015-07-21"}, Range{"2015-07-21", "2015-07-21"}, Range{"2015", "2015"}}) {
        CAPTURE(std::string(r.from));
        CAPTURE(std::string(r.to));
        const Ids got = in_range(r.from, r.to);
        CHECK(!got.empty());
        CHECK(join(got) == join(expected(r.from, r.to)));
    }
    // The bounds themselves: news-01 on 2015-07-21, news-07 and news-13 on 2015-08-11, x-lkerry at
    // 23:59:59 on 2015-07-21.
    const Ids bounded = in_range("2015-07-21", "2015-08-11");
    CHECK(bounded.count("news-01") == 1);
    CHECK(bounded.count("news-07") == 1);
    CHECK(bounded.count("news-13") == 1);
    CHECK(bounded.count("x-lkerry") == 1);
    CHECK(bounded.count("news-09") == 0);  // 2015-08-15
    CHECK(in_range("", "2015-07-21").count("x-lkerry") == 1);
    CHECK(in_range("2015-07-22", "").count("x-lkerry") == 0);
    CHECK(in_range("", "").count("x-nodate") == 1);
    CHECK(in_range("2015", "").count("x-nodate") == 0);  // an undated article is outside any range
    CHECK(in_range("2015-08-12", "2015-08-01").empty());  // an empty range
}

TEST_CASE("sort by date, newest or oldest first") {
    const Index index = corpus();
    const Searcher s(index);
    SearchRequest r;
    r.query = "لافروف OR كيري";
    r.limit = 1000;
    for (SortOrder order : {SortOrder::DATE_DESC, SortOrder::DATE_ASC}) {
        r.sort = order;
        const auto hits = s.search(r).hits;
        REQUIRE(hits.size() > 10);
        for (std::size_t i = 1; i < hits.size(); ++i) {
            CAPTURE(hits[i - 1].date);
            CAPTURE(hits[i].date);
            if (order == SortOrder::DATE_DESC) CHECK(hits[i - 1].date >= hits[i].date);
            else CHECK(hits[i - 1].date <= hits[i].date);
        }
    }
    r.sort = SortOrder::DATE_DESC;
    CHECK(s.search(r).hits.front().id == "news-18");  // 2015-08-17, the newest
    r.sort = SortOrder::DATE_ASC;
    const auto asc = s.search(r).hits;
    // Undated articles sort as oldest; the oldest dated one is x-wlavrov (2015-07-02).
    CHECK(asc.front().id == "x-nodate");
    CHECK(asc[1].id == "x-wlavrov");
}

// ------------------------------------------------------------------------- paging and counts

TEST_CASE("offset and limit page through the same order as one large request") {
    const Index index = corpus();
    const Searcher s(index);
    const std::string q = "لافروف OR كيري OR الخارجية";
    const auto all = run(s, q).hits;
    REQUIRE(all.size() > 12);
    for (std::uint32_t page = 3; page <= 5; ++page) {
        for (std::uint32_t offset = 0; offset < all.size() + page; offset += page) {
            CAPTURE(offset);
            SearchRequest r;
            r.query = q;
            r.offset = offset;
            r.limit = page;
            const auto hits = s.search(r).hits;
            const std::size_t expected = offset >= all.size() ? 0 : std::min<std::size_t>(page, all.size() - offset);
            REQUIRE(hits.size() == expected);
            for (std::size_t i = 0; i < hits.size(); ++i) {
                CHECK(hits[i].id == all[offset + i].id);
                CHECK(hits[i].rank == offset + i + 1);
                CHECK(hits[i].score == doctest::Approx(all[offset + i].score));
            }
        }
    }
    for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i - 1].score >= all[i].score);
    CHECK(all.front().rank == 1);
}

TEST_CASE("estimated_total counts all matches, not just the page") {
    const Index index = corpus();
    const Searcher s(index);
    for (const char* q : {"كيري", "source:okaz", "لافروف OR كيري"}) {
        CAPTURE(std::string(q));
        const auto all = run(s, q);
        CHECK(all.estimated_total == all.hits.size());
        const auto one = run(s, q, 1);
        CHECK(one.hits.size() == 1);
        CHECK(one.estimated_total >= 1);
        CHECK(one.estimated_total <= index.size());
    }
    CHECK(run(s, "source:okaz", 1).estimated_total == 4);
    CHECK(run(s, "لا يوجد هذا").estimated_total == 0);
}

TEST_CASE("facets count every match by source, whatever the page size") {
    const Index index = corpus();
    const Searcher s(index);
    const std::string q = "الخارجية OR كيري";
    std::map<std::string, std::uint64_t> expected;
    for (const auto& h : run(s, q).hits) ++expected[h.source];
    REQUIRE(expected.size() >= 3);
    for (std::uint32_t limit : {1u, 5u, 1000u}) {
        CAPTURE(limit);
        SearchRequest r;
        r.query = q;
        r.limit = limit;
        r.facets = true;
        const auto results = s.search(r);
        std::map<std::string, std::uint64_t> got(results.source_counts.begin(), results.source_counts.end());
        CHECK(got == expected);
        for (std::size_t i = 1; i < results.source_counts.size(); ++i)
            CHECK(results.source_counts[i - 1].second >= results.source_counts[i].second);
    }
    CHECK(run(s, q).source_counts.empty());  // only when asked for
}

// ---------------------------------------------------------------------- suggestions and misc

TEST_CASE("a misspelled word gets a suggestion, a correct one none") {
    const Index index = corpus();
    const Searcher s(index);
    const auto wrong = run(s, "لافروق");  // ف → ق
    CHECK(wrong.hits.empty());
    CHECK(wrong.suggestion == "لافروف");
    CHECK(!ids_of(s, wrong.suggestion).empty());
    CHECK(run(s, "كيري لافروق").suggestion == "كيري لافروف");
    CHECK(run(s, "لافروف").suggestion.empty());
    CHECK(run(s, "كيري").suggestion.empty());
    SearchRequest r;
    r.query = "لافروق";
    r.suggest = false;
    CHECK(s.search(r).suggestion.empty());
}

TEST_CASE("no suggestion for a word that matches through its proclitic-free form") {
    // وكيري is not indexed as written, but its form كيري matches; وكيل is one edit away.
    Index index = Index::in_memory();
    index.add(make("a", "التقى كيري بالوزير"));
    index.add(make("b", "قال وكيل الوزارة"));
    const Searcher s(index);
    const auto results = run(s, "وكيري");
    CHECK(hit_ids(results) == std::vector<std::string>{"a"});
    CHECK(results.suggestion == "");
}

TEST_CASE("stopwords are ignored beside other words, searched when the query has nothing else") {
    const Index index = corpus();
    const Searcher s(index);
    const auto results = run(s, "في من على");
    CHECK(!results.hits.empty());  // never an empty query (issue 12)
    CHECK(results.ignored.empty());
    const auto unknown = run(s, "لا يوجد هذا");  // an unknown word beside stopwords: no hit, the stopwords not searched
    CHECK(unknown.hits.empty());
    CHECK(unknown.ignored == std::vector<std::string>{"لا", "هذا"});
    const auto mixed = run(s, "كيري في جنيف");
    CHECK(!mixed.hits.empty());
    CHECK(mixed.ignored == std::vector<std::string>{"في"});
    // A required stopword is searched for, not ignored.
    CHECK(run(s, "+في").ignored.empty());
    CHECK(!run(s, "+في").hits.empty());
}

TEST_CASE("an empty or blank query gives no hits and no error") {
    const Index index = corpus();
    const Searcher s(index);
    for (const char* q : {"", " ", "\t\n", "()", "\"\"", "-", "+", "،؟!"}) {
        CAPTURE(std::string(q));
        const auto results = run(s, q);
        CHECK(results.hits.empty());
        CHECK(results.estimated_total == 0);
    }
}

TEST_CASE("limit above 10000 throws InvalidArgumentError; 10000 and 0 are fine") {
    const Index index = corpus();
    const Searcher s(index);
    CHECK_THROWS_AS(run(s, "كيري", 10001), fahras::InvalidArgumentError);
    CHECK_THROWS_AS(s.search("كيري", 4000000000u), fahras::InvalidArgumentError);
    CHECK(!run(s, "كيري", 10000).hits.empty());
    CHECK(run(s, "كيري", 0).hits.empty());
}

TEST_CASE("an invalid UTF-8 query does not crash; its valid words still match") {
    const Index index = corpus();
    const Searcher s(index);
    for (const std::string q : {std::string("\xFF\xFE كيري"), std::string("كيري \xD9"), std::string("\xC0\x80"),
                                std::string("\"جون \xE2\x82 كيري"), std::string("title:\xFF"),
                                std::string("كير\xD9\xA")}) {
        CAPTURE(q);
        const auto results = run(s, q);
        CHECK(fahras::is_valid_utf8(results.suggestion));
        for (const auto& w : results.ignored) CHECK(fahras::is_valid_utf8(w));
        for (const auto& h : results.hits) CHECK(fahras::is_valid_utf8(h.snippet));
    }
    CHECK(ids_of(s, "\xFF\xFE كيري") == ids_of(s, "كيري"));

    fahras::IndexOptions strict;
    strict.analyzer.invalid_utf8 = fahras::InvalidUtf8::THROW;
    Index strict_index = Index::in_memory(strict);
    strict_index.add(make("a", "كيري"));
    CHECK_THROWS_AS(Searcher(strict_index).search("\xFF كيري"), fahras::EncodingError);
}

TEST_CASE("a 10,000-word query is truncated, reported, and fast") {
    const Index index = corpus();
    const Searcher s(index);
    std::string q;
    for (int i = 0; i < 10000; ++i) q += (i % 2 ? "كيري " : "لافروف ");
    const auto start = std::chrono::steady_clock::now();
    const auto results = run(s, q, 10);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 2.0);
    CHECK(!results.hits.empty());
    REQUIRE(!results.ignored.empty());
    CHECK(results.ignored.back().find("256") != std::string::npos);
}

TEST_CASE("snippets highlight the words as written, with custom markers, or are left out") {
    const Index index = corpus();
    const Searcher s(index);
    auto snippet_of = [&](const SearchResults& r, const std::string& id) {
        for (const auto& h : r.hits)
            if (h.id == id) return h.snippet;
        FAIL("no hit " << id);
        return std::string();
    };
    CHECK(snippet_of(run(s, "لافروف"), "x-wlavrov").find("<b>ولافروف</b>") != std::string::npos);
    CHECK(snippet_of(run(s, "كيري"), "news-03").find("<b>كِيري</b>") != std::string::npos);
    SearchRequest r;
    r.query = "لافروف";
    r.limit = 100;
    r.highlight_open = "[";
    r.highlight_close = "]";
    CHECK(snippet_of(s.search(r), "x-llavrov").find("[للافروف]") != std::string::npos);
    r.snippets = false;
    for (const auto& h : s.search(r).hits) CHECK(h.snippet.empty());
}

TEST_CASE("stored_fields=false returns the same ids, ranks and scores without the fields") {
    const Index index = corpus();
    const Searcher s(index);
    SearchRequest r;
    r.query = "كيري OR لافروف";
    r.limit = 100;
    const auto full = s.search(r).hits;
    r.stored_fields = false;
    const auto lean = s.search(r).hits;
    REQUIRE(full.size() == lean.size());
    for (std::size_t i = 0; i < full.size(); ++i) {
        CHECK(lean[i].id == full[i].id);
        CHECK(lean[i].rank == full[i].rank);
        CHECK(lean[i].score == doctest::Approx(full[i].score));
        CHECK(lean[i].title.empty());
        CHECK(lean[i].snippet.empty());
    }
}

TEST_CASE("a Searcher over an index on disk sees commits only after reopen(), never uncommitted articles") {
    fahras::test::TempDir dir("searcher_disk");
    Index index = Index::open(dir.sub("db"));
    index.add(make("a", "كيري في جنيف"));
    index.add(make("b", "كيري في باريس"));
    index.commit();
    Searcher s(index);
    CHECK(ids_of(s, "كيري") == Ids{"a", "b"});

    index.add(make("c", "كيري في موسكو"));
    CHECK(ids_of(s, "كيري") == Ids{"a", "b"});
    s.reopen();
    CHECK(ids_of(s, "كيري") == Ids{"a", "b"});  // still not committed
    CHECK(ids_of(s, "موسكو").empty());

    index.commit();
    CHECK(ids_of(s, "كيري") == Ids{"a", "b"});  // committed, not yet reopened
    s.reopen();
    CHECK(ids_of(s, "كيري") == Ids{"a", "b", "c"});

    // A searcher over a read-only handle behaves the same.
    Index reader = Index::open(dir.sub("db"), fahras::OpenMode::READ_ONLY);
    Searcher rs(reader);
    index.remove("a");
    index.commit();
    CHECK(ids_of(rs, "كيري") == Ids{"a", "b", "c"});
    rs.reopen();
    CHECK(ids_of(rs, "كيري") == Ids{"b", "c"});
}

TEST_CASE("a Searcher outlives a moved Index and keeps working") {
    Index index = Index::in_memory();
    index.add(make("a", "كيري"));
    Searcher s(index);
    Index moved = std::move(index);
    moved.add(make("b", "كيري"));
    CHECK(ids_of(s, "كيري") == Ids{"a", "b"});  // in memory: one shared handle
}
