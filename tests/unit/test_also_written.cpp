// "Also written as" (lib/search/also_written.cpp) through fahras::Searcher, on short news sentences
// written for these tests: a rarer spelling of a name is offered its common one, the hits never
// change, and look-alikes, stopwords and short words are not offered.
#include "index_support.hpp"
#include "search/also_written.hpp"
#include "terms/query_terms.hpp"
#include "vocabulary_support.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <xapian.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

using fahras::Article;
using fahras::Index;
using fahras::SearchRequest;
using fahras::SearchResults;
using fahras::Searcher;

namespace {


// The two spellings of one name, the common one in four articles, the rare one in two.
Index names_index() {
    return fahras::test::in_memory_index_of({
        "قال الرئيس ترامب إن المحادثات مثمرة",
        "وصل ترامب إلى العاصمة مساء أمس",
        "انتقد ترامب قرار المحكمة في خطاب",
        "أعلن البيت الأبيض أن ترامب سيزور المنطقة",
        "التقى ترمب رئيس الوزراء في واشنطن",
        "غرد ترمب عن الانتخابات المقبلة",
        "يعمل العامل في المصنع منذ سنوات",
        "العمل في الميناء متواصل والعمل شاق",
        "ناقش المجلس العمل البلدي وعمل اللجان",
        "تحدثت هذه الصحيفة عن هذه القضية وهذه المسألة",
        "نشرت هذه الوكالة الخبر",
        "قرأ هاذه الرسالة بخط اليد",
        "زار عمر المدرسة وزار عمرو المدرسة وعمرو المكتبة",
        "جولة كيري الأخيرة",
        "جسر كبري المدينة وكبري النهر",
    });
}

SearchResults run(const Searcher& s, const std::string& query, bool also_written = true) {
    SearchRequest r;
    r.query = query;
    r.limit = 100;
    r.also_written = also_written;
    return s.search(r);
}

std::set<std::string> ids(const SearchResults& results) {
    std::set<std::string> out;
    for (const auto& h : results.hits) out.insert(h.id);
    return out;
}

}  // namespace

TEST_CASE("the rarer spelling of a name is offered the spelling the index holds more often") {
    const Index index = names_index();
    const Searcher s(index);
    const SearchResults r = run(s, "ترمب");
    REQUIRE(r.also_written.size() == 1);
    CHECK(r.also_written[0].word == "ترمب");
    CHECK(r.also_written[0].spelling == "ترامب");
    CHECK(r.also_written[0].documents == 4);
    // The common spelling is not offered the rare one: it would add fewer documents than it holds.
    CHECK(run(s, "ترامب").also_written.empty());
    // Each query word is looked at: the name beside another word.
    const SearchResults two = run(s, "ترمب واشنطن");
    REQUIRE(two.also_written.size() == 1);
    CHECK(two.also_written[0].spelling == "ترامب");
}

TEST_CASE("an offered spelling is never merged into the hits") {
    const Index index = names_index();
    const Searcher s(index);
    const std::set<std::string> rare{"d5", "d6"};
    CHECK(ids(run(s, "ترمب")) == rare);
    CHECK(ids(run(s, "ترمب", false)) == rare);
    CHECK(run(s, "ترمب").estimated_total == run(s, "ترمب", false).estimated_total);
}

TEST_CASE("also_written = false offers nothing") {
    const Index index = names_index();
    const Searcher s(index);
    CHECK(run(s, "ترمب", false).also_written.empty());
}

TEST_CASE("a look-alike is not offered: a common word, a letter outside the sound classes, a short word") {
    const Index index = names_index();
    const Searcher s(index);
    CHECK(run(s, "عامل").also_written.empty());  // عمل is a word of its own: the index holds it behind the article
    CHECK(run(s, "كيري").also_written.empty());  // ي and ب are no spellings of one sound
    CHECK(run(s, "عمر").also_written.empty());   // three letters: عمرو is another name
}

TEST_CASE("a stopword is never offered, nor looked at") {
    const Index index = names_index();
    const Searcher s(index);
    CHECK(run(s, "هاذه").also_written.empty());  // هذه is one vowel away and far more frequent
    CHECK(run(s, "هذه").also_written.empty());
    CHECK(run(s, "-ترمب العاصمة").also_written.empty());  // an excluded word is no query word to offer for
}

TEST_CASE("the cost is bounded: long words and many of them") {
    const Index index = names_index();
    const Searcher s(index);
    std::string query;
    for (int i = 0; i < 30; ++i) query += std::string(i % 2 ? "ترمبواشنطنالعاصمة" : "ترمب") + std::to_string(i) + " ";
    query += "ترمب";
    const auto start = std::chrono::steady_clock::now();
    const SearchResults r = run(s, query);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(r.also_written.size() == 1);  // the one name, once
    CHECK(seconds < 2.0);
}

// spelling_candidates(..., offers_only) skips the look-alikes of a word that fails the rule's own half;
// the offers must be exactly those of every candidate filtered by the rule, for every word.
TEST_CASE("offers_only: the same offers as every candidate filtered by the rule, over every word") {
    const fahras::Analyzer analyzer;
    std::vector<std::string> bodies;
    for (const Article& a : fahras::test::news_articles()) bodies.push_back(a.title + " " + a.body);
    for (int copy = 0; copy < 4; ++copy)  // a name in two spellings, often enough to be offered
        for (const char* body : {"قال الرئيس ترامب إن المحادثات مثمرة", "وصل ترامب إلى العاصمة", "غرد ترمب مساء",
                                 "جولة كيري الأخيرة", "التقى كيرى نظيره", "يعمل العامل في المصنع والعمل شاق"})
            bodies.emplace_back(body);
    const Xapian::Database db = fahras::test::vocabulary_database(analyzer, bodies);
    const std::vector<Xapian::Database> shards{db};
    const fahras::RankingOptions ranking;
    fahras::detail::QueryExpander expander(analyzer, ranking, db, shards);
    std::set<std::string> words;
    for (const std::string& body : bodies)
        analyzer.for_each_token(body, [&](const fahras::TokenView& t) { words.insert(std::string(t.normalized)); });
    auto offers = [](const std::vector<fahras::detail::SpellingCandidate>& candidates) {
        std::vector<std::string> out;
        for (const auto& c : candidates)
            if (c.offered) out.push_back(c.spelling);
        return out;
    };
    std::size_t spared = 0, offered = 0;
    for (const std::string& w : words) {
        CAPTURE(w);
        const auto all = fahras::detail::spelling_candidates(analyzer, expander, w);
        const auto only = fahras::detail::spelling_candidates(analyzer, expander, w, true);
        CHECK(offers(all) == offers(only));
        spared += only.empty() && !all.empty();
        offered += !offers(all).empty();
    }
    MESSAGE(words.size() << " words, " << offered << " with offers, " << spared << " whose look-alikes were spared");
    CHECK(offered > 0);
    CHECK(spared > 0);
}
