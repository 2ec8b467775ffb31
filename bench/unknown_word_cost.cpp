// The cost of "did you mean": each query is timed as given and with one word made unknown (its
// second letter doubled, so the index holds it in no form and a suggestion is looked for), both with
// suggestions on, after a warm-up pass; medians over REPEAT rounds per query. Issue 13 asks the
// unknown-word query to cost at most twice the query without one.
//
//   unknown_word_cost INDEX QUERIES.jsonl [--repeat 5]
#include <fahras/index.hpp>
#include <fahras/search.hpp>

#include "bench_support.hpp"
#include "latency.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace {

// The query with its longest word's second code point doubled (كيري → كييري), or "" when no word
// has two letters.
std::string with_unknown_word(const fahras::Analyzer& analyzer, const std::string& text) {
    std::size_t begin = 0, end = 0;
    for (const fahras::Token& t : analyzer.analyze(text))
        if (!t.stopword && t.end - t.begin > end - begin) begin = t.begin, end = t.end;
    if (end - begin < 4) return {};
    std::size_t second = begin + 1;
    while (second < end && (static_cast<unsigned char>(text[second]) & 0xC0) == 0x80) ++second;
    std::size_t third = second + 1;
    while (third < end && (static_cast<unsigned char>(text[third]) & 0xC0) == 0x80) ++third;
    return text.substr(0, third) + text.substr(second, third - second) + text.substr(third);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: unknown_word_cost INDEX QUERIES.jsonl [--repeat 5]\n";
        return 2;
    }
    unsigned repeat = 5;
    if (argc >= 5 && std::string(argv[3]) == "--repeat") repeat = static_cast<unsigned>(std::stoul(argv[4]));
    const fahras::Index index = fahras::Index::open(argv[1], fahras::OpenMode::READ_ONLY);
    const fahras::Searcher searcher(index);
    const fahras::Analyzer& analyzer = index.analyzer();
    std::vector<std::string> plain, unknown;
    for (const auto& [id, text] : fahras::bench::load_queries(argv[2])) {
        const std::string changed = with_unknown_word(analyzer, text);
        if (changed.empty()) continue;
        plain.push_back(text);
        unknown.push_back(changed);
    }
    auto run = [&](const std::string& text) {
        fahras::SearchRequest request;
        request.query = text;
        request.limit = 10;
        request.stored_fields = false;
        request.suggest = true;
        return searcher.search(request);
    };
    std::size_t suggested = 0;
    for (std::size_t i = 0; i < plain.size(); ++i) {  // warm-up, and how often a suggestion came
        run(plain[i]);
        suggested += !run(unknown[i]).suggestion.empty();
    }
    std::vector<double> ms_plain, ms_unknown, ratios;
    for (std::size_t i = 0; i < plain.size(); ++i) {
        std::vector<double> a, b;
        for (unsigned r = 0; r < repeat; ++r) {
            auto t = fahras::bench::Clock::now();
            run(plain[i]);
            a.push_back(fahras::bench::seconds_since(t) * 1e3);
            t = fahras::bench::Clock::now();
            run(unknown[i]);
            b.push_back(fahras::bench::seconds_since(t) * 1e3);
        }
        ms_plain.push_back(fahras::bench::median(a));
        ms_unknown.push_back(fahras::bench::median(b));
        ratios.push_back(ms_unknown.back() / std::max(ms_plain.back(), 1e-6));
    }
    const nlohmann::json out = {{"queries", plain.size()},
                                {"with_suggestion", suggested},
                                {"median_ms_plain", fahras::bench::median(ms_plain)},
                                {"median_ms_unknown_word", fahras::bench::median(ms_unknown)},
                                {"median_ratio", fahras::bench::median(ratios)}};
    std::cout << out.dump() << "\n";
    return 0;
}
