// "Also written as" (lib/search/also_written.hpp) measured on a real index: the precision and recall
// of its offers over a hand-judged list of spelling pairs, both directions of each pair, at the
// library's rule and at looser frequency ratios; then, given queries, the median query time with and
// without the offers.
// Usage: also_written_eval INDEX PAIRS.tsv [QUERIES.jsonl [PASSES=7]]
//   PAIRS.tsv: word <TAB> other spelling <TAB> true|false <TAB> note; '#' starts a comment line.
// Exits 77 when the index or the pair list is absent (a corpus that is not on this machine).
#include "bench_support.hpp"

#include "search/also_written.hpp"
#include "terms/query_terms.hpp"

#include <fahras/fahras.hpp>

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Pair {
    std::string word, other;
    bool same = false;
};

std::vector<Pair> load_pairs(const std::string& path) {
    std::ifstream in(path);
    std::vector<Pair> out;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        Pair p;
        std::string label;
        std::getline(fields, p.word, '\t');
        std::getline(fields, p.other, '\t');
        std::getline(fields, label, '\t');
        p.same = label == "true";
        out.push_back(p);
    }
    return out;
}

const char* edit_name(fahras::detail::NameEdit e) {
    using fahras::detail::NameEdit;
    switch (e) {
        case NameEdit::VOWEL_IN: return "vowel+";
        case NameEdit::VOWEL_OUT: return "vowel-";
        case NameEdit::VOWEL_SWAP: return "vowel~";
        case NameEdit::CONSONANT_SWAP: return "sound~";
    }
    return "?";
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: also_written_eval INDEX PAIRS.tsv [QUERIES.jsonl [PASSES]]\n";
        return 2;
    }
    const std::string index_path = argv[1];
    if (!std::filesystem::exists(index_path) || !std::filesystem::exists(argv[2])) {
        std::cerr << "skipped: " << index_path << " or " << argv[2] << " is absent\n";
        return 77;
    }
    const fahras::Analyzer analyzer;
    const fahras::RankingOptions ranking;
    const Xapian::Database db(index_path);
    const std::vector<Xapian::Database> shards{db};
    fahras::detail::QueryExpander expander(analyzer, ranking, db, shards);

    // Each pair is asked both ways; an offer counts when its folded spelling is the pair's other word.
    const std::vector<double> ratios{fahras::detail::kAlsoWrittenMinRatio, 0.5, 0.25, 0.1};
    std::vector<int> tp(ratios.size()), fp(ratios.size());
    int positives = 0, true_pairs = 0, pairs_offered = 0;  // pairs offered one way or the other, at the rule
    std::cout << "word\tother\tjudged\tcandidate\tedit\tword_docs\tother_docs\toffered\n";
    for (const Pair& pair : load_pairs(argv[2])) {
        true_pairs += pair.same;
        bool offered_once = false;
        for (int way = 0; way < 2; ++way) {
            const std::string& word = way == 0 ? pair.word : pair.other;
            const std::string& other = way == 0 ? pair.other : pair.word;
            positives += pair.same;
            const std::string want = analyzer.fold(other);
            const auto candidates = fahras::detail::spelling_candidates(analyzer, expander, word);
            const auto it = std::find_if(candidates.begin(), candidates.end(),
                                         [&](const auto& c) { return analyzer.fold(c.spelling) == want; });
            std::cout << word << '\t' << other << '\t' << (pair.same ? "same" : "other") << '\t';
            if (it == candidates.end()) {
                std::cout << "-\t-\t-\t-\tno\n";
                continue;
            }
            offered_once = offered_once || (pair.same && it->offered);
            std::cout << it->spelling << '\t' << edit_name(it->edit) << '\t' << it->word_group << '\t' << it->group
                      << '\t' << (it->offered ? "YES" : "no") << "\tarticle " << it->word_article << '/' << it->article << '\n';
            for (std::size_t r = 0; r < ratios.size(); ++r) {
                if (fahras::detail::offer_rule(*it, ratios[r])) (pair.same ? tp[r] : fp[r])++;
            }
        }
        pairs_offered += offered_once;
    }
    std::cout << "\nratio\toffered\ttrue\tprecision\trecall (of " << positives << " true directions)\n";
    for (std::size_t r = 0; r < ratios.size(); ++r) {
        const int offered = tp[r] + fp[r];
        std::cout << ratios[r] << (r == 0 ? " (rule)" : "") << '\t' << offered << '\t' << tp[r] << '\t' << std::fixed
                  << std::setprecision(3) << (offered ? double(tp[r]) / offered : 0.0) << '\t'
                  << (positives ? double(tp[r]) / positives : 0.0) << std::defaultfloat << '\n';
    }
    std::cout << "true pairs offered one way or the other at the rule: " << pairs_offered << " of " << true_pairs
              << '\n';
    if (argc < 4) return 0;

    // Cost: each query alone, passes interleaved with and without the offers, median per query.
    const fahras::Index index = fahras::Index::open(index_path, fahras::OpenMode::READ_ONLY);
    const fahras::Searcher searcher(index);
    const auto queries = fahras::bench::load_queries(argv[3]);
    const int passes = argc > 4 ? std::stoi(argv[4]) : 7;
    std::vector<std::vector<double>> times[2];
    for (auto& t : times) t.assign(queries.size(), {});
    std::cout << "\noffers on the queries:\n";
    for (int pass = -1; pass < passes; ++pass) {  // pass -1 warms the caches
        for (std::size_t q = 0; q < queries.size(); ++q) {
            for (int on = 0; on < 2; ++on) {
                fahras::SearchRequest request;
                request.query = queries[q].second;
                request.also_written = on == 1;
                const auto start = std::chrono::steady_clock::now();
                const fahras::SearchResults results = searcher.search(request);
                const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
                if (pass >= 0) times[on][q].push_back(ms);
                if (pass == -1 && on == 1)
                    for (const auto& a : results.also_written)
                        std::cout << "  " << a.word << " -> " << a.spelling << " (" << a.documents << ")\n";
            }
        }
    }
    std::vector<double> off, on, extra;
    for (std::size_t q = 0; q < queries.size(); ++q) {
        off.push_back(median(times[0][q]));
        on.push_back(median(times[1][q]));
        extra.push_back(on.back() - off.back());
    }
    std::cout << std::fixed << std::setprecision(3) << "\nqueries " << queries.size() << ", passes " << passes
              << "\nmedian ms without offers " << median(off) << "\nmedian ms with offers    " << median(on)
              << "\nmedian extra ms per query " << median(extra) << "\nmax extra ms per query   "
              << *std::max_element(extra.begin(), extra.end()) << '\n';
    return 0;
}
