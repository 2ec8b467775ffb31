// The fully vowelled sentences written for fahras (tests/fixtures/vowelled_sentences.txt) and the same
// text with harakat stripped, indexed separately, give the same ranked results for every word and word
// pair of the text.
#include "test_support.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> ids(const fahras::Searcher& searcher, const std::string& query) {
    fahras::SearchRequest r;
    r.query = query;
    r.snippets = false;
    r.suggest = false;
    std::vector<std::string> out;
    for (const auto& hit : searcher.search(r).hits) out.push_back(hit.id);
    return out;
}

}  // namespace

TEST_CASE("diacritized and harakat-stripped text rank the same for queries drawn from the text") {
    std::ifstream in(std::string(FAHRAS_FIXTURES) + "/vowelled_sentences.txt");
    REQUIRE(in);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    REQUIRE(lines.size() >= 30);

    fahras::Index diacritized = fahras::Index::in_memory();
    fahras::Index plain = fahras::Index::in_memory();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        diacritized.add({std::to_string(i), "", lines[i], "", "", "", "", {}});
        plain.add({std::to_string(i), "", fahras::test::strip_harakat(lines[i]), "", "", "", "", {}});
    }
    const fahras::Searcher a(diacritized), b(plain);
    int compared = 0, with_hits = 0;
    for (const std::string& line : lines) {
        std::istringstream words(line);
        std::string previous;
        for (std::string word; words >> word; previous = word) {
            for (const std::string& query : {word, previous + " " + word}) {
                const auto ra = ids(a, query);
                CAPTURE(query);
                CHECK(ra == ids(b, fahras::test::strip_harakat(query)));
                ++compared;
                with_hits += !ra.empty();
            }
            if (compared > 600) break;
        }
    }
    CHECK(with_hits > 300);  // the comparison is not vacuous
}
