// Questions and names normalize document length differently (RankingOptions::question_b): a
// question's answer is a passage that says it, a name's relevant articles are every article naming
// it. Which queries read as questions (detail::reads_as_question), and that the searcher ranks them,
// and only them, with question_b.
#include "index_support.hpp"
#include "search/query_builder.hpp"
#include "search/query_parser.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using fahras::Analyzer;
using fahras::Article;
using fahras::Index;
using fahras::RankingOptions;
using fahras::SearchRequest;
using fahras::Searcher;

namespace {

bool question(const std::string& text) {
    static const Analyzer analyzer;
    bool truncated = false;
    return fahras::detail::reads_as_question(analyzer, fahras::detail::parse_query(text, truncated));
}


// Two articles naming كيري and موسكو, one short and one long, so that b changes their scores.
Index corpus() {
    Index index = Index::in_memory();
    std::string long_body = "زار كيري موسكو أمس";
    for (int i = 0; i < 12; ++i) long_body += " وتناولت المحادثات ملفات إقليمية عديدة بين الجانبين";
    index.add(fahras::test::news_item("long", long_body));  // first: a tie would rank it first
    index.add(fahras::test::news_item("short", "وصل كيري إلى موسكو في زيارة قصيرة"));
    index.add(fahras::test::news_item("other", "عقد المجلس جلسته الأسبوعية في العاصمة"));
    index.commit();
    return index;
}

std::vector<double> scores(const Index& index, const RankingOptions& ranking, const std::string& query) {
    SearchRequest r;
    r.query = query;
    r.limit = 10;
    std::vector<double> out;
    for (const auto& hit : Searcher(index, ranking).search(r).hits) out.push_back(hit.score);
    return out;
}

RankingOptions with_b(double b, double question_b) {
    RankingOptions r;
    r.b = b;
    r.question_b = question_b;
    return r;
}

}  // namespace

TEST_CASE("a query reads as a question when it holds a stopword or more than five words") {
    CHECK(question("متى زار كيري موسكو"));  // متى and the question's shape
    CHECK(question("كيري في موسكو"));        // في is a stopword
    CHECK(question("زيارة وزير الخارجية الأمريكي إلى العاصمة الروسية"));  // six words and a stopword
    CHECK(question("زيارة وزير الخارجية الأمريكي العاصمة الروسية"));      // six words
    CHECK(question("\"كيري في موسكو\""));   // a quoted sentence is still one
    CHECK_FALSE(question("كيري"));
    CHECK_FALSE(question("سيرغي لافروف"));
    CHECK_FALSE(question("عبد ربه منصور هادي"));
    CHECK_FALSE(question("كيري -في"));           // an excluded word does not rank
    CHECK_FALSE(question("كيري source:في"));     // nor does a filter
    CHECK_FALSE(question(""));
}

TEST_CASE("questions rank with question_b, names with b") {
    const Index index = corpus();
    const std::string q = "متى زار كيري موسكو";
    const std::string name = "كيري";
    // A question scores as if b were question_b, whatever b is.
    CHECK(scores(index, with_b(0.3, 1.0), q) == scores(index, with_b(1.0, 1.0), q));
    CHECK(scores(index, with_b(0.3, 1.0), q) != scores(index, with_b(0.3, 0.3), q));
    // A name scores with b, whatever question_b is.
    CHECK(scores(index, with_b(0.3, 1.0), name) == scores(index, with_b(0.3, 0.3), name));
    CHECK(scores(index, with_b(0.3, 1.0), name) != scores(index, with_b(1.0, 1.0), name));
    // Stronger normalization for the question puts the short article first; without it the two tie.
    SearchRequest r;
    r.query = q;
    const auto hits = Searcher(index, with_b(0.0, 1.0)).search(r).hits;
    REQUIRE(hits.size() >= 2);
    CHECK(hits[0].id == "short");
    const auto flat = Searcher(index, with_b(0.0, 0.0)).search(r).hits;
    REQUIRE(flat.size() >= 2);
    CHECK(flat[0].id == "long");
}
