// A query of one word weighs its own spelling more (RankingOptions::lone_word_exact_weight): with
// no second word to say which word is meant, the spelling is the only evidence, so فايز (the name)
// ranks the article writing فايز above one writing فائز (winner) many times. Which queries
// are lone words (detail::is_lone_word), and that the searcher uses the weight for them only.
#include "index_support.hpp"
#include "search/query_builder.hpp"
#include "search/query_parser.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using fahras::Analyzer;
using fahras::Index;
using fahras::RankingOptions;
using fahras::SearchRequest;
using fahras::Searcher;

namespace {

bool lone_word(const std::string& text) {
    static const Analyzer analyzer;
    bool truncated = false;
    return fahras::detail::is_lone_word(analyzer, fahras::detail::parse_query(text, truncated));
}

// d1 writes فائز (winner) four times and the name فايز never; d2 writes فايز once. ئ/ي fold
// together, so both match فايز; only the spelling tells them apart.
Index corpus() {
    return fahras::test::in_memory_index_of({
        "أعلنت اللجنة اسم الفائز بالجائزة وقالت إن فائز هذا العام كتب روايته في سنتين وسيتسلم فائز الجائزة شهادة وسيكرم كل فائز في حفل",
        "استقبل الوزير فايز الحسن وفدا من رجال الأعمال في مكتبه بالعاصمة أمس",
        "عقد المجلس جلسته الأسبوعية في العاصمة وناقش جدول الأعمال",
    });
}

std::vector<std::string> ranked_ids(const Index& index, const RankingOptions& ranking, const std::string& query) {
    SearchRequest r;
    r.query = query;
    std::vector<std::string> out;
    for (const auto& hit : Searcher(index, ranking).search(r).hits) out.push_back(hit.id);
    return out;
}

std::vector<double> scores(const Index& index, const RankingOptions& ranking, const std::string& query) {
    SearchRequest r;
    r.query = query;
    std::vector<double> out;
    for (const auto& hit : Searcher(index, ranking).search(r).hits) out.push_back(hit.score);
    return out;
}

RankingOptions with_lone_exact(double weight) {
    RankingOptions r;
    r.lone_word_exact_weight = weight;
    return r;
}

}  // namespace

TEST_CASE("a query is a lone word when it ranks exactly one word") {
    CHECK(lone_word("علي"));
    CHECK(lone_word("وعلي"));            // a proclitic does not make a second word
    CHECK(lone_word("\"علي\""));         // a quoted word is still one
    CHECK(lone_word("title:علي"));
    CHECK(lone_word("علي -الحسن"));      // an excluded word does not rank
    CHECK(lone_word("علي source:الجسر"));  // nor does a filter
    CHECK_FALSE(lone_word("علي الحسن"));
    CHECK_FALSE(lone_word("\"علي الحسن\""));
    CHECK_FALSE(lone_word("متى وصل علي"));
    CHECK_FALSE(lone_word(""));
}

TEST_CASE("a lone word's own spelling outranks a folded one only with lone_word_exact_weight") {
    const Index index = corpus();
    // With the multi-word exact_weight (0.2) the four فائز win; the default lone weight puts فايز first.
    const auto weak = ranked_ids(index, with_lone_exact(RankingOptions().exact_weight), "فايز");
    REQUIRE(weak.size() == 2);
    CHECK(weak[0] == "d1");
    const auto strong = ranked_ids(index, RankingOptions(), "فايز");
    REQUIRE(strong.size() == 2);
    CHECK(strong[0] == "d2");
    // The other way round, the common word's spelling ranks the common word's article first.
    const auto prep = ranked_ids(index, RankingOptions(), "فائز");
    REQUIRE(prep.size() == 2);
    CHECK(prep[0] == "d1");
}

TEST_CASE("queries of more than one word keep exact_weight") {
    const Index index = corpus();
    for (const std::string q : {"فايز الحسن", "فايز العاصمة", "\"فايز الحسن\""}) {
        CAPTURE(q);
        CHECK(scores(index, with_lone_exact(0.2), q) == scores(index, with_lone_exact(10.0), q));
    }
    CHECK(scores(index, with_lone_exact(0.2), "فايز") != scores(index, with_lone_exact(10.0), "فايز"));
}
